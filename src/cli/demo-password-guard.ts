import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Config } from '../config.ts';
import { accountsWithDemoPassword, demoPasswordAdvice } from '../staff/demo-credentials.ts';
import { fail, withDatabase } from './run-command.ts';

/**
 * Production `serve` refuses to start while a demo account still has the published demo
 * password (SPEC §9.4). When the database cannot be asked (down, not migrated yet), it says
 * so and starts: readiness reports the database, and `tablebookings check` repeats this test.
 */
export async function refuseDemoPasswordsInProduction(config: Config): Promise<void> {
  if (!config.production) return;
  let found: string[];
  try {
    found = await withDatabase(config, (database) => accountsWithDemoPassword(database.db));
  } catch (error) {
    process.stderr.write(
      `tablebookings: warning: could not check staff accounts for the demo password: ${(error as Error).message}\n`,
    );
    return;
  }
  if (found.length) fail(`refusing to start with NODE_ENV=production: ${demoPasswordAdvice(found)}`);
}

/** After `db copy` / `db load`: a loud warning when the copied data holds demo accounts with the demo password. */
export async function warnAboutDemoAccounts(db: Kysely<unknown>, where: string): Promise<void> {
  const found = await accountsWithDemoPassword(db as unknown as Kysely<DB>);
  if (found.length === 0) return;
  const lines = [
    '',
    `*** WARNING: ${where} now holds demo staff accounts with the PUBLISHED demo password (it is in the README).`,
    '*** Anyone can sign in as them. A production server (NODE_ENV=production) refuses to start until each is fixed:',
    ...demoPasswordAdvice(found)
      .split('\n')
      .map((line) => `***   ${line}`),
    '',
  ];
  process.stderr.write(lines.join('\n') + '\n');
}
