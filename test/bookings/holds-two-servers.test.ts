import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/connect.ts';
import { buildApp } from '../../src/http/app.ts';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { testApp } from '../helpers/test-app.ts';

after(dropCreatedDatabases);

// Two app servers (own pools, own restaurant caches) sharing only the database.
const DAY = '2026-06-02';
const guest = { name: 'Ann Guest', email: 'ann@example.com' };

for (const backend of await testBackends()) {
  describe(`holds across two app servers on ${backend.name}`, { skip: backend.skip }, () => {
    it('a hold taken on one server blocks the table on the other, converts, expires and frees it', async () => {
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
        const hold = (app: typeof two, time: string) =>
          app.inject({
            method: 'POST',
            url: `/api/v1/restaurants/${r.slug}/holds`,
            payload: { date: DAY, time, party: 2 },
          });
        const book = (app: typeof two, time: string, extra: object = {}) =>
          app.inject({
            method: 'POST',
            url: `/api/v1/restaurants/${r.slug}/bookings`,
            payload: { date: DAY, time, party: 2, ...guest, ...extra },
          });
        const free = async (app: typeof two, time: string) =>
          (await app.inject(`/api/v1/restaurants/${r.slug}/availability?date=${DAY}&party=2`))
            .json()
            .slots.some((s: { time: string }) => s.time === time);

        assert.equal(await free(two, '19:00'), true, 'server two has seen the table free (its cache is warm)');
        const held = await hold(one.app, '19:00');
        assert.equal(held.statusCode, 201, held.body);
        assert.equal(await free(two, '19:00'), false, 'the hold shows on the other server');
        const blocked = await book(two, '19:00');
        assert.equal(blocked.statusCode, 409);
        assert.equal((await hold(two, '19:00')).statusCode, 409, 'nobody else can hold it either');
        const converted = await book(two, '19:00', { holdId: held.json().holdId });
        assert.equal(converted.statusCode, 201, 'the holder books through the other server');
        assert.equal(converted.json().table.label, 'T1');

        const lunch = (await hold(two, '12:00')).json();
        assert.equal((await book(one.app, '12:00')).statusCode, 409);
        one.clock.now += 5 * 60_000;
        assert.equal(await free(one.app, '12:00'), true, 'expired: free again without any job');
        const taken = await book(one.app, '12:00');
        assert.equal(taken.statusCode, 201, "a create takes the expired hold's cells over");
        assert.equal((await two.inject({ method: 'DELETE', url: `/api/v1/holds/${lunch.holdId}` })).statusCode, 404);
        const holdRows = await one.database.db
          .selectFrom('table_occupancy')
          .select('cell')
          .where('hold_id', 'is not', null)
          .execute();
        assert.equal(holdRows.length, 0, 'no hold cells are left');
      } finally {
        await two.close();
        await database.close();
        await one.close();
      }
    });
  });
}
