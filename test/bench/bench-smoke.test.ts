import assert from 'node:assert/strict';
import { after, describe, it } from 'node:test';
import { runLoad } from '../../bench/load.ts';
import {
  availabilityDates,
  availabilityPath,
  BOOK_RESTAURANTS,
  bookingDates,
  bookingRequest,
} from '../../bench/plan.ts';
import { startRawFloor } from '../../bench/processes.ts';
import { seedPastBookings } from '../../bench/seed-past.ts';
import { seedFutureBookings, seedRestaurants } from '../../bench/seed.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';

/**
 * A cheap smoke test of the benchmark harness (`npm run bench` itself is not part of the
 * suite): the no-contention booking plan, the seeders on every backend, and the raw floor
 * driven by the load generator in its own process for one second. No timing is asserted.
 */

after(dropCreatedDatabases);

describe('bench plan', () => {
  it('never sends two bookings to one slot, and the requests in flight go to different restaurant-days', () => {
    const dates = bookingDates();
    const seen = new Set<string>();
    for (let i = 0; i < 30_000; i++) {
      const { path, body } = bookingRequest(i, dates)!;
      const { date, time } = JSON.parse(body) as { date: string; time: string };
      // the k-th booking of one restaurant, date and time takes the k-th table: count them
      let k = 0;
      while (seen.has(`${path} ${date} ${time} ${k}`)) k++;
      seen.add(`${path} ${date} ${time} ${k}`);
      assert.ok(k < 25, 'more bookings for one slot than tables');
    }
    const window = new Set(
      Array.from({ length: 64 }, (_, i) => {
        const { path, body } = bookingRequest(1000 + i, dates)!;
        return `${path} ${(JSON.parse(body) as { date: string }).date}`;
      }),
    );
    assert.equal(window.size, 64);
    assert.match(
      availabilityPath(5, availabilityDates()),
      /^\/api\/v1\/restaurants\/bench-avail-1\/availability\?date=\d{4}-\d{2}-\d{2}&party=2$/,
    );
    assert.ok(BOOK_RESTAURANTS > 1);
  });
});

for (const backend of await testBackends()) {
  describe(`bench harness on ${backend.name}`, { skip: backend.skip }, () => {
    it('seeds future and past bookings, and the raw floor answers the load generator', async () => {
      const { url, database } = await freshDatabase(backend);
      try {
        const { avail } = await seedRestaurants(database.db);
        await seedFutureBookings(database.db, avail, 100, 30);
        const past = await seedPastBookings(database.db, backend.name, avail, 400);
        const count = async (table: 'bookings' | 'table_occupancy') =>
          Number(
            (
              await database.db
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<number>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        assert.equal(past, 400);
        assert.equal(await count('bookings'), 500);
        assert.equal(await count('table_occupancy'), 100 * 18); // 90 minutes = 18 cells each
        const floor = await startRawFloor(url);
        try {
          const res = await fetch(`${floor.url}${availabilityPath(0, availabilityDates())}`);
          assert.equal(res.status, 200);
          assert.ok(Array.isArray(((await res.json()) as { bookings: unknown[] }).bookings));
          const result = await runLoad({
            url: floor.url,
            kind: 'availability',
            connections: 2,
            durationSec: 1,
            offset: 0,
          });
          assert.ok((result.statusCounts['200'] ?? 0) > 0);
          assert.deepEqual(Object.keys(result.statusCounts), ['200']);
        } finally {
          await floor.proc.stop();
        }
      } finally {
        await database.close();
      }
    });
  });
}
