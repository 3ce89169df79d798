import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { createDb, type Database } from '../../src/db/connect.ts';
import { createDatabase, dropDatabase } from '../../src/db/create-database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import type { Backend } from '../../src/config/database-url.ts';

/**
 * Every data-layer and HTTP test loops over these. Servers default to the local ones and
 * can be moved with TEST_MYSQL_URL / TEST_POSTGRES_URL (a URL whose database part is
 * ignored: each run creates and drops its own databases). Outside CI a missing server is
 * reported loudly and skipped; with CI=true it is a failure.
 */
export interface TestBackend {
  name: Backend;
  /** undefined when usable; otherwise why not */
  skip?: string;
  /** a fresh, migrated database URL unique to this call */
  freshUrl(): Promise<string>;
}

const MYSQL_BASE = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const POSTGRES_BASE = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const created: string[] = [];

function uniqueName(): string {
  return `tb_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
}

function withDatabaseName(base: string, name: string): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  return url.toString();
}

async function reachable(url: string): Promise<string | undefined> {
  const database = createDb(url, { poolMax: 1, acquireTimeoutMs: 3000 });
  try {
    const { sql } = await import('kysely');
    await sql`select 1`.execute(database.db);
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await database.close().catch(() => {});
  }
}

async function serverBackend(name: 'mysql' | 'postgres', base: string): Promise<TestBackend> {
  const probe = withDatabaseName(base, name === 'mysql' ? 'mysql' : 'postgres');
  const problem = await reachable(probe);
  const skip = problem ? `${name} server not reachable at ${new URL(base).host}: ${problem}` : undefined;
  return {
    name,
    skip,
    async freshUrl() {
      const url = withDatabaseName(base, uniqueName());
      await createDatabase(url);
      created.push(url);
      await migrateUrl(url);
      return url;
    },
  };
}

async function migrateUrl(url: string): Promise<void> {
  const database = createDb(url, { poolMax: 1 });
  try {
    await migrateToLatest(database.db);
  } finally {
    await database.close();
  }
}

const sqliteBackend: TestBackend = {
  name: 'sqlite',
  async freshUrl() {
    const url = `sqlite:${path.join(os.tmpdir(), 'tablebookings-tests', `${uniqueName()}.db`)}`;
    created.push(url);
    await createDatabase(url);
    await migrateUrl(url);
    return url;
  },
};

let cached: Promise<TestBackend[]> | undefined;

/** The three backends; unreachable servers carry `skip` (or fail the run under CI=true). */
export function testBackends(): Promise<TestBackend[]> {
  cached ??= (async () => {
    const list = [
      sqliteBackend,
      await serverBackend('mysql', MYSQL_BASE),
      await serverBackend('postgres', POSTGRES_BASE),
    ];
    for (const b of list) {
      if (b.skip && process.env.CI === 'true') throw new Error(`CI=true and a backend is missing: ${b.skip}`);
      if (b.skip) process.stderr.write(`\n*** SKIPPING ${b.name.toUpperCase()} TESTS: ${b.skip} ***\n\n`);
    }
    return list;
  })();
  return cached;
}

/** Opens a fresh migrated database on the backend. */
export async function freshDatabase(backend: TestBackend, poolMax = 5): Promise<{ url: string; database: Database }> {
  const url = await backend.freshUrl();
  return { url, database: createDb(url, { poolMax }) };
}

/** Drops every database this process created. Call from an `after` hook. */
export async function dropCreatedDatabases(): Promise<void> {
  while (created.length) await dropDatabase(created.pop()!).catch(() => {});
}
