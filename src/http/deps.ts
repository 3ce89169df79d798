import type { Config } from '../config.ts';
import type { Database } from '../db/connect.ts';
import type { ReadDatabase } from '../db/read-replica.ts';

/** Everything a request handler may use, passed in explicitly (no globals). */
export interface AppDeps {
  config: Config;
  database: Database;
  /** DATABASE_READ_URL: reads that may come from a replica (see http/read-routing.ts) */
  readDatabase?: ReadDatabase;
  /** the clock, epoch ms; tests pass a fixed one */
  clock: () => number;
  /** random bytes (tests may make them deterministic) */
  randomBytes?: (n: number) => Buffer;
  /** runtime state shared with the server (draining during shutdown) */
  state?: { draining: boolean };
  /** pino options or false to silence logs (tests) */
  logger?: boolean | Record<string, unknown>;
}
