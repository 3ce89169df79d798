import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../db/schema.ts';
import { insertOutboxRow } from '../db/queries/outbox.ts';
import type { BookingJson } from '../bookings/presenter.ts';
import { bookingCalendar } from '../bookings/calendar.ts';
import { renderBookingEmail, type BookingEmailKind } from '../email/booking-email.ts';
import { MANAGE_URL_SLOT, sealSecrets } from '../email/outbox-secrets.ts';

export type { BookingEmailKind } from '../email/booking-email.ts';

/**
 * Writes a booking email into the outbox, inside the caller's transaction: the email
 * exists exactly when the booking change does. The sender delivers it later. The manage
 * link (with its token) is never stored readable: the texts keep MANAGE_URL_SLOT, the link
 * is sealed with `sealKey`, and the sender fills it in (src/email/outbox-secrets.ts).
 */
export async function enqueueBookingEmail(
  db: Kysely<DB>,
  input: {
    kind: BookingEmailKind;
    restaurantId: string;
    bookingId: string;
    restaurantName: string;
    baseUrl: string;
    booking: BookingJson;
    now: number;
    sealKey?: Buffer;
  },
): Promise<void> {
  const { booking } = input;
  if (!booking.email) return;
  if (booking.manageUrl && !input.sealKey) throw new Error('a manage link in an email needs the outbox key to seal it');
  const sealed =
    booking.manageUrl && input.sealKey ? sealSecrets(input.sealKey, { manageUrl: booking.manageUrl }) : null;
  const email = renderBookingEmail(
    input.kind,
    { ...booking, manageUrl: booking.manageUrl ? MANAGE_URL_SLOT : undefined },
    input.restaurantName,
  );
  await insertOutboxRow(db, {
    restaurant_id: input.restaurantId,
    id: uuidv7(),
    booking_id: input.bookingId,
    kind: input.kind,
    to_address: booking.email,
    subject: email.subject,
    body_text: email.text,
    body_html: email.html,
    ics: bookingCalendar(booking, input.restaurantName, input.baseUrl),
    sealed_fields: sealed,
    status: 'pending',
    attempts: 0,
    next_attempt_at: input.now,
    claimed_by: null,
    claimed_until: null,
    last_error: null,
    created_at: input.now,
    sent_at: null,
  });
}
