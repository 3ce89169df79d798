import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createDb, type Database } from '../../src/db/connect.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { latencySummary, runLoad } from './load.ts';
import { freePort, startAppServer, tempDir, waitForStatus, type Proc } from './processes.ts';

/**
 * `serve --workers 2` on ONE SQLite file: the primary creates and migrates the file before
 * forking, workers share it (WAL), a crashed worker is replaced, SIGHUP replaces the workers
 * one at a time without a failed request, SIGTERM drains and exits 0.
 */

interface LogLine {
  msg?: string;
  workerPid?: number;
  role?: string;
}

function logLines(proc: Proc): LogLine[] {
  return proc
    .output()
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as LogLine);
}

function listeningPids(proc: Proc): number[] {
  return logLines(proc)
    .filter((l) => l.msg === 'worker listening')
    .map((l) => l.workerPid!);
}

async function waitForLog(proc: Proc, msg: string, count: number, timeoutMs = 30_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (logLines(proc).filter((l) => l.msg === msg).length < count) {
    if (!proc.isRunning() || Date.now() > deadline) throw new Error(`no "${msg}" ×${count} in:\n${proc.output()}`);
    await sleep(50);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('serve --workers 2 on one SQLite file', () => {
  const file = path.join(tempDir('cluster'), 'data', 'bookings.db');
  let port: number;
  let base: string;
  let primary: Proc;
  let database: Database;
  let slug: string;

  before(async () => {
    port = await freePort();
    base = `http://127.0.0.1:${port}`;
    primary = startAppServer(port, { DATABASE_URL: `sqlite:${file}`, LOG_LEVEL: 'info' }, ['--workers', '2']);
    await waitForStatus(`${base}/readyz`, primary);
    await waitForLog(primary, 'worker listening', 2);
    database = createDb(`sqlite:${file}`);
    ({ slug } = await insertRestaurant(database.db, {
      tables: [
        ['T1', 1, 2],
        ['T2', 1, 2],
        ['T3', 2, 4],
      ],
    }));
  });

  after(async () => {
    await primary?.stop('SIGKILL');
    for (const pid of listeningPids(primary)) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    await database?.close();
  });

  it('concurrent booking POSTs on two workers: no 5xx, no "database is locked"; /metrics sums both workers', async () => {
    const date = new Date(Date.now() + 4 * 86_400_000).toISOString().slice(0, 10);
    const post = (i: number) =>
      fetch(`${base}/api/v1/restaurants/${slug}/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `c-${i}` },
        body: JSON.stringify({
          date,
          time: ['19:00', '19:15', '19:30'][i % 3],
          party: 2,
          name: `Guest ${i}`,
          email: `g${i}@example.com`,
        }),
      }).then(async (res) => ({ status: res.status, body: await res.text() }));
    const answers = await Promise.all(Array.from({ length: 60 }, (_, i) => post(i)));
    const statuses = answers.map((a) => a.status);
    assert.deepEqual(
      answers.filter((a) => a.status >= 500),
      [],
      'no 5xx',
    );
    assert.ok(
      statuses.every((s) => s === 201 || s === 409),
      `only 201/409: ${statuses}`,
    );
    const rows = await database.db.selectFrom('bookings').select('reference').execute();
    assert.equal(rows.length, statuses.filter((s) => s === 201).length, 'every 201 is stored, nothing else');
    assert.doesNotMatch(primary.output(), /database is locked|SQLITE_BUSY/);

    const metrics = await (await fetch(`${base}/metrics`)).text();
    const posted = metrics
      .split('\n')
      .filter((l) => l.startsWith('http_requests_total{method="POST",route="/api/v1/restaurants/:slug/bookings"'))
      .reduce((sum, l) => sum + Number(l.split(' ').at(-1)), 0);
    assert.equal(posted, 60, 'the scrape answers for both workers, not just the one that served it');
  });

  it('SIGHUP: a rolling restart under load replaces every worker with no failed request', async (t) => {
    const before = listeningPids(primary);
    const load = runLoad({ baseUrl: base, slug, clients: 4, durationMs: 7_000, pauseMs: 40, postShare: 0.3 });
    await sleep(1_500);
    primary.child.kill('SIGHUP');
    await waitForLog(primary, 'rolling restart done', 1);
    const stats = await load;
    const after = listeningPids(primary).slice(before.length);
    t.diagnostic(
      `rolling restart: sent=${stats.sent} failed=${stats.failed.length} retried=${stats.retried} ${JSON.stringify(stats.retryReasons)} statuses=${JSON.stringify(stats.statuses)}`,
    );
    t.diagnostic(`latency: ${latencySummary(stats)}`);
    assert.deepEqual(stats.failed, []);
    assert.equal(after.length, 2, 'two new workers');
    assert.ok(
      before.every((pid) => !isAlive(pid)),
      'the old workers are gone',
    );
  });

  it('a worker killed with SIGKILL is replaced and the site keeps answering', async () => {
    const victim = listeningPids(primary).at(-1)!;
    const count = listeningPids(primary).length;
    process.kill(victim, 'SIGKILL');
    await waitForLog(primary, 'worker listening', count + 1);
    assert.match(primary.output(), /worker died; replacing it/);
    for (let i = 0; i < 10; i++) assert.equal((await fetch(`${base}/readyz`)).status, 200);
  });

  it('SIGTERM drains the workers and the primary exits 0', async (t) => {
    const workers = listeningPids(primary).filter(isAlive);
    const started = Date.now();
    primary.child.kill('SIGTERM');
    const { code } = await primary.exited;
    t.diagnostic(`SIGTERM → exit in ${Date.now() - started} ms`);
    assert.equal(code, 0);
    assert.ok(
      workers.every((pid) => !isAlive(pid)),
      'no worker left behind',
    );
  });
});
