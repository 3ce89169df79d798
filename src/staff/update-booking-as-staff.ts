import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { findBooking, releaseCells, updateBookingIfUnchanged, type BookingRow } from '../db/queries/bookings.ts';
import { claimTableCells, deleteExpiredHolds } from '../db/queries/claims.ts';
import { isRetryableTransactionError, isUniqueViolation } from '../db/errors.ts';
import { resolveStart } from '../domain/booking-window.ts';
import { DomainError, validationError } from '../domain/errors.ts';
import { normalizeReference } from '../domain/reference.ts';
import { assertTransition } from '../domain/status-rules.ts';
import { seatingsFor, type Seating } from '../domain/seating.ts';
import type { BookingStatus, Slot } from '../domain/types.ts';
import type { Services } from '../services/services.ts';
import { gridFor, type RestaurantContext } from '../services/restaurant-context.ts';
import { checkNotes, type BookingChanges } from '../bookings/change-booking.ts';
import { findFreeSeating, slotUnavailable } from '../bookings/assign-table.ts';
import { enqueueBookingEmail } from '../bookings/enqueue-booking-email.ts';
import { present } from '../bookings/managed-booking.ts';
import { RetryTransaction, runTransaction } from '../db/run-transaction.ts';
import { bookingWritten } from '../bookings/booking-written.ts';

export interface StaffBookingPatch extends BookingChanges {
  status?: BookingStatus;
  tableId?: string;
}

/** What a staff PATCH will do, fully validated against the booking as it is now. */
interface Plan {
  slot?: Slot;
  party: number;
  notes?: string | null;
  seating?: Seating;
  status?: BookingStatus;
}

const HOLDS_NO_TABLE: BookingStatus[] = ['cancelled', 'no_show'];

/** The table or combination `tableId` names, if it seats the party (staff: every active table); else 422 / 409. */
function seatingNamed(ctx: RestaurantContext, row: BookingRow, tableId: string, party: number): Seating {
  const seating = seatingsFor(ctx.tables, ctx.combinations, party, { onlineOnly: false }).find((s) => s.id === tableId);
  if (!seating) {
    const table = ctx.tables.find((t) => t.id === tableId);
    const combination = ctx.combinations.find((c) => c.id === tableId);
    if (!table && !combination)
      throw validationError('tableId', 'tableId is not a table or combination of this restaurant');
    const what = table ? `table ${table.label}` : `combination ${combination!.label}`;
    const inactive = (table && !table.active) || (combination && !combination.active) ? ' (it is inactive)' : '';
    throw validationError('tableId', `${what} does not fit a party of ${party}${inactive}`);
  }
  if (tableId !== (row.combination_id ?? row.table_id) && row.status !== 'confirmed' && row.status !== 'seated') {
    throw new DomainError('conflict', `A ${row.status} booking holds no table to move.`);
  }
  return seating;
}

/** Checks every part of the patch before anything is written; throws the first problem (422 / 409). */
function planPatch(services: Services, ctx: RestaurantContext, row: BookingRow, patch: StaffBookingPatch): Plan {
  const now = services.clock();
  const notes = checkNotes(patch.notes);
  const party = patch.party ?? Number(row.party);
  const moving =
    (patch.date !== undefined && patch.date !== row.service_date) ||
    (patch.time !== undefined && patch.time !== row.local_time) ||
    party !== Number(row.party);
  if (moving && row.status !== 'confirmed')
    throw new DomainError('conflict', `A ${row.status} booking cannot be changed.`);
  const gridOf = (date: string, size: number) => gridFor(ctx, date, size);
  const slot = moving
    ? resolveStart(ctx.rules, {
        date: patch.date ?? row.service_date,
        time: patch.time ?? row.local_time,
        party,
        now,
        mode: 'staff',
        gridOf,
      })
    : undefined;
  const seating = patch.tableId === undefined ? undefined : seatingNamed(ctx, row, patch.tableId, party);
  const status = patch.status !== undefined && patch.status !== row.status ? patch.status : undefined;
  if (status) {
    const startsAt = slot?.startsAt ?? Number(row.starts_at);
    const endsAt = slot?.endsAt ?? Number(row.ends_at);
    assertTransition(row.status as BookingStatus, status, {
      now,
      serviceDate: slot?.date ?? row.service_date,
      startsAt,
      endsAt,
      zone: ctx.rules.timezone,
    });
  }
  return { slot, party, notes, seating, status };
}

/** The seating the booking ends up on: the one named, a free one at the new time, or none to change. */
async function chooseSeating(
  trx: Kysely<DB>,
  services: Services,
  ctx: RestaurantContext,
  row: BookingRow,
  plan: Plan,
): Promise<Seating | undefined> {
  if (plan.seating || !plan.slot) return plan.seating;
  const seatReq = {
    slot: plan.slot,
    party: plan.party,
    mode: 'staff' as const,
    now: services.clock(),
    ignoreBookingId: row.id,
  };
  const seating = await findFreeSeating(trx, ctx, seatReq);
  if (!seating) throw await slotUnavailable(trx, ctx, seatReq);
  return seating;
}

