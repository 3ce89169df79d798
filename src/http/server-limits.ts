import { Type } from '@sinclair/typebox';
import type { FastifyInstance } from 'fastify';

/**
 * Slow clients must not hold connections (issue 11, item 9). Node checks the header and
 * request deadlines on an interval, so the interval scales with the deadline.
 * - requestTimeout (REQUEST_TIMEOUT_S, default 30 s): headers and body must have arrived;
 *   a trickling body is answered 408 and the connection closed.
 * - headersTimeout: the headers alone, at most 10 s.
 * - keepAliveTimeout 72 s: longer than an AWS ALB's 60 s idle timeout, so the balancer, not the
 *   app, closes idle keep-alive connections (no race on a reused socket).
 * - connectionTimeout 120 s: any socket silent that long is destroyed.
 */
export function serverTimeouts(requestTimeoutMs: number) {
  return {
    requestTimeout: requestTimeoutMs,
    connectionTimeout: 120_000,
    keepAliveTimeout: 72_000,
    http: {
      headersTimeout: Math.min(10_000, requestTimeoutMs),
      connectionsCheckingInterval: Math.min(5_000, Math.max(100, Math.floor(requestTimeoutMs / 4))),
    },
  };
}

/** A client's own X-Request-Id is not our log id; it is kept, bounded and printable, beside it. */
export function clientRequestId(header: unknown): { clientRequestId?: string } {
  if (typeof header !== 'string' || header === '') return {};
  return { clientRequestId: header.slice(0, 128).replace(/[^\x20-\x7e]/g, '?') };
}

/** Routes that read no query parameter of their own still get a schema (they ignore the rest). */
const IgnoredQuery = Type.Object({}, { additionalProperties: true, description: 'no query parameters' });

/**
 * Every route has a query-string schema: route modules declare the parameters they read (so a
 * repeated one, which arrives as an array, is a 422); this fills in the rest.
 */
export function installDefaultQuerySchema(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    const schema = (route.schema ?? {}) as { querystring?: unknown };
    if (schema.querystring) return;
    route.schema = { ...schema, querystring: IgnoredQuery };
  });
}
