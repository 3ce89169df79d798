import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { containsPattern, LIKE_ESCAPE } from '../../domain/search-text.ts';
import type { BookingRow } from './bookings.ts';

export interface BookingSearch {
  restaurantId: string;
  /** already normalized (domain/search-text.ts normalizeQuery) */
  query: string;
  /** only this service date */
  date?: string;
  /** upcoming = not yet ended at this instant */
  now: number;
  limit: number;
}

function matching(db: Kysely<DB>, s: BookingSearch) {
  let query = db
    .selectFrom('bookings')
    .selectAll()
    .where('restaurant_id', '=', s.restaurantId)
    .where(sql<boolean>`search_text like ${containsPattern(s.query)} escape ${sql.lit(LIKE_ESCAPE)}`);
  if (s.date) query = query.where('service_date', '=', s.date);
  return query;
}

/**
 * Bookings whose reference, name, email or phone contains the query: upcoming ones first
 * (soonest first), then past ones (most recent first), at most `limit`.
 */
export async function searchBookings(db: Kysely<DB>, s: BookingSearch): Promise<BookingRow[]> {
  const upcoming = await matching(db, s)
    .where('ends_at', '>', s.now)
    .orderBy('starts_at')
    .orderBy('reference')
    .limit(s.limit)
    .execute();
  if (upcoming.length >= s.limit) return upcoming;
  const past = await matching(db, s)
    .where('ends_at', '<=', s.now)
    .orderBy('starts_at', 'desc')
    .orderBy('reference')
    .limit(s.limit - upcoming.length)
    .execute();
  return [...upcoming, ...past];
}
