import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';
import { findStaffUserByEmail } from '../../src/db/queries/staff-users.ts';
import { verifyPassword } from '../../src/staff/passwords.ts';
import { seedRestaurant } from './staff-helpers.ts';

after(dropCreatedDatabases);

const ROOT = path.resolve(import.meta.dirname, '../..');

function cli(url: string, args: string[], password?: string) {
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: url, SECRET_KEY: 'cli-test-secret-key-0123456789' };
  delete env.TABLEBOOKINGS_PASSWORD;
  if (password !== undefined) env.TABLEBOOKINGS_PASSWORD = password;
  const res = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'staff', 'create', ...args], {
    cwd: ROOT,
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { code: res.status, stdout: res.stdout.trim(), stderr: res.stderr.trim() };
}

function assertOneLineError(res: { code: number | null; stderr: string }, pattern: RegExp): void {
  assert.equal(res.code, 1);
  assert.equal(res.stderr.split('\n').length, 1, res.stderr);
  assert.match(res.stderr, pattern);
}

for (const backend of await testBackends()) {
  describe(`staff create on ${backend.name}`, { skip: backend.skip }, () => {
    it('creates users and memberships, with one-line errors', async () => {
      const { url, database } = await freshDatabase(backend);
      try {
        await seedRestaurant(database.db, 'alpha');
        const created = cli(url, ['--email', 'Boss@Example.com', '--name', 'The Boss', '--admin'], 'a long password');
        assert.equal(created.code, 0, created.stderr);
        assert.match(created.stdout, /created staff user boss@example\.com \(admin\)/);
        const user = await findStaffUserByEmail(database.db, 'boss@example.com');
        assert.ok(user && user.is_admin === 1 && user.name === 'The Boss');
        assert.match(user.password_hash, /^scrypt\$\d+\$\d+\$\d+\$[\w-]+\$[\w-]+$/);
        assert.ok(await verifyPassword('a long password', user.password_hash));
        assert.ok(!(await verifyPassword('a wrong password', user.password_hash)));

        assertOneLineError(cli(url, ['--email', 'boss@example.com'], 'a long password'), /already exists/);
        const joined = cli(url, ['--email', 'boss@example.com', '--restaurant', 'alpha', '--role', 'host']);
        assert.equal(joined.code, 0, joined.stderr);
        assert.match(joined.stdout, /already exists; added as host of alpha/);
        if (backend.name !== 'sqlite') return; // the rest is backend-independent
        assertOneLineError(
          cli(url, ['--email', 'x@example.com', '--restaurant', 'nowhere', '--role', 'host'], 'a long password'),
          /no restaurant "nowhere"/,
        );
        assertOneLineError(
          cli(url, ['--email', 'x@example.com', '--restaurant', 'alpha', '--role', 'chef'], 'a long password'),
          /manager or host/,
        );
        assertOneLineError(cli(url, ['--email', 'x@example.com', '--role', 'host'], 'a long password'), /go together/);
        assertOneLineError(cli(url, ['--email', 'x@example.com'], 'short'), /at least 10 characters/);
        assertOneLineError(cli(url, ['--email', 'not-an-email'], 'a long password'), /not a valid email/);
        assertOneLineError(cli(url, ['--email', 'x@example.com']), /TABLEBOOKINGS_PASSWORD/);
        const host = cli(
          url,
          ['--email', 'host@example.com', '--restaurant', 'alpha', '--role', 'host'],
          'a long password',
        );
        assert.equal(host.code, 0, host.stderr);
        assert.match(host.stdout, /as host of alpha/);
      } finally {
        await database.close();
      }
    });
  });
}
