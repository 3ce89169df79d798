import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../src/db/connect.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { percentile } from './load.ts';
import { freePort, startAppServer, waitForStatus, type Proc } from './processes.ts';

/**
 * Stops the local MariaDB for ~4 s under light load and starts it again. MariaDB is ALWAYS
 * started again (finally), even when the test fails. Other test files share this server:
 * keep the outage short, and run this file on its own (CI runs one file at a time).
 */

after(dropCreatedDatabases);

const run = promisify(execFile);
const mysql = (await testBackends()).find((b) => b.name === 'mysql')!;
const OUTAGE_MS = 4_000;

async function mariadbAnswers(): Promise<boolean> {
  try {
    await run('mysqladmin', ['-uroot', '-h127.0.0.1', '--connect-timeout=2', 'ping'], { timeout: 5_000 });
    return true;
  } catch {
    return false;
  }
}

async function startMariadb(timeoutMs = 60_000): Promise<void> {
  await run('start-stop-daemon', ['--start', '--oknodo', '--background', '--exec', '/usr/sbin/mariadbd']);
  const deadline = Date.now() + timeoutMs;
  while (!(await mariadbAnswers())) {
    if (Date.now() > deadline) throw new Error('MariaDB did not come back');
    await sleep(100);
  }
}

interface Sample {
  at: number;
  ms: number;
  status: number | string;
  problem: boolean;
  what: string;
}

/** One client per app server, a request every ~100 ms, until `stop()` is called. */
function lightLoad(bases: string[], slug: string, t0: number) {
  const samples: Sample[] = [];
  let running = true;
  let n = 0;
  const request = async (base: string) => {
    const i = n++;
    const date = new Date(Date.now() + (2 + (i % 40)) * 86_400_000).toISOString().slice(0, 10);
    const post = i % 4 === 0;
    const what = post ? 'POST booking' : i % 4 === 1 ? 'GET /readyz' : 'GET availability';
    const url = post
      ? `${base}/api/v1/restaurants/${slug}/bookings`
      : what === 'GET /readyz'
        ? `${base}/readyz`
        : `${base}/api/v1/restaurants/${slug}/availability?date=${date}&party=2`;
    const init: RequestInit = post
      ? {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `o-${i}-${t0}` },
          body: JSON.stringify({ date, time: '19:00', party: 2, name: `Outage ${i}`, email: `o${i}@example.com` }),
        }
      : {};
    const started = Date.now();
    try {
      const res = await fetch(url, { ...init, signal: AbortSignal.timeout(15_000) });
      await res.arrayBuffer();
      const problem = (res.headers.get('content-type') ?? '').startsWith('application/problem+json');
      samples.push({ at: started - t0, ms: Date.now() - started, status: res.status, problem, what });
    } catch (error) {
      samples.push({ at: started - t0, ms: Date.now() - started, status: (error as Error).name, problem: false, what });
    }
  };
  const loops = bases.map(async (base) => {
    while (running) {
      await request(base);
      await sleep(100);
    }
  });
  return { samples, stop: async () => ((running = false), await Promise.all(loops)) };
}

describe('database outage: MariaDB stops for a few seconds under load', { skip: mysql.skip }, () => {
  const servers: Proc[] = [];
  const bases: string[] = [];
  let database: Database;
  let slug: string;

  before(async () => {
    const fresh = await freshDatabase(mysql);
    database = fresh.database;
    ({ slug } = await insertRestaurant(database.db, {
      tables: Array.from({ length: 30 }, (_, i) => [`T${i + 1}`, 1, 2] as [string, number, number]),
    }));
    const ports = [await freePort(), await freePort()];
    servers.push(
      startAppServer(ports[0], { DATABASE_URL: fresh.url }),
      startAppServer(ports[1], { DATABASE_URL: fresh.url }, ['--workers', '2']),
    );
    bases.push(...ports.map((p) => `http://127.0.0.1:${p}`));
    await Promise.all(servers.map((s, i) => waitForStatus(`${bases[i]}/readyz`, s)));
  });

  after(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await database?.close().catch(() => {});
  });

  it('answers 503 problem+json quickly while the database is down, and 200 again within 5 s of its return', async (t) => {
    const t0 = Date.now();
    const load = lightLoad(bases, slug, t0);
    let downAt = 0;
    let upAt = 0;
    let startingAt = Infinity;
    let recoveredAt = 0;
    try {
      await sleep(1_500);
      await run('mysqladmin', ['-uroot', '-h127.0.0.1', 'shutdown'], { timeout: 30_000 });
      downAt = Date.now() - t0;
      await sleep(OUTAGE_MS);
    } finally {
      startingAt = Date.now() - t0;
      if (!(await mariadbAnswers())) await startMariadb();
      upAt = Date.now() - t0;
    }
    const deadline = Date.now() + 15_000;
    const soon = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
    for (;;) {
      const answers = await Promise.all(
        bases
          .flatMap((b) => [`${b}/readyz`, `${b}/api/v1/restaurants/${slug}/availability?date=${soon}&party=2`])
          .map((u) =>
            fetch(u).then(
              (r) => r.status,
              () => 0,
            ),
          ),
      );
      if (answers.every((s) => s === 200)) break;
      if (Date.now() > deadline) break;
      await sleep(50);
    }
    recoveredAt = Date.now() - t0;
    await sleep(1_500);
    await load.stop();

    const during = load.samples.filter((s) => s.at > downAt + 200 && s.at + s.ms < startingAt);
    const afterRecovery = load.samples.filter((s) => s.at > recoveredAt);
    const unavailable = during.filter((s) => s.status === 503);
    t.diagnostic(
      `database down at ${downAt} ms, back (mysqladmin ping) at ${upAt} ms, everything 200 again at ${recoveredAt} ms: recovery ${recoveredAt - upAt} ms`,
    );
    t.diagnostic(
      `requests: ${load.samples.length}; during the outage ${during.length} (503: ${unavailable.length}); slowest during the outage ${Math.max(0, ...during.map((s) => s.ms))} ms, p50 ${percentile(
        during.map((s) => s.ms),
        50,
      )} ms`,
    );

    assert.ok(
      servers.every((s) => s.isRunning()),
      'no app process exited',
    );
    assert.doesNotMatch(servers[1].output(), /worker died/, 'no worker crashed');
    assert.ok(
      load.samples.every((s) => typeof s.status === 'number'),
      `every request was answered: ${JSON.stringify(load.samples.filter((s) => typeof s.status !== 'number'))}`,
    );
    assert.ok(
      load.samples.every((s) => s.ms < 10_000),
      'no request hung for 10 s',
    );
    assert.ok(unavailable.length > 0, 'requests met the outage');
    assert.deepEqual(
      during.filter((s) => s.status !== 503),
      [],
      'during the outage: 503, readiness included',
    );
    assert.deepEqual(
      during.filter((s) => s.what !== 'GET /readyz' && !s.problem),
      [],
      'API answers are problem+json',
    );
    assert.ok(
      recoveredAt - upAt <= 5_000,
      `answers 200 again within 5 s of the database's return (took ${recoveredAt - upAt} ms)`,
    );
    assert.deepEqual(
      afterRecovery.filter((s) => ![200, 201, 409].includes(s.status as number)),
      [],
      'after recovery: normal answers',
    );
  });
});
