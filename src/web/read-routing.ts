import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Services } from '../services/services.ts';

/**
 * Read-your-writes with a read replica (DATABASE_READ_URL): a request that writes (any
 * method but GET/HEAD/OPTIONS) gets a short-lived signed cookie; while it lasts
 * (DATABASE_READ_MAX_LAG_S + 5 s), that client's reads go to the primary, and so does the
 * writing request itself. Everyone else reads from the replica while it is usable.
 * Without a replica nothing is set and every read uses the primary.
 */
export const WROTE_COOKIE = 'tb_wrote';
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function windowMs(services: Services): number {
  return (services.config.readMaxLagS + 5) * 1000;
}

export function installReadRouting(app: FastifyInstance, services: Services): void {
  if (!services.readDatabase) return;
  const secure = services.config.baseUrl.startsWith('https:');
  app.addHook('onRequest', async (request, reply) => {
    if (SAFE_METHODS.has(request.method)) return;
    reply.setCookie(WROTE_COOKIE, String(services.clock()), {
      path: '/',
      httpOnly: true,
      sameSite: 'lax',
      secure,
      signed: true,
      maxAge: Math.ceil(windowMs(services) / 1000),
    });
  });
}

/** The database this request reads from: the replica, unless it (or its client, lately) wrote. */
export function readDbFor(services: Services, request: FastifyRequest): Kysely<DB> {
  const read = services.readDatabase;
  if (!read || !SAFE_METHODS.has(request.method)) return services.db;
  const raw = request.cookies?.[WROTE_COOKIE];
  if (raw) {
    const cookie = request.unsignCookie(raw);
    const at = Number(cookie.value);
    if (cookie.valid && Number.isFinite(at) && services.clock() - at < windowMs(services)) return services.db;
  }
  return read.db;
}
