import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { call, login, seedRestaurant, seedUser, type Session } from '../staff/staff-helpers.ts';
import { readChangeStamp } from '../../src/db/queries/booking-changes.ts';

after(dropCreatedDatabases);

const R = '/api/v1/restaurants/search-r';
const GUESTS = [
  { date: '2026-06-01', time: '19:00', name: "Ann O'Brien", email: 'ann@example.com', phone: '+44 20 7946 0001' },
  { date: '2026-06-03', time: '13:00', name: 'ÉMILE Zola', email: 'emile@example.org' },
  { date: '2026-06-02', time: '12:00', name: 'Bob 100% Real', email: 'bob_real@example.com' },
  { date: '2026-06-02', time: '20:00', name: 'Back\\Slash', email: 'ann.other@example.net' },
  { date: '2026-06-04', time: '18:00', name: '김민수', email: 'minsu@example.kr', phone: '010-1234-5678' },
];

for (const backend of await testBackends()) {
  describe(`booking search, guest confirm and change stamp on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let host: Session;
    const refs: Record<string, { reference: string; manageToken: string }> = {};
    let restaurantId = '';
    before(async () => {
      t = await testApp(backend, {}, Date.parse('2026-06-01T09:00:00Z'));
      restaurantId = (await seedRestaurant(t.database.db, 'search-r')).id;
      await seedUser(t.database.db, 'host@example.com', { restaurant: 'search-r', role: 'host' });
      t.clock.now = Date.parse('2026-05-20T09:00:00Z');
      for (const g of GUESTS) {
        const res = await call(t.app, null, 'POST', `${R}/bookings`, { party: 2, ...g });
        assert.equal(res.statusCode, 201, res.body);
        refs[g.name] = res.json();
      }
      t.clock.now = Date.parse('2026-06-02T15:00:00Z');
      host = await login(t.app, 'host@example.com');
    });
    after(async () => t?.close());

    const search = async (q: string, extra = '') => {
      const res = await call(t.app, host, 'GET', `${R}/bookings?q=${encodeURIComponent(q)}${extra}`);
      assert.equal(res.statusCode, 200, res.body);
      return (res.json().bookings as { name: string }[]).map((b) => b.name);
    };

    it('matches name, email, phone and reference, case-insensitively and in part, upcoming first', async () => {
      // now is 2 June 16:00 London: the 1 June and 2 June 12:00 bookings are past
      assert.deepEqual(await search('ANN'), ['Back\\Slash', "Ann O'Brien"]);
      assert.deepEqual(await search('émile'), ['ÉMILE Zola']);
      assert.deepEqual(await search('Émile'), ['ÉMILE Zola']);
      assert.deepEqual(await search('7946'), ["Ann O'Brien"]);
      assert.deepEqual(await search('민수'), ['김민수']);
      assert.deepEqual(await search(refs['김민수'].reference.toLowerCase()), ['김민수']);
      assert.deepEqual(await search('example'), [
        'Back\\Slash',
        'ÉMILE Zola',
        '김민수',
        'Bob 100% Real',
        "Ann O'Brien",
      ]);
    });

    it('takes %, _ and \\ literally, and never matches across two fields', async () => {
      assert.deepEqual(await search('100%'), ['Bob 100% Real']);
      assert.deepEqual(await search('%'), ['Bob 100% Real']);
      assert.deepEqual(await search('b_r'), ['Bob 100% Real']);
      assert.deepEqual(await search('_'), ['Bob 100% Real']);
      assert.deepEqual(await search('k\\s'), ['Back\\Slash']);
      assert.deepEqual(await search('!'), []);
      assert.deepEqual(await search('zola emile'), []);
      assert.deepEqual(await search("o'brien"), ["Ann O'Brien"]);
    });

    it('with date, only that date; without q or date, 422', async () => {
      assert.deepEqual(await search('example', '&date=2026-06-02'), ['Back\\Slash', 'Bob 100% Real']);
      assert.equal((await call(t.app, host, 'GET', `${R}/bookings`)).statusCode, 422);
      assert.equal((await call(t.app, host, 'GET', `${R}/bookings?q=${'x'.repeat(101)}`)).statusCode, 422);
      assert.equal((await call(t.app, host, 'GET', `${R}/bookings?q=%20%20`)).statusCode, 422);
      assert.equal((await call(t.app, null, 'GET', `${R}/bookings?q=ann`)).statusCode, 401);
    });

    it('answers at most 50', async () => {
      t.clock.now = Date.parse('2026-05-20T09:00:00Z');
      host = await login(t.app, 'host@example.com');
      for (let i = 0; i < 18; i++) {
        for (const time of ['12:00', '14:00', '16:00']) {
          const date = `2026-06-${String(10 + i).padStart(2, '0')}`;
          const res = await call(t.app, host, 'POST', `${R}/bookings`, {
            date,
            time,
            party: 2,
            name: `Walk ${i} ${time}`,
          });
          assert.equal(res.statusCode, 201, res.body);
        }
      }
      t.clock.now = Date.parse('2026-06-02T15:00:00Z');
      host = await login(t.app, 'host@example.com');
      const found = await search('walk');
      assert.equal(found.length, 50);
      assert.equal(found[0], 'Walk 0 12:00');
    });

    it('a guest confirms with the manage token; staff lists show it; the change stamp moves', async () => {
      const { reference, manageToken } = refs['김민수'];
      const before = await readChangeStamp(t.database.db, restaurantId);
      const denied = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${reference}/confirm`,
        headers: { authorization: 'Bearer wrong' },
      });
      assert.equal(denied.statusCode, 404);
      assert.equal(
        (await t.app.inject({ method: 'POST', url: `/api/v1/bookings/${reference}/confirm` })).statusCode,
        401,
      );
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${reference}/confirm`,
        headers: { authorization: `Bearer ${manageToken}` },
      });
      assert.equal(res.statusCode, 200, res.body);
      assert.equal(res.json().confirmedByGuest, true);
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${reference}/confirm`,
        headers: { authorization: `Bearer ${manageToken}` },
      });
      assert.equal(again.json().confirmedByGuest, true);
      assert.notEqual(await readChangeStamp(t.database.db, restaurantId), before);
      const day = await call(t.app, host, 'GET', `${R}/bookings?date=2026-06-04`);
      assert.equal(day.json().bookings[0].confirmedByGuest, true);
      const other = await t.app.inject({
        method: 'GET',
        url: `/api/v1/bookings/${refs['ÉMILE Zola'].reference}`,
        headers: { authorization: `Bearer ${refs['ÉMILE Zola'].manageToken}` },
      });
      assert.equal(other.json().confirmedByGuest, false);
      const cancelled = refs['ÉMILE Zola'];
      await t.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${cancelled.reference}/cancel`,
        headers: { authorization: `Bearer ${cancelled.manageToken}` },
      });
      const refused = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${cancelled.reference}/confirm`,
        headers: { authorization: `Bearer ${cancelled.manageToken}` },
      });
      assert.equal(refused.statusCode, 409);
    });
  });
}
