import { sql, type Kysely } from 'kysely';
import type { DB } from '../schema.ts';
import { isUniqueViolation } from '../errors.ts';

export interface RateLimitResult {
  allowed: boolean;
  hits: number;
  retryAfterSeconds: number;
}

/**
 * Counts one hit in a fixed window for `bucket`, in the database so that every process
 * and host shares the counter. Allowed while hits <= limit.
 */
export async function hitRateLimit(
  db: Kysely<DB>,
  bucket: string,
  limit: number,
  windowMs: number,
  now: number,
): Promise<RateLimitResult> {
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const key = bucket.slice(0, 191);
  const updated = await db
    .updateTable('rate_limits')
    .set({ hits: sql`hits + 1` })
    .where('bucket', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) {
    try {
      await db
        .insertInto('rate_limits')
        .values({ bucket: key, window_start: windowStart, hits: 1, expires_at: windowStart + windowMs })
        .execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await db
        .updateTable('rate_limits')
        .set({ hits: sql`hits + 1` })
        .where('bucket', '=', key)
        .where('window_start', '=', windowStart)
        .execute();
    }
  }
  const row = await db
    .selectFrom('rate_limits')
    .select('hits')
    .where('bucket', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  const hits = Number(row?.hits ?? 1);
  return {
    allowed: hits <= limit,
    hits,
    retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)),
  };
}

export async function deleteExpiredRateLimits(db: Kysely<DB>, now: number): Promise<void> {
  await db.deleteFrom('rate_limits').where('expires_at', '<', now).execute();
}

/**
 * Adds one to an existing counter and returns its new value, read in the same transaction
 * (the UPDATE holds the row lock, so the value is exactly ours); undefined when the row does
 * not exist yet (create it with ensureCounter, then bump again). Call inside a transaction.
 */
export async function bumpCounter(db: Kysely<DB>, bucket: string, windowStart: number): Promise<number | undefined> {
  const key = bucket.slice(0, 191);
  const updated = await db
    .updateTable('rate_limits')
    .set({ hits: sql`hits + 1` })
    .where('bucket', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) === 0) return undefined;
  const row = await db
    .selectFrom('rate_limits')
    .select('hits')
    .where('bucket', '=', key)
    .where('window_start', '=', windowStart)
    .executeTakeFirst();
  return Number(row?.hits ?? 1);
}

/** Creates the counter at 0 unless it exists (a concurrent creator winning is fine). */
export async function ensureCounter(
  db: Kysely<DB>,
  bucket: string,
  windowStart: number,
  expiresAt: number,
): Promise<void> {
  try {
    await db
      .insertInto('rate_limits')
      .values({ bucket: bucket.slice(0, 191), window_start: windowStart, hits: 0, expires_at: expiresAt })
      .execute();
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
}

/** Takes one back (e.g. a sign-in attempt that turned out to be right), never below 0. */
export async function refundCounter(db: Kysely<DB>, bucket: string, windowStart: number): Promise<void> {
  await db
    .updateTable('rate_limits')
    .set({ hits: sql`hits - 1` })
    .where('bucket', '=', bucket.slice(0, 191))
    .where('window_start', '=', windowStart)
    .where('hits', '>', 0)
    .execute();
}
