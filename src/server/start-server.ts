import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.ts';
import { createDb, type Database } from '../db/connect.ts';
import { createDatabase } from '../db/create-database.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { buildApp } from '../http/app.ts';

export interface RunningServer {
  app: FastifyInstance;
  database: Database;
  state: { draining: boolean };
  stop(): Promise<void>;
}

/** An embedded SQLite file needs nobody to run `db create` / `db migrate` first. */
export async function prepareEmbeddedDatabase(config: Config, database: Database): Promise<void> {
  if (database.backend !== 'sqlite') return;
  await createDatabase(config.databaseUrl);
  await migrateToLatest(database.db);
}

/** One app server process: database pool, app, listening socket, graceful stop. */
export async function startServer(config: Config, port = config.port, host = config.host): Promise<RunningServer> {
  const database = createDb(config.databaseUrl, { poolMax: config.poolMax });
  await prepareEmbeddedDatabase(config, database);
  const state = { draining: false };
  const app = await buildApp({ config, database, clock: Date.now, state });
  await app.listen({ port, host });
  let stopping: Promise<void> | undefined;
  const stop = () =>
    (stopping ??= (async () => {
      state.draining = true;
      await app.close(); // stops accepting, finishes requests in flight
      await database.close();
    })());
  return { app, database, state, stop };
}
