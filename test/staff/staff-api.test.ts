import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { call, login, seedRestaurant, seedUser, type Session } from './staff-helpers.ts';

after(dropCreatedDatabases);

const R = '/api/v1/restaurants/gamma';
const ALL_DAY = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '09:00', closes: '23:00' }));

function fieldsOf(res: { json(): { errors?: { field: string }[] } }): string[] {
  return (res.json().errors ?? []).map((e) => e.field);
}

for (const backend of await testBackends()) {
  describe(`staff API on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let admin: Session;
    let manager: Session;
    let host: Session;
    let tables: Record<string, string>;
    before(async () => {
      t = await testApp(backend); // now: 2026-06-01 10:00 in London
      await seedUser(t.database.db, 'admin@example.com', { admin: true });
      admin = await login(t.app, 'admin@example.com');
    });
    after(async () => t?.close());

    it('an admin creates a restaurant with hours and tables; defaults fill the rest', async () => {
      const res = await call(t.app, admin, 'POST', '/api/v1/restaurants', {
        slug: 'gamma',
        name: 'Gamma',
        timezone: 'Europe/London',
        hours: ALL_DAY,
        tables: [
          { label: 'T1', minSeats: 1, maxSeats: 2 },
          { label: 'T2', minSeats: 1, maxSeats: 2 },
          { label: 'T10', minSeats: 3, maxSeats: 6 },
          { label: 'Old', minSeats: 1, maxSeats: 2, active: false },
        ],
      });
      assert.equal(res.statusCode, 201, res.body);
      const body = res.json();
      assert.equal(body.minNoticeMinutes, 60);
      assert.equal(body.slotIntervalMinutes, 15);
      assert.equal(body.hours.length, 7);
      assert.deepEqual(
        body.tables.map((x: { label: string }) => x.label),
        ['Old', 'T1', 'T2', 'T10'],
      );
      tables = Object.fromEntries(body.tables.map((x: { label: string; id: string }) => [x.label, x.id]));
      await seedUser(t.database.db, 'manager@example.com', { restaurant: 'gamma', role: 'manager' });
      await seedUser(t.database.db, 'host@example.com', { restaurant: 'gamma', role: 'host' });
      manager = await login(t.app, 'manager@example.com');
      host = await login(t.app, 'host@example.com');
    });

    it('refuses bad restaurants with clear 4xx', async () => {
      const base = { slug: 'delta', name: 'Delta', timezone: 'Europe/London' };
      const dup = await call(t.app, admin, 'POST', '/api/v1/restaurants', { ...base, slug: 'gamma' });
      assert.equal(dup.statusCode, 409);
      const cases: [object, string][] = [
        [{ ...base, slug: 'Bad Slug' }, 'slug'],
        [{ ...base, timezone: 'Mars/Olympus' }, 'timezone'],
        [{ ...base, name: 'x'.repeat(101) }, 'name'],
        [{ ...base, hours: [{ weekday: 8, opens: '12:00', closes: '14:00' }] }, 'hours.0.weekday'],
        [{ ...base, tables: [{ label: 'A', minSeats: 5, maxSeats: 2 }] }, 'tables[0].minSeats'],
        [{ ...base, tables: [{ label: 'x'.repeat(33), minSeats: 1, maxSeats: 2 }] }, 'tables.0.label'],
        [
          {
            ...base,
            tables: [
              { label: 'A', minSeats: 1, maxSeats: 2 },
              { label: 'A', minSeats: 1, maxSeats: 2 },
            ],
          },
          'tables[1].label',
        ],
        [{ ...base, slotIntervalMinutes: 7 }, 'slotIntervalMinutes'],
        [{ ...base, colour: 'red' }, 'colour'],
      ];
      for (const [body, field] of cases) {
        const res = await call(t.app, admin, 'POST', '/api/v1/restaurants', body);
        assert.equal(res.statusCode, 422, `${field}: ${res.body}`);
        assert.ok(fieldsOf(res).includes(field), `${field} in ${res.body}`);
      }
      const text = await call(t.app, admin, 'POST', '/api/v1/restaurants', 'slug=x', {
        'content-type': 'application/x-www-form-urlencoded',
      });
      assert.equal(text.statusCode, 415);
      assert.equal((await call(t.app, admin, 'GET', '/api/v1/restaurants/delta')).statusCode, 404);
    });

    it('a manager changes settings and hours; the public side sees them at once', async () => {
      const patched = await call(t.app, manager, 'PATCH', R, { name: 'Gamma Bistro', maxPartySize: 6 });
      assert.equal(patched.statusCode, 200);
      assert.equal(patched.json().name, 'Gamma Bistro');
      assert.equal((await call(t.app, manager, 'PATCH', R, { durations: [] })).statusCode, 422);
      assert.equal((await call(t.app, manager, 'PATCH', R, {})).statusCode, 422);
      const hours = await call(t.app, manager, 'PUT', `${R}/hours`, {
        hours: [...ALL_DAY, { weekday: 5, opens: '23:30', closes: '01:00' }],
      });
      assert.equal(hours.statusCode, 200);
      assert.equal(hours.json().hours.length, 8);
      assert.equal(
        (await call(t.app, manager, 'PUT', `${R}/hours`, { hours: [{ weekday: 1, opens: '25:00', closes: '01:00' }] }))
          .statusCode,
        422,
      );
      const pub = (await t.app.inject(R)).json();
      assert.equal(pub.name, 'Gamma Bistro');
      assert.equal(pub.maxPartySize, 6);
      assert.equal(pub.hours.length, 8);
      assert.equal((await call(t.app, manager, 'PUT', `${R}/hours`, { hours: ALL_DAY })).statusCode, 200);
    });

    it('closures: add, list, duplicate 409, bad date 422, remove, unknown 404', async () => {
      assert.equal(
        (await call(t.app, manager, 'POST', `${R}/closures`, { date: '2026-06-10', note: 'Staff party' })).statusCode,
        201,
      );
      assert.equal((await call(t.app, manager, 'POST', `${R}/closures`, { date: '2026-06-10' })).statusCode, 409);
      assert.equal((await call(t.app, manager, 'POST', `${R}/closures`, { date: '2026-02-30' })).statusCode, 422);
      const list = await call(t.app, manager, 'GET', `${R}/closures`);
      assert.deepEqual(list.json(), { closures: [{ date: '2026-06-10', note: 'Staff party' }] });
      const slots = (await t.app.inject(`${R}/availability?date=2026-06-10&party=2`)).json().slots;
      assert.deepEqual(slots, [], 'no bookings on a closure');
      assert.equal((await call(t.app, manager, 'DELETE', `${R}/closures/2026-06-10`)).statusCode, 204);
      assert.equal((await call(t.app, manager, 'DELETE', `${R}/closures/2026-06-10`)).statusCode, 404);
      assert.equal((await call(t.app, manager, 'DELETE', `${R}/closures/someday`)).statusCode, 422);
    });

    it('tables: add, duplicate label 409, seats rules 422, patch, unknown 404', async () => {
      const added = await call(t.app, manager, 'POST', `${R}/tables`, { label: 'Bar', minSeats: 1, maxSeats: 2 });
      assert.equal(added.statusCode, 201);
      tables.Bar = added.json().id;
      assert.equal(
        (await call(t.app, manager, 'POST', `${R}/tables`, { label: 'Bar', minSeats: 1, maxSeats: 2 })).statusCode,
        409,
      );
      assert.equal(
        (await call(t.app, manager, 'POST', `${R}/tables`, { label: 'Big', minSeats: 4, maxSeats: 2 })).statusCode,
        422,
      );
      assert.equal(
        (await call(t.app, manager, 'POST', `${R}/tables`, { label: 'Big', minSeats: 0, maxSeats: 2 })).statusCode,
        422,
      );
      assert.equal((await call(t.app, manager, 'PATCH', `${R}/tables/${tables.Bar}`, { minSeats: 3 })).statusCode, 422);
      assert.equal((await call(t.app, manager, 'PATCH', `${R}/tables/${tables.Bar}`, { label: 'T1' })).statusCode, 409);
      const patched = await call(t.app, manager, 'PATCH', `${R}/tables/${tables.Bar}`, { label: 'Bar 1', maxSeats: 3 });
      assert.equal(patched.statusCode, 200);
      assert.equal(patched.json().label, 'Bar 1');
      assert.equal((await call(t.app, manager, 'PATCH', `${R}/tables/no-such-table`, { maxSeats: 3 })).statusCode, 404);
      const list = (await call(t.app, manager, 'GET', `${R}/tables`)).json().tables;
      assert.equal(list.length, 5);
    });

    let staffRef = '';
    it('staff bookings: source staff, email optional, notice waived, one slot of walk-in', async () => {
      const guest = await t.app.inject({
        method: 'POST',
        url: `${R}/bookings`,
        payload: { date: '2026-06-01', time: '10:15', party: 2, name: 'Guest', email: 'g@example.com' },
      });
      assert.equal(guest.statusCode, 422, 'inside the notice period for guests');
      const res = await call(t.app, host, 'POST', `${R}/bookings`, {
        date: '2026-06-01',
        time: '10:15',
        party: 2,
        name: 'Phone guest',
      });
      assert.equal(res.statusCode, 201, res.body);
      assert.equal(res.json().source, 'staff');
      assert.equal(res.json().email, null);
      staffRef = res.json().reference;
      assert.equal(
        (
          await call(t.app, host, 'POST', `${R}/bookings`, {
            date: '2026-06-01',
            time: '09:45',
            party: 2,
            name: 'Walk-in',
          })
        ).statusCode,
        201,
      );
      assert.equal(
        (
          await call(t.app, host, 'POST', `${R}/bookings`, {
            date: '2026-06-01',
            time: '09:30',
            party: 2,
            name: 'Too late',
          })
        ).statusCode,
        422,
      );
    });

    it("the day's bookings, by start, with their tables; bad dates are 422", async () => {
      const res = await call(t.app, host, 'GET', `${R}/bookings?date=2026-06-01`);
      assert.equal(res.statusCode, 200);
      const list = res.json().bookings;
      assert.deepEqual(
        list.map((b: { time: string }) => b.time),
        ['09:45', '10:15'],
      );
      assert.ok(list.every((b: { tableId: string; table: { label: string } }) => b.tableId && b.table.label));
      assert.equal((await call(t.app, host, 'GET', `${R}/bookings?date=2026-13-01`)).statusCode, 422);
      assert.equal((await call(t.app, host, 'GET', `${R}/bookings?date=tomorrow`)).statusCode, 422);
      assert.equal((await call(t.app, host, 'GET', `${R}/bookings`)).statusCode, 422);
    });

    it('status changes follow the rules; cancelled frees the table', async () => {
      const patch = (ref: string, body: object) => call(t.app, host, 'PATCH', `${R}/bookings/${ref}`, body);
      const later = await call(t.app, host, 'POST', `${R}/bookings`, {
        date: '2026-06-01',
        time: '19:00',
        party: 2,
        name: 'Evening',
      });
      const laterRef = later.json().reference;
      assert.equal((await patch(laterRef, { status: 'no_show' })).statusCode, 409, 'no-show before the start');
      assert.equal(
        (await patch(laterRef, { status: 'completed' })).statusCode,
        409,
        'confirmed → completed skips seated',
      );
      const seated = await patch(staffRef, { status: 'seated' });
      assert.equal(seated.statusCode, 200, seated.body);
      assert.equal(seated.json().status, 'seated');
      assert.equal((await patch(staffRef, { status: 'cancelled' })).statusCode, 409);
      assert.equal((await patch(staffRef, { status: 'completed' })).json().status, 'completed');
      assert.equal((await patch(staffRef, { status: 'seated' })).statusCode, 409, 'nothing leaves completed');

      const cancelled = await patch(laterRef, { status: 'cancelled' });
      assert.equal(cancelled.json().status, 'cancelled');
      const cells = await t.database.db
        .selectFrom('table_occupancy')
        .innerJoin('bookings', 'bookings.id', 'table_occupancy.booking_id')
        .select('cell')
        .where('bookings.reference', '=', laterRef)
        .execute();
      assert.equal(cells.length, 0, 'the table is free again');
      assert.equal((await patch(laterRef, { status: 'confirmed' })).statusCode, 409, 'nothing leaves cancelled');
      assert.equal((await patch(laterRef, { status: 'unknown' })).statusCode, 422);
      assert.equal((await patch('ZZZZZZZZ', { notes: 'x' })).statusCode, 404);
    });

    it('table reassignment: 422 when it does not fit, 409 when taken, else moved', async () => {
      const book = async (name: string) =>
        (
          await call(t.app, host, 'POST', `${R}/bookings`, { date: '2026-06-02', time: '19:00', party: 2, name })
        ).json();
      const first = await book('First');
      const second = await book('Second');
      assert.notEqual(first.table.label, second.table.label);
      const patch = (body: object) => call(t.app, host, 'PATCH', `${R}/bookings/${first.reference}`, body);
      assert.equal((await patch({ tableId: tables.T10 })).statusCode, 422, 'T10 seats 3–6');
      assert.equal((await patch({ tableId: tables.Old })).statusCode, 422, 'inactive');
      assert.equal((await patch({ tableId: 'nope' })).statusCode, 422);
      const secondTable =
        second.table.label === 'T1' ? tables.T1 : second.table.label === 'T2' ? tables.T2 : tables.Bar;
      assert.equal((await patch({ tableId: secondTable })).statusCode, 409, 'taken');
      const moved = await patch({ tableId: tables.Bar });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json().table.label, 'Bar 1');
      assert.equal(moved.json().tableId, tables.Bar);
    });

    it('date, time and party changes use the booking rules in staff mode', async () => {
      const b = (
        await call(t.app, host, 'POST', `${R}/bookings`, {
          date: '2026-06-03',
          time: '12:00',
          party: 2,
          name: 'Mover',
          email: 'mover@example.com',
        })
      ).json();
      const moved = await call(t.app, host, 'PATCH', `${R}/bookings/${b.reference}`, {
        time: '13:00',
        party: 4,
        notes: 'window seat',
      });
      assert.equal(moved.statusCode, 200, moved.body);
      assert.equal(moved.json().time, '13:00');
      assert.equal(moved.json().table.label, 'T10');
      assert.equal(
        (await call(t.app, host, 'PATCH', `${R}/bookings/${b.reference}`, { time: '13:07' })).statusCode,
        422,
      );
      assert.equal(
        (await call(t.app, host, 'PATCH', `${R}/bookings/${b.reference}`, { party: 7 })).statusCode,
        422,
        'over maxPartySize 6',
      );
      const email = await t.database.db
        .selectFrom('email_outbox')
        .select('kind')
        .where('to_address', '=', 'mover@example.com')
        .execute();
      assert.deepEqual(email.map((e) => e.kind).sort(), ['change', 'confirmation', 'reminder']);
    });

    it('members: add (404 for unknown users), change role, list, remove', async () => {
      assert.equal(
        (await call(t.app, manager, 'POST', `${R}/members`, { email: 'ghost@example.com', role: 'host' })).statusCode,
        404,
      );
      await seedUser(t.database.db, 'new@example.com');
      assert.equal(
        (await call(t.app, manager, 'POST', `${R}/members`, { email: 'new@example.com', role: 'host' })).statusCode,
        201,
      );
      assert.equal(
        (await call(t.app, manager, 'POST', `${R}/members`, { email: 'NEW@example.com', role: 'manager' })).statusCode,
        200,
      );
      assert.equal(
        (await call(t.app, manager, 'POST', `${R}/members`, { email: 'new@example.com', role: 'owner' })).statusCode,
        422,
      );
      const members = (await call(t.app, manager, 'GET', `${R}/members`)).json().members;
      assert.deepEqual(
        members.find((m: { email: string }) => m.email === 'new@example.com'),
        { email: 'new@example.com', name: 'new', role: 'manager' },
      );
      assert.equal((await call(t.app, manager, 'DELETE', `${R}/members/new@example.com`)).statusCode, 204);
      assert.equal((await call(t.app, manager, 'DELETE', `${R}/members/new@example.com`)).statusCode, 404);
    });

    it("another restaurant's staff learn nothing; unknown restaurants are 404", async () => {
      await seedRestaurant(t.database.db, 'omega');
      await seedUser(t.database.db, 'omega@example.com', { restaurant: 'omega', role: 'manager' });
      const other = await login(t.app, 'omega@example.com');
      for (const url of [`${R}/bookings?date=2026-06-01`, `${R}/tables`, `${R}/members`, `${R}/outbox`]) {
        const res = await call(t.app, other, 'GET', url);
        assert.equal(res.statusCode, 403, url);
        assert.doesNotMatch(res.body, /Phone guest|reference/);
      }
      const cross = await call(t.app, other, 'PATCH', `/api/v1/restaurants/omega/bookings/${staffRef}`, { notes: 'x' });
      assert.equal(cross.statusCode, 404, 'a reference of gamma under omega');
      assert.equal((await call(t.app, other, 'GET', '/api/v1/restaurants/nowhere/tables')).statusCode, 404);
      assert.equal((await t.app.inject({ method: 'HEAD', url: `${R}/tables` })).statusCode, 401);
    });

    it('tables with upcoming bookings cannot be deleted; unused ones can', async () => {
      assert.equal((await call(t.app, manager, 'DELETE', `${R}/tables/${tables.Bar}`)).statusCode, 409);
      const spare = (
        await call(t.app, manager, 'POST', `${R}/tables`, { label: 'Spare', minSeats: 1, maxSeats: 2 })
      ).json();
      assert.equal((await call(t.app, manager, 'DELETE', `${R}/tables/${spare.id}`)).statusCode, 204);
      assert.equal((await call(t.app, manager, 'DELETE', `${R}/tables/${spare.id}`)).statusCode, 404);
    });

    it('failed emails are listed for managers', async () => {
      const gamma = await t.database.db
        .selectFrom('restaurants')
        .select('id')
        .where('slug', '=', 'gamma')
        .executeTakeFirstOrThrow();
      await t.database.db
        .updateTable('email_outbox')
        .set({ status: 'failed', attempts: 8, last_error: 'connection refused' })
        .where('restaurant_id', '=', gamma.id)
        .where('to_address', '=', 'mover@example.com')
        .where('kind', '!=', 'reminder')
        .execute();
      const res = await call(t.app, manager, 'GET', `${R}/outbox?status=failed`);
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().emails.length, 2);
      assert.equal(res.json().emails[0].lastError, 'connection refused');
      assert.equal((await call(t.app, manager, 'GET', `${R}/outbox?status=bogus`)).statusCode, 422);
    });
  });
}
