import { DomainError, validationError } from '../domain/errors.ts';
import { findStaffUserById } from '../db/queries/staff-users.ts';
import { verifyPassword } from './passwords.ts';
import type { StaffPrincipal } from './principal.ts';
import type { StaffServices } from './staff-services.ts';
import { updateStaffUser } from './update-staff-user.ts';

export interface ChangePasswordInput {
  staff: StaffPrincipal;
  currentPassword: string;
  newPassword: string;
}

/** POST /auth/password: the signed-in user's own password; every OTHER session of theirs ends. */
export async function changePassword(services: StaffServices, input: ChangePasswordInput): Promise<void> {
  const user = await findStaffUserById(services.db, input.staff.userId);
  if (!user) throw new DomainError('unauthenticated', 'Sign in as staff first.');
  if (!(await verifyPassword(input.currentPassword, user.password_hash))) {
    throw validationError('currentPassword', 'the current password is not correct');
  }
  if (input.newPassword === input.currentPassword)
    throw validationError('newPassword', 'the new password must differ from the current one');
  try {
    await updateStaffUser(services, {
      email: user.email,
      password: input.newPassword,
      keepSessionId: input.staff.sessionId,
    });
  } catch (error) {
    if (error instanceof DomainError && error.errors?.[0]?.field === 'password') {
      throw validationError('newPassword', error.errors[0].message);
    }
    throw error;
  }
}
