import fs from 'node:fs';
import os from 'node:os';
import { sql, type Kysely } from 'kysely';
import type { Backend } from '../src/config/database-url.ts';
import type { DB } from '../src/db/schema.ts';

export interface Machine {
  cpu: string;
  cores: number;
  memoryGiB: number;
  node: string;
  os: string;
  loadAverage: string;
}

function cpuModel(): string {
  try {
    const match = /^model name\s*:\s*(.+)$/m.exec(fs.readFileSync('/proc/cpuinfo', 'utf8'));
    if (match) return match[1].trim();
  } catch {
    /* not Linux */
  }
  return os.cpus()[0]?.model ?? 'unknown';
}

export function describeMachine(): Machine {
  return {
    cpu: cpuModel(),
    cores: os.availableParallelism(),
    memoryGiB: Math.round((os.totalmem() / 2 ** 30) * 10) / 10,
    node: process.version,
    os: `${os.type()} ${os.release()} (${os.arch()})`,
    loadAverage: os
      .loadavg()
      .map((n) => n.toFixed(2))
      .join(' '),
  };
}

/** The database server's (or SQLite library's) version string. */
export async function databaseVersion(db: Kysely<DB>, backend: Backend): Promise<string> {
  if (backend === 'sqlite') {
    const { rows } = await sql<{ v: string }>`select sqlite_version() as v`.execute(db);
    return `SQLite ${rows[0].v} (better-sqlite3, WAL)`;
  }
  const { rows } = await sql<{ v: string }>`select version() as v`.execute(db);
  const text = String(rows[0].v);
  return backend === 'mysql' ? `MariaDB/MySQL ${text}` : text.replace(/ on .*$/, '');
}
