import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { execFile, execFileSync, spawnSync } from 'node:child_process';
import { promisify } from 'node:util';
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp } from '../helpers/test-app.ts';
import { insertRestaurant } from '../helpers/fixtures.ts';

/**
 * The OpenAPI document as a client generator sees it: Redocly CLI lints it with zero errors,
 * openapi-typescript turns it into types, a booking round trip written against those types
 * (openapi-fetch) type-checks with tsc and then runs against the real server on every backend.
 */

after(dropCreatedDatabases);

const ROOT = path.resolve(import.meta.dirname, '../..');
const bin = (pkg: string, file: string) => path.join(ROOT, 'node_modules', pkg, file);

const CLIENT = `import createClient from 'openapi-fetch';
import type { paths } from './api.ts';

const [baseUrl, slug, date] = process.argv.slice(2);
const client = createClient<paths>({ baseUrl });

const availability = await client.GET('/api/v1/restaurants/{slug}/availability', { params: { path: { slug }, query: { date, party: '2' } } });
if (!availability.data) throw new Error('availability: ' + JSON.stringify(availability.error));
const time: string = availability.data.slots[0].time;
const created = await client.POST('/api/v1/restaurants/{slug}/bookings', {
  params: { path: { slug }, header: { 'Idempotency-Key': 'client-test-1' } },
  body: { date, time, party: 2, name: 'Ann Lee', email: 'ann@example.com' },
});
if (!created.data) throw new Error('create: ' + JSON.stringify(created.error));
const reference: string = created.data.reference;
const token: string | undefined = created.data.manageToken;
const headers = { authorization: 'Bearer ' + token };
const fetched = await client.GET('/api/v1/bookings/{reference}', { params: { path: { reference } }, headers });
const taken = await client.POST('/api/v1/restaurants/{slug}/bookings', { params: { path: { slug } }, body: { date, time, party: 2, name: 'Bo', email: 'bo@example.com' } });
const problemStatus: number | undefined = taken.error?.status;
const cancelled = await client.POST('/api/v1/bookings/{reference}/cancel', { params: { path: { reference } }, headers });
const status: string | undefined = cancelled.data?.status;
console.log(JSON.stringify({ reference, fetched: fetched.data?.reference, time, problemStatus, status }));
`;

describe('OpenAPI for client generators', () => {
  let work: string;
  let doc: string;

  before(async () => {
    fs.mkdirSync(path.join(ROOT, 'test-results'), { recursive: true });
    work = fs.mkdtempSync(path.join(ROOT, 'test-results', 'openapi-client-'));
    const [sqlite] = await testBackends();
    const { app, close } = await testApp(sqlite);
    doc = path.join(work, 'openapi.json');
    fs.writeFileSync(doc, (await app.inject('/openapi.json')).body);
    await close();
  });
  after(() => fs.rmSync(work, { recursive: true, force: true }));

  it('passes Redocly CLI (recommended rules) with zero errors', () => {
    const res = spawnSync(
      process.execPath,
      [bin('@redocly/cli', 'bin/cli.js'), 'lint', doc, '--config', path.join(ROOT, 'redocly.yaml'), '--format=stylish'],
      { encoding: 'utf8', cwd: ROOT },
    );
    assert.equal(res.status, 0, res.stdout + res.stderr);
  });

  it('describes every operation with an operationId, a success answer and problem+json errors', () => {
    const spec = JSON.parse(fs.readFileSync(doc, 'utf8'));
    const ids = new Set<string>();
    for (const [url, ops] of Object.entries<Record<string, any>>(spec.paths)) {
      for (const [method, op] of Object.entries<any>(ops)) {
        const where = `${method.toUpperCase()} ${url}`;
        assert.ok(op.operationId && !ids.has(op.operationId), `${where}: a unique operationId`);
        ids.add(op.operationId);
        assert.ok(Array.isArray(op.security), `${where}: security`);
        assert.ok(
          Object.keys(op.responses).some((c) => Number(c) < 400),
          `${where}: a success answer`,
        );
        for (const [code, response] of Object.entries<any>(op.responses)) {
          if (Number(code) >= 400)
            assert.ok(response.content?.['application/problem+json'], `${where} ${code}: problem+json`);
        }
        assert.ok(op.responses['503'], `${where}: 503`);
      }
    }
    const create = spec.paths['/api/v1/restaurants/{slug}/bookings'].post;
    assert.ok(create.parameters.some((p: any) => p.name === 'Idempotency-Key' && p.in === 'header'));
    assert.ok(create.responses['201'].headers['Idempotent-Replayed']);
    assert.ok(create.requestBody.content['application/json'].example);
    assert.deepEqual(Object.keys(spec.components.securitySchemes).sort(), [
      'csrfToken',
      'manageToken',
      'manageTokenQuery',
      'sessionCookie',
    ]);
  });

  it('generates a typed client (openapi-typescript) whose booking round trip type-checks', () => {
    execFileSync(process.execPath, [bin('openapi-typescript', 'bin/cli.js'), doc, '-o', path.join(work, 'api.ts')], {
      cwd: ROOT,
      stdio: 'pipe',
    });
    fs.writeFileSync(path.join(work, 'client.ts'), CLIENT);
    fs.writeFileSync(
      path.join(work, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          noEmit: true,
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          allowImportingTsExtensions: true,
          skipLibCheck: true,
          types: ['node'],
        },
        include: ['*.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [bin('typescript', 'bin/tsc'), '-p', work], {
      encoding: 'utf8',
      cwd: ROOT,
    });
    assert.equal(tsc.status, 0, tsc.stdout + tsc.stderr);
  });
});

for (const backend of await testBackends()) {
  describe(`generated client against the real server on ${backend.name}`, { skip: backend.skip }, () => {
    it('books, reads with the manage token, gets a 409 problem for the same table, cancels', async (t) => {
      const work = fs.mkdtempSync(path.join(ROOT, 'test-results', 'openapi-run-'));
      t.after(() => fs.rmSync(work, { recursive: true, force: true }));
      const { app, database, close } = await testApp(backend);
      t.after(close);
      const r = await insertRestaurant(database.db, { tables: [['T1', 1, 2]] });
      await app.listen({ port: 0, host: '127.0.0.1' });
      const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
      fs.writeFileSync(path.join(work, 'openapi.json'), (await app.inject('/openapi.json')).body);
      execFileSync(
        process.execPath,
        [bin('openapi-typescript', 'bin/cli.js'), path.join(work, 'openapi.json'), '-o', path.join(work, 'api.ts')],
        { cwd: ROOT, stdio: 'pipe' },
      );
      fs.writeFileSync(path.join(work, 'client.ts'), CLIENT);
      // asynchronously: the server answers from this very process
      const run = await promisify(execFile)(
        process.execPath,
        ['--import', 'tsx', path.join(work, 'client.ts'), base, r.slug, '2026-06-03'],
        { cwd: ROOT },
      );
      const result = JSON.parse(run.stdout.trim().split('\n').at(-1)!);
      assert.equal(result.fetched, result.reference);
      assert.equal(result.problemStatus, 409);
      assert.equal(result.status, 'cancelled');
    });
  });
}
