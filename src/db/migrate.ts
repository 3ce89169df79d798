import { Migrator, MysqlAdapter, type Kysely, type Migration, type MigrationProvider } from 'kysely';
import { ensureLeaseRow, isGalera, releaseLease, takeLease } from './queries/migration-lease.ts';
import * as initialSchema from './migrations/20261124T1140-initial-schema.ts';
import * as staffDisabled from './migrations/20261201T2135-staff-disabled.ts';
import * as locales from './migrations/20261201T2150-locales.ts';
import * as hostStand from './migrations/20261201T2220-host-stand.ts';
import * as capacity from './migrations/20261201T2240-capacity.ts';
import * as outboxSealed from './migrations/20261201T2245-outbox-sealed.ts';

/** Every migration, in order. Names are timestamps; files are frozen once shipped. */
export const MIGRATIONS: Record<string, Migration> = {
  '20261124T1140-initial-schema': initialSchema,
  '20261201T2135-staff-disabled': staffDisabled,
  '20261201T2150-locales': locales,
  '20261201T2220-host-stand': hostStand,
  '20261201T2240-capacity': capacity,
  '20261201T2245-outbox-sealed': outboxSealed,
};

export const SCHEMA_VERSION = Object.keys(MIGRATIONS).sort().at(-1)!;

const provider: MigrationProvider = { getMigrations: async () => MIGRATIONS };

function migrator(db: Kysely<any>): Migrator {
  return new Migrator({ db, provider });
}

export interface MigrationState {
  name: string;
  executedAt?: Date;
}

/**
 * Applies pending migrations. Safe when several hosts run it at once: Kysely takes a
 * lock (GET_LOCK on MySQL, an advisory lock on PostgreSQL, BEGIN IMMEDIATE on SQLite).
 * On MariaDB Galera GET_LOCK only locks one node, so a cluster-wide lease is taken first.
 */
export async function migrateToLatest(db: Kysely<any>): Promise<string[]> {
  const run = async () => {
    const { error, results } = await migrator(db).migrateToLatest();
    if (error) throw error;
    return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
  };
  if (!(db.getExecutor().adapter instanceof MysqlAdapter) || !(await isGalera(db))) return run();
  return withClusterLease(db, run);
}

const LEASE_STALE_S = 600;
const LEASE_WAIT_MS = 15 * 60_000;

async function withClusterLease<T>(db: Kysely<any>, work: () => Promise<T>): Promise<T> {
  await ensureLeaseRow(db);
  const deadline = Date.now() + LEASE_WAIT_MS;
  let stamp = Math.floor(Date.now() / 1000);
  while (!(await takeLease(db, stamp, LEASE_STALE_S).catch(() => false))) {
    if (Date.now() > deadline)
      throw new Error('another host has been migrating for 15 minutes; giving up (see docs/scaling.md)');
    await new Promise((resolve) => setTimeout(resolve, 500));
    stamp = Math.floor(Date.now() / 1000);
  }
  try {
    return await work();
  } finally {
    await releaseLease(db, stamp);
  }
}

export async function migrationStatus(db: Kysely<any>): Promise<MigrationState[]> {
  const all = await migrator(db).getMigrations();
  return all.map((m) => ({ name: m.name, executedAt: m.executedAt }));
}

/** True when every known migration has been applied. */
export async function isSchemaCurrent(db: Kysely<any>): Promise<boolean> {
  const all = await migrationStatus(db);
  return all.every((m) => m.executedAt !== undefined);
}
