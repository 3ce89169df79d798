import type { Kysely } from 'kysely';
import type { DB, StaffUsersTable } from '../schema.ts';

export type StaffUserRow = StaffUsersTable;
export type StaffUserChanges = Partial<Pick<StaffUserRow, 'name' | 'is_admin' | 'disabled' | 'password_hash'>>;

/** Emails are stored and compared lower-cased and trimmed. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function findStaffUserByEmail(db: Kysely<DB>, email: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('email', '=', normalizeEmail(email)).executeTakeFirst();
}

export async function findStaffUserById(db: Kysely<DB>, id: string): Promise<StaffUserRow | undefined> {
  return db.selectFrom('staff_users').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function insertStaffUser(
  db: Kysely<DB>,
  row: Omit<StaffUserRow, 'disabled'> & { disabled?: number },
): Promise<void> {
  await db
    .insertInto('staff_users')
    .values({ disabled: 0, ...row, email: normalizeEmail(row.email) })
    .execute();
}

/** Every staff user, by email. */
export async function listStaffUsers(db: Kysely<DB>): Promise<StaffUserRow[]> {
  return db.selectFrom('staff_users').selectAll().orderBy('email').execute();
}

export async function updateStaffUser(db: Kysely<DB>, id: string, changes: StaffUserChanges): Promise<void> {
  if (Object.keys(changes).length === 0) return;
  await db.updateTable('staff_users').set(changes).where('id', '=', id).execute();
}

/** Replaces the hash only when it is still `oldHash` (a rehash on sign-in never undoes a password change). */
export async function replacePasswordHash(db: Kysely<DB>, id: string, oldHash: string, newHash: string): Promise<void> {
  await db
    .updateTable('staff_users')
    .set({ password_hash: newHash })
    .where('id', '=', id)
    .where('password_hash', '=', oldHash)
    .execute();
}

/**
 * Write-locks every enabled admin row (a no-op update: portable, and it makes concurrent
 * "last admin" checks wait for each other), then returns their ids. Call inside a transaction.
 */
export async function lockEnabledAdmins(db: Kysely<DB>): Promise<string[]> {
  await db
    .updateTable('staff_users')
    .set({ is_admin: 1 })
    .where('is_admin', '=', 1)
    .where('disabled', '=', 0)
    .execute();
  const rows = await db
    .selectFrom('staff_users')
    .select('id')
    .where('is_admin', '=', 1)
    .where('disabled', '=', 0)
    .execute();
  return rows.map((r) => r.id);
}
