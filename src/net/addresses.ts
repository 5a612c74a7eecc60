/**
 * IP address arithmetic for the outbound policy: parsing (strict: no shortcut forms a resolver would read
 * differently), the IANA special-purpose ranges that are not reachable public unicast, and CIDR ranges.
 * Host names never reach here: URL parsing has already folded `2130706433` and `0x7f.1` to `127.0.0.1`.
 */
import { isIP } from 'node:net';

/** A prefix: the first `bits` bits of `bytes` (4 or 16 of them). */
export interface Cidr {
  bytes: readonly number[];
  bits: number;
}

interface Range extends Cidr {
  label: string;
}

const v4 = (text: string, bits: number, label: string): Range => ({
  bytes: text.split('.').map(Number),
  bits,
  label,
});

/** IANA special-purpose IPv4 ranges that are not reachable public unicast (RFC 6890 and successors). */
const V4_BLOCKED: readonly Range[] = [
  v4('0.0.0.0', 8, 'an unspecified ("this network") address'),
  v4('10.0.0.0', 8, 'a private address'),
  v4('100.64.0.0', 10, 'a carrier-grade NAT (CGNAT) address'),
  v4('127.0.0.0', 8, 'a loopback address'),
  v4('169.254.0.0', 16, 'a link-local address (cloud metadata lives here)'),
  v4('172.16.0.0', 12, 'a private address'),
  v4('192.0.0.0', 24, 'an IETF reserved address'),
  v4('192.0.2.0', 24, 'a documentation address'),
  v4('192.88.99.0', 24, 'a 6to4 relay address'),
  v4('192.168.0.0', 16, 'a private address'),
  v4('198.18.0.0', 15, 'a benchmarking address'),
  v4('198.51.100.0', 24, 'a documentation address'),
  v4('203.0.113.0', 24, 'a documentation address'),
  v4('224.0.0.0', 4, 'a multicast address'),
  v4('240.0.0.0', 4, 'a reserved or broadcast address'),
];

const v6 = (hex: string, bits: number, label: string): Range => ({
  bytes: [...(parseIPv6(hex) ?? [])],
  bits,
  label,
});

/** Special-purpose IPv6 ranges. Prefixes that embed an IPv4 address are handled in `classifyIPv6`. */
const V6_BLOCKED: readonly Range[] = [
  v6('::', 128, 'an unspecified address'),
  v6('::1', 128, 'a loopback address'),
  // The rest of ::/8 is reserved (IPv4-compatible addresses are deprecated); mapped ones are unwrapped first.
  v6('::', 8, 'a reserved address'),
  v6('64:ff9b:1::', 48, 'a local-use NAT64 address'),
  v6('100::', 64, 'a discard-only address'),
  v6('2001::', 32, 'a Teredo tunnel address'),
  v6('2001:2::', 48, 'a benchmarking address'),
  v6('2001:db8::', 32, 'a documentation address'),
  v6('3fff::', 20, 'a documentation address'),
  v6('fc00::', 7, 'a unique local (ULA) address'),
  v6('fe80::', 10, 'a link-local address'),
  v6('fec0::', 10, 'a site-local address'),
  v6('ff00::', 8, 'a multicast address'),
];

/** Whether `bytes` (same length as the range's) starts with the range's prefix. */
export function inCidr(bytes: readonly number[], range: Cidr): boolean {
  if (bytes.length !== range.bytes.length) return false;
  let bits = range.bits;
  for (let i = 0; bits > 0; i += 1, bits -= 8) {
    const mask = bits >= 8 ? 0xff : (0xff << (8 - bits)) & 0xff;
    if (((bytes[i] ?? 0) & mask) !== ((range.bytes[i] ?? 0) & mask)) return false;
  }
  return true;
}

/** Four bytes of a dotted quad, or undefined. Only the strict form: shortcut forms are URL's business. */
export function parseIPv4(text: string): number[] | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(text);
  if (!m) return undefined;
  const bytes = m.slice(1).map(Number);
  return bytes.every((b) => b <= 255) ? bytes : undefined;
}

