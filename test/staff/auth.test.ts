import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { call, login, ORIGIN, PASSWORD, seedRestaurant, seedUser, sessionCookieOf } from './staff-helpers.ts';

after(dropCreatedDatabases);

const HOUR = 3_600_000;

for (const backend of await testBackends()) {
  describe(`staff sign-in on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
      await seedRestaurant(t.database.db, 'alpha');
      await seedUser(t.database.db, 'Host@Example.com', { restaurant: 'alpha', role: 'host' });
    });
    after(async () => t?.close());

    it('signs in with a signed HttpOnly SameSite=Lax cookie and answers /me', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        payload: { email: 'host@example.com', password: PASSWORD },
      });
      assert.equal(res.statusCode, 200);
      assert.deepEqual(res.json().user, { email: 'host@example.com', name: 'host', admin: false });
      const setCookie = String(res.headers['set-cookie']);
      assert.match(setCookie, /^tb_session=[^;]+\.[^;]+;/, 'signed value');
      assert.match(setCookie, /HttpOnly/);
      assert.match(setCookie, /SameSite=Lax/);
      assert.match(setCookie, /Path=\//);
      assert.doesNotMatch(setCookie, /Secure/);
      const me = await call(t.app, { cookie: sessionCookieOf(res)!, csrfToken: '' }, 'GET', '/api/v1/auth/me');
      assert.equal(me.statusCode, 200);
      assert.equal(me.json().csrfToken, res.json().csrfToken);
      assert.deepEqual(me.json().memberships, [{ restaurant: 'alpha', name: 'Restaurant alpha', role: 'host' }]);
    });

    it('stores only a hash of the session token', async () => {
      const session = await login(t.app, 'host@example.com');
      const token = decodeURIComponent(session.cookie.split('=')[1]).split('.')[0];
      const rows = await t.database.db.selectFrom('sessions').select('id').execute();
      assert.ok(rows.length > 0);
      assert.ok(rows.every((r) => r.id !== token && r.id.length === 64));
    });

    it('refuses a wrong password or unknown email with 401 and no cookie', async () => {
      for (const payload of [
        { email: 'host@example.com', password: 'wrong password' },
        { email: 'nobody@example.com', password: PASSWORD },
      ]) {
        const res = await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload });
        assert.equal(res.statusCode, 401);
        assert.match(String(res.headers['content-type']), /application\/problem\+json/);
        assert.equal(res.headers['set-cookie'], undefined);
      }
    });

    it('rejects bad login bodies with 4xx', async () => {
      assert.equal(
        (await t.app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email: 'x' } })).statusCode,
        422,
      );
      assert.equal(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/auth/login',
            headers: { 'content-type': 'application/json' },
            payload: '{"email":',
          })
        ).statusCode,
        400,
      );
      const foreign = await t.app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { origin: 'https://evil.example' },
        payload: { email: 'host@example.com', password: PASSWORD },
      });
      assert.equal(foreign.statusCode, 403);
    });

    it('/me signed out, or with a forged cookie, is 401', async () => {
      assert.equal((await t.app.inject('/api/v1/auth/me')).statusCode, 401);
      const forged = await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie: 'tb_session=abc.def' } });
      assert.equal(forged.statusCode, 401);
    });

    it('gives a new session id at every login', async () => {
      const a = await login(t.app, 'host@example.com');
      const b = await login(t.app, 'host@example.com');
      assert.notEqual(a.cookie, b.cookie);
      assert.notEqual(a.csrfToken, b.csrfToken);
    });

    it('logout ends the session everywhere (the old cookie no longer works)', async () => {
      const s = await login(t.app, 'host@example.com');
      const out = await call(t.app, s, 'POST', '/api/v1/auth/logout');
      assert.equal(out.statusCode, 204);
      assert.match(String(out.headers['set-cookie']), /tb_session=;/);
      assert.equal((await call(t.app, s, 'GET', '/api/v1/auth/me')).statusCode, 401);
    });

    it('logout is a cookie-authenticated write: without the CSRF token it is 403', async () => {
      const s = await login(t.app, 'host@example.com');
      const res = await call(t.app, s, 'POST', '/api/v1/auth/logout', undefined, { 'x-csrf-token': 'nope' });
      assert.equal(res.statusCode, 403);
      assert.equal((await call(t.app, s, 'GET', '/api/v1/auth/me')).statusCode, 200);
    });

    it('expires after 12 idle hours, slides with use, and ends after 7 days regardless', async () => {
      const start = t.clock.now;
      try {
        const idle = await login(t.app, 'host@example.com');
        t.clock.now += 13 * HOUR;
        assert.equal((await call(t.app, idle, 'GET', '/api/v1/auth/me')).statusCode, 401);

        const busy = await login(t.app, 'host@example.com');
        const loggedInAt = t.clock.now;
        while (t.clock.now + 11 * HOUR < loggedInAt + 7 * 24 * HOUR) {
          t.clock.now += 11 * HOUR;
          assert.equal((await call(t.app, busy, 'GET', '/api/v1/auth/me')).statusCode, 200, 'sliding idle expiry');
        }
        t.clock.now = loggedInAt + 7 * 24 * HOUR + 1;
        assert.equal((await call(t.app, busy, 'GET', '/api/v1/auth/me')).statusCode, 401, 'absolute expiry');
      } finally {
        t.clock.now = start;
      }
    });

    describe('CSRF on cookie-authenticated writes', () => {
      const body = { date: '2026-06-20', note: 'csrf' };
      const url = '/api/v1/restaurants/alpha/closures';
      before(async () => seedUser(t.database.db, 'manager@example.com', { restaurant: 'alpha', role: 'manager' }));

      it('refuses a write without the token, with a wrong one, or from another origin', async () => {
        const s = await login(t.app, 'manager@example.com');
        const cases: Record<string, string>[] = [
          { 'x-csrf-token': '' },
          { 'x-csrf-token': 'wrong' },
          { origin: 'https://evil.example' },
          { origin: '', referer: '' },
          { origin: 'null' },
        ];
        for (const headers of cases) {
          const res = await call(t.app, s, 'POST', url, body, headers);
          assert.equal(res.statusCode, 403, JSON.stringify(headers));
          assert.match(String(res.headers['content-type']), /problem\+json/);
        }
        const none = await t.app.inject({
          method: 'POST',
          url,
          headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken },
          payload: body,
        });
        assert.equal(none.statusCode, 403, 'no Origin and no Referer');
      });

      it('accepts Origin or a same-site Referer with the token', async () => {
        const s = await login(t.app, 'manager@example.com');
        assert.equal((await call(t.app, s, 'POST', url, body)).statusCode, 201);
        const viaReferer = await t.app.inject({
          method: 'DELETE',
          url: `${url}/2026-06-20`,
          headers: { cookie: s.cookie, referer: `${ORIGIN}/staff/closures`, 'x-csrf-token': s.csrfToken },
        });
        assert.equal(viaReferer.statusCode, 204);
      });

      it('applies to guest routes too when a session cookie is sent', async () => {
        const s = await login(t.app, 'host@example.com');
        const booking = { date: '2026-06-02', time: '19:00', party: 2, name: 'Phone guest' };
        const res = await t.app.inject({
          method: 'POST',
          url: '/api/v1/restaurants/alpha/bookings',
          headers: { cookie: s.cookie, origin: ORIGIN },
          payload: booking,
        });
        assert.equal(res.statusCode, 403);
        const anonymous = await t.app.inject({
          method: 'POST',
          url: '/api/v1/restaurants/alpha/bookings',
          payload: { ...booking, email: 'guest@example.com' },
        });
        assert.equal(anonymous.statusCode, 201, 'no cookie, no token needed');
      });
    });

    it('sets Secure behind an HTTPS proxy when TRUST_PROXY is on', async () => {
      const proxied = await testApp(backend, { TRUST_PROXY: '1', BASE_URL: 'https://book.example' });
      try {
        await seedUser(proxied.database.db, 'p@example.com');
        const res = await proxied.app.inject({
          method: 'POST',
          url: '/api/v1/auth/login',
          headers: { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'book.example', origin: 'https://book.example' },
          payload: { email: 'p@example.com', password: PASSWORD },
        });
        assert.equal(res.statusCode, 200);
        assert.match(String(res.headers['set-cookie']), /Secure/);
      } finally {
        await proxied.close();
      }
    });
  });

  describe(`login throttling on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend, { LOGIN_RATE_LIMIT: '1' });
      await seedUser(t.database.db, 'victim@example.com');
    });
    after(async () => t?.close());

    const attempt = (email: string, password: string, ip = '10.0.0.1') =>
      t.app.inject({ method: 'POST', url: '/api/v1/auth/login', remoteAddress: ip, payload: { email, password } });

    it('after 10 failures for an account: 429 with Retry-After, even with the right password', async () => {
      for (let i = 0; i < 10; i++)
        assert.equal((await attempt('victim@example.com', `wrong-${i}`, `10.0.1.${i}`)).statusCode, 401);
      const res = await attempt('victim@example.com', PASSWORD, '10.0.2.1');
      assert.equal(res.statusCode, 429);
      assert.ok(Number(res.headers['retry-after']) > 0);
      assert.equal(res.headers['set-cookie'], undefined);
      t.clock.now += 16 * 60_000;
      assert.equal((await attempt('victim@example.com', PASSWORD, '10.0.2.1')).statusCode, 200, 'a new window');
    });

    it('after 50 failures from one address: 429 for any account from it', async () => {
      for (let i = 0; i < 50; i++)
        assert.equal((await attempt(`nobody${i}@example.com`, 'wrong', '10.9.9.9')).statusCode, 401);
      const res = await attempt('victim@example.com', PASSWORD, '10.9.9.9');
      assert.equal(res.statusCode, 429);
      assert.ok(Number(res.headers['retry-after']) > 0);
      assert.equal(
        (await attempt('victim@example.com', PASSWORD, '10.9.9.10')).statusCode,
        200,
        'other addresses unaffected',
      );
    });
  });
}
