import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp } from '../helpers/test-app.ts';

after(dropCreatedDatabases);

function sample(text: string, name: string, labels = ''): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `) || (labels === '' && l.startsWith(`${name} `)));
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

for (const backend of await testBackends()) {
  describe(`/metrics on ${backend.name}`, { skip: backend.skip }, () => {
    it('counts requests by route pattern and status, with latency, and reports the outbox backlog', async (t) => {
      const { app, database, close } = await testApp(backend);
      t.after(close);
      await app.inject('/healthz');
      await app.inject('/healthz');
      await app.inject('/no/such/page/12345');
      const restaurantId = uuidv7();
      for (const status of ['pending', 'pending', 'sent']) {
        await database.db
          .insertInto('email_outbox')
          .values({
            restaurant_id: restaurantId, id: uuidv7(), booking_id: null, kind: 'confirmation', to_address: 'a@example.com',
            subject: 's', body_text: 'b', ics: null, status, attempts: 0, next_attempt_at: 0, claimed_by: null,
            claimed_until: null, last_error: null, created_at: 0, sent_at: null,
          })
          .execute();
      }
      const res = await app.inject('/metrics');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      const text = res.body;
      assert.equal(sample(text, 'http_requests_total', '{method="GET",route="/healthz",status="200"}'), 2);
      assert.equal(sample(text, 'http_requests_total', '{method="GET",route="unmatched",status="404"}'), 1);
      assert.ok(!text.includes('/no/such/page'), 'raw URLs never become labels');
      assert.equal(sample(text, 'http_request_duration_seconds_count', '{method="GET",route="/healthz",status="200"}'), 2);
      assert.equal(sample(text, 'tablebookings_email_outbox_pending'), 2);
      assert.match(text, /process_resident_memory_bytes/);
      if (backend.name !== 'sqlite') {
        assert.equal(sample(text, 'tablebookings_db_pool_connections', '{state="max"}'), 5);
        assert.ok((sample(text, 'tablebookings_db_pool_connections', '{state="idle"}') ?? -1) >= 0);
      }
    });
  });
}
