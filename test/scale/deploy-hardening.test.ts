import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';
import { missingBinary, startHaproxy, startNginx, type Proc } from './processes.ts';

/** Issue 11 items 9 and 12: what the shipped balancer configs (deploy/) keep away from the app. */

after(dropCreatedDatabases);

const skip = missingBinary('/usr/sbin/haproxy') ?? missingBinary('/usr/sbin/nginx');

describe('deploy/nginx.conf and deploy/haproxy.cfg in front of a real app server', { skip }, () => {
  let t: TestApp;
  let direct: string;
  const balancers: { name: string; proc: Proc; url: string }[] = [];

  before(async () => {
    const [sqlite] = await testBackends();
    t = await testApp(sqlite, { TRUST_PROXY: '1' }, Date.now());
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (t.app.server.address() as AddressInfo).port;
    direct = `http://127.0.0.1:${port}`;
    balancers.push(
      { name: 'nginx', ...(await startNginx([port])) },
      { name: 'haproxy', ...(await startHaproxy([port])) },
    );
  });
  after(async () => {
    await Promise.all(balancers.map((b) => b.proc.stop('SIGTERM')));
    await t?.close();
  });

  it('/metrics is denied at the balancer in every spelling, while the app still serves it to loopback', async () => {
    assert.equal((await fetch(`${direct}/metrics`)).status, 200);
    for (const { name, url } of balancers) {
      assert.equal((await fetch(`${url}/healthz`)).status, 200, name);
      for (const path of ['/metrics', '/metrics?x=1', '//metrics', '/METRICS', '/metrics/']) {
        const res = await fetch(`${url}${path}`);
        await res.arrayBuffer();
        assert.equal(res.status, 404, `${name} ${path}`);
      }
    }
  });

  it('the balancers replace a client-sent X-Request-Id and X-Forwarded-For', async () => {
    for (const { name, url } of balancers) {
      const res = await fetch(`${url}/healthz`, {
        headers: { 'x-request-id': 'client-chosen', 'x-forwarded-for': '203.0.113.1' },
      });
      await res.arrayBuffer();
      assert.notEqual(res.headers.get('x-request-id'), 'client-chosen', name);
    }
  });
});
