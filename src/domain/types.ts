/** Plain data the pure domain works on. Instants are epoch milliseconds (UTC). */

export interface DurationRule {
  maxParty: number;
  minutes: number;
}

export interface ServicePeriod {
  /** ISO weekday: 1 = Monday … 7 = Sunday */
  weekday: number;
  /** "HH:MM" local */
  opens: string;
  /** "HH:MM" local; earlier than or equal to opens means after midnight */
  closes: string;
}

export interface RestaurantRules {
  timezone: string;
  slotIntervalMinutes: number;
  bookingWindowDays: number;
  minNoticeMinutes: number;
  cancelCutoffMinutes: number;
  maxPartySize: number;
  durations: DurationRule[];
  hours: ServicePeriod[];
  /** local dates "YYYY-MM-DD" on which no bookings are taken */
  closures: string[];
  /** pacing: most covers starting at one slot time (guest bookings and holds); null = no limit */
  maxCoversPerSlot: number | null;
  /** how long a hold keeps a table for a guest; 0 = holds off */
  holdMinutes: number;
}

export interface TableInfo {
  id: string;
  label: string;
  minSeats: number;
  maxSeats: number;
  active: boolean;
  /** e.g. "Terrace"; null or absent = no area */
  area?: string | null;
  /** guests may book it online (default true) */
  bookableOnline?: boolean;
}

/** A live booking (confirmed or seated, or completed) holding a table. */
export interface Occupancy {
  bookingId: string;
  tableId: string;
  startsAt: number;
  endsAt: number;
}

/** A start time on the grid of one service period of a service date. */
export interface Slot {
  /** service date the slot belongs to, "YYYY-MM-DD" (the date the period opens) */
  date: string;
  /** local wall-clock start "HH:MM" */
  time: string;
  startsAt: number;
  endsAt: number;
}

export type BookingStatus = 'confirmed' | 'seated' | 'completed' | 'cancelled' | 'no_show';
export type BookingSource = 'web' | 'api' | 'staff';
/** A staff member's role in one restaurant (site admins are a flag on the user, not a role). */
export type StaffRole = 'manager' | 'host';

/** Statuses that hold a table. */
export const LIVE_STATUSES: readonly BookingStatus[] = ['confirmed', 'seated', 'completed'];
