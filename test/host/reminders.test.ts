import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { FakeSmtp } from '../email/fake-smtp.ts';
import { call, login, seedRestaurant, seedUser } from '../staff/staff-helpers.ts';

after(dropCreatedDatabases);

const WORKER = path.join(import.meta.dirname, 'reminder-worker.ts');
const PROCESSES = 3;
const NOW = Date.parse('2026-06-01T09:00:00Z'); // the senders' (virtual) now
const SECRET = 'test-secret-key-0123456789abcdef';

function spawnWorker(databaseUrl: string, smtpUrl: string, id: string, realNow: number): Promise<ChildProcess> {
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrl,
    SMTP_URL: smtpUrl,
    WORKER_ID: id,
    SECRET_KEY: SECRET,
    VIRTUAL_NOW: String(NOW),
    REAL_NOW: String(realNow),
  };
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], { env, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`worker ${id} exited early with ${code}`)));
    child.stdout!.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('ready')) resolve(child);
    });
  });
}

async function stopWorker(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  child.removeAllListeners('exit');
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGTERM');
  await exited;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function waitFor(what: string, check: () => Promise<boolean> | boolean, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(50);
  }
}

type Made = { reference: string; manageToken: string };

for (const backend of await testBackends()) {
  describe(`reminders on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    const made: Record<string, Made> = {};
    const bearer = (m: Made) => ({ authorization: `Bearer ${m.manageToken}` });
    const book = async (key: string, slug: string, date: string, time: string) => {
      const res = await call(t.app, null, 'POST', `/api/v1/restaurants/${slug}/bookings`, {
        date,
        time,
        party: 2,
        name: `Guest ${key}`,
        email: `${key}@example.com`,
      });
      assert.equal(res.statusCode, 201, res.body);
      made[key] = res.json();
    };
    const reminderRows = () =>
      t.database.db
        .selectFrom('email_outbox')
        .select(['to_address', 'status', 'next_attempt_at'])
        .where('kind', '=', 'reminder')
        .execute();

    before(async () => {
      t = await testApp(backend, { SECRET_KEY: SECRET, BASE_URL: 'http://tablebookings.test' }, NOW - 2 * 86_400_000);
      await seedRestaurant(t.database.db, 'remind'); // Europe/London, noon to 23:00, default reminderHours 24
      await seedRestaurant(t.database.db, 'quiet');
      await seedUser(t.database.db, 'manager@example.com', { restaurant: 'quiet', role: 'manager' });
      const manager = await login(t.app, 'manager@example.com');
      const off = await call(t.app, manager, 'PATCH', '/api/v1/restaurants/quiet', { reminderHours: 0 });
      assert.equal(off.statusCode, 200, off.body);
      assert.equal(off.json().reminderHours, 0);
      assert.equal(
        (await call(t.app, manager, 'PATCH', '/api/v1/restaurants/quiet', { reminderHours: -1 })).statusCode,
        422,
      );

      await book('a', 'remind', '2026-06-01', '12:00'); // due 31 May: sent
      await book('b', 'remind', '2026-06-05', '19:00'); // due 4 June: not yet
      await book('c', 'remind', '2026-06-01', '15:00'); // cancelled: none
      await book('d', 'remind', '2026-06-06', '19:00'); // moved to today: sent
      await book('e', 'remind', '2026-06-01', '18:00'); // moved to 7 June: not yet
      await book('h', 'remind', '2026-06-01', '21:00'); // cancelled behind the outbox's back: none
      await book('g', 'quiet', '2026-06-01', '13:00'); // reminders off: none
      assert.equal(
        (
          await t.app.inject({
            method: 'POST',
            url: `/api/v1/bookings/${made.c.reference}/cancel`,
            headers: bearer(made.c),
          })
        ).statusCode,
        200,
      );
      assert.equal(
        (
          await t.app.inject({
            method: 'PATCH',
            url: `/api/v1/bookings/${made.d.reference}`,
            headers: bearer(made.d),
            payload: { date: '2026-06-01', time: '18:00' },
          })
        ).statusCode,
        200,
      );
      assert.equal(
        (
          await t.app.inject({
            method: 'PATCH',
            url: `/api/v1/bookings/${made.e.reference}`,
            headers: bearer(made.e),
            payload: { date: '2026-06-07', time: '20:00' },
          })
        ).statusCode,
        200,
      );
      const h = await t.database.db
        .updateTable('bookings')
        .set({ status: 'cancelled' })
        .where('reference', '=', made.h.reference)
        .executeTakeFirst();
      assert.equal(Number(h.numUpdatedRows), 1);
      await t.database.db
        .deleteFrom('table_occupancy')
        .where(
          'booking_id',
          'in',
          t.database.db.selectFrom('bookings').select('id').where('reference', '=', made.h.reference),
        )
        .execute();
      t.clock.now = NOW - 3_600_000;
      await book('f', 'remind', '2026-06-01', '14:00'); // made less than 24 h before: none
    });
    after(async () => t?.close());

    it('schedules one reminder per booking made early enough, moved with the start, cancelled with the booking', async () => {
      const rows = new Map((await reminderRows()).map((r) => [r.to_address.split('@')[0], r]));
      assert.deepEqual([...rows.keys()].sort(), ['a', 'b', 'c', 'd', 'e', 'h']);
      assert.equal(rows.get('c')!.status, 'cancelled');
      assert.equal(
        Number(rows.get('d')!.next_attempt_at),
        Date.parse('2026-05-31T17:00:00Z'),
        'moved: 24 h before 18:00 BST',
      );
      assert.equal(Number(rows.get('e')!.next_attempt_at), Date.parse('2026-06-06T19:00:00Z'));
    });

    it(`${PROCESSES} sender processes send each due reminder exactly once, with working confirm and cancel links`, async () => {
      const smtp = new FakeSmtp();
      await smtp.start(0);
      const workers: ChildProcess[] = [];
      try {
        const realNow = Date.now();
        workers.push(
          ...(await Promise.all(
            Array.from({ length: PROCESSES }, (_, i) => spawnWorker(t.url, smtp.url, `reminder-${i + 1}`, realNow)),
          )),
        );
        await waitFor('due reminders settled', async () => {
          const rows = await reminderRows();
          return rows
            .filter((r) => Number(r.next_attempt_at) <= NOW)
            .every((r) => r.status === 'sent' || r.status === 'cancelled');
        });
        await sleep(300); // a late duplicate would show up now
        const reminders = smtp.received.filter((e) => /^X-Tablebookings-Kind:\s*reminder/im.test(e.raw));
        assert.deepEqual(reminders.map((e) => e.to[0]).sort(), ['a@example.com', 'd@example.com']);
        assert.equal(new Set(reminders.map((e) => e.outboxId)).size, 2, 'one delivery per reminder row');
        const status = new Map((await reminderRows()).map((r) => [r.to_address.split('@')[0], r.status]));
        assert.deepEqual(Object.fromEntries(status), {
          a: 'sent',
          b: 'pending',
          c: 'cancelled',
          d: 'sent',
          e: 'pending',
          h: 'cancelled',
        });

        const raw = reminders
          .find((e) => e.to[0] === 'd@example.com')!
          .raw.replace(/=\r?\n/g, '')
          .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
        assert.match(raw, /text\/html/i, 'an HTML part');
        assert.match(raw, /Subject: .*Reminder/i);
        const link = /http:\/\/tablebookings\.test\/b\/([0-9A-Z]+)\?token=([\w%-]+)#confirm/.exec(raw);
        assert.ok(link, 'a confirm link');
        assert.equal(link[1], made.d.reference);
        const token = decodeURIComponent(link[2]);
        const confirmed = await t.app.inject({
          method: 'POST',
          url: `/api/v1/bookings/${link[1]}/confirm`,
          headers: { authorization: `Bearer ${token}` },
        });
        assert.equal(confirmed.statusCode, 200, confirmed.body);
        assert.equal(confirmed.json().confirmedByGuest, true);
        assert.match(raw, new RegExp(`/b/${made.d.reference}\\?token=[\\w%-]+#cancel`), 'a cancel link');
      } finally {
        await Promise.all(workers.map(stopWorker));
        await smtp.stop();
      }
    });
  });
}
