import type { Command } from 'commander';
import { migrationStatus } from '../db/migrate.ts';
import { redactUrl } from '../db/database-url.ts';
import { action, currentConfig, withDatabase } from './run-command.ts';

export function registerDbStatus(db: Command): void {
  db.command('status')
    .description('list migrations and whether each is applied')
    .action(
      action(async () => {
        const config = currentConfig();
        const states = await withDatabase(config, (database) => migrationStatus(database.db));
        console.log(`database: ${redactUrl(config.databaseUrl)}`);
        for (const m of states) {
          console.log(`${m.executedAt ? 'applied' : 'pending'}  ${m.name}${m.executedAt ? `  (${m.executedAt.toISOString()})` : ''}`);
        }
        const pending = states.filter((m) => !m.executedAt).length;
        console.log(pending ? `${pending} pending: run \`tablebookings db migrate\`` : 'schema is up to date');
      }),
    );
}
