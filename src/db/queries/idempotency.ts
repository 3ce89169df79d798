import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';

/** One idempotency key of one restaurant and scope; `keyHash` is sha256 of the client's key. */
export interface IdempotencyKeyRef {
  restaurantId: string;
  scope: string;
  keyHash: string;
}

function byKey(k: IdempotencyKeyRef) {
  return { restaurant_id: k.restaurantId, scope: k.scope, key_hash: k.keyHash } as const;
}

export async function deleteExpiredKey(db: Kysely<DB>, k: IdempotencyKeyRef, now: number): Promise<void> {
  const w = byKey(k);
  await db
    .deleteFrom('idempotency_records')
    .where('restaurant_id', '=', w.restaurant_id)
    .where('scope', '=', w.scope)
    .where('key_hash', '=', w.key_hash)
    .where('expires_at', '<', now)
    .execute();
}

/** Inserts the key's record, not yet answered (throws a unique violation when it is held). */
export async function insertKeyRecord(
  db: Kysely<DB>,
  k: IdempotencyKeyRef,
  requestHash: string,
  now: number,
  expiresAt: number,
): Promise<void> {
  await db
    .insertInto('idempotency_records')
    .values({
      ...byKey(k),
      request_hash: requestHash,
      status_code: 0,
      response_body: null,
      created_at: now,
      expires_at: expiresAt,
    })
    .execute();
}

export async function storeKeyAnswer(
  db: Kysely<DB>,
  k: IdempotencyKeyRef,
  outcome: number,
  sealedAnswer: string,
): Promise<void> {
  const w = byKey(k);
  await db
    .updateTable('idempotency_records')
    .set({ status_code: outcome, response_body: sealedAnswer })
    .where('restaurant_id', '=', w.restaurant_id)
    .where('scope', '=', w.scope)
    .where('key_hash', '=', w.key_hash)
    .execute();
}

export async function findKeyRecord(
  db: Kysely<DB>,
  k: IdempotencyKeyRef,
): Promise<{ request_hash: string; response_body: string | null } | undefined> {
  const w = byKey(k);
  return db
    .selectFrom('idempotency_records')
    .select(['request_hash', 'response_body'])
    .where('restaurant_id', '=', w.restaurant_id)
    .where('scope', '=', w.scope)
    .where('key_hash', '=', w.key_hash)
    .executeTakeFirst();
}

export async function deleteExpiredIdempotencyRecords(db: Kysely<DB>, now: number): Promise<void> {
  await db.deleteFrom('idempotency_records').where('expires_at', '<', now).execute();
}
