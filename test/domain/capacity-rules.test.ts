import { test } from 'node:test';
import assert from 'node:assert/strict';
import { availableSlots } from '../../src/domain/availability.ts';
import { holdExpiresAt, holdIsLive, holdMinutesLeft, holdMismatches } from '../../src/domain/holds.ts';
import { noSlotsReason } from '../../src/domain/no-slots-reason.ts';
import { coversByStart, pacingAllows } from '../../src/domain/pacing.ts';
import { slotGrid } from '../../src/domain/slot-grid.ts';
import { combinationLabel } from '../../src/domain/seating.ts';
import { at, rules, table } from './fixtures.ts';

test('pacingAllows at, below and above the limit; null means no limit', () => {
  const cases: [number | null, number, number, boolean][] = [
    [null, 1000, 8, true],
    [10, 0, 10, true],
    [10, 6, 4, true],
    [10, 6, 5, false],
    [10, 10, 1, false],
    [1, 0, 1, true],
    [1, 0, 2, false],
  ];
  for (const [max, covers, party, want] of cases)
    assert.equal(pacingAllows(max, covers, party), want, `${max} ${covers}+${party}`);
});

test('coversByStart sums parties per start instant, leaving one owner out', () => {
  const entries = [
    { ownerId: 'a', startsAt: 1, party: 2 },
    { ownerId: 'b', startsAt: 1, party: 3 },
    { ownerId: 'c', startsAt: 2, party: 4 },
  ];
  assert.deepEqual(
    [...coversByStart(entries)],
    [
      [1, 5],
      [2, 4],
    ],
  );
  assert.deepEqual(
    [...coversByStart(entries, 'b')],
    [
      [1, 2],
      [2, 4],
    ],
  );
});

test('holds: live before expiry, expired at and after it; minutes left rounded up', () => {
  const now = at('2026-12-01T10:00:00Z');
  const hold = { date: '2026-12-02', time: '19:00', party: 4, expiresAt: holdExpiresAt(now, 5) };
  assert.equal(holdIsLive(hold, now), true);
  assert.equal(holdIsLive(hold, hold.expiresAt - 1), true);
  assert.equal(holdIsLive(hold, hold.expiresAt), false);
  assert.equal(holdIsLive(hold, hold.expiresAt + 1), false);
  assert.equal(holdMinutesLeft(hold, now), 5);
  assert.equal(holdMinutesLeft(hold, now + 61_000), 4);
  assert.equal(holdMinutesLeft(hold, hold.expiresAt), 0);
  assert.deepEqual(holdMismatches(hold, { date: '2026-12-02', time: '19:00', party: 4 }), []);
  assert.deepEqual(
    holdMismatches(hold, { date: '2026-12-03', time: '19:15', party: 5 }).map((e) => e.field),
    ['date', 'time', 'party'],
  );
});

test('noSlotsReason: closed, past, beyond_window, full', () => {
  const now = at('2026-12-01T09:00:00+09:00');
  const r = rules({
    closures: ['2026-12-05'],
    hours: [1, 2, 3, 4, 5].map((weekday) => ({ weekday, opens: '18:00', closes: '22:00' })),
  });
  const reason = (date: string, when = now) => noSlotsReason(r, date, when, slotGrid(r, date, 2));
  assert.equal(reason('2026-12-05'), 'closed', 'closure');
  assert.equal(reason('2026-12-06'), 'closed', 'Sunday: no service');
  assert.equal(reason('2026-11-20'), 'past');
  assert.equal(reason('2026-11-30'), 'past', 'yesterday');
  assert.equal(reason('2026-12-01', at('2026-12-01T21:30:00+09:00')), 'past', 'every start of today has passed');
  assert.equal(reason('2027-03-01'), 'beyond_window');
  assert.equal(reason('2026-12-02'), 'full');
});

test('availableSlots: combinations when no single table is free; pacing leaves full starts out for guests only', () => {
  const now = at('2026-12-01T09:00:00+09:00');
  const r = rules({ maxCoversPerSlot: 8, hours: [{ weekday: 3, opens: '18:00', closes: '21:00' }] });
  const tables = [table('T1', 2, 4), table('T2', 2, 4)];
  const combinations = [
    { id: 'C', label: combinationLabel(['T1', 'T2']), tableIds: ['T1', 'T2'], minSeats: 5, maxSeats: 8, active: true },
  ];
  const q = { date: '2026-12-02', party: 6, now, combinations };
  const all = availableSlots(r, tables, [], q).map((s) => s.time);
  assert.deepEqual(all, ['18:00', '18:15', '18:30']);
  const start = availableSlots(r, tables, [], q)[0].startsAt;
  const covers = new Map([[start, 3]]);
  assert.deepEqual(
    availableSlots(r, tables, [], { ...q, covers }).map((s) => s.time),
    ['18:15', '18:30'],
    'guest: 3 + 6 > 8',
  );
  assert.deepEqual(
    availableSlots(r, tables, [], { ...q, covers, mode: 'staff' }).map((s) => s.time),
    all,
    'staff may exceed',
  );
  const occ = [{ bookingId: 'b', tableId: 'T2', startsAt: start, endsAt: start + 60_000 }];
  assert.deepEqual(
    availableSlots(r, tables, occ, q).map((s) => s.time),
    ['18:15', '18:30'],
    'T2 busy at 18:00 blocks the combination',
  );
  assert.deepEqual(availableSlots(r, tables, [], { ...q, combinations: [] }), [], 'no combination, no table');
});
