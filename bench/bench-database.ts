import crypto from 'node:crypto';
import os from 'node:os';
import path from 'node:path';
import { sql } from 'kysely';
import { createDb, type Database } from '../src/db/connect.ts';
import { createDatabase, dropDatabase } from '../src/db/create-database.ts';
import { redactUrl, type Backend } from '../src/config/database-url.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import type { BenchSettings } from './settings.ts';

/** A fresh, migrated database for one backend's benchmark; dropped again by `drop()`. */
export interface BenchDatabase {
  backend: Backend;
  url: string;
  database: Database;
  drop(): Promise<void>;
}

function urlFor(backend: Backend, settings: BenchSettings): string {
  const name = `tb_bench_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;
  if (backend === 'sqlite') return `sqlite:${path.join(os.tmpdir(), 'tablebookings-bench', `${name}.db`)}`;
  const url = new URL(backend === 'mysql' ? settings.mysqlBase : settings.postgresBase);
  url.pathname = `/${name}`;
  return url.toString();
}

/** Why the backend's server cannot be used, or undefined when it can. */
export async function unreachable(backend: Backend, settings: BenchSettings): Promise<string | undefined> {
  if (backend === 'sqlite') return undefined;
  const url = new URL(backend === 'mysql' ? settings.mysqlBase : settings.postgresBase);
  url.pathname = backend === 'mysql' ? '/mysql' : '/postgres';
  const probe = createDb(url.toString(), { poolMax: 1, acquireTimeoutMs: 3000 });
  try {
    await sql`select 1`.execute(probe.db);
    return undefined;
  } catch (error) {
    return (error as Error).message || String(error);
  } finally {
    await probe.close().catch(() => {});
  }
}

export async function freshBenchDatabase(backend: Backend, settings: BenchSettings): Promise<BenchDatabase> {
  const url = urlFor(backend, settings);
  await createDatabase(url);
  const database = createDb(url, { poolMax: 2 });
  try {
    await migrateToLatest(database.db);
  } catch (error) {
    await database.close();
    await dropDatabase(url);
    throw error;
  }
  return {
    backend,
    url,
    database,
    async drop() {
      await database.close().catch(() => {});
      await dropDatabase(url).catch((error: unknown) => {
        process.stderr.write(`could not drop ${redactUrl(url)}: ${(error as Error).message}\n`);
      });
    },
  };
}

export async function countBookings(database: Database): Promise<number> {
  const row = await database.db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
