import crypto from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** Sends a rendered page. Pages are personal and live: never cached, never leak the URL onward. */
export function sendPage(reply: FastifyReply, markup: string, status = 200): FastifyReply {
  return reply
    .code(status)
    .header('cache-control', 'no-store')
    .header('referrer-policy', 'same-origin')
    .header('x-content-type-options', 'nosniff')
    .header('x-frame-options', 'DENY')
    .type('text/html; charset=utf-8')
    .send(markup);
}

/** Post/redirect/get: 303 so a refresh never re-submits the form. */
export function seeOther(reply: FastifyReply, location: string): FastifyReply {
  return reply.header('cache-control', 'no-store').redirect(location, 303);
}

/** A fresh idempotency key for a booking form (sent back as a hidden field). */
export function newFormKey(): string {
  return crypto.randomBytes(18).toString('base64url');
}

/** Web pages render problems as friendly HTML (see src/web/error-page.ts). */
export const HTML_ROUTE = { html: true } as const;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** errors on this route render as friendly HTML pages (src/web/error-page.ts) */
    html?: boolean;
  }
}
