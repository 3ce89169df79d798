import fs from 'node:fs';
import type mysql from 'mysql2/promise';
import { mysqlPromiseDriver, pgDriver } from './drivers.ts';
import { mysqlConnectionOptions, openSqlite, postgresConnectionOptions } from './connect.ts';
import { parseDatabaseUrl } from '../config/database-url.ts';

/** Creates the logical database named in the URL (idempotent). Returns true when it was created. */
export async function createDatabase(url: string): Promise<boolean> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.backend === 'sqlite') {
    const existed = parsed.file === ':memory:' || fs.existsSync(parsed.file!);
    openSqlite(parsed.file!).close();
    return !existed;
  }
  if (parsed.backend === 'mysql') {
    const conn = await mysqlPromiseDriver().createConnection(
      mysqlConnectionOptions(parsed, false) as mysql.ConnectionOptions,
    );
    try {
      const [rows] = await conn.query('SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
        parsed.database,
      ]);
      await conn.query(
        `CREATE DATABASE IF NOT EXISTS \`${parsed.database}\` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci`,
      );
      return (rows as unknown[]).length === 0;
    } finally {
      await conn.end();
    }
  }
  const client = new (pgDriver().Client)(postgresConnectionOptions(parsed, false));
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [parsed.database]);
    if (found.rowCount) return false;
    await client.query(`CREATE DATABASE "${parsed.database}" ENCODING 'UTF8' TEMPLATE template0`);
    return true;
  } catch (error) {
    if ((error as { code?: string }).code === '42P04') return false; // created meanwhile by another host
    throw error;
  } finally {
    await client.end();
  }
}

/** Drops the logical database (tests and `db copy --force` only). */
export async function dropDatabase(url: string): Promise<void> {
  const parsed = parseDatabaseUrl(url);
  if (parsed.backend === 'sqlite') {
    if (parsed.file === ':memory:') return;
    for (const suffix of ['', '-wal', '-shm']) fs.rmSync(parsed.file + suffix, { force: true });
    return;
  }
  if (parsed.backend === 'mysql') {
    const conn = await mysqlPromiseDriver().createConnection(
      mysqlConnectionOptions(parsed, false) as mysql.ConnectionOptions,
    );
    try {
      await conn.query(`DROP DATABASE IF EXISTS \`${parsed.database}\``);
    } finally {
      await conn.end();
    }
    return;
  }
  const client = new (pgDriver().Client)(postgresConnectionOptions(parsed, false));
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${parsed.database}" WITH (FORCE)`);
  } finally {
    await client.end();
  }
}
