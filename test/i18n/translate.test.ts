import assert from 'node:assert/strict';
import { test } from 'node:test';
import { clockTime, dateTime, longDate, shortDate } from '../../src/i18n/dates.ts';
import { bestAcceptedLocale, negotiateLocale } from '../../src/i18n/negotiate.ts';
import { t, translate, translator } from '../../src/i18n/translate.ts';

test('t fills placeholders and picks plural forms per language', () => {
  assert.equal(t('en', 'common.guests', { count: 1 }), '1 guest');
  assert.equal(t('en', 'common.guests', { count: 4 }), '4 guests');
  assert.equal(t('ko', 'common.guests', { count: 4 }), '4명');
  assert.equal(translator('ko')('common.timeZoneNote', { zone: 'Asia/Seoul' }), '시간은 Asia/Seoul 기준입니다.');
  assert.equal(t('en', 'common.save'), 'Save');
});

test('translate leaves an unknown placeholder visible instead of dropping text', () => {
  assert.equal(translate('en', 'common.timeZoneNote', {}), 'Times are in {zone}.');
});

const DATES: [string, 'en' | 'ko', string, string][] = [
  ['2026-06-05', 'en', 'Friday 5 June 2026', 'Fri 5 Jun'],
  ['2026-06-05', 'ko', '2026년 6월 5일 금요일', '6월 5일 (금)'],
  ['2026-03-29', 'en', 'Sunday 29 March 2026', 'Sun 29 Mar'],
];

test('local dates are written for the language', () => {
  for (const [date, locale, long, short] of DATES) {
    assert.equal(longDate(locale, date), long);
    assert.equal(shortDate(locale, date), short);
  }
  assert.equal(longDate('en', 'not-a-date'), 'not-a-date');
});

test('times are 24-hour in the restaurant zone in both languages, across DST', () => {
  // 2026-03-29 is the day London moves to BST: 00:30Z is 00:30 GMT, 01:30Z is 02:30 BST.
  assert.equal(clockTime('en', '2026-03-29T00:30:00Z', 'Europe/London'), '00:30');
  assert.equal(clockTime('en', '2026-03-29T01:30:00Z', 'Europe/London'), '02:30');
  assert.equal(clockTime('ko', '2026-06-05T10:30:00Z', 'Asia/Seoul'), '19:30');
  assert.equal(clockTime('en', '2026-06-05T20:05:00Z', 'America/New_York'), '16:05');
  assert.doesNotMatch(dateTime('en', '2026-06-05T20:05:00Z', 'America/New_York'), /[AP]M/i);
  assert.match(dateTime('ko', '2026-06-05T10:30:00Z', 'Asia/Seoul'), /2026년 6월 5일 금요일.*19:30/);
});

test('Accept-Language: best q-value among supported languages', () => {
  assert.equal(bestAcceptedLocale('ko-KR,ko;q=0.9,en-US;q=0.8'), 'ko');
  assert.equal(bestAcceptedLocale('fr-FR, en;q=0.5, ko;q=0.7'), 'ko');
  assert.equal(bestAcceptedLocale('EN-gb'), 'en');
  assert.equal(bestAcceptedLocale('ko;q=0, en;q=0.1'), 'en');
  assert.equal(bestAcceptedLocale('fr, de'), null);
  assert.equal(bestAcceptedLocale('*'), null);
  assert.equal(bestAcceptedLocale(''), null);
  assert.equal(bestAcceptedLocale(undefined), null);
  assert.equal(bestAcceptedLocale('ko;q=abc, en'), 'en');
});

test('negotiation order: ?lang, cookie, Accept-Language, restaurant, en', () => {
  assert.deepEqual(negotiateLocale({ query: 'ko', cookie: 'en', acceptLanguage: 'en' }), {
    locale: 'ko',
    remember: true,
  });
  assert.deepEqual(negotiateLocale({ query: 'fr', cookie: 'ko', acceptLanguage: 'en' }), {
    locale: 'ko',
    remember: false,
  });
  assert.deepEqual(negotiateLocale({ cookie: 'xx', acceptLanguage: 'ko', restaurant: 'en' }), {
    locale: 'ko',
    remember: false,
  });
  assert.deepEqual(negotiateLocale({ acceptLanguage: 'fr', restaurant: 'ko' }), { locale: 'ko', remember: false });
  assert.deepEqual(negotiateLocale({ acceptLanguage: 'fr' }), { locale: 'en', remember: false });
  assert.deepEqual(negotiateLocale({ query: ['ko', 'en'] }), { locale: 'en', remember: false });
});
