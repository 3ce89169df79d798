import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { sql } from 'kysely';
import { createDb } from '../../src/db/connect.ts';
import { dropDatabase } from '../../src/db/create-database.ts';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/db/migrate.ts';
import { testBackends } from '../helpers/backends.ts';

/** The real CLI as a user runs it: a separate process, configured only by the environment. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const MYSQL_BASE = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const POSTGRES_BASE = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const TMP = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-cli-'));
const toDrop: string[] = [];

after(async () => {
  for (const url of toDrop) await dropDatabase(url).catch(() => {});
  fs.rmSync(TMP, { recursive: true, force: true });
});

interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], databaseUrl: string, stdin?: string): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', ...args], {
      cwd: ROOT,
      // a fixed SECRET_KEY keeps the CLI from writing a dev key file; no DEBUG_CLI leaks in
      env: {
        PATH: process.env.PATH,
        HOME: process.env.HOME,
        DATABASE_URL: databaseUrl,
        SECRET_KEY: 'cli-test-secret-0123456789abcdef',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(stdin ?? '');
  });
}

function ok(result: CliResult, what: string): void {
  assert.equal(result.code, 0, `${what} failed: ${result.stderr}${result.stdout}`);
}

/** Exit ≠ 0, exactly one line on stderr, no stack trace. */
function failsWithOneLine(result: CliResult): void {
  assert.notEqual(result.code, 0, `expected failure, got: ${result.stdout}`);
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, `expected one stderr line, got:\n${result.stderr}`);
  assert.match(lines[0], /^tablebookings: \S/);
  assert.ok(!result.stderr.includes('    at '), `stack trace on stderr:\n${result.stderr}`);
}

function freshServerUrl(base: string): string {
  const url = new URL(base);
  url.pathname = `/tb_cli_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  toDrop.push(url.toString());
  return url.toString();
}

function freshSqliteUrl(): string {
  return `sqlite:${path.join(TMP, crypto.randomBytes(4).toString('hex'), 'nested', 'tb.db')}`;
}

async function migrationRows(url: string): Promise<string[]> {
  const database = createDb(url, { poolMax: 1 });
  try {
    const { rows } = await sql<{ name: string }>`select name from kysely_migration`.execute(database.db);
    return rows.map((r) => r.name);
  } finally {
    await database.close();
  }
}

async function mysqlCharset(url: string): Promise<string> {
  const database = createDb(url, { poolMax: 1 });
  try {
    const name = new URL(url).pathname.slice(1);
    const { rows } = await sql<{ cs: string }>`
      select DEFAULT_CHARACTER_SET_NAME as cs from information_schema.SCHEMATA where SCHEMA_NAME = ${name}`.execute(
      database.db,
    );
    return rows[0]?.cs ?? '';
  } finally {
    await database.close();
  }
}

const backends = await testBackends();
const skipOf = (name: string) => backends.find((b) => b.name === name)?.skip;
const servers = [
  { name: 'mysql', base: MYSQL_BASE },
  { name: 'postgres', base: POSTGRES_BASE },
] as const;

for (const server of servers) {
  describe(`db commands on ${server.name}`, { skip: skipOf(server.name) }, () => {
    it('create (twice) → migrate → status on a database that does not exist yet', async () => {
      const url = freshServerUrl(server.base);
      const first = await cli(['db', 'create'], url);
      ok(first, 'db create');
      assert.match(first.stdout, /^created/m);
      const second = await cli(['db', 'create'], url);
      ok(second, 'second db create');
      assert.match(second.stdout, /already exists/);
      ok(await cli(['db', 'migrate'], url), 'db migrate');
      const status = await cli(['db', 'status'], url);
      ok(status, 'db status');
      assert.match(status.stdout, /up to date/);
      assert.match(status.stdout, new RegExp(`applied\\s+${SCHEMA_VERSION}`));
      if (server.name === 'mysql') assert.equal(await mysqlCharset(url), 'utf8mb4');
    });

    it('two db migrate at the same instant both succeed and apply the schema once', async () => {
      const url = freshServerUrl(server.base);
      ok(await cli(['db', 'create'], url), 'db create');
      const [a, b] = await Promise.all([cli(['db', 'migrate'], url), cli(['db', 'migrate'], url)]);
      ok(a, 'first migrate');
      ok(b, 'second migrate');
      assert.deepEqual(
        (await migrationRows(url)).sort(),
        Object.keys(MIGRATIONS).sort(),
        'each migration applied once',
      );
    });

    it('db status on a missing database: one line, exit ≠ 0', async () => {
      const result = await cli(['db', 'status'], freshServerUrl(server.base));
      failsWithOneLine(result);
      assert.match(result.stderr, /does not exist/);
    });

    it('unreachable server (127.0.0.1:1): one line, exit ≠ 0', async () => {
      const url = new URL(server.base);
      url.host = '127.0.0.1:1';
      url.pathname = '/tb_nowhere';
      const result = await cli(['db', 'migrate'], url.toString());
      failsWithOneLine(result);
      assert.match(result.stderr, /refused/);
    });
  });
}

describe('db commands errors', { skip: skipOf('mysql') }, () => {
  it('wrong MariaDB password: one line, exit ≠ 0', async () => {
    const url = new URL(MYSQL_BASE);
    url.password = 'definitely-wrong-password';
    url.pathname = '/tb_nowhere';
    const result = await cli(['db', 'migrate'], url.toString());
    failsWithOneLine(result);
    assert.match(result.stderr, /access denied/);
    assert.ok(!result.stderr.includes('definitely-wrong-password'), 'password leaked');
  });
});

describe('db commands with a bad DATABASE_URL', () => {
  for (const [name, url] of [
    ['unknown scheme', 'oracle://scott@127.0.0.1/tb'],
    ['unparseable', 'this is not a url'],
  ] as const) {
    it(`${name}: one line naming DATABASE_URL, exit ≠ 0`, async () => {
      for (const command of ['create', 'migrate', 'status']) {
        const result = await cli(['db', command], url);
        failsWithOneLine(result);
        assert.match(result.stderr, /DATABASE_URL/);
      }
    });
  }
});

describe('db commands on sqlite', () => {
  it('create makes the file and its folder; migrate; status; shell lists the tables', async () => {
    const url = freshSqliteUrl();
    const file = url.slice('sqlite:'.length);
    assert.ok(!fs.existsSync(path.dirname(file)));
    const created = await cli(['db', 'create'], url);
    ok(created, 'db create');
    assert.ok(fs.existsSync(file), 'file created');
    ok(await cli(['db', 'create'], url), 'second db create');
    ok(await cli(['db', 'migrate'], url), 'db migrate');
    const status = await cli(['db', 'status'], url);
    ok(status, 'db status');
    assert.match(status.stdout, /up to date/);
    const shell = await cli(['db', 'shell'], url, '.tables\n');
    ok(shell, 'db shell');
    assert.match(shell.stdout, /\bbookings\b/);
    assert.match(shell.stdout, /\btable_occupancy\b/);
  });

  it('two db migrate at the same instant on a new file both succeed and apply the schema once', async () => {
    const url = freshSqliteUrl();
    const [a, b] = await Promise.all([cli(['db', 'migrate'], url), cli(['db', 'migrate'], url)]);
    ok(a, 'first migrate');
    ok(b, 'second migrate');
    assert.deepEqual((await migrationRows(url)).sort(), Object.keys(MIGRATIONS).sort(), 'each migration applied once');
  });
});
