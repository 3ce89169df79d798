import type { Config } from '../config.ts';
import { createDb, type Database } from './connect.ts';
import { createDatabase } from './create-database.ts';
import { migrateToLatest } from './migrate.ts';

/** An embedded SQLite file needs nobody to run `db create` / `db migrate` first. */
export async function prepareEmbeddedDatabase(config: Config, database: Database): Promise<void> {
  if (database.backend !== 'sqlite') return;
  await createDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
}

/** Opens the database once, prepares it when it is an embedded file, closes it again. */
export async function prepareEmbeddedDatabaseOnce(config: Config): Promise<void> {
  const database = createDb(config.databaseUrl, { poolMax: 1 });
  try {
    await prepareEmbeddedDatabase(config, database);
  } finally {
    await database.close();
  }
}
