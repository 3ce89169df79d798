import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { canonicalJson } from '../domain/canonical-json.ts';
import { DomainError } from '../domain/errors.ts';
import { open, seal } from '../services/sealed-box.ts';
import { sha256Hex } from './tokens.ts';
import {
  deleteExpiredKey,
  findKeyRecord,
  insertKeyRecord,
  storeKeyAnswer,
  type IdempotencyKeyRef,
} from '../db/queries/idempotency.ts';

/** Kept at least 24 h (SPEC §3); we keep 48 h, then housekeeping deletes them. */
export const IDEMPOTENCY_TTL_MS = 48 * 3600_000;

export interface IdempotencyScope {
  restaurantId: string;
  scope: string;
  key: string;
  requestHash: string;
}

/** The outcome kept for a key, replayed to a retry: a domain outcome, never an HTTP status. */
export type KeptAnswer =
  | { outcome: 'booked'; body: unknown }
  | { outcome: 'slot_unavailable'; message: string; alternatives: { time: string; startsAt: string }[] };

/** `status_code` holds the outcome as a number (the column predates outcomes; 0 = not yet answered). */
const OUTCOME_NUMBER: Record<KeptAnswer['outcome'], number> = { booked: 1, slot_unavailable: 2 };

/** Answers kept before outcomes were stored say `status: 201 | 409`; both shapes stay readable. */
type LegacyAnswer =
  { status: 201; body: unknown } | { status: 409; message: string; alternatives: { time: string; startsAt: string }[] };

function readKept(stored: KeptAnswer | LegacyAnswer): KeptAnswer {
  if ('outcome' in stored) return stored;
  if ('body' in stored) return { outcome: 'booked', body: stored.body };
  return { outcome: 'slot_unavailable', message: stored.message, alternatives: stored.alternatives };
}

/** The key is held by another (committed) request: replay its answer. */
export class KeyAlreadyUsed extends Error {}

export function validateIdempotencyKey(key: string | undefined): string | undefined {
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > 255) {
    throw new DomainError('validation', 'Idempotency-Key must be 1 to 255 characters', {
      errors: [{ field: 'Idempotency-Key', message: 'must be 1 to 255 characters' }],
    });
  }
  return key;
}

export function requestHash(body: unknown): string {
  return sha256Hex(canonicalJson(body));
}

function keyRef(s: IdempotencyScope): IdempotencyKeyRef {
  return { restaurantId: s.restaurantId, scope: s.scope, keyHash: sha256Hex(s.key) };
}

/**
 * Takes the key inside the booking transaction. A concurrent holder makes this insert wait
 * for its commit (PostgreSQL, MySQL) or run after it (SQLite), then fail: KeyAlreadyUsed.
 * If the holder rolled back, the insert simply succeeds. So a key is never stuck.
 */
export async function claimKey(trx: Kysely<DB>, s: IdempotencyScope, now: number): Promise<void> {
  await deleteExpiredKey(trx, keyRef(s), now);
  try {
    await insertKeyRecord(trx, keyRef(s), s.requestHash, now, now + IDEMPOTENCY_TTL_MS);
  } catch (error) {
    if (isUniqueViolation(error)) throw new KeyAlreadyUsed();
    throw error;
  }
}

export async function keepAnswer(
  trx: Kysely<DB>,
  s: IdempotencyScope,
  answer: KeptAnswer,
  cryptoKey: Buffer,
): Promise<void> {
  await storeKeyAnswer(trx, keyRef(s), OUTCOME_NUMBER[answer.outcome], seal(cryptoKey, JSON.stringify(answer)));
}

/** The kept answer for the key, or undefined if none is committed (the holder rolled back). */
export async function findAnswer(
  db: Kysely<DB>,
  s: IdempotencyScope,
  cryptoKey: Buffer,
): Promise<KeptAnswer | undefined> {
  const row = await findKeyRecord(db, keyRef(s));
  if (!row || !row.response_body) return undefined;
  if (row.request_hash !== s.requestHash) {
    throw new DomainError(
      'idempotency_mismatch',
      'This Idempotency-Key was already used with a different request body.',
    );
  }
  return readKept(JSON.parse(open(cryptoKey, row.response_body)) as KeptAnswer | LegacyAnswer);
}
