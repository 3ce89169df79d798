import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { call, login, ORIGIN, seedRestaurant, seedUser, type Session } from '../staff/staff-helpers.ts';

after(dropCreatedDatabases);

const NOW = Date.parse('2026-06-01T11:30:00Z'); // 12:30 in London, a Monday

for (const backend of await testBackends()) {
  describe(`timeline on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let host: Session;
    let first: { reference: string };
    before(async () => {
      t = await testApp(backend, {}, NOW);
      await seedRestaurant(t.database.db, 'tl');
      await seedUser(t.database.db, 'host@example.com', { restaurant: 'tl', role: 'host' });
      host = await login(t.app, 'host@example.com');
      first = (
        await call(t.app, host, 'POST', '/api/v1/restaurants/tl/bookings', {
          date: '2026-06-01',
          time: '12:30',
          party: 2,
          name: 'Ann <b>Lee</b>',
        })
      ).json();
      await call(t.app, host, 'POST', '/api/v1/restaurants/tl/bookings', {
        date: '2026-06-01',
        time: '19:00',
        party: 4,
        name: 'Big Party',
      });
    });
    after(async () => t?.close());

    const page = (url = '/staff/tl/timeline?date=2026-06-01', s: Session | null = host) =>
      t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });
    const stamp = async () => (await page('/staff/tl/timeline/stamp')).json().stamp as string;

    it('renders tables down the side and each booking as a bar spanning its time, escaped, with no inline script or style', async () => {
      const res = await page();
      assert.equal(res.statusCode, 200);
      const body = res.body;
      assert.match(body, /<table class="timeline">/);
      for (const label of ['T1', 'T2', 'T3']) assert.match(body, new RegExp(`<th scope="row">${label} `));
      assert.match(
        body,
        /<td colspan="18" class="tl-bar status-confirmed" data-reference="[0-9A-Z]+">/,
        '90 minutes = 18 five-minute columns',
      );
      assert.match(body, /<td colspan="24" class="tl-bar status-confirmed"/, 'a party of 4: 120 minutes');
      assert.match(body, /Ann &lt;b&gt;Lee&lt;\/b&gt;/);
      assert.doesNotMatch(body, /<b>Lee/);
      assert.doesNotMatch(body, /<script>|<script [^>]*>[^<]|style="/);
      assert.match(body, /<script src="\/static\/timeline\.js\?v=\w+" defer><\/script>/);
      assert.match(body, /<th scope="col" colspan="12">12:00<\/th>/);
    });

    it('seats a guest from the timeline without JavaScript (a form with CSRF) and comes back to it', async () => {
      const before = await stamp();
      const form = new URLSearchParams({
        status: 'seated',
        date: '2026-06-01',
        view: 'timeline',
        _csrf: host.csrfToken,
      }).toString();
      const res = await t.app.inject({
        method: 'POST',
        url: `/staff/tl/bookings/${first.reference}/status`,
        payload: form,
        headers: { cookie: host.cookie, origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(res.statusCode, 303, res.body);
      assert.equal(res.headers.location, '/staff/tl/timeline?date=2026-06-01');
      assert.notEqual(await stamp(), before, 'the change stamp moved');
      assert.match((await page()).body, /class="tl-bar status-seated" data-reference="[0-9A-Z]+"/);
    });

    it('the stamp moves when another app server (any writer to the database) changes a booking', async () => {
      const before = await stamp();
      assert.equal(await stamp(), before, 'stable while nothing changes');
      const other = await testAppOnSameDatabase(t);
      try {
        const otherHost = await login(other.app, 'host@example.com');
        const made = await call(other.app, otherHost, 'POST', '/api/v1/restaurants/tl/bookings', {
          date: '2026-06-01',
          time: '21:00',
          party: 2,
          name: 'Late Guest',
        });
        assert.equal(made.statusCode, 201, made.body);
      } finally {
        await other.close();
      }
      assert.notEqual(await stamp(), before);
      assert.match((await page()).body, /Late Guest/);
    });

    it('is for staff of the restaurant only', async () => {
      const anonymous = await page('/staff/tl/timeline', null);
      assert.notEqual(anonymous.statusCode, 200);
      assert.doesNotMatch(anonymous.body, /Big Party/);
      const stampAnon = await page('/staff/tl/timeline/stamp', null);
      assert.notEqual(stampAnon.statusCode, 200);
    });
  });
}

/** A second app (its own pool, cache and clock) on the same database: another app server. */
async function testAppOnSameDatabase(t: TestApp) {
  const { createDb } = await import('../../src/db/connect.ts');
  const { buildApp } = await import('../../src/http/app.ts');
  const database = createDb(t.url, { poolMax: 2 });
  const app = await buildApp({ config: t.config, database, clock: () => t.clock.now, logger: false });
  await app.ready();
  return {
    app,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
