import { after, before, describe, it } from 'node:test';
import assert from 'node:assert/strict';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { dropCreatedDatabases, testBackends } from '../helpers/backends.ts';
import { testApp, type TestApp } from '../helpers/test-app.ts';

after(dropCreatedDatabases);

/**
 * Issue 11 item 9: a client that trickles its request must be cut off, on a real socket.
 * REQUEST_TIMEOUT_S=1; the client would need minutes to finish, so "cut off before the end"
 * is the assertion, not any duration.
 */

interface Outcome {
  answer: string;
  closedEarly: boolean;
}

function trickle(port: number, head: string, drip: string, total: number): Promise<Outcome> {
  return new Promise((resolve, reject) => {
    const socket = net.connect(port, '127.0.0.1');
    let answer = '';
    let sent = 0;
    let timer: NodeJS.Timeout | undefined;
    const finish = (closedEarly: boolean) => {
      clearInterval(timer);
      socket.destroy();
      resolve({ answer, closedEarly });
    };
    socket.on('data', (chunk) => (answer += chunk.toString('latin1')));
    socket.on('close', () => finish(sent < total));
    socket.on('error', (error: NodeJS.ErrnoException) =>
      error.code === 'ECONNRESET' || error.code === 'EPIPE' ? finish(sent < total) : reject(error),
    );
    socket.on('connect', () => {
      socket.write(head);
      timer = setInterval(() => {
        if (sent >= total) return finish(false);
        socket.write(drip);
        sent++;
      }, 150);
    });
  });
}

describe('slow clients are cut off (real socket)', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    const [sqlite] = await testBackends();
    t = await testApp(sqlite, { REQUEST_TIMEOUT_S: '1' });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    port = (t.app.server.address() as AddressInfo).port;
  });
  after(async () => t?.close());

  it('a body trickled one byte at a time gets 408 and the connection closed', async () => {
    const total = 2000;
    const head = `POST /api/v1/restaurants/nowhere/bookings HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${total}\r\n\r\n`;
    const outcome = await trickle(port, head, ' ', total);
    assert.ok(outcome.closedEarly, 'the server closed the connection before the body was complete');
    assert.match(outcome.answer, /^HTTP\/1\.1 408/);
  });

  it('headers trickled one byte at a time get cut off too', async () => {
    const outcome = await trickle(port, 'GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n', 'X', 2000);
    assert.ok(outcome.closedEarly, 'the server closed the connection before the headers were complete');
  });

  it('the server is set to time out requests, headers and idle sockets', () => {
    const server = t.app.server;
    assert.equal(server.requestTimeout, 1000);
    assert.ok(server.headersTimeout > 0 && server.headersTimeout <= server.requestTimeout);
    assert.ok(server.keepAliveTimeout > 60_000, 'longer than an ALB idle timeout');
    assert.ok(server.timeout > server.keepAliveTimeout);
  });
});
