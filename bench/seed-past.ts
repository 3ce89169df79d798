import { sql, type Kysely, type RawBuilder } from 'kysely';
import type { Backend } from '../src/config/database-url.ts';
import type { DB } from '../src/db/schema.ts';
import type { SeededRestaurant } from './seed.ts';

/**
 * Bulk past bookings (completed, every tenth cancelled) spread over the last ~3 years,
 * generated inside the database by one INSERT … SELECT per table over a number series
 * (generate_series / MariaDB's seq_0_to_N / a recursive CTE): far faster than sending
 * a million rows from Node. Past bookings hold no occupancy cells (those are only kept
 * for bookings that can still be changed), exactly as the brief allows.
 */

const THREE_YEARS_MS = 3 * 365 * 86_400_000;
const TABLE_LETTERS = 'ABCDEFGHJKMNPQRSTVWXYZ';

interface Dialect {
  series(count: number): RawBuilder<unknown>;
  pad6(expr: string): string;
  concat(...parts: string[]): string;
  dateOf(msExpr: string): string;
  bigint(expr: string): string;
}

const DIALECTS: Record<Backend, Dialect> = {
  sqlite: {
    series: (count) =>
      sql.raw(
        `(WITH RECURSIVE seq(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM seq WHERE n < ${count - 1}) SELECT n FROM seq) AS s`,
      ),
    pad6: (e) => `printf('%06d', ${e})`,
    concat: (...p) => p.join(' || '),
    dateOf: (ms) => `date(${ms} / 1000, 'unixepoch')`,
    bigint: (e) => e,
  },
  mysql: {
    series: (count) => sql.raw(`(SELECT seq AS n FROM seq_0_to_${count - 1}) AS s`),
    pad6: (e) => `LPAD(${e}, 6, '0')`,
    concat: (...p) => `CONCAT(${p.join(', ')})`,
    dateOf: (ms) => `DATE_FORMAT(FROM_UNIXTIME(${ms} DIV 1000), '%Y-%m-%d')`,
    bigint: (e) => e,
  },
  postgres: {
    series: (count) => sql.raw(`generate_series(0, ${count - 1}) AS s(n)`),
    pad6: (e) => `lpad(${e}::text, 6, '0')`,
    concat: (...p) => p.join(' || '),
    dateOf: (ms) => `to_char(to_timestamp(${ms} / 1000) AT TIME ZONE 'UTC', 'YYYY-MM-DD')`,
    bigint: (e) => `${e}::bigint`,
  },
};

function safeInt(n: number): number {
  if (!Number.isSafeInteger(n)) throw new Error(`not a safe integer: ${n}`);
  return n;
}

async function insertPastForTable(
  db: Kysely<DB>,
  d: Dialect,
  restaurant: SeededRestaurant,
  t: number,
  perTable: number,
  now: number,
): Promise<void> {
  const base = safeInt(now - THREE_YEARS_MS - 86_400_000 + t * 600_000);
  const step = safeInt(Math.floor(THREE_YEARS_MS / perTable));
  const starts = `(${base} + ${d.bigint('s.n')} * ${step})`;
  const letter = TABLE_LETTERS[t % TABLE_LETTERS.length];
  const text = sql.raw;
  await sql`
    INSERT INTO bookings (restaurant_id, id, reference, table_id, party, starts_at, ends_at, service_date, local_time,
      name, email, phone, notes, status, source, manage_token_hash, created_at, updated_at)
    SELECT ${restaurant.id}, ${text(d.concat(`'past-${t}-'`, d.pad6('s.n')))}, ${text(d.concat(`'P${letter}'`, d.pad6('s.n')))},
      ${restaurant.tableIds[t]}, 2, ${text(starts)}, ${text(`${starts} + 5400000`)}, ${text(d.dateOf(starts))}, '19:00',
      'Past Guest', NULL, NULL, NULL, CASE WHEN s.n % 10 = 0 THEN 'cancelled' ELSE 'completed' END, 'api',
      'pastpastpastpastpastpastpastpastpastpastpastpastpastpastpastpast', ${text(`${starts} - 604800000`)}, ${text(`${starts} - 604800000`)}
    FROM ${d.series(perTable)}`.execute(db);
}

/** About `count` past bookings over the given restaurants' tables; returns how many were written. */
export async function seedPastBookings(
  db: Kysely<DB>,
  backend: Backend,
  restaurants: SeededRestaurant[],
  count: number,
): Promise<number> {
  const d = DIALECTS[backend];
  const tables = restaurants.reduce((sum, r) => sum + r.tableIds.length, 0);
  const perTable = Math.ceil(count / tables);
  const now = Date.now();
  for (const restaurant of restaurants) {
    await db.transaction().execute(async (trx) => {
      for (let t = 0; t < restaurant.tableIds.length; t++)
        await insertPastForTable(trx, d, restaurant, t, perTable, now);
    });
  }
  if (backend === 'mysql') await sql`ANALYZE TABLE bookings`.execute(db);
  else await sql`ANALYZE`.execute(db);
  return perTable * tables;
}
