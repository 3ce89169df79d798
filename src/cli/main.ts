import dotenv from 'dotenv';
import { Command } from 'commander';
import { packageVersion } from '../http/build-info.ts';

dotenv.config({ quiet: true });

type Register = (parent: Command) => void;

interface CommandGroup {
  /** a group (`db …`, `staff …`) gets its own parent command; undefined: registered at the top */
  description?: string;
  /** the modules that register it, loaded only when this word is the one being run */
  load(): Promise<Register[]>;
}

/**
 * Every top-level command word. Only the modules of the command being run are imported (the
 * others pull in the transfer code, the staff use cases…): `serve` and each of its workers start
 * faster (issue 12). Help, a typo or no command loads them all, so help lists everything.
 */
const COMMANDS: Record<string, CommandGroup> = {
  serve: { load: async () => [(await import('./serve.ts')).registerServe] },
  db: {
    description: 'database commands',
    load: async () => [
      (await import('./db-create.ts')).registerDbCreate,
      (await import('./db-migrate.ts')).registerDbMigrate,
      (await import('./db-status.ts')).registerDbStatus,
      (await import('./db-shell.ts')).registerDbShell,
      (await import('./db-copy.ts')).registerDbCopy,
      (await import('./db-dump.ts')).registerDbDump,
      (await import('./db-load.ts')).registerDbLoad,
    ],
  },
  demo: { load: async () => [(await import('./demo.ts')).registerDemo] },
  check: { load: async () => [(await import('./check.ts')).registerCheck] },
  staff: {
    description: 'staff user commands',
    load: async () => [
      (await import('./staff-create.ts')).registerStaffCreate,
      (await import('./staff-accounts.ts')).registerStaffAccountCommands,
    ],
  },
};

const program = new Command('tablebookings')
  .description('Restaurant table bookings: SQLite on a laptop, MySQL/MariaDB or PostgreSQL in production.')
  .version(packageVersion(), '-V, --version')
  .showHelpAfterError();

const word = process.argv[2];
const wanted = word !== undefined && Object.hasOwn(COMMANDS, word) ? [word] : Object.keys(COMMANDS);
for (const name of wanted) {
  const group = COMMANDS[name];
  const parent = group.description ? program.command(name).description(group.description) : program;
  for (const register of await group.load()) register(parent);
}

await program.parseAsync(process.argv);
