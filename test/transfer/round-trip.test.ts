import assert from 'node:assert/strict';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { createDb } from '../../src/db/connect.ts';
import { TRANSFER_TABLES } from '../../src/db/transfer/tables.ts';
import { dropCreatedDatabases, testBackends, type TestBackend } from '../helpers/backends.ts';
import { buildRealisticSite } from './realistic-site.ts';
import { errorLines, runCli, type CliResult } from './run-cli.ts';

/**
 * The realistic site (20k bookings here to keep CI fast; bench/db-copy.ts uses 100k) goes
 * SQLite → MariaDB → PostgreSQL → SQLite through the real `tablebookings db copy` processes;
 * the dumps at both ends must be byte-identical apart from the header's createdAt.
 */
const BOOKINGS = Number(process.env.TRANSFER_TEST_BOOKINGS ?? 20_000);

after(dropCreatedDatabases);
const backends = await testBackends();
const named = (name: string) => backends.find((b) => b.name === name) as TestBackend;
const missing = backends
  .filter((b) => b.skip)
  .map((b) => b.skip)
  .join('; ');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'tb-transfer-'));
after(() => fs.rmSync(work, { recursive: true, force: true }));

function assertOk(result: CliResult): void {
  assert.equal(result.code, 0, `exit ${result.code}: ${result.stderr}`);
}

/** Exit ≠ 0 and exactly one line on stderr (no stack), matching `pattern`. */
function assertOneLineError(result: CliResult, pattern: RegExp): void {
  assert.notEqual(result.code, 0, `expected a failure, got: ${result.stdout}`);
  const lines = errorLines(result);
  assert.equal(lines.length, 1, `expected one line on stderr, got:\n${result.stderr}`);
  assert.match(lines[0], /^tablebookings: /);
  assert.match(lines[0], pattern);
}

async function dump(url: string, name: string): Promise<string> {
  const file = path.join(work, `${name}.jsonl`);
  assertOk(await runCli(['db', 'dump', file, '--url', url]));
  return file;
}

/** Equal dumps (header's createdAt aside); on failure, names the first differing line. */
function assertSameDump(actualFile: string, expectedFile: string): void {
  const actual = dumpBody(actualFile).split('\n');
  const expected = dumpBody(expectedFile).split('\n');
  const i = expected.findIndex((line, n) => actual[n] !== line);
  assert.ok(
    i < 0 && actual.length === expected.length,
    `dumps differ at line ${i + 1}:\n  got      ${actual[i]}\n  expected ${expected[i]}`,
  );
}

/** The dump without the header's createdAt. */
function dumpBody(file: string): string {
  const text = fs.readFileSync(file, 'utf8');
  const newline = text.indexOf('\n');
  const header = JSON.parse(text.slice(0, newline));
  delete header.createdAt;
  return JSON.stringify(header) + text.slice(newline);
}

const sha256 = (file: string) => crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');

