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
export async function hitRateLimit(db: Kysely<DB>, bucket: string, limit: number, windowMs: number, now: number): Promise<RateLimitResult> {
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
      await db.insertInto('rate_limits').values({ bucket: key, window_start: windowStart, hits: 1, expires_at: windowStart + windowMs }).execute();
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      await db.updateTable('rate_limits').set({ hits: sql`hits + 1` }).where('bucket', '=', key).where('window_start', '=', windowStart).execute();
    }
  }
  const row = await db.selectFrom('rate_limits').select('hits').where('bucket', '=', key).where('window_start', '=', windowStart).executeTakeFirst();
  const hits = Number(row?.hits ?? 1);
  return { allowed: hits <= limit, hits, retryAfterSeconds: Math.max(1, Math.ceil((windowStart + windowMs - now) / 1000)) };
}

/** Current hits without counting one (e.g. to refuse a login before checking the password). */
export async function peekRateLimit(db: Kysely<DB>, bucket: string, windowMs: number, now: number): Promise<number> {
  const windowStart = Math.floor(now / windowMs) * windowMs;
  const row = await db.selectFrom('rate_limits').select('hits').where('bucket', '=', bucket.slice(0, 191)).where('window_start', '=', windowStart).executeTakeFirst();
  return Number(row?.hits ?? 0);
}

export async function deleteExpiredRateLimits(db: Kysely<DB>, now: number): Promise<void> {
  await db.deleteFrom('rate_limits').where('expires_at', '<', now).execute();
}
