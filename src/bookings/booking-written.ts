import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { BookingRow } from '../db/queries/bookings.ts';
import { bumpBookingsVersion } from '../db/queries/booking-changes.ts';
import { cancelReminder, insertReminder, moveReminder } from '../db/queries/reminders.ts';
import { DEFAULT_REMINDER_HOURS, reminderDueAt } from '../domain/reminders.ts';
import { seal } from '../services/sealed-box.ts';

/**
 * What happened to a booking inside a write transaction:
 * - created: a new booking (its manage token is known only now)
 * - moved: its start changed
 * - ended: it left `confirmed` (cancelled, seated, completed, no-show): no reminder any more
 * - touched: anything else the timeline shows (notes, table, confirmation)
 */
export type BookingWrite =
  | { kind: 'created'; row: BookingRow; token: string }
  | { kind: 'moved'; row: BookingRow }
  | { kind: 'ended'; row: BookingRow }
  | { kind: 'touched'; row: BookingRow };

export interface BookingWriteContext {
  restaurant: { id: string; name: string; reminder_hours?: number };
  /** seals the manage token kept for the reminder's links */
  linkKey: Buffer;
  now: number;
}

function reminderSubject(restaurantName: string, row: BookingRow): string {
  return `Reminder: ${restaurantName}, ${row.service_date} ${row.local_time}`;
}

/**
 * Call last inside every booking write transaction: bumps the restaurant's change stamp
 * (the timeline refreshes) and keeps the booking's reminder in step: scheduled on create,
 * moved with the start, cancelled when the booking is no longer confirmed.
 */
export async function bookingWritten(trx: Kysely<DB>, c: BookingWriteContext, write: BookingWrite): Promise<void> {
  const { row } = write;
  const hours = Number(c.restaurant.reminder_hours ?? DEFAULT_REMINDER_HOURS);
  if (write.kind === 'created' && row.email) {
    const dueAt = reminderDueAt(Number(row.starts_at), hours, c.now);
    if (dueAt !== undefined) {
      await insertReminder(trx, {
        restaurantId: row.restaurant_id,
        bookingId: row.id,
        to: row.email,
        subject: reminderSubject(c.restaurant.name, row),
        sealedToken: seal(c.linkKey, write.token),
        dueAt,
        now: c.now,
      });
    }
  } else if (write.kind === 'moved') {
    const dueAt = reminderDueAt(Number(row.starts_at), hours, c.now);
    if (dueAt === undefined) await cancelReminder(trx, row.restaurant_id, row.id);
    else await moveReminder(trx, row.restaurant_id, row.id, dueAt, reminderSubject(c.restaurant.name, row));
  } else if (write.kind === 'ended') {
    await cancelReminder(trx, row.restaurant_id, row.id);
  }
  await bumpBookingsVersion(trx, row.restaurant_id);
}
