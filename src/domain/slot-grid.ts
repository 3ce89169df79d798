import {
  MINUTES_PER_DAY,
  formatHHMM,
  isoWeekday,
  localToInstant,
  localToInstantLenient,
  parseHHMM,
} from './clock-time.ts';
import { diningMinutes } from './durations.ts';
import type { RestaurantRules, ServicePeriod, Slot } from './types.ts';

const MINUTE_MS = 60_000;

/** Opening and closing of a period as minutes from the service date's midnight. */
export function periodSpan(period: ServicePeriod): { opens: number; closes: number } | null {
  const opens = parseHHMM(period.opens);
  const closes = parseHHMM(period.closes);
  if (opens === null || closes === null) return null;
  return { opens, closes: closes <= opens ? closes + MINUTES_PER_DAY : closes };
}

/** Service periods that open on `date` (by ISO weekday). */
export function periodsOn(rules: Pick<RestaurantRules, 'hours'>, date: string): ServicePeriod[] {
  const weekday = isoWeekday(date);
  return rules.hours.filter((p) => p.weekday === weekday);
}

/** Milliseconds of `date` + `minutes` read as if the wall clock were UTC. */
function wallClockMs(date: string, minutes: number): number {
  return Date.parse(`${date}T00:00:00Z`) + minutes * MINUTE_MS;
}

/**
 * Starts of one period: every `interval` wall-clock minutes from `opens`, skipping
 * local times that do not exist, first occurrence of repeated ones, keeping only
 * starts whose elapsed dining time ends by the period's end instant.
 *
 * When the zone's offset is the same at both ends of the period (no DST change inside
 * it: every day but two a year), each start is wall clock minus that offset; only on
 * transition days is every start resolved through the time-zone database.
 */
function periodSlots(period: ServicePeriod, date: string, zone: string, interval: number, minutes: number): Slot[] {
  const span = periodSpan(period);
  if (!span || interval <= 0) return [];
  const endMs = localToInstantLenient(date, span.closes, zone);
  const openMs = localToInstant(date, span.opens, zone);
  const offset = openMs === null ? null : wallClockMs(date, span.opens) - openMs;
  const steady = offset !== null && wallClockMs(date, span.closes) - endMs === offset;
  const slots: Slot[] = [];
  for (let m = span.opens; m < span.closes; m += interval) {
    const startsAt = steady ? wallClockMs(date, m) - offset : localToInstant(date, m, zone);
    if (startsAt === null) continue;
    const endsAt = startsAt + minutes * MINUTE_MS;
    if (endsAt > endMs) continue;
    slots.push({ date, time: formatHHMM(m), startsAt, endsAt });
  }
  return slots;
}

/** Slots of all periods of `date` for a given dining time, sorted, deduplicated. */
export function slotGridForMinutes(
  rules: Pick<RestaurantRules, 'hours' | 'timezone' | 'slotIntervalMinutes'>,
  date: string,
  minutes: number,
): Slot[] {
  const all = periodsOn(rules, date).flatMap((p) =>
    periodSlots(p, date, rules.timezone, rules.slotIntervalMinutes, minutes),
  );
  all.sort((a, b) => a.startsAt - b.startsAt);
  return all.filter((s, i) => i === 0 || s.startsAt !== all[i - 1].startsAt);
}

/** The slot grid of a service date for a party (no closures, notice or window). */
export function slotGrid(rules: RestaurantRules, date: string, party: number): Slot[] {
  return slotGridForMinutes(rules, date, diningMinutes(rules.durations, party));
}
