/**
 * The outbound address policy. Every request authdoctor makes itself (JWKS discovery, file downloads, the
 * escalation webhook, Slack response_urls) may reach public unicast addresses only, unless the operator
 * listed the host, the address or its range in AUTHDOCTOR_OUTBOUND_ALLOW. The check runs inside the
 * socket's own DNS lookup (`guardedLookup`), so the address that was checked is the address that is
 * connected to: a second, rebinding DNS answer between "check" and "connect" is impossible.
 */
import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import { addressBytes, bareHost, type Cidr, classifyAddress, inCidr, parseCidr } from './addresses.js';

/** The variable an operator sets to let a request through; named in every refusal they may need to fix. */
export const OUTBOUND_ALLOW_VARIABLE = 'AUTHDOCTOR_OUTBOUND_ALLOW';

/** Raised inside the lookup; its message names the host, the address and why, nothing else. */
export class OutboundRefusedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'OutboundRefusedError';
  }
}

export type AllowEntry = { kind: 'host'; host: string } | { kind: 'range'; range: Cidr };

/**
 * One AUTHDOCTOR_OUTBOUND_ALLOW entry: an IP address or CIDR range (v4 or v6, brackets optional), or a host
 * name (matched exactly, case-insensitively). Undefined when it is neither.
 */
export function parseAllowEntry(entry: string): AllowEntry | undefined {
  const text = entry.trim();
  if (text === '' || text.length > 253) return undefined;
  if (text.includes('/') || text.includes(':')) {
    const range = parseCidr(text);
    return range && { kind: 'range', range };
  }
  if (!/^[A-Za-z0-9.-]+$/.test(text)) return undefined;
  let hostname: string;
  try {
    // The URL parser's reading is the one requests get: `2130706433` is 127.0.0.1, names are lowercased.
    hostname = new URL(`http://${text}/`).hostname;
  } catch {
    return undefined;
  }
  const range = parseCidr(hostname);
  if (range) return { kind: 'range', range };
  const host = hostname.replace(/\.$/, '');
  return host === '' || host.startsWith('.') || host.includes('..') ? undefined : { kind: 'host', host };
}

export interface OutboundPolicyOptions {
  /** AUTHDOCTOR_OUTBOUND_ALLOW: host names, IP addresses and CIDR ranges. Malformed entries are ignored. */
  allow: readonly string[];
  /**
   * Origins (`http://127.0.0.1:8080`) trusted whatever their address: a platform API URL the operator
   * configured, which already gets the bot token on every API call.
   */
  origins?: readonly string[];
}

export interface OutboundPolicy {
  /** Why connecting to `address` (one of the addresses `url`'s host resolved to) is refused, or undefined. */
  refusal(url: URL, address: string): string | undefined;
  /** Whether the operator named this URL's host (its name, its literal address, or its origin). */
  lists(url: URL): boolean;
  /** Stable text that differs between policies that decide differently (cache keys). */
  readonly key: string;
}

const hostOf = (url: URL) => bareHost(url.hostname).toLowerCase().replace(/\.$/, '');

export function outboundPolicy(options: OutboundPolicyOptions): OutboundPolicy {
  const entries = options.allow.flatMap((e) => parseAllowEntry(e) ?? []);
  const hosts = new Set(entries.flatMap((e) => (e.kind === 'host' ? [e.host] : [])));
  const ranges = entries.flatMap((e) => (e.kind === 'range' ? [e.range] : []));
  const origins = new Set(
    (options.origins ?? []).flatMap((o) => {
      try {
        return [new URL(o).origin];
      } catch {
        return [];
      }
    }),
  );
  const listedAddress = (address: string) => {
    const bytes = addressBytes(address);
    return bytes !== undefined && ranges.some((r) => inCidr(bytes, r));
  };
  const lists = (url: URL) => {
    const host = hostOf(url);
    return hosts.has(host) || origins.has(url.origin) || (isIP(host) !== 0 && listedAddress(host));
  };
  return {
    lists,
    refusal(url, address) {
      if (hosts.has(hostOf(url)) || origins.has(url.origin)) return undefined;
      const reason = classifyAddress(address);
      if (reason === undefined || listedAddress(address)) return undefined;
      return reason;
    },
    key: JSON.stringify([[...hosts].sort(), ranges, [...origins].sort()]),
  };
}

export interface UrlRules {
  /** Plain http only to a host the policy lists (default true). */
  requireHttps?: boolean;
  /** A caller's own rule (a platform's file hosts): why the URL is refused, or undefined. */
  hostRule?: (url: URL) => string | undefined;
}

/**
 * What can be checked before any DNS: the scheme, credentials in the URL, the caller's host rule and an IP
 * literal host. Returns why the URL is refused, or undefined. Host names are checked by `guardedLookup`.
 */
export function urlProblem(url: URL, policy: OutboundPolicy, rules: UrlRules = {}): string | undefined {
  if (url.protocol !== 'https:' && url.protocol !== 'http:')
    return `${url.protocol.replace(/:$/, '')} is not allowed (https only)`;
  if (url.protocol === 'http:' && rules.requireHttps !== false && !policy.lists(url))
    return `http is not allowed (https only)`;
  if (url.username || url.password) return 'a URL with credentials in it is not allowed';
  const host = bareHost(url.hostname);
  if (host === '') return 'the URL has no host';
  const ruled = rules.hostRule?.(url);
  if (ruled) return ruled;
  // A literal address is connected to without a lookup, so the lookup hook never sees it: judge it here.
  if (isIP(host) !== 0) {
    const reason = policy.refusal(url, host);
    if (reason) return `${host} is ${reason}`;
  }
  return undefined;
}

type LookupCallback = (
  err: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;

/** DNS resolution as node:dns `lookup` does it with `{ all: true }`; tests substitute their own. */
export type Resolve = (
  hostname: string,
  callback: (err: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolve: Resolve = (hostname, callback) =>
  dnsLookup(hostname, { all: true, verbatim: true }, callback);

/**
 * A `lookup` for http(s).request to `url`: resolves every address of the host and refuses the connection
 * if any of them is refused (a host with one public and one private address is a rebinding setup, not a
 * mistake).
 */
export function guardedLookup(
  policy: OutboundPolicy,
  url: URL,
  resolve: Resolve = systemResolve,
): LookupFunction {
  return (hostname, options, callback: LookupCallback) => {
    resolve(hostname, (err, addresses) => {
      if (err) return callback(err, []);
      if (addresses.length === 0) return callback(new OutboundRefusedError(`${hostname} has no address`), []);
      for (const a of addresses) {
        const reason = policy.refusal(url, a.address);
        if (reason)
          return callback(new OutboundRefusedError(`${hostname} resolves to ${a.address}, ${reason}`), []);
      }
      if (options.all) return callback(null, addresses);
      const family = ({ 4: 4, 6: 6, IPv4: 4, IPv6: 6 } as Record<string, number>)[String(options.family)];
      const pick = addresses.find((a) => family === undefined || a.family === family) ?? addresses[0]!;
      callback(null, pick.address, pick.family);
    });
  };
}
