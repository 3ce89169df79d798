import { compareTables, tableFits } from './tables.ts';
import type { Occupancy, TableInfo } from './types.ts';

const naturalOrder = new Intl.Collator('en', { numeric: true });

/** Tables pushed together: 2–4 tables of one restaurant seating minSeats..maxSeats. */
export interface CombinationInfo {
  id: string;
  /** member labels in natural order joined by "+" (combinationLabel) */
  label: string;
  tableIds: string[];
  minSeats: number;
  maxSeats: number;
  active: boolean;
}

/** Where a party sits: one table, or every table of a combination. */
export interface Seating {
  /** the table id, or the combination id */
  id: string;
  combinationId: string | null;
  /** member table ids; one entry for a single table */
  tableIds: string[];
  label: string;
  /** member labels in natural order */
  tableLabels: string[];
}

/** Which tables a booking may use: guests only online ones; optionally one area. */
export interface SeatingFilter {
  onlineOnly: boolean;
  area?: string;
}

export const MIN_COMBINATION_TABLES = 2;
export const MAX_COMBINATION_TABLES = 4;

export function sortLabels(labels: readonly string[]): string[] {
  return [...labels].sort((a, b) => naturalOrder.compare(a, b));
}

/** "T1+T2": the member labels in natural order joined by "+". */
export function combinationLabel(labels: readonly string[]): string {
  return sortLabels(labels).join('+');
}

/** Smallest first: maxSeats, then fewest tables, then label in natural order. */
export function compareCombinations(a: CombinationInfo, b: CombinationInfo): number {
  return (
    a.maxSeats - b.maxSeats ||
    a.tableIds.length - b.tableIds.length ||
    naturalOrder.compare(a.label, b.label) ||
    naturalOrder.compare(a.id, b.id)
  );
}

export function sameArea(table: TableInfo, area: string | undefined): boolean {
  return area === undefined || (table.area ?? '').toLowerCase() === area.toLowerCase();
}

function tableUsable(table: TableInfo, filter: SeatingFilter): boolean {
  return table.active && (!filter.onlineOnly || table.bookableOnline !== false) && sameArea(table, filter.area);
}

export function tableSeating(table: TableInfo): Seating {
  return { id: table.id, combinationId: null, tableIds: [table.id], label: table.label, tableLabels: [table.label] };
}

export function combinationSeating(combination: CombinationInfo, tablesById: ReadonlyMap<string, TableInfo>): Seating {
  const labels = sortLabels(combination.tableIds.map((id) => tablesById.get(id)?.label ?? ''));
  return {
    id: combination.id,
    combinationId: combination.id,
    tableIds: [...combination.tableIds],
    label: combination.label,
    tableLabels: labels,
  };
}

/**
 * Every place a party may sit under the filter, in assignment order (SPEC §9.1): fitting
 * single tables smallest first (§4 rule), then fitting combinations smallest first. A
 * combination is usable when it is active and every one of its tables is usable.
 */
export function seatingsFor(
  tables: readonly TableInfo[],
  combinations: readonly CombinationInfo[],
  party: number,
  filter: SeatingFilter,
): Seating[] {
  const usable = tables.filter((t) => tableUsable(t, filter));
  const singles = usable
    .filter((t) => tableFits(t, party))
    .sort(compareTables)
    .map(tableSeating);
  const byId = new Map(usable.map((t) => [t.id, t]));
  const combos = combinations
    .filter((c) => c.active && c.minSeats <= party && party <= c.maxSeats && c.tableIds.every((id) => byId.has(id)))
    .sort(compareCombinations)
    .map((c) => combinationSeating(c, byId));
  return [...singles, ...combos];
}

/** Occupied intervals per table, for cheap "is this table free then" checks. */
export type OccupancyIndex = ReadonlyMap<string, readonly Occupancy[]>;

export function indexOccupancy(occupancy: readonly Occupancy[], ignoreOwnerId?: string): OccupancyIndex {
  const index = new Map<string, Occupancy[]>();
  for (const o of occupancy) {
    if (ignoreOwnerId !== undefined && o.bookingId === ignoreOwnerId) continue;
    const list = index.get(o.tableId);
    if (list) list.push(o);
    else index.set(o.tableId, [o]);
  }
  return index;
}

function tableFreeIn(index: OccupancyIndex, tableId: string, startsAt: number, endsAt: number): boolean {
  const list = index.get(tableId);
  if (!list) return true;
  for (const o of list) if (o.startsAt < endsAt && startsAt < o.endsAt) return false;
  return true;
}

/** A seating is free when each of its tables is free for the whole of [startsAt, endsAt). */
export function seatingFree(index: OccupancyIndex, seating: Seating, startsAt: number, endsAt: number): boolean {
  return seating.tableIds.every((id) => tableFreeIn(index, id, startsAt, endsAt));
}

/** The first free seating in assignment order, or null. */
export function pickSeating(
  seatings: readonly Seating[],
  index: OccupancyIndex,
  startsAt: number,
  endsAt: number,
): Seating | null {
  return seatings.find((s) => seatingFree(index, s, startsAt, endsAt)) ?? null;
}

/** What holds tables: a booking or hold on one table, or on every table of a combination. */
export interface Claim {
  ownerId: string;
  tableId: string;
  combinationId: string | null;
  startsAt: number;
  endsAt: number;
}

/** One Occupancy per table a claim holds (a combination holds all its member tables). */
export function expandClaims(
  claims: readonly Claim[],
  membersOf: (combinationId: string) => readonly string[] | undefined,
): Occupancy[] {
  const out: Occupancy[] = [];
  for (const c of claims) {
    const members = c.combinationId ? membersOf(c.combinationId) : undefined;
    for (const tableId of members && members.length > 0 ? members : [c.tableId]) {
      out.push({ bookingId: c.ownerId, tableId, startsAt: c.startsAt, endsAt: c.endsAt });
    }
  }
  return out;
}
