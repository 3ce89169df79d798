import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { deleteExpiredIdempotencyRecords } from '../db/queries/idempotency.ts';
import { deleteExpiredRateLimits } from '../db/queries/rate-limits.ts';
import { deleteExpiredSessions } from '../db/queries/sessions.ts';
import { deleteOldOutboxRows } from '../db/queries/outbox.ts';
import { SESSION_IDLE_MS } from '../staff/sessions.ts';

const EVERY_MS = 10 * 60_000;

/** Deletes what has expired: idempotency records (kept 48 h), rate-limit windows, sessions, old outbox rows (sent 30 days, failed 90). */
export async function runHousekeeping(db: Kysely<DB>, now: number): Promise<void> {
  await deleteExpiredIdempotencyRecords(db, now);
  await deleteExpiredRateLimits(db, now);
  await deleteExpiredSessions(db, now, SESSION_IDLE_MS);
  await deleteOldOutboxRows(db, now);
}

/**
 * Runs housekeeping in every app process every ten minutes, at a random offset so that
 * processes do not all run it at once. Deletes are idempotent, so overlap is harmless.
 * Returns a stop function.
 */
export function startHousekeeping(db: Kysely<DB>, clock: () => number, onError: (error: unknown) => void): () => void {
  const run = () => runHousekeeping(db, clock()).catch(onError);
  const first = setTimeout(run, Math.random() * 60_000);
  const timer = setInterval(run, EVERY_MS);
  first.unref();
  timer.unref();
  return () => {
    clearTimeout(first);
    clearInterval(timer);
  };
}
