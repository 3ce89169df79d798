/**
 * What `db copy`, `db dump` and `db load` move: every application table, in foreign-key
 * order (parents first), with its primary key and the kind of each column. Kysely's own
 * migration tables are NOT listed: a target is migrated by its own migrator.
 * `checkCatalogue()` compares this list with the live schema, so a new migration that adds
 * a column without updating this file fails loudly instead of losing data.
 */

/** 'int' = INTEGER/BIGINT (instants, counts, 0/1 flags); 'text' = VARCHAR/TEXT. */
export type ColumnKind = 'int' | 'text';

export interface TransferTable {
  name: string;
  primaryKey: string[];
  columns: { name: string; kind: ColumnKind }[];
  /**
   * The key holds free text (not UUIDs, hex digests or dates), whose order differs between
   * SQLite's binary collation, MySQL's utf8mb4_unicode_ci and a PostgreSQL locale: such
   * tables are read in binary order on every backend (they are small, short-lived rows).
   */
  binaryKeyOrder?: boolean;
}

function table(name: string, primaryKey: string[], spec: string, binaryKeyOrder = false): TransferTable {
  const columns = spec
    .split(/\s+/)
    .filter(Boolean)
    .map((entry) => {
      const [column, kind] = entry.split(':');
      return { name: column, kind: (kind ?? 'text') as ColumnKind };
    });
  return { name, primaryKey, columns, binaryKeyOrder };
}

export const TRANSFER_TABLES: readonly TransferTable[] = [
  table(
    'restaurants',
    ['id'],
    `id slug name timezone slot_interval_minutes:int booking_window_days:int
    min_notice_minutes:int cancel_cutoff_minutes:int max_party_size:int durations max_covers_per_slot:int hold_minutes:int created_at:int updated_at:int
    locale reminder_hours:int`,
  ),
  table('staff_users', ['id'], 'id email name password_hash is_admin:int created_at:int disabled:int'),
  table('opening_hours', ['restaurant_id', 'id'], 'restaurant_id id weekday:int opens closes'),
  table('closures', ['restaurant_id', 'date'], 'restaurant_id date note created_at:int'),
  table(
    'dining_tables',
    ['restaurant_id', 'id'],
    `restaurant_id id label min_seats:int max_seats:int active:int
    area bookable_online:int created_at:int updated_at:int`,
  ),
  table(
    'table_combinations',
    ['restaurant_id', 'id'],
    'restaurant_id id min_seats:int max_seats:int active:int created_at:int updated_at:int',
  ),
  table('combination_tables', ['restaurant_id', 'combination_id', 'table_id'], 'restaurant_id combination_id table_id'),
  table('memberships', ['restaurant_id', 'user_id'], 'restaurant_id user_id role created_at:int'),
  table(
    'bookings',
    ['restaurant_id', 'id'],
    `restaurant_id id reference table_id combination_id party:int starts_at:int
    ends_at:int service_date local_time name email phone notes status source manage_token_hash created_at:int updated_at:int
    locale confirmed_by_guest:int search_text`,
  ),
  table(
    'holds',
    ['restaurant_id', 'id'],
    `restaurant_id id table_id combination_id party:int starts_at:int ends_at:int
    service_date local_time expires_at:int created_at:int`,
  ),
  table(
    'table_occupancy',
    ['restaurant_id', 'table_id', 'cell'],
    'restaurant_id table_id cell:int booking_id hold_id expires_at:int',
  ),
  table('slot_pacing', ['restaurant_id', 'starts_at'], 'restaurant_id starts_at:int writes:int'),
  table('sessions', ['id'], 'id user_id csrf_token created_at:int last_seen_at:int expires_at:int'),
  table(
    'idempotency_records',
    ['restaurant_id', 'scope', 'key_hash'],
    `restaurant_id scope key_hash request_hash
    status_code:int response_body created_at:int expires_at:int`,
    true,
  ),
  table('rate_limits', ['bucket', 'window_start'], 'bucket window_start:int hits:int expires_at:int', true),
  table(
    'email_outbox',
    ['restaurant_id', 'id'],
    `restaurant_id id booking_id kind to_address subject body_text ics
    status attempts:int next_attempt_at:int claimed_by claimed_until:int last_error created_at:int sent_at:int
    body_html sealed_token sealed_fields`,
  ),
  table('booking_changes', ['restaurant_id'], 'restaurant_id version:int'),
];

export function findTable(name: string): TransferTable | undefined {
  return TRANSFER_TABLES.find((t) => t.name === name);
}

export function columnNames(table: TransferTable): string[] {
  return table.columns.map((c) => c.name);
}
