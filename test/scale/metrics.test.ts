import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { v7 as uuidv7 } from 'uuid';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp } from '../helpers/test-app.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { BOOKING_CREATE_ROUTES, HOLD_ROUTES, LOGIN_ROUTES } from '../../src/http/business-metrics.ts';

after(dropCreatedDatabases);

/** The value of `name{labels}` in Prometheus text (label order does not matter). */
function sample(text: string, name: string, labels = ''): number | undefined {
  const wanted = (labels.match(/\w+="[^"]*"/g) ?? []).sort().join(',');
  const line = text.split('\n').find((l) => {
    const match = /^([a-zA-Z_:][\w:]*)(\{.*\})? \S+$/.exec(l);
    return match?.[1] === name && (match[2]?.match(/\w+="[^"]*"/g) ?? []).sort().join(',') === wanted;
  });
  return line === undefined ? undefined : Number(line.split(' ').at(-1));
}

/** Prometheus naming: snake_case, our own under tablebookings_, counters end in _total, units spelled out. */
function assertPrometheusNames(text: string): void {
  for (const [, name, type] of text.matchAll(/^# TYPE (\S+) (\S+)$/gm)) {
    assert.match(name, /^[a-z_][a-z0-9_]*$/, name);
    if (/^(process_|nodejs_)/.test(name)) continue; // prom-client's own defaults
    assert.match(name, /^(tablebookings_|http_)/, name);
    if (type === 'counter') assert.match(name, /_total$/, `${name} is a counter`);
    else assert.doesNotMatch(name, /_total$/, `${name} is a ${type}`);
  }
}

describe('business metric route table', () => {
  it('names routes that exist (a moved route fails here, not silently in production)', async (t) => {
    const [sqlite] = await testBackends();
    const { app, close } = await testApp(sqlite);
    t.after(close);
    const keys = [...Object.keys(BOOKING_CREATE_ROUTES), ...LOGIN_ROUTES];
    const holds = [HOLD_ROUTES.take, HOLD_ROUTES.release];
    for (const key of [...keys, ...holds]) {
      const [method, url] = key.split(' ');
      const found = app.hasRoute({ method: method as 'POST', url });
      // the holds routes arrive with the capacity work (issue 13); until then they may be absent
      if (holds.includes(key) && !found) continue;
      assert.ok(found, `${key} is not a route`);
    }
  });
});

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
            restaurant_id: restaurantId,
            id: uuidv7(),
            booking_id: null,
            kind: 'confirmation',
            to_address: 'a@example.com',
            subject: 's',
            body_text: 'b',
            ics: null,
            status,
            attempts: 0,
            next_attempt_at: 0,
            claimed_by: null,
            claimed_until: null,
            last_error: null,
            created_at: 0,
            sent_at: null,
          })
          .execute();
      }
      const res = await app.inject('/metrics');
      assert.equal(res.statusCode, 200);
      assert.match(String(res.headers['content-type']), /^text\/plain/);
      const text = res.body;
      assert.equal(sample(text, 'http_requests_total', '{method="GET",route="/healthz",status="200",worker="0"}'), 2);
      assert.equal(sample(text, 'http_requests_total', '{method="GET",route="unmatched",status="404",worker="0"}'), 1);
      assert.ok(!text.includes('/no/such/page'), 'raw URLs never become labels');
      assert.equal(
        sample(text, 'http_request_duration_seconds_count', '{method="GET",route="/healthz",status="200",worker="0"}'),
        2,
      );
      assert.equal(sample(text, 'tablebookings_email_outbox_pending'), 2);
      assert.match(text, /process_resident_memory_bytes/);
      assert.match(
        text,
        new RegExp(
          `^tablebookings_build_info\\{version="\\d+\\.\\d+\\.\\d+",revision="[^"]+",node="${process.version}",database="${backend.name}"\\} 1$`,
          'm',
        ),
      );
      if (backend.name !== 'sqlite') {
        // one gauge per figure (sum() over workers and hosts means something), per worker
        assert.equal(sample(text, 'tablebookings_db_pool_connections_max', '{worker="0"}'), 5);
        assert.ok((sample(text, 'tablebookings_db_pool_connections_idle', '{worker="0"}') ?? -1) >= 0);
        assert.ok((sample(text, 'tablebookings_db_pool_connections_in_use', '{worker="0"}') ?? -1) >= 0);
        assert.equal(sample(text, 'tablebookings_db_pool_waiting_requests', '{worker="0"}'), 0);
        assert.ok(!/tablebookings_db_pool_connections\{state=/.test(text), 'no mixed-state gauge');
      }
      assertPrometheusNames(text);
    });

    it('counts business outcomes: booking creates by source and outcome, 409s, refused sign-ins', async (t) => {
      const { app, database, close } = await testApp(backend);
      t.after(close);
      const r = await insertRestaurant(database.db, { tables: [['T1', 1, 2]] });
      const url = `/api/v1/restaurants/${r.slug}/bookings`;
      const body = { date: '2026-06-03', time: '19:00', party: 2, name: 'Ann', email: 'ann@example.com' };
      assert.equal((await app.inject({ method: 'POST', url, payload: body })).statusCode, 201);
      assert.equal((await app.inject({ method: 'POST', url, payload: body })).statusCode, 409);
      assert.equal((await app.inject({ method: 'POST', url, payload: { ...body, party: 'two' } })).statusCode, 422);
      const login = await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'nobody@example.com', password: 'wrong-password-123' },
      });
      assert.equal(login.statusCode, 401);
      const text = (await app.inject('/metrics')).body;
      assert.equal(
        sample(text, 'tablebookings_booking_creates_total', '{source="api",outcome="created",worker="0"}'),
        1,
      );
      assert.equal(
        sample(text, 'tablebookings_booking_creates_total', '{source="api",outcome="conflict",worker="0"}'),
        1,
      );
      assert.equal(
        sample(text, 'tablebookings_booking_creates_total', '{source="api",outcome="invalid",worker="0"}'),
        1,
      );
      assert.equal(
        sample(text, 'tablebookings_conflicts_total', '{route="/api/v1/restaurants/:slug/bookings",worker="0"}'),
        1,
      );
      assert.equal(sample(text, 'tablebookings_logins_refused_total', '{reason="invalid_credentials",worker="0"}'), 1);
    });
  });
}
