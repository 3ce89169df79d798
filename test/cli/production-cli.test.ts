import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import mysql from 'mysql2/promise';
import { dropDatabase } from '../../src/db/create-database.ts';
import { testBackends } from '../helpers/backends.ts';

/** Issue 11 item 12 and SPEC §9.4, as an operator meets them: the real CLI in its own process. */

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-prodcli-'));
const toDrop: string[] = [];
after(async () => {
  for (const url of toDrop) await dropDatabase(url).catch(() => {});
  fs.rmSync(TMP, { recursive: true, force: true });
});

function cli(
  args: string[],
  env: Record<string, string>,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', path.join(ROOT, 'src/cli/main.ts'), ...args], {
      cwd: ROOT,
      env: { PATH: process.env.PATH, HOME: process.env.HOME, SECRET_KEY: 'cli-test-secret-0123456789abcdef', ...env },
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

/** A fake `mariadb` / `mysql` / `psql` on PATH that writes what it was started with. */
function fakeClients(): { bin: string; seen: () => { argv: string[]; env: Record<string, string> } } {
  const bin = fs.mkdtempSync(path.join(TMP, 'bin-'));
  const out = path.join(bin, 'seen.json');
  const script = `#!${process.execPath}\nrequire('fs').writeFileSync(${JSON.stringify(out)}, JSON.stringify({ argv: process.argv.slice(2), env: { MYSQL_PWD: process.env.MYSQL_PWD, PGPASSWORD: process.env.PGPASSWORD, PGSSLMODE: process.env.PGSSLMODE, PGSSLROOTCERT: process.env.PGSSLROOTCERT } }));\n`;
  for (const name of ['mariadb', 'psql']) fs.writeFileSync(path.join(bin, name), script, { mode: 0o755 });
  return { bin, seen: () => JSON.parse(fs.readFileSync(out, 'utf8')) };
}

const backends = await testBackends();
const mysqlBackend = backends.find((b) => b.name === 'mysql')!;
const unique = () => `tb_prodcli_${process.pid}_${crypto.randomBytes(3).toString('hex')}`;

describe('db shell keeps the TLS settings of DATABASE_URL', () => {
  it('MariaDB client: --ssl, the CA file and server-certificate checking; the password only in the environment', async () => {
    const { bin, seen } = fakeClients();
    const res = await cli(['db', 'shell'], {
      PATH: `${bin}:${process.env.PATH}`,
      DATABASE_URL: 'mysql://app:s3cret@db.example:3306/tb?ssl-ca=/etc/rds.pem',
    });
    assert.equal(res.code, 0, res.stderr);
    const { argv, env } = seen();
    assert.ok(
      argv.includes('--ssl') && argv.includes('--ssl-ca=/etc/rds.pem') && argv.includes('--ssl-verify-server-cert'),
      argv.join(' '),
    );
    assert.ok(!argv.join(' ').includes('s3cret'));
    assert.equal(env.MYSQL_PWD, 's3cret');
  });

  it('psql: PGSSLMODE and PGSSLROOTCERT', async () => {
    const { bin, seen } = fakeClients();
    const res = await cli(['db', 'shell'], {
      PATH: `${bin}:${process.env.PATH}`,
      DATABASE_URL: 'postgres://app:pw@db.example/tb?sslmode=verify-full&sslrootcert=/etc/ca.pem',
    });
    assert.equal(res.code, 0, res.stderr);
    assert.deepEqual(seen().env, { PGPASSWORD: 'pw', PGSSLMODE: 'verify-full', PGSSLROOTCERT: '/etc/ca.pem' });
  });
});

describe('a misspelled TLS option is refused, never plaintext', () => {
  it('db status with ?sslmode=require on a MySQL URL exits 1 naming the option', async () => {
    const res = await cli(['db', 'status'], { DATABASE_URL: 'mysql://root@127.0.0.1:3306/tb?sslmode=require' });
    assert.equal(res.code, 1);
    assert.match(res.stderr, /DATABASE_URL has an unknown option "sslmode"/);
  });
});

for (const backend of backends.filter((b) => b.name !== 'sqlite')) {
  describe(
    `db copy onto ${backend.name}: creates the target, passwords from the environment`,
    { skip: backend.skip },
    () => {
      it('copies into a database that does not exist yet, with the target taken from DATABASE_URL', async () => {
        const source = `sqlite:${path.join(TMP, `${unique()}.db`)}`;
        assert.equal((await cli(['db', 'migrate'], { DATABASE_URL: source })).code, 0);
        const base = new URL(
          backend.name === 'mysql' ? 'mysql://root@127.0.0.1:3306/x' : 'postgres://postgres@127.0.0.1:5432/x',
        );
        base.pathname = `/${unique()}`;
        toDrop.push(base.toString());
        const res = await cli(['db', 'copy', '--from', source], { DATABASE_URL: base.toString() });
        assert.equal(res.code, 0, res.stderr);
        assert.match(res.stderr, /created the database/);
        assert.match(res.stdout, /verified/);
      });
    },
  );
}

describe(
  'db copy takes a MySQL password from TO_DATABASE_PASSWORD, never from argv',
  { skip: mysqlBackend.skip },
  () => {
    it('a user with a password, the URL without it', async () => {
      const user = unique().slice(0, 30);
      const password = crypto.randomBytes(12).toString('hex');
      const root = await mysql.createConnection({ host: '127.0.0.1', user: 'root' });
      try {
        await root.query(`CREATE USER '${user}'@'%' IDENTIFIED BY '${password}'`);
        await root.query(`GRANT ALL PRIVILEGES ON *.* TO '${user}'@'%'`);
        const source = `sqlite:${path.join(TMP, `${unique()}.db`)}`;
        assert.equal((await cli(['db', 'migrate'], { DATABASE_URL: source })).code, 0);
        const target = `mysql://${user}@127.0.0.1:3306/${unique()}`;
        toDrop.push(`mysql://root@127.0.0.1:3306/${target.split('/').pop()}`);
        const without = await cli(['db', 'copy', '--from', source, '--to', target], {});
        assert.equal(without.code, 1, 'no password: refused by the server');
        const res = await cli(['db', 'copy', '--from', source, '--to', target], { TO_DATABASE_PASSWORD: password });
        assert.equal(res.code, 0, res.stderr);
        assert.doesNotMatch(res.stderr, /visible to other users/);
        const inArgv = await cli(
          ['db', 'copy', '--force', '--from', source, '--to', target.replace(`${user}@`, `${user}:${password}@`)],
          {},
        );
        assert.equal(inArgv.code, 0, inArgv.stderr);
        assert.match(inArgv.stderr, /visible to other users of this host/);
      } finally {
        await root.query(`DROP USER IF EXISTS '${user}'@'%'`).catch(() => {});
        await root.end();
      }
    });
  },
);
