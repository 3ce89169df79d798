import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { insertRestaurant, type FixtureRestaurant } from '../helpers/fixtures.ts';
import { addStaff, client, hiddenValue, PASSWORD } from './helpers.ts';

after(dropCreatedDatabases);

// 2026-06-01 10:00 in London; bookings go on Wednesday 3 June.
const NOW = Date.parse('2026-06-01T09:00:00Z');
const DAY = '2026-06-03';

async function bookingCount(t: TestApp): Promise<number> {
  const row = await t.database.db
    .selectFrom('bookings')
    .select((eb) => eb.fn.countAll().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

function details(key: string, time = '19:00', extra: Record<string, string> = {}) {
  return {
    date: DAY,
    time,
    party: '2',
    name: 'Ada Lovelace',
    email: 'ada@example.com',
    phone: '+44 20 7946 0000',
    notes: '',
    idempotencyKey: key,
    ...extra,
  };
}

for (const backend of await testBackends()) {
  describe(`web pages on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let r: FixtureRestaurant;
    before(async () => {
      t = await testApp(backend, {}, NOW);
      r = await insertRestaurant(t.database.db, {
        slug: 'bistro',
        tables: [
          ['T1', 1, 2],
          ['T2', 3, 6],
        ],
      });
      await addStaff(t.database.db, 'host@example.com', 'bistro', 'host');
      await addStaff(t.database.db, 'manager@example.com', 'bistro', 'manager');
    });
    after(async () => t?.close());

    it('lists restaurants and shows free times labelled with the zone', async () => {
      const home = await client(t.app).get('/');
      assert.equal(home.statusCode, 200);
      assert.match(home.headers['content-type'] as string, /text\/html/);
      assert.match(home.body, /href="\/r\/bistro"/);
      const times = await client(t.app).get(`/r/bistro?date=${DAY}&party=2`);
      assert.equal(times.statusCode, 200);
      assert.match(times.body, /times in Europe\/London/);
      assert.match(times.body, new RegExp(`/r/bistro/book\\?date=${DAY}&amp;party=2&amp;time=19:00`));
    });

    it('shows a bad date next to its field, with a 422', async () => {
      const res = await client(t.app).get('/r/bistro?date=2026-02-30&party=2');
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /class="field-error" id="f-date-error">Choose a real date/);
    });

    it('books through the form once, even when submitted twice, and redirects to the confirmation', async () => {
      const form = await client(t.app).get(`/r/bistro/book?date=${DAY}&party=2&time=19:00`);
      assert.equal(form.statusCode, 200);
      const key = hiddenValue(form.body, 'idempotencyKey');
      const before = await bookingCount(t);
      const first = await client(t.app).post('/r/bistro/book', details(key));
      const second = await client(t.app).post('/r/bistro/book', details(key));
      assert.equal(first.statusCode, 303);
      assert.equal(second.headers.location, first.headers.location);
      assert.equal(await bookingCount(t), before + 1);
      const location = first.headers.location as string;
      assert.match(location, /^\/b\/[0-9A-Z]{8}\?token=[^&]+&created=1$/);
      const confirmation = await client(t.app).get(location);
      assert.equal(confirmation.statusCode, 200);
      assert.match(confirmation.body, /Your table is booked/);
      assert.match(confirmation.body, /19:00 \(Europe\/London\)/);
      assert.match(confirmation.body, /\/api\/v1\/bookings\/[0-9A-Z]{8}\/calendar\.ics\?token=/);
      assert.equal(confirmation.headers['cache-control'], 'no-store');
    });

    it('escapes what guests type', async () => {
      const res = await client(t.app).post(
        '/r/bistro/book',
        details('k-xss', '13:00', { name: '<script>alert(1)</script>', notes: '"><img src=x onerror=alert(1)>' }),
      );
      assert.equal(res.statusCode, 303);
      const page = await client(t.app).get(res.headers.location as string);
      assert.doesNotMatch(page.body, /<script>alert|<img src=x/);
      assert.match(page.body, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    });

    it('shows validation errors next to their fields and keeps the input', async () => {
      const res = await client(t.app).post(
        '/r/bistro/book',
        details('k-invalid', '19:00', { name: '', email: 'not-an-email' }),
      );
      assert.equal(res.statusCode, 422);
      assert.match(res.body, /id="f-name-error">name is required/);
      assert.match(res.body, /id="f-email-error">email is not a valid address/);
      assert.match(res.body, /value="not-an-email"/);
      assert.match(res.body, /value="\+44 20 7946 0000"/);
    });

    it('offers the nearest free times when the chosen one was taken meanwhile', async () => {
      const res = await client(t.app).post(
        '/r/bistro/book',
        details('k-taken', '19:00', { name: 'Grace Hopper', email: 'grace@example.com' }),
      );
      assert.equal(res.statusCode, 409);
      assert.match(res.body, /Sorry, 19:00 was just taken/);
      assert.match(res.body, /<button type="submit" name="time" value="(1[6-9]|2\d):\d\d" class="slot">/);
      assert.notEqual(hiddenValue(res.body, 'idempotencyKey'), 'k-taken');
      assert.match(res.body, /value="Grace Hopper"/);
    });

    it('lets the guest change the time and cancel from the manage page', async () => {
      const created = await client(t.app).post('/r/bistro/book', details('k-manage', '20:30'));
      const location = created.headers.location as string;
      const [, reference, token] = /^\/b\/(\w+)\?token=([^&]+)/.exec(location)!;
      const page = await client(t.app).get(`/b/${reference}?token=${token}&date=${DAY}&party=2`);
      assert.match(page.body, /name="time" value="21:30"/);
      const changed = await client(t.app).post(`/b/${reference}/change`, {
        token: decodeURIComponent(token),
        date: DAY,
        party: '2',
        time: '21:30',
      });
      assert.equal(changed.statusCode, 303);
      assert.match(changed.headers.location as string, /&changed=1$/);
      const after = await client(t.app).get(changed.headers.location as string);
      assert.match(after.body, /21:30 \(Europe\/London\)/);
      const cancelled = await client(t.app).post(`/b/${reference}/cancel`, { token: decodeURIComponent(token) });
      assert.equal(cancelled.statusCode, 303);
      const final = await client(t.app).get(cancelled.headers.location as string);
      assert.match(final.body, /badge status-cancelled/);
      assert.doesNotMatch(final.body, /Cancel booking/);
    });

    it('answers a missing or wrong token and unknown pages with friendly HTML', async () => {
      const missing = await client(t.app).get('/b/ABCDEFGH');
      assert.equal(missing.statusCode, 401);
      assert.match(missing.headers['content-type'] as string, /text\/html/);
      const wrong = await client(t.app).get('/b/ABCDEFGH?token=nope');
      assert.equal(wrong.statusCode, 404);
      assert.match(wrong.body, /<h1>Page not found<\/h1>/);
      const nothing = await client(t.app).get('/no/such/page');
      assert.equal(nothing.statusCode, 404);
      assert.match(nothing.body, /All restaurants/);
    });

    it('serves the static assets with long cache headers', async () => {
      const home = await client(t.app).get('/');
      const css = /href="(\/static\/app\.css\?v=\w+)"/.exec(home.body)![1];
      const res = await t.app.inject(css);
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['cache-control'] as string, /max-age=31536000, immutable/);
      assert.equal((await t.app.inject('/static/app.js')).headers['cache-control'], 'public, max-age=3600');
    });

    it('sends a signed-out staff page to sign-in, and refuses a wrong password there', async () => {
      const res = await client(t.app).get('/staff/bistro?date=2026-06-01');
      assert.equal(res.statusCode, 303);
      assert.equal(res.headers.location, `/staff/login?next=${encodeURIComponent('/staff/bistro?date=2026-06-01')}`);
      const bad = await client(t.app).post('/staff/login', {
        email: 'host@example.com',
        password: 'wrong password',
        next: '/staff',
      });
      assert.equal(bad.statusCode, 401);
      assert.match(bad.body, /The email or password is not correct/);
      assert.match(bad.body, /value="host@example.com"/);
    });

    it('lets a host run the day sheet with CSRF-checked forms, but not open manager pages', async () => {
      const host = client(t.app);
      const login = await host.post('/staff/login', { email: 'host@example.com', password: PASSWORD, next: '/staff' });
      assert.equal(login.statusCode, 303);
      assert.ok(host.cookie);
      assert.equal((await host.get('/staff')).headers.location, '/staff/bistro');
      const sheet = await host.get('/staff/bistro');
      assert.equal(sheet.statusCode, 200);
      const csrf = hiddenValue(sheet.body, '_csrf');
      const walkIn = {
        date: '2026-06-01',
        time: '12:00',
        party: '2',
        name: 'Walk In',
        phone: '',
        email: '',
        notes: '',
        idempotencyKey: 'walk-1',
      };
      const noToken = await host.post('/staff/bistro/bookings', walkIn);
      assert.equal(noToken.statusCode, 403);
      const added = await host.post('/staff/bistro/bookings', { ...walkIn, _csrf: csrf });
      assert.equal(added.statusCode, 303);
      const reference = /booked=(\w+)/.exec(added.headers.location as string)![1];
      t.clock.now = Date.parse('2026-06-01T11:20:00Z'); // 12:20 in London: started
      const day = await host.get('/staff/bistro?date=2026-06-01');
      assert.match(day.body, new RegExp(`data-reference="${reference}"`));
      assert.match(day.body, /No-show/);
      const noShow = await host.post(`/staff/bistro/bookings/${reference}/status`, {
        status: 'no_show',
        date: '2026-06-01',
        _csrf: csrf,
      });
      assert.equal(noShow.statusCode, 303);
      const again = await host.post(`/staff/bistro/bookings/${reference}/status`, {
        status: 'seated',
        date: '2026-06-01',
        _csrf: csrf,
      });
      assert.equal(again.statusCode, 409);
      assert.match(again.body, /no_show is final/);
      const tables = await host.get('/staff/bistro/tables');
      assert.equal(tables.statusCode, 403);
      assert.match(tables.body, /You cannot open this page/);
      assert.equal((await host.post('/staff/logout', { _csrf: csrf })).statusCode, 303);
      assert.equal(host.cookie, undefined);
      t.clock.now = NOW;
    });

    it('lets a manager edit tables, closures and members', async () => {
      const manager = client(t.app);
      await manager.post('/staff/login', {
        email: 'manager@example.com',
        password: PASSWORD,
        next: '/staff/bistro/tables',
      });
      const page = await manager.get('/staff/bistro/tables');
      assert.equal(page.statusCode, 200);
      const csrf = hiddenValue(page.body, '_csrf');
      const bad = await manager.post('/staff/bistro/tables', {
        label: 'T9',
        minSeats: '6',
        maxSeats: '2',
        _csrf: csrf,
      });
      assert.equal(bad.statusCode, 422);
      assert.match(bad.body, /minSeats must not be more than maxSeats/);
      assert.equal(
        (await manager.post('/staff/bistro/tables', { label: 'T9', minSeats: '2', maxSeats: '4', _csrf: csrf }))
          .statusCode,
        303,
      );
      assert.match((await manager.get('/staff/bistro/tables')).body, /value="T9"/);
      assert.equal(
        (await manager.post('/staff/bistro/closures', { date: '2026-12-25', note: 'Christmas', _csrf: csrf }))
          .statusCode,
        303,
      );
      assert.match((await manager.get('/staff/bistro/closures')).body, /Christmas/);
      const hours = await manager.post('/staff/bistro/hours', {
        weekday: ['1', '2', ''],
        opens: ['18:00', '18:00', ''],
        closes: ['23:00', '23:00', ''],
        _csrf: csrf,
      });
      assert.equal(hours.statusCode, 303);
      const unknown = await manager.post('/staff/bistro/members', {
        email: 'nobody@example.com',
        role: 'host',
        _csrf: csrf,
      });
      assert.equal(unknown.statusCode, 404);
      assert.match(unknown.body, /staff create/);
      assert.ok(r.id);
    });
  });
}
