import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import type { FastifyInstance } from 'fastify';
import { loadConfig } from '../../src/config.ts';
import type { Database } from '../../src/db/connect.ts';
import { addDays, localDateOf } from '../../src/domain/clock-time.ts';
import { buildApp } from '../../src/http/app.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';

after(dropCreatedDatabases);

const SHOTS =
  process.env.UPDATE_SCREENSHOTS === '1'
    ? path.resolve(import.meta.dirname, '../../docs/screenshots')
    : fs.mkdtempSync(path.join(os.tmpdir(), 'tb-screenshots-ko-'));
if (process.env.UPDATE_SCREENSHOTS !== '1') after(() => fs.rmSync(SHOTS, { recursive: true, force: true }));
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const noBrowser = fs.existsSync(CHROMIUM) ? undefined : `no Chromium at ${CHROMIUM}`;
if (noBrowser && process.env.CI === 'true') throw new Error(`CI=true: ${noBrowser}`);
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

describe('a guest books in Korean in a real browser (Chromium, SQLite)', { skip: noBrowser }, () => {
  let app: FastifyInstance;
  let database: Database;
  let browser: Browser;
  let base: string;
  const day = addDays(localDateOf(Date.now(), 'Asia/Seoul'), 3);

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
    await insertRestaurant(database.db, { slug: 'hangang', timezone: 'Asia/Seoul' });
    await database.db
      .updateTable('restaurants')
      .set({ name: '한강 Table', locale: 'ko', updated_at: Date.now() })
      .where('slug', '=', 'hangang')
      .execute();
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await database?.close();
  });

  async function newPage(javaScriptEnabled: boolean): Promise<Page> {
    const context = await browser.newContext({
      viewport: { width: 375, height: 812 },
      locale: 'ko-KR',
      timezoneId: 'Asia/Seoul',
      javaScriptEnabled,
      baseURL: base,
    });
    const page = await context.newPage();
    page.setDefaultTimeout(10_000);
    return page;
  }

  async function bookedCheck(page: Page, time: string): Promise<void> {
    await page.waitForURL(/\/b\/[0-9A-Z]{8}\?token=.+&created=1$/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
    await page.getByText('테이블이 예약되었습니다.').waitFor();
    await page.getByText(`${time} (Asia/Seoul)`).first().waitFor();
    const reference = (await page.locator('[data-reference]').textContent())!.trim();
    const row = await database.db
      .selectFrom('bookings')
      .select('locale')
      .where('reference', '=', reference)
      .executeTakeFirstOrThrow();
    assert.equal(row.locale, 'ko');
    const mail = await database.db
      .selectFrom('email_outbox')
      .selectAll()
      .where('booking_id', 'in', database.db.selectFrom('bookings').select('id').where('reference', '=', reference))
      .executeTakeFirstOrThrow();
    assert.match(mail.subject, /^예약이 확정되었습니다: 한강 Table/);
    assert.match(mail.body_text, /테이블 예약이 확정되었습니다/);
    assert.match(String(mail.body_html), /<html lang="ko">/);
    const calendarHref = (await page.getByRole('link', { name: '캘린더에 추가' }).getAttribute('href'))!;
    const ics = await (await page.request.get(calendarHref)).text();
    assert.match(ics, new RegExp(`DTSTART;TZID=Asia/Seoul:${day.replace(/-/g, '')}T${time.replace(':', '')}00`));
    assert.match(ics, /SUMMARY:한강 Table 2명 예약/);
  }

  it('with JavaScript: free times, details, confirmation, email and calendar file in Korean; the switch keeps the page', async () => {
    const page = await newPage(true);
    await page.goto('/');
    await page.getByRole('link', { name: /한강 Table/ }).click();
    assert.equal(await page.locator('html').getAttribute('lang'), 'ko');
    await page.getByLabel('날짜').fill(day);
    await page.getByLabel('인원').selectOption('2');
    const slot = page.locator(`a.slot[href*="date=${day}"]`, { hasText: '19:00' });
    await slot.waitFor();
    await page.locator('[data-slots-heading]', { hasText: '빈 시간' }).waitFor();
    await page.screenshot({
      path: path.join(SHOTS, 'guest-korean-free-times-phone.png'),
      fullPage: true,
      animations: 'disabled',
    });
    await slot.click();
    await page.getByLabel('이름').fill('김민지');
    await page.getByLabel('이메일').fill('minji@example.com');
    await page.getByRole('button', { name: '예약하기' }).click();
    await bookedCheck(page, '19:00');
    await page.screenshot({
      path: path.join(SHOTS, 'guest-korean-confirmation-phone.png'),
      fullPage: true,
      animations: 'disabled',
    });
    const url = page.url();
    await page.getByRole('link', { name: 'English' }).click();
    await page.waitForURL(/lang=en/);
    assert.equal(await page.locator('html').getAttribute('lang'), 'en');
    await page.getByRole('heading', { name: 'Your booking' }).waitFor();
    assert.ok(page.url().startsWith(url.split('&created')[0]), 'the switch keeps the booking page');
    await page.context().close();
  });

  it('without JavaScript: the form and a Korean field error, then the booking', async () => {
    const page = await newPage(false);
    await page.goto('/r/hangang');
    await page.getByLabel('날짜').fill(day);
    await page.getByLabel('인원').selectOption('2');
    await page.getByRole('button', { name: '빈 시간 보기' }).click();
    await page.locator('a.slot', { hasText: '20:00' }).click();
    await page.getByLabel('이메일').fill('not an email');
    await page.getByRole('button', { name: '예약하기' }).click();
    await page.getByText('이름을 입력해 주세요').waitFor();
    await page.getByText('올바른 이메일 주소가 아닙니다').waitFor();
    await page.getByLabel('이름').fill('박서준');
    await page.getByLabel('이메일').fill('seojun@example.com');
    await page.getByRole('button', { name: '예약하기' }).click();
    await bookedCheck(page, '20:00');
    await page.context().close();
  });
});
