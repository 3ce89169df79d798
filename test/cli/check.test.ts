import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createDatabase, dropDatabase } from '../../src/db/create-database.ts';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';

/** `tablebookings check` (SPEC §9.4) as an operator runs it: a real process, the real environment. */

after(dropCreatedDatabases);

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const GOOD = {
  SECRET_KEY: crypto.randomBytes(32).toString('hex'),
  BASE_URL: 'https://book.example',
  TRUST_PROXY: '1',
  NODE_ENV: 'production',
};

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** `{ name: status }` from the check's lines. */
function statuses(stdout: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of stdout.split('\n')) {
    const m = /^(ok|warn|FAIL)\s+(\S+(?: \S+)?)\s{2,}/.exec(line);
    if (m) out[m[2]] = m[1];
  }
  return out;
}

for (const backend of await testBackends()) {
  describe(`tablebookings check on ${backend.name}`, { skip: backend.skip }, () => {
    it('a ready deployment passes: one line per check, exit 0', async () => {
      const url = await backend.freshUrl();
      const res = await cli(['check'], { ...GOOD, DATABASE_URL: url });
      assert.equal(res.code, 0, res.stdout + res.stderr);
      const s = statuses(res.stdout);
      assert.deepEqual(Object.keys(s).sort(), [
        'BASE_URL',
        'NODE_ENV',
        'SECRET_KEY',
        'TRUST_PROXY',
        'database',
        'demo passwords',
        'migrations',
      ]);
      assert.equal(s.database, backend.name === 'sqlite' ? 'warn' : 'ok');
      for (const name of ['migrations', 'demo passwords', 'SECRET_KEY', 'BASE_URL', 'TRUST_PROXY', 'NODE_ENV'])
        assert.equal(s[name], 'ok', `${name}: ${res.stdout}`);
      assert.match(res.stdout, /all checks passed/);
    });

    it('fails, exit 1, on pending migrations, a demo password, a weak SECRET_KEY, an http BASE_URL', async () => {
      const empty = (await backend.freshUrl()).replace(/tb_test_/, 'tb_check_');
      await createDatabase(empty);
      const res = await cli(['check'], {
        SECRET_KEY: 'short-but-16-chars',
        BASE_URL: 'http://book.example',
        DATABASE_URL: empty,
      }).finally(() => dropDatabase(empty).catch(() => {}));
      assert.equal(res.code, 1);
      const s = statuses(res.stdout);
      assert.equal(s.migrations, 'FAIL', res.stdout);
      assert.equal(s.SECRET_KEY, 'FAIL');
      assert.equal(s.BASE_URL, 'FAIL');
      assert.equal(s.TRUST_PROXY, 'warn');
      assert.match(res.stdout, /\d checks failed/);

      const demo = await backend.freshUrl();
      assert.equal((await cli(['demo'], { DATABASE_URL: demo, SECRET_KEY: GOOD.SECRET_KEY })).code, 0);
      const withDemo = await cli(['check'], { ...GOOD, DATABASE_URL: demo });
      assert.equal(withDemo.code, 1);
      assert.equal(statuses(withDemo.stdout)['demo passwords'], 'FAIL');
      assert.match(withDemo.stdout, /admin@example\.com.*staff passwd --email admin@example\.com/);
    });
  });
}

const mysqlBackend = (await testBackends()).find((b) => b.name === 'mysql')!;
describe('check reports the TLS a DATABASE_URL asked for', { skip: mysqlBackend.skip }, () => {
  it('TLS asked of a server without it: FAIL on the database line', async () => {
    const url = new URL(await mysqlBackend.freshUrl());
    url.search = '?ssl-mode=REQUIRED';
    const res = await cli(['check'], { ...GOOD, DATABASE_URL: url.toString() });
    assert.equal(res.code, 1);
    assert.equal(statuses(res.stdout).database, 'FAIL');
    assert.match(res.stdout, /with TLS \(require\)/);
  });
});
