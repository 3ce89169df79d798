import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';

after(dropCreatedDatabases);

const WORKER = fileURLToPath(new URL('./fixtures/race-worker.ts', import.meta.url));
const PROCESSES = 4;

function runWorker(env: Record<string, string>): Promise<{ counts: Record<string, number>; bodies: string[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', WORKER], {
      env: { ...process.env, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('exit', (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split('\n').at(-1)!))
        : reject(new Error(`worker exited ${code}: ${err}`)),
    );
  });
}

async function race(url: string, slug: string, times: string[], perTime: number) {
  const startAt = String(Date.now() + 2500); // all processes ready, then fire together
  const results = await Promise.all(
    Array.from({ length: PROCESSES }, () =>
      runWorker({
        DATABASE_URL: url,
        SLUG: slug,
        START_AT: startAt,
        TIMES: times.join(','),
        PER_TIME: String(perTime),
      }),
    ),
  );
  const counts: Record<string, number> = {};
  for (const r of results)
    for (const [status, n] of Object.entries(r.counts)) counts[status] = (counts[status] ?? 0) + n;
  return { counts, bodies: results.flatMap((r) => r.bodies) };
}

for (const backend of await testBackends()) {
  describe(`no double booking across ${PROCESSES} processes on ${backend.name}`, { skip: backend.skip }, () => {
    it('lets exactly k of many concurrent creates at one slot succeed', async () => {
      const { url, database } = await freshDatabase(backend);
      try {
        // k = 3 tables fit a party of 2; a fourth (4–6 seats) does not.
        const r = await insertRestaurant(database.db, {
          tables: [
            ['T1', 1, 2],
            ['T2', 1, 2],
            ['T3', 2, 4],
            ['T4', 4, 6],
          ],
        });
        const { counts, bodies } = await race(url, r.slug, ['19:00'], 6);
        assert.deepEqual(bodies, [], 'no 5xx bodies');
        assert.equal(counts['201'], 3, JSON.stringify(counts));
        assert.equal(counts['409'], PROCESSES * 6 - 3, JSON.stringify(counts));
        const rows = await database.db
          .selectFrom('bookings')
          .select(['table_id'])
          .where('restaurant_id', '=', r.id)
          .execute();
        assert.equal(rows.length, 3);
        assert.equal(new Set(rows.map((row) => row.table_id)).size, 3, 'three different tables');
      } finally {
        await database.close();
      }
    });

    it('lets every create on distinct slots succeed', async () => {
      const { url, database } = await freshDatabase(backend);
      try {
        const r = await insertRestaurant(database.db, {
          tables: Array.from({ length: 8 }, (_, i): [string, number, number] => [`T${i + 1}`, 1, 2]),
        });
        // 4 processes × 2 per time × 4 times = 32 creates for 8 tables × 4 non-overlapping times.
        const { counts, bodies } = await race(url, r.slug, ['12:00', '13:30', '18:00', '19:30'], 2);
        assert.deepEqual(bodies, []);
        assert.deepEqual(counts, { 201: 32 });
      } finally {
        await database.close();
      }
    });
  });
}
