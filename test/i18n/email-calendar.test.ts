import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { bookingCalendar } from '../../src/bookings/calendar.ts';
import type { BookingJson } from '../../src/bookings/presenter.ts';
import { startOutboxSender } from '../../src/email/sender.ts';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { seedRestaurant } from '../staff/staff-helpers.ts';
import { FakeSmtp } from '../email/fake-smtp.ts';
import { header, parts } from '../email/mime.ts';

after(dropCreatedDatabases);

const booking = (over: Partial<BookingJson>): BookingJson => ({
  reference: 'TB-ABC234',
  status: 'confirmed',
  source: 'web',
  restaurant: 'crown',
  date: '2026-03-29',
  time: '02:30',
  party: 2,
  startsAt: '2026-03-29T01:30:00Z',
  endsAt: '2026-03-29T03:00:00Z',
  name: 'Kim',
  email: null,
  phone: null,
  notes: null,
  table: { label: 'T1' },
  tables: [{ label: 'T1' }],
  createdAt: '2026-03-01T12:00:00Z',
  timezone: 'Europe/London',
  locale: 'en',
  confirmedByGuest: false,
  ...over,
});

describe('calendar file in the restaurant zone', () => {
  it('names the zone (TZID + VTIMEZONE) and writes local wall times on a DST day', () => {
    // 2026-03-29: London moves from GMT to BST at 01:00Z; 01:30Z is 02:30 BST
    const ics = bookingCalendar(booking({}), 'The Crown', 'http://book.example');
    assert.match(ics, /BEGIN:VTIMEZONE\r\nTZID:Europe\/London\r\n/);
    assert.match(ics, /BEGIN:DAYLIGHT[\s\S]*TZOFFSETTO:\+0100[\s\S]*END:DAYLIGHT/);
    assert.match(ics, /DTSTART;TZID=Europe\/London:20260329T023000\r\n/);
    assert.match(ics, /DTEND;TZID=Europe\/London:20260329T040000\r\n/);
    assert.match(ics, /DTSTAMP:20260301T120000Z\r\n/);
    assert.match(ics, /SUMMARY:Table for 2 at The Crown/);
    // the evening before the change is still GMT
    const before = bookingCalendar(
      booking({ date: '2026-03-28', time: '19:00', startsAt: '2026-03-28T19:00:00Z', endsAt: '2026-03-28T20:30:00Z' }),
      'The Crown',
      'http://x',
    );
    assert.match(before, /DTSTART;TZID=Europe\/London:20260328T190000\r\n/);
  });

  it('writes its texts in the booking language', () => {
    const ics = bookingCalendar(
      booking({
        locale: 'ko',
        timezone: 'Asia/Seoul',
        date: '2026-06-05',
        time: '19:30',
        startsAt: '2026-06-05T10:30:00Z',
        endsAt: '2026-06-05T12:00:00Z',
      }),
      '한강 Table',
      'http://x',
    );
    assert.match(ics, /TZID:Asia\/Seoul/);
    assert.match(ics, /DTSTART;TZID=Asia\/Seoul:20260605T193000/);
    assert.match(ics, /SUMMARY:한강 Table 2명 예약/);
    assert.match(ics.replace(/\r\n /g, ''), /DESCRIPTION:예약 TB-ABC234: 2026년 6월 5일 금요일 19:30/);
  });
});

const GUEST = { date: '2026-06-02', time: '19:00', party: 3, name: '김민지', email: 'minji@example.com' };

