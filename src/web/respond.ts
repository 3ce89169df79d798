import crypto from 'node:crypto';
import type { FastifyReply } from 'fastify';

/** Sends a rendered page. Pages are personal and live: never cached, never leak the URL onward. */
export function sendPage(reply: FastifyReply, markup: string, status?: number): FastifyReply {
  if (status !== undefined) reply.code(status);
  return reply
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

/**
 * A form the use case refused, shown again with the reason. Thrown, not sent: the one error
 * mapper (src/http/errors.ts) answers `markup` with the status of `refusal` (a DomainError),
 * exactly as it answers the same refusal on the JSON API.
 */
export class PageRefusal extends Error {
  constructor(
    readonly refusal: unknown,
    readonly markup: string,
  ) {
    super(refusal instanceof Error ? refusal.message : 'refused');
  }
}

/** Sends the page, or (with a refusal) throws it to the error mapper for its status. */
export function answerPage(reply: FastifyReply, markup: string, refusal?: unknown): FastifyReply {
  if (refusal !== undefined) throw new PageRefusal(refusal, markup);
  return sendPage(reply, markup);
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
