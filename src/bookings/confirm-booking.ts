import { findBooking, updateBookingIfUnchanged, type BookingRow } from '../db/queries/bookings.ts';
import { DomainError } from '../domain/errors.ts';
import type { Services } from '../services/services.ts';
import { bookingWritten } from './booking-written.ts';
import { present, type ManagedBooking } from './managed-booking.ts';
import type { BookingJson } from './presenter.ts';
import { RetryTransaction, runTransaction } from '../db/run-transaction.ts';

/**
 * The guest confirms they are coming (the reminder's link): `confirmedByGuest` becomes true.
 * Only a confirmed booking that has not started can be confirmed; confirming again is a no-op.
 */
export async function confirmBooking(deps: Services, m: ManagedBooking): Promise<BookingJson> {
  const now = deps.clock();
  return runTransaction(deps.db, async (trx) => {
    const current = await findBooking(trx, m.row.restaurant_id, m.row.reference);
    if (!current) throw new DomainError('not_found', 'The booking no longer exists.');
    if (Number(current.confirmed_by_guest ?? 0) === 1) return present({ row: current, ctx: m.ctx });
    if (current.status !== 'confirmed')
      throw new DomainError('conflict', `A ${current.status} booking cannot be confirmed.`);
    if (Number(current.starts_at) <= now) throw new DomainError('conflict', 'This booking has already started.');
    const next = { confirmed_by_guest: 1, updated_at: Math.max(now, Number(current.updated_at) + 1) };
    if (!(await updateBookingIfUnchanged(trx, current, next))) throw new RetryTransaction();
    const row = { ...current, ...next } as BookingRow;
    await bookingWritten(trx, { restaurant: m.ctx.row, linkKey: deps.linkKey, now }, { kind: 'touched', row });
    return present({ row, ctx: m.ctx });
  });
}
