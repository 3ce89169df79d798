import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { createDb } from '../../src/db/connect.ts';
import { addDays, localDateOf } from '../../src/domain/clock-time.ts';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { freePort, startAppServer, waitForStatus, type Proc } from '../scale/processes.ts';
import { PASSWORD, seedRestaurant, seedUser } from '../staff/staff-helpers.ts';

after(dropCreatedDatabases);

function times(page: string): string[] {
  return [...page.matchAll(/class="slot"[^>]*>(\d\d:\d\d)</g)].map((m) => m[1]);
}

function cookieOf(res: Response): string {
  return res.headers
    .getSetCookie()
    .map((c) => c.split(';')[0])
    .filter((c) => c.startsWith('tb_session='))
    .join('; ');
}

for (const backend of await testBackends()) {
  describe(`settings page on ${backend.name}`, { skip: backend.skip }, () => {
    it('a manager changes the slot interval and the dining times; another app server offers the new times at once', async () => {
      const url = await backend.freshUrl();
      const seed = createDb(url, { poolMax: 1 });
      await seedRestaurant(seed.db, 'setme'); // Europe/London, noon to 23:00, 15-minute slots, 90 minutes for two
      await seedUser(seed.db, 'manager@example.com', { restaurant: 'setme', role: 'manager' });
      await seed.close();
      const [portA, portB] = [await freePort(), await freePort()];
      const a = `http://127.0.0.1:${portA}`;
      const b = `http://127.0.0.1:${portB}`;
      const env = { DATABASE_URL: url, BASE_URL: a, LOGIN_RATE_LIMIT: '0' };
      const servers: Proc[] = [startAppServer(portA, env), startAppServer(portB, env)];
      try {
        await Promise.all([
          waitForStatus(`${a}/readyz`, servers[0], 60_000),
          waitForStatus(`${b}/readyz`, servers[1], 60_000),
        ]);
        const date = addDays(localDateOf(Date.now(), 'Europe/London'), 3);
        const guestPage = async () => await (await fetch(`${b}/r/setme?date=${date}&party=2&lang=en`)).text();
        const before = times(await guestPage());
        assert.ok(
          before.includes('12:15') && before.at(-1) === '21:30',
          `15-minute grid, 90 minutes: ${before.join(' ')}`,
        );

        const signIn = await fetch(`${a}/staff/login`, {
          method: 'POST',
          redirect: 'manual',
          headers: { origin: a, 'content-type': 'application/x-www-form-urlencoded' },
          body: new URLSearchParams({ email: 'manager@example.com', password: PASSWORD, next: '/staff' }),
        });
        assert.equal(signIn.status, 303);
        const cookie = cookieOf(signIn);
        const form = await (await fetch(`${a}/staff/setme/settings`, { headers: { cookie } })).text();
        assert.match(form, /name="slotIntervalMinutes"[^>]*value="15"/);
        const csrf = /name="_csrf" value="([^"]+)"/.exec(form)![1];
        const post = (fields: [string, string][]) =>
          fetch(`${a}/staff/setme/settings`, {
            method: 'POST',
            redirect: 'manual',
            headers: { cookie, origin: a, 'content-type': 'application/x-www-form-urlencoded' },
            body: new URLSearchParams([['_csrf', csrf], ...fields]),
          });
        const base: [string, string][] = [
          ['name', 'Set Me'],
          ['timezone', 'Europe/London'],
          ['locale', 'en'],
          ['bookingWindowDays', '60'],
          ['minNoticeMinutes', '0'],
          ['cancelCutoffMinutes', '120'],
          ['maxPartySize', '6'],
          ['reminderHours', '24'],
          ['maxCoversPerSlot', ''],
          ['holdMinutes', '5'],
        ];

        const bad = await post([
          ...base,
          ['slotIntervalMinutes', '7'],
          ['durationMaxParty', '2'],
          ['durationMinutes', 'abc'],
        ]);
        assert.equal(bad.status, 422);
        const badPage = await bad.text();
        assert.match(badPage, /<title>Error: /, 'the title says there is an error');
        assert.match(
          badPage,
          /class="notice notice-error error-summary" role="alert" tabindex="-1" id="error-summary"/,
        );
        assert.match(badPage, /<a href="#s-slotIntervalMinutes">/);
        assert.match(badPage, /<a href="#s-dur-minutes-0">/);
        assert.deepEqual(times(await guestPage()), before, 'nothing half-saved');

        const saved = await post([
          ...base,
          ['slotIntervalMinutes', '30'],
          ['durationMaxParty', '2'],
          ['durationMinutes', '120'],
          ['durationMaxParty', '6'],
          ['durationMinutes', '150'],
          ['durationMaxParty', ''],
          ['durationMinutes', ''],
        ]);
        assert.equal(saved.status, 303, await saved.text());
        const after = times(await guestPage());
        assert.ok(!after.includes('12:15') && after.includes('12:30'), `30-minute grid: ${after.join(' ')}`);
        assert.equal(after.at(-1), '21:00', '120 minutes for two now');
        const shown = await (await fetch(`${a}/staff/setme/settings?saved=1`, { headers: { cookie } })).text();
        assert.match(shown, /name="durationMinutes"[^>]*value="150"/);
      } finally {
        await Promise.all(servers.map((s) => s.stop('SIGTERM')));
      }
    });
  });
}
