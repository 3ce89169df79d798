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
}

export interface TableInfo {
  id: string;
  label: string;
  minSeats: number;
  maxSeats: number;
  active: boolean;
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
