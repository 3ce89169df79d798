import type { FastifyInstance, LightMyRequestResponse } from 'fastify';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { createStaffUser } from '../../src/staff/accounts.ts';
import { createRestaurant, type NewRestaurant } from '../../src/staff/restaurant-admin.ts';
import type { StaffRole } from '../../src/domain/types.ts';

export const ORIGIN = 'http://localhost';
export const PASSWORD = 'correct horse battery';

export interface Session {
  cookie: string;
  csrfToken: string;
}

export const EVERY_DAY_NOON_TO_23 = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({
  weekday,
  opens: '12:00',
  closes: '23:00',
}));

export async function seedRestaurant(
  db: Kysely<DB>,
  slug: string,
  extra: Partial<NewRestaurant> = {},
): Promise<{ id: string; slug: string }> {
  await createRestaurant(
    db,
    {
      slug,
      name: `Restaurant ${slug}`,
      timezone: 'Europe/London',
      minNoticeMinutes: 0,
      hours: EVERY_DAY_NOON_TO_23,
      tables: [
        { label: 'T1', minSeats: 1, maxSeats: 2 },
        { label: 'T2', minSeats: 1, maxSeats: 2 },
        { label: 'T3', minSeats: 3, maxSeats: 6 },
      ],
      ...extra,
    },
    Date.parse('2026-01-01T00:00:00Z'),
  );
  const row = await db
    .selectFrom('restaurants')
    .select(['id', 'slug'])
    .where('slug', '=', slug)
    .executeTakeFirstOrThrow();
  return row;
}

export async function seedUser(
  db: Kysely<DB>,
  email: string,
  options: { admin?: boolean; restaurant?: string; role?: StaffRole } = {},
): Promise<void> {
  await createStaffUser(
    db,
    { email, admin: options.admin, restaurant: options.restaurant, role: options.role, password: async () => PASSWORD },
    Date.parse('2026-01-01T00:00:00Z'),
  );
}

export function sessionCookieOf(res: LightMyRequestResponse): string | undefined {
  const header = res.headers['set-cookie'];
  const list = Array.isArray(header) ? header : header ? [header] : [];
  const found = list.find((c) => c.startsWith('tb_session='));
  return found?.split(';')[0];
}

export async function login(app: FastifyInstance, email: string, password = PASSWORD): Promise<Session> {
  const res = await app.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (res.statusCode !== 200) throw new Error(`login ${email} failed: ${res.statusCode} ${res.body}`);
  return { cookie: sessionCookieOf(res)!, csrfToken: res.json().csrfToken };
}

/** A request as the signed-in browser sends it: cookie, Origin and CSRF token (or anonymous). */
export function call(
  app: FastifyInstance,
  session: Session | null,
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE',
  url: string,
  payload?: unknown,
  headers: Record<string, string> = {},
) {
  const base: Record<string, string> = session
    ? { cookie: session.cookie, origin: ORIGIN, 'x-csrf-token': session.csrfToken }
    : {};
  return app.inject({
    method,
    url,
    headers: { ...base, ...headers },
    ...(payload === undefined ? {} : { payload: payload as object }),
  });
}
