import { Problem } from './schemas.ts';

/**
 * The OpenAPI document a client generator can use, derived centrally so route modules stay
 * small: an operationId for every operation, security per route (from `config.staffRole` and
 * the manage-token paths), every error answer as application/problem+json with the Problem
 * schema (plus the ones every route can give: 400/413/415 on bodies, 429 where limited, 503),
 * the idempotency headers and an example on the booking create. Linted by Redocly in CI.
 */

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
type RouteLike = { method: string | string[]; url: string; config?: Json };

const PROBLEM_REF = { $ref: '#/components/schemas/Problem' };
const STATUS_TEXT: Record<string, string> = {
  400: 'Malformed request (e.g. a body that is not JSON)',
  401: 'Not signed in, or no manage token',
  403: 'Not allowed (role, or a cookie-authenticated write without the CSRF token)',
  404: 'Unknown (or a wrong manage token: the same answer)',
  409: 'Conflict: the time is taken (with `alternatives`), or the change is refused',
  413: 'Request body above 1 MiB',
  415: 'Request body is not JSON',
  422: 'Validation failed (`errors` names the fields)',
  429: 'Rate limited (see `Retry-After`)',
  503: 'Database unavailable; try again',
};
const RATE_LIMITED = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/restaurants/{slug}/bookings',
  'POST /api/v1/restaurants/{slug}/holds',
]);
const IDEMPOTENT = new Set(['POST /api/v1/restaurants/{slug}/bookings']);

/** getRestaurantsBySlugAvailability: the method, then each path segment, parameters as "By…". */
export function operationIdFor(method: string, url: string): string {
  const words = url
    .replace(/^\/api\/v1\//, '/')
    .split('/')
    .filter(Boolean)
    .map((segment) => {
      const param = /^[:{]([^}]+)}?$/.exec(segment);
      const word = (param ? `by-${param[1]}` : segment).replace(/\.(\w+)$/, '-$1');
      return word
        .split(/[-_]/)
        .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
        .join('');
    });
  return method.toLowerCase() + words.join('');
}

function securityFor(method: string, url: string, config: Json | undefined): Json[] {
  const write = method !== 'GET' && method !== 'HEAD';
  const session = write ? { sessionCookie: [], csrfToken: [] } : { sessionCookie: [] };
  if (config?.staffRole) return [session];
  if (url.endsWith('/calendar.ics')) return [{ manageTokenQuery: [] }];
  if (url.startsWith('/api/v1/bookings/')) return [{ manageToken: [] }];
  if (url === '/api/v1/auth/logout' || url === '/api/v1/auth/password' || url === '/api/v1/auth/me') return [session];
  // guests need nothing; a signed-in staff member on a guest write sends the CSRF token too
  return write ? [{}, session] : [{}];
}

/** @fastify/swagger `transform`: operationId and security from the route itself. */
export function transformRoute({ schema, url, route }: { schema: Json; url: string; route: RouteLike }): {
  schema: Json;
  url: string;
} {
  if (!schema || schema.hide) return { schema, url };
  const method = Array.isArray(route.method) ? route.method[0] : route.method;
  return {
    url,
    schema: {
      ...schema,
      operationId: schema.operationId ?? operationIdFor(method, url),
      security: schema.security ?? securityFor(method, url, route.config),
    },
  };
}

function problemResponse(status: string, existing?: Json): Json {
  const description =
    existing?.description && existing.description !== 'Default Response'
      ? existing.description
      : (STATUS_TEXT[status] ?? 'Error');
  return { description, content: { 'application/problem+json': { schema: PROBLEM_REF } } };
}

function addStandardErrors(key: string, op: Json): void {
  const codes = new Set(Object.keys(op.responses ?? {}).filter((c) => Number(c) >= 400));
  if (op.requestBody) ['400', '413', '415', '422'].forEach((c) => codes.add(c));
  if ((op.parameters ?? []).length > 0) codes.add('422');
  if (op.security?.some((s: Json) => s.sessionCookie) && !op.security.some((s: Json) => Object.keys(s).length === 0))
    ['401', '403'].forEach((c) => codes.add(c));
  if (op.security?.some((s: Json) => s.manageToken || s.manageTokenQuery)) ['401', '404'].forEach((c) => codes.add(c));
  if (RATE_LIMITED.has(key)) codes.add('429');
  codes.add('503');
  op.responses ??= {};
  for (const code of [...codes].sort()) op.responses[code] = problemResponse(code, op.responses[code]);
  if (!Object.keys(op.responses).some((c) => Number(c) < 400)) op.responses['200'] = { description: 'Success' };
  for (const [code, response] of Object.entries(op.responses as Record<string, Json>)) {
    if (Number(code) < 400 && (!response.description || response.description === 'Default Response'))
      response.description = 'Success';
  }
}

