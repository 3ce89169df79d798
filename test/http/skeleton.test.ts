import { after, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';

after(dropCreatedDatabases);

for (const backend of await testBackends()) {
  describe(`HTTP skeleton on ${backend.name}`, { skip: backend.skip }, () => {
    let t: TestApp;
    it('starts', async () => {
      t = await testApp(backend);
    });
    after(async () => t?.close());

    it('answers /healthz and /readyz', async () => {
      assert.equal((await t.app.inject('/healthz')).statusCode, 200);
      const ready = await t.app.inject('/readyz');
      assert.equal(ready.statusCode, 200);
      assert.equal(ready.json().status, 'ready');
    });

    it('answers unknown paths with problem+json 404', async () => {
      const res = await t.app.inject('/no/such/thing');
      assert.equal(res.statusCode, 404);
      assert.match(res.headers['content-type'] as string, /application\/problem\+json/);
      assert.equal(res.json().status, 404);
    });

    it('serves an OpenAPI 3.1 document and a docs page', async () => {
      const res = await t.app.inject('/openapi.json');
      assert.equal(res.statusCode, 200);
      assert.equal(res.json().openapi, '3.1.0');
      const docs = await t.app.inject('/docs/');
      assert.equal(docs.statusCode, 200);
    });

    it('returns its own request id header, never the one a client sent (issue 11)', async () => {
      const res = await t.app.inject({ url: '/healthz', headers: { 'x-request-id': 'abc-123' } });
      assert.match(String(res.headers['x-request-id']), /^[0-9a-f-]{36}$/);
      assert.notEqual(res.headers['x-request-id'], 'abc-123');
    });
  });
}
