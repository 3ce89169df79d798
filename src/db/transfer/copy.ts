import type { CanonicalValue } from './canonical.ts';
import { TableChecksum } from './canonical.ts';
import { describeConnectError } from '../errors.ts';
import { TransferError, type Endpoint } from './endpoint.ts';
import type { ProgressFactory } from './progress.ts';
import { countRows, readBatches } from './read-rows.ts';
import { checkSourceSchema, checkTargetEmpty, migrateTarget } from './schema-check.ts';
import { TRANSFER_TABLES, type TransferTable } from './tables.ts';
import { compare, summariseTable, type TableComparison, type TableSummary } from './verify.ts';
import { writeBatch, type WriteMode } from './write-rows.ts';

export interface CopyOptions {
  force: boolean;
  batchSize: number;
  progress: ProgressFactory;
}

export interface CopyReport {
  tables: TableComparison[];
  rows: number;
  /** seconds spent copying (without the verification pass) */
  copySeconds: number;
  ok: boolean;
}

/**
 * Copies every table from `source` to `target`: migrates the target, refuses a non-empty
 * one unless `force`, copies in foreign-key order in batches (one transaction each), then
 * verifies counts and checksums on both sides. The source is only read.
 */
export async function copyDatabase(source: Endpoint, target: Endpoint, options: CopyOptions): Promise<CopyReport> {
  await checkSourceSchema(source);
  await migrateTarget(target);
  await checkTargetEmpty(target, options.force);
  const mode: WriteMode = options.force ? 'replace' : 'insert';
  const started = Date.now();
  const sourceSummaries: TableSummary[] = [];
  for (const table of TRANSFER_TABLES) sourceSummaries.push(await copyTable(source, target, table, mode, options));
  const copySeconds = (Date.now() - started) / 1000;
  const tables: TableComparison[] = [];
  for (const [i, table] of TRANSFER_TABLES.entries()) {
    tables.push(compare(table.name, sourceSummaries[i], await summariseTable(target.db, target.backend, table)));
  }
  const rows = sourceSummaries.reduce((n, s) => n + s.rows, 0);
  return { tables, rows, copySeconds, ok: tables.every((t) => t.ok) };
}

async function copyTable(
  source: Endpoint,
  target: Endpoint,
  table: TransferTable,
  mode: WriteMode,
  options: CopyOptions,
): Promise<TableSummary> {
  const total = await countRows(source.db, table.name);
  const progress = options.progress(table.name, total);
  const sum = new TableChecksum();
  let pending: Promise<void> = Promise.resolve();
  try {
    for await (const batch of readBatches(source.db, source.backend, table, options.batchSize)) {
      for (const row of batch) sum.add(row);
      await pending; // read the next batch while the previous one is being written
      pending = writeAndCount(target, table, batch, mode, progress.increment);
      pending.catch(() => {}); // handled by the next `await pending`
    }
    await pending;
  } catch (error) {
    await pending.catch(() => {});
    throw interrupted(table.name, sum.rows, total, error);
  } finally {
    progress.stop();
  }
  return { rows: sum.rows, checksum: sum.hex() };
}

async function writeAndCount(
  target: Endpoint,
  table: TransferTable,
  batch: CanonicalValue[][],
  mode: WriteMode,
  done: (n: number) => void,
): Promise<void> {
  await writeBatch(target.db, target.backend, table, batch, mode);
  done(batch.length);
}

function interrupted(table: string, read: number, total: number, error: unknown): TransferError {
  if (error instanceof TransferError) return error;
  const why =
    error instanceof Error && !(error as { code?: string }).code
      ? error.message.split('\n')[0]
      : describeConnectError(error);
  return new TransferError(
    `copy stopped in table ${table} (about ${read} of ${total} rows read): ${why}. Batches already written are committed; run the same command again with --force to finish`,
  );
}
