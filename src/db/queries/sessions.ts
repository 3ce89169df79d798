import type { Kysely } from 'kysely';
import type { DB, SessionsTable } from '../schema.ts';

export interface SessionWithUser {
  id: string;
  userId: string;
  csrfToken: string;
  createdAt: number;
  lastSeenAt: number;
  expiresAt: number;
  email: string;
  name: string;
  isAdmin: boolean;
  disabled: boolean;
}

export async function insertSession(db: Kysely<DB>, row: SessionsTable): Promise<void> {
  await db.insertInto('sessions').values(row).execute();
}

export async function findSessionWithUser(db: Kysely<DB>, id: string): Promise<SessionWithUser | undefined> {
  const row = await db
    .selectFrom('sessions')
    .innerJoin('staff_users', 'staff_users.id', 'sessions.user_id')
    .select([
      'sessions.id',
      'sessions.user_id',
      'sessions.csrf_token',
      'sessions.created_at',
      'sessions.last_seen_at',
      'sessions.expires_at',
      'staff_users.email',
      'staff_users.name',
      'staff_users.is_admin',
      'staff_users.disabled',
    ])
    .where('sessions.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    userId: row.user_id,
    csrfToken: row.csrf_token,
    createdAt: Number(row.created_at),
    lastSeenAt: Number(row.last_seen_at),
    expiresAt: Number(row.expires_at),
    email: row.email,
    name: row.name,
    isAdmin: Number(row.is_admin) === 1,
    disabled: Number(row.disabled) === 1,
  };
}

export async function touchSession(db: Kysely<DB>, id: string, now: number): Promise<void> {
  await db.updateTable('sessions').set({ last_seen_at: now }).where('id', '=', id).execute();
}

export async function deleteSession(db: Kysely<DB>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

/** Removes sessions past their absolute expiry or idle for longer than idleMs. */
export async function deleteExpiredSessions(db: Kysely<DB>, now: number, idleMs: number): Promise<void> {
  await db
    .deleteFrom('sessions')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb('last_seen_at', '<', now - idleMs)]))
    .execute();
}

/** Ends every session of the user, except `keepId` when given. */
export async function deleteSessionsOfUser(db: Kysely<DB>, userId: string, keepId?: string): Promise<void> {
  let query = db.deleteFrom('sessions').where('user_id', '=', userId);
  if (keepId !== undefined) query = query.where('id', '<>', keepId);
  await query.execute();
}
