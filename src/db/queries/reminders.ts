import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../schema.ts';

/** Reminder emails are outbox rows of this kind, rendered at send time from the booking. */
export const REMINDER_KIND = 'reminder';

export interface NewReminder {
  restaurantId: string;
  bookingId: string;
  to: string;
  /** shown in the outbox list; the email's own subject is rendered when it is sent */
  subject: string;
  sealedToken: string;
  dueAt: number;
  now: number;
}

/** Schedules the reminder: the sender claims it only once `next_attempt_at` (the due time) has come. */
export async function insertReminder(db: Kysely<DB>, r: NewReminder): Promise<void> {
  await db
    .insertInto('email_outbox')
    .values({
      restaurant_id: r.restaurantId,
      id: uuidv7(),
      booking_id: r.bookingId,
      kind: REMINDER_KIND,
      to_address: r.to,
      subject: r.subject.slice(0, 255),
      body_text: '',
      ics: null,
      status: 'pending',
      attempts: 0,
      next_attempt_at: r.dueAt,
      claimed_by: null,
      claimed_until: null,
      last_error: null,
      created_at: r.now,
      sent_at: null,
      sealed_token: r.sealedToken,
    })
    .execute();
}

function pendingReminder(db: Kysely<DB>, restaurantId: string, bookingId: string) {
  return db
    .updateTable('email_outbox')
    .where('restaurant_id', '=', restaurantId)
    .where('booking_id', '=', bookingId)
    .where('kind', '=', REMINDER_KIND)
    .where('status', '=', 'pending');
}

/** A changed start moves the reminder (its text is rendered at send time, so it says the new time). */
export async function moveReminder(
  db: Kysely<DB>,
  restaurantId: string,
  bookingId: string,
  dueAt: number,
  subject: string,
): Promise<void> {
  await pendingReminder(db, restaurantId, bookingId)
    .set({ next_attempt_at: dueAt, subject: subject.slice(0, 255) })
    .execute();
}

/** A cancelled (or seated, no-show…) booking gets no reminder. */
export async function cancelReminder(db: Kysely<DB>, restaurantId: string, bookingId: string): Promise<void> {
  await pendingReminder(db, restaurantId, bookingId).set({ status: 'cancelled', sealed_token: null }).execute();
}

export interface ReminderBooking {
  booking: DB['bookings'];
  restaurant: { slug: string; name: string; timezone: string; locale?: string | null };
  tableLabel: string;
}

/** The booking a reminder is about, as it is now, with its restaurant and table. */
export async function findReminderBooking(
  db: Kysely<DB>,
  restaurantId: string,
  bookingId: string,
): Promise<ReminderBooking | undefined> {
  const booking = await db
    .selectFrom('bookings')
    .selectAll()
    .where('restaurant_id', '=', restaurantId)
    .where('id', '=', bookingId)
    .executeTakeFirst();
  if (!booking) return undefined;
  const restaurant = await db
    .selectFrom('restaurants')
    .selectAll()
    .where('id', '=', restaurantId)
    .executeTakeFirstOrThrow();
  const table = await db
    .selectFrom('dining_tables')
    .select('label')
    .where('restaurant_id', '=', restaurantId)
    .where('id', '=', booking.table_id)
    .executeTakeFirst();
  const locale = (restaurant as { locale?: string | null }).locale;
  return {
    booking,
    restaurant: { slug: restaurant.slug, name: restaurant.name, timezone: restaurant.timezone, locale },
    tableLabel: table?.label ?? '',
  };
}
