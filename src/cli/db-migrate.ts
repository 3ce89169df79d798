import type { Command } from 'commander';
import { migrateToLatest } from '../db/migrate.ts';
import { action, currentConfig, withDatabase } from './run-command.ts';

export function registerDbMigrate(db: Command): void {
  db.command('migrate')
    .description('apply pending migrations (safe when several hosts run it at once)')
    .action(
      action(async () => {
        const config = currentConfig();
        const applied = await withDatabase(config, (database) => migrateToLatest(database.db));
        if (applied.length === 0) console.log('schema is up to date');
        for (const name of applied) console.log(`applied ${name}`);
      }),
    );
}
