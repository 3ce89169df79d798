import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { listBookingsForDate, type BookingRow } from '../db/queries/bookings.ts';
import { validationError } from '../domain/errors.ts';
import { isIsoDate } from '../domain/clock-time.ts';
import { sortLabels } from '../domain/seating.ts';
import { listTableRows } from '../db/queries/staff-tables.ts';
import { listCombinationRows } from '../db/queries/combinations.ts';
import type { Services } from '../services/services.ts';
import { present } from '../bookings/managed-booking.ts';
import { presentBooking, type BookingJson } from '../bookings/presenter.ts';
import { applyStaffPatch, type StaffBookingPatch } from './update-booking-as-staff.ts';

export type StaffBookingJson = BookingJson & { tableId: string; table: { id: string; label: string } };

/** Staff see the table's id, or the combination's id for a booking on a combination (what PATCH tableId takes). */
function withTable(json: BookingJson, row: Pick<BookingRow, 'table_id' | 'combination_id'>): StaffBookingJson {
  const id = row.combination_id ?? row.table_id;
  return { ...json, tableId: id, table: { ...json.table, id } };
}

/** The day's bookings by service date, in start order, with their tables. */
export async function listDayBookings(
  db: Kysely<DB>,
  restaurant: { id: string; slug: string; timezone: string },
  date: string,
): Promise<StaffBookingJson[]> {
  if (!isIsoDate(date)) throw validationError('date', 'date must be a real date written YYYY-MM-DD');
  const [rows, tables, combinations] = await Promise.all([
    listBookingsForDate(db, restaurant.id, date),
    listTableRows(db, restaurant.id),
    listCombinationRows(db, restaurant.id),
  ]);
  const labelOf = new Map(tables.map((t) => [t.id, t.label]));
  const membersOf = new Map(combinations.map((c) => [c.id, sortLabels(c.tableIds.map((id) => labelOf.get(id) ?? ''))]));
  const seating = (row: BookingRow) => {
    const labels = row.combination_id ? membersOf.get(row.combination_id) : undefined;
    return labels ? { label: labels.join('+'), tableLabels: labels } : (labelOf.get(row.table_id) ?? '');
  };
  return rows.map((row) => withTable(presentBooking(row, restaurant, seating(row)), row));
}

/** Staff PATCH: every part validated first, then all of it applied in one transaction (SPEC §3). */
export async function updateBookingAsStaff(
  deps: Services,
  restaurant: { id: string; slug: string },
  reference: string,
  patch: StaffBookingPatch,
): Promise<StaffBookingJson> {
  const { row, ctx } = await applyStaffPatch(deps, restaurant, reference, patch);
  return withTable(present({ row, ctx }), row);
}
