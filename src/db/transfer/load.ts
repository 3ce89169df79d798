import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { describeConnectError } from '../errors.ts';
import { SCHEMA_VERSION } from '../migrate.ts';
import { canonicalArray, CanonicalError, type CanonicalValue } from './canonical.ts';
import { DUMP_FORMAT, DUMP_VERSION, type DumpHeader } from './dump.ts';
import { TransferError, type Endpoint } from './endpoint.ts';
import type { ProgressFactory, TableProgress } from './progress.ts';
import { checkTargetEmpty, migrateTarget } from './schema-check.ts';
import { findTable, type TransferTable } from './tables.ts';
import { writeBatch, type WriteMode } from './write-rows.ts';

/** Splits a byte stream into lines without holding more than one chunk (backpressure kept). */
export async function* readLines(input: Readable): AsyncGenerator<string> {
  const decoder = new StringDecoder('utf8');
  let rest = '';
  for await (const chunk of input) {
    const text = rest + (typeof chunk === 'string' ? chunk : decoder.write(chunk));
    let start = 0;
    for (let end = text.indexOf('\n', start); end >= 0; end = text.indexOf('\n', start)) {
      yield text.slice(start, end);
      start = end + 1;
    }
    rest = text.slice(start);
  }
  rest += decoder.end();
  if (rest) yield rest;
}

function parseLine(line: string, number: number): unknown {
  try {
    return JSON.parse(line);
  } catch {
    throw new TransferError(`dump line ${number} is not valid JSON`);
  }
}

/** Checks the first line: the format, its version, and a schema no newer than ours. */
export function checkHeader(first: string | undefined): DumpHeader {
  const header = (first === undefined ? undefined : parseLine(first, 1)) as Partial<DumpHeader> | undefined;
  if (!header || header.format !== DUMP_FORMAT)
    throw new TransferError('not a tablebookings dump (the first line is not a tablebookings-dump header)');
  if (header.version !== DUMP_VERSION)
    throw new TransferError(
      `dump format version ${header.version} is not supported (this tablebookings reads version ${DUMP_VERSION})`,
    );
  if (typeof header.schemaVersion !== 'string') throw new TransferError('the dump header has no schemaVersion');
  if (header.schemaVersion > SCHEMA_VERSION) {
    throw new TransferError(
      `the dump was made with a newer schema (${header.schemaVersion}) than this tablebookings knows (${SCHEMA_VERSION}): upgrade tablebookings to load it`,
    );
  }
  return header as DumpHeader;
}

interface Section {
  table: TransferTable;
  columns: string[];
  rows: CanonicalValue[][];
  count: number;
  bar: TableProgress;
}

export interface LoadOptions {
  force: boolean;
  batchSize: number;
  progress: ProgressFactory;
}

/** Loads a dump into `target` (migrated first; refused when not empty unless `force`). Returns rows per table. */
export async function loadDump(target: Endpoint, input: Readable, options: LoadOptions): Promise<Map<string, number>> {
  const lines = readLines(input);
  checkHeader((await lines.next()).value ?? undefined);
  await migrateTarget(target);
  await checkTargetEmpty(target, options.force);
  const mode: WriteMode = options.force ? 'replace' : 'insert';
  const loaded = new Map<string, number>();
  let section: Section | undefined;
  const flush = async () => {
    if (!section?.rows.length) return;
    await writeBatch(target.db, target.backend, section.table, section.rows, mode);
    section.bar.increment(section.rows.length);
    loaded.set(section.table.name, section.count);
    section.rows = [];
  };
  let number = 1;
  try {
    for await (const line of lines) {
      number += 1;
      if (!line.trim()) continue;
      const value = parseLine(line, number);
      if (!Array.isArray(value)) {
        await flush();
        section?.bar.stop();
        section = startSection(value, number, options.progress);
        loaded.set(section.table.name, 0);
        continue;
      }
      if (!section) throw new TransferError(`dump line ${number}: a row before any table line`);
      section.rows.push(canonicalArray(section.table, section.columns, value));
      section.count += 1;
      if (section.rows.length >= options.batchSize) await flush();
    }
    await flush();
  } catch (error) {
    if (error instanceof CanonicalError) throw new TransferError(`dump line ${number}: ${error.message}`);
    if (error instanceof TransferError) throw error;
    throw new TransferError(
      `load stopped at dump line ${number}${section ? ` (table ${section.table.name})` : ''}: ${describeConnectError(error)}. Batches already written are committed; run the same command again with --force to finish`,
    );
  } finally {
    section?.bar.stop();
  }
  return loaded;
}

function startSection(value: unknown, number: number, progress: ProgressFactory): Section {
  const { table: name, columns } = (value ?? {}) as { table?: unknown; columns?: unknown };
  const table = typeof name === 'string' ? findTable(name) : undefined;
  if (!table) throw new TransferError(`dump line ${number}: unknown table ${JSON.stringify(name)}`);
  const expected = table.columns.map((c) => c.name);
  if (!Array.isArray(columns) || columns.length !== expected.length || !expected.every((c) => columns.includes(c))) {
    throw new TransferError(
      `dump line ${number}: the columns of ${table.name} do not match this schema (expected ${expected.join(', ')})`,
    );
  }
  return { table, columns: columns as string[], rows: [], count: 0, bar: progress(table.name, undefined) };
}
