import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { DomainError } from '../domain/errors.ts';
import { findMembershipRole } from '../db/queries/staff-memberships.ts';
import type { StaffPrincipal } from './principal.ts';
import type { StaffRole } from '../domain/types.ts';

/** The user's role in a restaurant; a site admin counts as manager everywhere. */
export async function roleIn(db: Kysely<DB>, staff: StaffPrincipal, restaurantId: string): Promise<StaffRole | null> {
  if (staff.isAdmin) return 'manager';
  return (await findMembershipRole(db, restaurantId, staff.userId)) ?? null;
}

/** Throws unauthenticated (401) when signed out, forbidden (403) when the role is too low. */
export async function requireRole(
  db: Kysely<DB>,
  staff: StaffPrincipal | null,
  restaurantId: string,
  needed: StaffRole,
): Promise<StaffRole> {
  if (!staff) throw new DomainError('unauthenticated', 'Sign in as staff first.');
  const role = await roleIn(db, staff, restaurantId);
  if (!role || (needed === 'manager' && role !== 'manager')) {
    throw new DomainError('forbidden', `This needs the ${needed} role for this restaurant.`);
  }
  return role;
}
