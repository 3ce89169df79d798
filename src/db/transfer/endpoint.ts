import fs from 'node:fs';
import SqliteDatabase from 'better-sqlite3';
import { Kysely, sql } from 'kysely';
import { createDb } from '../connect.ts';
import { createDatabase } from '../create-database.ts';
import { DatabaseUrlError, parseDatabaseUrl, redactUrl, type Backend } from '../../config/database-url.ts';
import { describeConnectError } from '../errors.ts';
import { ImmediateSqliteDialect } from '../sqlite-driver.ts';

/** A failure of copy / dump / load that the CLI prints as one line. */
export class TransferError extends Error {
  /** the server answered, but the named database does not exist */
  missingDatabase = false;
}

/** One side of a transfer: a database, its backend and how to name it in messages. */
export interface Endpoint {
  db: Kysely<any>;
  backend: Backend;
  /** e.g. "--to mysql://app:***@db.example.com:3306/tablebookings" */
  label: string;
  close(): Promise<void>;
}

/** Parses the URL, or a one-line TransferError naming the option it came from. */
export function parseEndpointUrl(option: string, url: string) {
  try {
    return parseDatabaseUrl(url);
  } catch (error) {
    if (error instanceof DatabaseUrlError) throw new TransferError(`${option} ${redactUrl(url)} ${error.message}`);
    throw error;
  }
}

/**
 * Opens a database that is only read. A SQLite file is opened read-only (and must exist);
 * a server database is reached with a probe query so an unreachable server or a missing
 * database gives one clear line here rather than a driver stack later.
 */
export async function openReadOnly(option: string, url: string): Promise<Endpoint> {
  const parsed = parseEndpointUrl(option, url);
  const label = `${option} ${redactUrl(url)}`;
  if (parsed.backend === 'sqlite') {
    if (parsed.file === ':memory:' || !fs.existsSync(parsed.file!))
      throw new TransferError(`${label}: no such SQLite file (${parsed.file})`);
    const file = new SqliteDatabase(parsed.file!, { readonly: true, fileMustExist: true });
    file.pragma('busy_timeout = 10000');
    const db = new Kysely<any>({ dialect: new ImmediateSqliteDialect(file) });
    return probe({ db, backend: 'sqlite', label, close: () => db.destroy() });
  }
  return openServer(parsed.backend, url, label);
}

/**
 * Opens a database that will be written. A missing one is created first, as `db create` would
 * (SPEC §9.4): a SQLite file and its folder, or the logical database on a MySQL / PostgreSQL
 * server (`utf8mb4` on MySQL). `onCreated` is told when that happened.
 */
export async function openWritable(
  option: string,
  url: string,
  onCreated: (label: string) => void = () => {},
): Promise<Endpoint> {
  const parsed = parseEndpointUrl(option, url);
  const label = `${option} ${redactUrl(url)}`;
  if (parsed.backend === 'sqlite') {
    if (await createDatabase(url)) onCreated(label);
    const database = createDb(url, { poolMax: 1 });
    return probe({ db: database.db, backend: 'sqlite', label, close: () => database.close() });
  }
  try {
    return await openServer(parsed.backend, url, label);
  } catch (error) {
    if (!(error instanceof TransferError) || !error.missingDatabase) throw error;
  }
  try {
    await createDatabase(url);
  } catch (error) {
    throw new TransferError(
      `${label}: the database does not exist and could not be created (${describeConnectError(error)}); create it with \`tablebookings db create\` as a user allowed to`,
    );
  }
  onCreated(label);
  return openServer(parsed.backend, url, label);
}

async function openServer(backend: Backend, url: string, label: string): Promise<Endpoint> {
  const database = createDb(url, { poolMax: 2, acquireTimeoutMs: 10_000 });
  return probe({ db: database.db, backend, label, close: () => database.close() }, url);
}

async function probe(endpoint: Endpoint, url?: string): Promise<Endpoint> {
  try {
    await sql`select 1`.execute(endpoint.db);
    return endpoint;
  } catch (error) {
    await endpoint.close().catch(() => {});
    const failure = new TransferError(`${endpoint.label}: ${connectProblem(error, url)}`);
    const code = (error as { code?: string }).code;
    failure.missingDatabase = Boolean(url) && (code === 'ER_BAD_DB_ERROR' || code === '3D000');
    throw failure;
  }
}

function connectProblem(error: unknown, url?: string): string {
  const code = (error as { code?: string }).code;
  if (url && (code === 'ER_BAD_DB_ERROR' || code === '3D000')) {
    return `the database does not exist: create it with \`DATABASE_URL='${redactUrl(url)}' tablebookings db create\``;
  }
  return describeConnectError(error);
}

/** A stable identity for "is this the same database?" (file path, or host:port/name). */
export function databaseIdentity(url: string): string {
  const parsed = parseDatabaseUrl(url);
  if (parsed.backend === 'sqlite') return `sqlite:${parsed.file}`;
  const port = parsed.url!.port || (parsed.backend === 'mysql' ? '3306' : '5432');
  return `${parsed.backend}://${parsed.url!.hostname}:${port}/${parsed.database}`;
}
