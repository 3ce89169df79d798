/**
 * One "app process" for the reminder test: the outbox sender with the reminder renderer, as
 * start-server wires it, on a virtual clock (VIRTUAL_NOW at REAL_NOW, then running) shared by
 * every process. Prints "ready" once started; stops on SIGTERM.
 */
import { createDb } from '../../src/db/connect.ts';
import { startOutboxSender } from '../../src/email/sender.ts';
import { REMINDER_KIND } from '../../src/db/queries/reminders.ts';
import { reminderRenderer } from '../../src/bookings/reminder-email.ts';
import { deriveKey, OUTBOX_LINK_PURPOSE } from '../../src/services/sealed-box.ts';

const offset = Number(process.env.VIRTUAL_NOW) - Number(process.env.REAL_NOW);
const clock = () => Date.now() + offset;
const baseUrl = 'http://tablebookings.test';
const database = createDb(process.env.DATABASE_URL!, { poolMax: 2 });
const linkKey = deriveKey(process.env.SECRET_KEY!, OUTBOX_LINK_PURPOSE);
const sender = startOutboxSender({
  db: database.db,
  config: { smtpUrl: process.env.SMTP_URL, baseUrl, secretKey: process.env.SECRET_KEY },
  workerId: process.env.WORKER_ID,
  clock,
  intervalMs: 25,
  batchSize: 3,
  renderers: { [REMINDER_KIND]: reminderRenderer({ db: database.db, baseUrl, linkKey, clock }) },
});
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await sender.stop();
  await database.close();
  process.exit(0);
});
