import { sql, type Kysely } from 'kysely';

/**
 * A cluster-wide lease for `db migrate` on MariaDB Galera, where Kysely's GET_LOCK only
 * locks one node. The lease lives in Kysely's own lock row (`kysely_migration_lock`,
 * `is_locked` holding the epoch second it was taken, 0 = free): a conditional UPDATE,
 * which certification lets succeed on exactly one node. A lease older than `staleS`
 * (a migrator that crashed) may be taken over.
 */
const TABLE = 'kysely_migration_lock';

export interface LeaseDb {
  kysely_migration_lock: { id: string; is_locked: number };
}
const ROW = 'migration_lock';

export async function ensureLeaseRow(db: Kysely<LeaseDb>): Promise<void> {
  await db.schema
    .createTable(TABLE)
    .ifNotExists()
    .addColumn('id', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('is_locked', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await sql`INSERT IGNORE INTO ${sql.table(TABLE)} (id, is_locked) VALUES (${ROW}, 0)`.execute(db);
}

/** Takes the lease stamped `stampS` unless someone holds a fresh one; true when taken. */
export async function takeLease(db: Kysely<LeaseDb>, stampS: number, staleS: number): Promise<boolean> {
  const result = await db
    .updateTable(TABLE)
    .set({ is_locked: stampS })
    .where('id', '=', ROW)
    .where((eb) => eb.or([eb('is_locked', '=', 0), eb('is_locked', '<', stampS - staleS)]))
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function releaseLease(db: Kysely<LeaseDb>, stampS: number): Promise<void> {
  await db.updateTable(TABLE).set({ is_locked: 0 }).where('id', '=', ROW).where('is_locked', '=', stampS).execute();
}

/** MariaDB with Galera replication on (`wsrep_on`). */
export async function isGalera(db: Kysely<LeaseDb>): Promise<boolean> {
  const { rows } = await sql<{ Value: string }>`SHOW VARIABLES LIKE 'wsrep_on'`.execute(db);
  return String(rows[0]?.Value ?? '').toUpperCase() === 'ON';
}
