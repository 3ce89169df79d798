import crypto from 'node:crypto';
import { LIMITS } from '../domain/limits.ts';

/** A manage token: 32 random bytes, base64url. Returned once; only its hash is stored. */
export function newManageToken(randomBytes: (n: number) => Buffer = crypto.randomBytes): string {
  return randomBytes(32).toString('base64url');
}

export function sha256Hex(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex');
}

/** Constant-time comparison of a presented token with a stored hash. */
export function tokenMatches(token: string | undefined, storedHash: string): boolean {
  if (!token || token.length > LIMITS.manageToken) return false;
  const a = Buffer.from(sha256Hex(token), 'hex');
  const b = Buffer.from(storedHash, 'hex');
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

export function manageUrl(baseUrl: string, reference: string, token: string): string {
  return `${baseUrl}/b/${reference}?token=${encodeURIComponent(token)}`;
}
