import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { DateTime } from 'luxon';
import { createDb, type Database } from '../../src/db/connect.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { MIGRATIONS, migrateToLatest } from '../../src/db/migrate.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { latencySummary, runLoad } from '../scale/load.ts';
import { freePort, missingBinary, startAppServer, startProcess, waitForStatus, type Proc } from '../scale/processes.ts';
import { clusterSize, missingGalera, startGalera, startGaleraHaproxy, type GaleraCluster } from './galera.ts';
import type { MariadbNode } from './mariadb-node.ts';
import { FakeSmtp } from '../email/fake-smtp.ts';
import { insertOutboxRows } from '../email/outbox-rows.ts';

/**
 * A real 3-node MariaDB Galera cluster (our own mariadbd processes on free ports), 3 app
 * server processes each writing through a different node first (DATABASE_URL lists all
 * three nodes, rotated), and a 4th through deploy/haproxy-galera.cfg (writer: node 2).
 * Racing clients in their own processes, then `kill -9` of node 2 under booking load —
 * the first host of app server 2 and HAProxy's writer — and its rejoin.
 */

const DB_NAME = 'tablebookings';
const skip = missingGalera() ?? missingBinary('/usr/sbin/haproxy');

async function onNode<T>(node: MariadbNode, statement: string, map: (rows: string[][]) => T): Promise<T> {
  return map(await node.sql(`SET SESSION wsrep_sync_wait = 1; ${statement}`));
}

/** Pairs of live bookings on the same table whose times overlap, as counted by `node`. */
function doubleBookings(node: MariadbNode, restaurantId: string): Promise<number> {
  return onNode(
    node,
    `SELECT COUNT(*) FROM ${DB_NAME}.bookings a JOIN ${DB_NAME}.bookings b
      ON a.restaurant_id = b.restaurant_id AND a.table_id = b.table_id AND a.id < b.id
      AND a.starts_at < b.ends_at AND b.starts_at < a.ends_at
      WHERE a.restaurant_id = '${restaurantId}' AND a.status IN ('confirmed', 'seated') AND b.status IN ('confirmed', 'seated')`,
    (rows) => Number(rows[0][0]),
  );
}

function referencesOn(node: MariadbNode, restaurantId: string): Promise<Set<string>> {
  return onNode(
    node,
    `SELECT reference FROM ${DB_NAME}.bookings WHERE restaurant_id = '${restaurantId}'`,
    (rows) => new Set(rows.map((r) => r[0])),
  );
}

function namesOn(node: MariadbNode, restaurantId: string): Promise<string[]> {
  return onNode(node, `SELECT name FROM ${DB_NAME}.bookings WHERE restaurant_id = '${restaurantId}'`, (rows) =>
    rows.map((r) => r[0]),
  );
}

function runRaceClient(
  plan: object,
): Promise<{ statuses: Record<string, number>; created: { reference: string; name: string }[]; failures: string[] }> {
  const proc = startProcess('race-client', process.execPath, [
    '--import',
    'tsx',
    'test/cluster/race-client.ts',
    JSON.stringify(plan),
  ]);
  return proc.exited.then(({ code }) => {
    const line = proc.output().trim().split('\n').at(-1) ?? '';
    if (code !== 0) throw new Error(`race client exited ${code}:\n${proc.output()}`);
    return JSON.parse(line);
  });
}

