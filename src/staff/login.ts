import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import {
  findStaffUserByEmail,
  normalizeEmail,
  replacePasswordHash,
  type StaffUserRow,
} from '../db/queries/staff-users.ts';
import { burnPasswordCheck, hashPassword, needsRehash, verifyPassword } from './passwords.ts';
import { throttled } from './login-throttle.ts';

export { LOGIN_WINDOW_MS, MAX_FAILURES_PER_ACCOUNT, MAX_FAILURES_PER_ADDRESS } from './login-throttle.ts';

export interface LoginAttempt {
  email: string;
  password: string;
  /** the client address (request.ip) */
  address: string;
  now: number;
  /** false turns throttling off (tests only) */
  throttle: boolean;
}

const WRONG = 'The email or password is not correct.';

/** The user when the password is right, else null; unknown emails cost the same time. */
async function checkPassword(db: Kysely<DB>, attempt: LoginAttempt): Promise<StaffUserRow | null> {
  const user = await findStaffUserByEmail(db, attempt.email);
  if (!user) {
    await burnPasswordCheck(attempt.password);
    return null;
  }
  if (!(await verifyPassword(attempt.password, user.password_hash))) return null;
  if (needsRehash(user.password_hash)) {
    await replacePasswordHash(db, user.id, user.password_hash, await hashPassword(attempt.password));
  }
  return user;
}

/** Checks the credentials (throttled per account and per address); throws 401 / 429 problems. */
export async function authenticate(db: Kysely<DB>, attempt: LoginAttempt): Promise<StaffUserRow> {
  const check = async () => {
    const user = await checkPassword(db, attempt);
    return { ok: user !== null, value: user };
  };
  const buckets = {
    account: `login:account:${normalizeEmail(attempt.email)}`,
    address: `login:address:${attempt.address}`,
  };
  const user = attempt.throttle ? await throttled(db, buckets, attempt.now, check) : (await check()).value;
  if (!user) throw new DomainError('unauthenticated', WRONG);
  if (Number(user.disabled) === 1)
    throw new DomainError('unauthenticated', 'This staff account is disabled; ask a site admin.');
  return user;
}
