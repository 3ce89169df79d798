import { sql, type Kysely } from 'kysely';
import type { Backend } from '../../config/database-url.ts';
import { rowObject, type CanonicalValue } from './canonical.ts';
import type { TransferTable } from './tables.ts';

/** Bind parameters one statement may carry: SQLite's default limit, and PG's / MySQL's (16-bit). */
const MAX_PARAMETERS: Record<Backend, number> = { sqlite: 32_766, postgres: 65_535, mysql: 65_535 };

/** Rows per multi-row INSERT: the requested batch size, capped by the backend's parameter limit. */
export function rowsPerStatement(backend: Backend, table: TransferTable, batchSize: number): number {
  return Math.max(1, Math.min(batchSize, Math.floor(MAX_PARAMETERS[backend] / table.columns.length)));
}

export type WriteMode = 'insert' | 'replace';

/**
 * Inserts canonical rows in one transaction, as few multi-row INSERTs as the parameter
 * limit allows. 'replace' (used with --force) overwrites rows whose primary key already
 * exists, so re-running an interrupted copy or load finishes it.
 */
export async function writeBatch(
  db: Kysely<any>,
  backend: Backend,
  table: TransferTable,
  rows: CanonicalValue[][],
  mode: WriteMode,
): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = rowsPerStatement(backend, table, rows.length);
  await db.transaction().execute(async (trx) => {
    for (let i = 0; i < rows.length; i += perStatement) {
      await insertRows(trx, backend, table, rows.slice(i, i + perStatement), mode);
    }
  });
}

async function insertRows(
  db: Kysely<any>,
  backend: Backend,
  table: TransferTable,
  rows: CanonicalValue[][],
  mode: WriteMode,
): Promise<void> {
  const insert = db.insertInto(table.name).values(rows.map((r) => rowObject(table, r)));
  if (mode === 'insert') {
    await insert.execute();
    return;
  }
  const others = table.columns.map((c) => c.name).filter((c) => !table.primaryKey.includes(c));
  const updated = others.length ? others : [table.primaryKey[0]];
  if (backend === 'mysql') {
    // Only duplicate keys are resolved; unlike INSERT IGNORE, every other error still fails.
    await insert
      .onDuplicateKeyUpdate(Object.fromEntries(updated.map((c) => [c, sql`VALUES(${sql.ref(c)})`])))
      .execute();
    return;
  }
  await insert
    .onConflict((oc) =>
      oc.columns(table.primaryKey).doUpdateSet(Object.fromEntries(updated.map((c) => [c, sql.ref(`excluded.${c}`)]))),
    )
    .execute();
}
