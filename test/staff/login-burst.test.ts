import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { freePort, startAppServer, waitForStatus, type Proc } from '../scale/processes.ts';
import { PASSWORD, seedUser } from './staff-helpers.ts';

after(dropCreatedDatabases);

const BURST = 200;

async function login(base: string, password: string): Promise<number> {
  const res = await fetch(`${base}/api/v1/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'victim@example.com', password }),
  });
  await res.arrayBuffer();
  return res.status;
}

/**
 * Issue 11 item 3: 200 parallel wrong passwords for one account, spread over two app server
 * processes sharing the database, get at most 10 password checks (401); the rest are 429.
 */
for (const backend of await testBackends()) {
  describe(`login burst on ${backend.name}`, { skip: backend.skip }, () => {
    const procs: Proc[] = [];
    after(async () => {
      for (const p of procs) await p.stop();
    });

    it(`${BURST} parallel wrong passwords for one account: at most 10 checked, the rest 429`, async () => {
      const { url, database } = await freshDatabase(backend);
      try {
        await seedUser(database.db, 'victim@example.com');
      } finally {
        await database.close();
      }
      const ports = [await freePort(), await freePort()];
      for (const port of ports)
        procs.push(startAppServer(port, { DATABASE_URL: url, LOGIN_RATE_LIMIT: '1', TRUST_PROXY: '0' }));
      for (const [i, port] of ports.entries()) await waitForStatus(`http://127.0.0.1:${port}/readyz`, procs[i], 60_000);
      const bases = ports.map((p) => `http://127.0.0.1:${p}`);

      const statuses = await Promise.all(
        Array.from({ length: BURST }, (_, i) => login(bases[i % 2], `wrong guess ${i}`)),
      );
      const count = (code: number) => statuses.filter((s) => s === code).length;
      assert.ok(
        count(401) >= 1 && count(401) <= 10,
        `checked ${count(401)} passwords (401), want 1..10; statuses: ${JSON.stringify(statuses)}`,
      );
      assert.equal(count(401) + count(429), BURST, `only 401 and 429: ${JSON.stringify(statuses)}`);
      // Attempts refused before counting (too many at once in one process) cost no allowance:
      // one by one, exactly 10 wrong passwords in all are checked, then even the right one is 429.
      let checked = count(401);
      for (let i = 0; i < 20 && (await login(bases[i % 2], `slow guess ${i}`)) === 401; i++) checked++;
      assert.equal(checked, 10);
      assert.equal(
        await login(bases[0], PASSWORD),
        429,
        'the account stays locked for the window, even with the right password',
      );
    });
  });
}
