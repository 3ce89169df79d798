import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CELL_MS, occupancyCells } from '../../src/domain/occupancy-cells.ts';
import { newReference, normalizeReference } from '../../src/domain/reference.ts';

const fixed = (bytes: number[]) => (n: number) => {
  assert.equal(n, 5);
  return Uint8Array.from(bytes);
};

test('newReference encodes 40 bits as 8 Crockford characters', () => {
  const cases: [number[], string][] = [
    [[0, 0, 0, 0, 0], '00000000'],
    [[255, 255, 255, 255, 255], 'ZZZZZZZZ'],
    [[0, 0, 0, 0, 1], '00000001'],
    [[0, 0, 0, 0, 31], '0000000Z'],
    [[0x84, 0x21, 0x08, 0x42, 0x10], 'GGGGGGGG'],
    [[0x08, 0x86, 0x42, 0x98, 0xe8], '12345678'],
  ];
  for (const [bytes, want] of cases) assert.equal(newReference(fixed(bytes)), want, want);
});

test('normalizeReference', () => {
  const cases: [string, string | null][] = [
    ['ABCD1234', 'ABCD1234'],
    ['abcd-1234', 'ABCD1234'],
    ['  abcd-1234 ', 'ABCD1234'],
    ['oil0-OILO', '0110-0110'.replace('-', '')],
    ['ABCD123', null],
    ['ABCD12345', null],
    ['ABCD123U', null],
    ['ABCD12!4', null],
    ['', null],
  ];
  for (const [input, want] of cases) assert.equal(normalizeReference(input), want, input);
});

test('occupancyCells covers [start, end) in 5-minute cells', () => {
  assert.equal(CELL_MS, 300_000);
  const base = 1_000 * CELL_MS;
  assert.deepEqual(occupancyCells(base, base + 3 * CELL_MS), [1000, 1001, 1002]);
  assert.deepEqual(occupancyCells(base, base + CELL_MS), [1000]);
  assert.deepEqual(occupancyCells(base, base), []);
  assert.equal(occupancyCells(Date.parse('2026-05-01T10:00:00Z'), Date.parse('2026-05-01T11:30:00Z')).length, 18);
  assert.equal(
    occupancyCells(Date.parse('2026-05-01T10:00:00Z'), Date.parse('2026-05-01T11:30:00Z'))[0],
    Math.floor(Date.parse('2026-05-01T10:00:00Z') / CELL_MS),
  );
});
