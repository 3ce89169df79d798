import { setTimeout as sleep } from 'node:timers/promises';
import { createDb } from '../src/db/connect.ts';
import { createDatabase } from '../src/db/create-database.ts';
import { migrateToLatest } from '../src/db/migrate.ts';
import { startGalera } from '../test/cluster/galera.ts';
import { startMariadbReplica, startPostgresReplica, type ReplicaPair } from '../test/cluster/replicas.ts';
import { runLoad, formatStatuses } from './load.ts';
import { bookingDates } from './plan.ts';
import { startAppServer } from './processes.ts';
import { seedFutureBookings, seedRestaurants } from './seed.ts';

/**
 * `npx tsx bench/cluster.ts` (issue 16; not part of `npm run bench`, ~3 min):
 * 1. availability GET throughput of one app server with and without DATABASE_READ_URL,
 *    on a MariaDB GTID replica and a PostgreSQL streaming replica of our own;
 * 2. a 3-node Galera cluster behind 3 app servers: `kill -9` of a node under a steady
 *    booking probe, the time until every app server books again, and the rejoin time.
 * Prints Markdown tables on stdout (copied by hand into bench/other-measurements.md).
 *   BENCH_CLUSTER_DURATION=s (default 10), BENCH_CLUSTER_CONNECTIONS=n (default 16),
 *   BENCH_CLUSTER_ONLY=replicas|galera
 */

const DURATION = Number(process.env.BENCH_CLUSTER_DURATION ?? 10);
const CONNECTIONS = Number(process.env.BENCH_CLUSTER_CONNECTIONS ?? 16);
const log = (line: string) => process.stderr.write(line + '\n');
const DB_NAME = 'tablebookings';

async function replicaRows(pair: ReplicaPair): Promise<string[]> {
  const url = pair.primaryUrl(DB_NAME);
  await createDatabase(url);
  const database = createDb(url, { poolMax: 4 });
  await migrateToLatest(database.db);
  const { avail } = await seedRestaurants(database.db);
  await seedFutureBookings(database.db, avail, 1_000, 30);
  await database.close();
  await sleep(2_000); // let the replica apply the seed
  const rows: string[] = [];
  for (const withReplica of [false, true]) {
    const env: Record<string, string> = withReplica ? { DATABASE_READ_URL: pair.replicaUrl(DB_NAME) } : {};
    const server = await startAppServer({ databaseUrl: url, env });
    try {
      await runLoad({ url: server.url, kind: 'availability', connections: CONNECTIONS, durationSec: 3, offset: 0 });
      const metrics = await (await fetch(`${server.url}/metrics`)).text();
      const inUse = /^tablebookings_db_replica_in_use (\d)/m.exec(metrics)?.[1];
      const result = await runLoad({
        url: server.url,
        kind: 'availability',
        connections: CONNECTIONS,
        durationSec: DURATION,
        offset: 0,
      });
      const label = withReplica ? `reads from the replica (in use: ${inUse === '1' ? 'yes' : 'NO'})` : 'primary only';
      rows.push(
        `| ${pair.backend === 'mysql' ? 'MariaDB' : 'PostgreSQL'} | ${label} | **${Math.round(result.requestsPerSec)}** | ${result.p50} | ${result.p99} | ${formatStatuses(result)} |`,
      );
      log(rows.at(-1)!);
    } finally {
      await server.proc.stop();
    }
  }
  return rows;
}

interface Probe {
  server: number;
  startedAt: number;
  endedAt: number;
  ok: boolean;
}

