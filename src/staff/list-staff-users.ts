import { listStaffUsers as listRows } from '../db/queries/staff-users.ts';
import { listAllMemberships } from '../db/queries/staff-memberships.ts';
import type { StaffServices } from './staff-services.ts';
import { presentStaffUser, type StaffUserJson } from './staff-user-json.ts';

/** Every staff user with their memberships, by email (admin API and `staff list`). */
export async function listStaffUsers(services: Pick<StaffServices, 'db'>): Promise<StaffUserJson[]> {
  const [rows, memberships] = await Promise.all([listRows(services.db), listAllMemberships(services.db)]);
  return rows.map((row) => presentStaffUser(row, memberships.get(row.id) ?? []));
}
