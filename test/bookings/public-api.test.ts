import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { insertRestaurant, type FixtureRestaurant } from '../helpers/fixtures.ts';

after(dropCreatedDatabases);

// The test clock: Monday 2026-06-01 09:00 UTC = 10:00 in London (BST).
const DAY = '2026-06-02';
const DAY2 = '2026-06-03';
const guest = { name: 'Ann Guest', email: 'ann@example.com' };

for (const backend of await testBackends()) {
  describe(`public booking API on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let r: FixtureRestaurant;
    const post = (body: object, headers: Record<string, string> = {}, slug = r.slug) =>
      t.app.inject({ method: 'POST', url: `/api/v1/restaurants/${slug}/bookings`, payload: body, headers });
    const book = (time: string, party = 2, extra: object = {}, date = DAY) =>
      post({ date, time, party, ...guest, ...extra });
    const auth = (token: string) => ({ authorization: `Bearer ${token}` });
    const liveCount = async () =>
      Number(
        (
          await t.database.db
            .selectFrom('bookings')
            .select((eb) => eb.fn.countAll().as('n'))
            .where('restaurant_id', '=', r.id)
            .where('status', '=', 'confirmed')
            .executeTakeFirstOrThrow()
        ).n,
      );

    before(async () => {
      t = await testApp(backend);
      r = await insertRestaurant(t.database.db, { closures: ['2026-06-10'] });
    });
    after(async () => t?.close());

    it('lists restaurants and shows details', async () => {
      const list = await t.app.inject('/api/v1/restaurants');
      assert.equal(list.statusCode, 200);
      assert.deepEqual(list.json().restaurants, [{ slug: r.slug, name: `Test ${r.slug}`, timezone: 'Europe/London' }]);
      const details = await t.app.inject(`/api/v1/restaurants/${r.slug}`);
      assert.equal(details.statusCode, 200);
      assert.equal(details.json().maxPartySize, 8);
      assert.equal(details.json().hours.length, 14);
      assert.equal((await t.app.inject('/api/v1/restaurants/nope')).statusCode, 404);
    });

    it('offers the slot grid of both services in the local zone', async () => {
      const res = await t.app.inject(`/api/v1/restaurants/${r.slug}/availability?date=${DAY}&party=2`);
      assert.equal(res.statusCode, 200);
      const body = res.json();
      assert.equal(body.timezone, 'Europe/London');
      assert.equal(body.slots.length, 22);
      assert.deepEqual(body.slots[0], { time: '12:00', startsAt: '2026-06-02T11:00:00Z' });
      assert.equal(body.slots.at(-1).time, '21:30');
    });

    it('answers past, far-future and closed dates with no slots, nonsense with 422', async () => {
      for (const date of ['2026-05-31', '2026-08-01', '2026-06-10']) {
        const res = await t.app.inject(`/api/v1/restaurants/${r.slug}/availability?date=${date}&party=2`);
        assert.equal(res.statusCode, 200, date);
        assert.deepEqual(res.json().slots, [], date);
      }
      for (const q of [
        'date=2026-02-30&party=2',
        'date=tomorrow&party=2',
        'date=2026-06-02&party=0',
        'date=2026-06-02&party=abc',
        'date=2026-06-02&party=9',
        'party=2',
      ]) {
        const res = await t.app.inject(`/api/v1/restaurants/${r.slug}/availability?${q}`);
        assert.equal(res.statusCode, 422, q);
        assert.ok(res.json().errors?.length, q);
      }
    });

    it('books the smallest free fitting table, then answers 409 with the nearest free times', async () => {
      const labels = [];
      for (let i = 0; i < 3; i++) {
        const res = await book('19:00');
        assert.equal(res.statusCode, 201);
        labels.push(res.json().table.label);
      }
      assert.deepEqual(labels, ['T1', 'T2', 'T3']);
      const party4 = await book('19:00', 4);
      assert.equal(party4.json().table.label, 'T4');
      const full = await book('19:00');
      assert.equal(full.statusCode, 409);
      assert.match(full.headers['content-type'] as string, /problem\+json/);
      const times = full.json().alternatives.map((a: { time: string }) => a.time);
      // Free for a party of 2 again once the 19:00 bookings end at 20:30; before 19:00, a 90 min
      // meal must end by 19:00, so 17:30 would be needed but dinner opens at 18:00.
      assert.deepEqual(times, ['20:30', '20:45', '21:00']);
    });

    it('shows the full create response', async () => {
      const res = await book('12:30', 2, { phone: '+44 20 7946 0000', notes: 'window seat' });
      assert.equal(res.statusCode, 201);
      const b = res.json();
      assert.match(b.reference, /^[0-9A-HJKMNP-TV-Z]{8}$/);
      assert.equal(b.status, 'confirmed');
      assert.equal(b.source, 'api');
      assert.equal(b.restaurant, r.slug);
      assert.equal(b.date, DAY);
      assert.equal(b.time, '12:30');
      assert.equal(b.startsAt, '2026-06-02T11:30:00Z');
      assert.equal(b.endsAt, '2026-06-02T13:00:00Z');
      assert.equal(b.phone, '+44 20 7946 0000');
      assert.equal(b.notes, 'window seat');
      assert.ok(b.manageToken.length >= 32);
      assert.ok(b.manageUrl.endsWith(`/b/${b.reference}?token=${encodeURIComponent(b.manageToken)}`));
    });

    it('refuses times off the grid, outside hours, on closures, in the past, beyond the window, inside the notice', async () => {
      const cases: [object, string][] = [
        [{ date: DAY, time: '19:07' }, 'time'],
        [{ date: DAY, time: '16:00' }, 'time'],
        [{ date: DAY, time: '22:00' }, 'time'], // would run past closing
        [{ date: '2026-06-10', time: '19:00' }, 'date'],
        [{ date: '2026-05-30', time: '19:00' }, 'date'],
        [{ date: '2026-08-15', time: '19:00' }, 'date'],
        [{ date: '2026-06-01', time: '10:45' }, 'time'], // before opening anyway
        [{ date: '2026-06-01', time: '12:00' }, ''], // fine: 2 h ahead
      ];
      for (const [when, field] of cases) {
        const res = await post({ ...when, party: 2, ...guest });
        if (!field) {
          assert.equal(res.statusCode, 201);
          continue;
        }
        assert.equal(res.statusCode, 422, JSON.stringify(when));
        assert.equal(res.json().errors[0].field, field, JSON.stringify(when));
      }
    });

    it('refuses a start inside the notice period', async () => {
      t.clock.now = Date.parse('2026-06-01T10:30:00Z'); // 11:30 local; 12:00 is 30 min away
      try {
        const res = await post({ date: '2026-06-01', time: '12:00', party: 2, ...guest });
        assert.equal(res.statusCode, 422);
        assert.equal(res.json().errors[0].field, 'time');
      } finally {
        t.clock.now = Date.parse('2026-06-01T09:00:00Z');
      }
    });

    it('validates fields with a message per field', async () => {
      const cases: [object, string][] = [
        [{ name: '' }, 'name'],
        [{ name: 'x'.repeat(101) }, 'name'],
        [{ email: 'not-an-email' }, 'email'],
        [{ email: `${'a'.repeat(250)}@example.com` }, 'email'],
        [{ phone: '1'.repeat(33) }, 'phone'],
        [{ notes: 'n'.repeat(1001) }, 'notes'],
        [{ party: 0 }, 'party'],
        [{ party: 9 }, 'party'],
        [{ party: '2' }, 'party'],
        [{ time: '7pm' }, 'time'],
        [{ date: '2026-13-01' }, 'date'],
      ];
      const before = await liveCount();
      for (const [patch, field] of cases) {
        const res = await post({ date: DAY, time: '13:00', party: 2, ...guest, ...patch });
        assert.equal(res.statusCode, 422, JSON.stringify(patch));
        assert.ok(
          res.json().errors.some((e: { field: string }) => e.field === field),
          `${JSON.stringify(patch)} → ${JSON.stringify(res.json().errors)}`,
        );
      }
      const missing = await post({ date: DAY, time: '13:00', party: 2 });
      assert.equal(missing.statusCode, 422);
      assert.ok(missing.json().errors.some((e: { field: string }) => e.field === 'name'));
      assert.equal(await liveCount(), before);
    });

    it('answers malformed JSON 400, wrong type 415, huge body 413', async () => {
      const url = `/api/v1/restaurants/${r.slug}/bookings`;
      const bad = await t.app.inject({
        method: 'POST',
        url,
        payload: '{"date":',
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(bad.statusCode, 400);
      const text = await t.app.inject({
        method: 'POST',
        url,
        payload: 'date=2026-06-02',
        headers: { 'content-type': 'text/plain' },
      });
      assert.equal(text.statusCode, 415);
      const form = await t.app.inject({
        method: 'POST',
        url,
        payload: 'date=2026-06-02',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
      assert.equal(form.statusCode, 415);
      const huge = await t.app.inject({
        method: 'POST',
        url,
        payload: JSON.stringify({ ...guest, notes: 'x'.repeat(1_100_000) }),
        headers: { 'content-type': 'application/json' },
      });
      assert.equal(huge.statusCode, 413);
      assert.equal(
        (
          await t.app.inject({
            method: 'POST',
            url: '/api/v1/restaurants/nope/bookings',
            payload: { date: DAY, time: '19:00', party: 2, ...guest },
          })
        ).statusCode,
        404,
      );
    });

    it('refuses NUL characters anywhere with a 4xx, before any query (PostgreSQL cannot store them)', async () => {
      const before = await liveCount();
      const cases = [
        await t.app.inject('/api/v1/restaurants/%00'),
        await t.app.inject(`/api/v1/restaurants/${r.slug}/availability?date=2026-06-02%00&party=2`),
        await t.app.inject('/api/v1/bookings/AB%00CD?token=x'),
        await book('19:30', 2, { name: 'Nul\u0000Byte' }),
        await book('19:30', 2, { notes: { ['a\u0000']: 1 } }),
      ];
      for (const res of cases) {
        assert.ok(res.statusCode >= 400 && res.statusCode < 500, `${res.statusCode} ${res.body}`);
        assert.match(res.headers['content-type'] as string, /problem\+json/);
      }
      assert.equal(cases[3].json().errors[0].field, 'name');
      assert.equal(await liveCount(), before);
    });

    it('replays an idempotent create and refuses the key with another body', async () => {
      const body = { date: DAY, time: '13:15', party: 2, ...guest };
      const first = await post(body, { 'idempotency-key': 'retry-1' });
      assert.equal(first.statusCode, 201);
      const again = await post(body, { 'idempotency-key': 'retry-1' });
      assert.equal(again.statusCode, 201);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.deepEqual(again.json(), first.json());
      const other = await post({ ...body, party: 1 }, { 'idempotency-key': 'retry-1' });
      assert.equal(other.statusCode, 422);
      const long = await post(body, { 'idempotency-key': 'k'.repeat(256) });
      assert.equal(long.statusCode, 422);
    });

    it('keeps a 409 answer for its key', async () => {
      const body = { date: DAY, time: '19:00', party: 2, ...guest };
      const first = await post(body, { 'idempotency-key': 'full-1' });
      assert.equal(first.statusCode, 409);
      const again = await post(body, { 'idempotency-key': 'full-1' });
      assert.equal(again.statusCode, 409);
      assert.equal(again.headers['idempotent-replayed'], 'true');
      assert.deepEqual(again.json(), first.json());
    });

    it('gives concurrent duplicates one booking', async () => {
      const body = { date: DAY, time: '13:30', party: 2, ...guest };
      const before = await liveCount();
      const answers = await Promise.all(Array.from({ length: 6 }, () => post(body, { 'idempotency-key': 'dup-1' })));
      assert.deepEqual(
        answers.map((a) => a.statusCode),
        Array(6).fill(201),
      );
      assert.equal(new Set(answers.map((a) => a.json().reference)).size, 1);
      assert.equal(await liveCount(), before + 1);
    });

    it('opens a booking with its token only; same 404 for a wrong token and an unknown reference', async () => {
      const b = (await book('18:00', 2, {}, DAY2)).json();
      const ok = await t.app.inject({ url: `/api/v1/bookings/${b.reference}`, headers: auth(b.manageToken) });
      assert.equal(ok.statusCode, 200);
      assert.equal(ok.json().reference, b.reference);
      assert.equal(ok.json().manageToken, undefined);
      assert.equal((await t.app.inject(`/api/v1/bookings/${b.reference}`)).statusCode, 401);
      const wrong = await t.app.inject({ url: `/api/v1/bookings/${b.reference}`, headers: auth('wrong-token') });
      const unknown = await t.app.inject({ url: '/api/v1/bookings/ZZZZZZZZ', headers: auth(b.manageToken) });
      assert.equal(wrong.statusCode, 404);
      assert.equal(unknown.statusCode, 404);
      assert.equal(wrong.json().detail, unknown.json().detail);
    });

    it('changes the time atomically, and leaves the booking untouched when the new time is full', async () => {
      const b = (await book('18:15', 2, {}, DAY2)).json();
      const moved = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/bookings/${b.reference}`,
        headers: auth(b.manageToken),
        payload: { time: '12:15' },
      });
      assert.equal(moved.statusCode, 200);
      assert.equal(moved.json().time, '12:15');
      assert.equal(moved.json().startsAt, '2026-06-03T11:15:00Z');
      let fills = 0;
      while ((await book('19:00', 2, {}, DAY2)).statusCode === 201) assert.ok(++fills <= 3);
      const full = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/bookings/${b.reference}`,
        headers: auth(b.manageToken),
        payload: { time: '19:00', notes: 'hello' },
      });
      assert.equal(full.statusCode, 409);
      assert.ok(Array.isArray(full.json().alternatives));
      const still = await t.app.inject({ url: `/api/v1/bookings/${b.reference}`, headers: auth(b.manageToken) });
      assert.equal(still.json().time, '12:15');
      assert.equal(still.json().notes, null);
      const offGrid = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/bookings/${b.reference}`,
        headers: auth(b.manageToken),
        payload: { time: '12:16' },
      });
      assert.equal(offGrid.statusCode, 422);
      const unknownField = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/bookings/${b.reference}`,
        headers: auth(b.manageToken),
        payload: { status: 'seated' },
      });
      assert.equal(unknownField.statusCode, 422);
    });

    it('enforces the guest cut-off for changes and cancelling, but lets notes change until the start', async () => {
      const b = (await post({ date: '2026-06-01', time: '13:00', party: 2, ...guest })).json(); // 13:00 local = 12:00Z
      t.clock.now = Date.parse('2026-06-01T10:30:00Z'); // 90 min before: inside the 120 min cut-off
      try {
        const change = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/bookings/${b.reference}`,
          headers: auth(b.manageToken),
          payload: { time: '13:15' },
        });
        assert.equal(change.statusCode, 409);
        const cancel = await t.app.inject({
          method: 'POST',
          url: `/api/v1/bookings/${b.reference}/cancel`,
          headers: auth(b.manageToken),
        });
        assert.equal(cancel.statusCode, 409);
        const notes = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/bookings/${b.reference}`,
          headers: auth(b.manageToken),
          payload: { notes: 'running late' },
        });
        assert.equal(notes.statusCode, 200);
        assert.equal(notes.json().notes, 'running late');
        t.clock.now = Date.parse('2026-06-01T12:05:00Z');
        const late = await t.app.inject({
          method: 'PATCH',
          url: `/api/v1/bookings/${b.reference}`,
          headers: auth(b.manageToken),
          payload: { notes: 'too late' },
        });
        assert.equal(late.statusCode, 409);
      } finally {
        t.clock.now = Date.parse('2026-06-01T09:00:00Z');
      }
    });

    it('cancels and frees the table', async () => {
      const first = (await book('20:30', 6, {}, DAY2)).json();
      assert.equal(first.table.label, 'T4');
      assert.equal((await book('20:30', 6, {}, DAY2)).statusCode, 409);
      const cancel = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${first.reference}/cancel`,
        headers: { ...auth(first.manageToken), 'content-type': 'application/json' },
      });
      assert.equal(cancel.statusCode, 200);
      assert.equal(cancel.json().status, 'cancelled');
      const again = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${first.reference}/cancel`,
        headers: auth(first.manageToken),
      });
      assert.equal(again.statusCode, 200);
      assert.equal((await book('20:30', 6, {}, DAY2)).statusCode, 201);
      const change = await t.app.inject({
        method: 'PATCH',
        url: `/api/v1/bookings/${first.reference}`,
        headers: auth(first.manageToken),
        payload: { time: '21:00' },
      });
      assert.equal(change.statusCode, 409);
    });

    it('serves an iCalendar event at the booking instant', async () => {
      const b = (await book('21:15', 1)).json();
      const res = await t.app.inject(
        `/api/v1/bookings/${b.reference}/calendar.ics?token=${encodeURIComponent(b.manageToken)}`,
      );
      assert.equal(res.statusCode, 200);
      assert.match(res.headers['content-type'] as string, /text\/calendar/);
      assert.match(res.body, /BEGIN:VCALENDAR/);
      assert.match(res.body, /DTSTART;TZID=Europe\/London:20260602T211500/);
      assert.match(res.body, /DTEND;TZID=Europe\/London:20260602T224500/);
      assert.match(res.body, /BEGIN:VTIMEZONE\r\nTZID:Europe\/London/);
      assert.equal((await t.app.inject(`/api/v1/bookings/${b.reference}/calendar.ics?token=nope`)).statusCode, 404);
      assert.equal((await t.app.inject(`/api/v1/bookings/${b.reference}/calendar.ics`)).statusCode, 401);
    });

    it('writes a confirmation email to the outbox in the same transaction', async () => {
      const b = (await book('21:30', 1)).json();
      const rows = await t.database.db
        .selectFrom('email_outbox')
        .selectAll()
        .where('restaurant_id', '=', r.id)
        .where('kind', '=', 'confirmation')
        .execute();
      const mine = rows.filter((row) => row.body_text.includes(b.reference));
      assert.equal(mine.length, 1);
      assert.match(mine[0].ics ?? '', /BEGIN:VEVENT/);
    });

    it('rate-limits guest creations per address when configured', async () => {
      const limited = await testApp(backend, { BOOKING_RATE_LIMIT: '2' });
      try {
        const rr = await insertRestaurant(limited.database.db);
        const send = (time: string) =>
          limited.app.inject({
            method: 'POST',
            url: `/api/v1/restaurants/${rr.slug}/bookings`,
            payload: { date: DAY, time, party: 2, ...guest },
          });
        assert.equal((await send('12:00')).statusCode, 201);
        assert.equal((await send('12:15')).statusCode, 201);
        const third = await send('12:30');
        assert.equal(third.statusCode, 429);
        assert.ok(Number(third.headers['retry-after']) >= 1);
      } finally {
        await limited.close();
      }
    });
  });
}
