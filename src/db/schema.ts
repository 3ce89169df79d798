/**
 * Table interfaces. Instants are epoch milliseconds (BIGINT), local dates "YYYY-MM-DD",
 * local times "HH:MM", flags 0/1 integers: identical on SQLite, MySQL and PostgreSQL.
 * See docs/decisions/0002-portable-column-types.md.
 */

import type { Locale } from '../i18n/locale.ts';

export interface RestaurantsTable {
  id: string;
  slug: string;
  name: string;
  timezone: string;
  slot_interval_minutes: number;
  booking_window_days: number;
  min_notice_minutes: number;
  cancel_cutoff_minutes: number;
  max_party_size: number;
  /** JSON: [{maxParty, minutes}] */
  durations: string;
  /** pacing: most covers starting at one slot time; null = no limit */
  max_covers_per_slot: number | null;
  /** minutes a hold keeps a table; 0 = holds off */
  hold_minutes: number;
  created_at: number;
  updated_at: number;
  /** the language of the restaurant's own pages when the guest states none (SPEC §9.3) */
  locale?: Locale;
  /** reminder email this many hours before the start; 0 = none (default 24) */
  reminder_hours?: number;
}

export interface OpeningHoursTable {
  restaurant_id: string;
  id: string;
  weekday: number;
  opens: string;
  closes: string;
}

export interface ClosuresTable {
  restaurant_id: string;
  date: string;
  note: string | null;
  created_at: number;
}

export interface DiningTablesTable {
  restaurant_id: string;
  id: string;
  label: string;
  min_seats: number;
  max_seats: number;
  active: number;
  area: string | null;
  bookable_online: number;
  created_at: number;
  updated_at: number;
}

/** Tables pushed together; members in combination_tables. */
export interface TableCombinationsTable {
  restaurant_id: string;
  id: string;
  min_seats: number;
  max_seats: number;
  active: number;
  created_at: number;
  updated_at: number;
}

export interface CombinationTablesTable {
  restaurant_id: string;
  combination_id: string;
  table_id: string;
}

/** A table (or combination) kept for a guest until expires_at; its cells carry the same expiry. */
export interface HoldsTable {
  restaurant_id: string;
  id: string;
  /** the first member table (natural order) when on a combination */
  table_id: string;
  combination_id: string | null;
  party: number;
  starts_at: number;
  ends_at: number;
  service_date: string;
  local_time: string;
  expires_at: number;
  created_at: number;
}

/** One row per restaurant and slot start: the lock every pacing check takes (decision 0007). */
export interface SlotPacingTable {
  restaurant_id: string;
  starts_at: number;
  writes: number;
}

export interface BookingsTable {
  restaurant_id: string;
  id: string;
  reference: string;
  /** the table; on a combination its first member table in natural order */
  table_id: string;
  /** set when the booking sits on a combination (it then holds every member table's cells) */
  combination_id: string | null;
  party: number;
  starts_at: number;
  ends_at: number;
  /** the service date (the date the service period opens), restaurant-local */
  service_date: string;
  /** local start "HH:MM" */
  local_time: string;
  name: string;
  email: string | null;
  phone: string | null;
  notes: string | null;
  status: string;
  source: string;
  manage_token_hash: string;
  created_at: number;
  updated_at: number;
  /** the language the booking was made in; its emails use it */
  locale?: Locale;
  /** 1 once the guest confirmed (the reminder's link) */
  confirmed_by_guest?: number;
  /** reference, name, email, phone: NFC, lower-cased, newline-separated (see domain/search-text.ts) */
  search_text?: string | null;
}

/** One row per (table, 5-minute UTC cell) held by a live booking or hold: the double-booking guard. */
export interface TableOccupancyTable {
  restaurant_id: string;
  table_id: string;
  cell: number;
  /** exactly one of booking_id and hold_id is set */
  booking_id: string | null;
  hold_id: string | null;
  /** a hold's expiry; null for bookings */
  expires_at: number | null;
}

export interface StaffUsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  is_admin: number;
  created_at: number;
  /** 1: cannot sign in (SPEC §9.2) */
  disabled: number;
}

export interface MembershipsTable {
  restaurant_id: string;
  user_id: string;
  role: string;
  created_at: number;
}

export interface SessionsTable {
  /** sha256 of the session token in the cookie */
  id: string;
  user_id: string;
  csrf_token: string;
  created_at: number;
  last_seen_at: number;
  expires_at: number;
}

export interface IdempotencyRecordsTable {
  restaurant_id: string;
  scope: string;
  /** sha256 of the Idempotency-Key */
  key_hash: string;
  /** sha256 of the canonical request body */
  request_hash: string;
  status_code: number;
  /** AES-256-GCM encrypted response body (base64) */
  response_body: string | null;
  created_at: number;
  expires_at: number;
}

export interface RateLimitsTable {
  bucket: string;
  window_start: number;
  hits: number;
  expires_at: number;
}

export interface EmailOutboxTable {
  restaurant_id: string;
  id: string;
  booking_id: string | null;
  kind: string;
  to_address: string;
  subject: string;
  body_text: string;
  ics: string | null;
  /** sealed JSON {manageUrl}: put into body_text (at MANAGE_URL_SLOT) only when sending; cleared once sent */
  sealed_fields?: string | null;
  status: string;
  attempts: number;
  next_attempt_at: number;
  claimed_by: string | null;
  claimed_until: number | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  /** the HTML part (same content as body_text); null for rows written before it existed */
  body_html?: string | null;
  /** the manage token sealed with the outbox link key (emails rendered at send time) */
  sealed_token?: string | null;
}

/** The change stamp of a restaurant's bookings: bumped in every booking write transaction. */
export interface BookingChangesTable {
  restaurant_id: string;
  version: number;
}

export interface DB {
  restaurants: RestaurantsTable;
  opening_hours: OpeningHoursTable;
  closures: ClosuresTable;
  dining_tables: DiningTablesTable;
  bookings: BookingsTable;
  table_occupancy: TableOccupancyTable;
  table_combinations: TableCombinationsTable;
  combination_tables: CombinationTablesTable;
  holds: HoldsTable;
  slot_pacing: SlotPacingTable;
  staff_users: StaffUsersTable;
  memberships: MembershipsTable;
  sessions: SessionsTable;
  idempotency_records: IdempotencyRecordsTable;
  rate_limits: RateLimitsTable;
  email_outbox: EmailOutboxTable;
  booking_changes: BookingChangesTable;
}
