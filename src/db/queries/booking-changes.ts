import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/**
 * The change stamp of a restaurant's bookings: bumped inside every booking write
 * transaction (as late as possible: the row lock is held until commit), read by the
 * timeline's poll. It lives in the database, so a change made through any app server is
 * seen by the pages of every other one. The first bump of a restaurant inserts its row; two
 * first bumps racing end in a unique violation, which the transaction runner retries.
 */
export async function bumpBookingsVersion(db: Kysely<DB>, restaurantId: string): Promise<void> {
  const result = await db
    .updateTable('booking_changes')
    .set({ version: sql`version + 1` })
    .where('restaurant_id', '=', restaurantId)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) === 0)
    await db.insertInto('booking_changes').values({ restaurant_id: restaurantId, version: 1 }).execute();
}

/** Changes whenever the restaurant's bookings, tables, hours or settings do. */
export async function readChangeStamp(db: Kysely<DB>, restaurantId: string): Promise<string> {
  const row = await db
    .selectFrom('restaurants')
    .leftJoin('booking_changes', 'booking_changes.restaurant_id', 'restaurants.id')
    .select(['restaurants.updated_at', 'booking_changes.version'])
    .where('restaurants.id', '=', restaurantId)
    .executeTakeFirst();
  return `${Number(row?.updated_at ?? 0)}.${Number(row?.version ?? 0)}`;
}
