import { once } from 'node:events';
import type { Writable } from 'node:stream';
import { SCHEMA_VERSION } from '../migrate.ts';
import { TransferError, type Endpoint } from './endpoint.ts';
import type { ProgressFactory } from './progress.ts';
import { countRows, readBatches } from './read-rows.ts';
import { checkSourceSchema } from './schema-check.ts';
import { columnNames, TRANSFER_TABLES } from './tables.ts';

export const DUMP_FORMAT = 'tablebookings-dump';
export const DUMP_VERSION = 1;

export interface DumpHeader {
  format: typeof DUMP_FORMAT;
  version: number;
  schemaVersion: string;
  createdAt: string;
}

function writeFailed(error: unknown): TransferError {
  return new TransferError(
    `cannot write the dump: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
  );
}

async function write(out: Writable, text: string): Promise<void> {
  if (out.errored) throw writeFailed(out.errored);
  if (!out.write(text)) await once(out, 'drain').catch((error) => Promise.reject(writeFailed(error)));
}

/**
 * Writes the portable JSON Lines dump: a header line, then per table a line
 * `{"table", "columns"}` followed by one JSON array per row (canonical values in column
 * order, rows in primary-key order). Streams batch by batch; never holds a table in memory.
 * Returns the number of rows written.
 */
export async function writeDump(
  source: Endpoint,
  out: Writable,
  progress: ProgressFactory,
  now = new Date(),
): Promise<number> {
  await checkSourceSchema(source);
  const header: DumpHeader = {
    format: DUMP_FORMAT,
    version: DUMP_VERSION,
    schemaVersion: SCHEMA_VERSION,
    createdAt: now.toISOString(),
  };
  await write(out, `${JSON.stringify(header)}\n`);
  let rows = 0;
  for (const table of TRANSFER_TABLES) {
    await write(out, `${JSON.stringify({ table: table.name, columns: columnNames(table) })}\n`);
    const bar = progress(table.name, await countRows(source.db, table.name));
    for await (const batch of readBatches(source.db, source.backend, table, 2000)) {
      await write(out, batch.map((row) => `${JSON.stringify(row)}\n`).join(''));
      bar.increment(batch.length);
      rows += batch.length;
    }
    bar.stop();
  }
  return rows;
}
