import type { Kysely } from 'kysely';
import type { DB, StaffUsersTable } from '../schema.ts';

export type StaffUserRow = StaffUsersTable;

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

export async function insertStaffUser(db: Kysely<DB>, row: StaffUserRow): Promise<void> {
  await db.insertInto('staff_users').values({ ...row, email: normalizeEmail(row.email) }).execute();
}
