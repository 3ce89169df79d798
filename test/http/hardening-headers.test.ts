import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { insertRestaurant, type FixtureRestaurant } from '../helpers/fixtures.ts';
import { PASSWORD, seedUser } from '../staff/staff-helpers.ts';

after(dropCreatedDatabases);

/** Issue 11 items 8, 11 and 12 (/metrics): what every answer says about itself. */

const BOOKING = { date: '2026-06-03', time: '19:00', party: 2, name: 'Ada', email: 'ada@example.com' };
const METRICS_TOKEN = 'metrics-token-0123456789';

function setCookies(res: { headers: Record<string, unknown> }): string[] {
  const header = res.headers['set-cookie'];
  return Array.isArray(header) ? header : header ? [String(header)] : [];
}

async function signIn(app: FastifyInstance, origin: string) {
  const res = await app.inject({
    method: 'POST',
    url: '/api/v1/auth/login',
    headers: { origin },
    payload: { email: 'admin@example.com', password: PASSWORD },
  });
  assert.equal(res.statusCode, 200, res.body);
  return res;
}

for (const backend of await testBackends()) {
  describe(`security headers on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let https: TestApp;
    let r: FixtureRestaurant;
    let ref: string;
    let token: string;

    before(async () => {
      t = await testApp(backend, { METRICS_TOKEN });
      https = await testApp(backend, { BASE_URL: 'https://book.example' });
      r = await insertRestaurant(t.database.db);
      await seedUser(t.database.db, 'admin@example.com', { admin: true });
      await seedUser(https.database.db, 'admin@example.com', { admin: true });
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/v1/restaurants/${r.slug}/bookings`,
        payload: BOOKING,
      });
      ({ reference: ref, manageToken: token } = created.json());
    });
    after(async () => {
      await t?.close();
      await https?.close();
    });

    it('nosniff and frame protection on every answer: API, errors, 404s, /docs, pages', async () => {
      const urls = [
        '/api/v1/restaurants',
        `/api/v1/restaurants/${r.slug}/availability?date=x&party=2`,
        '/no/such/thing',
        '/docs',
        '/docs/',
        '/openapi.json',
        '/',
        `/r/${r.slug}`,
        '/staff/login',
        '/healthz',
      ];
      for (const url of urls) {
        const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
        assert.equal(res.headers['x-content-type-options'], 'nosniff', url);
        assert.equal(res.headers['x-frame-options'], 'DENY', url);
        assert.match(String(res.headers['content-security-policy']), /frame-ancestors 'none'/, url);
      }
    });

    it('pages carry a strict CSP and contain no inline script, style or handler', async () => {
      for (const url of [
        '/',
        `/r/${r.slug}`,
        `/r/${r.slug}/book?date=2026-06-03&time=19:00&party=2`,
        `/b/${ref}?token=${token}`,
        '/staff/login',
      ]) {
        const res = await t.app.inject({ url, headers: { accept: 'text/html' } });
        assert.equal(res.statusCode, 200, url);
        const csp = String(res.headers['content-security-policy']);
        assert.match(csp, /default-src 'self'/);
        assert.doesNotMatch(csp, /unsafe-inline|unsafe-eval/, url);
        assert.doesNotMatch(res.body, /<script(?![^>]*\ssrc=)[^>]*>/i, `${url} has an inline script`);
        assert.doesNotMatch(res.body, /<style|\sstyle=|\son[a-z]+=/i, `${url} has inline style or an event handler`);
      }
    });

    it('Cache-Control: no-store on bookings, tokens and staff answers', async () => {
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/v1/restaurants/${r.slug}/bookings`,
        payload: { ...BOOKING, time: '19:15' },
      });
      assert.equal(created.statusCode, 201);
      const login = await signIn(t.app, 'http://localhost');
      const cookie = setCookies(login)[0].split(';')[0];
      const answers = [
        created,
        login,
        await t.app.inject({ url: `/api/v1/bookings/${ref}`, headers: { authorization: `Bearer ${token}` } }),
        await t.app.inject({ url: `/api/v1/bookings/${ref}`, headers: { authorization: 'Bearer wrong' } }),
        await t.app.inject(`/api/v1/bookings/${ref}/calendar.ics?token=${token}`),
        await t.app.inject({ url: `/api/v1/restaurants/${r.slug}/bookings?date=2026-06-03`, headers: { cookie } }),
        await t.app.inject({ url: '/api/v1/auth/me', headers: { cookie } }),
      ];
      for (const res of answers)
        assert.equal(res.headers['cache-control'], 'no-store', `${res.statusCode} ${res.body.slice(0, 80)}`);
    });

    it('an http site: plain session cookie, no HSTS', async () => {
      const login = await signIn(t.app, 'http://localhost');
      assert.doesNotMatch(setCookies(login)[0], /;\s*Secure/i);
      assert.equal(login.headers['strict-transport-security'], undefined);
    });

    it('an https BASE_URL (TLS ends at the balancer): Secure __Host- cookie and HSTS, though the request says http', async () => {
      const login = await signIn(https.app, 'https://book.example');
      const cookie = setCookies(login)[0];
      assert.match(cookie, /^__Host-tb_session=/);
      assert.match(cookie, /;\s*Secure/i);
      assert.match(cookie, /;\s*Path=\//i);
      assert.doesNotMatch(cookie, /Domain=/i);
      assert.match(String(login.headers['strict-transport-security']), /max-age=\d{7,}/);
      const me = await https.app.inject({ url: '/api/v1/auth/me', headers: { cookie: cookie.split(';')[0] } });
      assert.equal(me.statusCode, 200, 'the __Host- cookie signs the user in');
      const plain = await https.app.inject({
        url: '/api/v1/auth/me',
        headers: { cookie: cookie.split(';')[0].replace('__Host-', '') },
      });
      assert.equal(plain.statusCode, 401, 'a cookie without the prefix is not read on an https site');
      const notFound = await https.app.inject('/nothing');
      assert.match(String(notFound.headers['strict-transport-security']), /max-age/);
    });

    it('/metrics answers loopback clients and the METRICS_TOKEN bearer; everyone else gets 404', async () => {
      assert.equal((await t.app.inject({ url: '/metrics', remoteAddress: '127.0.0.1' })).statusCode, 200);
      assert.equal((await t.app.inject({ url: '/metrics', remoteAddress: '::1' })).statusCode, 200);
      const remote = await t.app.inject({ url: '/metrics', remoteAddress: '203.0.113.9' });
      assert.equal(remote.statusCode, 404);
      assert.match(String(remote.headers['content-type']), /problem\+json/);
      const proxied = await t.app.inject({
        url: '/metrics',
        remoteAddress: '127.0.0.1',
        headers: { 'x-forwarded-for': '203.0.113.9' },
      });
      assert.equal(proxied.statusCode, 404, 'a balancer on this host forwarding a client is not loopback');
      const withToken = await t.app.inject({
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { authorization: `Bearer ${METRICS_TOKEN}` },
      });
      assert.equal(withToken.statusCode, 200);
      assert.match(withToken.body, /http_requests_total/);
      const wrong = await t.app.inject({
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { authorization: 'Bearer guess-guess-guess-guess' },
      });
      assert.equal(wrong.statusCode, 404);
      const noToken = await https.app.inject({
        url: '/metrics',
        remoteAddress: '203.0.113.9',
        headers: { authorization: 'Bearer ' },
      });
      assert.equal(noToken.statusCode, 404, 'without METRICS_TOKEN only loopback reads it');
    });
  });
}
