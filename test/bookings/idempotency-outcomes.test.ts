import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp } from '../helpers/test-app.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { deriveKey, open, seal } from '../../src/services/sealed-box.ts';

after(dropCreatedDatabases);

for (const backend of await testBackends()) {
  describe(`kept idempotent answers on ${backend.name}`, { skip: backend.skip }, () => {
    it('stores a domain outcome, and still replays answers kept as HTTP statuses before', async () => {
      const t = await testApp(backend);
      try {
        const r = await insertRestaurant(t.database.db);
        const body = { date: '2026-06-02', time: '19:00', party: 2, name: 'Kay', email: 'kay@example.com' };
        const send = () =>
          t.app.inject({
            method: 'POST',
            url: `/api/v1/restaurants/${r.slug}/bookings`,
            payload: body,
            headers: { 'idempotency-key': 'outcome-1' },
          });
        const first = await send();
        assert.equal(first.statusCode, 201);
        const key = deriveKey(t.config.secretKey, 'idempotency-answers');
        const row = await t.database.db.selectFrom('idempotency_records').selectAll().executeTakeFirstOrThrow();
        const kept = JSON.parse(open(key, row.response_body!));
        assert.equal(kept.outcome, 'booked');
        assert.equal(kept.status, undefined, 'no HTTP status in the kept answer');

        // An answer kept by the earlier release: { status: 201, body }.
        const legacy = seal(key, JSON.stringify({ status: 201, body: kept.body }));
        await t.database.db
          .updateTable('idempotency_records')
          .set({ status_code: 201, response_body: legacy })
          .execute();
        const replay = await send();
        assert.equal(replay.statusCode, 201);
        assert.equal(replay.headers['idempotent-replayed'], 'true');
        assert.equal(replay.json().reference, first.json().reference);
      } finally {
        await t.close();
      }
    });
  });
}
