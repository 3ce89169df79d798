import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  combinationLabel,
  expandClaims,
  indexOccupancy,
  pickSeating,
  seatingsFor,
  type CombinationInfo,
} from '../../src/domain/seating.ts';
import type { Occupancy, TableInfo } from '../../src/domain/types.ts';
import { table } from './fixtures.ts';

function combo(id: string, tableIds: string[], minSeats: number, maxSeats: number, active = true): CombinationInfo {
  return { id, label: combinationLabel(tableIds), tableIds, minSeats, maxSeats, active };
}

const TABLES: TableInfo[] = [table('T1', 1, 2), table('T2', 2, 4), table('T3', 2, 4), table('T10', 4, 6)];
// T2 is in two combinations; T2+T3 and T2+T10 overlap each other on T2.
const COMBOS = [
  combo('C23', ['T3', 'T2'], 5, 8),
  combo('C210', ['T2', 'T10'], 6, 10),
  combo('C123', ['T1', 'T2', 'T3'], 5, 8),
  combo('C12', ['T1', 'T2'], 3, 6),
];
const ALL = { onlineOnly: false };

test('combinationLabel joins labels in natural order', () => {
  assert.equal(combinationLabel(['T10', 'T2', 'T1']), 'T1+T2+T10');
  assert.equal(combinationLabel(['B', 'a']), 'a+B');
});

test('seatingsFor: single tables first (§4 rule), then combinations by maxSeats, fewest tables, label', () => {
  const cases: [number, string[]][] = [
    [1, ['T1']],
    [2, ['T1', 'T2', 'T3']],
    [3, ['T2', 'T3', 'C12']],
    [4, ['T2', 'T3', 'T10', 'C12']],
    [5, ['T10', 'C12', 'C23', 'C123']],
    [6, ['T10', 'C12', 'C23', 'C123', 'C210']],
    [7, ['C23', 'C123', 'C210']],
    [8, ['C23', 'C123', 'C210']],
    [9, ['C210']],
    [10, ['C210']],
    [11, []],
  ];
  for (const [party, want] of cases) {
    assert.deepEqual(
      seatingsFor(TABLES, COMBOS, party, ALL).map((s) => s.id),
      want,
      `party ${party}`,
    );
  }
});

test('seatingsFor: combinations need every table usable; inactive ones never count', () => {
  const tables = [...TABLES.slice(0, 3), { ...table('T10', 4, 6), bookableOnline: false }];
  assert.deepEqual(
    seatingsFor(tables, COMBOS, 9, ALL).map((s) => s.id),
    ['C210'],
    'staff see offline tables',
  );
  assert.deepEqual(seatingsFor(tables, COMBOS, 9, { onlineOnly: true }), [], 'guests do not');
  const inactive = [table('T1', 1, 2), table('T2', 2, 4, false), table('T3', 2, 4)];
  assert.deepEqual(seatingsFor(inactive, COMBOS, 7, ALL), []);
  assert.deepEqual(seatingsFor(TABLES, [combo('X', ['T2', 'T3'], 5, 8, false)], 7, ALL), []);
});

test('seatingsFor: an area keeps only its tables and combinations wholly inside it', () => {
  const tables = TABLES.map((t) => ({ ...t, area: t.id === 'T10' ? 'Terrace' : 'Inside' }));
  assert.deepEqual(
    seatingsFor(tables, COMBOS, 7, { onlineOnly: false, area: 'inside' }).map((s) => s.id),
    ['C23', 'C123'],
  );
  assert.deepEqual(seatingsFor(tables, COMBOS, 7, { onlineOnly: false, area: 'Terrace' }), []);
  assert.deepEqual(
    seatingsFor(tables, COMBOS, 5, { onlineOnly: false, area: 'Terrace' }).map((s) => s.id),
    ['T10'],
  );
});

test('pickSeating: a combination is free only when each of its tables is free for the whole time', () => {
  const seatings = seatingsFor(TABLES, COMBOS, 7, ALL);
  const occ = (tableId: string, s: number, e: number): Occupancy => ({
    bookingId: `b-${tableId}`,
    tableId,
    startsAt: s,
    endsAt: e,
  });
  const cases: [Occupancy[], string | null][] = [
    [[], 'C23'],
    [[occ('T3', 0, 50)], 'C210'],
    [[occ('T3', 100, 200)], 'C23'],
    [[occ('T3', 99, 200)], 'C210'],
    [[occ('T2', 50, 60)], null],
    [[occ('T3', 0, 10), occ('T10', 90, 100)], null],
    [[occ('T1', 0, 10)], 'C23'],
  ];
  for (const [occupancy, want] of cases) {
    assert.equal(pickSeating(seatings, indexOccupancy(occupancy), 0, 100)?.id ?? null, want, JSON.stringify(occupancy));
  }
  assert.equal(
    pickSeating(seatings, indexOccupancy([occ('T2', 0, 100)], 'b-T2'), 0, 100)?.id,
    'C23',
    'ignoring own booking',
  );
});

test('expandClaims: a combination claim holds every member table', () => {
  const members = new Map([['C23', ['T2', 'T3']]]);
  const out = expandClaims(
    [
      { ownerId: 'b1', tableId: 'T2', combinationId: 'C23', startsAt: 0, endsAt: 10 },
      { ownerId: 'b2', tableId: 'T1', combinationId: null, startsAt: 0, endsAt: 10 },
    ],
    (id) => members.get(id),
  );
  assert.deepEqual(
    out.map((o) => `${o.bookingId}:${o.tableId}`),
    ['b1:T2', 'b1:T3', 'b2:T1'],
  );
});
