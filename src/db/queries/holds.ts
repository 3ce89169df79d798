import type { Kysely } from 'kysely';
import type { DB, HoldsTable } from '../schema.ts';

export type HoldRow = HoldsTable;

export async function insertHold(db: Kysely<DB>, row: HoldRow): Promise<void> {
  await db.insertInto('holds').values(row).execute();
}

/** A hold by id alone (the DELETE route names no restaurant), live or not. */
export function findHoldById(db: Kysely<DB>, id: string): Promise<HoldRow | undefined> {
  return db.selectFrom('holds').selectAll().where('id', '=', id).executeTakeFirst();
}

export function findLiveHold(
  db: Kysely<DB>,
  restaurantId: string,
  id: string,
  now: number,
): Promise<HoldRow | undefined> {
  return db
    .selectFrom('holds')
    .selectAll()
    .where('restaurant_id', '=', restaurantId)
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
}

/** Deletes a hold and (cascade) its cells; true when it was there. */
export async function deleteHold(db: Kysely<DB>, restaurantId: string, id: string): Promise<boolean> {
  const result = await db
    .deleteFrom('holds')
    .where('restaurant_id', '=', restaurantId)
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

/** Removes every hold on a table (before the table itself is deleted). */
export async function deleteHoldsOnTable(db: Kysely<DB>, restaurantId: string, tableId: string): Promise<void> {
  await db.deleteFrom('holds').where('restaurant_id', '=', restaurantId).where('table_id', '=', tableId).execute();
}
