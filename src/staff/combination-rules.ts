import type { FieldError } from '../domain/errors.ts';
import { combinationLabel, MAX_COMBINATION_TABLES, MIN_COMBINATION_TABLES, sortLabels } from '../domain/seating.ts';
import type { CombinationWithMembers } from '../db/queries/combinations.ts';

export const MAX_COMBINATION_SEATS = 400;

export interface CombinationInput {
  tableIds?: string[];
  minSeats?: number;
  maxSeats?: number;
  active?: boolean;
}

export interface CombinationView {
  id: string;
  label: string;
  tables: { id: string; label: string }[];
  minSeats: number;
  maxSeats: number;
  active: boolean;
}

export function presentCombination(row: CombinationWithMembers, labelOf: ReadonlyMap<string, string>): CombinationView {
  const labels = sortLabels(row.tableIds.map((id) => labelOf.get(id) ?? ''));
  const tables = labels.map((label) => ({ id: row.tableIds.find((id) => labelOf.get(id) === label) ?? '', label }));
  return {
    id: row.id,
    label: combinationLabel(labels),
    tables,
    minSeats: Number(row.min_seats),
    maxSeats: Number(row.max_seats),
    active: Number(row.active) === 1,
  };
}

function seatsErrors(value: number | undefined, field: string): FieldError[] {
  if (value === undefined) return [];
  return Number.isInteger(value) && value >= 1 && value <= MAX_COMBINATION_SEATS
    ? []
    : [{ field, message: `${field} must be a whole number from 1 to ${MAX_COMBINATION_SEATS}` }];
}

/** Field errors for a whole combination (after a patch is applied over the stored one). */
export function combinationErrors(merged: CombinationInput, tableIdsOfRestaurant: ReadonlySet<string>): FieldError[] {
  const errors: FieldError[] = [];
  const ids = merged.tableIds ?? [];
  if (ids.length < MIN_COMBINATION_TABLES || ids.length > MAX_COMBINATION_TABLES) {
    errors.push({
      field: 'tableIds',
      message: `tableIds must name ${MIN_COMBINATION_TABLES}–${MAX_COMBINATION_TABLES} tables`,
    });
  } else if (new Set(ids).size !== ids.length) {
    errors.push({ field: 'tableIds', message: 'tableIds must not name a table twice' });
  } else if (ids.some((id) => !tableIdsOfRestaurant.has(id))) {
    errors.push({ field: 'tableIds', message: 'tableIds must be tables of this restaurant' });
  }
  errors.push(...seatsErrors(merged.minSeats, 'minSeats'), ...seatsErrors(merged.maxSeats, 'maxSeats'));
  if (
    merged.minSeats !== undefined &&
    merged.maxSeats !== undefined &&
    errors.length === 0 &&
    merged.minSeats > merged.maxSeats
  ) {
    errors.push({ field: 'minSeats', message: 'minSeats must not be more than maxSeats' });
  }
  return errors;
}

export function sameTables(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && [...a].sort().join() === [...b].sort().join();
}
