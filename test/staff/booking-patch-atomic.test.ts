import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { call, login, seedRestaurant, seedUser, type Session } from './staff-helpers.ts';

after(dropCreatedDatabases);

/**
 * Issue 11 item 4: a PATCH with one bad part changes nothing and sends no email (SPEC §3),
 * whatever good parts come with it: every combination, staff and guest, on every backend.
 */

const DAY = '2026-06-02';
type Patch = Record<string, unknown>;

function subsets<T>(items: T[]): T[][] {
  return items.reduce<T[][]>((all, item) => all.concat(all.map((s) => [...s, item])), [[]]);
}

for (const backend of await testBackends()) {
  describe(`all-or-nothing booking changes on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let host: Session;
    let tables: Record<string, string>;
    before(async () => {
      t = await testApp(backend);
      await seedRestaurant(t.database.db, 'alpha');
      await seedUser(t.database.db, 'host@example.com', { restaurant: 'alpha', role: 'host' });
      host = await login(t.app, 'host@example.com');
      const rows = await t.database.db.selectFrom('dining_tables').select(['id', 'label']).execute();
      tables = Object.fromEntries(rows.map((r) => [r.label, r.id]));
    });
    after(async () => t?.close());

    const book = async (time: string) => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/restaurants/alpha/bookings',
        payload: { date: DAY, time, party: 2, name: 'Ann', email: 'ann@example.com' },
      });
      assert.equal(res.statusCode, 201, res.body);
      return res.json() as { reference: string; manageToken: string };
    };
    const snapshot = async (reference: string) => ({
      booking: await t.database.db
        .selectFrom('bookings')
        .selectAll()
        .where('reference', '=', reference)
        .executeTakeFirstOrThrow(),
      cells: (await t.database.db.selectFrom('table_occupancy').select(['table_id', 'cell']).orderBy('cell').execute())
        .map((c) => `${c.table_id}:${c.cell}`)
        .join(','),
      emails: (await t.database.db.selectFrom('email_outbox').select('id').execute()).length,
    });

    async function assertRefusedClass(
      kind: string,
      good: Record<string, unknown>,
      bad: Record<string, unknown>,
      send: (ref: string, token: string, patch: Patch) => Promise<{ statusCode: number; body: string }>,
    ) {
      const b = await book('13:00');
      const failures: string[] = [];
      for (const [badField, badValue] of Object.entries(bad)) {
        const others = Object.keys(good).filter((f) => f !== badField);
        for (const subset of subsets(others)) {
          const patch: Patch = { ...Object.fromEntries(subset.map((f) => [f, good[f]])), [badField]: badValue };
          const before = await snapshot(b.reference);
          const res = await send(b.reference, b.manageToken, patch);
          const after = await snapshot(b.reference);
          if (res.statusCode < 400 || res.statusCode >= 500)
            failures.push(`${kind} ${JSON.stringify(patch)} answered ${res.statusCode}`);
          else if (JSON.stringify(after) !== JSON.stringify(before))
            failures.push(
              `${kind} ${JSON.stringify(patch)} → ${res.statusCode} but changed the booking, its tables or the outbox`,
            );
        }
      }
      assert.deepEqual(failures, []);
    }

    it('staff {party, tableId} onto a table too small: 422, the party is not changed and no email is sent', async () => {
      const b = await book('15:00');
      const before = await snapshot(b.reference);
      const res = await call(t.app, host, 'PATCH', `/api/v1/restaurants/alpha/bookings/${b.reference}`, {
        party: 3,
        tableId: tables.T1,
      });
      assert.equal(res.statusCode, 422, res.body);
      assert.deepEqual(await snapshot(b.reference), before);
    });

    it('staff {time, status} with an illegal status: 409, the time is not changed and no email is sent', async () => {
      const b = await book('16:00');
      const before = await snapshot(b.reference);
      const res = await call(t.app, host, 'PATCH', `/api/v1/restaurants/alpha/bookings/${b.reference}`, {
        time: '17:00',
        status: 'completed',
      });
      assert.equal(res.statusCode, 409, res.body);
      assert.deepEqual(await snapshot(b.reference), before);
    });

    it('staff PATCH: every combination of good parts with one bad part changes nothing', async () => {
      const good = {
        party: 1,
        tableId: tables.T2,
        date: '2026-06-03',
        time: '14:00',
        notes: 'window seat',
        status: 'cancelled',
      };
      const bad = { party: 50, tableId: tables.T3, date: '2026-12-01', time: '13:07', status: 'completed' };
      await assertRefusedClass('staff', good, bad, (ref, _token, patch) =>
        call(t.app, host, 'PATCH', `/api/v1/restaurants/alpha/bookings/${ref}`, patch),
      );
    });

    it('guest PATCH: every combination of good parts with one bad part changes nothing', async () => {
      const good = { party: 1, date: '2026-06-03', time: '14:00', notes: 'window seat' };
      const bad = { party: 50, date: '2026-12-01', time: '13:07' };
      await assertRefusedClass('guest', good, bad, (ref, token, patch) =>
        t.app.inject({
          method: 'PATCH',
          url: `/api/v1/bookings/${ref}`,
          headers: { authorization: `Bearer ${token}` },
          payload: patch,
        }),
      );
    });

    it('staff PATCH with only good parts applies all of them at once, with one change email', async () => {
      const b = await book('18:00');
      const emails = (await snapshot(b.reference)).emails;
      const res = await call(t.app, host, 'PATCH', `/api/v1/restaurants/alpha/bookings/${b.reference}`, {
        party: 1,
        tableId: tables.T2,
        time: '19:00',
        notes: 'quiet',
      });
      assert.equal(res.statusCode, 200, res.body);
      const body = res.json();
      assert.deepEqual([body.party, body.tableId, body.time, body.notes], [1, tables.T2, '19:00', 'quiet']);
      const after = await snapshot(b.reference);
      assert.equal(after.emails, emails + 1);
      const kinds = await t.database.db
        .selectFrom('email_outbox')
        .select('kind')
        .where('booking_id', '=', after.booking.id)
        .where('kind', 'in', ['confirmation', 'change'])
        .execute();
      assert.deepEqual(kinds.map((k) => k.kind).sort(), ['change', 'confirmation']);
    });
  });
}
