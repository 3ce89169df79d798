import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/connect.ts';
import { addDays, localDateOf, localTimeOf } from '../../src/domain/clock-time.ts';
import { buildApp } from '../../src/http/app.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';
import { addStaff, PASSWORD } from './helpers.ts';

after(dropCreatedDatabases);

/** README pictures are refreshed on purpose (UPDATE_SCREENSHOTS=1); other runs keep the tree clean. */
const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.resolve(import.meta.dirname, '../../docs/screenshots')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'tb-screenshots-'));
if (process.env.UPDATE_SCREENSHOTS !== '1') after(() => fs.rmSync(SHOTS, { recursive: true, force: true }));
const PHONE = { width: 375, height: 812 };
const DESKTOP = { width: 1280, height: 800 };
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** A fixed-offset zone in which it is about noon now, so walk-ins fall inside the hours. */
function noonZone(): string {
  const offset = 12 - new Date().getUTCHours();
  return offset === 0 ? 'Etc/GMT' : `Etc/GMT${offset > 0 ? '-' : '+'}${Math.abs(offset)}`;
}

/** Saves the page at phone and desktop sizes into SHOTS. */
async function shoot(page: Page, name: string): Promise<void> {
  const size = page.viewportSize();
  for (const [label, viewport] of [
    ['phone', PHONE],
    ['desktop', DESKTOP],
  ] as const) {
    await page.setViewportSize(viewport);
    await page.screenshot({ path: path.join(SHOTS, `${name}-${label}.png`), fullPage: true, animations: 'disabled' });
  }
  if (size) await page.setViewportSize(size);
}

async function setHoldMinutes(database: Database, slug: string, minutes: number): Promise<void> {
  await database.db
    .updateTable('restaurants')
    .set({ hold_minutes: minutes, updated_at: Date.now() })
    .where('slug', '=', slug)
    .execute();
}

