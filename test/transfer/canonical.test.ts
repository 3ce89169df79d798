import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { canonicalArray, canonicalRow, CanonicalError, TableChecksum } from '../../src/db/transfer/canonical.ts';
import { findTable, TRANSFER_TABLES } from '../../src/db/transfer/tables.ts';
import { rowsPerStatement } from '../../src/db/transfer/write-rows.ts';

const limits = findTable('rate_limits')!;
const outbox = findTable('email_outbox')!;

describe('canonical rows', () => {
  it('gives the same values whatever the driver returned', () => {
    const fromSqlite = canonicalRow(limits, {
      bucket: 'b',
      window_start: 1795521600000,
      hits: 3,
      expires_at: 1795521660000,
    });
    const fromMysql = canonicalRow(limits, {
      bucket: 'b',
      window_start: '1795521600000',
      hits: 3,
      expires_at: 1795521660000n,
    });
    assert.deepEqual(fromMysql, fromSqlite);
    assert.deepEqual(
      canonicalRow(limits, {
        bucket: Buffer.from('b'),
        window_start: 1795521600000,
        hits: 3,
        expires_at: 1795521660000,
      }),
      fromSqlite,
    );
  });

  it('keeps NULLs, unicode and refuses integers that a double cannot hold', () => {
    const row = canonicalRow(outbox, {
      restaurant_id: 'r',
      id: 'i',
      booking_id: null,
      kind: 'k',
      to_address: 'a',
      subject: '예약 🍽️',
      body_text: '',
      ics: undefined,
      status: 's',
      attempts: 0,
      next_attempt_at: 0,
      created_at: 1,
    });
    assert.equal(row[2], null);
    assert.equal(row[5], '예약 🍽️');
    assert.equal(row[7], null);
    assert.throws(
      () => canonicalRow(limits, { bucket: 'b', window_start: '9007199254740993', hits: 1, expires_at: 1 }),
      CanonicalError,
    );
    assert.throws(() => canonicalArray(limits, ['bucket'], ['b', 1]), /2 values for 1 columns/);
  });

  it('orders dump columns by the catalogue, whatever order the dump lists them in', () => {
    assert.deepEqual(canonicalArray(limits, ['hits', 'bucket', 'expires_at', 'window_start'], [3, 'b', 2, 1]), [
      'b',
      1,
      3,
      2,
    ]);
  });

  it('checksums do not depend on row order, but on every value', () => {
    const rows = [
      ['a', 1, 1, 1],
      ['b', 2, 2, 2],
      ['c', 3, 3, 3],
    ];
    const sum = (list: (string | number)[][]) => {
      const checksum = new TableChecksum();
      for (const r of list) checksum.add(r);
      return checksum.hex();
    };
    assert.equal(sum(rows), sum([...rows].reverse()));
    assert.notEqual(
      sum(rows),
      sum([
        ['a', 1, 1, 1],
        ['b', 2, 2, 2],
        ['c', 3, 3, 4],
      ]),
    );
    assert.notEqual(sum(rows), sum(rows.slice(1)));
  });

  it("sizes multi-row INSERTs under each backend's bind-parameter limit", () => {
    for (const table of TRANSFER_TABLES) {
      assert.ok(rowsPerStatement('sqlite', table, 100_000) * table.columns.length <= 32_766);
      assert.ok(rowsPerStatement('postgres', table, 100_000) * table.columns.length <= 65_535);
      assert.equal(rowsPerStatement('mysql', table, 10), 10);
    }
  });
});
