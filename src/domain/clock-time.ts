import { DateTime, IANAZone } from 'luxon';

const HHMM = /^([01]\d|2[0-3]):([0-5]\d)$/;
const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
export const MINUTES_PER_DAY = 1440;

/** Minutes since midnight for a strict "HH:MM" (00:00–23:59), else null. */
export function parseHHMM(s: string): number | null {
  if (typeof s !== 'string') return null;
  const m = HHMM.exec(s);
  if (!m) return null;
  return Number(m[1]) * 60 + Number(m[2]);
}

/** "HH:MM" for minutes since midnight (wraps around a day). */
export function formatHHMM(minutes: number): string {
  const m = ((Math.trunc(minutes) % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const hh = String(Math.floor(m / 60)).padStart(2, '0');
  const mm = String(m % 60).padStart(2, '0');
  return `${hh}:${mm}`;
}

const DAY_MS = 86_400_000;

/** Midnight UTC of a "YYYY-MM-DD" as epoch ms, or NaN. Plain calendar arithmetic: no zone. */
function utcMidnight(date: string): number {
  return typeof date === 'string' && ISO_DATE.test(date) ? Date.parse(`${date}T00:00:00Z`) : NaN;
}

function isoDateOfUtc(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/** Strict real calendar date "YYYY-MM-DD" (years 0001–9999). */
export function isIsoDate(s: string): boolean {
  const ms = utcMidnight(s);
  return Number.isFinite(ms) && isoDateOfUtc(ms) === s;
}

export function addDays(date: string, n: number): string {
  const ms = utcMidnight(date);
  if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${date}`);
  return isoDateOfUtc(ms + n * DAY_MS);
}

/** ISO weekday of a calendar date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  const ms = utcMidnight(date);
  if (!Number.isFinite(ms)) throw new RangeError(`not a date: ${date}`);
  return ((new Date(ms).getUTCDay() + 6) % 7) + 1;
}

const localDates = new Map<string, string>();

/**
 * Restaurant-local calendar date "YYYY-MM-DD" of an instant. A local date only changes on
 * a whole minute (every zone offset is whole minutes), so results are memoized per zone and
 * minute in a small bounded map.
 */
export function localDateOf(instantMs: number, zone: string): string {
  const key = `${zone}|${Math.floor(instantMs / 60_000)}`;
  let date = localDates.get(key);
  if (date === undefined) {
    date = DateTime.fromMillis(instantMs, { zone }).toISODate() as string;
    if (localDates.size >= 1024) localDates.clear();
    localDates.set(key, date);
  }
  return date;
}

/** Restaurant-local wall-clock time "HH:MM" of an instant. */
export function localTimeOf(instantMs: number, zone: string): string {
  return DateTime.fromMillis(instantMs, { zone }).toFormat('HH:mm');
}

/** RFC 3339 UTC with seconds precision, e.g. "2026-05-01T18:00:00Z". */
export function toIsoUtc(ms: number): string {
  const iso = new Date(Math.floor(ms / 1000) * 1000).toISOString(); // no zone math needed for UTC
  return `${iso.slice(0, 19)}Z`;
}

export function isValidZone(zone: string): boolean {
  return typeof zone === 'string' && zone.length > 0 && IANAZone.isValidZone(zone);
}

function localDateTime(date: string, minutes: number, zone: string): DateTime {
  const day = addDays(date, Math.floor(minutes / MINUTES_PER_DAY));
  const m = ((minutes % MINUTES_PER_DAY) + MINUTES_PER_DAY) % MINUTES_PER_DAY;
  const [year, month, dayOfMonth] = day.split('-').map(Number);
  return DateTime.fromObject({ year, month, day: dayOfMonth, hour: Math.floor(m / 60), minute: m % 60 }, { zone });
}

/**
 * The instant at which the local wall clock in `zone` reads `date` + `minutes`
 * (minutes may exceed a day: 1500 is 01:00 the next day). Repeated local times
 * (fall-back) give the first occurrence; times that do not exist (spring-forward
 * gap) give null.
 */
export function localToInstant(date: string, minutes: number, zone: string): number | null {
  const dt = localDateTime(date, minutes, zone);
  const matching = dt
    .getPossibleOffsets()
    .filter((c) => c.hour === dt.hour && c.minute === dt.minute && c.day === dt.day)
    .map((c) => c.toMillis());
  const want = localDateTime(date, minutes, 'utc');
  if (dt.hour !== want.hour || dt.minute !== want.minute) return null;
  return matching.length > 0 ? Math.min(...matching) : dt.toMillis();
}

/**
 * Like localToInstant but never null: a time inside a spring-forward gap maps to
 * the instant the clock jumps past it (02:30 in a 02:00→03:00 gap gives 03:30
 * daylight time, i.e. the same instant as 02:30 standard time).
 */
export function localToInstantLenient(date: string, minutes: number, zone: string): number {
  return localToInstant(date, minutes, zone) ?? localDateTime(date, minutes, zone).toMillis();
}
