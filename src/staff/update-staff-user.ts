import { DomainError, validationError } from '../domain/errors.ts';
import {
  findStaffUserByEmail,
  lockEnabledAdmins,
  updateStaffUser as updateRow,
  type StaffUserChanges,
  type StaffUserRow,
} from '../db/queries/staff-users.ts';
import { deleteSessionsOfUser } from '../db/queries/sessions.ts';
import { listMembershipsOfUser } from '../db/queries/staff-memberships.ts';
import { runTransaction } from '../db/run-transaction.ts';
import { hashPassword, passwordProblem } from './passwords.ts';
import type { StaffServices } from './staff-services.ts';
import { presentStaffUser, type StaffUserJson } from './staff-user-json.ts';
import { LIMITS } from '../domain/limits.ts';

export interface StaffUserPatch {
  email: string;
  name?: string;
  admin?: boolean;
  disabled?: boolean;
  password?: string;
  /** the session making the change: kept when users change their own password */
  keepSessionId?: string;
}

async function changesOf(patch: StaffUserPatch): Promise<StaffUserChanges> {
  const changes: StaffUserChanges = {};
  if (patch.name !== undefined) {
    const name = patch.name.trim();
    if (name === '' || [...name].length > LIMITS.name)
      throw validationError('name', `the name must be 1 to ${LIMITS.name} characters`);
    changes.name = name;
  }
  if (patch.admin !== undefined) changes.is_admin = patch.admin ? 1 : 0;
  if (patch.disabled !== undefined) changes.disabled = patch.disabled ? 1 : 0;
  if (patch.password !== undefined) {
    const problem = passwordProblem(patch.password, patch.email);
    if (problem) throw validationError('password', problem);
    changes.password_hash = await hashPassword(patch.password);
  }
  return changes;
}

/** True when the change takes an enabled admin away (demotes or disables one). */
function removesAnAdmin(user: StaffUserRow, changes: StaffUserChanges): boolean {
  const enabledAdmin = Number(user.is_admin) === 1 && Number(user.disabled) === 0;
  return enabledAdmin && (changes.is_admin === 0 || changes.disabled === 1);
}

/**
 * Changes a staff user (admin API, `staff passwd|disable|enable`). Disabling or a new
 * password ends the user's sessions at once (except keepSessionId). The last enabled admin
 * cannot be disabled or demoted: the enabled admins are write-locked in the transaction, so
 * two admins disabling each other at once cannot both succeed.
 */
export async function updateStaffUser(services: StaffServices, patch: StaffUserPatch): Promise<StaffUserJson> {
  const changes = await changesOf(patch);
  const row = await runTransaction(services.db, async (trx) => {
    const admins = await lockEnabledAdmins(trx);
    const user = await findStaffUserByEmail(trx, patch.email);
    if (!user) throw new DomainError('not_found', `There is no staff user ${patch.email}.`);
    if (removesAnAdmin(user, changes) && admins.filter((id) => id !== user.id).length === 0) {
      throw new DomainError('conflict', `${user.email} is the last enabled admin: make another admin first.`);
    }
    await updateRow(trx, user.id, changes);
    if (changes.disabled === 1) await deleteSessionsOfUser(trx, user.id);
    else if (changes.password_hash !== undefined) await deleteSessionsOfUser(trx, user.id, patch.keepSessionId);
    return { ...user, ...changes };
  });
  const memberships = await listMembershipsOfUser(services.db, row.id);
  return presentStaffUser(
    row,
    memberships.map((m) => ({ restaurant: m.restaurant, role: m.role })),
  );
}
