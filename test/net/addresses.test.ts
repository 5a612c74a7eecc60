/** Address arithmetic: what is not public unicast, strict parsing, CIDR ranges. */
import { describe, expect, it } from 'vitest';
import { addressBytes, classifyAddress, inCidr, parseCidr, parseIPv6 } from '../../src/net/addresses.js';

describe('classifyAddress', () => {
  it.each([
    ['0.0.0.0', 'unspecified'],
    ['0.1.2.3', 'unspecified'],
    ['10.1.2.3', 'private'],
    ['100.64.0.1', 'CGNAT'],
    ['100.127.255.255', 'CGNAT'],
    ['127.0.0.1', 'loopback'],
    ['127.255.0.9', 'loopback'],
    ['169.254.169.254', 'link-local'],
    ['172.16.0.1', 'private'],
    ['172.31.255.255', 'private'],
    ['192.168.1.1', 'private'],
    ['192.0.0.8', 'reserved'],
    ['198.18.0.1', 'benchmarking'],
    ['224.0.0.251', 'multicast'],
    ['239.255.255.250', 'multicast'],
    ['255.255.255.255', 'broadcast'],
    ['::', 'unspecified'],
    ['::1', 'loopback'],
    ['0:0:0:0:0:0:0:1', 'loopback'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:7f00:1', 'loopback'],
    ['::ffff:10.0.0.1', 'private'],
    ['::ffff:169.254.169.254', 'link-local'],
    ['::127.0.0.1', 'reserved'],
    ['64:ff9b::a00:1', 'private'],
    ['2002:c0a8:0101::1', 'private'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo'],
    ['2001:db8::1', 'documentation'],
    ['fc00::1', 'ULA'],
    ['fd12:3456:789a::1', 'ULA'],
    ['fe80::1', 'link-local'],
    ['fe80::1%eth0', 'link-local'],
    ['febf::1', 'link-local'],
    ['fec0::1', 'site-local'],
    ['ff02::1', 'multicast'],
    ['localhost', 'not an IP'],
    ['', 'not an IP'],
  ])('%s is refused (%s)', (address, why) => {
    expect(classifyAddress(address)).toContain(why);
  });

  it.each([
    '8.8.8.8',
    '1.1.1.1',
    '100.63.255.255',
    '100.128.0.1',
    '172.15.255.255',
    '172.32.0.1',
    '169.253.1.1',
    '192.169.0.1',
    '11.0.0.1',
    '223.255.255.255',
    '2606:4700:4700::1111',
    '2a00:1450:4001:80b::200e',
    '::ffff:8.8.8.8',
    '64:ff9b::808:808',
    '2002:0808:0808::1',
    'fbff::1',
    'fe00::1',
  ])('%s is public', (address) => {
    expect(classifyAddress(address)).toBeUndefined();
  });

  it('parses IPv6 forms to the same bytes', () => {
    const a = parseIPv6('::ffff:127.0.0.1');
    const b = parseIPv6('0:0:0:0:0:ffff:7f00:0001');
    expect(a).toEqual(b);
    expect(parseIPv6('1:2:3:4:5:6:7:8')?.[15]).toBe(8);
    expect(parseIPv6('1::2::3')).toBeUndefined();
    expect(parseIPv6('127.0.0.1')).toBeUndefined();
  });
});

describe('CIDR ranges', () => {
  const inside = (address: string, cidr: string) => {
    const range = parseCidr(cidr);
    const bytes = addressBytes(address);
    return range !== undefined && bytes !== undefined && inCidr(bytes, range);
  };

  it.each([
    ['10.1.2.3', '10.0.0.0/8'],
    ['10.255.255.255', '10.0.0.0/8'],
    ['172.20.1.1', '172.16.0.0/12'],
    ['192.168.7.9', '192.168.7.9'],
    ['192.168.7.9', '192.168.7.9/32'],
    ['8.8.8.8', '0.0.0.0/0'],
    ['fd00::1', 'fd00::/8'],
    ['fdff:1::1', 'fd00::/8'],
    ['::1', '::1'],
    ['::1', '[::1]/128'],
    ['fe80::1%eth0', 'fe80::/10'],
    // An IPv4-mapped address is its IPv4 address, both as the address and as the range.
    ['::ffff:10.0.0.7', '10.0.0.0/8'],
    ['10.0.0.7', '::ffff:10.0.0.0/104'],
  ])('%s is inside %s', (address, cidr) => {
    expect(inside(address, cidr)).toBe(true);
  });

  it.each([
    ['11.0.0.1', '10.0.0.0/8'],
    ['172.32.0.1', '172.16.0.0/12'],
    ['192.168.7.10', '192.168.7.9'],
    ['fe00::1', 'fd00::/8'],
    ['::2', '::1'],
    // Families never match each other (except through a mapped address).
    ['10.0.0.1', '::/0'],
    ['::1', '0.0.0.0/0'],
  ])('%s is not inside %s', (address, cidr) => {
    expect(inside(address, cidr)).toBe(false);
  });

  it.each([
    '10.0.0.0/33',
    'fd00::/129',
    '10.0.0.0/',
    '10.0.0.0/x',
    '10.0.0/8',
    'example.com/8',
    '1::2::3/64',
    '',
  ])('%j is not a range', (text) => {
    expect(parseCidr(text)).toBeUndefined();
  });
});
