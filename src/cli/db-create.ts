import type { Command } from 'commander';
import { createDatabase } from '../db/create-database.ts';
import { parseDatabaseUrl, redactUrl } from '../config/database-url.ts';
import { action, currentConfig } from './run-command.ts';

export function registerDbCreate(db: Command): void {
  db.command('create')
    .description('create the database named in DATABASE_URL (utf8mb4 on MySQL; the file and its folder on SQLite)')
    .action(
      action(async () => {
        const config = currentConfig();
        const created = await createDatabase(config.databaseUrl);
        const { backend } = parseDatabaseUrl(config.databaseUrl);
        console.log(`${created ? 'created' : 'already exists'}: ${redactUrl(config.databaseUrl)} (${backend})`);
      }),
    );
}
