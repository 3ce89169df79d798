import type { StaffUserRow } from '../db/queries/staff-users.ts';
import type { StaffRole } from '../domain/types.ts';

/** A staff user as the admin API shows it (SPEC §9.2); never the password hash. */
export interface StaffUserJson {
  email: string;
  name: string;
  admin: boolean;
  disabled: boolean;
  memberships: { restaurant: string; role: StaffRole }[];
}

export function presentStaffUser(row: StaffUserRow, memberships: StaffUserJson['memberships']): StaffUserJson {
  return {
    email: row.email,
    name: row.name,
    admin: Number(row.is_admin) === 1,
    disabled: Number(row.disabled) === 1,
    memberships,
  };
}
