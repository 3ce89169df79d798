import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { insertRestaurant, type FixtureRestaurant } from '../helpers/fixtures.ts';

after(dropCreatedDatabases);

/** Issue 11 items 5, 6 and 12: valid-looking input that used to reach a 500 or the wrong status. */

const BOOKING = { date: '2026-06-03', time: '19:00', party: 2, name: 'Ada', email: 'ada@example.com' };

/** JSON text nested `depth` levels deep (JSON.stringify itself would overflow the stack). */
function nestedJson(depth: number): string {
  return `${'{"x":'.repeat(depth)}"bottom"${'}'.repeat(depth)}`;
}

function assertProblem(
  res: { statusCode: number; headers: Record<string, unknown>; body: string },
  status: number,
): void {
  assert.equal(res.statusCode, status, res.body.slice(0, 300));
  assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
  assert.equal(JSON.parse(res.body).status, status);
}

for (const backend of await testBackends()) {
  describe(`hardened input handling on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let r: FixtureRestaurant;
    let ref: string;
    let token: string;

    before(async () => {
      t = await testApp(backend);
      r = await insertRestaurant(t.database.db);
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/v1/restaurants/${r.slug}/bookings`,
        payload: BOOKING,
      });
      assert.equal(created.statusCode, 201, created.body);
      ({ reference: ref, manageToken: token } = created.json());
    });
    after(async () => t?.close());

    it('a repeated ?token on calendar.ics is a 422 problem, not a 500', async () => {
      const res = await t.app.inject(`/api/v1/bookings/${ref}/calendar.ics?token=${token}&token=${token}`);
      assertProblem(res, 422);
      assert.equal(res.json().errors[0].field, 'token');
      const single = await t.app.inject(`/api/v1/bookings/${ref}/calendar.ics?token=${token}`);
      assert.equal(single.statusCode, 200);
    });

    it('a repeated ?token on the guest page /b/{ref} is a friendly 422 page', async () => {
      const res = await t.app.inject({ url: `/b/${ref}?token=a&token=b`, headers: { accept: 'text/html' } });
      assert.equal(res.statusCode, 422, res.body.slice(0, 300));
      assert.match(String(res.headers['content-type']), /text\/html/);
    });

    it('repeated ?next, ?date or ?party on pages never answer 5xx', async () => {
      for (const url of [
        '/staff/login?next=/a&next=/b',
        `/r/${r.slug}?date=2026-06-03&date=2026-06-04`,
        `/r/${r.slug}?party=2&party=3`,
        `/r/${r.slug}/book?time=19:00&time=19:15&date=2026-06-03&party=2`,
        '/?lang=en&lang=ko',
      ]) {
        const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
        assert.ok(res.statusCode < 500, `${url} → ${res.statusCode}`);
      }
    });

    it('an undeclared query parameter is ignored, even repeated', async () => {
      const res = await t.app.inject(`/api/v1/restaurants/${r.slug}/availability?date=2026-06-03&party=2&utm=a&utm=b`);
      assert.equal(res.statusCode, 200, res.body);
    });

    it('a create with an Idempotency-Key and a deeply nested extra property is a 422, not a stack overflow', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/restaurants/${r.slug}/bookings`,
        headers: { 'idempotency-key': 'deep-1', 'content-type': 'application/json' },
        payload: `${JSON.stringify({ ...BOOKING, time: '19:15' }).slice(0, -1)},"extra":${nestedJson(100_000)}}`,
      });
      assertProblem(res, 422);
      assert.ok(
        res.json().errors.some((e: { field: string }) => e.field === 'extra'),
        res.body,
      );
    });

    it('the create body is closed: an unknown field is a 422 naming it, and nothing is stored', async () => {
      const before = await t.database.db
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/restaurants/${r.slug}/bookings`,
        payload: { ...BOOKING, time: '19:30', status: 'seated' },
      });
      assertProblem(res, 422);
      assert.deepEqual(res.json().errors, [{ field: 'status', message: 'is not a known field' }]);
      const afterCount = await t.database.db
        .selectFrom('bookings')
        .select((eb) => eb.fn.countAll().as('n'))
        .executeTakeFirstOrThrow();
      assert.equal(Number(afterCount.n), Number(before.n));
    });

    it('a malformed URL is a 400 problem+json and an over-long path a 414 problem+json', async () => {
      const bad = await t.app.inject(`/api/v1/bookings/%zz`);
      assertProblem(bad, 400);
      assert.equal(bad.headers['x-content-type-options'], 'nosniff');
      const long = await t.app.inject(`/api/v1/restaurants/${'a'.repeat(500)}/availability?date=2026-06-03&party=2`);
      assertProblem(long, 414);
      assert.equal(long.headers['x-content-type-options'], 'nosniff');
    });

    it('a malformed bearer token is a wrong token (404), only a missing one is 401', async () => {
      for (const authorization of ["Bearer ' OR 1=1 --", 'Bearer a b c', 'Basic Zm9vOmJhcg==', `Bearer ${token}x`]) {
        const res = await t.app.inject({ url: `/api/v1/bookings/${ref}`, headers: { authorization } });
        assertProblem(res, 404);
      }
      for (const authorization of [undefined, 'Bearer', 'Bearer   ']) {
        const res = await t.app.inject({
          url: `/api/v1/bookings/${ref}`,
          headers: authorization === undefined ? {} : { authorization },
        });
        assertProblem(res, 401);
      }
      const ok = await t.app.inject({ url: `/api/v1/bookings/${ref}`, headers: { authorization: `Bearer ${token}` } });
      assert.equal(ok.statusCode, 200);
    });

    it('guest name and phone with control characters are 422, on the API and the page', async () => {
      const cases = [
        { name: 'Ada\r\nBcc: victim@example.com' },
        { name: 'Ada\u0007' },
        { phone: '+44 20\n7946 0000' },
        { name: 'Ada\u202eevil' },
      ];
      for (const extra of cases) {
        const res = await t.app.inject({
          method: 'POST',
          url: `/api/v1/restaurants/${r.slug}/bookings`,
          payload: { ...BOOKING, time: '20:00', ...extra },
        });
        assertProblem(res, 422);
        assert.equal(res.json().errors[0].field, Object.keys(extra)[0]);
      }
      const form = new URLSearchParams({
        date: '2026-06-03',
        time: '20:00',
        party: '2',
        name: 'Ada\r\nX',
        email: 'ada@example.com',
        idempotencyKey: 'k-ctrl',
      });
      const page = await t.app.inject({
        method: 'POST',
        url: `/r/${r.slug}/book`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: form.toString(),
      });
      assert.equal(page.statusCode, 422);
    });
  });
}
