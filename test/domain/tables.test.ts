import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fittingTables, isTableFree, pickTable } from '../../src/domain/tables.ts';
import type { Occupancy, TableInfo } from '../../src/domain/types.ts';
import { table } from './fixtures.ts';

const labels = (ts: TableInfo[]) => ts.map((t) => t.label);

test('fittingTables: active, seats fit, smallest first, natural label order', () => {
  const tables = [
    table('T10', 2, 4),
    table('T2', 2, 4),
    table('T1', 1, 2),
    table('Bar', 1, 6),
    table('T3', 1, 4),
    table('T4', 2, 4, false),
    table('T9', 3, 8),
  ];
  const cases: [number, string[]][] = [
    [1, ['T1', 'T3', 'Bar']],
    [2, ['T1', 'T3', 'T2', 'T10', 'Bar']],
    [3, ['T3', 'T2', 'T10', 'Bar', 'T9']],
    [7, ['T9']],
    [9, []],
  ];
  for (const [party, want] of cases) assert.deepEqual(labels(fittingTables(tables, party)), want, `party ${party}`);
});

const OCC: Occupancy[] = [{ bookingId: 'b1', tableId: 'A', startsAt: 1000, endsAt: 2000 }];

test('isTableFree uses half-open overlap', () => {
  const cases: [number, number, boolean][] = [
    [0, 1000, true],
    [2000, 3000, true],
    [0, 1001, false],
    [1999, 3000, false],
    [1200, 1800, false],
    [500, 2500, false],
  ];
  for (const [s, e, free] of cases) assert.equal(isTableFree('A', OCC, s, e), free, `${s}-${e}`);
  assert.equal(isTableFree('B', OCC, 1200, 1800), true, 'other table');
  assert.equal(isTableFree('A', OCC, 1200, 1800, 'b1'), true, 'ignoring the booking itself');
});

test('pickTable takes the smallest free fitting table', () => {
  const tables = [table('T10', 2, 2), table('T2', 2, 2), table('T5', 2, 4)];
  const occ: Occupancy[] = [{ bookingId: 'x', tableId: 'T2', startsAt: 0, endsAt: 100 }];
  assert.equal(pickTable(tables, [], 2, 0, 100)?.label, 'T2');
  assert.equal(pickTable(tables, occ, 2, 0, 100)?.label, 'T10');
  assert.equal(pickTable(tables, occ, 2, 0, 100, 'x')?.label, 'T2');
  assert.equal(pickTable(tables, occ, 3, 0, 100)?.label, 'T5');
  assert.equal(pickTable(tables, occ, 5, 0, 100), null);
});
