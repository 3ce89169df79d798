import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import http from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../src/db/connect.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { latencySummary, runLoad } from './load.ts';
import {
  apiRequestsServed,
  freePort,
  missingBinary,
  startAppServer,
  startHaproxy,
  startNginx,
  waitForStatus,
  type Proc,
} from './processes.ts';

/**
 * HAProxy (deploy/haproxy.cfg, active /readyz checks) in front of 2 app servers on MariaDB:
 * kill -9 one mid-load, start it again. And the client address through both balancers.
 */

after(dropCreatedDatabases);

const mysql = (await testBackends()).find((b) => b.name === 'mysql')!;

/** A POST from 127.0.0.2 (loopback alias) with a made-up X-Forwarded-For. */
function postFrom127002(base: string, slug: string, key: string): Promise<number> {
  const url = new URL(`${base}/api/v1/restaurants/${slug}/bookings`);
  const date = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10);
  const body = JSON.stringify({ date, time: '20:00', party: 2, name: `XFF ${key}`, email: 'xff@example.com' });
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      {
        method: 'POST',
        localAddress: '127.0.0.2',
        headers: { 'content-type': 'application/json', 'idempotency-key': key, 'x-forwarded-for': '203.0.113.9' },
      },
      (res) => (res.resume(), res.on('end', () => resolve(res.statusCode!))),
    );
    req.on('error', reject);
    req.end(body);
  });
}

describe(
  'HAProxy in front of 2 app servers on MariaDB',
  { skip: mysql.skip ?? missingBinary('/usr/sbin/haproxy') ?? missingBinary('/usr/sbin/nginx') },
  () => {
    const servers: Proc[] = [];
    const ports: number[] = [];
    let haproxy: Awaited<ReturnType<typeof startHaproxy>>;
    let database: Database;
    let url: string;
    let restaurant: { id: string; slug: string };
    const env = () => ({ DATABASE_URL: url, BOOKING_RATE_LIMIT: '100000' });

    before(async () => {
      ({ url, database } = await freshDatabase(mysql));
      restaurant = await insertRestaurant(database.db, {
        tables: Array.from({ length: 24 }, (_, i) => [`T${i + 1}`, 1, 2] as [string, number, number]),
      });
      ports.push(await freePort(), await freePort());
      servers.push(...ports.map((port) => startAppServer(port, env())));
      await Promise.all(servers.map((s, i) => waitForStatus(`http://127.0.0.1:${ports[i]}/readyz`, s)));
      haproxy = await startHaproxy(ports);
    });

    after(async () => {
      await Promise.all([...servers.map((s) => s.stop()), haproxy?.proc.stop('SIGTERM')]);
      await database?.close();
    });

    it('kill -9 of an app server mid-load: no failed request, no duplicate; the restarted server is checked up and serves', async (t) => {
      let end = Infinity;
      const load = runLoad({
        baseUrl: haproxy.url,
        slug: restaurant.slug,
        clients: 4,
        durationMs: 0,
        endAt: () => end,
        pauseMs: 80,
        postShare: 0.35,
      });
      try {
        await sleep(2_500);
        await servers[1].stop('SIGKILL');
        await sleep(1_500);
        servers[1] = startAppServer(ports[1], env());
        await waitForStatus(`http://127.0.0.1:${ports[1]}/readyz`, servers[1]);
      } finally {
        end = Date.now() + 4_000; // rise 2 checks, then traffic
      }
      const stats = await load;
      const served = apiRequestsServed(await (await fetch(`http://127.0.0.1:${ports[1]}/metrics`)).text());
      const rows = await database.db
        .selectFrom('bookings')
        .select(['reference', 'name'])
        .where('restaurant_id', '=', restaurant.id)
        .execute();
      const names = new Set(rows.map((r) => r.name));
      const references = new Set(rows.map((r) => r.reference));
      t.diagnostic(
        `haproxy: sent=${stats.sent} failed=${stats.failed.length} retried=${stats.retried} ${JSON.stringify(stats.retryReasons)} created=${stats.created.length} statuses=${JSON.stringify(stats.statuses)}`,
      );
      t.diagnostic(`latency ${latencySummary(stats)}; restarted server answered ${served} API requests`);
      assert.deepEqual(stats.failed, []);
      assert.equal(names.size, rows.length, 'no duplicate bookings');
      assert.ok(
        stats.created.every((c) => references.has(c.reference)),
        'no lost booking',
      );
      assert.ok(served > 0, 'the restarted server is back in rotation');
    });

    it('TRUST_PROXY: the app sees the client address the balancer saw, never a made-up X-Forwarded-For', async () => {
      const nginx = await startNginx(ports);
      try {
        assert.equal(await postFrom127002(haproxy.url, restaurant.slug, `xff-h-${Date.now()}`), 201);
        assert.equal(await postFrom127002(nginx.url, restaurant.slug, `xff-n-${Date.now()}`), 201);
      } finally {
        await nginx.proc.stop('SIGTERM');
      }
      const buckets = await database.db
        .selectFrom('rate_limits')
        .select(['bucket', 'hits'])
        .where('bucket', 'in', ['booking:127.0.0.2', 'booking:203.0.113.9'])
        .execute();
      const hits: Record<string, number> = {};
      for (const b of buckets) hits[b.bucket] = (hits[b.bucket] ?? 0) + Number(b.hits);
      assert.deepEqual(hits, { 'booking:127.0.0.2': 2 });
    });
  },
);
