import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import SqliteDatabase from 'better-sqlite3';
import { sql } from 'kysely';
import { createDb } from '../../src/db/connect.ts';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';

after(dropCreatedDatabases);

const WORKER = fileURLToPath(new URL('./fixtures/sqlite-writer.ts', import.meta.url));
const PROCESSES = 4;
const TRANSACTIONS = 200;

interface Report {
  done: true;
  errors: string[];
}

function startWorker(url: string, id: number): { child: ChildProcess; ready: Promise<void>; report: Promise<Report> } {
  const child = fork(WORKER, [url, String(TRANSACTIONS), `w${id}`], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const ready = new Promise<void>((resolve, reject) => {
    child.on('message', (m) => m === 'ready' && resolve());
    child.on('exit', (code) => reject(new Error(`worker ${id} exited early (${code})`)));
  });
  const report = new Promise<Report>((resolve, reject) => {
    child.on('message', (m) => typeof m === 'object' && m !== null && resolve(m as Report));
    child.on('exit', (code) => code !== 0 && reject(new Error(`worker ${id} exited with ${code}`)));
  });
  return { child, ready, report };
}

async function prepareTables(url: string): Promise<void> {
  const database = createDb(url);
  try {
    await sql`create table race_counter (id integer primary key, value integer not null)`.execute(database.db);
    await sql`create table race_log (worker text not null, seq integer not null, seen integer not null)`.execute(
      database.db,
    );
    await sql`insert into race_counter (id, value) values (1, 0)`.execute(database.db);
  } finally {
    await database.close();
  }
}

const sqlite = (await testBackends()).find((b) => b.name === 'sqlite')!;

describe('SQLite: several OS processes writing one file', () => {
  it(`${PROCESSES} processes × ${TRANSACTIONS} read-modify-write transactions: no "database is locked", no lost write`, async () => {
    const url = await sqlite.freshUrl();
    await prepareTables(url);
    const workers = Array.from({ length: PROCESSES }, (_, i) => startWorker(url, i));
    await Promise.all(workers.map((w) => w.ready));
    for (const w of workers) w.child.send('go');
    const reports = await Promise.all(workers.map((w) => w.report));

    const errors = reports.flatMap((r) => r.errors);
    assert.deepEqual(errors, [], `errors in workers: ${errors.slice(0, 5).join('; ')}`);
    const database = createDb(url);
    try {
      const counter = await sql<{ value: number }>`select value from race_counter where id = 1`.execute(database.db);
      assert.equal(Number(counter.rows[0].value), PROCESSES * TRANSACTIONS);
      const log = await sql<{ n: number; distinct_seen: number }>`
        select count(*) as n, count(distinct seen) as distinct_seen from race_log`.execute(database.db);
      assert.equal(Number(log.rows[0].n), PROCESSES * TRANSACTIONS);
      // every transaction saw a different counter value: they really ran one after another
      assert.equal(Number(log.rows[0].distinct_seen), PROCESSES * TRANSACTIONS);
    } finally {
      await database.close();
    }
  });

  it('control: a plain deferred BEGIN fails with SQLITE_BUSY even with a busy timeout', async () => {
    const url = await sqlite.freshUrl();
    await prepareTables(url);
    const file = url.slice('sqlite:'.length);
    const a = new SqliteDatabase(file, { timeout: 5000 });
    const b = new SqliteDatabase(file, { timeout: 5000 });
    try {
      // b starts a deferred transaction and reads: it holds a WAL snapshot, no write lock
      b.exec('BEGIN');
      b.prepare('select value from race_counter where id = 1').get();
      // a commits a write meanwhile, so b's snapshot is stale
      a.exec('BEGIN IMMEDIATE');
      a.exec('update race_counter set value = value + 1 where id = 1');
      a.exec('COMMIT');
      // b's upgrade to a writer cannot wait its way out: SQLite fails it at once
      assert.throws(
        () => b.exec('update race_counter set value = value + 1 where id = 1'),
        (error: { code?: string }) => String(error.code).startsWith('SQLITE_BUSY'),
      );
    } finally {
      if (b.inTransaction) b.exec('ROLLBACK');
      a.close();
      b.close();
    }
  });
});
