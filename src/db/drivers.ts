import { createRequire } from 'node:module';
import type BetterSqlite3 from 'better-sqlite3';
import type * as Mysql2 from 'mysql2';
import type * as Mysql2Promise from 'mysql2/promise';
import type * as Pg from 'pg';

/**
 * The database drivers, each loaded on first use (synchronously: they are CommonJS), so that a
 * process only loads the one its DATABASE_URL needs — `serve` on SQLite never parses mysql2 or
 * pg, which took a large share of the start-up time (issue 12).
 */
const load = createRequire(import.meta.url);

export const sqliteDriver = (): typeof BetterSqlite3 => load('better-sqlite3');
export const mysqlDriver = (): typeof Mysql2 => load('mysql2');
export const mysqlPromiseDriver = (): typeof Mysql2Promise => load('mysql2/promise');
export const pgDriver = (): typeof Pg => load('pg');
