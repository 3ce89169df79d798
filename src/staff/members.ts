import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import { findStaffUserByEmail } from '../db/queries/staff-users.ts';
import { deleteMembership, listMembers, upsertMembership } from '../db/queries/staff-memberships.ts';
import type { StaffRole } from '../domain/types.ts';

export interface MemberView {
  email: string;
  name: string;
  role: StaffRole;
}

export async function listRestaurantMembers(db: Kysely<DB>, restaurantId: string): Promise<MemberView[]> {
  return (await listMembers(db, restaurantId)).map(({ email, name, role }) => ({ email, name, role }));
}

async function requireUser(db: Kysely<DB>, email: string) {
  const user = await findStaffUserByEmail(db, email);
  if (!user) {
    throw new DomainError(
      'not_found',
      `There is no staff user ${email}; create it with \`tablebookings staff create --email ${email}\` first.`,
    );
  }
  return user;
}

/** Adds a member or changes their role; 'added' → 201, 'updated' → 200. */
export async function setMember(
  db: Kysely<DB>,
  restaurantId: string,
  email: string,
  role: StaffRole,
  now: number,
): Promise<{ member: MemberView; outcome: 'added' | 'updated' }> {
  const user = await requireUser(db, email);
  const outcome = await upsertMembership(db, restaurantId, user.id, role, now);
  return { member: { email: user.email, name: user.name, role }, outcome };
}

export async function removeMember(db: Kysely<DB>, restaurantId: string, email: string): Promise<void> {
  const user = await requireUser(db, email);
  if (!(await deleteMembership(db, restaurantId, user.id))) {
    throw new DomainError('not_found', `${email} is not a member of this restaurant.`);
  }
}
