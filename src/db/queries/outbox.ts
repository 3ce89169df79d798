import { sql, type Kysely } from 'kysely';
import type { DB, EmailOutboxTable } from '../schema.ts';

export type OutboxRow = EmailOutboxTable;
export interface OutboxKey {
  restaurant_id: string;
  id: string;
}

/** Rows ready to send: pending and due, or claimed by a sender whose lease ran out. */
export async function findDueOutbox(db: Kysely<DB>, now: number, limit: number): Promise<OutboxKey[]> {
  return db
    .selectFrom('email_outbox')
    .select(['restaurant_id', 'id'])
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
      ]),
    )
    .orderBy('next_attempt_at')
    .limit(limit)
    .execute();
}

/**
 * Claims one row for `worker` until now + leaseMs. The WHERE repeats the "due" test, so
 * of several processes racing for the same row exactly one updates it (affected rows = 1).
 */
export async function claimOutboxRow(
  db: Kysely<DB>,
  key: OutboxKey,
  worker: string,
  now: number,
  leaseMs: number,
): Promise<boolean> {
  const result = await db
    .updateTable('email_outbox')
    .set({ status: 'sending', claimed_by: worker, claimed_until: now + leaseMs, attempts: sql`attempts + 1` })
    .where('restaurant_id', '=', key.restaurant_id)
    .where('id', '=', key.id)
    .where((eb) =>
      eb.or([
        eb.and([eb('status', '=', 'pending'), eb('next_attempt_at', '<=', now)]),
        eb.and([eb('status', '=', 'sending'), eb('claimed_until', '<', now)]),
      ]),
    )
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export async function loadOutboxRow(db: Kysely<DB>, key: OutboxKey): Promise<OutboxRow | undefined> {
  return db
    .selectFrom('email_outbox')
    .selectAll()
    .where('restaurant_id', '=', key.restaurant_id)
    .where('id', '=', key.id)
    .executeTakeFirst();
}

/** Settles a row we still hold: sent, back to pending for a retry, or failed for good. */
export async function settleOutboxRow(
  db: Kysely<DB>,
  key: OutboxKey,
  worker: string,
  changes: Pick<
    Partial<OutboxRow>,
    | 'status'
    | 'sent_at'
    | 'next_attempt_at'
    | 'last_error'
    | 'body_text'
    | 'body_html'
    | 'ics'
    | 'sealed_fields'
    | 'sealed_token'
  >,
): Promise<boolean> {
  const result = await db
    .updateTable('email_outbox')
    .set({ ...changes, claimed_by: null, claimed_until: null })
    .where('restaurant_id', '=', key.restaurant_id)
    .where('id', '=', key.id)
    .where('status', '=', 'sending')
    .where('claimed_by', '=', worker)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

export interface OutboxListItem {
  id: string;
  kind: string;
  to_address: string;
  subject: string;
  status: string;
  attempts: number;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
  next_attempt_at: number;
  booking_id: string | null;
}

export async function listOutbox(
  db: Kysely<DB>,
  restaurantId: string,
  status: string | undefined,
  limit: number,
): Promise<OutboxListItem[]> {
  let query = db
    .selectFrom('email_outbox')
    .select([
      'id',
      'kind',
      'to_address',
      'subject',
      'status',
      'attempts',
      'last_error',
      'created_at',
      'sent_at',
      'next_attempt_at',
      'booking_id',
    ])
    .where('restaurant_id', '=', restaurantId);
  if (status) query = query.where('status', '=', status);
  return query.orderBy('created_at', 'desc').limit(limit).execute();
}

export async function insertOutboxRow(db: Kysely<DB>, row: OutboxRow): Promise<void> {
  await db.insertInto('email_outbox').values(row).execute();
}

export async function countPendingOutbox(db: Kysely<DB>): Promise<number> {
  const row = await db
    .selectFrom('email_outbox')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}

/** Housekeeping: sent emails are kept this long (subject and address only), failed ones longer. */
export const KEEP_SENT_MS = 30 * 24 * 3_600_000;
export const KEEP_FAILED_MS = 90 * 24 * 3_600_000;

export async function deleteOldOutboxRows(db: Kysely<DB>, now: number): Promise<void> {
  await db
    .deleteFrom('email_outbox')
    .where('status', '=', 'sent')
    .where('sent_at', '<', now - KEEP_SENT_MS)
    .execute();
  await db
    .deleteFrom('email_outbox')
    .where('status', '=', 'failed')
    .where('created_at', '<', now - KEEP_FAILED_MS)
    .execute();
}
