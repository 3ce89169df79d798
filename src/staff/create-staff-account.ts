import { findStaffUserByEmail } from '../db/queries/staff-users.ts';
import { DomainError } from '../domain/errors.ts';
import { createStaffUser } from './accounts.ts';
import type { StaffServices } from './staff-services.ts';
import { presentStaffUser, type StaffUserJson } from './staff-user-json.ts';

export interface NewStaffAccount {
  email: string;
  name?: string;
  password: string;
  admin?: boolean;
}

/** POST /api/v1/staff (admin): a new account; 409 when the email is taken, 422 for a weak password. */
export async function createStaffAccount(services: StaffServices, input: NewStaffAccount): Promise<StaffUserJson> {
  if (await findStaffUserByEmail(services.db, input.email))
    throw new DomainError('conflict', `The staff user ${input.email.trim().toLowerCase()} already exists.`);
  await createStaffUser(
    services.db,
    { email: input.email, name: input.name, admin: input.admin, password: async () => input.password },
    services.clock(),
  );
  const row = await findStaffUserByEmail(services.db, input.email);
  if (!row) throw new DomainError('not_found', 'The new staff user vanished.');
  return presentStaffUser(row, []);
}
