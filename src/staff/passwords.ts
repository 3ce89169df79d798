import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { isCommonPassword } from './common-passwords.ts';

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

/**
 * OWASP Password Storage Cheat Sheet (2025): scrypt N=2^14, r=8, p=5 is one of its
 * equivalent minimum settings; it costs the CPU of N=2^17 with 16 MiB instead of 128 MiB
 * per check, which matters when several workers check passwords at once. Older hashes
 * (p=1) are upgraded at the next successful sign-in (needsRehash).
 */
const N = 16384;
const R = 8;
const P = 5;
const KEY_LENGTH = 32;
export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 1024;

/** "scrypt$N$r$p$salt$hash" with base64url salt and hash; never log the input. */
export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.randomBytes(16);
  const hash = await scrypt(password.normalize('NFC'), salt, KEY_LENGTH, { N, r: R, p: P, maxmem: 64 * 1024 * 1024 });
  return ['scrypt', N, R, P, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

function parameters(stored: string): { n: number; r: number; p: number } | null {
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== 'scrypt') return null;
  const [n, r, p] = parts.slice(1, 4).map(Number);
  if (![n, r, p].every((x) => Number.isInteger(x) && x > 0) || n > 1 << 20 || p > 64 || r > 64) return null;
  return { n, r, p };
}

/** Timing-safe check of a password against a stored hash; false for any malformed hash. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const params = parameters(stored);
  if (!params) return false;
  const parts = stored.split('$');
  const salt = Buffer.from(parts[4], 'base64url');
  const expected = Buffer.from(parts[5], 'base64url');
  if (expected.length === 0) return false;
  const actual = await scrypt(password.normalize('NFC'), salt, expected.length, {
    N: params.n,
    r: params.r,
    p: params.p,
    maxmem: 256 * 1024 * 1024,
  });
  return crypto.timingSafeEqual(actual, expected);
}

/** True when the hash was made with weaker settings than today's: rehash it after a successful check. */
export function needsRehash(stored: string): boolean {
  const params = parameters(stored);
  return !params || params.n * params.r * params.p < N * R * P || params.n < N;
}

let dummyHash: Promise<string> | undefined;

/** Spends the same time as a real check, so unknown emails are not revealed by timing. */
export async function burnPasswordCheck(password: string): Promise<void> {
  dummyHash ??= hashPassword('not-a-real-password');
  await verifyPassword(password, await dummyHash);
}

/** A problem with a new password for the account `email`, or null when acceptable. */
export function passwordProblem(password: string, email?: string): string | null {
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return `the password must be at least ${MIN_PASSWORD_LENGTH} characters long`;
  if (password.length > MAX_PASSWORD_LENGTH)
    return `the password must be at most ${MAX_PASSWORD_LENGTH} characters long`;
  const lower = password.trim().toLowerCase();
  if (email && (lower === email.trim().toLowerCase() || lower === email.trim().toLowerCase().split('@')[0])) {
    return 'the password must not be the email address';
  }
  if (isCommonPassword(password) || isCommonPassword(password.trim()))
    return 'the password is one of the most common passwords; choose another';
  return null;
}
