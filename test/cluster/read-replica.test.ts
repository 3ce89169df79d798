import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { FastifyInstance } from 'fastify';
import { DateTime } from 'luxon';
import { loadConfig } from '../../src/config.ts';
import { createDb, type Database } from '../../src/db/connect.ts';
import { createDatabase } from '../../src/db/create-database.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { createReadDatabase, type ReadDatabase } from '../../src/db/read-replica.ts';
import { buildApp } from '../../src/http/app.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { missingReplicaTools, startMariadbReplica, startPostgresReplica, type ReplicaPair } from './replicas.ts';

/**
 * DATABASE_READ_URL against real replicas of our own (MariaDB GTID replication, a
 * PostgreSQL streaming replica): reads come from the replica while it keeps up, a
 * client that wrote reads from the primary, a stopped or lagging replica is skipped.
 * The replica monitor runs on a settable clock and is checked by hand (no timing asserts).
 */

const DB_NAME = 'tablebookings';
const MAX_LAG_S = 5;
const date = DateTime.now().setZone('Europe/London').plus({ days: 4 }).toISODate()!;

async function waitUntil(test: () => Promise<boolean>, what: string, tries = 100): Promise<void> {
  for (let i = 0; i < tries; i++) {
    if (await test().catch(() => false)) return;
    await sleep(100);
  }
  throw new Error(`timed out: ${what}`);
}