/** 16 bytes, or undefined. Accepts `::` compression, an IPv4 tail and a `%zone` suffix. */
export function parseIPv6(input: string): Uint8Array | undefined {
  const text = input.replace(/%[^%]{0,64}$/, '');
  if (isIP(text) !== 6) return undefined;
  let head = text;
  const tail: number[] = [];
  const lastColon = text.lastIndexOf(':');
  if (text.includes('.', lastColon)) {
    const quad = parseIPv4(text.slice(lastColon + 1));
    if (!quad) return undefined;
    const [a = 0, b = 0, c = 0, d = 0] = quad;
    tail.push((a << 8) | b, (c << 8) | d);
    head = text.slice(0, lastColon + 1);
    if (head.endsWith(':') && !head.endsWith('::')) head = head.slice(0, -1);
  }
  const [left = '', right] = head.split('::');
  const words = (part: string) => (part === '' ? [] : part.split(':').map((w) => Number.parseInt(w, 16)));
  const l = words(left);
  const r = right === undefined ? [] : words(right);
  const fill = 8 - l.length - r.length - tail.length;
  if (fill < 0 || (right === undefined && fill !== 0)) return undefined;
  const all = [...l, ...new Array<number>(fill).fill(0), ...r, ...tail];
  const out = new Uint8Array(16);
  all.forEach((w, i) => {
    out[i * 2] = (w >> 8) & 0xff;
    out[i * 2 + 1] = w & 0xff;
  });
  return out;
}

const MAPPED = v6('::ffff:0:0', 96, 'IPv4-mapped');
const NAT64 = v6('64:ff9b::', 96, 'NAT64');
const SIX_TO_FOUR = v6('2002::', 16, '6to4');

/**
 * The bytes an address reaches: 4 for IPv4 and for IPv4-mapped IPv6 (`::ffff:10.0.0.1` is 10.0.0.1 on the
 * wire), 16 for other IPv6. Undefined for anything that is not an IP address.
 */
export function addressBytes(address: string): number[] | undefined {
  const quad = parseIPv4(address);
  if (quad) return quad;
  const bytes = parseIPv6(address);
  if (!bytes) return undefined;
  const all = [...bytes];
  return inCidr(all, MAPPED) ? all.slice(12, 16) : all;
}

/** `10.0.0.0/8`, `fd00::/8`, `[::1]/128`; a plain address is its own /32 or /128. Undefined if malformed. */
export function parseCidr(text: string): Cidr | undefined {
  const slash = text.indexOf('/');
  const addressText = bareHost(slash === -1 ? text : text.slice(0, slash));
  const bytes = addressBytes(addressText);
  if (!bytes) return undefined;
  // A mapped address with a prefix counts its bits over 128; over its 4 bytes that is 96 fewer.
  const mappedShift = bytes.length === 4 && parseIPv4(addressText) === undefined ? 96 : 0;
  const max = bytes.length * 8;
  if (slash === -1) return { bytes, bits: max };
  const bitsText = text.slice(slash + 1);
  if (!/^\d{1,3}$/.test(bitsText)) return undefined;
  const bits = Number(bitsText) - mappedShift;
  if (bits < 0 || bits > max) return undefined;
  return { bytes, bits };
}

function classifyIPv4(bytes: readonly number[]): string | undefined {
  return V4_BLOCKED.find((r) => inCidr(bytes, r))?.label;
}

function classifyIPv6(bytes: readonly number[]): string | undefined {
  // Addresses that carry an IPv4 address reach that IPv4 address: judge them by it.
  if (inCidr(bytes, MAPPED) || inCidr(bytes, NAT64)) {
    const inner = classifyIPv4(bytes.slice(12, 16));
    return inner && `${inner} (inside an IPv6 address)`;
  }
  if (inCidr(bytes, SIX_TO_FOUR)) {
    const inner = classifyIPv4(bytes.slice(2, 6));
    return inner && `${inner} (inside a 6to4 address)`;
  }
  return V6_BLOCKED.find((r) => inCidr(bytes, r))?.label;
}

/**
 * Why `address` must not be contacted (`"a loopback address"`), or undefined when it is public unicast.
 * Anything that is not an IP address is refused.
 */
export function classifyAddress(address: string): string | undefined {
  const quad = parseIPv4(address);
  if (quad) return classifyIPv4(quad);
  const bytes = parseIPv6(address);
  if (bytes) return classifyIPv6([...bytes]);
  return 'not an IP address';
}

/** URL.hostname keeps the brackets of an IPv6 literal. */
export function bareHost(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}
