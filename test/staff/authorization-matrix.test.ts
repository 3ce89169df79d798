import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { Kysely } from 'kysely';
import type { DB } from '../../src/db/schema.ts';
import { addDays } from '../../src/domain/clock-time.ts';
import { insertClosure } from '../../src/db/queries/restaurant-admin.ts';
import { addTable } from '../../src/staff/tables.ts';
import { addCombination } from '../../src/staff/combinations.ts';
import { setMember } from '../../src/staff/members.ts';
import type { StaffRouteInfo } from '../../src/http/session-hook.ts';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { call, EVERY_DAY_NOON_TO_23, login, seedRestaurant, seedUser, type Session } from './staff-helpers.ts';

after(dropCreatedDatabases);

/**
 * The matrix is generated from the app's own route table (app.staffRoutes, filled by the
 * session hook for every route with config.staffRole). A staff route without a sample
 * here fails the test, and so does any /api route that is neither staff nor listed public.
 */

const PUBLIC_API = new Set([
  'GET /api/v1/restaurants',
  'GET /api/v1/restaurants/{slug}',
  'GET /api/v1/restaurants/{slug}/availability',
  'POST /api/v1/restaurants/{slug}/bookings', // guest, or staff (host) when signed in: tested in staff-api
  'GET /api/v1/bookings/{reference}',
  'PATCH /api/v1/bookings/{reference}',
  'POST /api/v1/bookings/{reference}/cancel',
  'POST /api/v1/bookings/{reference}/confirm',
  'GET /api/v1/bookings/{reference}/calendar.ics',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/logout',
  'GET /api/v1/auth/me',
  'POST /api/v1/auth/password', // any signed-in user, for themselves: tested in credentials
  'POST /api/v1/restaurants/{slug}/holds',
  'DELETE /api/v1/holds/{holdId}',
]);

interface Ctx {
  t: TestApp;
  db: Kysely<DB>;
  a: { id: string; slug: string };
  n: number;
}

type Sample = (ctx: Ctx) => Promise<{ url: string; body?: unknown }>;

const A = '/api/v1/restaurants/alpha';

async function freshBooking(ctx: Ctx): Promise<string> {
  const res = await ctx.t.app.inject({
    method: 'POST',
    url: `${A}/bookings`,
    payload: {
      date: addDays('2026-06-02', ctx.n % 50),
      time: '13:00',
      party: 2,
      name: 'Matrix guest',
      email: 'matrix@example.com',
    },
  });
  assert.equal(res.statusCode, 201, res.body);
  return res.json().reference;
}

async function freshTable(ctx: Ctx, suffix = ''): Promise<string> {
  return (await addTable(ctx.db, ctx.a.id, { label: `M${ctx.n}${suffix}`, minSeats: 1, maxSeats: 2 }, ctx.t.clock.now))
    .id;
}

async function freshCombination(ctx: Ctx): Promise<string> {
  const tableIds = [await freshTable(ctx, 'a'), await freshTable(ctx, 'b')];
  return (await addCombination(ctx.db, ctx.a.id, { tableIds, minSeats: 3, maxSeats: 4 }, ctx.t.clock.now)).id;
}

const SAMPLES: Record<string, Sample> = {
  'POST /api/v1/restaurants': async (c) => ({
    url: '/api/v1/restaurants',
    body: { slug: `new-${c.n}`, name: 'New place', timezone: 'Asia/Seoul', hours: EVERY_DAY_NOON_TO_23 },
  }),
  'PATCH /api/v1/restaurants/:slug': async () => ({ url: A, body: { name: 'Alpha' } }),
  'PUT /api/v1/restaurants/:slug/hours': async () => ({ url: `${A}/hours`, body: { hours: EVERY_DAY_NOON_TO_23 } }),
  'GET /api/v1/restaurants/:slug/closures': async () => ({ url: `${A}/closures` }),
  'POST /api/v1/restaurants/:slug/closures': async (c) => ({
    url: `${A}/closures`,
    body: { date: addDays('2027-01-01', c.n), note: 'matrix' },
  }),
  'DELETE /api/v1/restaurants/:slug/closures/:date': async (c) => {
    const date = addDays('2028-01-01', c.n);
    await insertClosure(c.db, c.a.id, { date, note: null }, c.t.clock.now);
    return { url: `${A}/closures/${date}` };
  },
  'GET /api/v1/restaurants/:slug/tables': async () => ({ url: `${A}/tables` }),
  'POST /api/v1/restaurants/:slug/tables': async (c) => ({
    url: `${A}/tables`,
    body: { label: `P${c.n}`, minSeats: 1, maxSeats: 4 },
  }),
  'PATCH /api/v1/restaurants/:slug/tables/:id': async (c) => ({
    url: `${A}/tables/${await freshTable(c)}`,
    body: { maxSeats: 3 },
  }),
  'DELETE /api/v1/restaurants/:slug/tables/:id': async (c) => ({ url: `${A}/tables/${await freshTable(c)}` }),
  'GET /api/v1/restaurants/:slug/combinations': async () => ({ url: `${A}/combinations` }),
  'POST /api/v1/restaurants/:slug/combinations': async (c) => ({
    url: `${A}/combinations`,
    body: { tableIds: [await freshTable(c, 'p'), await freshTable(c, 'q')], minSeats: 3, maxSeats: 4 },
  }),
  'PATCH /api/v1/restaurants/:slug/combinations/:id': async (c) => ({
    url: `${A}/combinations/${await freshCombination(c)}`,
    body: { maxSeats: 3 },
  }),
  'DELETE /api/v1/restaurants/:slug/combinations/:id': async (c) => ({
    url: `${A}/combinations/${await freshCombination(c)}`,
  }),
  'GET /api/v1/restaurants/:slug/bookings': async () => ({ url: `${A}/bookings?date=2026-06-02` }),
  'PATCH /api/v1/restaurants/:slug/bookings/:reference': async (c) => ({
    url: `${A}/bookings/${await freshBooking(c)}`,
    body: { notes: 'matrix' },
  }),
  'GET /api/v1/restaurants/:slug/members': async () => ({ url: `${A}/members` }),
  'POST /api/v1/restaurants/:slug/members': async () => ({
    url: `${A}/members`,
    body: { email: 'spare@example.com', role: 'host' },
  }),
  'DELETE /api/v1/restaurants/:slug/members/:email': async (c) => {
    await setMember(c.db, c.a.id, 'spare2@example.com', 'host', c.t.clock.now);
    return { url: `${A}/members/spare2%40example.com` };
  },
  'GET /api/v1/restaurants/:slug/outbox': async () => ({ url: `${A}/outbox?status=failed` }),
  'GET /api/v1/staff': async () => ({ url: '/api/v1/staff' }),
  'POST /api/v1/staff': async (c) => ({
    url: '/api/v1/staff',
    body: { email: `matrix-${c.n}@example.com`, password: 'a long matrix password' },
  }),
  'PATCH /api/v1/staff/:email': async (c) => {
    await seedUser(c.db, `patched-${c.n}@example.com`);
    return { url: `/api/v1/staff/patched-${c.n}%40example.com`, body: { name: 'Renamed' } };
  },
};

