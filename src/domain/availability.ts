import { dateStatus, earliestStart, type BookingMode } from './booking-window.ts';
import { isIsoDate } from './clock-time.ts';
import { slotGrid } from './slot-grid.ts';
import { pacingAllows } from './pacing.ts';
import {
  indexOccupancy,
  pickSeating,
  seatingsFor,
  type CombinationInfo,
  type Seating,
  type SeatingFilter,
} from './seating.ts';
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
  /** table combinations that may seat the party when no single table is free */
  combinations?: readonly CombinationInfo[];
  /** which tables count (default: every active table) */
  filter?: SeatingFilter;
  /** seatingsFor(tables, combinations, party, filter) when the caller has it already */
  seatings?: readonly Seating[];
  /** covers already starting at each instant; with rules.maxCoversPerSlot set, full starts are left out */
  covers?: ReadonlyMap<number, number>;
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
  const seatings =
    query.seatings ?? seatingsFor(tables, query.combinations ?? [], party, query.filter ?? { onlineOnly: false });
  if (seatings.length === 0) return [];
  const earliest = earliestStart(rules, now, query.mode ?? 'guest');
  const index = indexOccupancy(occupancy, query.ignoreBookingId);
  const limit = query.covers && (query.mode ?? 'guest') === 'guest' ? (rules.maxCoversPerSlot ?? null) : null;
  return (query.grid ?? slotGrid(rules, date, party)).filter(
    (s) =>
      s.startsAt >= earliest &&
      pacingAllows(limit, query.covers?.get(s.startsAt) ?? 0, party) &&
      pickSeating(seatings, index, s.startsAt, s.endsAt) !== null,
  );
}

/**
 * Up to `max` slots nearest in time to the requested start (before or after),
 * nearest first, ties earlier first; the requested instant itself is excluded.
 */
export function nearestAlternatives(slots: readonly Slot[], requestedStartsAt: number, max = 3): Slot[] {
  return slots
    .filter((s) => s.startsAt !== requestedStartsAt)
    .map((s) => ({ s, d: Math.abs(s.startsAt - requestedStartsAt) }))
    .sort((a, b) => a.d - b.d || a.s.startsAt - b.s.startsAt)
    .slice(0, Math.max(0, max))
    .map((x) => x.s);
}
