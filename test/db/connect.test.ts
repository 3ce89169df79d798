import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { createDb, type Database } from '../../src/db/connect.ts';
import { isUnavailable } from '../../src/db/errors.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';

after(dropCreatedDatabases);

const MYSQL_BASE = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';

interface Row {
  id: string;
  label: string;
  note: string | null;
  flag: number;
  at: number;
}

const ROWS: Row[] = [
  { id: 'a', label: '한국어 예약 — 김민준', note: '창가 자리 부탁드려요 🙏', flag: 1, at: 1_782_928_800_123 },
  { id: 'b', label: 'Emoji 🍣🍷👨‍👩‍👧 and ß, é, 漢字', note: null, flag: 0, at: 0 },
  // far beyond 2^32, still a safe integer: instants must survive as numbers
  { id: 'c', label: 'far future', note: '', flag: 1, at: 4_102_444_800_000 },
];

function urlWithDatabase(base: string, name: string, search = ''): string {
  const url = new URL(base);
  url.pathname = `/${name}`;
  url.search = search;
  return url.toString();
}

for (const backend of await testBackends()) {
  describe(`createDb on ${backend.name}`, { skip: backend.skip }, () => {
    let database: Database;
    let url: string;
    before(async () => {
      ({ url, database } = await freshDatabase(backend, 2));
    });
    after(async () => database?.close());

    it('round-trips unicode text, NULL, 0/1 flags and BIGINT epoch ms', async () => {
      const db = database.db.withTables<{ roundtrip: Row }>();
      await db.schema
        .createTable('roundtrip')
        .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
        .addColumn('label', 'varchar(100)', (c) => c.notNull())
        .addColumn('note', 'text')
        .addColumn('flag', 'integer', (c) => c.notNull())
        .addColumn('at', 'bigint', (c) => c.notNull())
        .execute();
      await db.insertInto('roundtrip').values(ROWS).execute();
      const back = await db.selectFrom('roundtrip').selectAll().orderBy('id').execute();
      assert.deepEqual(back, ROWS);
      for (const row of back) {
        assert.equal(typeof row.at, 'number');
        assert.equal(typeof row.flag, 'number');
      }
      const found = await db.selectFrom('roundtrip').select('id').where('label', '=', ROWS[0].label).execute();
      assert.deepEqual(found, [{ id: 'a' }]);
    });

    it('rolls a failed transaction back', async () => {
      const db = database.db.withTables<{ roundtrip: Row }>();
      await assert.rejects(
        db.transaction().execute(async (trx) => {
          await trx.insertInto('roundtrip').values({ id: 'd', label: 'x', note: null, flag: 0, at: 1 }).execute();
          await trx.insertInto('roundtrip').values({ id: 'd', label: 'dup', note: null, flag: 0, at: 1 }).execute();
        }),
      );
      assert.equal((await db.selectFrom('roundtrip').select('id').where('id', '=', 'd').execute()).length, 0);
    });

    it(`opens a second connection on the same url`, async () => {
      const other = createDb(url, { poolMax: 1 });
      try {
        const { rows } = await sql<{ one: number }>`select 1 as one`.execute(other.db);
        assert.equal(Number(rows[0].one), 1);
      } finally {
        await other.close();
      }
    });

    if (backend.name !== 'sqlite') {
      // SQLite has one connection per process behind a mutex; a pool wait does not apply.
      it('a query waiting for a free connection fails instead of hanging', async () => {
        const small = createDb(url, { poolMax: 1, acquireTimeoutMs: 300 });
        let release!: () => void;
        const held = new Promise<void>((resolve) => (release = resolve));
        let started!: () => void;
        const inside = new Promise<void>((resolve) => (started = resolve));
        const tx = small.db.transaction().execute(async (trx) => {
          await sql`select 1`.execute(trx);
          started();
          await held;
        });
        try {
          await inside;
          await assert.rejects(sql`select 1`.execute(small.db), (error) => {
            assert.ok(isUnavailable(error), `expected an "unavailable" error, got ${String(error)}`);
            return true;
          });
        } finally {
          release();
          await tx;
        }
        // and the pool recovers once the connection is free again
        await sql`select 1`.execute(small.db);
        await small.close();
      });
    }

    if (backend.name === 'mysql') {
      it('sessions are UTC, strict and utf8mb4', async () => {
        const { rows } = await sql<{ tz: string; mode: string; cs: string }>`
          select @@session.time_zone as tz, @@session.sql_mode as mode, @@character_set_connection as cs`.execute(
          database.db,
        );
        assert.equal(rows[0].tz, '+00:00');
        assert.match(rows[0].mode, /STRICT_ALL_TABLES/);
        assert.equal(rows[0].cs, 'utf8mb4');
      });

      it('strict mode rejects a value that does not fit instead of truncating it', async () => {
        const db = database.db.withTables<{ roundtrip: Row }>();
        await assert.rejects(
          db
            .insertInto('roundtrip')
            .values({ id: 'long', label: 'x'.repeat(101), note: null, flag: 0, at: 1 })
            .execute(),
        );
      });

      it('?ssl=true against a server without TLS fails with a clear error, not a hang', async () => {
        const tls = createDb(urlWithDatabase(MYSQL_BASE, 'mysql', '?ssl=true'), {
          poolMax: 1,
          acquireTimeoutMs: 10_000,
        });
        try {
          await assert.rejects(sql`select 1`.execute(tls.db), (error: Error) => {
            assert.match(error.message, /secure connection|ssl|tls/i);
            return true;
          });
        } finally {
          await tls.close();
        }
      });
    }

    if (backend.name === 'postgres') {
      it('sessions are UTC and UTF8', async () => {
        const { rows } = await sql<{ tz: string; enc: string }>`
          select current_setting('TimeZone') as tz, current_setting('client_encoding') as enc`.execute(database.db);
        assert.equal(rows[0].tz, 'UTC');
        assert.equal(rows[0].enc, 'UTF8');
      });
    }

    if (backend.name === 'sqlite') {
      it('uses WAL, foreign keys and a busy timeout', async () => {
        const mode = await sql<{ journal_mode: string }>`pragma journal_mode`.execute(database.db);
        assert.equal(mode.rows[0].journal_mode, 'wal');
        const fk = await sql<{ foreign_keys: number }>`pragma foreign_keys`.execute(database.db);
        assert.equal(fk.rows[0].foreign_keys, 1);
        const busy = await sql<{ timeout: number }>`pragma busy_timeout`.execute(database.db);
        assert.ok(busy.rows[0].timeout >= 5000);
      });
    }
  });
}
