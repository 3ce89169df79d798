import http from 'node:http';
import mysql from 'mysql2/promise';
import pg from 'pg';
import { mysqlConnectionOptions, openSqlite, postgresConnectionOptions } from '../src/db/connect.ts';
import { DEFAULT_POOL_MAX, parseDatabaseUrl } from '../src/config/database-url.ts';
import { LIVE_STATUSES } from '../src/domain/types.ts';

/**
 * The raw floor: a bare node:http server with the same driver (better-sqlite3 / mysql2 /
 * pg) as the app, answering the availability URL with nothing but the bookings query the
 * availability route runs (occupancyBetween) and the rows as JSON. No framework, no
 * validation library, no domain logic — what the hardware and driver allow at best.
 *
 *   DATABASE_URL=… PORT=… node --import tsx bench/raw-floor.ts
 */

type Row = { id: string; table_id: string; starts_at: number; ends_at: number };
type RunQuery = (params: (string | number)[]) => Promise<Row[]>;

const MAX_DURATION_MS = 720 * 60_000;
const DAY_MS = 86_400_000;
const COLUMNS = 'id, table_id, starts_at, ends_at';
const WHERE = (p: (i: number) => string) =>
  `restaurant_id = ${p(1)} and starts_at >= ${p(2)} and starts_at < ${p(3)} and ends_at > ${p(4)} and status in (${LIVE_STATUSES.map((_, i) => p(5 + i)).join(', ')})`;

interface Driver {
  query: RunQuery;
  restaurants(): Promise<{ id: string; slug: string }[]>;
}

function openDriver(url: string): Driver {
  const parsed = parseDatabaseUrl(url);
  if (parsed.backend === 'sqlite') {
    const db = openSqlite(parsed.file!);
    const stmt = db.prepare(`select ${COLUMNS} from bookings where ${WHERE(() => '?')}`);
    return {
      query: async (params) => stmt.all(...params) as Row[],
      restaurants: async () => db.prepare('select id, slug from restaurants').all() as { id: string; slug: string }[],
    };
  }
  if (parsed.backend === 'mysql') {
    const pool = mysql.createPool({
      ...mysqlConnectionOptions(parsed, true),
      connectionLimit: DEFAULT_POOL_MAX,
      maxIdle: DEFAULT_POOL_MAX,
    });
    const text = `select ${COLUMNS} from bookings where ${WHERE(() => '?')}`;
    return {
      query: async (params) => (await pool.query(text, params))[0] as Row[],
      restaurants: async () =>
        (await pool.query('select id, slug from restaurants'))[0] as { id: string; slug: string }[],
    };
  }
  const pool = new pg.Pool({ ...postgresConnectionOptions(parsed, true), max: DEFAULT_POOL_MAX });
  const text = `select ${COLUMNS} from bookings where ${WHERE((i) => `$${i}`)}`;
  return {
    query: async (params) => (await pool.query(text, params)).rows as Row[],
    restaurants: async () =>
      (await pool.query('select id, slug from restaurants')).rows as { id: string; slug: string }[],
  };
}

const AVAILABILITY = /^\/api\/v1\/restaurants\/([a-z0-9-]+)\/availability\?date=(\d{4}-\d{2}-\d{2})&party=(\d{1,4})$/;

async function main(): Promise<void> {
  const driver = openDriver(process.env.DATABASE_URL ?? '');
  const ids = new Map((await driver.restaurants()).map((r) => [r.slug, r.id]));
  const server = http.createServer((req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (req.url === '/healthz') return send(200, { status: 'ok' });
    const match = AVAILABILITY.exec(req.url ?? '');
    const id = match ? ids.get(match[1]) : undefined;
    if (!match || !id) return send(404, { title: 'Not Found' });
    const from = Date.parse(`${match[2]}T00:00:00Z`);
    const to = from + DAY_MS + 2 * 3_600_000;
    driver.query([id, from - MAX_DURATION_MS, to, from, ...LIVE_STATUSES]).then(
      (rows) => send(200, { date: match[2], party: Number(match[3]), bookings: rows }),
      () => send(500, { title: 'Internal Server Error' }),
    );
  });
  server.keepAliveTimeout = 72_000;
  server.listen(Number(process.env.PORT), '127.0.0.1');
  process.once('SIGTERM', () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
  });
}

await main();
