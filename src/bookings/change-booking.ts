import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import {
  findBooking,
  releaseCells,
  updateBookingIfUnchanged,
  updateBookingNotes,
  type BookingRow,
} from '../db/queries/bookings.ts';
import { claimTableCells, deleteExpiredHolds } from '../db/queries/claims.ts';
import { resolveStart } from '../domain/booking-window.ts';
import { DomainError, validationError } from '../domain/errors.ts';
import { guestMayChange, guestMayEditNotes } from '../domain/status-rules.ts';
import { enqueueBookingEmail } from './enqueue-booking-email.ts';
import { findFreeSeating, pacingPermits, slotUnavailable } from './assign-table.ts';
import type { Services } from '../services/services.ts';
import { present, type ManagedBooking } from './managed-booking.ts';
import type { BookingJson } from './presenter.ts';
import { RetryTransaction, runTransaction } from '../db/run-transaction.ts';
import { gridFor } from '../services/restaurant-context.ts';
import { bookingWritten } from './booking-written.ts';
import { LIMITS } from '../domain/limits.ts';

export interface BookingChanges {
  date?: string;
  time?: string;
  party?: number;
  notes?: string | null;
}

type Actor = 'guest' | 'staff';

export function checkNotes(notes: string | null | undefined): string | null | undefined {
  if (notes === undefined || notes === null) return notes;
  const text = String(notes).trim();
  if (text.length > LIMITS.notes) throw validationError('notes', `notes must be at most ${LIMITS.notes} characters`);
  return text === '' ? null : text;
}

/** Changes time, date, party and/or notes; re-checks and re-assigns atomically, or leaves it untouched. */
export async function changeBooking(
  deps: Services,
  m: ManagedBooking,
  changes: BookingChanges,
  actor: Actor,
): Promise<BookingJson> {
  const now = deps.clock();
  const { row, ctx } = m;
  const notes = checkNotes(changes.notes);
  const moving =
    (changes.date !== undefined && changes.date !== row.service_date) ||
    (changes.time !== undefined && changes.time !== row.local_time) ||
    (changes.party !== undefined && changes.party !== Number(row.party));
  if (row.status !== 'confirmed' && (moving || actor === 'guest')) {
    throw new DomainError('conflict', `A ${row.status} booking cannot be changed.`);
  }
  if (actor === 'guest' && moving && !guestMayChange(ctx.rules, Number(row.starts_at), now)) {
    throw new DomainError(
      'conflict',
      `Changes are possible until ${ctx.rules.cancelCutoffMinutes} minutes before the start; please call the restaurant.`,
    );
  }
  if (actor === 'guest' && !guestMayEditNotes(Number(row.starts_at), now)) {
    throw new DomainError('conflict', 'This booking has already started.');
  }
  if (!moving) return notes === undefined ? present(m) : updateNotes(deps, m, notes, now);
  const party = changes.party ?? Number(row.party);
  const gridOf = (date: string, size: number) => gridFor(ctx, date, size);
  const slot = resolveStart(ctx.rules, {
    date: changes.date ?? row.service_date,
    time: changes.time ?? row.local_time,
    party,
    now,
    mode: actor,
    gridOf,
  });
  const updated = await runTransaction(deps.db, async (trx) => {
    const current = await freshRow(trx, row);
    await deleteExpiredHolds(trx, ctx.row.id, now);
    const seatReq = { slot, party, mode: actor, now, ignoreBookingId: current.id };
    // pacing counts covers added at the new start: a guest keeping start and party adds none
    const addsCovers = slot.startsAt !== Number(current.starts_at) || party > Number(current.party);
    const paced = (await pacingPermits(trx, ctx, seatReq)) || !addsCovers;
    const seating = paced ? await findFreeSeating(trx, ctx, seatReq) : null;
    if (!seating) throw await slotUnavailable(trx, ctx, seatReq);
    const next: Partial<BookingRow> = {
      table_id: seating.tableIds[0],
      combination_id: seating.combinationId,
      party,
      starts_at: slot.startsAt,
      ends_at: slot.endsAt,
      service_date: slot.date,
      local_time: slot.time,
      updated_at: Math.max(now, Number(current.updated_at) + 1),
    };
    if (notes !== undefined) next.notes = notes;
    await releaseCells(trx, current.restaurant_id, current.id);
    if (!(await updateBookingIfUnchanged(trx, current, next))) throw new RetryTransaction();
    const result = { ...current, ...next } as BookingRow;
    await claimTableCells(trx, {
      restaurantId: ctx.row.id,
      tableIds: seating.tableIds,
      startsAt: slot.startsAt,
      endsAt: slot.endsAt,
      owner: { bookingId: result.id },
    });
    const booking = present({ row: result, ctx });
    await enqueueBookingEmail(trx, {
      kind: 'change',
      restaurantId: ctx.row.id,
      bookingId: result.id,
      restaurantName: ctx.row.name,
      baseUrl: deps.baseUrl,
      booking,
      now,
    });
    await bookingWritten(trx, { restaurant: ctx.row, linkKey: deps.linkKey, now }, { kind: 'moved', row: result });
    return booking;
  });
  return updated;
}

async function freshRow(trx: Kysely<DB>, row: BookingRow): Promise<BookingRow> {
  const current = await findBooking(trx, row.restaurant_id, row.reference);
  if (!current) throw new DomainError('not_found', 'The booking no longer exists.');
  if (current.status !== 'confirmed')
    throw new DomainError('conflict', `A ${current.status} booking cannot be changed.`);
  return current;
}

async function updateNotes(deps: Services, m: ManagedBooking, notes: string | null, now: number): Promise<BookingJson> {
  const updatedAt = Math.max(now, Number(m.row.updated_at) + 1);
  await runTransaction(deps.db, async (trx) => {
    await updateBookingNotes(trx, m.row, notes, updatedAt);
    await bookingWritten(trx, { restaurant: m.ctx.row, linkKey: deps.linkKey, now }, { kind: 'touched', row: m.row });
  });
  return present({ ...m, row: { ...m.row, notes, updated_at: updatedAt } });
}
