import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { FakeSmtp } from './fake-smtp.ts';
import { insertOutboxRows } from './outbox-rows.ts';

after(dropCreatedDatabases);

const WORKER = path.join(import.meta.dirname, 'outbox-worker.ts');
const PROCESSES = 3;

function spawnWorker(databaseUrl: string, smtpUrl: string, id: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
    env: { ...process.env, DATABASE_URL: databaseUrl, SMTP_URL: smtpUrl, WORKER_ID: id },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
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

for (const backend of await testBackends()) {
  describe(`outbox exactly once on ${backend.name}`, { skip: backend.skip }, () => {
    it(`${PROCESSES} sender processes, an SMTP outage in the middle: every email delivered exactly once`, async () => {
      const { url, database } = await freshDatabase(backend);
      const db = database.db;
      const smtp = new FakeSmtp();
      await smtp.start(0);
      const workers: ChildProcess[] = [];
      try {
        const first = await insertOutboxRows(db, 40, Date.now());
        workers.push(
          ...(await Promise.all(
            Array.from({ length: PROCESSES }, (_, i) => spawnWorker(url, smtp.url, `worker-${i + 1}`)),
          )),
        );
        await waitFor('some deliveries', () => smtp.received.length >= 5);

        await smtp.stop(); // the outage
        const second = await insertOutboxRows(db, 40, Date.now(), (i) => `later${i}@example.com`);
        await waitFor('failed attempts during the outage', async () => {
          const row = await db
            .selectFrom('email_outbox')
            .select('id')
            .where('last_error', 'is not', null)
            .executeTakeFirst();
          return row !== undefined;
        });
        await sleep(300);
        await smtp.start(); // back on the same port

        const ids = [...first, ...second];
        await waitFor('every row sent', async () => {
          const rows = await db.selectFrom('email_outbox').select('status').execute();
          return rows.every((r) => r.status === 'sent');
        });
        const retried = await db.selectFrom('email_outbox').select('id').where('attempts', '>', 1).execute();
        assert.ok(retried.length > 0, 'some emails needed a retry after the outage');

        const counts = new Map<string, number>();
        for (const email of smtp.received)
          counts.set(email.outboxId ?? 'missing', (counts.get(email.outboxId ?? 'missing') ?? 0) + 1);
        assert.equal(smtp.received.length, ids.length, 'one SMTP delivery per outbox row');
        for (const id of ids) assert.equal(counts.get(id), 1, `email ${id} delivered exactly once`);
        assert.ok(
          smtp.received.every((e) => /text\/calendar/i.test(e.raw) && /booking\.ics/.test(e.raw)),
          'each email carries the .ics',
        );
        const claimers = await db
          .selectFrom('email_outbox')
          .select('status')
          .where('claimed_by', 'is not', null)
          .execute();
        assert.equal(claimers.length, 0, 'no row is left claimed');
      } finally {
        await Promise.all(workers.map(stopWorker));
        await smtp.stop();
        await database.close();
      }
    });
  });
}
