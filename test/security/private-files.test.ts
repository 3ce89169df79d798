import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ConfigError, loadConfig } from '../../src/config.ts';
import { createDb } from '../../src/db/connect.ts';
import { migrateToLatest } from '../../src/db/migrate.ts';
import { runCli } from '../transfer/run-cli.ts';

/** Issue 11 item 12: data files are the owner's only; an empty secret key is refused. */

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-private-'));
after(() => fs.rmSync(tmp, { recursive: true, force: true }));

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

describe('private data files', () => {
  it('the generated data/secret-key is 0600 in a 0700 folder, and reused', () => {
    const cwd = fs.mkdtempSync(path.join(tmp, 'cwd-'));
    const key = loadConfig({}, cwd).secretKey;
    assert.equal(modeOf(path.join(cwd, 'data')), 0o700);
    assert.equal(modeOf(path.join(cwd, 'data', 'secret-key')), 0o600);
    assert.equal(loadConfig({}, cwd).secretKey, key);
    assert.deepEqual(fs.readdirSync(path.join(cwd, 'data')), ['secret-key'], 'no temporary file left');
  });

  it('an empty or whitespace data/secret-key is refused with a line that says what to do', () => {
    for (const content of ['', '\n', '   \n', 'short\n']) {
      const cwd = fs.mkdtempSync(path.join(tmp, 'empty-'));
      fs.mkdirSync(path.join(cwd, 'data'));
      fs.writeFileSync(path.join(cwd, 'data', 'secret-key'), content);
      assert.throws(
        () => loadConfig({}, cwd),
        (e: Error) =>
          e instanceof ConfigError &&
          /secret-key is empty or shorter than 16 characters: delete that file/.test(e.message),
      );
    }
    assert.throws(() => loadConfig({ SECRET_KEY: '                ' }, tmp), /SECRET_KEY must be at least 16/);
  });

  it('a new SQLite database (and its -wal / -shm) is 0600, its new folder 0700', async () => {
    const file = path.join(tmp, 'nested', 'deeper', 'site.db');
    const database = createDb(`sqlite:${file}`, { poolMax: 1 });
    try {
      await migrateToLatest(database.db);
      assert.equal(modeOf(path.join(tmp, 'nested')), 0o700);
      assert.equal(modeOf(path.dirname(file)), 0o700);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) assert.equal(modeOf(f), 0o600, f);
    } finally {
      await database.close();
    }
  });

  it('db dump writes a 0600 file, even over an old world-readable one', async () => {
    const db = `sqlite:${path.join(tmp, 'dumped.db')}`;
    const out = path.join(tmp, 'site.jsonl');
    fs.writeFileSync(out, 'old', { mode: 0o644 });
    fs.chmodSync(out, 0o644);
    assert.equal(
      (await runCli(['db', 'migrate'], { env: { DATABASE_URL: db, SECRET_KEY: 'private-files-test-key-0123456789' } }))
        .code,
      0,
    );
    const res = await runCli(['db', 'dump', out], {
      env: { DATABASE_URL: db, SECRET_KEY: 'private-files-test-key-0123456789' },
    });
    assert.equal(res.code, 0, res.stderr);
    assert.equal(modeOf(out), 0o600);
    const fresh = path.join(tmp, 'fresh.jsonl');
    assert.equal(
      (
        await runCli(['db', 'dump', fresh], {
          env: { DATABASE_URL: db, SECRET_KEY: 'private-files-test-key-0123456789' },
        })
      ).code,
      0,
    );
    assert.equal(modeOf(fresh), 0o600);
  });
});
