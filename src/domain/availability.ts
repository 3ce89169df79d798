import { dateStatus, earliestStart, type BookingMode } from './booking-window.ts';
import { isIsoDate } from './clock-time.ts';
import { slotGrid } from './slot-grid.ts';
import { fittingTables, isTableFree } from './tables.ts';
import type { Occupancy, RestaurantRules, Slot, TableInfo } from './types.ts';

export interface AvailabilityQuery {
  date: string;
  party: number;
  now: number;
  mode?: BookingMode;
  /** a booking being changed: its own occupancy does not count */
  ignoreBookingId?: string;
  /** slotGrid(rules, date, party) when the caller has it already */
  grid?: readonly Slot[];
}

/**
 * Bookable slots of a service date for a party: the slot grid minus closures, dates
 * outside the window, starts inside the notice period (guest) or more than one
 * interval past (staff), and starts with no free fitting table.
 * Invalid input (bad date, party outside 1..maxPartySize) gives [].
 */
export function availableSlots(
  rules: RestaurantRules,
  tables: readonly TableInfo[],
  occupancy: readonly Occupancy[],
  query: AvailabilityQuery,
): Slot[] {
  const { date, party, now } = query;
  if (!isIsoDate(date) || !Number.isInteger(party) || party < 1 || party > rules.maxPartySize) {
    return [];
  }
  if (dateStatus(rules, date, now) !== 'ok') return [];
  const fitting = fittingTables(tables, party);
  if (fitting.length === 0) return [];
  const earliest = earliestStart(rules, now, query.mode ?? 'guest');
  return (query.grid ?? slotGrid(rules, date, party)).filter(
    (s) =>
      s.startsAt >= earliest &&
      fitting.some((t) => isTableFree(t.id, occupancy, s.startsAt, s.endsAt, query.ignoreBookingId)),
  );
}

/**
 * Up to `max` slots nearest in time to the requested start (before or after),
 * nearest first, ties earlier first; the requested instant itself is excluded.
 */
export function nearestAlternatives(
  slots: readonly Slot[],
  requestedStartsAt: number,
  max = 3,
): Slot[] {
  return slots
    .filter((s) => s.startsAt !== requestedStartsAt)
    .map((s) => ({ s, d: Math.abs(s.startsAt - requestedStartsAt) }))
    .sort((a, b) => a.d - b.d || a.s.startsAt - b.s.startsAt)
    .slice(0, Math.max(0, max))
    .map((x) => x.s);
}
