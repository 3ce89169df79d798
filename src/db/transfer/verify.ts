import type { Kysely } from 'kysely';
import type { Backend } from '../../config/database-url.ts';
import { TableChecksum } from './canonical.ts';
import { readBatches } from './read-rows.ts';
import type { TransferTable } from './tables.ts';

export interface TableSummary {
  rows: number;
  checksum: string;
}

export interface TableComparison {
  table: string;
  source: TableSummary;
  target: TableSummary;
  ok: boolean;
}

/** Row count and order-independent checksum of a whole table (see TableChecksum). */
export async function summariseTable(
  db: Kysely<any>,
  backend: Backend,
  table: TransferTable,
  batchSize = 5000,
): Promise<TableSummary> {
  const sum = new TableChecksum();
  for await (const batch of readBatches(db, backend, table, batchSize)) for (const row of batch) sum.add(row);
  return { rows: sum.rows, checksum: sum.hex() };
}

export function compare(table: string, source: TableSummary, target: TableSummary): TableComparison {
  return { table, source, target, ok: source.rows === target.rows && source.checksum === target.checksum };
}

/** The short verification table printed after a copy. */
export function formatComparisons(results: TableComparison[]): string {
  const lines = [`${'table'.padEnd(20)} ${'source rows'.padStart(11)} ${'target rows'.padStart(11)}  checksum`];
  for (const r of results) {
    const verdict = r.ok
      ? `ok  ${r.source.checksum.slice(0, 16)}`
      : `MISMATCH  source ${r.source.checksum.slice(0, 16)}  target ${r.target.checksum.slice(0, 16)}`;
    lines.push(
      `${r.table.padEnd(20)} ${String(r.source.rows).padStart(11)} ${String(r.target.rows).padStart(11)}  ${verdict}`,
    );
  }
  return lines.join('\n');
}
