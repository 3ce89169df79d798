import { sql, type Expression, type ExpressionBuilder, type Kysely, type SqlBool } from 'kysely';
import type { Backend } from '../../config/database-url.ts';
import { canonicalRow, type CanonicalValue } from './canonical.ts';
import type { TransferTable } from './tables.ts';

/**
 * A key column as compared and sorted: in binary order for tables with free-text keys
 * (see TransferTable.binaryKeyOrder), so that every backend yields the same row order.
 */
function keyRef(backend: Backend, table: TransferTable, column: string): Expression<any> {
  const isText = table.columns.find((c) => c.name === column)?.kind === 'text';
  if (!table.binaryKeyOrder || !isText || backend === 'sqlite') return sql.ref(column);
  return backend === 'mysql' ? sql`${sql.ref(column)} COLLATE utf8mb4_bin` : sql`${sql.ref(column)} COLLATE "C"`;
}

/**
 * "After this key" for keyset pagination. SQLite and PostgreSQL use the index for a row
 * comparison `(a, b) > (?, ?)`; MySQL/MariaDB only plan a range scan for the expanded
 * form `a > ? OR (a = ? AND b > ?)`.
 */
function afterKey(backend: Backend, table: TransferTable, key: CanonicalValue[]) {
  const refs = table.primaryKey.map((c) => keyRef(backend, table, c));
  return (eb: ExpressionBuilder<any, any>): Expression<SqlBool> => {
    if (refs.length === 1) return eb(refs[0], '>', key[0]);
    if (backend !== 'mysql') return sql<SqlBool>`(${sql.join(refs)}) > (${sql.join(key)})`;
    const terms = refs.map((ref, i) =>
      eb.and([...refs.slice(0, i).map((prev, j) => eb(prev, '=', key[j])), eb(ref, '>', key[i])]),
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
    if (last) query = query.where(afterKey(backend, table, last));
    for (const column of table.primaryKey) query = query.orderBy(keyRef(backend, table, column), 'asc');
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
  const row = await db
    .selectFrom(table)
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number((row as { n: unknown }).n);
}
