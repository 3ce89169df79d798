import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../db/schema.ts';
import type { BookingJson } from '../bookings/presenter.ts';
import { bookingCalendar } from '../bookings/calendar.ts';

export type BookingEmailKind = 'confirmation' | 'change' | 'cancellation';

const SUBJECTS: Record<BookingEmailKind, string> = {
  confirmation: 'Your table is booked',
  change: 'Your booking has changed',
  cancellation: 'Your booking is cancelled',
};

function bodyText(kind: BookingEmailKind, booking: BookingJson, restaurantName: string): string {
  const lines = [
    `Hello ${booking.name},`,
    '',
    `${SUBJECTS[kind]} at ${restaurantName}.`,
    '',
    `Reference: ${booking.reference}`,
    `When: ${booking.date} at ${booking.time} (${booking.timezone})`,
    `Party: ${booking.party}`,
    `Status: ${booking.status}`,
  ];
  if (booking.manageUrl) lines.push('', `See, change or cancel your booking: ${booking.manageUrl}`);
  lines.push('', 'The attached calendar file adds it to your calendar.');
  return lines.join('\n');
}

/**
 * Writes a booking email into the outbox, inside the caller's transaction: the email
 * exists exactly when the booking change does. The sender delivers it later.
 */
export async function enqueueBookingEmail(
  db: Kysely<DB>,
  input: { kind: BookingEmailKind; restaurantId: string; bookingId: string; restaurantName: string; baseUrl: string; booking: BookingJson; now: number },
): Promise<void> {
  const { booking } = input;
  if (!booking.email) return;
  await db
    .insertInto('email_outbox')
    .values({
      restaurant_id: input.restaurantId,
      id: uuidv7(),
      booking_id: input.bookingId,
      kind: input.kind,
      to_address: booking.email,
      subject: `${SUBJECTS[input.kind]}: ${input.restaurantName}, ${booking.date} ${booking.time}`.slice(0, 255),
      body_text: bodyText(input.kind, booking, input.restaurantName),
      ics: bookingCalendar(booking, input.restaurantName, input.baseUrl),
      status: 'pending',
      attempts: 0,
      next_attempt_at: input.now,
      claimed_by: null,
      claimed_until: null,
      last_error: null,
      created_at: input.now,
      sent_at: null,
    })
    .execute();
}
