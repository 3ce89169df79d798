import type { FastifyInstance } from 'fastify';
import type { Response } from 'light-my-request';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { createStaffUser } from '../../src/staff/accounts.ts';
import type { StaffRole } from '../../src/domain/types.ts';

export const PASSWORD = 'correct horse battery';

/** A staff user through the same use case as `tablebookings staff create`. */
export async function addStaff(
  db: Kysely<DB>,
  email: string,
  slug: string,
  role: StaffRole,
  name = email.split('@')[0],
): Promise<void> {
  await createStaffUser(db, { email, name, password: async () => PASSWORD, restaurant: slug, role }, Date.now());
}

export function formBody(fields: Record<string, string | string[]>): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(fields)) for (const item of [v].flat()) params.append(k, item);
  return params.toString();
}

/** The value of a hidden input in a page. */
export function hiddenValue(page: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(page);
  if (!m) throw new Error(`no hidden field ${name} in the page`);
  return m[1].replace(/&amp;/g, '&');
}

export interface Browserish {
  cookie?: string;
  get(url: string): Promise<Response>;
  post(url: string, fields: Record<string, string | string[]>, headers?: Record<string, string>): Promise<Response>;
}

/** A tiny cookie-keeping client over app.inject that posts forms like a browser (with Origin). */
export function client(app: FastifyInstance): Browserish {
  const c: Browserish = {
    get: async (url) =>
      app.inject({ url, headers: { accept: 'text/html', ...(c.cookie ? { cookie: c.cookie } : {}) } }),
    post: async (url, fields, headers = {}) => {
      const res = await app.inject({
        method: 'POST',
        url,
        payload: formBody(fields),
        headers: {
          'content-type': 'application/x-www-form-urlencoded',
          accept: 'text/html',
          origin: 'http://localhost:80',
          ...(c.cookie ? { cookie: c.cookie } : {}),
          ...headers,
        },
      });
      const set = res.cookies.find((k) => k.name === 'tb_session');
      if (set) c.cookie = set.value ? `tb_session=${set.value}` : undefined;
      return res;
    },
  };
  return c;
}
