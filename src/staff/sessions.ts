import crypto from 'node:crypto';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { deleteSession, findSessionWithUser, insertSession, touchSession } from '../db/queries/sessions.ts';
import type { StaffPrincipal } from './principal.ts';

export const SESSION_COOKIE = 'tb_session';
/** Signed out after this long without a request (sliding). */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** Signed out this long after login, however busy. */
export const SESSION_ABSOLUTE_MS = 7 * 24 * 60 * 60 * 1000;
/** last_seen_at is written at most this often. */
const TOUCH_EVERY_MS = 60 * 1000;

type RandomBytes = (n: number) => Buffer;

/** The session row id: sha256 of the cookie token, so a database leak gives no usable cookies. */
export function sessionIdOf(token: string): string {
  return crypto.createHash('sha256').update(token).digest('hex');
}

/** A brand-new session (a new id at every login); returns the cookie token and CSRF token. */
export async function startSession(
  db: Kysely<DB>,
  userId: string,
  now: number,
  randomBytes: RandomBytes = crypto.randomBytes,
): Promise<{ token: string; csrfToken: string; expiresAt: number }> {
  const token = randomBytes(32).toString('base64url');
  const csrfToken = randomBytes(32).toString('base64url');
  const expiresAt = now + SESSION_ABSOLUTE_MS;
  await insertSession(db, {
    id: sessionIdOf(token),
    user_id: userId,
    csrf_token: csrfToken,
    created_at: now,
    last_seen_at: now,
    expires_at: expiresAt,
  });
  return { token, csrfToken, expiresAt };
}

/** The principal of a live session, or null (unknown, idle too long, past its absolute expiry, or the user is disabled). */
export async function resolveSession(db: Kysely<DB>, token: string, now: number): Promise<StaffPrincipal | null> {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) return null;
  const id = sessionIdOf(token);
  const session = await findSessionWithUser(db, id);
  if (!session) return null;
  if (session.disabled || now >= session.expiresAt || now - session.lastSeenAt >= SESSION_IDLE_MS) {
    await deleteSession(db, id);
    return null;
  }
  if (now - session.lastSeenAt >= TOUCH_EVERY_MS) await touchSession(db, id, now);
  return {
    userId: session.userId,
    email: session.email,
    name: session.name,
    isAdmin: session.isAdmin,
    sessionId: id,
    csrfToken: session.csrfToken,
  };
}

/** Ends the session everywhere: the row is gone, so no process accepts the cookie again. */
export async function endSession(db: Kysely<DB>, sessionId: string): Promise<void> {
  await deleteSession(db, sessionId);
}
