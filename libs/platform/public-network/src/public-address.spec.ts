import { describe, expect, it } from 'vitest';
import { isPublicAddress } from './public-address';

describe('isPublicAddress', () => {
  it.each([
    ['IPv4 loopback', ['127.0.0.1', '127.8.9.10']],
    ['IPv4 private (RFC 1918)', ['10.0.0.1', '172.16.5.4', '172.31.255.254', '192.168.1.1']],
    ['IPv4 link-local and cloud metadata', ['169.254.169.254', '169.254.0.1']],
    ['carrier-grade NAT', ['100.64.0.1', '100.127.255.254']],
    ['unspecified (0.0.0.0/8)', ['0.0.0.0', '0.1.2.3']],
    ['broadcast', ['255.255.255.255']],
    ['IPv4 multicast', ['224.0.0.1', '239.255.255.250']],
    ['IPv4 documentation (TEST-NET-1/2/3)', ['192.0.2.10', '198.51.100.7', '203.0.113.200']],
    [
      'IPv4 benchmarking, IETF protocol assignments, 6to4 relay, class E',
      ['198.18.0.1', '192.0.0.8', '192.88.99.1', '240.0.0.1'],
    ],
    ['IPv6 loopback and unspecified', ['::1', '::']],
    ['IPv6 link-local and unique local', ['fe80::1', 'fe80::1%eth0', 'fd00::1', 'fc00::1']],
    ['IPv6 multicast', ['ff02::1', 'ff05::1:3']],
    [
      'IPv4-mapped IPv6 of a non-public address',
      ['::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::ffff:7f00:1'],
    ],
    ['IPv4-translated IPv6 (RFC 6145)', ['::ffff:0:7f00:1', '::ffff:0:808:808']],
    ['IPv4-compatible IPv6 (deprecated)', ['::127.0.0.1', '::7f00:1', '::a00:1']],
    [
      'NAT64 (RFC 6052, RFC 8215)',
      ['64:ff9b::7f00:1', '64:ff9b::a9fe:a9fe', '64:ff9b::808:808', '64:ff9b:1::a00:1'],
    ],
    ['6to4', ['2002:7f00:1::1', '2002:a9fe:a9fe::', '2002:808:808::1']],
    ['Teredo', ['2001:0:4136:e378:8000:63bf:3fff:fdd2']],
    ['IPv6 documentation', ['2001:db8::1', '3fff::1']],
    ['IPv6 discard, ORCHID, benchmarking', ['100::1', '2001:20::1', '2001:2::1']],
    ['IPv6 outside global unicast 2000::/3', ['4000::1', 'e000::1']],
    ['not an address', ['not an address', '', 'localhost', '1.2.3.4.5', '[::1]']],
  ])('refuses %s', (_class, addresses) => {
    for (const address of addresses) expect(isPublicAddress(address), address).toBe(false);
  });

  it('accepts public unicast addresses, and IPv4-mapped forms of them', () => {
    for (const address of [
      '93.184.215.14',
      '8.8.8.8',
      '1.1.1.1',
      '2606:4700:4700::1111',
      '2a00:1450:4001:82b::200e',
      '::ffff:8.8.8.8',
    ]) {
      expect(isPublicAddress(address), address).toBe(true);
    }
  });
});
