import dotenv from 'dotenv';
import { Command } from 'commander';
import { registerServe } from './serve.ts';
import { registerDbCreate } from './db-create.ts';
import { registerDbMigrate } from './db-migrate.ts';
import { registerDbStatus } from './db-status.ts';
import { registerDbShell } from './db-shell.ts';
import { registerDbCopy } from './db-copy.ts';
import { registerDbDump } from './db-dump.ts';
import { registerDbLoad } from './db-load.ts';
import { registerStaffCreate } from './staff-create.ts';
import { registerStaffAccountCommands } from './staff-accounts.ts';
import { registerDemo } from './demo.ts';

dotenv.config({ quiet: true });

const program = new Command('tablebookings')
  .description('Restaurant table bookings: SQLite on a laptop, MySQL/MariaDB or PostgreSQL in production.')
  .showHelpAfterError();

registerServe(program);
const db = program.command('db').description('database commands');
registerDbCreate(db);
registerDbMigrate(db);
registerDbStatus(db);
registerDbShell(db);
registerDbCopy(db);
registerDbDump(db);
registerDbLoad(db);
registerDemo(program);
const staff = program.command('staff').description('staff user commands');
registerStaffCreate(staff);
registerStaffAccountCommands(staff);

await program.parseAsync(process.argv);
