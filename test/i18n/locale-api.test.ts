import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { call, login, seedRestaurant, seedUser, type Session } from '../staff/staff-helpers.ts';

after(dropCreatedDatabases);

const BOOKING = { date: '2026-06-02', time: '19:00', party: 2, name: 'Kim Minji', email: 'minji@example.com' };

for (const backend of await testBackends()) {
  describe(`languages over the API on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let admin: Session;
    before(async () => {
      t = await testApp(backend);
      await seedUser(t.database.db, 'admin@example.com', { admin: true });
      admin = await login(t.app, 'admin@example.com');
      await seedRestaurant(t.database.db, 'london');
      await seedRestaurant(t.database.db, 'seoul', { timezone: 'Asia/Seoul', locale: 'ko' });
    });
    after(async () => t?.close());

    it('a restaurant has a locale: en by default, set on create, changed by PATCH, shown publicly', async () => {
      const created = await call(t.app, admin, 'POST', '/api/v1/restaurants', {
        slug: 'busan',
        name: 'Busan',
        timezone: 'Asia/Seoul',
      });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().locale, 'en');
      const ko = await call(t.app, admin, 'POST', '/api/v1/restaurants', {
        slug: 'jeju',
        name: 'Jeju',
        timezone: 'Asia/Seoul',
        locale: 'ko',
      });
      assert.equal(ko.json().locale, 'ko');
      const patched = await call(t.app, admin, 'PATCH', '/api/v1/restaurants/busan', { locale: 'ko' });
      assert.equal(patched.statusCode, 200, patched.body);
      assert.equal(patched.json().locale, 'ko');
      assert.equal((await t.app.inject('/api/v1/restaurants/busan')).json().locale, 'ko');
      assert.equal((await t.app.inject('/api/v1/restaurants/london')).json().locale, 'en');
      for (const locale of ['fr', 'KO', '', 1]) {
        const bad = await call(t.app, admin, 'PATCH', '/api/v1/restaurants/busan', { locale });
        assert.equal(bad.statusCode, 422, `${locale}: ${bad.body}`);
      }
    });

    it('a booking keeps the language it was made in: body, else Accept-Language, else the restaurant', async () => {
      const book = (slug: string, headers: Record<string, string>, extra: object, day: number) =>
        t.app.inject({
          method: 'POST',
          url: `/api/v1/restaurants/${slug}/bookings`,
          headers,
          payload: { ...BOOKING, ...extra, date: `2026-06-${String(day).padStart(2, '0')}` },
        });
      const cases: [string, Record<string, string>, object, string][] = [
        ['london', {}, {}, 'en'],
        ['seoul', {}, {}, 'ko'],
        ['london', { 'accept-language': 'ko-KR,ko;q=0.9,en;q=0.5' }, {}, 'ko'],
        ['seoul', { 'accept-language': 'en-GB' }, {}, 'en'],
        ['seoul', { 'accept-language': 'fr, de;q=0.5' }, {}, 'ko'],
        ['london', { 'accept-language': 'en' }, { locale: 'ko' }, 'ko'],
      ];
      let day = 10;
      for (const [slug, headers, extra, expected] of cases) {
        const res = await book(slug, headers, extra, day++);
        assert.equal(res.statusCode, 201, res.body);
        const booking = res.json();
        assert.equal(booking.locale, expected, `${slug} ${JSON.stringify(headers)} ${JSON.stringify(extra)}`);
        const read = await t.app.inject({
          url: `/api/v1/bookings/${booking.reference}`,
          headers: { authorization: `Bearer ${booking.manageToken}` },
        });
        assert.equal(read.json().locale, expected);
      }
      const bad = await book('london', {}, { locale: 'fr' }, day);
      assert.equal(bad.statusCode, 422);
    });

    it('problem+json titles and details follow Accept-Language (English by default)', async () => {
      const en = await t.app.inject({ url: '/api/v1/restaurants/nowhere/availability?date=2026-06-02&party=2' });
      assert.equal(en.statusCode, 404);
      assert.equal(en.json().title, 'Not found');
      const ko = await t.app.inject({
        url: '/api/v1/restaurants/nowhere/availability?date=2026-06-02&party=2',
        headers: { 'accept-language': 'ko' },
      });
      assert.equal(ko.statusCode, 404);
      assert.equal(ko.headers['content-type'], 'application/problem+json; charset=utf-8');
      assert.equal(ko.json().title, '찾을 수 없음');
      const route = await t.app.inject({ url: '/api/v1/nothing-here', headers: { 'accept-language': 'ko-KR' } });
      assert.equal(route.json().title, '찾을 수 없음');
      assert.match(route.json().detail, /GET \/api\/v1\/nothing-here에는 아무것도 없습니다/);
      const json = await t.app.inject({
        method: 'POST',
        url: '/api/v1/restaurants/london/bookings',
        headers: { 'content-type': 'application/json', 'accept-language': 'ko' },
        payload: '{"date":',
      });
      assert.equal(json.statusCode, 400);
      assert.equal(json.json().title, '잘못된 요청');
      assert.equal(json.json().detail, '본문이 올바른 JSON이 아닙니다.');
      const missing = await t.app.inject({
        method: 'POST',
        url: '/api/v1/restaurants/london/bookings',
        headers: { 'accept-language': 'ko' },
        payload: { date: '2026-06-02' },
      });
      assert.equal(missing.statusCode, 422);
      assert.equal(missing.json().title, '잘못된 입력');
      assert.ok(
        missing
          .json()
          .errors.some(
            (e: { field: string; message: string }) => e.field === 'time' && e.message === '필수 항목입니다',
          ),
        missing.body,
      );
      const enMissing = await t.app.inject({
        method: 'POST',
        url: '/api/v1/restaurants/london/bookings',
        payload: { date: '2026-06-02' },
      });
      assert.ok(
        enMissing
          .json()
          .errors.some((e: { field: string; message: string }) => e.field === 'time' && e.message === 'is required'),
      );
    });

    it('?lang= is remembered in a lang cookie', async () => {
      const res = await t.app.inject({ url: '/api/v1/nothing?lang=ko' });
      assert.equal(res.json().title, '찾을 수 없음');
      const cookie = [res.headers['set-cookie']].flat().find((c) => String(c).startsWith('lang='));
      assert.match(String(cookie), /^lang=ko;.*Path=\//);
      const again = await t.app.inject({
        url: '/api/v1/nothing',
        headers: { cookie: 'lang=ko', 'accept-language': 'en' },
      });
      assert.equal(again.json().title, '찾을 수 없음');
      assert.equal(again.headers['set-cookie'], undefined);
    });
  });
}