describe(
  'a 3-node MariaDB Galera cluster behind 3 app servers (multi-host URLs) and a 4th behind HAProxy',
  { skip },
  () => {
    let cluster: GaleraCluster;
    let database: Database;
    const servers: Proc[] = [];
    let haproxy: Proc | undefined;
    const ports: number[] = [];
    let restaurant: { id: string; slug: string };
    const appUrl = (i: number) => `http://127.0.0.1:${ports[i]}`;

    before(async () => {
      cluster = await startGalera(3);
      const url = cluster.url(DB_NAME);
      await createDatabase(url);
      database = createDb(url, { poolMax: 2 });
      await migrateToLatest(database.db);
      restaurant = await insertRestaurant(database.db, {
        tables: [
          ['T1', 1, 2],
          ['T2', 1, 2],
          ['T3', 2, 4],
        ],
      });
      for (let i = 0; i < 4; i++) ports.push(await freePort());
      for (let i = 0; i < 3; i++) {
        // app server i writes through node i first, then the next ones
        servers.push(
          startAppServer(ports[i], {
            DATABASE_URL: cluster.url(DB_NAME, [i, (i + 1) % 3, (i + 2) % 3]),
            DATABASE_POOL_MAX: '4',
          }),
        );
      }
      const front = await startGaleraHaproxy(cluster, [1, 2, 0]);
      haproxy = front.proc;
      servers.push(
        startAppServer(ports[3], {
          DATABASE_URL: `mysql://root@127.0.0.1:${front.port}/${DB_NAME}`,
          DATABASE_POOL_MAX: '4',
        }),
      );
      await Promise.all(servers.map((s, i) => waitForStatus(`${appUrl(i)}/readyz`, s, 60_000)));
    });

    after(async () => {
      await Promise.all(servers.map((s) => s.stop()));
      await haproxy?.stop();
      await database?.close().catch(() => {});
      await cluster?.stop();
    });

    it('4 racing client processes through 3 nodes (multi-host URLs and HAProxy): no double booking on any node, every 201 on every node, no 5xx', async (t) => {
      const date = DateTime.now().setZone('Europe/London').plus({ days: 5 }).toISODate()!;
      const times = ['19:00', '19:15', '19:30', '19:45', '20:00'];
      const plans = [0, 1, 2, 3].map((i) => ({
        baseUrl: appUrl(i),
        slug: restaurant.slug,
        date,
        times,
        rounds: 2,
        tag: `c${i}`,
      }));
      const results = await Promise.all(plans.map(runRaceClient));
      const statuses: Record<string, number> = {};
      for (const r of results) for (const [k, v] of Object.entries(r.statuses)) statuses[k] = (statuses[k] ?? 0) + v;
      const created = results.flatMap((r) => r.created);
      t.diagnostic(`statuses ${JSON.stringify(statuses)}; created ${created.length}`);
      assert.deepEqual(
        results.flatMap((r) => r.failures),
        [],
        'only 201 and 409 answers',
      );
      assert.ok(created.length >= 3, 'the tables were booked');
      assert.ok((statuses['409'] ?? 0) > 0, 'the race had losers (the slots are scarce)');
      for (const node of cluster.nodes) {
        assert.equal(await doubleBookings(node, restaurant.id), 0, `no double booking on ${node.name}`);
        const refs = await referencesOn(node, restaurant.id);
        assert.deepEqual(
          created.filter((c) => !refs.has(c.reference)),
          [],
          `every 201 is on ${node.name}`,
        );
        assert.equal(refs.size, created.length, `no booking on ${node.name} that a client was not told about`);
      }
    });

    it('db migrate run by two hosts at once through two nodes applies each migration once', async () => {
      const url = cluster.url('tb_migrate_race');
      await createDatabase(url);
      const a = createDb(cluster.url('tb_migrate_race', [0, 1, 2]), { poolMax: 1 });
      const b = createDb(cluster.url('tb_migrate_race', [1, 2, 0]), { poolMax: 1 });
      try {
        const [first, second] = await Promise.all([migrateToLatest(a.db), migrateToLatest(b.db)]);
        assert.deepEqual(
          [...first, ...second].sort(),
          Object.keys(MIGRATIONS).sort(),
          'every migration applied by exactly one host',
        );
        const rows = await cluster.nodes[2].sql(
          'SET SESSION wsrep_sync_wait = 1; SELECT COUNT(*) FROM tb_migrate_race.kysely_migration',
        );
        assert.equal(Number(rows[0][0]), Object.keys(MIGRATIONS).length);
      } finally {
        await a.close();
        await b.close();
      }
    });

    it('3 outbox senders claiming through 3 different nodes: every email sent exactly once', async () => {
      const smtp = new FakeSmtp();
      await smtp.start(0);
      const senders: Proc[] = [];
      // a database of its own: the app servers' senders (no SMTP_URL) must not take these rows
      const OUTBOX_DB = 'tb_outbox';
      await createDatabase(cluster.url(OUTBOX_DB));
      const outbox = createDb(cluster.url(OUTBOX_DB), { poolMax: 1 });
      try {
        await migrateToLatest(outbox.db);
        const ids = await insertOutboxRows(outbox.db, 45, Date.now(), (i) => `galera${i}@example.com`);
        for (let i = 0; i < 3; i++) {
          senders.push(
            startProcess(`sender${i}`, process.execPath, ['--import', 'tsx', 'test/email/outbox-worker.ts'], {
              DATABASE_URL: cluster.url(OUTBOX_DB, [i, (i + 1) % 3, (i + 2) % 3]),
              SMTP_URL: smtp.url,
              WORKER_ID: `galera-sender-${i}`,
            }),
          );
        }
        for (let i = 0; i < 600 && smtp.received.filter((e) => ids.includes(e.outboxId ?? '')).length < ids.length; i++)
          await sleep(100);
        await sleep(500); // a double send would arrive now
        const counts = new Map<string, number>();
        for (const e of smtp.received) counts.set(e.outboxId ?? '', (counts.get(e.outboxId ?? '') ?? 0) + 1);
        assert.deepEqual(
          ids.filter((id) => counts.get(id) !== 1),
          [],
          'each email delivered once',
        );
        for (const node of cluster.nodes) {
          const left = await onNode(
            node,
            `SELECT COUNT(*) FROM ${OUTBOX_DB}.email_outbox WHERE id IN (${ids.map((id) => `'${id}'`).join(',')}) AND status <> 'sent'`,
            (rows) => Number(rows[0][0]),
          );
          assert.equal(left, 0, `every row is sent on ${node.name}`);
        }
      } finally {
        await Promise.all(senders.map((p) => p.stop('SIGTERM')));
        await outbox.close();
        await smtp.stop();
      }
    });

    it('kill -9 of a node under booking load: no failed request after one retry, no duplicate, no lost booking; the node rejoins and catches up', async (t) => {
      const killed = cluster.nodes[1];
      let turn = 0;
      let end = Infinity;
      const t0 = Date.now();
      // the rotation sends half of the requests to app servers 1 and 3, which write through the killed node
      const load = runLoad({
        baseUrl: () => appUrl(turn++ % 4),
        slug: restaurant.slug,
        clients: 4,
        durationMs: 0,
        endAt: () => end,
        pauseMs: 50,
        postShare: 0.5,
        timeoutMs: 20_000,
      });
      let killedAt = 0;
      let rejoinedAt = 0;
      try {
        await sleep(3_000);
        await killed.kill9();
        killedAt = Date.now() - t0;
        await sleep(4_000);
        await killed.rejoin();
        rejoinedAt = Date.now() - t0;
        await sleep(2_000);
      } finally {
        end = Date.now();
      }
      const stats = await load;
      t.diagnostic(
        `sent=${stats.sent} ok=${stats.ok} retried=${stats.retried} ${JSON.stringify(stats.retryReasons)} created=${stats.created.length} statuses=${JSON.stringify(stats.statuses)}`,
      );
      t.diagnostic(
        `node 2 killed at ${killedAt} ms, rejoined (Synced) at ${rejoinedAt} ms; latency overall ${latencySummary(stats)}; 3 s after the kill ${latencySummary(stats, killedAt, killedAt + 3_000)}`,
      );
      assert.deepEqual(stats.failed, [], 'no request failed as the client sees it (one retry, same Idempotency-Key)');
      assert.ok(stats.created.length > 10, `enough bookings to prove anything (${stats.created.length})`);
      for (const node of cluster.nodes) {
        assert.equal(await clusterSize(node), 3, `${node.name} sees all three nodes again`);
        const names = await namesOn(node, restaurant.id);
        const loadNames = names.filter((n) => n.startsWith('Load '));
        assert.equal(loadNames.length, new Set(loadNames).size, `no Idempotency-Key made two bookings (${node.name})`);
        const refs = await referencesOn(node, restaurant.id);
        assert.deepEqual(
          stats.created.filter((c) => !refs.has(c.reference)),
          [],
          `every acknowledged booking is on ${node.name}`,
        );
        assert.equal(await doubleBookings(node, restaurant.id), 0, `no double booking on ${node.name}`);
      }
      assert.ok(
        servers.every((s) => s.isRunning()),
        'every app server kept running',
      );
    });
  },
);
