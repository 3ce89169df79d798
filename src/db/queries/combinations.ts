import type { Kysely } from 'kysely';
import type { DB, TableCombinationsTable } from '../schema.ts';

export type CombinationRow = TableCombinationsTable;

export interface CombinationWithMembers extends CombinationRow {
  tableIds: string[];
}

/** Every combination of a restaurant with its member table ids (two reads). */
export async function listCombinationRows(db: Kysely<DB>, restaurantId: string): Promise<CombinationWithMembers[]> {
  const [rows, members] = await Promise.all([
    db.selectFrom('table_combinations').selectAll().where('restaurant_id', '=', restaurantId).execute(),
    db
      .selectFrom('combination_tables')
      .select(['combination_id', 'table_id'])
      .where('restaurant_id', '=', restaurantId)
      .execute(),
  ]);
  const byCombination = new Map<string, string[]>();
  for (const m of members)
    byCombination.set(m.combination_id, [...(byCombination.get(m.combination_id) ?? []), m.table_id]);
  return rows.map((r) => ({ ...r, tableIds: byCombination.get(r.id) ?? [] }));
}

export async function findCombinationRow(
  db: Kysely<DB>,
  restaurantId: string,
  id: string,
): Promise<CombinationWithMembers | undefined> {
  const row = await db
    .selectFrom('table_combinations')
    .selectAll()
    .where('restaurant_id', '=', restaurantId)
    .where('id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  const members = await db
    .selectFrom('combination_tables')
    .select('table_id')
    .where('restaurant_id', '=', restaurantId)
    .where('combination_id', '=', id)
    .execute();
  return { ...row, tableIds: members.map((m) => m.table_id) };
}

export async function insertCombination(
  db: Kysely<DB>,
  row: CombinationRow,
  tableIds: readonly string[],
): Promise<void> {
  await db.insertInto('table_combinations').values(row).execute();
  await replaceMembers(db, row.restaurant_id, row.id, tableIds);
}

export async function replaceMembers(
  db: Kysely<DB>,
  restaurantId: string,
  combinationId: string,
  tableIds: readonly string[],
): Promise<void> {
  await db
    .deleteFrom('combination_tables')
    .where('restaurant_id', '=', restaurantId)
    .where('combination_id', '=', combinationId)
    .execute();
  await db
    .insertInto('combination_tables')
    .values(
      tableIds.map((tableId) => ({ restaurant_id: restaurantId, combination_id: combinationId, table_id: tableId })),
    )
    .execute();
}

export async function updateCombinationRow(
  db: Kysely<DB>,
  restaurantId: string,
  id: string,
  changes: Partial<CombinationRow>,
): Promise<void> {
  await db
    .updateTable('table_combinations')
    .set(changes)
    .where('restaurant_id', '=', restaurantId)
    .where('id', '=', id)
    .execute();
}

export async function deleteCombinationRow(db: Kysely<DB>, restaurantId: string, id: string): Promise<void> {
  await db.deleteFrom('table_combinations').where('restaurant_id', '=', restaurantId).where('id', '=', id).execute();
}

/** Bookings on the combination: all of them, or only those still holding it (confirmed/seated, not over). */
export async function countCombinationBookings(
  db: Kysely<DB>,
  restaurantId: string,
  combinationId: string,
  upcomingAfter?: number,
): Promise<number> {
  let query = db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('restaurant_id', '=', restaurantId)
    .where('combination_id', '=', combinationId);
  if (upcomingAfter !== undefined)
    query = query.where('status', 'in', ['confirmed', 'seated']).where('ends_at', '>', upcomingAfter);
  const row = await query.executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Combinations a table belongs to (a table may be in several). */
export async function combinationsOfTable(db: Kysely<DB>, restaurantId: string, tableId: string): Promise<string[]> {
  const rows = await db
    .selectFrom('combination_tables')
    .select('combination_id')
    .where('restaurant_id', '=', restaurantId)
    .where('table_id', '=', tableId)
    .execute();
  return rows.map((r) => r.combination_id);
}
