import { bookableDateRange, dateStatus, earliestStart, type BookingMode } from './booking-window.ts';
import type { RestaurantRules, Slot } from './types.ts';

/** Why an availability answer has no slots (SPEC §9.1). */
export type NoSlotsReason = 'closed' | 'past' | 'beyond_window' | 'full';

/**
 * closed: a closure, or no service that day (no start time on the grid for the party);
 * past: the date is over, or every start time of it has passed (notice included for guests);
 * beyond_window: later than today + bookingWindowDays; full: start times exist but none is free.
 */
export function noSlotsReason(
  rules: RestaurantRules,
  date: string,
  now: number,
  grid: readonly Slot[],
  mode: BookingMode = 'guest',
): NoSlotsReason {
  const status = dateStatus(rules, date, now);
  if (status === 'past' || date < bookableDateRange(rules, now).today) return 'past';
  if (status === 'beyond') return 'beyond_window';
  if (status === 'closed' || grid.length === 0) return 'closed';
  const earliest = earliestStart(rules, now, mode);
  return grid.some((s) => s.startsAt >= earliest) ? 'full' : 'past';
}
