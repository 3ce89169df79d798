import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { insertRestaurant, type FixtureRestaurant } from '../helpers/fixtures.ts';

after(dropCreatedDatabases);

/** Issue 11 item 10: whose address a rate limit counts, and a cap per guest email. */

let minute = 0;
function booking(email = `guest${++minute}@example.com`) {
  return { date: '2026-06-03', time: '19:00', party: 2, name: 'Rate', email };
}

async function book(
  t: TestApp,
  r: FixtureRestaurant,
  options: { remoteAddress?: string; xff?: string; email?: string } = {},
) {
  const headers: Record<string, string> = options.xff ? { 'x-forwarded-for': options.xff } : {};
  const res = await t.app.inject({
    method: 'POST',
    url: `/api/v1/restaurants/${r.slug}/bookings`,
    remoteAddress: options.remoteAddress ?? '127.0.0.1',
    headers,
    payload: booking(options.email),
  });
  assert.ok(res.statusCode === 201 || res.statusCode === 429, `${res.statusCode} ${res.body}`);
  return res.statusCode;
}

async function withApp(
  backend: Awaited<ReturnType<typeof testBackends>>[number],
  env: Record<string, string>,
  fn: (t: TestApp, r: FixtureRestaurant) => Promise<void>,
) {
  const t = await testApp(backend, env);
  try {
    const r = await insertRestaurant(t.database.db, {
      tables: Array.from({ length: 30 }, (_, i) => [`T${i + 1}`, 1, 4] as [string, number, number]),
    });
    await fn(t, r);
  } finally {
    await t.close();
  }
}

for (const backend of await testBackends()) {
  describe(`client addresses and guest caps on ${backend.name}`, { skip: backend.skip }, () => {
    it('TRUST_PROXY=1 believes one hop only: a forged left part of X-Forwarded-For buys no fresh bucket', async () => {
      await withApp(backend, { TRUST_PROXY: '1', BOOKING_RATE_LIMIT: '1' }, async (t, r) => {
        assert.equal(await book(t, r, { xff: '198.51.100.1, 203.0.113.7' }), 201);
        assert.equal(
          await book(t, r, { xff: '198.51.100.2, 203.0.113.7' }),
          429,
          'same client (the hop the balancer saw)',
        );
        assert.equal(await book(t, r, { xff: '203.0.113.8' }), 201, 'another client');
      });
    });

    it('TRUST_PROXY as a list trusts exactly those peers; anyone else is their own address', async () => {
      await withApp(backend, { TRUST_PROXY: '10.0.0.0/8, 192.0.2.10', BOOKING_RATE_LIMIT: '1' }, async (t, r) => {
        assert.equal(await book(t, r, { remoteAddress: '10.1.2.3', xff: '203.0.113.50' }), 201);
        assert.equal(
          await book(t, r, { remoteAddress: '192.0.2.10', xff: '203.0.113.50' }),
          429,
          'the same client behind the other trusted proxy',
        );
        assert.equal(await book(t, r, { remoteAddress: '198.51.100.9', xff: '203.0.113.51' }), 201);
        assert.equal(
          await book(t, r, { remoteAddress: '198.51.100.9', xff: '203.0.113.52' }),
          429,
          'an untrusted peer cannot pick its address',
        );
      });
    });

    it('TRUST_PROXY=2 trusts two hops', async () => {
      await withApp(backend, { TRUST_PROXY: '2', BOOKING_RATE_LIMIT: '1' }, async (t, r) => {
        assert.equal(await book(t, r, { xff: '1.1.1.1, 203.0.113.60, 10.0.0.2' }), 201);
        assert.equal(await book(t, r, { xff: '2.2.2.2, 203.0.113.60, 10.0.0.3' }), 429);
      });
    });

    it('without TRUST_PROXY, X-Forwarded-For is ignored', async () => {
      await withApp(backend, { BOOKING_RATE_LIMIT: '1' }, async (t, r) => {
        assert.equal(await book(t, r, { xff: '203.0.113.70' }), 201);
        assert.equal(await book(t, r, { xff: '203.0.113.71' }), 429);
      });
    });

    it('IPv6 clients share one bucket per /64', async () => {
      await withApp(backend, { BOOKING_RATE_LIMIT: '1' }, async (t, r) => {
        assert.equal(await book(t, r, { remoteAddress: '2001:db8:1:2::1' }), 201);
        assert.equal(await book(t, r, { remoteAddress: '2001:db8:1:2:ffff:ffff:ffff:fffe' }), 429, 'same /64');
        assert.equal(await book(t, r, { remoteAddress: '2001:db8:1:3::1' }), 201, 'another /64');
      });
    });

    it('a guest email gets at most BOOKING_EMAIL_LIMIT bookings a day (case-insensitive); BOOKING_RATE_LIMIT=0 turns it off', async () => {
      await withApp(backend, { BOOKING_RATE_LIMIT: '1000', BOOKING_EMAIL_LIMIT: '2' }, async (t, r) => {
        assert.equal(await book(t, r, { email: 'Same@Example.com', remoteAddress: '198.51.100.1' }), 201);
        assert.equal(await book(t, r, { email: 'same@example.com', remoteAddress: '198.51.100.2' }), 201);
        assert.equal(await book(t, r, { email: 'SAME@example.com', remoteAddress: '198.51.100.3' }), 429);
        assert.equal(await book(t, r, { email: 'other@example.com', remoteAddress: '198.51.100.3' }), 201);
      });
      await withApp(backend, { BOOKING_RATE_LIMIT: '0', BOOKING_EMAIL_LIMIT: '1' }, async (t, r) => {
        assert.equal(await book(t, r, { email: 'same@example.com' }), 201);
        assert.equal(await book(t, r, { email: 'same@example.com' }), 201);
      });
    });
  });
}
