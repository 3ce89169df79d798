import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { insertRestaurant, type FixtureRestaurant } from '../helpers/fixtures.ts';
import { login, seedUser, type Session } from '../staff/staff-helpers.ts';

after(dropCreatedDatabases);

const hostileString = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(
    "'; DROP TABLE bookings; --",
    '" OR 1=1 --',
    '<script>alert(1)</script>',
    '${7*7}',
    '../../etc/passwd',
    '\u0000',
    '한국어 🍜🍣',
    '%00',
    'NaN',
    '1e309',
  ),
  fc.integer({ min: 1000, max: 300_000 }).map((n) => 'x'.repeat(n)),
  fc.constantFrom('2026-06-02', '2026-02-30', '19:00', '25:99', '2026-06-02T19:00:00Z'),
);
const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  hostileString,
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(fc.string({ maxLength: 5 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.string({ maxLength: 5 }), { maxKeys: 3 }),
);
const QUERY_NAMES = [
  'token',
  'next',
  'date',
  'party',
  'time',
  'booked',
  'saved',
  'lang',
  'created',
  'changed',
  'cancelled',
  'notes',
  'status',
  'q',
  '__proto__',
  'constructor',
];
const FORM_NAMES = [
  'email',
  'password',
  'next',
  'token',
  'date',
  'time',
  'party',
  'name',
  'phone',
  'notes',
  'idempotencyKey',
  '_csrf',
  '__proto__',
];
const FIELDS = [
  'date',
  'time',
  'party',
  'name',
  'email',
  'phone',
  'notes',
  '__proto__',
  'constructor',
  'status',
  'source',
];
const hostileBody = fc.oneof(
  fc.dictionary(fc.constantFrom(...FIELDS), hostileValue, { maxKeys: 8 }),
  fc.record({
    date: fc.constant('2026-06-02'),
    time: fc.constantFrom('19:00', '19:15', '12:00'),
    party: fc.oneof(fc.integer({ min: -5, max: 20 }), hostileValue),
    name: hostileValue,
    email: hostileValue,
  }),
  hostileValue,
);

function assertCalm(res: { statusCode: number; body: string }, what: string): void {
  assert.ok(res.statusCode < 500, `${what} → ${res.statusCode}: ${res.body.slice(0, 300)}`);
  assert.ok(
    !/\n\s+at .+\(.*:\d+:\d+\)/.test(res.body) && !/node_modules|\/src\//.test(res.body),
    `${what} leaked a stack trace: ${res.body.slice(0, 300)}`,
  );
}

for (const backend of await testBackends()) {
  describe(`hostile input on every public route on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let r: FixtureRestaurant;
    let ref: string;
    let token: string;
    const runs = backend.name === 'sqlite' ? 150 : 50;
    const count = async (table: 'bookings' | 'idempotency_records') =>
      Number(
        (
          await t.database.db
            .selectFrom(table)
            .select((eb) => eb.fn.countAll().as('n'))
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      t = await testApp(backend);
      r = await insertRestaurant(t.database.db);
      const created = await t.app.inject({
        method: 'POST',
        url: `/api/v1/restaurants/${r.slug}/bookings`,
        payload: { date: '2026-06-03', time: '19:00', party: 2, name: 'Fuzz', email: 'fuzz@example.com' },
      });
      ({ reference: ref, manageToken: token } = created.json());
    });
    after(async () => t?.close());

    it('create: no 5xx, no stack, no row from a rejected request', async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileBody,
          fc.option(hostileString.filter((s) => s.length < 300 && /^[\x21-\x7e]*$/.test(s))),
          async (body, key) => {
            const before = await count('bookings');
            const headers: Record<string, string> = { 'content-type': 'application/json' };
            if (key) headers['idempotency-key'] = key;
            const res = await t.app.inject({
              method: 'POST',
              url: `/api/v1/restaurants/${r.slug}/bookings`,
              payload: JSON.stringify(body) ?? 'null',
              headers,
            });
            assertCalm(res, `POST ${JSON.stringify(body)?.slice(0, 200)}`);
            const after = await count('bookings');
            assert.equal(
              after,
              before + (res.statusCode === 201 && res.headers['idempotent-replayed'] !== 'true' ? 1 : 0),
            );
          },
        ),
        { numRuns: runs },
      );
    });

    it('manage routes: no 5xx, no stack, nothing changed by a rejected request', async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileBody,
          fc.oneof(
            fc.constant(token),
            hostileString.filter((s) => /^[\x21-\x7e]{1,500}$/.test(s)),
          ),
          fc.oneof(
            fc.constant(ref),
            hostileString.filter((s) => s.length < 200),
          ),
          async (body, tok, reference) => {
            const path = `/api/v1/bookings/${encodeURIComponent(reference)}`;
            const headers = { authorization: `Bearer ${tok}`, 'content-type': 'application/json' };
            const snapshot = JSON.stringify(
              await t.database.db.selectFrom('bookings').selectAll().where('reference', '=', ref).execute(),
            );
            const patch = await t.app.inject({
              method: 'PATCH',
              url: path,
              payload: JSON.stringify(body) ?? 'null',
              headers,
            });
            assertCalm(patch, `PATCH ${JSON.stringify(body)?.slice(0, 200)}`);
            if (patch.statusCode !== 200) {
              assert.equal(
                JSON.stringify(
                  await t.database.db.selectFrom('bookings').selectAll().where('reference', '=', ref).execute(),
                ),
                snapshot,
              );
            }
            assertCalm(await t.app.inject({ url: path, headers }), 'GET booking');
            assertCalm(await t.app.inject({ url: `${path}/calendar.ics?token=${encodeURIComponent(tok)}` }), 'GET ics');
            if (tok !== token)
              assertCalm(await t.app.inject({ method: 'POST', url: `${path}/cancel`, headers }), 'POST cancel');
          },
        ),
        { numRuns: runs },
      );
    });

    it('reads: no 5xx on hostile slugs and query strings', async () => {
      await fc.assert(
        fc.asyncProperty(
          hostileString.filter((s) => s.length < 2000),
          hostileString.filter((s) => s.length < 2000),
          hostileString.filter((s) => s.length < 2000),
          async (slug, date, party) => {
            const q = `date=${encodeURIComponent(date)}&party=${encodeURIComponent(party)}`;
            assertCalm(await t.app.inject(`/api/v1/restaurants/${encodeURIComponent(slug)}`), 'GET restaurant');
            assertCalm(
              await t.app.inject(`/api/v1/restaurants/${encodeURIComponent(slug)}/availability?${q}`),
              'GET availability (slug)',
            );
            assertCalm(
              await t.app.inject(`/api/v1/restaurants/${r.slug}/availability?${q}`),
              `GET availability ${q.slice(0, 100)}`,
            );
          },
        ),
        { numRuns: runs },
      );
    });

    it('query strings on every GET route, API and pages: repeated and undeclared parameters never 5xx', async () => {
      await seedUser(t.database.db, 'fuzz-admin@example.com', { admin: true });
      const session: Session = await login(t.app, 'fuzz-admin@example.com');
      const routes = [
        '/',
        `/r/${r.slug}`,
        `/r/${r.slug}/book`,
        `/b/${ref}`,
        '/staff/login',
        '/staff',
        `/staff/${r.slug}`,
        `/staff/${r.slug}/tables`,
        `/staff/${r.slug}/hours`,
        '/api/v1/restaurants',
        `/api/v1/restaurants/${r.slug}`,
        `/api/v1/restaurants/${r.slug}/availability`,
        `/api/v1/bookings/${ref}`,
        `/api/v1/bookings/${ref}/calendar.ics`,
        `/api/v1/restaurants/${r.slug}/bookings`,
        '/api/v1/auth/me',
        '/healthz',
        '/readyz',
        '/openapi.json',
        '/docs',
      ];
      const name = fc.oneof(fc.constantFrom(...QUERY_NAMES), fc.string({ maxLength: 12 }));
      const value = fc.oneof(
        fc.constant(token),
        fc.constant('2026-06-03'),
        fc.constant('2'),
        fc.constant('/staff'),
        hostileString.filter((v) => v.length < 500),
      );
      await fc.assert(
        fc.asyncProperty(
          fc.constantFrom(...routes),
          fc.array(fc.tuple(name, value), { maxLength: 6 }),
          fc.boolean(),
          fc.boolean(),
          async (route, pairs, repeat, signedIn) => {
            const all = repeat && pairs.length ? [...pairs, pairs[0]] : pairs;
            const query = all.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
            const headers: Record<string, string> = { accept: 'text/html,application/json' };
            if (signedIn) headers.cookie = session.cookie;
            assertCalm(
              await t.app.inject({ url: `${route}?${query}`, headers }),
              `GET ${route}?${query.slice(0, 200)}`,
            );
          },
        ),
        { numRuns: runs * 2 },
      );
    });

    it('page forms: hostile and repeated fields never 5xx', async () => {
      const field = fc.tuple(
        fc.oneof(fc.constantFrom(...FORM_NAMES), fc.string({ maxLength: 8 })),
        fc.oneof(
          fc.constant(token),
          fc.constant('2026-06-03'),
          fc.constant('19:00'),
          fc.constant('2'),
          hostileString.filter((v) => v.length < 2000),
        ),
      );
      const forms = ['/staff/login', `/r/${r.slug}/book`, `/b/${ref}/change`, `/b/${ref}/notes`];
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...forms), fc.array(field, { maxLength: 10 }), async (url, fields) => {
          const body = fields.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
          const res = await t.app.inject({
            method: 'POST',
            url,
            payload: body,
            headers: {
              'content-type': 'application/x-www-form-urlencoded',
              origin: 'http://localhost',
              accept: 'text/html',
            },
          });
          assertCalm(res, `POST ${url} ${body.slice(0, 200)}`);
        }),
        { numRuns: runs },
      );
    });
  });
}
