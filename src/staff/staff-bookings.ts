import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import {
  findBooking,
  listBookingsForDate,
  releaseCells,
  updateBookingIfUnchanged,
  type BookingRow,
} from '../db/queries/bookings.ts';
import { claimTableCells, deleteExpiredHolds } from '../db/queries/claims.ts';
import { isRetryableTransactionError, isUniqueViolation } from '../db/errors.ts';
import { DomainError, validationError } from '../domain/errors.ts';
import { isIsoDate } from '../domain/clock-time.ts';
import { normalizeReference } from '../domain/reference.ts';
import { assertTransition } from '../domain/status-rules.ts';
import { seatingsFor, sortLabels, type Seating } from '../domain/seating.ts';
import { listTableRows } from '../db/queries/staff-tables.ts';
import { listCombinationRows } from '../db/queries/combinations.ts';
import type { BookingStatus } from '../domain/types.ts';
import type { Services } from '../services/services.ts';
import { changeBooking, type BookingChanges } from '../bookings/change-booking.ts';
import { cancelBooking } from '../bookings/cancel-booking.ts';
import { present, type ManagedBooking } from '../bookings/managed-booking.ts';
import { presentBooking, type BookingJson } from '../bookings/presenter.ts';
import { RetryTransaction, runTransaction } from '../db/run-transaction.ts';
import { bookingWritten } from '../bookings/booking-written.ts';
import type { RestaurantContext } from '../services/restaurant-context.ts';

export type StaffBookingJson = BookingJson & { tableId: string; table: { id: string; label: string } };

export interface StaffBookingPatch extends BookingChanges {
  status?: BookingStatus;
  tableId?: string;
}

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

async function loadManaged(
  deps: Services,
  slug: string,
  restaurantId: string,
  reference: string,
): Promise<ManagedBooking> {
  const normalized = normalizeReference(reference);
  const row = normalized ? await findBooking(deps.db, restaurantId, normalized) : undefined;
  if (!row) throw new DomainError('not_found', `There is no booking ${reference} at this restaurant.`);
  return { row, ctx: await deps.cache.load(deps.db, slug) };
}

/** The table or combination `tableId` names, if it seats the party (staff: every active table); else 422. */
function seatingNamed(ctx: RestaurantContext, tableId: string, party: number): Seating {
  const seating = seatingsFor(ctx.tables, ctx.combinations, party, { onlineOnly: false }).find((s) => s.id === tableId);
  if (seating) return seating;
  const table = ctx.tables.find((t) => t.id === tableId);
  const combination = ctx.combinations.find((c) => c.id === tableId);
  if (!table && !combination)
    throw validationError('tableId', 'tableId is not a table or combination of this restaurant');
  const what = table ? `table ${table.label}` : `combination ${combination!.label}`;
  const inactive = (table && !table.active) || (combination && !combination.active) ? ' (it is inactive)' : '';
  throw validationError('tableId', `${what} does not fit a party of ${party}${inactive}`);
}

/** Moves a live booking onto another table or combination: 422 when it does not fit, 409 when taken then. */
async function reassignTable(deps: Services, m: ManagedBooking, tableId: string): Promise<void> {
  const seating = seatingNamed(m.ctx, tableId, Number(m.row.party));
  const now = deps.clock();
  try {
    await runTransaction(
      deps.db,
      async (trx) => {
        const current = await findBooking(trx, m.row.restaurant_id, m.row.reference);
        if (!current) throw new DomainError('not_found', 'The booking no longer exists.');
        if ((current.combination_id ?? current.table_id) === tableId) return;
        if (current.status !== 'confirmed' && current.status !== 'seated') {
          throw new DomainError('conflict', `A ${current.status} booking holds no table to move.`);
        }
        await deleteExpiredHolds(trx, current.restaurant_id, now);
        const next = {
          table_id: seating.tableIds[0],
          combination_id: seating.combinationId,
          updated_at: Math.max(now, Number(current.updated_at) + 1),
        };
        await releaseCells(trx, current.restaurant_id, current.id);
        if (!(await updateBookingIfUnchanged(trx, current, next))) throw new RetryTransaction();
        const owner = { bookingId: current.id };
        await claimTableCells(trx, {
          restaurantId: current.restaurant_id,
          tableIds: seating.tableIds,
          startsAt: Number(current.starts_at),
          endsAt: Number(current.ends_at),
          owner,
        });
        await bookingWritten(
          trx,
          { restaurant: m.ctx.row, linkKey: deps.linkKey, now },
          { kind: 'touched', row: current },
        );
      },
      isRetryableTransactionError,
    );
  } catch (error) {
    if (isUniqueViolation(error)) {
      throw new DomainError(
        'conflict',
        `${seating.combinationId ? 'Combination' : 'Table'} ${seating.label} is taken at that time.`,
        { alternatives: [] },
      );
    }
    throw error;
  }
}

/** Applies a status change allowed by the status rules; cancelled and no_show free the table. */
async function changeStatus(deps: Services, m: ManagedBooking, to: BookingStatus): Promise<void> {
  const ctxOf = (row: BookingRow) => ({
    now: deps.clock(),
    serviceDate: row.service_date,
    startsAt: Number(row.starts_at),
    endsAt: Number(row.ends_at),
    zone: m.ctx.rules.timezone,
  });
  assertTransition(m.row.status as BookingStatus, to, ctxOf(m.row));
  if (to === 'cancelled') {
    await cancelBooking(deps, m, 'staff');
    return;
  }
  await runTransaction(deps.db, async (trx) => {
    const current = await findBooking(trx, m.row.restaurant_id, m.row.reference);
    if (!current) throw new DomainError('not_found', 'The booking no longer exists.');
    assertTransition(current.status as BookingStatus, to, ctxOf(current));
    const next = { status: to, updated_at: Math.max(deps.clock(), Number(current.updated_at) + 1) };
    if (!(await updateBookingIfUnchanged(trx, current, next))) throw new RetryTransaction();
    if (to === 'no_show') await releaseCells(trx, current.restaurant_id, current.id);
    await bookingWritten(
      trx,
      { restaurant: m.ctx.row, linkKey: deps.linkKey, now: deps.clock() },
      { kind: 'ended', row: current },
    );
  });
}

/** Staff PATCH: date/time/party/notes (staff rules), then table, then status. */
export async function updateBookingAsStaff(
  deps: Services,
  restaurant: { id: string; slug: string },
  reference: string,
  patch: StaffBookingPatch,
): Promise<StaffBookingJson> {
  let m = await loadManaged(deps, restaurant.slug, restaurant.id, reference);
  const { status, tableId, ...changes } = patch;
  if (Object.values(changes).some((v) => v !== undefined)) {
    await changeBooking(deps, m, changes, 'staff');
    m = await loadManaged(deps, restaurant.slug, restaurant.id, m.row.reference);
  }
  if (tableId !== undefined) {
    await reassignTable(deps, m, tableId);
    m = await loadManaged(deps, restaurant.slug, restaurant.id, m.row.reference);
  }
  if (status !== undefined && status !== m.row.status) {
    await changeStatus(deps, m, status);
    m = await loadManaged(deps, restaurant.slug, restaurant.id, m.row.reference);
  }
  return withTable(present(m), m.row);
}
