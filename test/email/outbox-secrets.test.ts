import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { sql } from 'kysely';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { insertRestaurant, type FixtureRestaurant } from '../helpers/fixtures.ts';
import { TRANSFER_TABLES } from '../../src/db/transfer/tables.ts';
import { startOutboxSender } from '../../src/email/sender.ts';
import type { MailTransport, OutgoingEmail } from '../../src/email/transport.ts';
import { runHousekeeping } from '../../src/server/housekeeping.ts';

after(dropCreatedDatabases);

/** Every row of every table the dump and copy move, as one text (what a dump file would hold). */
async function everyRow(t: TestApp): Promise<string> {
  const parts: string[] = [];
  for (const table of TRANSFER_TABLES) {
    const rows = await sql`select * from ${sql.table(table.name)}`.execute(t.database.db);
    parts.push(JSON.stringify(rows.rows));
  }
  return parts.join('\n');
}

/** Issue 11 item 7: no table holds a usable manage token, before or after the email is sent. */
for (const backend of await testBackends()) {
  describe(`manage tokens at rest on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    let r: FixtureRestaurant;
    before(async () => {
      t = await testApp(backend);
      r = await insertRestaurant(t.database.db);
    });
    after(async () => t?.close());

    it('after a create no row holds the plain token; the sent email carries the manage link and the calendar file', async () => {
      const res = await t.app.inject({
        method: 'POST',
        url: `/api/v1/restaurants/${r.slug}/bookings`,
        headers: { 'idempotency-key': 'outbox-secrets-1' },
        payload: { date: '2026-06-02', time: '19:00', party: 2, name: 'Ann Guest', email: 'ann@example.com' },
      });
      assert.equal(res.statusCode, 201, res.body);
      const booking = res.json();
      const secrets = [booking.manageToken, encodeURIComponent(booking.manageToken), booking.manageUrl];
      const before = await everyRow(t);
      for (const secret of secrets)
        assert.ok(!before.includes(secret), 'the manage token is in a table before sending');

      const sent: OutgoingEmail[] = [];
      const transport: MailTransport = {
        send: async (e) => {
          sent.push(e);
        },
        close() {},
      };
      const sender = startOutboxSender({
        db: t.database.db,
        config: t.config,
        transport,
        clock: () => t.clock.now,
        autoStart: false,
      });
      try {
        assert.equal(await sender.runOnce(), 1);
      } finally {
        await sender.stop();
      }
      assert.equal(sent.length, 1);
      assert.ok(sent[0].text.includes(booking.manageUrl), 'the text carries the manage link');
      assert.doesNotMatch(sent[0].text, /\[\[manage-url\]\]/);
      assert.match(sent[0].attachments[0].content, /BEGIN:VCALENDAR/);
      if (sent[0].html) assert.ok(sent[0].html.includes(booking.manageUrl), 'the HTML part carries the link too');

      const row = await t.database.db
        .selectFrom('email_outbox')
        .selectAll()
        .where('kind', '=', 'confirmation')
        .executeTakeFirstOrThrow();
      assert.deepEqual(
        [row.status, row.body_text, row.body_html, row.sealed_fields, row.ics],
        ['sent', '', null, null, null],
        'a sent email keeps no text',
      );
      const afterSend = await everyRow(t);
      for (const secret of secrets)
        assert.ok(!afterSend.includes(secret), 'the manage token is in a table after sending');
    });

    it('housekeeping prunes sent emails after 30 days', async () => {
      const count = async () =>
        Number(
          (
            await t.database.db
              .selectFrom('email_outbox')
              .select((eb) => eb.fn.countAll().as('n'))
              .where('status', '=', 'sent')
              .executeTakeFirstOrThrow()
          ).n,
        );
      assert.ok((await count()) >= 1);
      await runHousekeeping(t.database.db, t.clock.now + 29 * 24 * 3_600_000);
      assert.ok((await count()) >= 1, 'kept for 30 days');
      await runHousekeeping(t.database.db, t.clock.now + 31 * 24 * 3_600_000);
      assert.equal(await count(), 0);
    });
  });
}
