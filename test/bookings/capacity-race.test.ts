import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { addCombination } from '../../src/staff/combinations.ts';
import { updateRestaurant } from '../../src/staff/restaurant-admin.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';

after(dropCreatedDatabases);

const WORKER = fileURLToPath(new URL('./fixtures/capacity-worker.ts', import.meta.url));
const PROCESSES = 4;
const DAY = '2026-06-02';

interface Answer {
  party: number;
  status: number;
  body: string;
}

function runWorker(env: Record<string, string>): Promise<Answer[]> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!))
        : reject(new Error(`worker exited ${code}: ${err}`)),
    );
  });
}

/** Every process fires its share of the requests at the same instant. */
async function race(url: string, perProcess: (p: number) => { url: string; body: object }[]): Promise<Answer[]> {
  const startAt = String(Date.now() + 3000);
  const all = await Promise.all(
    Array.from({ length: PROCESSES }, (_, p) =>
      runWorker({ DATABASE_URL: url, START_AT: startAt, REQUESTS: JSON.stringify(perProcess(p)) }),
    ),
  );
  return all.flat();
}

/** Pairs of live bookings overlapping on one table, a combination counting for each of its tables. */
async function overlapsOnATable(db: Kysely<DB>, restaurantId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    with bt as (
      select b.id, b.starts_at, b.ends_at, coalesce(ct.table_id, b.table_id) as table_id
      from bookings b left join combination_tables ct on ct.restaurant_id = b.restaurant_id and ct.combination_id = b.combination_id
      where b.restaurant_id = ${restaurantId} and b.status in ('confirmed', 'seated', 'completed')
    )
    select count(*) as n from bt x join bt y on x.table_id = y.table_id and x.id < y.id and x.starts_at < y.ends_at and y.starts_at < x.ends_at`.execute(
    db,
  );
  return Number(rows[0].n);
}

const guestBooking = (slug: string, party: number, i: number, time = '19:00') => ({
  url: `/api/v1/restaurants/${slug}/bookings`,
  body: { date: DAY, time, party, name: `Racer ${i}`, email: 'race@example.com' },
});

for (const backend of await testBackends()) {
  describe(`capacity races across ${PROCESSES} processes on ${backend.name}`, { skip: backend.skip }, () => {
    it('combinations sharing tables with single bookings: exactly capacity wins, no table twice', async () => {
      const { url, database } = await freshDatabase(backend);
      const db = database.db;
      try {
        // Parties of 2 fit only S1–S3; parties of 6 fit only the combinations L1+L2 and L2+L3 (sharing L2).
        const r = await insertRestaurant(db, {
          minNotice: 0,
          tables: [
            ['S1', 1, 2],
            ['S2', 1, 2],
            ['S3', 1, 2],
            ['L1', 3, 4],
            ['L2', 3, 4],
            ['L3', 2, 4],
          ],
        });
        await updateRestaurant(db, r.id, { maxPartySize: 8 }, Date.now());
        const now = Date.now();
        await addCombination(db, r.id, { tableIds: [r.tableIds.L1, r.tableIds.L2], minSeats: 5, maxSeats: 8 }, now);
        await addCombination(db, r.id, { tableIds: [r.tableIds.L2, r.tableIds.L3], minSeats: 5, maxSeats: 8 }, now);
        // A single booking of 4 takes L3 (same maxSeats, smaller minSeats): it shares L3 with L2+L3.
        const [pre] = await race(url, (p) => (p === 0 ? [guestBooking(r.slug, 4, 0, '18:30')] : []));
        assert.equal(pre.status, 201, pre.body);
        const answers = await race(url, (p) =>
          [2, 6, 2, 6, 6].map((party, i) => guestBooking(r.slug, party, p * 10 + i)),
        );
        assert.deepEqual(
          answers.filter((a) => a.status >= 500),
          [],
          'no 5xx',
        );
        const won = (party: number) => answers.filter((a) => a.party === party && a.status === 201).length;
        assert.equal(won(2), 3, 'three small tables');
        assert.equal(
          won(6),
          1,
          'one combination: L1+L2 (L2+L3 shares L3 with the single booking and L2 with the winner)',
        );
        for (const loser of answers.filter((a) => a.status !== 201)) {
          assert.equal(loser.status, 409, loser.body);
          assert.ok(Array.isArray(JSON.parse(loser.body).alternatives), 'losers get alternatives');
        }
        assert.equal(await overlapsOnATable(db, r.id), 0, 'overlap SQL finds no table held twice');
        const combo = await db
          .selectFrom('bookings')
          .select(['id', 'combination_id'])
          .where('restaurant_id', '=', r.id)
          .where('party', '=', 6)
          .executeTakeFirstOrThrow();
        const cells = await db
          .selectFrom('table_occupancy')
          .select('table_id')
          .distinct()
          .where('booking_id', '=', combo.id)
          .execute();
        assert.deepEqual(
          new Set(cells.map((c) => c.table_id)),
          new Set([r.tableIds.L1, r.tableIds.L2]),
          'the combination holds the cells of both its tables',
        );
      } finally {
        await database.close();
      }
    });

    it('pacing under 50 racing creates: the covers of the slot never exceed the limit', async () => {
      const { url, database } = await freshDatabase(backend);
      const db = database.db;
      try {
        const tables = Array.from({ length: 30 }, (_, i): [string, number, number] => [`T${i + 1}`, 1, 4]);
        const r = await insertRestaurant(db, { minNotice: 0, tables });
        await updateRestaurant(db, r.id, { maxCoversPerSlot: 11 }, Date.now());
        // 50 creates of 2 (and a few of 3) for 19:00 over 4 processes: 11 covers allow e.g. 4×2 + 1×3.
        const answers = await race(url, (p) =>
          Array.from({ length: p < 2 ? 13 : 12 }, (_, i) => guestBooking(r.slug, i % 6 === 5 ? 3 : 2, p * 100 + i)),
        );
        assert.equal(answers.length, 50);
        assert.deepEqual(
          answers.filter((a) => a.status >= 500),
          [],
          'no 5xx',
        );
        const rows = await db
          .selectFrom('bookings')
          .select(['party', 'starts_at'])
          .where('restaurant_id', '=', r.id)
          .where('status', '=', 'confirmed')
          .execute();
        const covers = rows.reduce((n, b) => n + Number(b.party), 0);
        assert.ok(covers <= 11, `covers ${covers} exceed the limit`);
        assert.ok(covers >= 9, `covers ${covers}: the limit was not used up (a 2 or 3 would still fit)`);
        assert.equal(rows.length, answers.filter((a) => a.status === 201).length);
        for (const loser of answers.filter((a) => a.status !== 201)) assert.equal(loser.status, 409, loser.body);
      } finally {
        await database.close();
      }
    });
  });
}
