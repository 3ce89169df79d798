import { DateTime } from 'luxon';

/**
 * The shape of the benchmark's data, shared by the seeder, the load generator and the raw
 * floor: which restaurants exist, which dates are asked for, which slots are booked.
 */

export const ZONE = 'Europe/London';

/** Restaurants read by the availability runs (and holding the 1k / 1M stored bookings). */
export const AVAIL_RESTAURANTS = 4;
/** Their tables: [label, min seats, max seats]. */
export const AVAIL_TABLES: [string, number, number][] = [
  ['A1', 1, 2],
  ['A2', 1, 2],
  ['A3', 1, 2],
  ['A4', 1, 2],
  ['B1', 2, 4],
  ['B2', 2, 4],
  ['B3', 2, 4],
  ['C1', 4, 6],
  ['C2', 4, 6],
  ['D1', 6, 8],
];
/** Availability requests ask for party 2 on one of the next AVAIL_DAYS days (from day 2). */
export const AVAIL_DAYS = 30;
export const AVAIL_PARTY = 2;

/** Restaurants written by the booking runs: BOOK_TABLES two-seat tables each. */
export const BOOK_RESTAURANTS = 8;
export const BOOK_TABLES = 25;
export const BOOK_DAYS = 360;
/** Party-2 bookings last 90 minutes: these start times never overlap (lunch 12–15, dinner 18–23). */
export const BOOK_TIMES = ['12:00', '18:00', '19:30', '21:00'];

export const availSlug = (r: number) => `bench-avail-${r}`;
export const bookSlug = (r: number) => `bench-book-${r}`;

/** Local date `days` days after today in ZONE. */
export function dateAhead(days: number, now = Date.now()): string {
  return DateTime.fromMillis(now, { zone: ZONE }).plus({ days }).toISODate()!;
}

/** Epoch ms of a local date and time in ZONE. */
export function instantOf(date: string, time: string): number {
  return DateTime.fromISO(`${date}T${time}`, { zone: ZONE }).toMillis();
}

/** The i-th availability request path: cycles restaurants fastest, then dates. */
export function availabilityPath(i: number, dates: string[]): string {
  const r = i % AVAIL_RESTAURANTS;
  const date = dates[Math.floor(i / AVAIL_RESTAURANTS) % dates.length];
  return `/api/v1/restaurants/${availSlug(r)}/availability?date=${date}&party=${AVAIL_PARTY}`;
}

export function availabilityDates(now = Date.now()): string[] {
  return Array.from({ length: AVAIL_DAYS }, (_, d) => dateAhead(2 + d, now));
}

export function bookingDates(now = Date.now()): string[] {
  return Array.from({ length: BOOK_DAYS }, (_, d) => dateAhead(2 + d, now));
}

/** How many distinct free slots the booking restaurants offer. */
export const BOOKING_CAPACITY = BOOK_RESTAURANTS * BOOK_DAYS * BOOK_TIMES.length * BOOK_TABLES;

/**
 * The i-th booking request: restaurants vary fastest, then dates, then times, then (by
 * filling) tables — so the requests in flight at once never compete for one table.
 */
export function bookingRequest(i: number, dates: string[]): { path: string; body: string } | undefined {
  if (i >= BOOKING_CAPACITY) return undefined;
  const r = i % BOOK_RESTAURANTS;
  const k = Math.floor(i / BOOK_RESTAURANTS);
  const date = dates[k % dates.length];
  const time = BOOK_TIMES[Math.floor(k / dates.length) % BOOK_TIMES.length];
  const body = JSON.stringify({ date, time, party: 2, name: 'Bench Guest', email: `guest${i}@example.com` });
  return { path: `/api/v1/restaurants/${bookSlug(r)}/bookings`, body };
}
