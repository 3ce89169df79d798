import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { searchBookings as findMatching } from '../db/queries/booking-search.ts';
import { listTableRows } from '../db/queries/staff-tables.ts';
import { isIsoDate } from '../domain/clock-time.ts';
import { validationError } from '../domain/errors.ts';
import { MAX_SEARCH_LENGTH, normalizeQuery } from '../domain/search-text.ts';
import { presentBooking } from '../bookings/presenter.ts';
import type { StaffBookingJson } from './staff-bookings.ts';

/** At most this many answers (SPEC §9.2). */
export const SEARCH_LIMIT = 50;

export interface SearchInput {
  restaurant: { id: string; slug: string; timezone: string };
  q: string;
  date?: string;
  now: number;
}

/**
 * Host search (SPEC §9.2): bookings whose reference, guest name, email or phone contains the
 * text, case-insensitively, across dates (or on `date`), upcoming first, at most 50.
 */
export async function searchBookings(db: Kysely<DB>, input: SearchInput): Promise<StaffBookingJson[]> {
  const query = normalizeQuery(input.q);
  if (!query) throw validationError('q', 'q must contain some text to search for');
  if (query.length > MAX_SEARCH_LENGTH) throw validationError('q', `q must be at most ${MAX_SEARCH_LENGTH} characters`);
  if (input.date !== undefined && !isIsoDate(input.date))
    throw validationError('date', 'date must be a real date written YYYY-MM-DD');
  const [rows, tables] = await Promise.all([
    findMatching(db, {
      restaurantId: input.restaurant.id,
      query,
      date: input.date,
      now: input.now,
      limit: SEARCH_LIMIT,
    }),
    listTableRows(db, input.restaurant.id),
  ]);
  const labels = new Map(tables.map((t) => [t.id, t.label]));
  return rows.map((row) => {
    const json = presentBooking(row, input.restaurant, labels.get(row.table_id) ?? '');
    return { ...json, tableId: row.table_id, table: { ...json.table, id: row.table_id } };
  });
}
