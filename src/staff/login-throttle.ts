import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import { bumpCounter, ensureCounter, refundCounter } from '../db/queries/rate-limits.ts';
import { runTransaction } from '../db/run-transaction.ts';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;
/** password checks of one account / one address running at once in this process */
export const MAX_CONCURRENT_PER_ACCOUNT = 3;
export const MAX_CONCURRENT_PER_ADDRESS = 8;

/**
 * Password checks in flight in this process, per bucket. This is process state on purpose:
 * it caps the CPU (scrypt) one burst can take here; the shared limit is the database counter.
 */
const inFlight = new Map<string, number>();

export interface LoginBuckets {
  account: string;
  address: string;
}

function rateLimited(now: number, windowMs = LOGIN_WINDOW_MS): DomainError {
  const windowEnd = Math.floor(now / windowMs) * windowMs + windowMs;
  return new DomainError('rate_limited', 'Too many sign-in attempts; please wait and try again.', {
    retryAfterSeconds: Math.max(1, Math.ceil((windowEnd - now) / 1000)),
  });
}

/** Takes a slot for a password check of both buckets, or throws 429 when either is busy. */
function enterGate(b: LoginBuckets): () => void {
  const account = inFlight.get(b.account) ?? 0;
  const address = inFlight.get(b.address) ?? 0;
  if (account >= MAX_CONCURRENT_PER_ACCOUNT || address >= MAX_CONCURRENT_PER_ADDRESS) {
    throw new DomainError('rate_limited', 'Too many sign-in attempts at once; please wait and try again.', {
      retryAfterSeconds: 1,
    });
  }
  inFlight.set(b.account, account + 1);
  inFlight.set(b.address, address + 1);
  return () => {
    for (const key of [b.account, b.address]) {
      const left = (inFlight.get(key) ?? 1) - 1;
      if (left <= 0) inFlight.delete(key);
      else inFlight.set(key, left);
    }
  };
}

/** Adds one attempt to the bucket's counter in the database and returns the new count. */
async function countAttempt(db: Kysely<DB>, bucket: string, windowStart: number): Promise<number> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const hits = await runTransaction(db, (trx) => bumpCounter(trx, bucket, windowStart));
    if (hits !== undefined) return hits;
    await ensureCounter(db, bucket, windowStart, windowStart + LOGIN_WINDOW_MS);
  }
  throw new DomainError('unavailable', 'The sign-in counter could not be updated; please try again.');
}

/**
 * Runs `check` (the password check) only when this attempt is within the limits: the attempt
 * is counted in the database FIRST (the database increments, its answer decides), so a burst
 * of parallel guesses gets at most the limit checked, on every process and host. A check that
 * succeeds gives its count back, so only failures use up the allowance.
 */
export async function throttled<T>(
  db: Kysely<DB>,
  b: LoginBuckets,
  now: number,
  check: () => Promise<{ ok: boolean; value: T }>,
): Promise<T> {
  const leave = enterGate(b);
  try {
    const windowStart = Math.floor(now / LOGIN_WINDOW_MS) * LOGIN_WINDOW_MS;
    const account = await countAttempt(db, b.account, windowStart);
    const address = await countAttempt(db, b.address, windowStart);
    if (account > MAX_FAILURES_PER_ACCOUNT || address > MAX_FAILURES_PER_ADDRESS) throw rateLimited(now);
    const result = await check();
    if (result.ok) {
      await refundCounter(db, b.account, windowStart);
      await refundCounter(db, b.address, windowStart);
    }
    return result.value;
  } finally {
    leave();
  }
}
