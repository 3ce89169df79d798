import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { isRetryableTransactionError, isUniqueViolation } from '../db/errors.ts';

/** Thrown inside a transaction to roll it back and try again (e.g. a row changed under us). */
export class RetryTransaction extends Error {}

/**
 * Runs `work` in a transaction, again from the start when it lost a race: a unique
 * violation on the occupancy cells (another booking took the table first), a deadlock,
 * a serialisation failure, or an explicit RetryTransaction. Each retry re-reads state.
 */
export async function runTransaction<T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>, attempt: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean = (e) => isUniqueViolation(e) || isRetryableTransactionError(e),
  maxAttempts = 12,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await db.transaction().execute((trx) => work(trx, attempt));
    } catch (error) {
      const retry = error instanceof RetryTransaction || isRetryable(error);
      if (!retry || attempt >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 5 * attempt));
    }
  }
}
