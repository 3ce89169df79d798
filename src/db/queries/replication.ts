import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import type { Backend } from '../../config/database-url.ts';

/**
 * Replication positions, to tell whether a read replica has applied everything the
 * primary had: MariaDB/MySQL GTIDs (`@@gtid_binlog_pos` on the primary, `@@gtid_slave_pos`
 * on the replica), PostgreSQL WAL positions (`pg_current_wal_lsn()` on the primary,
 * `pg_last_wal_replay_lsn()` on the replica).
 */
export async function primaryPosition(db: Kysely<DB>, backend: Backend): Promise<string> {
  if (backend === 'mysql') {
    const { rows } = await sql<{ pos: string | null }>`SELECT @@GLOBAL.gtid_binlog_pos AS pos`.execute(db);
    return String(rows[0]?.pos ?? '');
  }
  const { rows } = await sql<{ pos: string }>`SELECT pg_current_wal_lsn()::text AS pos`.execute(db);
  return String(rows[0]?.pos ?? '0/0');
}

/** The replica's applied position; `undefined` when the server is no replica at all. */
export async function replicaPosition(db: Kysely<DB>, backend: Backend): Promise<string | undefined> {
  if (backend === 'mysql') {
    const { rows } = await sql<{ pos: string | null }>`SELECT @@GLOBAL.gtid_slave_pos AS pos`.execute(db);
    return String(rows[0]?.pos ?? '');
  }
  const { rows } = await sql<{ pos: string | null }>`SELECT pg_last_wal_replay_lsn()::text AS pos`.execute(db);
  return rows[0]?.pos ?? undefined;
}
