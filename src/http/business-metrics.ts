import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AppMetrics, BookingOutcome, BookingSource } from '../services/app-metrics.ts';

/**
 * The business counters that follow from the answer the HTTP layer presents (the one place
 * that knows statuses): booking creates by source and outcome, every 409, every 429, refused
 * sign-ins, holds taken / refused / released. Keyed by method and route pattern, so route
 * modules stay as they are; test/scale/metrics.test.ts checks that every pattern here exists.
 */

type Classify = (request: FastifyRequest) => BookingSource;

export const BOOKING_CREATE_ROUTES: Record<string, Classify> = {
  'POST /api/v1/restaurants/:slug/bookings': (request) => ((request as { staff?: unknown }).staff ? 'staff' : 'api'),
  'POST /r/:slug/book': () => 'web',
  'POST /staff/:slug/bookings': () => 'staff',
};

export const LOGIN_ROUTES = new Set(['POST /api/v1/auth/login', 'POST /staff/login']);
export const HOLD_ROUTES = { take: 'POST /api/v1/restaurants/:slug/holds', release: 'DELETE /api/v1/holds/:holdId' };

function bookingOutcome(reply: FastifyReply): BookingOutcome {
  const status = reply.statusCode;
  if (status < 400) return reply.getHeader('idempotent-replayed') === 'true' ? 'replayed' : 'created';
  if (status === 409) return 'conflict';
  if (status === 429) return 'rate_limited';
  if (status === 404) return 'not_found';
  if (status === 401 || status === 403) return 'refused';
  if (status >= 500) return 'error';
  return 'invalid';
}

function countHold(metrics: AppMetrics, key: string, status: number): void {
  if (key === HOLD_ROUTES.take && status === 201) metrics.holds('taken');
  else if (key === HOLD_ROUTES.take && status === 409) metrics.holds('unavailable');
  else if (key === HOLD_ROUTES.release && status === 204) metrics.holds('released');
}

export function countBusinessOutcomes(app: FastifyInstance, metrics: AppMetrics): void {
  app.addHook('onResponse', async (request, reply) => {
    const route = request.routeOptions.url ?? 'unmatched';
    const key = `${request.method} ${route}`;
    const status = reply.statusCode;
    if (status === 409) metrics.conflict(route);
    if (status === 429)
      metrics.rateLimited(LOGIN_ROUTES.has(key) ? 'login' : key in BOOKING_CREATE_ROUTES ? 'booking' : route);
    const source = Object.hasOwn(BOOKING_CREATE_ROUTES, key) ? BOOKING_CREATE_ROUTES[key](request) : undefined;
    if (source) metrics.bookingCreate(source, bookingOutcome(reply));
    if (LOGIN_ROUTES.has(key) && (status === 401 || status === 403 || status === 422))
      metrics.loginRefused('invalid_credentials');
    if (LOGIN_ROUTES.has(key) && status === 429) metrics.loginRefused('throttled');
    countHold(metrics, key, status);
  });
}
