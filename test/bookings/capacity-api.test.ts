import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { call, login, seedRestaurant, seedUser, type Session } from '../staff/staff-helpers.ts';

after(dropCreatedDatabases);

// Test clock: Monday 2026-06-01 09:00 UTC (10:00 London). Noon to 23:00 every day, no notice.
const DAY = '2026-06-02';
const guest = { name: 'Ann Guest', email: 'ann@example.com' };

for (const backend of await testBackends()) {
  describe(
    `capacity API (combinations, areas, pacing, holds, reason) on ${backend.name}`,
    { skip: backend.skip },
    () => {
      let t: TestApp;
      let manager: Session;
      let r: { id: string; slug: string };
      const tableId: Record<string, string> = {};
      const url = (path: string) => `/api/v1/restaurants/${r.slug}${path}`;
      const book = (body: object) =>
        t.app.inject({ method: 'POST', url: url('/bookings'), payload: { date: DAY, ...guest, ...body } });
      const avail = (query: string) => t.app.inject(url(`/availability?${query}`));
      const cellsOf = async (bookingRef: string) => {
        const row = await t.database.db
          .selectFrom('bookings')
          .select('id')
          .where('reference', '=', bookingRef)
          .executeTakeFirstOrThrow();
        const cells = await t.database.db
          .selectFrom('table_occupancy')
          .select(['table_id'])
          .where('booking_id', '=', row.id)
          .execute();
        return new Set(cells.map((c) => c.table_id));
      };

      before(async () => {
        t = await testApp(backend);
        r = await seedRestaurant(t.database.db, 'capa', {
          maxPartySize: 12,
          tables: [
            { label: 'T1', minSeats: 1, maxSeats: 2, area: 'Inside' },
            { label: 'T2', minSeats: 1, maxSeats: 2, area: 'Inside' },
            { label: 'T10', minSeats: 3, maxSeats: 6, area: 'Inside' },
            { label: 'P1', minSeats: 2, maxSeats: 4, area: 'Terrace', bookableOnline: false },
          ],
        });
        await seedUser(t.database.db, 'manager@example.com', { restaurant: 'capa', role: 'manager' });
        manager = await login(t.app, 'manager@example.com');
        const tables = (await call(t.app, manager, 'GET', url('/tables'))).json().tables as {
          id: string;
          label: string;
          area: string;
          bookableOnline: boolean;
        }[];
        for (const tb of tables) tableId[tb.label] = tb.id;
        assert.deepEqual(
          tables.map((tb) => [tb.label, tb.area, tb.bookableOnline]),
          [
            ['P1', 'Terrace', false],
            ['T1', 'Inside', true],
            ['T2', 'Inside', true],
            ['T10', 'Inside', true],
          ],
        );
      });
      after(async () => t?.close());

      it('combinations: create, list, change, refuse bad input, delete', async () => {
        const created = await call(t.app, manager, 'POST', url('/combinations'), {
          tableIds: [tableId.T10, tableId.T2],
          minSeats: 7,
          maxSeats: 8,
        });
        assert.equal(created.statusCode, 201, created.body);
        const c = created.json();
        assert.deepEqual(
          { ...c, id: undefined },
          {
            id: undefined,
            label: 'T2+T10',
            tables: [
              { id: tableId.T2, label: 'T2' },
              { id: tableId.T10, label: 'T10' },
            ],
            minSeats: 7,
            maxSeats: 8,
            active: true,
          },
        );
        const pair = await call(t.app, manager, 'POST', url('/combinations'), {
          tableIds: [tableId.T1, tableId.T2],
          minSeats: 3,
          maxSeats: 4,
          active: true,
        });
        assert.equal(pair.statusCode, 201);
        const list = await call(t.app, manager, 'GET', url('/combinations'));
        assert.deepEqual(
          list.json().combinations.map((x: { label: string }) => x.label),
          ['T1+T2', 'T2+T10'],
        );
        const patched = await call(t.app, manager, 'PATCH', url(`/combinations/${c.id}`), { minSeats: 5, maxSeats: 8 });
        assert.equal(patched.statusCode, 200);
        assert.equal(patched.json().minSeats, 5);
        for (const body of [
          { tableIds: [tableId.T1], minSeats: 1, maxSeats: 2 },
          { tableIds: [tableId.T1, 'nope'], minSeats: 1, maxSeats: 2 },
          { tableIds: [tableId.T1, tableId.T1], minSeats: 1, maxSeats: 2 },
          { tableIds: [tableId.T1, tableId.P1], minSeats: 5, maxSeats: 2 },
        ]) {
          const res = await call(t.app, manager, 'POST', url('/combinations'), body);
          assert.equal(res.statusCode, 422, JSON.stringify(body));
          assert.match(String(res.headers['content-type']), /^application\/problem\+json/);
        }
        assert.equal(
          (
            await call(t.app, manager, 'POST', url('/combinations'), {
              tableIds: [tableId.T2, tableId.T1],
              minSeats: 3,
              maxSeats: 4,
            })
          ).statusCode,
          409,
          'same tables twice',
        );
        const extra = await call(t.app, manager, 'POST', url('/combinations'), {
          tableIds: [tableId.T1, tableId.P1],
          minSeats: 3,
          maxSeats: 6,
        });
        assert.equal((await call(t.app, manager, 'DELETE', url(`/combinations/${extra.json().id}`))).statusCode, 204);
        assert.equal((await call(t.app, manager, 'DELETE', url(`/combinations/${extra.json().id}`))).statusCode, 404);
        assert.equal(
          (await call(t.app, manager, 'DELETE', url(`/tables/${tableId.T1}`))).statusCode,
          409,
          'a table in a combination stays',
        );
      });

      it('a party larger than every table books a combination that holds every member table', async () => {
        const res = await book({ time: '19:00', party: 8 });
        assert.equal(res.statusCode, 201, res.body);
        assert.deepEqual(res.json().table, { label: 'T2+T10' });
        assert.deepEqual(res.json().tables, [{ label: 'T2' }, { label: 'T10' }]);
        assert.deepEqual(await cellsOf(res.json().reference), new Set([tableId.T2, tableId.T10]));
        const single = await book({ time: '19:00', party: 2 });
        assert.equal(single.json().table.label, 'T1', 'T2 is taken by the combination');
        const none = await book({ time: '19:00', party: 2 });
        assert.equal(none.statusCode, 409, 'P1 is not bookable online');
        assert.ok(Array.isArray(none.json().alternatives));
        const staff = await call(t.app, manager, 'POST', url('/bookings'), {
          date: DAY,
          time: '19:00',
          party: 2,
          name: 'Walk in',
        });
        assert.equal(staff.json().table.label, 'P1', 'staff may use offline tables');
        const got = await t.app.inject({
          url: `/api/v1/bookings/${res.json().reference}`,
          headers: { authorization: `Bearer ${res.json().manageToken}` },
        });
        assert.deepEqual(got.json().tables, [{ label: 'T2' }, { label: 'T10' }]);
      });

      it('staff tableId may name a combination (its id); table moves re-check every member table', async () => {
        const res = await book({ time: '13:00', party: 4 });
        assert.equal(res.json().table.label, 'T10');
        const pair = (await call(t.app, manager, 'GET', url('/combinations')))
          .json()
          .combinations.find((c: { label: string }) => c.label === 'T1+T2');
        const moved = await call(t.app, manager, 'PATCH', url(`/bookings/${res.json().reference}`), {
          tableId: pair.id,
        });
        assert.equal(moved.statusCode, 200, moved.body);
        assert.equal(moved.json().tableId, pair.id);
        assert.deepEqual(moved.json().tables, [{ label: 'T1' }, { label: 'T2' }]);
        assert.deepEqual(await cellsOf(res.json().reference), new Set([tableId.T1, tableId.T2]));
        const other = await book({ time: '13:30', party: 4 });
        assert.equal(other.json().table.label, 'T10');
        const clash = await call(t.app, manager, 'PATCH', url(`/bookings/${other.json().reference}`), {
          tableId: pair.id,
        });
        assert.equal(clash.statusCode, 409);
        const tooBig = await call(t.app, manager, 'PATCH', url(`/bookings/${other.json().reference}`), {
          tableId: tableId.T1,
        });
        assert.equal(tooBig.statusCode, 422);
      });

      it('availability: area filter, and reason when there are no slots', async () => {
        const terrace = await call(t.app, manager, 'POST', url('/tables'), {
          label: 'P2',
          minSeats: 1,
          maxSeats: 4,
          area: 'Terrace',
        });
        assert.equal(terrace.statusCode, 201, terrace.body);
        assert.equal((await avail(`date=${DAY}&party=2&area=Terrace`)).json().slots.length > 0, true);
        assert.equal((await avail(`date=${DAY}&party=6&area=Terrace`)).json().reason, 'full');
        assert.equal((await avail(`date=${DAY}&party=2&area=Basement`)).statusCode, 422);
        const onTerrace = await book({ time: '20:00', party: 2, area: 'terrace' });
        assert.equal(onTerrace.json().table.label, 'P2');
        await call(t.app, manager, 'POST', url('/closures'), { date: '2026-06-05' });
        const cases: [string, string | undefined][] = [
          ['2026-06-05', 'closed'],
          ['2026-05-20', 'past'],
          ['2026-12-01', 'beyond_window'],
          [DAY, undefined],
        ];
        for (const [date, reason] of cases) {
          const body = (await avail(`date=${date}&party=2`)).json();
          assert.equal(body.reason, reason, date);
          if (reason) assert.deepEqual(body.slots, []);
        }
        const details = (await t.app.inject(url(''))).json();
        assert.deepEqual(details.areas, ['Inside', 'Terrace']);
      });

      it('pacing: guests never exceed maxCoversPerSlot; staff may', async () => {
        const set = await call(t.app, manager, 'PATCH', url(''), { maxCoversPerSlot: 4, holdMinutes: 5 });
        assert.equal(set.statusCode, 200, set.body);
        assert.equal(set.json().maxCoversPerSlot, 4);
        const first = await book({ date: '2026-06-03', time: '12:00', party: 2 });
        assert.equal(first.statusCode, 201, first.body);
        assert.equal((await book({ date: '2026-06-03', time: '12:00', party: 2 })).statusCode, 201);
        const over = await book({ date: '2026-06-03', time: '12:00', party: 1 });
        assert.equal(over.statusCode, 409);
        assert.ok(over.json().alternatives.some((a: { time: string }) => a.time === '12:15'));
        const slots = (await avail('date=2026-06-03&party=1')).json().slots.map((s: { time: string }) => s.time);
        assert.ok(!slots.includes('12:00') && slots.includes('12:15'));
        const staff = await call(t.app, manager, 'POST', url('/bookings'), {
          date: '2026-06-03',
          time: '12:00',
          party: 1,
          name: 'Regular',
        });
        assert.equal(staff.statusCode, 201);
        assert.equal(
          (await call(t.app, manager, 'PATCH', url(''), { maxCoversPerSlot: null })).json().maxCoversPerSlot,
          null,
        );
        assert.equal((await book({ date: '2026-06-03', time: '12:00', party: 3 })).statusCode, 201);
      });

      it('holds: take, book on the held table, mismatch 422, release, expire', async () => {
        const hold = await t.app.inject({
          method: 'POST',
          url: url('/holds'),
          payload: { date: '2026-06-04', time: '18:00', party: 8 },
        });
        assert.equal(hold.statusCode, 201, hold.body);
        const h = hold.json();
        assert.deepEqual(Object.keys(h).sort(), ['date', 'expiresAt', 'holdId', 'party', 'table', 'time']);
        assert.deepEqual(
          { ...h, holdId: undefined },
          {
            holdId: undefined,
            expiresAt: '2026-06-01T09:05:00Z',
            date: '2026-06-04',
            time: '18:00',
            party: 8,
            table: { label: 'T2+T10' },
          },
        );
        const taken = await book({ date: '2026-06-04', time: '18:00', party: 8 });
        assert.equal(taken.statusCode, 409, taken.body);
        assert.equal(
          (await avail('date=2026-06-04&party=8')).json().slots.some((s: { time: string }) => s.time === '18:00'),
          false,
        );
        assert.equal((await book({ date: '2026-06-04', time: '18:15', party: 8, holdId: h.holdId })).statusCode, 422);
        const booked = await book({ date: '2026-06-04', time: '18:00', party: 8, holdId: h.holdId });
        assert.equal(booked.statusCode, 201, booked.body);
        assert.equal(booked.json().table.label, 'T2+T10');
        assert.equal(
          (await t.app.inject({ method: 'DELETE', url: `/api/v1/holds/${h.holdId}` })).statusCode,
          404,
          'used up',
        );

        const second = (
          await t.app.inject({
            method: 'POST',
            url: url('/holds'),
            payload: { date: '2026-06-04', time: '13:00', party: 8 },
          })
        ).json();
        assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/holds/${second.holdId}` })).statusCode, 204);
        assert.equal((await t.app.inject({ method: 'DELETE', url: `/api/v1/holds/${second.holdId}` })).statusCode, 404);
        assert.equal((await book({ date: '2026-06-04', time: '13:00', party: 8 })).statusCode, 201, 'released');

        const third = (
          await t.app.inject({
            method: 'POST',
            url: url('/holds'),
            payload: { date: '2026-06-04', time: '20:30', party: 8 },
          })
        ).json();
        assert.equal((await book({ date: '2026-06-04', time: '20:30', party: 8 })).statusCode, 409);
        t.clock.now += 5 * 60_000;
        const after = await book({ date: '2026-06-04', time: '20:30', party: 8, holdId: third.holdId });
        assert.equal(after.statusCode, 201, 'an expired hold frees its table and the create proceeds as if none');
        assert.equal(
          (await t.app.inject({ method: 'DELETE', url: '/api/v1/holds/00000000-0000-4000-8000-000000000000' }))
            .statusCode,
          404,
        );
        await call(t.app, manager, 'PATCH', url(''), { holdMinutes: 0 });
        assert.equal(
          (
            await t.app.inject({
              method: 'POST',
              url: url('/holds'),
              payload: { date: '2026-06-04', time: '15:00', party: 2 },
            })
          ).statusCode,
          404,
          'holds off',
        );
        await call(t.app, manager, 'PATCH', url(''), { holdMinutes: 5 });
      });
    },
  );
}
