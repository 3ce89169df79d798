import type { FieldError } from '../domain/errors.ts';
import type { DiningTablesTable } from '../db/schema.ts';
import { LIMITS } from '../domain/limits.ts';

export const MAX_LABEL_LENGTH = LIMITS.tableLabel;
export const MAX_SEATS = LIMITS.tableSeats;

export interface TableInput {
  label?: string;
  minSeats?: number;
  maxSeats?: number;
  active?: boolean;
  /** e.g. "Terrace" (≤ 32); null or "" clears it */
  area?: string | null;
  bookableOnline?: boolean;
}

export interface TableView {
  id: string;
  label: string;
  minSeats: number;
  maxSeats: number;
  active: boolean;
  area: string | null;
  bookableOnline: boolean;
}

export const MAX_AREA_LENGTH = 32;

export function presentTable(row: DiningTablesTable): TableView {
  return {
    id: row.id,
    label: row.label,
    minSeats: Number(row.min_seats),
    maxSeats: Number(row.max_seats),
    active: Number(row.active) === 1,
    area: row.area ?? null,
    bookableOnline: Number(row.bookable_online ?? 1) === 1,
  };
}

/** A trimmed area, null for none. */
export function normalizeArea(area: string | null | undefined): string | null {
  const text = (area ?? '').trim();
  return text === '' ? null : text;
}

/** The new columns of a table row from its input (area, bookable_online). */
export function capacityColumns(input: TableInput): Pick<DiningTablesTable, 'area' | 'bookable_online'> {
  return { area: normalizeArea(input.area), bookable_online: input.bookableOnline === false ? 0 : 1 };
}

const naturalOrder = new Intl.Collator('en', { numeric: true });

export function sortTables<T extends { label: string }>(tables: T[]): T[] {
  return [...tables].sort((a, b) => naturalOrder.compare(a.label, b.label));
}

function seatsErrors(value: number | undefined, field: string): FieldError[] {
  if (value === undefined) return [];
  return Number.isInteger(value) && value >= 1 && value <= MAX_SEATS
    ? []
    : [{ field, message: `${field} must be a whole number from 1 to ${MAX_SEATS}` }];
}

/** Field errors for a table after applying `input` over `current` (the whole table when creating). */
export function tableErrors(merged: TableInput, prefix = ''): FieldError[] {
  const errors: FieldError[] = [];
  const label = merged.label;
  if (label !== undefined && (label.trim().length === 0 || [...label].length > MAX_LABEL_LENGTH)) {
    errors.push({ field: `${prefix}label`, message: `label must be 1–${MAX_LABEL_LENGTH} characters` });
  }
  errors.push(
    ...seatsErrors(merged.minSeats, `${prefix}minSeats`),
    ...seatsErrors(merged.maxSeats, `${prefix}maxSeats`),
  );
  if (typeof merged.area === 'string' && [...merged.area.trim()].length > MAX_AREA_LENGTH) {
    errors.push({ field: `${prefix}area`, message: `area must be at most ${MAX_AREA_LENGTH} characters` });
  }
  if (
    errors.length === 0 &&
    merged.minSeats !== undefined &&
    merged.maxSeats !== undefined &&
    merged.minSeats > merged.maxSeats
  ) {
    errors.push({ field: `${prefix}minSeats`, message: 'minSeats must not be more than maxSeats' });
  }
  return errors;
}