function addIdempotency(op: Json): void {
  op.parameters = [
    ...(op.parameters ?? []),
    {
      name: 'Idempotency-Key',
      in: 'header',
      required: false,
      description:
        'Any unique string (≤ 255 chars, e.g. a UUID). A retry with the same key gets the first answer (201 or 409) again, never a second booking.',
      schema: { type: 'string', maxLength: 255 },
    },
  ];
  const replayed = {
    description: '`true` when this answer is a replay of an earlier request with the same Idempotency-Key',
    schema: { type: 'string', enum: ['true'] },
  };
  for (const code of ['201', '409'])
    if (op.responses?.[code])
      op.responses[code].headers = { ...op.responses[code].headers, 'Idempotent-Replayed': replayed };
  const content = op.requestBody?.content?.['application/json'];
  if (content)
    content.example = {
      date: '2026-12-24',
      time: '19:30',
      party: 2,
      name: 'Ann Lee',
      email: 'ann@example.com',
      phone: '+44 20 7946 0000',
      notes: 'Window table, please',
    };
  const created = op.responses?.['201']?.content?.['application/json'];
  if (created) {
    created.example = {
      reference: 'K7Q2MZ',
      status: 'confirmed',
      source: 'api',
      restaurant: 'the-crown-kitchen',
      date: '2026-12-24',
      time: '19:30',
      party: 2,
      startsAt: '2026-12-24T19:30:00Z',
      endsAt: '2026-12-24T21:00:00Z',
      name: 'Ann Lee',
      email: 'ann@example.com',
      phone: '+44 20 7946 0000',
      notes: 'Window table, please',
      table: { label: 'T4' },
      tables: [{ label: 'T4' }],
      createdAt: '2026-12-01T10:00:00Z',
      timezone: 'Europe/London',
      locale: 'en',
      manageToken: 'mt_3v9…',
      manageUrl: 'https://book.example.com/b/K7Q2MZ?token=mt_3v9…',
    };
  }
}

export const SECURITY_SCHEMES = {
  manageToken: {
    type: 'http',
    scheme: 'bearer',
    description: 'The `manageToken` from the booking create answer: `Authorization: Bearer <manageToken>`',
  },
  manageTokenQuery: {
    type: 'apiKey',
    in: 'query',
    name: 'token',
    description: 'The manage token as `?token=` (calendar links)',
  },
  sessionCookie: {
    type: 'apiKey',
    in: 'cookie',
    name: 'tb_session',
    description: 'Staff session cookie set by POST /api/v1/auth/login',
  },
  csrfToken: {
    type: 'apiKey',
    in: 'header',
    name: 'x-csrf-token',
    description:
      'The `csrfToken` from login or /auth/me; required on cookie-authenticated writes (with a same-site Origin)',
  },
};

/** @fastify/swagger `transformObject`: the whole document, finished. */
export function finishDocument({ openapiObject }: { openapiObject: Json }): Json {
  const doc = structuredClone(openapiObject);
  const { $id: _id, ...problem } = Problem as Json;
  doc.components = {
    ...doc.components,
    schemas: { ...doc.components?.schemas, Problem: problem },
    securitySchemes: SECURITY_SCHEMES,
  };
  doc.servers ??= [{ url: '/', description: 'this server' }];
  for (const [url, ops] of Object.entries(doc.paths ?? {}) as [string, Json][]) {
    for (const [method, op] of Object.entries(ops) as [string, Json][]) {
      const key = `${method.toUpperCase()} ${url}`;
      addStandardErrors(key, op);
      if (IDEMPOTENT.has(key)) addIdempotency(op);
    }
  }
  return doc;
}
