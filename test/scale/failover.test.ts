import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../src/db/connect.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { latencySummary, runLoad, type LoadStats } from './load.ts';
import {
  apiRequestsServed,
  freePort,
  missingBinary,
  startAppServer,
  startNginx,
  waitForStatus,
  type Proc,
} from './processes.ts';

/**
 * Real nginx (deploy/nginx.conf) in front of 3 app server processes sharing the local
 * MariaDB. Mid-load one app server gets `kill -9`, later it starts again.
 */

after(dropCreatedDatabases);

const mysql = (await testBackends()).find((b) => b.name === 'mysql')!;
const AFTER_READY_MS = 5_000;
const KILL_AT_MS = 4_000;
const RESTART_AT_MS = 8_000;

async function bookingsInDatabase(database: Database, restaurantId: string) {
  return database.db
    .selectFrom('bookings')
    .select(['reference', 'name'])
    .where('restaurant_id', '=', restaurantId)
    .execute();
}

function report(stats: LoadStats, lines: string[], log: (line: string) => void): void {
  log(
    `sent=${stats.sent} ok=${stats.ok} failed=${stats.failed.length} retried=${stats.retried} ${JSON.stringify(stats.retryReasons)} created=${stats.created.length} conflicts(409)=${stats.conflicts}`,
  );
  log(`statuses ${JSON.stringify(stats.statuses)}`);
  log(`latency overall: ${latencySummary(stats)}`);
  log(`latency in the 3 s after the kill: ${latencySummary(stats, KILL_AT_MS, KILL_AT_MS + 3_000)}`);
  for (const line of lines) log(line);
}

describe(
  'failover: nginx in front of 3 app servers on MariaDB',
  { skip: mysql.skip ?? missingBinary('/usr/sbin/nginx') },
  () => {
    const servers: Proc[] = [];
    const ports: number[] = [];
    let nginx: Awaited<ReturnType<typeof startNginx>>;
    let database: Database;
    let url: string;
    let restaurant: { id: string; slug: string };

    before(async () => {
      ({ url, database } = await freshDatabase(mysql));
      const tables = Array.from({ length: 24 }, (_, i) => [`T${i + 1}`, 1, 2] as [string, number, number]);
      restaurant = await insertRestaurant(database.db, { tables });
      for (let i = 0; i < 3; i++) ports.push(await freePort());
      servers.push(...ports.map((port) => startAppServer(port, { DATABASE_URL: url })));
      await Promise.all(servers.map((s, i) => waitForStatus(`http://127.0.0.1:${ports[i]}/readyz`, s)));
      nginx = await startNginx(ports);
    });

    after(async () => {
      await Promise.all([...servers.map((s) => s.stop()), nginx?.proc.stop('SIGTERM')]);
      await database?.close();
    });

    it('kill -9 of an app server mid-load: no failed request, no duplicate, no lost booking; the restarted server serves again', async (t) => {
      let end = Infinity;
      const load = runLoad({
        baseUrl: nginx.url,
        slug: restaurant.slug,
        clients: 6,
        durationMs: 0,
        endAt: () => end,
        pauseMs: 100,
        postShare: 0.35,
      });
      const t0 = Date.now();
      let killedAt = 0;
      let restartAt = 0;
      let readyAt = 0;
      try {
        await sleep(KILL_AT_MS);
        await servers[1].stop('SIGKILL');
        killedAt = Date.now() - t0;
        await sleep(RESTART_AT_MS - KILL_AT_MS);
        restartAt = Date.now() - t0;
        servers[1] = startAppServer(ports[1], { DATABASE_URL: url });
        await waitForStatus(`http://127.0.0.1:${ports[1]}/readyz`, servers[1]);
        readyAt = Date.now() - t0;
      } finally {
        end = Date.now() + AFTER_READY_MS; // nginx retries a failed server after fail_timeout (3 s)
      }
      const stats = await load;

      const metrics = await (await fetch(`http://127.0.0.1:${ports[1]}/metrics`)).text();
      const servedAfterRestart = apiRequestsServed(metrics);
      const rows = await bookingsInDatabase(database, restaurant.id);
      const byName = new Map<string, number>();
      for (const row of rows) byName.set(row.name, (byName.get(row.name) ?? 0) + 1);
      const duplicates = [...byName.values()].filter((n) => n > 1).length;
      const references = new Set(rows.map((r) => r.reference));
      const lost = stats.created.filter((c) => !references.has(c.reference));
      const nginxLog = fs.readFileSync(path.join(nginx.dir, 'tablebookings.error.log'), 'utf8');
      const nginxRetries = nginxLog.split('\n').filter((l) => /upstream/.test(l)).length;
      const retryWindow = stats.retryTimes.length
        ? `${Math.min(...stats.retryTimes)}–${Math.max(...stats.retryTimes)} ms`
        : 'none needed';

      report(
        stats,
        [
          `killed app server 2 at ${killedAt} ms; restarted at ${restartAt} ms; ready (/readyz 200) at ${readyAt} ms (${readyAt - restartAt} ms after start)`,
          `client retries: ${retryWindow}; upstream failures nginx absorbed (error.log lines): ${nginxRetries}`,
          `restarted server answered ${servedAfterRestart} API requests; bookings in the database=${rows.length}, duplicates=${duplicates}, lost=${lost.length}`,
        ],
        (line) => t.diagnostic(line),
      );

      assert.deepEqual(stats.failed, [], 'no request failed as the client sees it');
      assert.ok(stats.created.length > 20, `enough bookings were made to prove anything (${stats.created.length})`);
      assert.equal(duplicates, 0, 'no idempotency key produced two bookings');
      assert.deepEqual(lost, [], 'every 201 is in the database');
      assert.equal(
        rows.length,
        new Set(stats.created.map((c) => c.reference)).size,
        'no booking the client was not told about',
      );
      assert.ok(servedAfterRestart > 0, 'the restarted app server takes traffic again');
      assert.ok(
        servers.every((s) => s.isRunning()),
        'the other app servers kept running',
      );
    });

    it('read-your-writes across hosts: a booking made through one app server is seen at once through another', async () => {
      const date = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10);
      for (let i = 0; i < 6; i++) {
        const writer = `http://127.0.0.1:${ports[i % 3]}`;
        const reader = `http://127.0.0.1:${ports[(i + 1) % 3]}`;
        const created = await fetch(`${writer}/api/v1/restaurants/${restaurant.slug}/bookings`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'idempotency-key': `ryw-${i}-${Date.now()}` },
          body: JSON.stringify({ date, time: '19:00', party: 2, name: `RYW ${i}`, email: `ryw${i}@example.com` }),
        });
        assert.equal(created.status, 201, await created.clone().text());
        const booking = (await created.json()) as { reference: string; manageToken: string };
        const auth = { authorization: `Bearer ${booking.manageToken}` };
        const seen = await fetch(`${reader}/api/v1/bookings/${booking.reference}`, { headers: auth });
        assert.equal(seen.status, 200, await seen.clone().text());
        assert.equal(((await seen.json()) as { reference: string }).reference, booking.reference);

        const cancelled = await fetch(`${reader}/api/v1/bookings/${booking.reference}/cancel`, {
          method: 'POST',
          headers: auth,
        });
        assert.equal(cancelled.status, 200, await cancelled.clone().text());
        const again = await fetch(`${writer}/api/v1/bookings/${booking.reference}`, { headers: auth });
        assert.equal(((await again.json()) as { status: string }).status, 'cancelled');
      }
    });
  },
);
