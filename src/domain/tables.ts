import type { Occupancy, TableInfo } from './types.ts';

const naturalOrder = new Intl.Collator('en', { numeric: true });

/** Smallest first: maxSeats, then minSeats, then label in natural order (T2 < T10). */
export function compareTables(a: TableInfo, b: TableInfo): number {
  return (
    a.maxSeats - b.maxSeats ||
    a.minSeats - b.minSeats ||
    naturalOrder.compare(a.label, b.label) ||
    naturalOrder.compare(a.id, b.id)
  );
}

export function tableFits(table: TableInfo, party: number): boolean {
  return table.active && table.minSeats <= party && party <= table.maxSeats;
}

/** Active tables that seat the party, smallest first. */
export function fittingTables(tables: readonly TableInfo[], party: number): TableInfo[] {
  return tables.filter((t) => tableFits(t, party)).sort(compareTables);
}

/** Half-open interval overlap: a.start < b.end && b.start < a.end. */
export function overlaps(aStart: number, aEnd: number, bStart: number, bEnd: number): boolean {
  return aStart < bEnd && bStart < aEnd;
}

/** True when no occupancy on the table overlaps [startsAt, endsAt), ignoring one booking. */
export function isTableFree(
  tableId: string,
  occupancy: readonly Occupancy[],
  startsAt: number,
  endsAt: number,
  ignoreBookingId?: string,
): boolean {
  return !occupancy.some(
    (o) => o.tableId === tableId && o.bookingId !== ignoreBookingId && overlaps(o.startsAt, o.endsAt, startsAt, endsAt),
  );
}

/** The smallest free fitting table, or null. */
export function pickTable(
  tables: readonly TableInfo[],
  occupancy: readonly Occupancy[],
  party: number,
  startsAt: number,
  endsAt: number,
  ignoreBookingId?: string,
): TableInfo | null {
  return (
    fittingTables(tables, party).find((t) => isTableFree(t.id, occupancy, startsAt, endsAt, ignoreBookingId)) ?? null
  );
}
