import crypto from 'node:crypto';
import type { TransferTable } from './tables.ts';

/**
 * One canonical form for a row, whatever the driver returned: integers as JS numbers
 * (mysql2 may give strings for BIGINT, pg int8 strings, SQLite numbers), text as strings,
 * NULL as null. The same data therefore gives the same JSON — and the same checksum and
 * dump bytes — on SQLite, MySQL/MariaDB and PostgreSQL.
 */
export type CanonicalValue = number | string | null;

export class CanonicalError extends Error {}

function canonicalInt(value: unknown, where: string): number {
  const n =
    typeof value === 'number'
      ? value
      : typeof value === 'bigint'
        ? Number(value)
        : typeof value === 'string' && /^-?\d+$/.test(value)
          ? Number(value)
          : NaN;
  if (!Number.isSafeInteger(n))
    throw new CanonicalError(`${where}: ${String(value)} is not a whole number within ±2^53`);
  return n;
}

function canonicalText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  return String(value);
}

/** Row object (as read from any driver) → array of canonical values in catalogue column order. */
export function canonicalRow(table: TransferTable, row: Record<string, unknown>): CanonicalValue[] {
  return table.columns.map(({ name, kind }) => {
    const value = row[name];
    if (value === null || value === undefined) return null;
    return kind === 'int' ? canonicalInt(value, `${table.name}.${name}`) : canonicalText(value);
  });
}

/** Array of values (e.g. from a dump line) → canonical, checking the column count. */
export function canonicalArray(table: TransferTable, columns: string[], values: unknown[]): CanonicalValue[] {
  if (!Array.isArray(values) || values.length !== columns.length) {
    throw new CanonicalError(
      `${table.name}: a row has ${Array.isArray(values) ? values.length : 'no'} values for ${columns.length} columns`,
    );
  }
  const record: Record<string, unknown> = {};
  columns.forEach((column, i) => (record[column] = values[i]));
  return canonicalRow(table, record);
}

/** The canonical array as an object keyed by column, for INSERTs. */
export function rowObject(table: TransferTable, values: CanonicalValue[]): Record<string, CanonicalValue> {
  const out: Record<string, CanonicalValue> = {};
  table.columns.forEach((column, i) => (out[column.name] = values[i]));
  return out;
}

const MOD = 1n << 256n;

/**
 * Order-independent table checksum: the sum, modulo 2^256, of sha256(canonical JSON of each
 * row). Backends sort text keys by different collations (binary on SQLite, utf8mb4_unicode_ci
 * on MySQL, the database locale on PostgreSQL), so a checksum that depended on the order
 * would differ for equal data; this one does not, and any missing, extra or changed row
 * still changes it (primary keys make every row distinct).
 */
export class TableChecksum {
  #sum = 0n;
  rows = 0;

  add(values: CanonicalValue[]): void {
    const digest = crypto.createHash('sha256').update(JSON.stringify(values)).digest('hex');
    this.#sum = (this.#sum + BigInt(`0x${digest}`)) % MOD;
    this.rows += 1;
  }

  hex(): string {
    return this.#sum.toString(16).padStart(64, '0');
  }
}
