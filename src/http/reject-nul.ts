import type { FastifyInstance } from 'fastify';
import { DomainError } from '../domain/errors.ts';

/** The path of the first string containing a NUL character, or undefined. */
function findNul(value: unknown, path: string, depth = 0): string | undefined {
  if (typeof value === 'string') return value.includes('\u0000') ? path : undefined;
  if (depth > 20 || value === null || typeof value !== 'object') return undefined;
  for (const [key, inner] of Object.entries(value as Record<string, unknown>)) {
    if (key.includes('\u0000')) return path ? `${path}.${key.split('\u0000').join('')}` : 'body';
    const found = findNul(inner, path ? `${path}.${key}` : key, depth + 1);
    if (found !== undefined) return found;
  }
  return undefined;
}

/**
 * PostgreSQL cannot store a NUL character in text, and no field of ours has a use for one:
 * refuse it everywhere (path, query, body) with a 422 naming the field, before any query.
 */
export function rejectNulCharacters(app: FastifyInstance): void {
  app.addHook('preValidation', async (request) => {
    const field = findNul(request.params, '') ?? findNul(request.query, '') ?? findNul(request.body, '');
    if (field === undefined) return;
    const name = field || 'request';
    throw new DomainError('validation', `${name} must not contain NUL characters`, {
      errors: [{ field: name, message: 'must not contain NUL characters' }],
    });
  });
}
