import readline from 'node:readline';
import { Writable } from 'node:stream';
import type { Command } from 'commander';
import { createStaffUser, type StaffCreateOutcome } from '../staff/accounts.ts';
import type { StaffRole } from '../domain/types.ts';
import { action, currentConfig, fail, withDatabase } from './run-command.ts';

interface StaffCreateOptions {
  email: string;
  name?: string;
  admin?: boolean;
  restaurant?: string;
  role?: string;
}

/** Asks for a line on the terminal without echoing it. */
function askHidden(question: string): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, callback) {
      if (!muted) process.stderr.write(chunk);
      callback();
    },
  });
  const rl = readline.createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve, reject) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stderr.write('\n');
      resolve(answer);
    });
    rl.on('SIGINT', () => {
      rl.close();
      reject(new Error('cancelled'));
    });
    muted = true;
  });
}

/** TABLEBOOKINGS_PASSWORD for scripts, else a hidden prompt asked twice. */
export async function readPassword(): Promise<string> {
  const fromEnv = process.env.TABLEBOOKINGS_PASSWORD;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (!process.stdin.isTTY) fail('no terminal to ask for a password: set TABLEBOOKINGS_PASSWORD');
  const first = await askHidden('Password: ').catch(() => fail('cancelled'));
  const second = await askHidden('Password (again): ').catch(() => fail('cancelled'));
  if (first !== second) fail('the two passwords do not match');
  return first;
}

const MESSAGES: Record<StaffCreateOutcome, (o: StaffCreateOptions) => string> = {
  created: (o) =>
    `created staff user ${o.email.trim().toLowerCase()}${o.admin ? ' (admin)' : ''}${o.restaurant ? ` as ${o.role} of ${o.restaurant}` : ''}`,
  'membership-added': (o) => `${o.email.trim().toLowerCase()} already exists; added as ${o.role} of ${o.restaurant}`,
  'membership-updated': (o) => `${o.email.trim().toLowerCase()} already exists; now ${o.role} of ${o.restaurant}`,
};

export function registerStaffCreate(staff: Command): void {
  staff
    .command('create')
    .description('create a staff user (like createsuperuser); password from a prompt or TABLEBOOKINGS_PASSWORD')
    .requiredOption('--email <email>', 'the sign-in email')
    .option('--name <name>', 'display name')
    .option('--admin', 'site-wide admin (manager of every restaurant, may create restaurants)')
    .option('--restaurant <slug>', 'make the user a member of this restaurant (with --role)')
    .option('--role <role>', 'manager or host (with --restaurant)')
    .action(
      action(async (options: StaffCreateOptions) => {
        if (options.role !== undefined && options.role !== 'manager' && options.role !== 'host') {
          fail(`--role must be manager or host (got "${options.role}")`);
        }
        if ((options.role === undefined) !== (options.restaurant === undefined))
          fail('--restaurant and --role go together');
        const config = currentConfig();
        const outcome = await withDatabase(config, (database) =>
          createStaffUser(
            database.db,
            { ...options, role: options.role as StaffRole | undefined, password: readPassword },
            Date.now(),
          ),
        );
        console.log(MESSAGES[outcome](options));
      }),
    );
}
