import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableSlots, nearestAlternatives, type AvailabilityQuery } from '../../src/domain/availability.ts';
import { localToInstant, toIsoUtc } from '../../src/domain/clock-time.ts';
import { slotGrid } from '../../src/domain/slot-grid.ts';
import type { Occupancy, Slot } from '../../src/domain/types.ts';
import { at, rules, table } from './fixtures.ts';

const R = rules({ closures: ['2026-05-05'] });
const NOW = at('2026-05-01T10:00:00+09:00');
const TABLES = [table('T1', 1, 2), table('T2', 2, 4), table('T3', 4, 6)];
const times = (slots: Slot[]) => slots.map((s) => s.time);
const LUNCH = ['12:00', '12:15', '12:30', '12:45', '13:00', '13:15', '13:30'];
const DINNER = ['18:00', '18:15', '18:30', '18:45', '19:00', '19:15', '19:30', '19:45', '20:00', '20:15', '20:30'];

function q(over: Partial<AvailabilityQuery>): AvailabilityQuery {
  return { date: '2026-05-01', party: 2, now: NOW, ...over };
}

test('window, closures and party limits', () => {
  const cases: [string, Partial<AvailabilityQuery>, number][] = [
    ['today', {}, 18],
    ['last day of the window', { date: '2026-06-30' }, 18],
    ['one day beyond the window', { date: '2026-07-01' }, 0],
    ['yesterday', { date: '2026-04-30' }, 0],
    ['a month ago', { date: '2026-04-01' }, 0],
    ['closure', { date: '2026-05-05' }, 0],
    ['day after closure', { date: '2026-05-06' }, 18],
    ['party above maxPartySize', { party: 9 }, 0],
    ['party above every table', { party: 7 }, 0],
    ['party 0', { party: 0 }, 0],
    ['invalid date', { date: '2026-02-30' }, 0],
  ];
  for (const [name, over, n] of cases) assert.equal(availableSlots(R, TABLES, [], q(over)).length, n, name);
});

test('zero-day window: only today', () => {
  const r0 = rules({ bookingWindowDays: 0 });
  assert.equal(availableSlots(r0, TABLES, [], q({})).length, 18);
  assert.deepEqual(availableSlots(r0, TABLES, [], q({ date: '2026-05-02' })), []);
});

test('notice for guests, one interval back for staff walk-ins', () => {
  const now = at('2026-05-01T12:20:00+09:00');
  assert.deepEqual(times(availableSlots(R, TABLES, [], q({ now }))), ['13:30', ...DINNER]);
  assert.deepEqual(times(availableSlots(R, TABLES, [], q({ now, mode: 'staff' }))), [...LUNCH.slice(1), ...DINNER]);
  const exact = at('2026-05-01T17:00:00+09:00');
  assert.deepEqual(times(availableSlots(R, TABLES, [], q({ now: exact }))), DINNER, 'exactly the notice is fine');
});

test('occupied tables remove overlapping slots', () => {
  const occ: Occupancy[] = [
    {
      bookingId: 'b1',
      tableId: 'T1',
      startsAt: at('2026-05-02T19:00:00+09:00'),
      endsAt: at('2026-05-02T20:30:00+09:00'),
    },
    {
      bookingId: 'b2',
      tableId: 'T2',
      startsAt: at('2026-05-02T19:00:00+09:00'),
      endsAt: at('2026-05-02T21:00:00+09:00'),
    },
  ];
  const slots = availableSlots(R, TABLES, occ, q({ date: '2026-05-02' }));
  // party 2 fits T1 and T2; 18:00 ends 19:30 overlaps both; 20:30 fits T1 (ends exactly at 20:30)
  assert.deepEqual(times(slots), [...LUNCH, '20:30']);
  const onlyB1 = availableSlots(R, TABLES, occ, q({ date: '2026-05-02', ignoreBookingId: 'b2' }));
  assert.deepEqual(times(onlyB1), [...LUNCH, ...DINNER]);
  const party5 = availableSlots(R, TABLES, occ, q({ date: '2026-05-02', party: 5 }));
  assert.equal(party5.length, slotGrid(R, '2026-05-02', 5).length, 'T3 is free for 5');
});

test('inactive tables do not count', () => {
  const tables = [table('T1', 1, 2, false)];
  assert.deepEqual(availableSlots(R, tables, [], q({})), []);
});

test('DST night in London keeps the grid rules', () => {
  const r = rules({
    timezone: 'Europe/London',
    slotIntervalMinutes: 30,
    durations: [{ maxParty: 8, minutes: 60 }],
    hours: [{ weekday: 7, opens: '00:00', closes: '04:00' }],
  });
  const slots = availableSlots(r, TABLES, [], q({ date: '2026-03-29', now: at('2026-03-28T12:00:00Z') }));
  assert.deepEqual(times(slots), ['00:00', '00:30', '02:00', '02:30', '03:00']);
});

test('nearestAlternatives: nearest first, ties earlier first, requested excluded', () => {
  const grid = slotGrid(R, '2026-05-01', 2);
  const requested = localToInstant('2026-05-01', 19 * 60, 'Asia/Seoul') as number;
  assert.deepEqual(times(nearestAlternatives(grid, requested)), ['18:45', '19:15', '18:30']);
  assert.deepEqual(times(nearestAlternatives(grid, requested, 1)), ['18:45']);
  const between = localToInstant('2026-05-01', 16 * 60, 'Asia/Seoul') as number;
  assert.deepEqual(times(nearestAlternatives(grid, between)), ['18:00', '18:15', '13:30']);
  const late = grid.filter((s) => s.time >= '20:00');
  assert.deepEqual(times(nearestAlternatives(late, requested)), ['20:00', '20:15', '20:30']);
  assert.deepEqual(nearestAlternatives([], requested), []);
  assert.equal(toIsoUtc(nearestAlternatives(grid, requested)[0].startsAt), '2026-05-01T09:45:00Z');
});