async function renameRestaurant(database: Database, slug: string, name: string): Promise<void> {
  await database.db.updateTable('restaurants').set({ name, updated_at: Date.now() }).where('slug', '=', slug).execute();
}

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const noBrowser = fs.existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM} (apt-get install chromium)`;
if (noBrowser && process.env.CI === 'true') throw new Error(`CI=true: ${noBrowser}`);
if (noBrowser) process.stderr.write(`\n*** SKIPPING BROWSER TESTS: ${noBrowser} ***\n\n`);

describe('pages in a real browser (Chromium, SQLite)', { skip: noBrowser }, () => {
  let app: FastifyInstance;
  let database: Database;
  let browser: Browser;
  let base: string;
  const staffZone = noonZone();
  const today = localDateOf(Date.now(), 'Europe/London');
  const day = addDays(today, 3);

  before(async () => {
    const [sqlite] = await testBackends();
    const fresh = await freshDatabase(sqlite);
    database = fresh.database;
    const config = loadConfig({
      DATABASE_URL: fresh.url,
      SECRET_KEY: 'browser-test-secret-0123456789abcdef',
      LOG_LEVEL: 'silent',
      LOGIN_RATE_LIMIT: '0',
      BOOKING_RATE_LIMIT: '0',
    });
    app = await buildApp({ config, database, clock: Date.now, logger: false });
    await app.listen({ port: 0, host: '127.0.0.1' });
    const address = app.server.address();
    base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    await insertRestaurant(database.db, { slug: 'bistro' });
    await renameRestaurant(database, 'bistro', 'Bistro Verde');
    const everyDay = [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, opens: '06:00', closes: '22:00' }));
    await insertRestaurant(database.db, {
      slug: 'corner',
      timezone: staffZone,
      hours: everyDay,
      tables: [
        ['A1', 1, 2],
        ['A2', 1, 2],
        ['B1', 3, 6],
      ],
    });
    await renameRestaurant(database, 'corner', 'Corner Café');
    await addStaff(database.db, 'host@example.com', 'corner', 'host', 'Harriet Host');
    await addStaff(database.db, 'manager@example.com', 'corner', 'manager', 'Manon Manager');
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  async function newPage(
    options: { javaScriptEnabled?: boolean; viewport?: typeof PHONE } = {},
  ): Promise<{ context: BrowserContext; page: Page }> {
    const context = await browser.newContext({
      viewport: options.viewport ?? PHONE,
      locale: 'en-GB',
      timezoneId: 'Europe/London',
      javaScriptEnabled: options.javaScriptEnabled ?? true,
      baseURL: base,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return { context, page };
  }

  it('a guest books, sees the confirmation, changes the time and cancels (with JavaScript)', async () => {
    const { context, page } = await newPage();
    await page.goto('/');
    await shoot(page, 'guest-restaurants');
    await page.getByRole('link', { name: /Bistro Verde/ }).click();
    await page.getByLabel('Date').fill(day);
    await page.getByLabel('Party size').selectOption('2');
    // the script refreshes the free times from the JSON API, no reload
    const slot = page.locator(`a.slot[href*="date=${day}"]`, { hasText: '19:00' });
    await slot.waitFor();
    await shoot(page, 'guest-free-times');
    await slot.click();
    await page.getByLabel('Your name').fill('Ada Lovelace');
    await page.getByLabel('Email').fill('ada@example.com');
    await page.getByLabel('Phone (optional)').fill('+44 20 7946 0000');
    await page.getByLabel('Notes (optional)').fill('Window seat, please');
    await shoot(page, 'guest-details');
    await page.getByRole('button', { name: 'Book the table' }).click();
    await page.waitForURL(/\/b\/[0-9A-Z]{8}\?token=.+&created=1$/);
    await assertText(page, 'Your table is booked');
    await assertText(page, '19:00 (Europe/London)');
    assert.match(
      (await page.getByRole('link', { name: 'Add to calendar' }).getAttribute('href'))!,
      /\/calendar\.ics\?token=/,
    );
    await shoot(page, 'guest-confirmation');

    await page.goto((await page.locator('[data-manage-link]').getAttribute('href'))!);
    await page.getByText('Change date, time or party').click();
    await page.locator('#change-date').fill(addDays(day, 1));
    const later = page.locator('#change-times').locator('button.slot', { hasText: '20:00' });
    await page.locator(`#change-times input[name="date"][value="${addDays(day, 1)}"]`).waitFor({ state: 'attached' });
    await later.click();
    await page.waitForURL(/&changed=1$/);
    await assertText(page, '20:00 (Europe/London)');
    await shoot(page, 'guest-manage');
    page.once('dialog', (dialog) => void dialog.accept());
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await page.waitForURL(/&cancelled=1$/);
    await assertText(page, 'Your booking is cancelled');
    await context.close();
  });

  it('the same without JavaScript, including a time taken meanwhile', async () => {
    // A time is "taken meanwhile" when the restaurant keeps no holds (or the guest's hold ran out):
    // with holds on, the details form holds the table (test/bookings/holds-two-servers.test.ts).
    await setHoldMinutes(database, 'bistro', 0);
    const { context, page } = await newPage({ javaScriptEnabled: false, viewport: DESKTOP });
    await page.goto('/r/bistro');
    await page.getByLabel('Date').fill(day);
    await page.getByLabel('Party size').selectOption('4');
    await page.getByRole('button', { name: 'Show free times' }).click();
    await page.locator('a.slot', { hasText: '19:30' }).click();
    await page.getByLabel('Email').fill('not an email');
    await page.getByRole('button', { name: 'Book the table' }).click();
    await assertText(page, 'name is required');
    await assertText(page, 'email is not a valid address');
    assert.equal(await page.getByLabel('Email').inputValue(), 'not an email');
    await shoot(page, 'guest-validation');
    await page.getByLabel('Your name').fill('Grace Hopper');
    await page.getByLabel('Email').fill('grace@example.com');
    // meanwhile, both tables for four are booked at 19:30 through the API
    for (const name of ['First', 'Second'])
      await bookByApi(base, { date: day, time: '19:30', party: 4, name, email: 'x@example.com' });
    await page.getByRole('button', { name: 'Book the table' }).click();
    await assertText(page, 'Sorry, 19:30 was just taken');
    await shoot(page, 'guest-time-taken');
    await page.locator('fieldset.alternatives button.slot').first().click();
    await page.waitForURL(/&created=1$/);
    await assertText(page, 'Your table is booked');

    await page.getByText('Change date, time or party').click();
    await page.locator('#change-date').fill(addDays(day, 2));
    await page.getByRole('button', { name: 'Show free times' }).click();
    await page.locator('#change-times button.slot', { hasText: '21:00' }).click();
    await page.waitForURL(/&changed=1$/);
    await assertText(page, '21:00 (Europe/London)');
    await page.getByRole('button', { name: 'Cancel booking' }).click();
    await page.waitForURL(/&cancelled=1$/);
    await assertText(page, 'Cancelled');
    await context.close();
  });

  it('a host signs in, takes a phone booking and a walk-in, seats one and marks a no-show', async () => {
    const { context, page } = await newPage({ viewport: DESKTOP });
    await page.goto('/staff/corner');
    await page.waitForURL(/\/staff\/login\?next=/);
    await shoot(page, 'staff-login');
    await page.getByLabel('Email').fill('host@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.waitForURL(/\/staff\/corner$/);

    const laterToday = localTimeOf(Date.now() + 2 * 3600_000, staffZone).slice(0, 3) + '00';
    await fillNewBooking(page, {
      time: laterToday,
      party: '4',
      name: 'Phone Guest',
      phone: '+1 555 0100',
      notes: 'Birthday cake at 8',
    });
    await assertText(page, 'Booked');
    await fillNewBooking(page, { name: 'Walk-in Pair', party: '2' }); // the time is prefilled with now
    const walkIn = page.locator('li.booking', { hasText: 'Walk-in Pair' });
    await walkIn.getByRole('button', { name: 'No-show' }).click();
    await page.locator('li.booking', { hasText: 'Walk-in Pair' }).locator('.badge', { hasText: 'No-show' }).waitFor();
    const phone = page.locator('li.booking', { hasText: 'Phone Guest' });
    await phone.getByRole('button', { name: 'Seat' }).click();
    await page.locator('li.booking', { hasText: 'Phone Guest' }).locator('.badge', { hasText: 'Seated' }).waitFor();
    await shoot(page, 'staff-day-sheet');

    await page.goto('/staff/corner/tables');
    await assertText(page, 'You cannot open this page');
    await shoot(page, 'staff-forbidden');
    await page.getByRole('button', { name: 'Sign out' }).click();
    await page.waitForURL(/\/staff\/login$/);
    await context.close();
  });

  it('a manager opens the tables page and adds a table', async () => {
    const { context, page } = await newPage({ viewport: DESKTOP });
    await page.goto('/staff/login');
    await page.getByLabel('Email').fill('manager@example.com');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.goto('/staff/corner/tables');
    const add = page.locator('form[action="/staff/corner/tables"]');
    await add.getByLabel('Label').fill('C1');
    await add.getByLabel('Min seats').fill('2');
    await add.getByLabel('Max seats').fill('8');
    await add.getByRole('button', { name: 'Add table' }).click();
    await assertText(page, 'Saved.');
    await shoot(page, 'staff-tables');
    await context.close();
  });
});

async function assertText(page: Page, text: string): Promise<void> {
  await page.getByText(text, { exact: false }).first().waitFor();
}

async function fillNewBooking(
  page: Page,
  v: { time?: string; party: string; name: string; phone?: string; notes?: string },
): Promise<void> {
  const form = page.locator('form[action$="/bookings"]');
  if (v.time) await form.getByLabel(/^Time/).fill(v.time);
  await form.getByLabel('Party size').selectOption(v.party);
  await form.getByLabel('Guest name').fill(v.name);
  if (v.phone) await form.getByLabel('Phone').fill(v.phone);
  if (v.notes) await form.getByLabel('Notes').fill(v.notes);
  await form.getByRole('button', { name: 'Add booking' }).click();
  await page.locator('li.booking', { hasText: v.name }).waitFor();
}

async function bookByApi(base: string, body: Record<string, unknown>): Promise<void> {
  const res = await fetch(`${base}/api/v1/restaurants/bistro/bookings`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  assert.equal(res.status, 201, await res.text());
}
