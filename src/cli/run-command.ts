import os from 'node:os';
import { loadConfig, type Config } from '../config.ts';
import { createDb, type Database } from '../db/connect.ts';
import { redactUrl } from '../config/database-url.ts';
import { UserError, describeError } from '../server/describe-error.ts';

/** A failure the user can act on: printed as one line, exit code 1. */
export class CliError extends UserError {}

export function fail(message: string): never {
  throw new CliError(message);
}

export function currentConfig(): Config {
  return loadConfig(process.env, process.cwd(), os.availableParallelism());
}

/** Opens the configured database, runs `fn`, always closes it. */
export async function withDatabase<T>(
  config: Config,
  fn: (database: Database) => Promise<T>,
  url = config.databaseUrl,
): Promise<T> {
  const database = createDb(url, { poolMax: 2 });
  try {
    return await fn(database);
  } finally {
    await database.close().catch(() => {});
  }
}

/** Wraps a command action: errors become one line on stderr and exit code 1. */
export function action<A extends unknown[]>(fn: (...args: A) => Promise<void>): (...args: A) => Promise<void> {
  return async (...args: A) => {
    try {
      await fn(...args);
    } catch (error) {
      process.stderr.write(`tablebookings: ${describeError(error)}\n`);
      if (process.env.DEBUG_CLI) console.error(error);
      process.exitCode = 1;
    }
  };
}

export { redactUrl };
