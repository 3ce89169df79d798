import type { FastifyInstance } from 'fastify';
import { loadConfig, type Config } from '../../src/config.ts';
import type { Database } from '../../src/db/connect.ts';
import { buildApp } from '../../src/http/app.ts';
import { freshDatabase, type TestBackend } from './backends.ts';

export interface TestApp {
  app: FastifyInstance;
  database: Database;
  url: string;
  config: Config;
  clock: { now: number };
  close(): Promise<void>;
}

/** A real app on a fresh database of the backend, with a settable clock. */
export async function testApp(
  backend: TestBackend,
  env: Record<string, string> = {},
  now = Date.parse('2026-06-01T09:00:00Z'),
): Promise<TestApp> {
  const { url, database } = await freshDatabase(backend);
  const config = loadConfig({
    DATABASE_URL: url,
    SECRET_KEY: 'test-secret-key-0123456789abcdef',
    LOG_LEVEL: 'silent',
    LOGIN_RATE_LIMIT: '0',
    BOOKING_RATE_LIMIT: '0',
    ...env,
  });
  const clock = { now };
  const app = await buildApp({ config, database, clock: () => clock.now, logger: false });
  await app.ready();
  return {
    app,
    database,
    url,
    config,
    clock,
    async close() {
      await app.close();
      await database.close();
    },
  };
}