/** Applies a validated plan: one UPDATE, the table's cells moved, at most one email. */
async function applyPlan(
  trx: Kysely<DB>,
  services: Services,
  ctx: RestaurantContext,
  row: BookingRow,
  plan: Plan,
): Promise<BookingRow> {
  const now = services.clock();
  await deleteExpiredHolds(trx, row.restaurant_id, now);
  const seating = await chooseSeating(trx, services, ctx, row, plan);
  const next: Partial<BookingRow> = {};
  if (seating && (seating.combinationId ?? seating.tableIds[0]) !== (row.combination_id ?? row.table_id)) {
    Object.assign(next, { table_id: seating.tableIds[0], combination_id: seating.combinationId });
  }
  if (plan.slot)
    Object.assign(next, {
      party: plan.party,
      starts_at: plan.slot.startsAt,
      ends_at: plan.slot.endsAt,
      service_date: plan.slot.date,
      local_time: plan.slot.time,
    });
  if (plan.notes !== undefined) next.notes = plan.notes;
  if (plan.status) next.status = plan.status;
  if (Object.keys(next).length === 0) return row;
  next.updated_at = Math.max(now, Number(row.updated_at) + 1);
  const result = { ...row, ...next } as BookingRow;
  const cellsMove =
    next.table_id !== undefined || plan.slot !== undefined || HOLDS_NO_TABLE.includes(result.status as BookingStatus);
  if (cellsMove) await releaseCells(trx, row.restaurant_id, row.id);
  if (!(await updateBookingIfUnchanged(trx, row, next))) throw new RetryTransaction();
  if (cellsMove && seating && !HOLDS_NO_TABLE.includes(result.status as BookingStatus)) {
    const owner = { bookingId: row.id };
    await claimTableCells(trx, {
      restaurantId: row.restaurant_id,
      tableIds: seating.tableIds,
      startsAt: Number(result.starts_at),
      endsAt: Number(result.ends_at),
      owner,
    });
  }
  const kind = plan.status === 'cancelled' ? 'cancellation' : plan.slot ? 'change' : undefined;
  if (kind) {
    const booking = present({ row: result, ctx });
    await enqueueBookingEmail(trx, {
      kind,
      restaurantId: ctx.row.id,
      bookingId: row.id,
      restaurantName: ctx.row.name,
      baseUrl: services.baseUrl,
      booking,
      now,
    });
  }
  const write = plan.status && result.status !== 'confirmed' ? 'ended' : plan.slot ? 'moved' : 'touched';
  await bookingWritten(trx, { restaurant: ctx.row, linkKey: services.linkKey, now }, { kind: write, row: result });
  return result;
}

/**
 * Staff PATCH of a booking `{status?, tableId?, date?, time?, party?, notes?}` (SPEC §3: all
 * or nothing). Every part is validated against the booking as read inside the transaction,
 * then all of it is applied in that one transaction: a refused part (422 / 409) leaves the
 * booking untouched and sends no email.
 */
export async function applyStaffPatch(
  services: Services,
  restaurant: { id: string; slug: string },
  reference: string,
  patch: StaffBookingPatch,
): Promise<{ row: BookingRow; ctx: RestaurantContext }> {
  const normalized = normalizeReference(reference);
  const found = normalized ? await findBooking(services.db, restaurant.id, normalized) : undefined;
  if (!found) throw new DomainError('not_found', `There is no booking ${reference} at this restaurant.`);
  const ctx = await services.cache.load(services.db, restaurant.slug);
  // With an explicit table, losing the race for its cells is a 409, not a reason to retry.
  const isRetryable = patch.tableId !== undefined ? isRetryableTransactionError : undefined;
  try {
    const row = await runTransaction(
      services.db,
      async (trx) => {
        const current = await findBooking(trx, restaurant.id, found.reference);
        if (!current) throw new DomainError('not_found', 'The booking no longer exists.');
        return applyPlan(trx, services, ctx, current, planPatch(services, ctx, current, patch));
      },
      isRetryable,
    );
    return { row, ctx };
  } catch (error) {
    if (patch.tableId !== undefined && isUniqueViolation(error)) {
      const combination = ctx.combinations.find((c) => c.id === patch.tableId);
      const label = combination?.label ?? ctx.tables.find((t) => t.id === patch.tableId)?.label ?? patch.tableId;
      throw new DomainError('conflict', `${combination ? 'Combination' : 'Table'} ${label} is taken at that time.`, {
        alternatives: [],
      });
    }
    throw error;
  }
}
