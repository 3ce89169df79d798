import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { freePort, startProcess, waitForStatus, type Proc } from '../scale/processes.ts';
import { cleanEnv, productionCopy } from './production-copy.ts';

const ENV = { LOG_LEVEL: 'warn', SECRET_KEY: 'production-install-test-0123456789' };

describe('a clean copy installed the production way (npm ci, build, prune --omit=dev)', () => {
  let dir: string;
  let server: Proc | undefined;

  before(() => {
    dir = productionCopy();
  });
  after(async () => {
    await server?.stop('SIGTERM');
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
  });

  it('has no TypeScript compiler, no tsx and no dev tools left', () => {
    for (const pkg of ['typescript', 'tsx', 'esbuild', 'eslint', 'playwright-core', 'fast-check']) {
      assert.equal(fs.existsSync(path.join(dir, 'node_modules', pkg)), false, `${pkg} should be pruned`);
    }
    assert.ok(fs.existsSync(path.join(dir, 'dist/cli/main.js')));
    assert.ok(fs.existsSync(path.join(dir, 'dist/web/static/app.css')), 'static assets are copied into dist/');
  });

  it('loads demo data and serves the site, the API and /readyz from dist/', async () => {
    const bin = path.join(dir, 'bin/tablebookings.js');
    const env = { ...ENV, DATABASE_URL: `sqlite:${path.join(dir, 'data/tablebookings.db')}` };
    const demo = spawnSync(process.execPath, [bin, 'demo'], { cwd: dir, env: cleanEnv(env), encoding: 'utf8' });
    assert.equal(demo.status, 0, demo.stderr);
    const port = await freePort();
    server = startProcess('production', process.execPath, [bin, 'serve', '--port', String(port)], {
      ...env,
      NODE_OPTIONS: '',
    });
    const base = `http://127.0.0.1:${port}`;
    await waitForStatus(`${base}/readyz`, server);
    const list = (await (await fetch(`${base}/api/v1/restaurants`)).json()) as { restaurants: unknown[] };
    assert.ok(list.restaurants.length > 0, 'demo restaurants are listed');
    const home = await fetch(base + '/');
    assert.equal(home.status, 200);
    const css = await fetch(`${base}/static/app.css`);
    assert.equal(css.status, 200);
    assert.doesNotMatch(server.output(), /tsx|ERR_/);
  });
});