for (const kind of ['mysql', 'postgres'] as const) {
  describe(
    `a read replica on ${kind === 'mysql' ? 'MariaDB (GTID)' : 'PostgreSQL (streaming)'}`,
    { skip: missingReplicaTools(kind) },
    () => {
      let pair: ReplicaPair;
      let database: Database;
      let read: ReadDatabase;
      let app: FastifyInstance;
      let slug: string;
      const monitorClock = { now: Date.now() };

      before(async () => {
        pair = await (kind === 'mysql' ? startMariadbReplica() : startPostgresReplica());
        const url = pair.primaryUrl(DB_NAME);
        await createDatabase(url);
        database = createDb(url, { poolMax: 4 });
        await migrateToLatest(database.db);
        ({ slug } = await insertRestaurant(database.db, { tables: [['T1', 1, 2]] }));
        read = createReadDatabase(database, pair.replicaUrl(DB_NAME), {
          maxLagS: MAX_LAG_S,
          checkEveryMs: 3_600_000,
          clock: () => monitorClock.now,
          poolMax: 4,
        });
        const replica = createDb(pair.replicaUrl(DB_NAME), { poolMax: 1 });
        await waitUntil(
          async () =>
            (await replica.db.selectFrom('restaurants').select('slug').where('slug', '=', slug).execute()).length === 1,
          'the replica has the restaurant',
        );
        await replica.close();
        const config = loadConfig({
          DATABASE_URL: url,
          DATABASE_READ_URL: pair.replicaUrl(DB_NAME),
          DATABASE_READ_MAX_LAG_S: String(MAX_LAG_S),
          SECRET_KEY: 'replica-test-secret-key-0123456789',
          LOG_LEVEL: 'silent',
          BOOKING_RATE_LIMIT: '0',
          LOGIN_RATE_LIMIT: '0',
        });
        app = await buildApp({ config, database, readDatabase: read, clock: Date.now, logger: false });
        await app.ready();
      });

      after(async () => {
        await app?.close();
        await read?.close().catch(() => {});
        await database?.close().catch(() => {});
        await pair?.stop();
      });

      const times = async (cookie?: string) => {
        const res = await app.inject({
          url: `/api/v1/restaurants/${slug}/availability?date=${date}&party=2`,
          headers: cookie ? { cookie } : {},
        });
        assert.equal(res.statusCode, 200, res.body);
        return (res.json() as { slots: { time: string }[] }).slots.map((s) => s.time);
      };
      const book = async (time: string, name: string) => {
        const res = await app.inject({
          method: 'POST',
          url: `/api/v1/restaurants/${slug}/bookings`,
          payload: { date, time, party: 2, name, email: 'guest@example.com' },
        });
        assert.equal(res.statusCode, 201, res.body);
        const cookie = res.cookies.find((c) => c.name === 'tb_wrote');
        assert.ok(cookie, 'a write sets the read-your-writes cookie');
        const booking = res.json() as { reference: string; manageToken: string };
        return { ...booking, cookie: `tb_wrote=${cookie.value}` };
      };
      const metric = async (name: string) => {
        const text = (await app.inject({ url: '/metrics' })).body;
        const line = text.split('\n').find((l) => l.startsWith(`${name} `));
        return Number(line?.split(' ')[1]);
      };

      it('reads come from the replica while it keeps up; the guest who wrote reads the primary; a lagging replica is skipped', async () => {
        await read.check();
        assert.equal(read.usingReplica(), true, 'in sync: reads use the replica');
        assert.ok((await times()).includes('19:00'));
        await pair.pauseReplication();
        const guest = await book('19:00', 'Replica guest');
        assert.ok((await times()).includes('19:00'), 'a stranger reads the (paused) replica: old but within the bound');
        assert.ok(
          !(await times(guest.cookie)).includes('19:00'),
          'the guest who booked reads the primary: the time is taken',
        );
        const own = await app.inject({
          url: `/api/v1/bookings/${guest.reference}`,
          headers: { authorization: `Bearer ${guest.manageToken}` },
        });
        assert.equal(own.statusCode, 200, 'the guest sees their own booking at once');

        monitorClock.now += (MAX_LAG_S + 1) * 1000;
        await read.check();
        assert.equal(read.usingReplica(), false, 'behind for longer than DATABASE_READ_MAX_LAG_S: skipped');
        assert.ok((await metric('tablebookings_db_replica_lag_seconds')) > MAX_LAG_S);
        assert.equal(await metric('tablebookings_db_replica_in_use'), 0);
        assert.ok(!(await times()).includes('19:00'), 'strangers now read the primary too');

        await pair.resumeReplication();
        await waitUntil(async () => {
          monitorClock.now += 200;
          await read.check();
          return read.usingReplica();
        }, 'the replica catches up');
        assert.ok(!(await times()).includes('19:00'), 'the caught-up replica has the booking');
        assert.ok((await metric('tablebookings_db_replica_lag_seconds')) <= MAX_LAG_S);
      });

      it('a replica that stops under read load: every read answers (from the primary); every guest sees their own booking next', async () => {
        await read.check();
        assert.equal(read.usingReplica(), true);
        const statuses: number[] = [];
        let stopped = false;
        const reader = async () => {
          for (let i = 0; i < 30; i++) {
            const res = await app.inject({ url: `/api/v1/restaurants/${slug}/availability?date=${date}&party=2` });
            statuses.push(res.statusCode);
            if (stopped && i > 25) break;
          }
        };
        const load = Promise.all([reader(), reader(), reader(), reader()]);
        await sleep(50);
        await pair.killReplica();
        stopped = true;
        await load;
        assert.deepEqual([...new Set(statuses)], [200], `every read answered 200 (${statuses.length} reads)`);
        await read.check();
        assert.equal(read.usingReplica(), false, 'a replica that does not answer is skipped');
        assert.equal(await metric('tablebookings_db_replica_lag_seconds'), -1);

        for (const time of ['20:30', '12:00']) {
          const guest = await book(time, `After stop ${time}`);
          assert.ok(!(await times(guest.cookie)).includes(time), `${time} is taken on the next request`);
          const own = await app.inject({
            url: `/api/v1/bookings/${guest.reference}`,
            headers: { authorization: `Bearer ${guest.manageToken}` },
          });
          assert.equal(own.statusCode, 200);
        }
      });
    },
  );
}
