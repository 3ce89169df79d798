import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import { sql } from 'kysely';
import { createDb } from '../../src/db/connect.ts';
import { DatabaseUrlError, parseDatabaseUrl, redactUrl } from '../../src/config/database-url.ts';
import { classifyDbError } from '../../src/db/errors.ts';
import { runTransaction } from '../../src/db/run-transaction.ts';
import { toProblem } from '../../src/http/errors.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';

after(dropCreatedDatabases);

describe('several MySQL hosts in DATABASE_URL', () => {
  it('parses the host list, keeping the first host in the URL', () => {
    const parsed = parseDatabaseUrl('mysql://u:p%40ss@db1.internal:3307,db2.internal,10.0.0.3:3308/bookings?ssl=true');
    assert.equal(parsed.backend, 'mysql');
    assert.equal(parsed.database, 'bookings');
    assert.equal(parsed.url!.hostname, 'db1.internal');
    assert.equal(decodeURIComponent(parsed.url!.password), 'p@ss');
    assert.equal(parsed.url!.searchParams.get('ssl'), 'true');
    assert.deepEqual(parsed.hosts, [
      { host: 'db1.internal', port: 3307 },
      { host: 'db2.internal', port: 3306 },
      { host: '10.0.0.3', port: 3308 },
    ]);
    assert.deepEqual(parseDatabaseUrl('mysql://root@127.0.0.1/x').hosts, [{ host: '127.0.0.1', port: 3306 }]);
    assert.equal(redactUrl('mysql://u:secret@h1:3306,h2:3306/db'), 'mysql://u:***@h1:3306,h2:3306/db');
  });

  it('refuses empty or bad hosts and host lists on PostgreSQL', () => {
    assert.throws(() => parseDatabaseUrl('mysql://u@h1:3306,,h2/db'), DatabaseUrlError);
    assert.throws(() => parseDatabaseUrl('mysql://u@h1:3306,h 2/db'), DatabaseUrlError);
    assert.throws(() => parseDatabaseUrl('mysql://u@h1:3306,h2:99999/db'), DatabaseUrlError);
    assert.throws(() => parseDatabaseUrl('postgres://u@h1:5432,h2:5432/db'), /only mysql/);
  });

  it('classifies driver errors once: retry, reconnect, duplicate, unavailable', () => {
    const cases: [object, string][] = [
      [
        {
          code: 'ER_LOCK_DEADLOCK',
          errno: 1213,
          message: 'Deadlock found when trying to get lock; try restarting transaction',
        },
        'retry',
      ],
      [
        {
          errno: 1213,
          message: 'WSREP detected deadlock/conflict and aborted the transaction. Try restarting the transaction',
        },
        'retry',
      ],
      [{ code: 'ER_LOCK_WAIT_TIMEOUT', errno: 1205 }, 'retry'],
      [{ code: '40001' }, 'retry'],
      [{ code: '40P01' }, 'retry'],
      [
        { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047, message: 'WSREP has not yet prepared node for application use' },
        'reconnect',
      ],
      [{ code: 'ER_OPTION_PREVENTS_STATEMENT', errno: 1290 }, 'reconnect'],
      [{ code: 'ER_READ_ONLY_MODE', errno: 1836 }, 'reconnect'],
      [{ code: '25006' }, 'reconnect'],
      [{ code: 'ER_SERVER_SHUTDOWN', errno: 1053 }, 'reconnect'],
      [{ code: '57P01' }, 'reconnect'],
      [{ code: 'ECONNRESET' }, 'reconnect'],
      [{ code: 'PROTOCOL_CONNECTION_LOST' }, 'reconnect'],
      [{ message: "Can't add new command when connection is in closed state" }, 'reconnect'],
      [{ code: 'ER_DUP_ENTRY', errno: 1062 }, 'duplicate'],
      [{ code: '23505' }, 'duplicate'],
      [{ code: 'ECONNREFUSED' }, 'unavailable'],
      [{ code: 'POOL_TIMEOUT' }, 'unavailable'],
      [{ code: 'ER_PARSE_ERROR', errno: 1064 }, 'other'],
    ];
    for (const [error, kind] of cases) assert.equal(classifyDbError(error), kind, JSON.stringify(error));
  });

  it('maps what the runner gives up on: a duplicate key is a 409 refusal, a lost connection a 503, never a 500', () => {
    for (const locale of ['en', 'ko'] as const) {
      const dup = toProblem(Object.assign(new Error('Duplicate entry'), { code: 'ER_DUP_ENTRY', errno: 1062 }), locale);
      assert.equal(dup.status, 409);
      assert.ok(dup.detail.length > 0);
      assert.equal(
        toProblem(Object.assign(new Error('WSREP not ready'), { code: 'ER_UNKNOWN_COM_ERROR', errno: 1047 }), locale)
          .status,
        503,
      );
      assert.equal(toProblem(Object.assign(new Error('read only'), { code: '25006' }), locale).status, 503);
    }
  });
});

async function deadPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

for (const backend of await testBackends()) {
  describe(`transaction runner on ${backend.name}`, { skip: backend.skip }, () => {
    if (backend.name === 'mysql') {
      it('uses the next host when the first refuses, and remembers it as down', async () => {
        const { url } = await freshDatabase(backend, 1);
        const real = new URL(url);
        const multi = `mysql://root@127.0.0.1:${await deadPort()},${real.host}${real.pathname}`;
        const database = createDb(multi, { poolMax: 2 });
        try {
          for (let i = 0; i < 3; i++) {
            const { rows } = await sql<{ one: number }>`select 1 as one`.execute(database.db);
            assert.equal(Number(rows[0].one), 1);
          }
        } finally {
          await database.close();
        }
      });
    }

    if (backend.name !== 'sqlite') {
      it('a connection killed inside a transaction is retried on a new connection', async () => {
        const { database } = await freshDatabase(backend, 2);
        try {
          const db = database.db.withTables<{ probe: { id: number } }>();
          await db.schema
            .createTable('probe')
            .addColumn('id', 'integer', (c) => c.primaryKey())
            .execute();
          const attempts: number[] = [];
          await runTransaction(database.db, async (trx, attempt) => {
            attempts.push(attempt);
            await trx.withTables<{ probe: { id: number } }>().insertInto('probe').values({ id: 1 }).execute();
            if (attempt === 1) {
              const kill =
                backend.name === 'mysql'
                  ? sql`KILL CONNECTION_ID()`
                  : sql`select pg_terminate_backend(pg_backend_pid())`;
              await kill.execute(trx);
            }
          });
          assert.deepEqual(attempts, [1, 2]);
          assert.deepEqual(await db.selectFrom('probe').select('id').execute(), [{ id: 1 }]);
        } finally {
          await database.close();
        }
      });
    }

    it('a duplicate key is retried and then left to the caller to refuse', async () => {
      const { database } = await freshDatabase(backend, 2);
      try {
        const db = database.db.withTables<{ cells: { id: number } }>();
        await db.schema
          .createTable('cells')
          .addColumn('id', 'integer', (c) => c.primaryKey())
          .execute();
        await db.insertInto('cells').values({ id: 7 }).execute();
        let attempts = 0;
        await assert.rejects(
          runTransaction(
            database.db,
            async (trx) => {
              attempts++;
              await trx.withTables<{ cells: { id: number } }>().insertInto('cells').values({ id: 7 }).execute();
            },
            (e) => classifyDbError(e) === 'retry',
          ),
          (error) => classifyDbError(error) === 'duplicate',
        );
        assert.equal(attempts, 1);
      } finally {
        await database.close();
      }
    });
  });
}