/** One booking POST per app server every 100 ms, no client retry: what a guest would meet. */
async function probeBookings(urls: string[], until: () => boolean, probes: Probe[]): Promise<void> {
  const dates = bookingDates();
  let n = 0;
  const one = async (server: number) => {
    while (!until()) {
      const i = n++;
      const startedAt = Date.now();
      const body = {
        date: dates[i % dates.length],
        time: ['12:00', '18:00', '19:30', '21:00'][Math.floor(i / dates.length) % 4],
        party: 2,
        name: `Probe ${i}`,
        email: `probe${i}@example.com`,
      };
      const ok = await fetch(`${urls[server]}/api/v1/restaurants/bench-book-${i % 8}/bookings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': `probe-${i}` },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(15_000),
      }).then(
        (r) => r.status === 201 || r.status === 409,
        () => false,
      );
      probes.push({ server, startedAt, endedAt: Date.now(), ok });
      await sleep(100);
    }
  };
  await Promise.all(urls.map((_, i) => one(i)));
}

async function galeraRows(): Promise<string[]> {
  const cluster = await startGalera(3);
  const servers: Awaited<ReturnType<typeof startAppServer>>[] = [];
  try {
    const url = cluster.url(DB_NAME);
    await createDatabase(url);
    const database = createDb(url, { poolMax: 2 });
    await migrateToLatest(database.db);
    await seedRestaurants(database.db);
    await database.close();
    for (let i = 0; i < 3; i++)
      servers.push(await startAppServer({ databaseUrl: cluster.url(DB_NAME, [i, (i + 1) % 3, (i + 2) % 3]) }));
    const probes: Probe[] = [];
    let done = false;
    const probing = probeBookings(
      servers.map((s) => s.url),
      () => done,
      probes,
    );
    await sleep(3_000);
    const killedAt = Date.now();
    await cluster.nodes[1].kill9();
    await sleep(8_000);
    const restartAt = Date.now();
    await cluster.nodes[1].rejoin();
    const syncedAt = Date.now();
    await sleep(2_000);
    done = true;
    await probing;
    const isBad = (p: Probe) => !p.ok || p.endedAt - p.startedAt > 1_000;
    const afterKill = probes.filter((p) => p.endedAt >= killedAt && p.startedAt < restartAt);
    const duringRejoin = probes.filter((p) => p.startedAt >= restartAt);
    const badAfterKill = afterKill.filter(isBad);
    const fullAt = badAfterKill.length ? Math.max(...badAfterKill.map((p) => p.endedAt)) : killedAt;
    const failed = probes.filter((p) => !p.ok).length;
    const slowest = (list: Probe[]) => Math.max(0, ...list.map((p) => p.endedAt - p.startedAt));
    const row = `| 3 nodes, 3 app servers (one writing through the killed node first) | ${probes.length} | ${failed} | ${slowest(afterKill)} ms | **${((fullAt - killedAt) / 1000).toFixed(1)} s** | ${((syncedAt - restartAt) / 1000).toFixed(1)} s (IST); ${duringRejoin.filter(isBad).length} of ${duringRejoin.length} probes slow or failed meanwhile, slowest ${slowest(duringRejoin)} ms |`;
    log(row);
    return [row];
  } finally {
    for (const s of servers) await s.proc.stop();
    await cluster.stop();
  }
}

async function main(): Promise<void> {
  const replicaTable = [
    '| backend | availability reads | req/s | p50 ms | p99 ms | statuses |',
    '| --- | --- | --- | --- | --- | --- |',
  ];
  const only = process.env.BENCH_CLUSTER_ONLY;
  for (const start of only === 'galera' ? [] : [startMariadbReplica, startPostgresReplica]) {
    const pair = await start();
    try {
      replicaTable.push(...(await replicaRows(pair)));
    } finally {
      await pair.stop();
    }
  }
  const galeraTable = [
    '| cluster | booking probes | failed (no client retry) | slowest answer after the kill | kill → every app server books within 1 s again | node restart → Synced |',
    '| --- | --- | --- | --- | --- | --- |',
    ...(only === 'replicas' ? [] : await galeraRows()),
  ];
  process.stdout.write(`${replicaTable.join('\n')}\n\n${galeraTable.join('\n')}\n`);
}

await main();
