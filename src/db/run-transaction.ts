import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import { classifyDbError } from '../db/errors.ts';

/** Thrown inside a transaction to roll it back and try again (e.g. a row changed under us). */
export class RetryTransaction extends Error {}

/**
 * For writes whose unique violations are answers (a taken label, slug or date → 409), not
 * lost races: retry deadlocks, lock timeouts and serialisation failures only.
 */
export const retryConflictsOnly = (error: unknown): boolean => classifyDbError(error) === 'retry';

/** Connection losses retried on a new connection before the error reaches the caller (→ 503). */
const MAX_RECONNECTS = 3;

/**
 * Runs `work` in a transaction, again from the start when it lost a race: a unique
 * violation on the occupancy cells (another booking took the table first), a deadlock
 * (on Galera also a certification failure at COMMIT), a lock wait timeout, a
 * serialisation failure, or an explicit RetryTransaction. Each retry re-reads state.
 *
 * A lost connection (reset, node shut down, read-only after a failover, Galera node not
 * ready) before COMMIT is retried on a new connection, which the pool takes from a host
 * that answers. A connection lost DURING COMMIT is not retried here: the commit may or may
 * not have happened, so the caller gets the error (503) and the client retries with its
 * Idempotency-Key, whose record answers from whichever node committed.
 */
export async function runTransaction<T>(
  db: Kysely<DB>,
  work: (trx: Transaction<DB>, attempt: number) => Promise<T>,
  isRetryable: (error: unknown) => boolean = (e) => {
    const kind = classifyDbError(e);
    return kind === 'duplicate' || kind === 'retry';
  },
  maxAttempts = 12,
): Promise<T> {
  let reconnects = 0;
  for (let attempt = 1; ; attempt++) {
    let committing = false;
    try {
      return await db.transaction().execute(async (trx) => {
        const result = await work(trx, attempt);
        committing = true;
        return result;
      });
    } catch (error) {
      const reconnect = !committing && classifyDbError(error) === 'reconnect' && reconnects++ < MAX_RECONNECTS;
      const retry = reconnect || error instanceof RetryTransaction || isRetryable(error);
      if (!retry || attempt >= maxAttempts) throw error;
      const backoffMs = reconnect ? 50 * reconnects : Math.random() * 5 * attempt;
      await new Promise((resolve) => setTimeout(resolve, backoffMs));
    }
  }
}
