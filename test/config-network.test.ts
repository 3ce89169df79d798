import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { ConfigError, loadConfig } from '../src/config.ts';
import { parseTrustProxy } from '../src/config/network.ts';

const BASE = { SECRET_KEY: 'test-secret-key-0123456789abcdef', DATABASE_URL: 'sqlite::memory:' };

describe('TRUST_PROXY (SPEC §9.4)', () => {
  it('off, hop counts, and exact lists of peers', () => {
    for (const off of [undefined, '', '0', 'false', 'off']) assert.equal(parseTrustProxy(off), false);
    assert.equal(parseTrustProxy('1'), 1);
    assert.equal(parseTrustProxy('true'), 1, 'the old boolean means one hop, never everybody');
    assert.equal(parseTrustProxy('3'), 3);
    assert.deepEqual(parseTrustProxy('10.0.0.0/8, 192.0.2.10,2001:db8::/32'), [
      '10.0.0.0/8',
      '192.0.2.10',
      '2001:db8::/32',
    ]);
  });

  it('refuses what is neither, naming the variable', () => {
    for (const bad of ['everyone', '10.0.0.0/33', '300.1.1.1', '10.0.0.1,,nope', '99']) {
      assert.throws(
        () => loadConfig({ ...BASE, TRUST_PROXY: bad }),
        (e: unknown) => e instanceof ConfigError && /^TRUST_PROXY /.test((e as Error).message),
        bad,
      );
    }
  });
});

describe('other production settings', () => {
  it('METRICS_TOKEN must not be guessable; BOOKING_EMAIL_LIMIT and REQUEST_TIMEOUT_S are numbers', () => {
    assert.throws(() => loadConfig({ ...BASE, METRICS_TOKEN: 'short' }), ConfigError);
    assert.equal(loadConfig({ ...BASE, METRICS_TOKEN: 'x'.repeat(16) }).metricsToken, 'x'.repeat(16));
    assert.equal(loadConfig(BASE).bookingEmailLimit, 20);
    assert.equal(loadConfig({ ...BASE, REQUEST_TIMEOUT_S: '5' }).requestTimeoutMs, 5000);
    assert.throws(() => loadConfig({ ...BASE, REQUEST_TIMEOUT_S: '0' }), ConfigError);
  });
});
