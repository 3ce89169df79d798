import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bookableDateRange, resolveStart, type StartRequest } from '../../src/domain/booking-window.ts';
import { toIsoUtc } from '../../src/domain/clock-time.ts';
import { DomainError } from '../../src/domain/errors.ts';
import { at, rules } from './fixtures.ts';

// Friday 2026-05-01 10:00 in Seoul.
const NOW = at('2026-05-01T10:00:00+09:00');
const R = rules({ closures: ['2026-05-05'] });

function req(over: Partial<StartRequest>): StartRequest {
  return { date: '2026-05-01', time: '19:00', party: 2, now: NOW, mode: 'guest', ...over };
}

function fieldOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.equal(e.code, 'validation');
    assert.ok(e.errors && e.errors.length > 0);
    for (const fe of e.errors) assert.ok(fe.message.length > 0);
    return e.errors.map((fe) => fe.field);
  }
  assert.fail('expected a validation error');
}

test('bookableDateRange is local today to today + window inclusive', () => {
  assert.deepEqual(bookableDateRange(R, NOW), { today: '2026-05-01', lastDate: '2026-06-30' });
  // 23:30 UTC on 30 April is already 1 May in Seoul
  assert.equal(bookableDateRange(R, at('2026-04-30T23:30:00Z')).today, '2026-05-01');
  assert.equal(
    bookableDateRange({ ...R, timezone: 'America/New_York' }, at('2026-05-01T03:00:00Z')).today,
    '2026-04-30',
  );
});

test('resolveStart accepts good starts', () => {
  const cases: [Partial<StartRequest>, string][] = [
    [{}, '2026-05-01T10:00:00Z'],
    [{ time: '12:00' }, '2026-05-01T03:00:00Z'],
    [{ date: '2026-06-30', time: '20:30' }, '2026-06-30T11:30:00Z'],
    [{ party: 8, time: '19:30' }, '2026-05-01T10:30:00Z'],
    [{ mode: 'staff', now: at('2026-05-01T19:10:00+09:00'), time: '19:00' }, '2026-05-01T10:00:00Z'],
    [{ mode: 'staff', now: at('2026-05-01T19:15:00+09:00'), time: '19:00' }, '2026-05-01T10:00:00Z'],
    [{ mode: 'guest', now: at('2026-05-01T18:00:00+09:00'), time: '19:00' }, '2026-05-01T10:00:00Z'],
  ];
  for (const [over, startsAt] of cases) {
    const slot = resolveStart(R, req(over));
    assert.equal(toIsoUtc(slot.startsAt), startsAt, JSON.stringify(over));
    assert.equal(slot.date, over.date ?? '2026-05-01');
  }
});

test('resolveStart rejects with the right field', () => {
  const cases: [string, Partial<StartRequest>, string[]][] = [
    ['bad date', { date: '2026-02-30' }, ['date']],
    ['bad time', { time: '7pm' }, ['time']],
    ['bad date, time and party together', { date: 'x', time: 'y', party: 0 }, ['date', 'time', 'party']],
    ['party 0', { party: 0 }, ['party']],
    ['party fraction', { party: 1.5 }, ['party']],
    ['party above max', { party: 9 }, ['party']],
    ['closure', { date: '2026-05-05' }, ['date']],
    ['yesterday', { date: '2026-04-30' }, ['date']],
    ['last year', { date: '2025-05-01' }, ['date']],
    ['one day beyond window', { date: '2026-07-01' }, ['date']],
    ['off the grid', { time: '19:07' }, ['time']],
    ['outside hours', { time: '16:00' }, ['time']],
    ['meal runs past closing', { time: '21:00' }, ['time']],
    ['party of 8 too late for lunch', { time: '13:00', party: 8 }, ['time']],
    ['inside notice', { time: '12:00', now: at('2026-05-01T11:15:00+09:00') }, ['time']],
    ['already past for guest', { time: '12:00', now: at('2026-05-01T12:10:00+09:00') }, ['time']],
    [
      'staff more than one interval back',
      { mode: 'staff', time: '19:00', now: at('2026-05-01T19:16:00+09:00') },
      ['time'],
    ],
  ];
  for (const [name, over, fields] of cases)
    assert.deepEqual(
      fieldOf(() => resolveStart(R, req(over))),
      fields,
      name,
    );
});

test('notice message names the minutes', () => {
  try {
    resolveStart(R, req({ time: '12:00', now: at('2026-05-01T11:15:00+09:00') }));
    assert.fail('expected error');
  } catch (e) {
    assert.ok(e instanceof DomainError);
    assert.equal(e.errors?.[0].message, 'bookings need at least 60 minutes notice');
  }
});

test('staff waive notice only: closures, window and hours still apply', () => {
  const staff = { mode: 'staff' as const };
  assert.deepEqual(
    fieldOf(() => resolveStart(R, req({ ...staff, date: '2026-05-05' }))),
    ['date'],
  );
  assert.deepEqual(
    fieldOf(() => resolveStart(R, req({ ...staff, date: '2026-07-01' }))),
    ['date'],
  );
  assert.deepEqual(
    fieldOf(() => resolveStart(R, req({ ...staff, time: '16:00' }))),
    ['time'],
  );
  assert.equal(resolveStart(R, req({ ...staff, time: '12:00', now: at('2026-05-01T11:59:00+09:00') })).time, '12:00');
});

test('a party larger than every table is not a validation error', () => {
  assert.equal(resolveStart(R, req({ party: 8 })).time, '19:00');
});

test('after midnight: the running period of yesterday is still bookable', () => {
  const late = rules({ hours: [{ weekday: 5, opens: '18:00', closes: '03:00' }], minNoticeMinutes: 30 });
  const now = at('2026-05-02T00:10:00+09:00');
  const slot = resolveStart(late, req({ date: '2026-05-01', time: '01:00', now }));
  assert.equal(toIsoUtc(slot.startsAt), '2026-05-01T16:00:00Z');
  assert.equal(slot.date, '2026-05-01');
  assert.deepEqual(
    fieldOf(() => resolveStart(late, req({ date: '2026-05-01', time: '00:15', now }))),
    ['date'],
  );
  assert.deepEqual(
    fieldOf(() => resolveStart(late, req({ date: '2026-05-01', time: '19:00', now }))),
    ['date'],
  );
  const walkIn = resolveStart(late, req({ date: '2026-05-01', time: '00:00', now, mode: 'staff' }));
  assert.equal(walkIn.time, '00:00');
});

test('DST: a time in the spring-forward gap is off the grid, a repeated one resolves to the first', () => {
  const ny = rules({
    timezone: 'America/New_York',
    hours: [{ weekday: 7, opens: '00:00', closes: '05:00' }],
    durations: [{ maxParty: 8, minutes: 60 }],
  });
  const before = at('2026-03-01T12:00:00-05:00');
  assert.deepEqual(
    fieldOf(() => resolveStart(ny, req({ date: '2026-03-08', time: '02:30', now: before }))),
    ['time'],
  );
  const fall = resolveStart(ny, req({ date: '2026-11-01', time: '01:30', now: at('2026-10-30T12:00:00-04:00') }));
  assert.equal(toIsoUtc(fall.startsAt), '2026-11-01T05:30:00Z');
});
