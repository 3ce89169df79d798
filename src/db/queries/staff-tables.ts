import type { Kysely } from 'kysely';
import type { DB, DiningTablesTable } from '../schema.ts';

const LIVE = ['confirmed', 'seated'];

export async function listTableRows(db: Kysely<DB>, restaurantId: string): Promise<DiningTablesTable[]> {
  return db.selectFrom('dining_tables').selectAll().where('restaurant_id', '=', restaurantId).execute();
}

export async function findTableRow(
  db: Kysely<DB>,
  restaurantId: string,
  id: string,
): Promise<DiningTablesTable | undefined> {
  return db
    .selectFrom('dining_tables')
    .selectAll()
    .where('restaurant_id', '=', restaurantId)
    .where('id', '=', id)
    .executeTakeFirst();
}

export async function insertTableRows(db: Kysely<DB>, rows: DiningTablesTable[]): Promise<void> {
  if (rows.length > 0) await db.insertInto('dining_tables').values(rows).execute();
}

export async function updateTableRow(
  db: Kysely<DB>,
  restaurantId: string,
  id: string,
  changes: Partial<DiningTablesTable>,
): Promise<void> {
  await db
    .updateTable('dining_tables')
    .set(changes)
    .where('restaurant_id', '=', restaurantId)
    .where('id', '=', id)
    .execute();
}

export async function deleteTableRow(db: Kysely<DB>, restaurantId: string, id: string): Promise<void> {
  await db.deleteFrom('dining_tables').where('restaurant_id', '=', restaurantId).where('id', '=', id).execute();
}

/** Bookings on the table that still hold it: confirmed or seated, not yet over. */
export async function countUpcomingLiveBookings(
  db: Kysely<DB>,
  restaurantId: string,
  tableId: string,
  now: number,
): Promise<number> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('restaurant_id', '=', restaurantId)
    .where('table_id', '=', tableId)
    .where('status', 'in', LIVE)
    .where('ends_at', '>', now)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

export async function countBookingsOnTable(db: Kysely<DB>, restaurantId: string, tableId: string): Promise<number> {
  const row = await db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('restaurant_id', '=', restaurantId)
    .where('table_id', '=', tableId)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
