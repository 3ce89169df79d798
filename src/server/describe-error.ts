import { ConfigError } from '../config.ts';
import { DatabaseUrlError } from '../config/database-url.ts';
import { describeConnectError } from '../db/errors.ts';
import { DomainError } from '../domain/errors.ts';

/** A failure the user can act on: printed as one line, exit code 1. */
export class UserError extends Error {}

/** One readable line for any error; never a stack trace for expected failures. */
export function describeError(error: unknown): string {
  if (error instanceof UserError || error instanceof ConfigError) return error.message;
  if (error instanceof DatabaseUrlError) return `DATABASE_URL ${error.message}`;
  if (error instanceof DomainError) {
    const fields = error.errors?.map((e) => `${e.field} ${e.message}`).join('; ');
    return fields ? `${error.message} (${fields})` : error.message;
  }
  return `database error: ${describeConnectError(error)}`;
}
