import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { runCli } from '../transfer/run-cli.ts';
import { freePort, startAppServer, waitForStatus } from '../scale/processes.ts';

after(dropCreatedDatabases);

const SECRET = 'demo-guard-test-secret-key-0123456789';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-demo-guard-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

describe('demo data in production', () => {
  it('NODE_ENV=production refuses `demo` with a clear message and exit 1', async () => {
    const url = `sqlite:${path.join(tmp, 'refused.db')}`;
    const res = await runCli(['demo'], { env: { DATABASE_URL: url, NODE_ENV: 'production', SECRET_KEY: SECRET } });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /refusing to load demo data with NODE_ENV=production/);
    assert.equal(fs.existsSync(path.join(tmp, 'refused.db')), false, 'nothing was created');
  });
});

for (const backend of await testBackends()) {
  describe(`demo passwords on ${backend.name}`, { skip: backend.skip }, () => {
    it('db copy and db load warn; production serve refuses until every demo password is changed or disabled', async () => {
      const { url, database } = await freshDatabase(backend);
      await database.close();
      const env = { DATABASE_URL: url, SECRET_KEY: SECRET };
      assert.equal((await runCli(['demo'], { env })).code, 0);

      const copied = await runCli(
        ['db', 'copy', '--from', url, '--to', `sqlite:${path.join(tmp, `copy-${backend.name}.db`)}`],
        { env: { SECRET_KEY: SECRET } },
      );
      assert.equal(copied.code, 0, copied.stderr);
      assert.match(copied.stderr, /WARNING: the target now holds demo staff accounts with the PUBLISHED demo password/);
      assert.match(copied.stderr, /staff passwd --email admin@example\.com/);
      const dumpFile = path.join(tmp, `dump-${backend.name}.jsonl`);
      assert.equal((await runCli(['db', 'dump', dumpFile], { env })).code, 0);
      const loaded = await runCli(
        ['db', 'load', '--url', `sqlite:${path.join(tmp, `load-${backend.name}.db`)}`, dumpFile],
        { env: { SECRET_KEY: SECRET } },
      );
      assert.equal(loaded.code, 0, loaded.stderr);
      assert.match(loaded.stderr, /WARNING: the database now holds demo staff accounts/);

      const production = { DATABASE_URL: url, NODE_ENV: 'production', BASE_URL: 'https://book.example' };
      const refused = startAppServer(await freePort(), production);
      const exit = await refused.exited;
      assert.equal(exit.code, 1, refused.output());
      assert.match(
        refused.output(),
        /refusing to start with NODE_ENV=production: these staff accounts still have the published demo password: admin@example\.com, manager@example\.com, host@example\.com/,
      );
      assert.match(refused.output(), /tablebookings staff passwd --email admin@example\.com/);

      for (const email of ['admin@example.com', 'manager@example.com']) {
        const res = await runCli(['staff', 'passwd', '--email', email], {
          env: { ...env, TABLEBOOKINGS_PASSWORD: 'a real production passphrase' },
        });
        assert.equal(res.code, 0, res.stderr);
      }
      assert.equal((await runCli(['staff', 'disable', '--email', 'host@example.com'], { env })).code, 0);
      const list = await runCli(['staff', 'list'], { env });
      assert.match(list.stdout, /host@example\.com\tHugo Host\tDISABLED\thost of the-crown-kitchen/);
      assert.match(list.stdout, /admin@example\.com\tDemo Admin\tadmin\t-/);

      const port = await freePort();
      const started = startAppServer(port, production);
      try {
        await waitForStatus(`http://127.0.0.1:${port}/healthz`, started);
      } finally {
        await started.stop('SIGTERM');
      }
      assert.equal((await runCli(['staff', 'enable', '--email', 'host@example.com'], { env })).code, 0);
      const again = startAppServer(await freePort(), production);
      assert.equal((await again.exited).code, 1, 'the re-enabled host still has the demo password');
      assert.match(again.output(), /published demo password: host@example\.com\n/);
    });
  });
}
