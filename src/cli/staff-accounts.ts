import type { Command } from 'commander';
import { listStaffUsers } from '../staff/list-staff-users.ts';
import { updateStaffUser } from '../staff/update-staff-user.ts';
import type { StaffUserJson } from '../staff/staff-user-json.ts';
import { action, currentConfig, withDatabase } from './run-command.ts';
import { readPassword } from './staff-create.ts';

function describeUser(u: StaffUserJson): string {
  const flags = [u.admin ? 'admin' : '', u.disabled ? 'DISABLED' : ''].filter(Boolean).join(', ');
  const roles = u.memberships.map((m) => `${m.role} of ${m.restaurant}`).join(', ');
  return [u.email, u.name, flags || '-', roles || '-'].join('\t');
}

async function change(email: string, patch: { password?: string; disabled?: boolean }): Promise<StaffUserJson> {
  const config = currentConfig();
  return withDatabase(config, (database) => updateStaffUser({ db: database.db, clock: Date.now }, { email, ...patch }));
}

/** `staff list`, `staff passwd`, `staff disable`, `staff enable` (SPEC §9.2). */
export function registerStaffAccountCommands(staff: Command): void {
  staff
    .command('list')
    .description('list staff users: email, name, admin / disabled, memberships')
    .action(
      action(async () => {
        const users = await withDatabase(currentConfig(), (database) => listStaffUsers({ db: database.db }));
        console.log(['email', 'name', 'flags', 'memberships'].join('\t'));
        for (const user of users) console.log(describeUser(user));
      }),
    );
  staff
    .command('passwd')
    .description("set a staff user's password (prompt or TABLEBOOKINGS_PASSWORD); ends their sessions")
    .requiredOption('--email <email>', 'the sign-in email')
    .action(
      action(async (options: { email: string }) => {
        const user = await change(options.email, { password: await readPassword() });
        console.log(`password changed for ${user.email}; their sessions have ended`);
      }),
    );
  staff
    .command('disable')
    .description('disable a staff user: they cannot sign in and their sessions end at once')
    .requiredOption('--email <email>', 'the sign-in email')
    .action(
      action(async (options: { email: string }) => {
        const user = await change(options.email, { disabled: true });
        console.log(`disabled ${user.email}`);
      }),
    );
  staff
    .command('enable')
    .description('enable a disabled staff user again')
    .requiredOption('--email <email>', 'the sign-in email')
    .action(
      action(async (options: { email: string }) => {
        const user = await change(options.email, { disabled: false });
        console.log(`enabled ${user.email}`);
      }),
    );
}
