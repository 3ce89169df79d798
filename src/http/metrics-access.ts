import crypto from 'node:crypto';
import type { FastifyRequest } from 'fastify';

const LOOPBACK = /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|::1|::ffff:127\.\d{1,3}\.\d{1,3}\.\d{1,3})$/;

function sameSecret(given: string, expected: string): boolean {
  const a = crypto.createHash('sha256').update(given).digest();
  const b = crypto.createHash('sha256').update(expected).digest();
  return crypto.timingSafeEqual(a, b);
}

/**
 * Who may read /metrics (SPEC §9.4): a loopback client (the address after TRUST_PROXY, and no
 * forwarding header: a balancer on the same host would otherwise make everyone loopback), or
 * anyone sending `Authorization: Bearer $METRICS_TOKEN` when that is set. Others get a 404.
 */
export function mayReadMetrics(request: FastifyRequest, metricsToken: string | undefined): boolean {
  const auth = request.headers.authorization;
  if (metricsToken && typeof auth === 'string') {
    const match = /^Bearer\s+(.+)$/i.exec(auth.trim());
    if (match && sameSecret(match[1].trim(), metricsToken)) return true;
  }
  const forwarded = request.headers['x-forwarded-for'] !== undefined || request.headers.forwarded !== undefined;
  return !forwarded && LOOPBACK.test(request.ip) && LOOPBACK.test(request.socket?.remoteAddress ?? request.ip);
}
