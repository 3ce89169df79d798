import { sql, type Kysely } from 'kysely';
import type { Backend } from '../../config/database-url.ts';
import type { DB } from '../schema.ts';

/** What the server says about this connection: encrypted or not, and its version. */
export interface ConnectionInfo {
  /** undefined for SQLite (no connection to encrypt) */
  encrypted?: boolean;
  version: string;
}

export async function connectionInfo(db: Kysely<DB>, backend: Backend): Promise<ConnectionInfo> {
  if (backend === 'sqlite') {
    const { rows } = await sql<{ v: string }>`select sqlite_version() as v`.execute(db);
    return { version: `SQLite ${rows[0]?.v ?? '?'}` };
  }
  if (backend === 'mysql') {
    const cipher = await sql<{ Value: string }>`SHOW SESSION STATUS LIKE 'Ssl_cipher'`.execute(db);
    const version = await sql<{ v: string }>`SELECT VERSION() AS v`.execute(db);
    return { encrypted: Boolean(cipher.rows[0]?.Value), version: `MySQL/MariaDB ${version.rows[0]?.v ?? '?'}` };
  }
  const ssl = await sql<{ ssl: boolean }>`SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()`.execute(db);
  const version = await sql<{ server_version: string }>`SHOW server_version`.execute(db);
  return { encrypted: Boolean(ssl.rows[0]?.ssl), version: `PostgreSQL ${version.rows[0]?.server_version ?? '?'}` };
}
