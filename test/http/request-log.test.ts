import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { loadConfig } from '../../src/config.ts';
import { buildApp } from '../../src/http/app.ts';
import { wantsPretty } from '../../src/http/request-log.ts';
import { dropCreatedDatabases, freshDatabase, testBackends } from '../helpers/backends.ts';

after(dropCreatedDatabases);

/** A pino destination that keeps every JSON line. */
function captureLines(): { stream: Writable; lines: () => Record<string, unknown>[] } {
  let text = '';
  const stream = new Writable({ write: (chunk, _enc, done) => ((text += chunk), done()) });
  return {
    stream,
    lines: () =>
      text
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l)),
  };
}

for (const backend of await testBackends()) {
  describe(`request log on ${backend.name}`, { skip: backend.skip }, () => {
    it('writes exactly one JSON line per request: method, route, status, ms, request id; tokens masked', async (t) => {
      const { url, database } = await freshDatabase(backend);
      const config = loadConfig({
        DATABASE_URL: url,
        SECRET_KEY: 'test-secret-key-0123456789abcdef',
        LOG_LEVEL: 'info',
        LOG_FORMAT: 'pretty',
      });
      const capture = captureLines();
      const app = await buildApp({ config, database, clock: Date.now, logger: { stream: capture.stream } });
      t.after(async () => (await app.close(), await database.close()));
      await app.inject('/healthz');
      await app.inject('/api/v1/bookings/ABC123?token=secret-token-value');
      await app.inject('/no/such/page');
      await app.inject({
        method: 'POST',
        url: '/api/v1/auth/login',
        headers: { 'content-type': 'application/json' },
        payload: '{',
      });
      const lines = capture.lines().filter((l) => l.reqId);
      assert.equal(lines.length, 4, JSON.stringify(lines, null, 1));
      const [health, booking, missing, malformed] = lines;
      assert.equal(health.method, 'GET');
      assert.equal(health.route, '/healthz');
      assert.equal(health.status, 200);
      assert.equal(typeof health.ms, 'number');
      assert.match(String(health.reqId), /^[0-9a-f-]{36}$/);
      assert.equal(booking.route, '/api/v1/bookings/:reference');
      assert.ok(!JSON.stringify(capture.lines()).includes('secret-token-value'), 'manage tokens never reach the log');
      assert.equal(missing.status, 404);
      assert.equal(missing.route, 'unmatched');
      assert.equal(malformed.status, 400);
    });
  });
}

describe('log format', () => {
  it('is pretty in a terminal unless told otherwise, JSON elsewhere', () => {
    assert.equal(wantsPretty('auto', true), true);
    assert.equal(wantsPretty('auto', false), false);
    assert.equal(wantsPretty('json', true), false);
    assert.equal(wantsPretty('pretty', false), true);
  });
});
