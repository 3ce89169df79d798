import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { LIVE_STATUSES } from '../../domain/types.ts';

/**
 * Takes the restaurant's pacing lock for one slot start: an UPDATE of its slot_pacing row
 * (created on first use). Every write that adds covers at that start takes it first, so
 * they run one at a time per slot and the covers read after it are exact under READ
 * COMMITTED (MySQL, PostgreSQL) and BEGIN IMMEDIATE (SQLite). Two first uses racing to
 * create the row: the loser's unique violation is retried by runTransaction.
 */
export async function lockSlot(db: Kysely<DB>, restaurantId: string, startsAt: number): Promise<void> {
  const result = await db
    .updateTable('slot_pacing')
    .set((eb) => ({ writes: eb('writes', '+', 1) }))
    .where('restaurant_id', '=', restaurantId)
    .where('starts_at', '=', startsAt)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0) {
    await db
      .insertInto('slot_pacing')
      .values({ restaurant_id: restaurantId, starts_at: startsAt, writes: 1 })
      .execute();
  }
}

/** Covers of live bookings and live holds starting at `startsAt`, leaving one booking out. */
export async function coversAt(
  db: Kysely<DB>,
  restaurantId: string,
  startsAt: number,
  now: number,
  ignoreBookingId?: string,
): Promise<number> {
  let bookings = db
    .selectFrom('bookings')
    .select('party')
    .where('restaurant_id', '=', restaurantId)
    .where('starts_at', '=', startsAt)
    .where('status', 'in', [...LIVE_STATUSES]);
  if (ignoreBookingId) bookings = bookings.where('id', '<>', ignoreBookingId);
  const holds = db
    .selectFrom('holds')
    .select('party')
    .where('restaurant_id', '=', restaurantId)
    .where('starts_at', '=', startsAt)
    .where('expires_at', '>', now);
  const rows = await bookings.unionAll(holds).execute();
  return rows.reduce((sum, r) => sum + Number(r.party), 0);
}