for (const backend of await testBackends()) {
  describe(`booking emails in the booking's language on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    const smtp = new FakeSmtp();
    before(async () => {
      await smtp.start(0);
      t = await testApp(backend);
      await seedRestaurant(t.database.db, 'seoul', { timezone: 'Asia/Seoul', locale: 'ko', name: '한강 Table' });
      await seedRestaurant(t.database.db, 'london');
    });
    after(async () => {
      await t?.close();
      await smtp.stop();
    });

    async function sendAll(): Promise<void> {
      const sender = startOutboxSender({
        db: t.database.db,
        config: { smtpUrl: smtp.url, baseUrl: 'http://book.example', secretKey: t.config.secretKey },
        clock: () => t.clock.now,
        autoStart: false,
      });
      try {
        await sender.runOnce();
      } finally {
        await sender.stop();
      }
    }

    function received(reference: string) {
      const mail = smtp.received.find(
        (m) => m.raw.includes(reference) || parts(m.raw).some((p) => p.body.includes(reference)),
      );
      assert.ok(mail, `an email for ${reference}`);
      return { subject: header(mail.raw, 'subject') ?? '', parts: parts(mail.raw) };
    }

    it('a Korean booking gets a Korean email: subject, text and HTML parts with the same facts, and the calendar file', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/restaurants/seoul/bookings',
        headers: { 'accept-language': 'ko-KR,ko;q=0.9' },
        payload: GUEST,
      });
      assert.equal(res.statusCode, 201, res.body);
      const b = res.json();
      assert.equal(b.locale, 'ko');
      await sendAll();
      const mail = received(b.reference);
      assert.match(mail.subject, /^예약이 확정되었습니다: 한강 Table, 2026-06-02 19:00$/);
      const text = mail.parts.find((p) => p.contentType === 'text/plain')!.body;
      const html = mail.parts.find((p) => p.contentType === 'text/html')!.body;
      const ics = mail.parts.find((p) => p.contentType === 'text/calendar')!.body;
      for (const fact of [
        '김민지님, 안녕하세요.',
        '한강 Table 테이블 예약이 확정되었습니다.',
        b.reference,
        '2026년 6월 2일 화요일 19:00 (Asia/Seoul)',
        '3명',
        '확정',
      ]) {
        assert.ok(text.includes(fact), `text has ${fact}: ${text}`);
        assert.ok(html.includes(fact), `html has ${fact}: ${html}`);
      }
      assert.match(html, /<html lang="ko">/);
      assert.ok(html.includes(b.manageUrl.replace(/&/g, '&amp;')), 'html has the manage link');
      assert.ok(text.includes(b.manageUrl), 'text has the manage link');
      assert.match(ics, /DTSTART;TZID=Asia\/Seoul:20260602T190000/);
      assert.match(ics, /SUMMARY:한강 Table 3명 예약/);
    });

    it('an English booking gets an English email, and its cancellation too', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: '/api/v1/restaurants/london/bookings',
        headers: { 'accept-language': 'en-GB' },
        payload: { ...GUEST, name: 'Mina' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const b = res.json();
      await sendAll();
      const mail = received(b.reference);
      assert.match(mail.subject, /^Your table is booked: Restaurant london, 2026-06-02 19:00$/);
      const text = mail.parts.find((p) => p.contentType === 'text/plain')!.body;
      const html = mail.parts.find((p) => p.contentType === 'text/html')!.body;
      for (const fact of ['Hello Mina,', 'Tuesday 2 June 2026 at 19:00 (Europe/London)', '3 guests', 'Confirmed']) {
        assert.ok(text.includes(fact), `text has ${fact}: ${text}`);
        assert.ok(html.includes(fact), `html has ${fact}`);
      }
      assert.doesNotMatch(text + html, /[\uac00-\ud7af]/, 'no Korean in an English email');
      const cancel = await t.app.inject({
        method: 'POST',
        url: `/api/v1/bookings/${b.reference}/cancel`,
        headers: { authorization: `Bearer ${b.manageToken}`, 'accept-language': 'ko' },
      });
      assert.equal(cancel.statusCode, 200, cancel.body);
      smtp.received.length = 0;
      await sendAll();
      assert.match(
        received(b.reference).subject,
        /^Your booking is cancelled: /,
        "the booking's language, not the request's",
      );
    });
  });
}
