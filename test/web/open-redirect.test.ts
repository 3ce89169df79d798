import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { chromium, type Browser } from 'playwright-core';
import { DEFAULT_NEXT, safeNextPath } from '../../src/web/safe-next.ts';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { addStaff, formBody, PASSWORD } from './helpers.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';

after(dropCreatedDatabases);

/** Issue 11 item 2: `next` after sign-in must never lead a browser to another site. */

const SITE = 'http://127.0.0.1:8000';
const HOSTILE = (evil: string) => [
  `/\t/${evil}/`,
  `/\n/${evil}/`,
  `/\r\n/${evil}/`,
  `/\\${evil}/`,
  `\\\\${evil}/`,
  `/\\/${evil}/`,
  `//${evil}/`,
  `///${evil}/`,
  `/.//${evil}/`,
  `/./\t/${evil}/`,
  `/%09/${evil}/`,
  `https://${evil}/`,
  `http:${evil}`,
  `javascript:alert(1)`,
  ` /${evil}`,
  `/\u0000/${evil}`,
  `/\u00a0/${evil}`,
  `/\t\\${evil}`,
  `/%2f%2f${evil}`,
  `/staff/../..//${evil}/`,
];
const FRIENDLY = ['/staff', '/staff/corner?date=2026-06-03', '/staff/corner/tables#add', '/b/ABC?token=x'];

describe('safeNextPath (unit)', () => {
  it('keeps same-site paths and refuses everything else', () => {
    for (const next of FRIENDLY) assert.equal(safeNextPath(next, SITE), next);
    for (const next of HOSTILE('evil.example')) {
      const kept = safeNextPath(next, SITE);
      assert.equal(new URL(kept, SITE).origin, new URL(SITE).origin, `${JSON.stringify(next)} → ${kept}`);
      assert.ok(kept.startsWith('/') && !kept.startsWith('//'), `${JSON.stringify(next)} → ${kept}`);
    }
    assert.equal(safeNextPath(['/a', '/b'], SITE), DEFAULT_NEXT);
    assert.equal(safeNextPath(`/\t/evil.example/`, SITE), DEFAULT_NEXT);
  });
});

for (const backend of await testBackends()) {
  describe(`sign-in redirect stays on the site on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    before(async () => {
      t = await testApp(backend);
      await insertRestaurant(t.database.db, { slug: 'corner' });
      await addStaff(t.database.db, 'host@example.com', 'corner', 'host');
    });
    after(async () => t?.close());

    it('every hostile next answers a Location on this origin (as WHATWG URL resolves it)', async () => {
      for (const next of HOSTILE('evil.example')) {
        const res = await t.app.inject({
          method: 'POST',
          url: '/staff/login',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'http://localhost' },
          payload: formBody({ email: 'host@example.com', password: PASSWORD, next }),
        });
        if (next.includes('\u0000')) {
          assert.equal(res.statusCode, 422, 'NUL is refused before anything else');
          continue;
        }
        assert.equal(res.statusCode, 303, res.body.slice(0, 200));
        const location = String(res.headers.location);
        assert.equal(new URL(location, 'http://localhost').host, 'localhost', `${JSON.stringify(next)} → ${location}`);
      }
    });
  });
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const noBrowser = fs.existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}`;
if (noBrowser && process.env.CI === 'true') throw new Error(`CI=true: ${noBrowser}`);

describe('sign-in redirect in a real browser (Chromium, SQLite)', { skip: noBrowser }, () => {
  let t: TestApp;
  let browser: Browser;
  let evil: http.Server;
  let base: string;
  let evilHost: string;

  before(async () => {
    const [sqlite] = await testBackends();
    t = await testApp(sqlite, {}, Date.now());
    await insertRestaurant(t.database.db, { slug: 'corner' });
    await addStaff(t.database.db, 'host@example.com', 'corner', 'host');
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    evil = http.createServer((_req, res) => res.end('<h1>evil</h1>'));
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilHost = `localhost:${(evil.address() as AddressInfo).port}`;
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu'],
    });
  });
  after(async () => {
    await browser?.close();
    evil?.close();
    await t?.close();
  });

  it("the browser's own URL resolution of every Location lands on this site", async () => {
    const page = await browser.newPage();
    await page.goto(`${base}/staff/login`);
    for (const next of HOSTILE(evilHost)) {
      const res = await t.app.inject({
        method: 'POST',
        url: '/staff/login',
        headers: { 'content-type': 'application/x-www-form-urlencoded', origin: base },
        payload: formBody({ email: 'host@example.com', password: PASSWORD, next }),
      });
      if (res.statusCode !== 303) continue;
      const resolved = await page.evaluate(
        (location) => new URL(location, window.location.href).origin,
        String(res.headers.location),
      );
      assert.equal(resolved, base, `${JSON.stringify(next)} → ${String(res.headers.location)}`);
    }
    await page.close();
  });

  it('signing in with next=/<TAB>/evil ends on this site, not the other one', async () => {
    for (const next of [`/\t/${evilHost}/`, `/\\${evilHost}/`, `/.//${evilHost}/`]) {
      const context = await browser.newContext();
      const page = await context.newPage();
      await page.goto(`${base}/staff/login?next=${encodeURIComponent(next)}`);
      await page.locator('input[name=email]').fill('host@example.com');
      await page.locator('input[name=password]').fill(PASSWORD);
      await Promise.all([
        page.waitForLoadState('load'),
        page.locator('form[action="/staff/login"] button[type=submit]').click(),
      ]);
      await page.waitForURL((url) => !url.pathname.startsWith('/staff/login'));
      assert.equal(new URL(page.url()).origin, base, `${JSON.stringify(next)} → ${page.url()}`);
      await context.close();
    }
  });
});