type Who = 'anonymous' | 'host of A' | 'manager of A' | 'manager of B' | 'admin';
const WHO: Who[] = ['anonymous', 'host of A', 'manager of A', 'manager of B', 'admin'];

function expected(role: StaffRouteInfo['staffRole'], who: Who): '401' | '403' | '2xx' {
  if (who === 'anonymous') return '401';
  if (who === 'admin') return '2xx';
  if (who === 'manager of B') return '403';
  if (role === 'admin') return '403';
  if (role === 'manager') return who === 'manager of A' ? '2xx' : '403';
  return '2xx';
}

for (const backend of await testBackends()) {
  describe(`authorization matrix on ${backend.name}`, { skip: backend.skip }, () => {
    const ctx = { n: 0 } as Ctx;
    const sessions = new Map<Who, Session | null>();
    before(async () => {
      ctx.t = await testApp(backend);
      ctx.db = ctx.t.database.db;
      ctx.a = await seedRestaurant(ctx.db, 'alpha');
      await seedRestaurant(ctx.db, 'bravo');
      await seedUser(ctx.db, 'host-a@example.com', { restaurant: 'alpha', role: 'host' });
      await seedUser(ctx.db, 'manager-a@example.com', { restaurant: 'alpha', role: 'manager' });
      await seedUser(ctx.db, 'manager-b@example.com', { restaurant: 'bravo', role: 'manager' });
      await seedUser(ctx.db, 'admin@example.com', { admin: true });
      await seedUser(ctx.db, 'spare@example.com');
      await seedUser(ctx.db, 'spare2@example.com');
      sessions.set('anonymous', null);
      sessions.set('host of A', await login(ctx.t.app, 'host-a@example.com'));
      sessions.set('manager of A', await login(ctx.t.app, 'manager-a@example.com'));
      sessions.set('manager of B', await login(ctx.t.app, 'manager-b@example.com'));
      sessions.set('admin', await login(ctx.t.app, 'admin@example.com'));
    });
    after(async () => ctx.t?.close());

    it('every /api route is either public or a staff route with config.staffRole', async () => {
      const staff = new Set(ctx.t.app.staffRoutes.map((r) => `${r.method} ${r.url.replace(/:(\w+)/g, '{$1}')}`));
      const paths = (ctx.t.app.swagger() as { paths: Record<string, Record<string, unknown>> }).paths;
      for (const [path, methods] of Object.entries(paths)) {
        if (!path.startsWith('/api/')) continue;
        for (const method of Object.keys(methods)) {
          const key = `${method.toUpperCase()} ${path}`;
          assert.ok(
            PUBLIC_API.has(key) || staff.has(key),
            `${key} is neither public nor a staff route: give it config.staffRole`,
          );
        }
      }
      assert.ok(ctx.t.app.staffRoutes.length >= Object.keys(SAMPLES).length);
    });

    it('every staff route × {anonymous, host of A, manager of A, manager of B, admin}', async () => {
      const failures: string[] = [];
      for (const route of ctx.t.app.staffRoutes) {
        const key = `${route.method} ${route.url}`;
        const sample = SAMPLES[key];
        assert.ok(sample, `no matrix sample for the staff route ${key}: add one to SAMPLES`);
        for (const who of WHO) {
          ctx.n++;
          const { url, body } = await sample(ctx);
          const res = await call(ctx.t.app, sessions.get(who)!, route.method as 'GET', url, body);
          const want = expected(route.staffRole, who);
          const ok =
            want === '2xx'
              ? res.statusCode >= 200 && res.statusCode < 300
              : want === '403'
                ? res.statusCode === 403 || res.statusCode === 404
                : res.statusCode === 401;
          if (!ok) failures.push(`${key} as ${who}: expected ${want}, got ${res.statusCode} ${res.body.slice(0, 200)}`);
          if (want !== '2xx')
            assert.match(String(res.headers['content-type']), /problem\+json/, `${key} as ${who} leaks no data`);
        }
      }
      assert.deepEqual(failures, []);
    });
  });
}
