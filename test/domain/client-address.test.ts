import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import { expandIpv6, rateLimitAddress } from '../../src/domain/client-address.ts';

describe('rateLimitAddress', () => {
  const cases: [string, string][] = [
    ['203.0.113.7', '203.0.113.7'],
    ['::ffff:203.0.113.7', '203.0.113.7'],
    ['2001:db8:1:2::1', '2001:db8:1:2::/64'],
    ['2001:0DB8:0001:0002:ffff:ffff:ffff:fffe', '2001:db8:1:2::/64'],
    ['[2001:db8::1]', '2001:db8:0:0::/64'],
    ['fe80::1%eth0', 'fe80:0:0:0::/64'],
    ['::1', '0:0:0:0::/64'],
    ['not-an-address', 'not-an-address'],
  ];
  for (const [ip, bucket] of cases) it(`${ip} → ${bucket}`, () => assert.equal(rateLimitAddress(ip), bucket));
});

describe('expandIpv6', () => {
  it('expands :: and embedded IPv4, refuses junk', () => {
    assert.deepEqual(expandIpv6('2001:db8::1'), ['2001', 'db8', '0', '0', '0', '0', '0', '1']);
    assert.deepEqual(expandIpv6('64:ff9b::192.0.2.33'), ['64', 'ff9b', '0', '0', '0', '0', 'c000', '221']);
    assert.equal(expandIpv6('1::2::3'), undefined);
    assert.equal(expandIpv6('1:2:3'), undefined);
    assert.equal(expandIpv6('12345::'), undefined);
  });
});
