import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, type ErrorCode, type FieldError } from '../domain/errors.ts';
import { isUnavailable } from '../db/errors.ts';
import { applySecurityHeaders, isHttpsSite } from './security-headers.ts';

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

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Not signed in',
  403: 'Not allowed',
  404: 'Not found',
  405: 'Method not allowed',
  408: 'Request timeout',
  409: 'Conflict',
  413: 'Request body too large',
  414: 'URI too long',
  415: 'Unsupported media type',
  422: 'Invalid input',
  429: 'Too many requests',
  500: 'Internal server error',
  503: 'Service unavailable',
};

function problem(status: number, detail: string, code?: string, extra: Partial<Problem> = {}): Problem {
  return { type: code ? `urn:tablebookings:problem:${code}` : 'about:blank', title: TITLES[status] ?? 'Error', status, detail, ...extra };
}

/** "/body/party" or "body.party" → "party"; "/querystring/date" → "date". */
function fieldOf(instancePath: string, missing?: string): string {
  const parts = instancePath.split(/[/.]/).filter(Boolean);
  if (missing) parts.push(missing);
  return parts.join('.') || 'body';
}

function schemaValidationProblem(error: FastifyError): Problem {
  const errors: FieldError[] = (error.validation ?? []).map((v) => {
    const missing = (v.params as { missingProperty?: string })?.missingProperty;
    const extra = (v.params as { additionalProperty?: string })?.additionalProperty;
    const field = fieldOf(v.instancePath, missing ?? extra);
    const message = missing ? 'is required' : extra ? 'is not a known field' : (v.message ?? 'is invalid');
    return { field, message };
  });
  const detail = errors.map((e) => `${e.field} ${e.message}`).join('; ') || 'The request failed validation.';
  return problem(422, detail, 'validation', { errors });
}

/** Maps any thrown value to a problem. Unknown errors become a bare 500. */
export function toProblem(error: unknown): Problem {
  if (error instanceof DomainError) {
    const extra: Partial<Problem> = {};
    if (error.errors) extra.errors = error.errors;
    if (error.alternatives) extra.alternatives = error.alternatives;
    return problem(STATUS[error.code], error.message, error.code, extra);
  }
  const e = error as FastifyError;
  if (e?.validation) return schemaValidationProblem(e);
  switch (e?.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return problem(413, 'The request body is larger than 1 MiB.', 'too_large');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return problem(415, 'Send the body as application/json.', 'media_type');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return problem(400, 'The body is empty; send a JSON object.', 'malformed');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return problem(400, 'The body is not valid JSON.', 'malformed');
    case 'FST_ERR_BAD_URL':
      return problem(400, 'The URL is malformed (a bad %-escape?).', 'malformed');
    case 'FST_ERR_MAX_PARAM_LENGTH':
      return problem(414, 'A part of the URL path is too long.', 'uri_too_long');
    case 'FST_ERR_ASYNC_CONSTRAINT':
      return problem(400, 'The request could not be routed.', 'malformed');
  }
  if (e instanceof SyntaxError || (e?.statusCode === 400 && typeof e.message === 'string')) {
    return problem(400, 'The body is not valid JSON.', 'malformed');
  }
  // Text the database cannot store (PostgreSQL: NUL or untranslatable characters).
  if (e?.code === '22021' || e?.code === '22P05') return problem(422, 'The input contains characters that cannot be stored.', 'validation');
  if (isUnavailable(error)) return problem(503, 'The database is unavailable; please try again shortly.', 'unavailable');
  if (e?.statusCode && e.statusCode >= 400 && e.statusCode < 500) {
    return problem(e.statusCode, TITLES[e.statusCode] ?? 'Request error', 'request');
  }
  return problem(500, 'Something went wrong on our side. It has been logged.');
}

/**
 * Fastify's `frameworkErrors`: a malformed URL (400) or an over-long path segment (414) is
 * found before routing, outside the hooks, so it is answered here as problem+json with the
 * same security headers as every other answer.
 */
export function answerFrameworkError(baseUrl: string) {
  const https = isHttpsSite(baseUrl);
  return (error: FastifyError, request: FastifyRequest, reply: FastifyReply): void => {
    const body = toProblem(error);
    applySecurityHeaders(reply, '', https);
    reply.header('x-request-id', request.id);
    void reply.code(body.status).type('application/problem+json').send(body);
  };
}

export type HtmlErrorRenderer = (request: FastifyRequest, reply: FastifyReply, problem: Problem) => unknown;

export function installErrorHandling(app: FastifyInstance, renderHtml?: HtmlErrorRenderer): void {
  app.setErrorHandler((error, request, reply) => {
    const body = toProblem(error);
    if (body.status >= 500 && body.status !== 503) request.log.error({ err: error }, 'unhandled error');
    else if (body.status === 503) request.log.warn({ err: { message: (error as Error).message, code: (error as { code?: string }).code } }, 'database unavailable');
    if (body.status === 413) request.raw.resume(); // drain, so the client sees the 413 instead of a reset
    if (body.status === 503) reply.header('retry-after', '2');
    if (error instanceof DomainError && error.retryAfterSeconds) reply.header('retry-after', String(error.retryAfterSeconds));
    if (renderHtml && (request.routeOptions.config as { html?: boolean } | undefined)?.html) {
      return renderHtml(request, reply, body);
    }
    return reply.code(body.status).type('application/problem+json').send(body);
  });
  app.setNotFoundHandler((request, reply) => {
    const body = problem(404, `There is nothing at ${request.method} ${request.url.split('?')[0]}.`, 'not_found');
    if (renderHtml && !request.url.startsWith('/api/') && (request.headers.accept ?? '').includes('text/html')) {
      return renderHtml(request, reply, body);
    }
    return reply.code(404).type('application/problem+json').send(body);
  });
}
