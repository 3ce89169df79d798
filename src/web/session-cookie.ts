import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_ABSOLUTE_MS, SESSION_COOKIE } from '../staff/sessions.ts';

/*
 * The staff session cookie and the same-origin check, shared by the sign-in page and the
 * JSON sign-in route (src/http/routes/auth.ts) and read by the session hook.
 */

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
