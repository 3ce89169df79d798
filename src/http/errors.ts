import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, fieldText, type ErrorCode, type FieldError } from '../domain/errors.ts';
import { isUnavailable, isUniqueViolation } from '../db/errors.ts';
import { PageRefusal, sendPage } from '../web/respond.ts';
import { applySecurityHeaders, isHttpsSite } from './security-headers.ts';
import type { Locale } from '../i18n/locale.ts';
import { isMessageKey, translate, type MessageKey } from '../i18n/translate.ts';

/** The ONE place where errors become HTTP statuses and RFC 9457 problem+json bodies. */

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: FieldError[];
  alternatives?: { time: string; startsAt: string }[];
}

const STATUS: Record<ErrorCode, number> = {
  malformed: 400,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  slot_unavailable: 409,
  conflict: 409,
  validation: 422,
  idempotency_mismatch: 422,
  rate_limited: 429,
  unavailable: 503,
};

/** `title` per status, in the request's language (src/i18n/en/problems.ts). */
function titleOf(locale: Locale, status: number): string {
  const key = `problem.title.${status}`;
  return translate(locale, isMessageKey(key) ? key : 'problem.title.other');
}

function problemIn(
  locale: Locale,
  status: number,
  detail: string,
  code?: string,
  extra: Partial<Problem> = {},
): Problem {
  return {
    type: code ? `urn:tablebookings:problem:${code}` : 'about:blank',
    title: titleOf(locale, status),
    status,
    detail,
    ...extra,
  };
}

function keyed(locale: Locale, status: number, key: MessageKey, code?: string): Problem {
  return problemIn(locale, status, translate(locale, key), code);
}

/** "/body/party" or "body.party" → "party"; "/querystring/date" → "date". */
function fieldOf(instancePath: string, missing?: string): string {
  const parts = instancePath.split(/[/.]/).filter(Boolean);
  if (missing) parts.push(missing);
  return parts.join('.') || 'body';
}

function schemaValidationProblem(error: FastifyError, locale: Locale): Problem {
  const errors: FieldError[] = (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string })?.missingProperty;
    const extra = (v.params as { additionalProperty?: string })?.additionalProperty;
    const field = fieldOf(v.instancePath, missing ?? extra);
    // Ajv's own wording is English; other languages get the general "is invalid".
    const other = locale === 'en' && v.message ? v.message : translate(locale, 'problem.field.invalid');
    const message = missing
      ? translate(locale, 'problem.field.required')
      : extra
        ? translate(locale, 'problem.field.unknown')
        : other;
    return { field, message };
  });
  const detail =
    errors.map((e) => `${e.field} ${e.message}`).join('; ') || translate(locale, 'problem.detail.validationFailed');
  return problemIn(locale, 422, detail, 'validation', { errors });
}

function domainProblem(error: DomainError, locale: Locale): Problem {
  const extra: Partial<Problem> = {};
  if (error.errors) extra.errors = error.errors.map((e) => ({ field: e.field, message: fieldText(e, locale) }));
  if (error.alternatives) extra.alternatives = error.alternatives;
  const detail = error.text(locale);
  return problemIn(locale, STATUS[error.code], detail, error.code, extra);
}

function bodyProblem(code: string | undefined, locale: Locale): Problem | undefined {
  switch (code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return keyed(locale, 413, 'problem.detail.tooLarge', 'too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return keyed(locale, 415, 'problem.detail.mediaType', 'media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return keyed(locale, 400, 'problem.detail.emptyBody', 'malformed');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return keyed(locale, 400, 'problem.detail.invalidJson', 'malformed');
    case 'FST_ERR_BAD_URL':
      return keyed(locale, 400, 'problem.detail.badUrl', 'malformed');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return keyed(locale, 414, 'problem.detail.uriTooLong', 'uri_too_long');
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return keyed(locale, 400, 'problem.detail.notRouted', 'malformed');
  }
  return undefined;
}

/**
 * Maps any thrown value to a problem, its `title` and `detail` in `locale` (English by
 * default). Unknown errors become a bare 500.
 */
export function toProblem(error: unknown, locale: Locale = 'en'): Problem {
  if (error instanceof DomainError) return domainProblem(error, locale);
  const e = error as FastifyError;
  if (e?.validation) return schemaValidationProblem(e, locale);
  const body = bodyProblem(e?.code, locale);
  if (body) return body;
  if (e instanceof SyntaxError || (e?.statusCode === 400 && typeof e.message === 'string')) {
    return keyed(locale, 400, 'problem.detail.invalidJson', 'malformed');
  }
  // Text the database cannot store (PostgreSQL: NUL or untranslatable characters).
  if (e?.code === '22021' || e?.code === '22P05') return keyed(locale, 422, 'problem.detail.unstorable', 'validation');
  if (isUnavailable(error)) return keyed(locale, 503, 'problem.detail.unavailable', 'unavailable');
  // A unique key that still refused the row after the transaction runner's retries (the
  // occupancy cells under a storm of concurrent writes): a refusal, never a 500.
  if (isUniqueViolation(error)) return keyed(locale, 409, 'problem.detail.concurrentChange', 'conflict');
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    const key = `problem.title.${e.statusCode}`;
    return problemIn(
      locale,
      e.statusCode,
      translate(locale, isMessageKey(key) ? key : 'problem.detail.requestError'),
      'request',
    );
  }
  return keyed(locale, 500, 'problem.detail.internal');
}

/**
 * Fastify's `frameworkErrors`: a malformed URL (400) or an over-long path segment (414) is
 * found before routing, outside the hooks, so it is answered here as problem+json with the
 * same security headers as every other answer.
 */
export function answerFrameworkError(baseUrl: string) {
  const https = isHttpsSite(baseUrl);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const body = toProblem(error, request.locale);
    applySecurityHeaders(reply, '', https);
    reply.header('x-request-id', request.id);
    void reply.code(body.status).type('application/problem+json').send(body);
  };
}

export type HtmlErrorRenderer = (request: FastifyRequest, reply: FastifyReply, problem: Problem) => unknown;

export function installErrorHandling(app: FastifyInstance, renderHtml?: HtmlErrorRenderer): void {
  app.setErrorHandler((thrown, request, reply) => {
    // A page refusing a form carries the re-rendered form; its refusal decides the status.
    const page = thrown instanceof PageRefusal ? thrown : undefined;
    const error = page ? page.refusal : thrown;
    const body = toProblem(error, request.locale);
    if (body.status >= 500 && body.status !== 503) request.log.error({ err: error }, 'unhandled error');
    else if (body.status === 503)
      request.log.warn(
        { err: { message: (error as Error).message, code: (error as { code?: string }).code } },
        'database unavailable',
      );
    if (body.status === 413) request.raw.resume(); // drain, so the client sees the 413 instead of a reset
    if (body.status === 503) reply.header('retry-after', '2');
    if (error instanceof DomainError && error.retryAfterSeconds)
      reply.header('retry-after', String(error.retryAfterSeconds));
    if (page) return sendPage(reply, page.markup, body.status);
    if (renderHtml && (request.routeOptions.config as { html?: boolean } | undefined)?.html) {
      return renderHtml(request, reply, body);
    }
    return reply.code(body.status).type('application/problem+json').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const detail = translate(request.locale, 'problem.detail.notFoundRoute', {
      method: request.method,
      path: request.url.split('?')[0],
    });
    const body = problemIn(request.locale, 404, detail, 'not_found');
    if (renderHtml && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')) {
      return renderHtml(request, reply, body);
    }
    return reply.code(404).type('application/problem+json').send(body);
  });
}
