import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, DEFAULT_DATABASE_URL, loadConfig } from '../src/config.ts';
import { DEFAULT_POOL_MAX } from '../src/config/database-url.ts';

// Each test gets a throwaway cwd so the dev secret-key file never lands in the project.
let cwd: string;
before(() => {
  cwd = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-config-'));
});
after(() => fs.rmSync(cwd, { recursive: true, force: true }));

const KEY = 'k'.repeat(32);

describe('loadConfig defaults', () => {
  it('works with an empty environment', () => {
    const c = loadConfig({}, cwd, 4);
    assert.equal(c.databaseUrl, DEFAULT_DATABASE_URL);
    assert.equal(c.port, 8000);
    assert.equal(c.host, '127.0.0.1');
    assert.equal(c.workers, 1);
    assert.equal(c.bookingRateLimit, 60);
    assert.equal(c.loginRateLimit, true);
    assert.equal(c.baseUrl, 'http://127.0.0.1:8000');
    assert.equal(c.logLevel, 'info');
    assert.equal(c.trustProxy, false);
    assert.equal(c.production, false);
    assert.equal(c.poolMax, DEFAULT_POOL_MAX);
    assert.equal(c.smtpUrl, undefined);
    assert.ok(Object.isFrozen(c));
  });

  it('creates a development secret key once and reuses it', () => {
    const first = loadConfig({}, cwd).secretKey;
    assert.ok(first.length >= 32);
    assert.equal(loadConfig({}, cwd).secretKey, first);
    assert.ok(fs.existsSync(path.join(cwd, 'data', 'secret-key')));
  });

  it('reads explicit values', () => {
    const c = loadConfig(
      {
        DATABASE_URL: 'postgres://u:p@db.example:5432/tb',
        PORT: '9000',
        HOST: '0.0.0.0',
        SECRET_KEY: KEY,
        BASE_URL: 'https://book.example/',
        TRUST_PROXY: 'true',
        NODE_ENV: 'production',
        DATABASE_POOL_MAX: '7',
      },
      cwd,
    );
    assert.equal(c.port, 9000);
    assert.equal(c.secretKey, KEY);
    assert.equal(c.baseUrl, 'https://book.example');
    assert.equal(c.trustProxy, 1, 'true means one hop (SPEC §9.4), never every peer');
    assert.equal(c.production, true);
    assert.equal(c.poolMax, 7);
  });
});

describe('loadConfig special values', () => {
  const cases: {
    name: string;
    env: NodeJS.ProcessEnv;
    cores?: number;
    check: (c: ReturnType<typeof loadConfig>) => void;
  }[] = [
    {
      name: 'WORKERS=auto uses the core count',
      env: { WORKERS: 'auto' },
      cores: 6,
      check: (c) => assert.equal(c.workers, 6),
    },
    {
      name: 'WORKERS=auto with 0 cores still gives 1',
      env: { WORKERS: 'auto' },
      cores: 0,
      check: (c) => assert.equal(c.workers, 1),
    },
    { name: 'WORKERS=3', env: { WORKERS: '3' }, check: (c) => assert.equal(c.workers, 3) },
    {
      name: 'BOOKING_RATE_LIMIT=0 disables the limit',
      env: { BOOKING_RATE_LIMIT: '0' },
      check: (c) => assert.equal(c.bookingRateLimit, 0),
    },
    {
      name: 'LOGIN_RATE_LIMIT=false',
      env: { LOGIN_RATE_LIMIT: 'false' },
      check: (c) => assert.equal(c.loginRateLimit, false),
    },
    { name: 'PORT=0 (any free port)', env: { PORT: '0' }, check: (c) => assert.equal(c.port, 0) },
    {
      name: 'mysql URL',
      env: { DATABASE_URL: 'mysql://root@127.0.0.1:3306/tb' },
      check: (c) => assert.match(c.databaseUrl, /^mysql:/),
    },
    {
      name: 'mariadb URL',
      env: { DATABASE_URL: 'mariadb://root@127.0.0.1/tb' },
      check: (c) => assert.match(c.databaseUrl, /^mariadb:/),
    },
    {
      name: 'postgresql URL',
      env: { DATABASE_URL: 'postgresql://p@h/tb' },
      check: (c) => assert.match(c.databaseUrl, /^postgresql:/),
    },
    {
      name: 'sqlite memory',
      env: { DATABASE_URL: 'sqlite::memory:' },
      check: (c) => assert.equal(c.databaseUrl, 'sqlite::memory:'),
    },
  ];
  for (const t of cases) {
    it(t.name, () => t.check(loadConfig(t.env, cwd, t.cores ?? 1)));
  }
});

describe('loadConfig rejects bad values with one line naming the variable', () => {
  const cases: { name: string; env: NodeJS.ProcessEnv; variable: string }[] = [
    { name: 'PORT not a number', env: { PORT: 'eighty' }, variable: 'PORT' },
    { name: 'PORT out of range', env: { PORT: '70000' }, variable: 'PORT' },
    { name: 'PORT negative', env: { PORT: '-1' }, variable: 'PORT' },
    { name: 'unknown DATABASE_URL scheme', env: { DATABASE_URL: 'oracle://u@h/db' }, variable: 'DATABASE_URL' },
    { name: 'unparseable DATABASE_URL', env: { DATABASE_URL: 'not a url at all' }, variable: 'DATABASE_URL' },
    { name: 'DATABASE_URL without database', env: { DATABASE_URL: 'postgres://u@h' }, variable: 'DATABASE_URL' },
    { name: 'empty sqlite path', env: { DATABASE_URL: 'sqlite:' }, variable: 'DATABASE_URL' },
    { name: 'missing SECRET_KEY in production', env: { NODE_ENV: 'production' }, variable: 'SECRET_KEY' },
    { name: 'short SECRET_KEY', env: { SECRET_KEY: 'short' }, variable: 'SECRET_KEY' },
    { name: 'WORKERS=0', env: { WORKERS: '0' }, variable: 'WORKERS' },
    { name: 'WORKERS=many', env: { WORKERS: 'many' }, variable: 'WORKERS' },
    { name: 'BOOKING_RATE_LIMIT negative', env: { BOOKING_RATE_LIMIT: '-5' }, variable: 'BOOKING_RATE_LIMIT' },
    { name: 'LOGIN_RATE_LIMIT=maybe', env: { LOGIN_RATE_LIMIT: 'maybe' }, variable: 'LOGIN_RATE_LIMIT' },
    { name: 'TRUST_PROXY=perhaps', env: { TRUST_PROXY: 'perhaps' }, variable: 'TRUST_PROXY' },
    { name: 'LOG_LEVEL=loud', env: { LOG_LEVEL: 'loud' }, variable: 'LOG_LEVEL' },
    { name: 'BASE_URL not a URL', env: { BASE_URL: 'not a url' }, variable: 'BASE_URL' },
    { name: 'SMTP_URL wrong scheme', env: { SMTP_URL: 'http://mail' }, variable: 'SMTP_URL' },
    { name: 'DATABASE_POOL_MAX=0', env: { DATABASE_POOL_MAX: '0' }, variable: 'DATABASE_POOL_MAX' },
  ];
  for (const t of cases) {
    it(t.name, () => {
      assert.throws(
        () => loadConfig(t.env, cwd),
        (error: unknown) => {
          assert.ok(error instanceof ConfigError, `expected ConfigError, got ${String(error)}`);
          assert.ok(error.message.startsWith(`${t.variable} `), error.message);
          assert.doesNotMatch(error.message, /\n/);
          return true;
        },
      );
    });
  }
});
