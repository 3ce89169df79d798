import { findBooking, releaseCells, updateBookingIfUnchanged, type BookingRow } from '../db/queries/bookings.ts';
import { DomainError } from '../domain/errors.ts';
import { guestMayChange } from '../domain/status-rules.ts';
import { enqueueBookingEmail } from './enqueue-booking-email.ts';
import type { Services } from '../services/services.ts';
import { present, type ManagedBooking } from './managed-booking.ts';
import type { BookingJson } from './presenter.ts';
import { RetryTransaction, runTransaction } from '../db/run-transaction.ts';
import { bookingWritten } from './booking-written.ts';

/**
 * Cancels a confirmed booking and frees its table. Guests until the cut-off, staff any time.
 * Cancelling a cancelled booking again answers the booking as it is (safe to retry).
 */
export async function cancelBooking(deps: Services, m: ManagedBooking, actor: 'guest' | 'staff'): Promise<BookingJson> {
  const now = deps.clock();
  const { ctx } = m;
  if (m.row.status === 'cancelled') return present(m);
  if (m.row.status !== 'confirmed') throw new DomainError('conflict', `A ${m.row.status} booking cannot be cancelled.`);
  if (actor === 'guest' && !guestMayChange(ctx.rules, Number(m.row.starts_at), now)) {
    throw new DomainError(
      'conflict',
      `Cancelling online is possible until ${ctx.rules.cancelCutoffMinutes} minutes before the start; please call the restaurant.`,
    );
  }
  return runTransaction(deps.db, async (trx) => {
    const current = await findBooking(trx, m.row.restaurant_id, m.row.reference);
    if (!current) throw new DomainError('not_found', 'The booking no longer exists.');
    if (current.status === 'cancelled') return present({ row: current, ctx });
    if (current.status !== 'confirmed')
      throw new DomainError('conflict', `A ${current.status} booking cannot be cancelled.`);
    const next = { status: 'cancelled', updated_at: Math.max(now, Number(current.updated_at) + 1) };
    if (!(await updateBookingIfUnchanged(trx, current, next))) throw new RetryTransaction();
    await releaseCells(trx, current.restaurant_id, current.id);
    const booking = present({ row: { ...current, ...next } as BookingRow, ctx });
    await enqueueBookingEmail(trx, {
      kind: 'cancellation',
      restaurantId: ctx.row.id,
      bookingId: current.id,
      restaurantName: ctx.row.name,
      baseUrl: deps.baseUrl,
      booking,
      now,
    });
    await bookingWritten(trx, { restaurant: ctx.row, linkKey: deps.linkKey, now }, { kind: 'ended', row: current });
    return booking;
  });
}
