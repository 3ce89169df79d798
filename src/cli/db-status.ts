import type { Command } from 'commander';
import { migrationStatus } from '../db/migrate.ts';
import fs from 'node:fs';
import { parseDatabaseUrl, redactUrl } from '../config/database-url.ts';
import { MIGRATIONS } from '../db/migrate.ts';
import { action, currentConfig, withDatabase } from './run-command.ts';

export function registerDbStatus(db: Command): void {
  db.command('status')
    .description('list migrations and whether each is applied')
    .action(
      action(async () => {
        const config = currentConfig();
        const parsed = parseDatabaseUrl(config.databaseUrl);
        if (parsed.backend === 'sqlite' && parsed.file !== ':memory:' && !fs.existsSync(parsed.file!)) {
          // Looking must not create the file.
          console.log(`database: ${config.databaseUrl} (no file yet)`);
          for (const name of Object.keys(MIGRATIONS)) console.log(`pending  ${name}`);
          console.log('run `tablebookings db migrate` (or just `tablebookings serve`) to create it');
          return;
        }
        const states = await withDatabase(config, (database) => migrationStatus(database.db));
        console.log(`database: ${redactUrl(config.databaseUrl)}`);
        for (const m of states) {
          console.log(
            `${m.executedAt ? 'applied' : 'pending'}  ${m.name}${m.executedAt ? `  (${m.executedAt.toISOString()})` : ''}`,
          );
        }
        const pending = states.filter((m) => !m.executedAt).length;
        console.log(pending ? `${pending} pending: run \`tablebookings db migrate\`` : 'schema is up to date');
      }),
    );
}
