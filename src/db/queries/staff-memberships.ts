import type { Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { isUniqueViolation } from '../errors.ts';
import type { StaffRole } from '../../domain/types.ts';

export interface MemberRow {
  email: string;
  name: string;
  role: StaffRole;
  userId: string;
}

/** Adds the membership or changes its role (insert, else update: portable upsert). */
export async function upsertMembership(
  db: Kysely<DB>,
  restaurantId: string,
  userId: string,
  role: StaffRole,
  now: number,
): Promise<'added' | 'updated'> {
  const updated = await db
    .updateTable('memberships')
    .set({ role })
    .where('restaurant_id', '=', restaurantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) > 0) return 'updated';
  try {
    await db
      .insertInto('memberships')
      .values({ restaurant_id: restaurantId, user_id: userId, role, created_at: now })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    // a concurrent add won the insert: ours becomes the role change
    await db
      .updateTable('memberships')
      .set({ role })
      .where('restaurant_id', '=', restaurantId)
      .where('user_id', '=', userId)
      .execute();
    return 'updated';
  }
  return 'added';
}

export async function deleteMembership(db: Kysely<DB>, restaurantId: string, userId: string): Promise<boolean> {
  const result = await db
    .deleteFrom('memberships')
    .where('restaurant_id', '=', restaurantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}

export async function listMembers(db: Kysely<DB>, restaurantId: string): Promise<MemberRow[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('staff_users', 'staff_users.id', 'memberships.user_id')
    .select(['staff_users.email', 'staff_users.name', 'memberships.role', 'staff_users.id as userId'])
    .where('memberships.restaurant_id', '=', restaurantId)
    .orderBy('staff_users.email')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as StaffRole }));
}

export async function listMembershipsOfUser(
  db: Kysely<DB>,
  userId: string,
): Promise<{ restaurant: string; name: string; role: StaffRole }[]> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('restaurants', 'restaurants.id', 'memberships.restaurant_id')
    .select(['restaurants.slug as restaurant', 'restaurants.name', 'memberships.role'])
    .where('memberships.user_id', '=', userId)
    .orderBy('restaurants.slug')
    .execute();
  return rows.map((r) => ({ ...r, role: r.role as StaffRole }));
}

/** Every membership of every user: user id → [{restaurant slug, role}], by slug. */
export async function listAllMemberships(
  db: Kysely<DB>,
): Promise<Map<string, { restaurant: string; role: StaffRole }[]>> {
  const rows = await db
    .selectFrom('memberships')
    .innerJoin('restaurants', 'restaurants.id', 'memberships.restaurant_id')
    .select(['memberships.user_id', 'restaurants.slug', 'memberships.role'])
    .orderBy('restaurants.slug')
    .execute();
  const byUser = new Map<string, { restaurant: string; role: StaffRole }[]>();
  for (const r of rows) {
    const list = byUser.get(r.user_id) ?? [];
    list.push({ restaurant: r.slug, role: r.role as StaffRole });
    byUser.set(r.user_id, list);
  }
  return byUser;
}

/** The user's role in the restaurant, or undefined when not a member. */
export async function findMembershipRole(
  db: Kysely<DB>,
  restaurantId: string,
  userId: string,
): Promise<StaffRole | undefined> {
  const row = await db
    .selectFrom('memberships')
    .select('role')
    .where('restaurant_id', '=', restaurantId)
    .where('user_id', '=', userId)
    .executeTakeFirst();
  return row?.role as StaffRole | undefined;
}
