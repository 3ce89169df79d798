import type { Kysely } from 'kysely';
import { v7 as uuidv7 } from 'uuid';
import type { DB } from '../db/schema.ts';
import { DomainError, validationError } from '../domain/errors.ts';
import { isUniqueViolation } from '../db/errors.ts';
import { retryConflictsOnly, runTransaction } from '../db/run-transaction.ts';
import { findStaffUserByEmail, insertStaffUser, normalizeEmail } from '../db/queries/staff-users.ts';
import { findRestaurantRef } from '../db/queries/restaurant-admin.ts';
import { upsertMembership } from '../db/queries/staff-memberships.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import type { StaffRole } from '../domain/types.ts';
import { LIMITS } from '../domain/limits.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export interface NewStaffUser {
  email: string;
  name?: string;
  admin?: boolean;
  /** a password getter, so an existing user is never prompted for one */
  password: () => Promise<string>;
  restaurant?: string;
  role?: StaffRole;
}

export type StaffCreateOutcome = 'created' | 'membership-added' | 'membership-updated';

function checkInput(input: NewStaffUser): void {
  const email = normalizeEmail(input.email);
  if (!EMAIL.test(email) || email.length > 254)
    throw validationError('email', `"${input.email}" is not a valid email address`);
  if (input.name !== undefined && [...input.name].length > LIMITS.name)
    throw validationError('name', `the name must be at most ${LIMITS.name} characters`);
  if ((input.restaurant === undefined) !== (input.role === undefined)) {
    throw new DomainError('validation', '--restaurant and --role go together');
  }
  if (input.role !== undefined && input.role !== 'manager' && input.role !== 'host') {
    throw new DomainError('validation', `the role must be manager or host (got "${input.role}")`);
  }
}

async function restaurantIdOf(db: Kysely<DB>, slug: string | undefined): Promise<string | undefined> {
  if (slug === undefined) return undefined;
  const restaurant = await findRestaurantRef(db, slug);
  if (!restaurant) throw new DomainError('not_found', `there is no restaurant "${slug}"`);
  return restaurant.id;
}

/**
 * `staff create`: a new user (with an optional membership), or — when the user exists and a
 * restaurant and role are given — the membership alone.
 */
export async function createStaffUser(db: Kysely<DB>, input: NewStaffUser, now: number): Promise<StaffCreateOutcome> {
  checkInput(input);
  const restaurantId = await restaurantIdOf(db, input.restaurant);
  const existing = await findStaffUserByEmail(db, input.email);
  if (existing) {
    if (!restaurantId || !input.role)
      throw new DomainError('conflict', `the staff user ${normalizeEmail(input.email)} already exists`);
    const outcome = await upsertMembership(db, restaurantId, existing.id, input.role, now);
    return outcome === 'added' ? 'membership-added' : 'membership-updated';
  }
  const password = await input.password();
  const problem = passwordProblem(password, input.email);
  if (problem) throw validationError('password', problem);
  const id = uuidv7();
  const email = normalizeEmail(input.email);
  const passwordHash = await hashPassword(password);
  try {
    await runTransaction(
      db,
      async (trx) => {
        await insertStaffUser(trx, {
          id,
          email,
          name: input.name?.trim() || email.split('@')[0],
          password_hash: passwordHash,
          is_admin: input.admin ? 1 : 0,
          created_at: now,
        });
        if (restaurantId && input.role) await upsertMembership(trx, restaurantId, id, input.role, now);
      },
      retryConflictsOnly,
    );
  } catch (error) {
    if (isUniqueViolation(error)) throw new DomainError('conflict', `the staff user ${email} already exists`);
    throw error;
  }
  return 'created';
}
