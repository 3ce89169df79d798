import crypto from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import type { AppDeps } from './deps.ts';
import { DomainError } from '../domain/errors.ts';
import { resolveSession, SESSION_COOKIE, SESSION_ABSOLUTE_MS } from '../staff/sessions.ts';
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

/**
 * The session cookie's name and Secure flag. An https site (BASE_URL, SPEC §9.4; behind a
 * TLS-terminating balancer the request itself says http) uses `__Host-tb_session`: Secure,
 * Path=/, no Domain, so no sibling subdomain or plain-http page can set or overwrite it.
 */
export function sessionCookiePolicy(request: FastifyRequest, baseUrl: string): { name: string; secure: boolean } {
  const https = baseUrl.toLowerCase().startsWith('https:');
  return { name: https ? `__Host-${SESSION_COOKIE}` : SESSION_COOKIE, secure: https || request.protocol === 'https' };
}

/** Sets the signed, HttpOnly, SameSite=Lax session cookie (Secure on https sites and requests). */
export function setSessionCookie(request: FastifyRequest, reply: FastifyReply, token: string, baseUrl: string): void {
  const { name, secure } = sessionCookiePolicy(request, baseUrl);
  reply.setCookie(name, token, {
    signed: true,
    httpOnly: true,
    sameSite: 'lax',
    path: '/',
    secure,
    maxAge: Math.floor(SESSION_ABSOLUTE_MS / 1000),
  });
}

export function clearSessionCookie(request: FastifyRequest, reply: FastifyReply, baseUrl: string): void {
  const { name, secure } = sessionCookiePolicy(request, baseUrl);
  reply.clearCookie(name, { path: '/', httpOnly: true, sameSite: 'lax', secure });
}

/** The raw session token from the signed cookie, or null. */
export function sessionTokenOf(request: FastifyRequest, baseUrl: string): string | null {
  const raw = request.cookies?.[sessionCookiePolicy(request, baseUrl).name];
  if (!raw) return null;
  const unsigned = request.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : null;
}

/** True when Origin (or else Referer) names this site: the request's own host or BASE_URL. */
export function isSameOrigin(request: FastifyRequest, baseUrl: string): boolean {
  const source = request.headers.origin ?? request.headers.referer;
  if (!source || source === 'null') return false;
  let origin: string;
  try {
    origin = new URL(source).origin;
  } catch {
    return false;
  }
  const own = new Set([new URL(baseUrl).origin]);
  try {
    own.add(new URL(`${request.protocol}://${request.host}`).origin);
  } catch {
    // a Host header that is not a host: only BASE_URL counts
  }
  return own.has(origin);
}

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
    throw new DomainError('forbidden', 'This signed-in request did not come from this site (Origin or Referer missing or foreign).');
  }
  if (!tokensMatch(submittedCsrfToken(request), request.staff.csrfToken)) {
    throw new DomainError('forbidden', 'The CSRF token is missing or wrong; send the csrfToken from /api/v1/auth/me as x-csrf-token.');
  }
}

async function authorize(deps: AppDeps, request: FastifyRequest, role: StaffRouteRole): Promise<void> {
  const staff = request.staff;
  if (!staff) throw new DomainError('unauthenticated', 'Sign in as staff first.');
  if (role === 'admin') {
    if (!staff.isAdmin) throw new DomainError('forbidden', 'Only a site admin may do this.');
    return;
  }
  const slug = (request.params as { slug?: string } | undefined)?.slug;
  const restaurant = typeof slug === 'string' ? await findRestaurantRef(deps.database.db, slug) : undefined;
  if (!restaurant) throw new DomainError('not_found', `There is no restaurant "${slug}".`);
  await requireRole(deps.database.db, staff, restaurant.id, role);
  request.staffRestaurant = restaurant;
}

function addAuthorization(deps: AppDeps, route: RouteOptions, role: StaffRouteRole): void {
  const hook = async (request: FastifyRequest) => authorize(deps, request, role);
  const existing = route.preValidation;
  route.preValidation = [hook, ...(existing ? (Array.isArray(existing) ? existing : [existing]) : [])] as RouteOptions['preValidation'];
}

/**
 * Loads the signed-in staff member into request.staff, enforces CSRF on cookie-authenticated
 * writes, and authorizes every route registered with config.staffRole. Install before routes.
 */
export function installSessionHook(app: FastifyInstance, deps: AppDeps): void {
  app.decorate('staffRoutes', [] as StaffRouteInfo[]);
  app.decorateRequest('staffRestaurant', null);
  app.addHook('onRoute', (route) => {
    const role = (route.config as { staffRole?: StaffRouteRole } | undefined)?.staffRole;
    if (!role) return;
    for (const method of [route.method].flat()) {
      if (method !== 'HEAD') app.staffRoutes.push({ method, url: route.url, staffRole: role });
    }
    addAuthorization(deps, route, role);
  });
  app.addHook('onRequest', async (request) => {
    request.staff = null;
    if (NO_SESSION_PATHS.test(request.url)) return;
    const token = sessionTokenOf(request, deps.config.baseUrl);
    if (token) request.staff = await resolveSession(deps.database.db, token, deps.clock());
  });
  app.addHook('preValidation', async (request) => checkCsrf(request, deps.config.baseUrl));
}
