import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/connect.ts';
import { buildApp } from '../../src/http/app.ts';
import { addClosure, removeClosure } from '../../src/staff/closures.ts';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { testApp } from '../helpers/test-app.ts';

after(dropCreatedDatabases);

// The availability read carries the restaurant's version stamp in its claims query (one
// round trip for a cached restaurant): a change made elsewhere must still show at once.
const DAY = '2026-06-02';

for (const backend of await testBackends()) {
  describe(`availability freshness across app servers on ${backend.name}`, { skip: backend.skip }, () => {
    it('a warm cache sees a closure, a reopening and a booking made through another server at once', async () => {
      const one = await testApp(backend);
      const config = loadConfig({
        DATABASE_URL: one.url,
        SECRET_KEY: 'test-secret-key-0123456789abcdef',
        LOG_LEVEL: 'silent',
        BOOKING_RATE_LIMIT: '0',
      });
      const database = createDb(one.url, { poolMax: 2 });
      const two = await buildApp({ config, database, clock: () => one.clock.now, logger: false });
      try {
        const r = await insertRestaurant(one.database.db, { tables: [['T1', 1, 2]] });
        const slots = async () =>
          (await two.inject(`/api/v1/restaurants/${r.slug}/availability?date=${DAY}&party=2`)).json();
        assert.ok((await slots()).slots.length > 0, 'open, and server two has it cached');
        assert.ok(
          (await slots()).slots.some((s: { time: string }) => s.time === '19:00'),
          'the cached path answers the same',
        );

        await addClosure(one.database.db, r.id, { date: DAY }, one.clock.now);
        const closed = await slots();
        assert.equal(closed.slots.length, 0, 'the closure shows on the warm server');
        assert.equal(closed.reason, 'closed');

        await removeClosure(one.database.db, r.id, DAY, one.clock.now);
        assert.ok(
          (await slots()).slots.some((s: { time: string }) => s.time === '19:00'),
          'reopened at once',
        );

        const booked = await one.app.inject({
          method: 'POST',
          url: `/api/v1/restaurants/${r.slug}/bookings`,
          payload: { date: DAY, time: '19:00', party: 2, name: 'Ann Guest', email: 'ann@example.com' },
        });
        assert.equal(booked.statusCode, 201, booked.body);
        assert.equal(
          (await slots()).slots.some((s: { time: string }) => s.time === '19:00'),
          false,
          'the booking shows on the warm server',
        );

        assert.equal(
          (await two.inject(`/api/v1/restaurants/${r.slug}/availability?date=${DAY}&party=99`)).statusCode,
          422,
          'bad input still a 4xx',
        );
        assert.equal(
          (await two.inject(`/api/v1/restaurants/${r.slug}/availability?date=${DAY}&party=2&area=nowhere`)).statusCode,
          422,
        );
      } finally {
        await two.close();
        await database.close();
        await one.close();
      }
    });
  });
}
