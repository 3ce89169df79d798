import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { backoffMs, startOutboxSender } from '../../src/email/sender.ts';
import type { MailTransport, OutgoingEmail } from '../../src/email/transport.ts';
import { FakeSmtp } from './fake-smtp.ts';
import { insertOutboxRows } from './outbox-rows.ts';

after(dropCreatedDatabases);

const config = { baseUrl: 'http://book.example', smtpUrl: undefined };

it('backs off exponentially up to a cap', () => {
  assert.deepEqual(
    [1, 2, 3, 4, 10].map((n) => backoffMs(n, 1000, 5000)),
    [1000, 2000, 4000, 5000, 5000],
  );
});

for (const backend of await testBackends()) {
  describe(`outbox sender on ${backend.name}`, { skip: backend.skip }, () => {
    it('retries with back-off and marks the email failed after the last attempt', async () => {
      const { database } = await freshDatabase(backend);
      const clock = { now: 1_000_000 };
      const broken: MailTransport = {
        send: async () => {
          throw new Error('connect ECONNREFUSED 127.0.0.1:25');
        },
        close() {},
      };
      const sender = startOutboxSender({
        db: database.db,
        config,
        transport: broken,
        clock: () => clock.now,
        autoStart: false,
        maxAttempts: 3,
        backoffBaseMs: 1000,
        backoffMaxMs: 10_000,
      });
      try {
        const [id] = await insertOutboxRows(database.db, 1, clock.now);
        const row = () =>
          database.db.selectFrom('email_outbox').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
        await sender.runOnce();
        assert.equal((await row()).status, 'pending');
        assert.equal(Number((await row()).next_attempt_at), clock.now + 1000);
        await sender.runOnce();
        assert.equal(Number((await row()).attempts), 1, 'not due yet: untouched');
        clock.now += 1000;
        await sender.runOnce();
        assert.equal(Number((await row()).next_attempt_at), clock.now + 2000);
        clock.now += 2000;
        await sender.runOnce();
        const failed = await row();
        assert.equal(failed.status, 'failed');
        assert.equal(Number(failed.attempts), 3);
        assert.match(String(failed.last_error), /ECONNREFUSED/);
        assert.equal(failed.claimed_by, null);
      } finally {
        await sender.stop();
        await database.close();
      }
    });

    it('takes over a row whose claim lease ran out (a sender died mid-send)', async () => {
      const { database } = await freshDatabase(backend);
      const sent: OutgoingEmail[] = [];
      const transport: MailTransport = {
        send: async (e) => {
          sent.push(e);
        },
        close() {},
      };
      const clock = { now: 5_000_000 };
      const sender = startOutboxSender({
        db: database.db,
        config,
        transport,
        clock: () => clock.now,
        autoStart: false,
        leaseMs: 60_000,
      });
      try {
        const [id] = await insertOutboxRows(database.db, 1, clock.now);
        await database.db
          .updateTable('email_outbox')
          .set({ status: 'sending', claimed_by: 'dead', claimed_until: clock.now + 60_000, attempts: 1 })
          .where('id', '=', id)
          .execute();
        assert.equal(await sender.runOnce(), 0, 'still leased');
        clock.now += 60_001;
        assert.equal(await sender.runOnce(), 1);
        assert.equal(sent[0].messageId, `<${id}@tablebookings>`);
        assert.equal(sent[0].attachments[0].filename, 'booking.ics');
      } finally {
        await sender.stop();
        await database.close();
      }
    });

    it('a permanent SMTP refusal (5xx) fails at once; without SMTP_URL emails are logged without their body', async () => {
      const { database } = await freshDatabase(backend);
      const smtp = new FakeSmtp();
      await smtp.start(0);
      smtp.rejectRecipients.add('bounce@example.com');
      const smtpSender = startOutboxSender({
        db: database.db,
        config: { ...config, smtpUrl: smtp.url },
        autoStart: false,
      });
      const logged: object[] = [];
      const logger = { info: (o: object) => logged.push(o), warn() {}, error() {} };
      const logSender = startOutboxSender({ db: database.db, config, logger, autoStart: false });
      try {
        const [bounce] = await insertOutboxRows(database.db, 1, Date.now(), () => 'bounce@example.com');
        await smtpSender.runOnce();
        const row = await database.db
          .selectFrom('email_outbox')
          .selectAll()
          .where('id', '=', bounce)
          .executeTakeFirstOrThrow();
        assert.equal(row.status, 'failed');
        assert.equal(Number(row.attempts), 1);

        const [quiet] = await insertOutboxRows(database.db, 1, Date.now(), () => 'quiet@example.com');
        assert.equal(await logSender.runOnce(), 1);
        const text = JSON.stringify(logged);
        assert.match(text, /quiet@example\.com/);
        assert.doesNotMatch(text, /Hello guest/, 'no body (it holds the manage link)');
        const sentRow = await database.db
          .selectFrom('email_outbox')
          .select('status')
          .where('id', '=', quiet)
          .executeTakeFirstOrThrow();
        assert.equal(sentRow.status, 'sent');
      } finally {
        await smtpSender.stop();
        await logSender.stop();
        await smtp.stop();
        await database.close();
      }
    });
  });
}
