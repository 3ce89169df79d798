import type { FastifyInstance, FastifyReply } from 'fastify';

/**
 * Headers every answer carries (the equivalent of @fastify/helmet, in one place we can read):
 * a strict Content-Security-Policy (no inline script or style: pages load /static/app.js and
 * app.css only), nosniff, frame protection, no Referer beyond this site (manage tokens live in
 * page URLs), `Cache-Control: no-store` unless a route says otherwise (static assets do), and
 * HSTS when the site is served over https (BASE_URL). Set in onRequest, so error answers,
 * 404s and framework errors carry them too.
 */

export const PAGE_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "form-action 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
].join('; ');

/** Swagger UI (/docs) is all static files too, but React sets inline styles. */
export const DOCS_CSP = PAGE_CSP.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'");

/** Two years, the value the HSTS preload list asks for; no includeSubDomains (other hosts are not ours). */
export const HSTS = 'max-age=63072000';

export function isHttpsSite(baseUrl: string): boolean {
  return baseUrl.toLowerCase().startsWith('https:');
}

/** Sets the headers on a reply; exported for answers sent outside the hook chain (framework errors). */
export function applySecurityHeaders(reply: FastifyReply, url: string, https: boolean): void {
  reply.header('x-content-type-options', 'nosniff');
  reply.header('x-frame-options', 'DENY');
  reply.header('referrer-policy', 'same-origin');
  reply.header('cross-origin-opener-policy', 'same-origin');
  reply.header('content-security-policy', url === '/docs' || url.startsWith('/docs/') ? DOCS_CSP : PAGE_CSP);
  reply.header('cache-control', 'no-store');
  if (https) reply.header('strict-transport-security', HSTS);
}

export function installSecurityHeaders(app: FastifyInstance, baseUrl: string): void {
  const https = isHttpsSite(baseUrl);
  app.addHook('onRequest', async (request, reply) => {
    applySecurityHeaders(reply, request.url.split('?')[0], https);
  });
}
