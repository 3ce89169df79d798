import crypto from 'node:crypto';
import type { FastifyInstance, FastifyRequest, RouteOptions } from 'fastify';
import type { Services } from '../services/services.ts';
import { DomainError } from '../domain/errors.ts';
import { resolveSession } from '../staff/sessions.ts';
import { isSameOrigin, sessionTokenOf } from '../web/session-cookie.ts';
import { requireRole } from '../staff/roles.ts';
import { findRestaurantRef, type RestaurantRef } from '../db/queries/restaurant-admin.ts';

/** Who may call a staff route: a site admin, or a manager / host of the restaurant in `:slug`. */
export type StaffRouteRole = 'admin' | 'manager' | 'host';

export interface StaffRouteInfo {
  method: string;
  url: string;
  staffRole: StaffRouteRole;
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** marks a staff route: the session hook authorizes it before validation */
    staffRole?: StaffRouteRole;
    /** false exempts a route from the CSRF token check (sign-in only: it checks Origin itself) */
    csrf?: boolean;
  }
  interface FastifyRequest {
    /** the restaurant of `:slug` on a staff route, once authorized */
    staffRestaurant: RestaurantRef | null;
  }
  interface FastifyInstance {
    /** every route registered with config.staffRole (the authorization matrix enumerates it) */
    staffRoutes: StaffRouteInfo[];
  }
}

/** Probes never touch sessions: they must answer even when the database is slow. */
const NO_SESSION_PATHS = /^\/(healthz|readyz|metrics)(\?|$)/;
const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

function submittedCsrfToken(request: FastifyRequest): string | undefined {
  const header = request.headers['x-csrf-token'];
  if (typeof header === 'string' && header) return header;
  const body = request.body as Record<string, unknown> | undefined;
  return body && typeof body === 'object' && typeof body._csrf === 'string' ? body._csrf : undefined;
}

function tokensMatch(given: string | undefined, expected: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && crypto.timingSafeEqual(a, b);
}

/** Every write carrying a live session cookie must come from this site and carry the CSRF token. */
function checkCsrf(request: FastifyRequest, baseUrl: string): void {
  if (!request.staff || !WRITE_METHODS.has(request.method)) return;
  if ((request.routeOptions.config as { csrf?: boolean } | undefined)?.csrf === false) return;
  if (!isSameOrigin(request, baseUrl)) {
    throw new DomainError(
      'forbidden',
      'This signed-in request did not come from this site (Origin or Referer missing or foreign).',
    );
  }
  if (!tokensMatch(submittedCsrfToken(request), request.staff.csrfToken)) {
    throw new DomainError(
      'forbidden',
      'The CSRF token is missing or wrong; send the csrfToken from /api/v1/auth/me as x-csrf-token.',
    );
  }
}

async function authorize(services: Services, request: FastifyRequest, role: StaffRouteRole): Promise<void> {
  const staff = request.staff;
  if (!staff) throw new DomainError('unauthenticated', 'Sign in as staff first.');
  if (role === 'admin') {
    if (!staff.isAdmin) throw new DomainError('forbidden', 'Only a site admin may do this.');
    return;
  }
  const slug = (request.params as { slug?: string } | undefined)?.slug;
  const restaurant = typeof slug === 'string' ? await findRestaurantRef(services.db, slug) : undefined;
  if (!restaurant) throw new DomainError('not_found', `There is no restaurant "${slug}".`);
  await requireRole(services.db, staff, restaurant.id, role);
  request.staffRestaurant = restaurant;
}

function addAuthorization(services: Services, route: RouteOptions, role: StaffRouteRole): void {
  const hook = async (request: FastifyRequest) => authorize(services, request, role);
  const existing = route.preValidation;
  route.preValidation = [
    hook,
    ...(existing ? (Array.isArray(existing) ? existing : [existing]) : []),
  ] as RouteOptions['preValidation'];
}

/**
 * Loads the signed-in staff member into request.staff, enforces CSRF on cookie-authenticated
 * writes, and authorizes every route registered with config.staffRole. Install before routes.
 */
export function installSessionHook(app: FastifyInstance, services: Services): void {
  app.decorate('staffRoutes', [] as StaffRouteInfo[]);
  app.decorateRequest('staffRestaurant', null);
  app.addHook('onRoute', (route) => {
    const role = (route.config as { staffRole?: StaffRouteRole } | undefined)?.staffRole;
    if (!role) return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.staffRoutes.push({ method, url: route.url, staffRole: role });
    }
    addAuthorization(services, route, role);
  });
  app.addHook('onRequest', async (request) => {
    request.staff = null;
    if (NO_SESSION_PATHS.test(request.url)) return;
    const token = sessionTokenOf(request, services.config.baseUrl);
    if (token) request.staff = await resolveSession(services.db, token, services.clock());
  });
  app.addHook('preValidation', async (request) => checkCsrf(request, services.config.baseUrl));
}
