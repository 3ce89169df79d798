import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp } from '../helpers/test-app.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { runHousekeeping } from '../../src/server/housekeeping.ts';

after(dropCreatedDatabases);

for (const backend of await testBackends()) {
  describe(`housekeeping on ${backend.name}`, { skip: backend.skip }, () => {
    it('keeps idempotency keys for at least 24 h, then deletes them', async () => {
      const t = await testApp(backend);
      try {
        const r = await insertRestaurant(t.database.db);
        const body = { date: '2026-06-02', time: '19:00', party: 2, name: 'Kay', email: 'kay@example.com' };
        const send = () =>
          t.app.inject({
            method: 'POST',
            url: `/api/v1/restaurants/${r.slug}/bookings`,
            payload: body,
            headers: { 'idempotency-key': 'hk-1' },
          });
        const first = await send();
        assert.equal(first.statusCode, 201);
        const count = async () =>
          Number(
            (
              await t.database.db
                .selectFrom('idempotency_records')
                .select((eb) => eb.fn.countAll().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
        await runHousekeeping(t.database.db, t.clock.now + 24 * 3600_000);
        assert.equal(await count(), 1, 'still kept after 24 h');
        t.clock.now += 24 * 3600_000;
        const replay = await send();
        assert.equal(replay.headers['idempotent-replayed'], 'true');
        await runHousekeeping(t.database.db, t.clock.now + 25 * 3600_000);
        assert.equal(await count(), 0, 'deleted after its time');
      } finally {
        await t.close();
      }
    });
  });
}