describe('db copy / dump / load across sqlite, mariadb and postgres', { skip: missing || undefined }, () => {
  const urls: Record<string, string> = {};
  let siteFile = '';

  before(async () => {
    urls.site = await named('sqlite').freshUrl();
    siteFile = urls.site.slice('sqlite:'.length);
    await buildRealisticSite(urls.site, BOOKINGS);
    urls.mysql = await named('mysql').freshUrl();
    urls.postgres = await named('postgres').freshUrl();
    urls.back = await named('sqlite').freshUrl();
  });

  it('copies sqlite → mariadb → postgres → sqlite and the end dumps are identical', async () => {
    const before = sha256(siteFile);
    for (const [from, to] of [
      ['site', 'mysql'],
      ['mysql', 'postgres'],
      ['postgres', 'back'],
    ]) {
      const result = await runCli(['db', 'copy', '--from', urls[from], '--to', urls[to], '--batch-size', '700']);
      assertOk(result);
      assert.match(result.stdout, /bookings\s+\d+\s+\d+\s+ok/);
      assert.match(result.stdout, /verified: counts and checksums match/);
    }
    assert.equal(sha256(siteFile), before, 'the source file was modified');
    const [first, last, ...middle] = await Promise.all(
      ['site', 'back', 'mysql', 'postgres'].map((name) => dump(urls[name], name)),
    );
    assertSameDump(last, first);
    for (const file of middle) assertSameDump(file, first); // binary key order on every backend
    const text = fs.readFileSync(first, 'utf8');
    for (const needle of ['한옥 식당 Hanok', '생일 축하합니다 🎂', '🙂👨‍👩‍👧‍👦 family', 'two\\nlines', ',null,'])
      assert.ok(text.includes(needle), needle);
  });

  it('loads a dump from stdin into another backend, identically', async () => {
    const target = await named('mysql').freshUrl();
    const result = await runCli(['db', 'load', '-', '--url', target], { stdinFile: path.join(work, 'site.jsonl') });
    assertOk(result);
    assert.match(result.stdout, new RegExp(`loaded \\d+ rows into ${TRANSFER_TABLES.length} tables`));
    assertSameDump(await dump(target, 'loaded'), path.join(work, 'site.jsonl'));
    assertOneLineError(
      await runCli(['db', 'load', path.join(work, 'site.jsonl'), '--url', target]),
      /already holds data.*--force/,
    );
  });

  it('refuses a non-empty target, and --force finishes an interrupted copy', async () => {
    assertOneLineError(
      await runCli(['db', 'copy', '--from', urls.site, '--to', urls.back]),
      /--to .*already holds data \(restaurants: 4.*--force/,
    );
    const target = createDb(urls.back);
    const bookings = await target.db
      .selectFrom('bookings')
      .select(['restaurant_id', 'id'])
      .orderBy('id')
      .limit(5000)
      .execute();
    await target.db.deleteFrom('table_occupancy').execute();
    for (const b of bookings)
      await target.db
        .deleteFrom('bookings')
        .where('restaurant_id', '=', b.restaurant_id)
        .where('id', '=', b.id)
        .execute();
    await target.db.updateTable('restaurants').set({ name: 'changed' }).execute();
    await target.close();
    const result = await runCli(['db', 'copy', '--from', urls.site, '--to', urls.back, '--force']);
    assertOk(result);
    assertSameDump(await dump(urls.back, 'forced'), path.join(work, 'site.jsonl'));
  });

  it('fails verification (exit ≠ 0) when the target holds rows the source does not', async () => {
    const target = createDb(urls.postgres);
    await target.db
      .insertInto('rate_limits')
      .values({ bucket: 'extra', window_start: 0, hits: 1, expires_at: 1 })
      .execute();
    await target.close();
    const result = await runCli(['db', 'copy', '--from', urls.site, '--to', urls.postgres, '--force']);
    assert.notEqual(result.code, 0);
    assert.match(errorLines(result).at(-1)!, /^tablebookings: verification failed: rate_limits differ/);
    assert.match(result.stdout, /rate_limits\s+100\s+101\s+MISMATCH/);
  });

  it('gives one clear line for wrong URLs, unreachable servers and missing databases', async () => {
    const copy = (from: string, to: string) => runCli(['db', 'copy', '--from', from, '--to', to]);
    const cases: [Promise<CliResult>, RegExp][] = [
      [copy(urls.site, 'oracle://db/x'), /--to oracle:\/\/db\/x has unknown scheme/],
      [copy('not a url', urls.mysql), /--from .*not a valid URL/],
      [copy('sqlite:/nonexistent/site.db', urls.mysql), /--from .*no such SQLite file/],
      [
        copy(urls.site, 'mysql://root:secret@127.0.0.1:1/x'),
        /--to mysql:\/\/root:\*\*\*@127\.0\.0\.1:1\/x: connection refused/,
      ],
      [copy(urls.site, 'postgres://postgres@127.0.0.1:1/x'), /connection refused/],
      // a missing TARGET is created by db copy (SPEC §9.4, test/cli/production-cli.test.ts); a missing source is an error
      [
        runCli([
          'db',
          'dump',
          path.join(work, 'none.jsonl'),
          '--url',
          `mysql://root@127.0.0.1:3306/tb_no_such_db_${process.pid}`,
        ]),
        /database does not exist.*db create/,
      ],
      [
        runCli([
          'db',
          'dump',
          path.join(work, 'none.jsonl'),
          '--url',
          `postgres://postgres@127.0.0.1:5432/tb_no_such_db_${process.pid}`,
        ]),
        /database does not exist.*db create/,
      ],
      [copy(urls.site, urls.site), /same database/],
      [runCli(['db', 'copy', '--from', urls.site, '--to', urls.back, '--batch-size', 'many']), /--batch-size/],
    ];
    for (const [result, pattern] of cases) assertOneLineError(await result, pattern);
  });

  it('refuses a dump from a newer schema, and things that are not dumps', async () => {
    const text = fs.readFileSync(path.join(work, 'site.jsonl'), 'utf8');
    const newer = path.join(work, 'newer.jsonl');
    const header = JSON.parse(text.slice(0, text.indexOf('\n')));
    fs.writeFileSync(
      newer,
      JSON.stringify({ ...header, schemaVersion: '99991231T2359-from-the-future' }) + text.slice(text.indexOf('\n')),
    );
    const target = await named('postgres').freshUrl();
    const junk = path.join(work, 'junk.txt');
    fs.writeFileSync(junk, 'hello\n');
    const [fromFuture, notADump, noFile] = await Promise.all([
      runCli(['db', 'load', newer, '--url', target]),
      runCli(['db', 'load', junk, '--url', target]),
      runCli(['db', 'load', path.join(work, 'missing.jsonl'), '--url', target]),
    ]);
    assertOneLineError(fromFuture, /newer schema \(99991231T2359-from-the-future\).*upgrade tablebookings/);
    assertOneLineError(notADump, /not valid JSON|not a tablebookings dump/);
    assertOneLineError(noFile, /cannot read .*no such file/);
  });
});
