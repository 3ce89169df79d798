/**
 * One "app process" for the outbox tests: runs the outbox sender loop against DATABASE_URL
 * and SMTP_URL until SIGTERM. Prints "ready" once started.
 */
import { createDb } from '../../src/db/connect.ts';
import { startOutboxSender } from '../../src/email/sender.ts';

const database = createDb(process.env.DATABASE_URL!, { poolMax: 2 });
const sender = startOutboxSender({
  db: database.db,
  config: { smtpUrl: process.env.SMTP_URL, baseUrl: 'http://tablebookings.test' },
  workerId: process.env.WORKER_ID,
  intervalMs: 25,
  backoffBaseMs: 100,
  backoffMaxMs: 500,
  maxAttempts: 1000,
  batchSize: 5,
});
process.stdout.write('ready\n');
process.on('SIGTERM', async () => {
  await sender.stop();
  await database.close();
  process.exit(0);
});
