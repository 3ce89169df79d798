import { pingDatabase } from '../../db/queries/health.ts';
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../services/services.ts';
import { isSchemaCurrent } from '../../db/migrate.ts';

const READY_TIMEOUT_MS = 2_000;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error('readiness check timed out')), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export function registerHealthRoutes(app: FastifyInstance, services: Services): void {
  let schemaKnownCurrent = false;

  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));

  app.get('/readyz', { schema: { hide: true } }, async (_request, reply) => {
    if (services.state?.draining) return reply.code(503).send({ status: 'draining' });
    try {
      await withTimeout(pingDatabase(services.db), READY_TIMEOUT_MS);
      if (!schemaKnownCurrent) schemaKnownCurrent = await withTimeout(isSchemaCurrent(services.db), READY_TIMEOUT_MS);
      if (!schemaKnownCurrent) return reply.code(503).send({ status: 'migrations pending', database: 'ok' });
      return { status: 'ready', database: 'ok' };
    } catch {
      return reply.code(503).send({ status: 'database unavailable' });
    }
  });
}
