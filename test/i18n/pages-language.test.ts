import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { seedRestaurant } from '../staff/staff-helpers.ts';
import { formBody } from '../web/helpers.ts';

after(dropCreatedDatabases);

const page = (t: TestApp, url: string, headers: Record<string, string> = {}) =>
  t.app.inject({ url, headers: { accept: 'text/html', ...headers } });
const langOf = (body: string) => /<html lang="(\w+)">/.exec(body)?.[1];
const cookieOf = (res: { headers: Record<string, unknown> }) =>
  [res.headers['set-cookie']].flat().find((c) => String(c).startsWith('lang='));

const DETAILS = {
  date: '2026-06-02',
  time: '19:00',
  party: '2',
  name: '김민지',
  email: 'minji@example.com',
  idempotencyKey: 'k-ko-1',
};

for (const backend of await testBackends()) {
  describe(`page languages on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
      await seedRestaurant(t.database.db, 'seoul', { timezone: 'Asia/Seoul', locale: 'ko', name: '한강 Table' });
      await seedRestaurant(t.database.db, 'london');
    });
    after(async () => t?.close());

    it('negotiation: ?lang, then the lang cookie, then Accept-Language, then the restaurant, then en', async () => {
      assert.equal(langOf((await page(t, '/')).body), 'en');
      assert.equal(langOf((await page(t, '/r/seoul')).body), 'ko', "the restaurant's locale on its own page");
      assert.equal(langOf((await page(t, '/r/seoul', { 'accept-language': 'en-US,en;q=0.9' })).body), 'en');
      assert.equal(langOf((await page(t, '/r/london', { 'accept-language': 'ko-KR,ko;q=0.8' })).body), 'ko');
      assert.equal(langOf((await page(t, '/r/london', { 'accept-language': 'fr, de' })).body), 'en');
      const chosen = await page(t, '/r/london?lang=ko', { 'accept-language': 'en' });
      assert.equal(langOf(chosen.body), 'ko');
      assert.match(String(cookieOf(chosen)), /^lang=ko;/);
      assert.equal(
        langOf((await page(t, '/r/london', { cookie: 'lang=ko', 'accept-language': 'en' })).body),
        'ko',
        'the cookie beats Accept-Language',
      );
      assert.equal(
        langOf((await page(t, '/r/seoul', { cookie: 'lang=en' })).body),
        'en',
        'the cookie beats the restaurant',
      );
      assert.equal(langOf((await page(t, '/r/seoul?lang=xx')).body), 'ko', 'an unknown ?lang is ignored');
    });

    it('every page offers a switch that keeps the current URL', async () => {
      const res = await page(t, '/r/seoul?date=2026-06-03&party=4');
      assert.match(res.body, /<nav class="lang-switch" aria-label="언어 선택">/);
      assert.match(
        res.body,
        /href="\/r\/seoul\?date=2026-06-03&amp;party=4&amp;lang=en" lang="en" hreflang="en"[^>]*>English</,
      );
      assert.match(res.body, /lang="ko" hreflang="ko" aria-current="true">한국어</);
      for (const url of ['/', '/staff/login', '/nowhere'])
        assert.match((await page(t, `${url}?lang=ko`)).body, /class="lang-switch"/, url);
    });

    it("a restaurant page in Korean: texts, dates and the slot script's texts", async () => {
      const res = await page(t, '/r/seoul?date=2026-06-02&party=2');
      assert.equal(res.statusCode, 200);
      for (const text of [
        '언제, 몇 분이세요?',
        '빈 시간 보기',
        '2026년 6월 2일 화요일 빈 시간',
        '(Asia/Seoul 기준)',
        '모든 레스토랑',
        '본문으로 건너뛰기',
      ]) {
        assert.ok(res.body.includes(text), `page has ${text}`);
      }
      assert.match(res.body, /data-text-heading="\{date\} 빈 시간"/);
      assert.match(res.body, />19:00</, '24-hour times');
      assert.doesNotMatch(res.body, /\b(AM|PM)\b/);
    });

    it('books in Korean through the form: field errors, then the booking page, in Korean', async () => {
      const bad = await t.app.inject({
        method: 'POST',
        url: '/r/seoul/book',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: formBody({ ...DETAILS, email: 'not-an-email', idempotencyKey: 'k-ko-bad' }),
      });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /표시된 항목을 확인해 주세요\./);
      assert.match(bad.body, /올바른 이메일 주소가 아닙니다/);
      const res = await t.app.inject({
        method: 'POST',
        url: '/r/seoul/book',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
        payload: formBody(DETAILS),
      });
      assert.equal(res.statusCode, 303, res.body);
      const location = String(res.headers.location);
      const booked = await page(t, location);
      assert.equal(langOf(booked.body), 'ko');
      for (const text of [
        '테이블이 예약되었습니다.',
        '2026년 6월 2일 화요일',
        '19:00 (Asia/Seoul)',
        '확정',
        '예약 취소',
      ])
        assert.ok(booked.body.includes(text), `booking page has ${text}`);
      const reference = /data-reference>([^<]+)</.exec(booked.body)![1];
      const row = await t.database.db
        .selectFrom('bookings')
        .select('locale')
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow();
      assert.equal(row.locale, 'ko', 'the booking keeps the language it was made in');
      const english = await page(t, `${location}&lang=en`);
      assert.ok(english.body.includes('Tuesday 2 June 2026'), 'the same booking page in English');
    });

    it('error pages and staff pages follow the language', async () => {
      const missing = await page(t, '/nowhere', { 'accept-language': 'ko' });
      assert.equal(missing.statusCode, 404);
      assert.match(missing.body, /페이지를 찾을 수 없습니다/);
      const login = await page(t, '/staff/login?lang=ko');
      assert.match(login.body, /<h1 id="login-h">직원 로그인<\/h1>/);
      const english = await page(t, '/staff/login');
      assert.match(english.body, /<h1 id="login-h">Staff sign-in<\/h1>/);
    });
  });
}
