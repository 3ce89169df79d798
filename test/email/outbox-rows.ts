import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../../src/db/schema.ts';

export const OUTBOX_RESTAURANT = '00000000-0000-7000-8000-000000000001';

/** Inserts n pending outbox rows (as the booking transactions would), returning their ids. */
export async function insertOutboxRows(
  db: Kysely<DB>,
  n: number,
  now: number,
  to = (i: number) => `guest${i}@example.com`,
): Promise<string[]> {
  const rows = Array.from({ length: n }, (_, i) => ({
    restaurant_id: OUTBOX_RESTAURANT,
    id: uuidv7(),
    booking_id: null,
    kind: 'confirmation',
    to_address: to(i),
    subject: `Your table is booked #${i}`,
    body_text: `Hello guest ${i}`,
    ics: 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//test//EN\r\nEND:VCALENDAR\r\n',
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    claimed_by: null,
    claimed_until: null,
    last_error: null,
    created_at: now,
    sent_at: null,
  }));
  await db.insertInto('email_outbox').values(rows).execute();
  return rows.map((r) => r.id);
}
