import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Backend } from '../database-url.ts';
import { canonicalRow, type CanonicalValue } from './canonical.ts';
import type { TransferTable } from './tables.ts';

/**
 * "After this key" for keyset pagination. SQLite and PostgreSQL use the index for a row
 * comparison `(a, b) > (?, ?)`; MySQL/MariaDB only plan a range scan for the expanded
 * form `a > ? OR (a = ? AND b > ?)`.
 */
function afterKey(backend: Backend, pk: string[], key: CanonicalValue[]) {
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (pk.length === 1) return eb(pk[0], '>', key[0]);
    if (backend !== 'mysql') {
      return sql<SqlBool>`(${sql.join(pk.map((c) => sql.ref(c)))}) > (${sql.join(key)})`;
    }
    const terms = pk.map((column, i) =>
      eb.and([...pk.slice(0, i).map((prev, j) => eb(prev, '=', key[j])), eb(column, '>', key[i])]),
    );
    return eb.or(terms);
  };
}

/**
 * Reads a whole table in primary-key order, `batchSize` rows per query (keyset pagination:
 * every query is an index range scan, however far into the table). Yields canonical rows.
 */
export async function* readBatches(
  db: Kysely<any>,
  backend: Backend,
  table: TransferTable,
  batchSize: number,
): AsyncGenerator<CanonicalValue[][]> {
  const pkIndex = table.primaryKey.map((c) => table.columns.findIndex((col) => col.name === c));
  let last: CanonicalValue[] | undefined;
  for (;;) {
    let query = db.selectFrom(table.name).select(table.columns.map((c) => c.name));
    if (last) query = query.where(afterKey(backend, table.primaryKey, last));
    for (const column of table.primaryKey) query = query.orderBy(column, 'asc');
    const rows = await query.limit(batchSize).execute();
    if (rows.length === 0) return;
    const batch = rows.map((row) => canonicalRow(table, row as Record<string, unknown>));
    yield batch;
    if (rows.length < batchSize) return;
    const tail = batch[batch.length - 1];
    last = pkIndex.map((i) => tail[i]);
  }
}

export async function countRows(db: Kysely<any>, table: string): Promise<number> {
  const row = await db.selectFrom(table).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return Number((row as { n: unknown }).n);
}
