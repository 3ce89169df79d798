import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { AppDeps } from './deps.ts';

/**
 * Read-your-writes with a read replica (DATABASE_READ_URL): a request that writes (any
 * method but GET/HEAD/OPTIONS) gets a short-lived signed cookie; while it lasts
 * (DATABASE_READ_MAX_LAG_S + 5 s), that client's reads go to the primary, and so does the
 * writing request itself. Everyone else reads from the replica while it is usable.
 * Without a replica nothing is set and every read uses the primary.
 */
export const WROTE_COOKIE = 'tb_wrote';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function windowMs(deps: AppDeps): number {
  return (deps.config.readMaxLagS + 5) * 1000;
}

export function installReadRouting(app: FastifyInstance, deps: AppDeps): void {
  if (!deps.readDatabase) return;
  const secure = deps.config.baseUrl.startsWith('https:');
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    reply.setCookie(WROTE_COOKIE, String(deps.clock()), { path: '/', httpOnly: true, sameSite: 'lax', secure, signed: true, maxAge: Math.ceil(windowMs(deps) / 1000) });
  });
}

/** The database this request reads from: the replica, unless it (or its client, lately) wrote. */
export function readDbFor(deps: AppDeps, request: FastifyRequest): Kysely<DB> {
  const read = deps.readDatabase;
  if (!read || !SAFE_METHODS.has(request.method)) return deps.database.db;
  const raw = request.cookies?.[WROTE_COOKIE];
  if (raw) {
    const cookie = request.unsignCookie(raw);
    const at = Number(cookie.value);
    if (cookie.valid && Number.isFinite(at) && deps.clock() - at < windowMs(deps)) return deps.database.db;
  }
  return read.db;
}
