import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import { findStaffUserByEmail, normalizeEmail, type StaffUserRow } from '../db/queries/staff-users.ts';
import { hitRateLimit, peekRateLimit } from '../db/queries/rate-limits.ts';
import { burnPasswordCheck, verifyPassword } from './passwords.ts';

export const LOGIN_WINDOW_MS = 15 * 60 * 1000;
export const MAX_FAILURES_PER_ACCOUNT = 10;
export const MAX_FAILURES_PER_ADDRESS = 50;

export interface LoginAttempt {
  email: string;
  password: string;
  /** the client address (request.ip) */
  address: string;
  now: number;
  /** false turns throttling off (tests only) */
  throttle: boolean;
}

function buckets(attempt: LoginAttempt): { account: string; address: string } {
  return { account: `login:account:${normalizeEmail(attempt.email)}`, address: `login:address:${attempt.address}` };
}

function retryAfterSeconds(now: number): number {
  const windowEnd = Math.floor(now / LOGIN_WINDOW_MS) * LOGIN_WINDOW_MS + LOGIN_WINDOW_MS;
  return Math.max(1, Math.ceil((windowEnd - now) / 1000));
}

async function refuseWhenThrottled(db: Kysely<DB>, attempt: LoginAttempt): Promise<void> {
  const b = buckets(attempt);
  const [account, address] = await Promise.all([
    peekRateLimit(db, b.account, LOGIN_WINDOW_MS, attempt.now),
    peekRateLimit(db, b.address, LOGIN_WINDOW_MS, attempt.now),
  ]);
  if (account >= MAX_FAILURES_PER_ACCOUNT || address >= MAX_FAILURES_PER_ADDRESS) {
    throw new DomainError('rate_limited', 'Too many failed sign-in attempts; please wait and try again.', {
      retryAfterSeconds: retryAfterSeconds(attempt.now),
    });
  }
}

async function countFailure(db: Kysely<DB>, attempt: LoginAttempt): Promise<void> {
  const b = buckets(attempt);
  await hitRateLimit(db, b.account, MAX_FAILURES_PER_ACCOUNT, LOGIN_WINDOW_MS, attempt.now);
  await hitRateLimit(db, b.address, MAX_FAILURES_PER_ADDRESS, LOGIN_WINDOW_MS, attempt.now);
}

/** Checks the credentials (throttled per account and per address); throws 401 / 429 problems. */
export async function authenticate(db: Kysely<DB>, attempt: LoginAttempt): Promise<StaffUserRow> {
  if (attempt.throttle) await refuseWhenThrottled(db, attempt);
  const user = await findStaffUserByEmail(db, attempt.email);
  const ok = user ? await verifyPassword(attempt.password, user.password_hash) : (await burnPasswordCheck(attempt.password), false);
  if (!user || !ok) {
    if (attempt.throttle) await countFailure(db, attempt);
    throw new DomainError('unauthenticated', 'The email or password is not correct.');
  }
  return user;
}
