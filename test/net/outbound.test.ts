/**
 * The outbound address policy without a network: which allow-list entries parse, what a policy decides per
 * resolved address, what is refused before any DNS (schemes, credentials, literal addresses in every
 * spelling the URL parser folds), and the lookup hook that judges what DNS answered.
 */
import type { LookupAddress } from 'node:dns';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  guardedLookup,
  type OutboundPolicy,
  outboundPolicy,
  parseAllowEntry,
  type Resolve,
  urlProblem,
} from '../../src/net/outbound.js';

const PUBLIC_ONLY = outboundPolicy({ allow: [] });

describe('AUTHDOCTOR_OUTBOUND_ALLOW entries', () => {
  it.each([
    ['tickets.internal', { kind: 'host', host: 'tickets.internal' }],
    ['Tickets.Internal.', { kind: 'host', host: 'tickets.internal' }],
    ['10.0.0.0/8', { kind: 'range', range: { bytes: [10, 0, 0, 0], bits: 8 } }],
    ['10.1.2.3', { kind: 'range', range: { bytes: [10, 1, 2, 3], bits: 32 } }],
    // A number is an address to the URL parser, so it is one here too.
    ['2130706433', { kind: 'range', range: { bytes: [127, 0, 0, 1], bits: 32 } }],
    ['fd00::/8', { kind: 'range', range: { bytes: [0xfd, ...new Array(15).fill(0)], bits: 8 } }],
    ['[::1]', { kind: 'range', range: { bytes: [...new Array(15).fill(0), 1], bits: 128 } }],
  ])('%s parses', (entry, parsed) => {
    expect(parseAllowEntry(entry)).toEqual(parsed);
  });

  it.each([
    '',
    '10.0.0.0/33',
    'fd00::/200',
    '300.1.1.1',
    'a..b',
    '.example.com',
    'exa mple.com',
    'x/8',
    '*.corp',
  ])('%j does not', (entry) => {
    expect(parseAllowEntry(entry)).toBeUndefined();
  });

  it('configuration refuses an entry that is not a host, an address or a range', () => {
    expect(
      loadConfig({ AUTHDOCTOR_OUTBOUND_ALLOW: 'tickets.internal, 10.0.0.0/8 fd00::/8' })
        .AUTHDOCTOR_OUTBOUND_ALLOW,
    ).toEqual(['tickets.internal', '10.0.0.0/8', 'fd00::/8']);
    expect(() => loadConfig({ AUTHDOCTOR_OUTBOUND_ALLOW: '10.0.0.0/33' })).toThrow(
      /AUTHDOCTOR_OUTBOUND_ALLOW/,
    );
    expect(() => loadConfig({ AUTHDOCTOR_OUTBOUND_ALLOW: '300.1.1.1' })).toThrow(/AUTHDOCTOR_OUTBOUND_ALLOW/);
  });
});

describe('outboundPolicy', () => {
  const url = new URL('https://hooks.example.com/x');
  const policy = outboundPolicy({
    allow: ['tickets.internal', '10.0.0.0/8', '192.168.7.9', 'fd00::/8', 'not a valid entry/99'],
    origins: ['http://127.0.0.1:8080'],
  });

  it('lets public unicast addresses through whatever the list says', () => {
    expect(PUBLIC_ONLY.refusal(url, '93.184.216.34')).toBeUndefined();
    expect(PUBLIC_ONLY.refusal(url, '2606:4700:4700::1111')).toBeUndefined();
  });

  it.each([
    ['127.0.0.1', 'loopback'],
    ['10.1.2.3', 'private'],
    ['169.254.169.254', 'link-local'],
    ['::1', 'loopback'],
    ['fd00::1', 'unique local'],
    ['::ffff:127.0.0.1', 'loopback'],
    ['::ffff:169.254.169.254', 'link-local'],
  ])('refuses %s with an empty list (%s)', (address, why) => {
    expect(PUBLIC_ONLY.refusal(url, address)).toContain(why);
  });

  it('allows listed addresses and ranges (v4, v6, and v4 inside v6), and nothing next to them', () => {
    expect(policy.refusal(url, '10.200.0.1')).toBeUndefined();
    expect(policy.refusal(url, '::ffff:10.200.0.1')).toBeUndefined();
    expect(policy.refusal(url, '192.168.7.9')).toBeUndefined();
    expect(policy.refusal(url, '192.168.7.10')).toContain('private');
    expect(policy.refusal(url, 'fd12::1')).toBeUndefined();
    expect(policy.refusal(url, 'fe80::1')).toContain('link-local');
    expect(policy.refusal(url, '127.0.0.1')).toContain('loopback');
  });

  it('allows any address of a listed host name, and of a trusted origin (scheme, host and port)', () => {
    expect(policy.refusal(new URL('http://tickets.internal/hook'), '127.0.0.1')).toBeUndefined();
    expect(policy.refusal(new URL('https://TICKETS.internal./hook'), '169.254.169.254')).toBeUndefined();
    expect(policy.refusal(new URL('https://other.internal/hook'), '10.0.0.1')).toBeUndefined();
    expect(policy.refusal(new URL('https://other.internal/hook'), '127.0.0.1')).toContain('loopback');
    expect(policy.refusal(new URL('http://127.0.0.1:8080/files/a'), '127.0.0.1')).toBeUndefined();
    expect(policy.refusal(new URL('http://127.0.0.1:8081/files/a'), '127.0.0.1')).toContain('loopback');
  });

  it('says which hosts it names (plain http is allowed to those only)', () => {
    expect(policy.lists(new URL('http://tickets.internal/'))).toBe(true);
    expect(policy.lists(new URL('http://10.9.9.9/'))).toBe(true);
    expect(policy.lists(new URL('http://127.0.0.1:8080/'))).toBe(true);
    expect(policy.lists(new URL('http://hooks.example.com/'))).toBe(false);
    expect(outboundPolicy({ allow: ['tickets.internal'] }).key).not.toBe(PUBLIC_ONLY.key);
  });
});

describe('urlProblem: refused before any DNS', () => {
  it.each([
    ['http://127.0.0.1/', 'loopback'],
    ['https://10.0.0.1/', 'private'],
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://[::1]/', 'loopback'],
    ['https://[fd00::1]/', 'unique local'],
    ['https://[::ffff:127.0.0.1]/', 'loopback'],
    ['https://[::ffff:a9fe:a9fe]/', 'link-local'],
    ['https://[fe80::1]/', 'link-local'],
    // Decimal, hex, octal and short forms: the URL parser folds them all to the dotted quad.
    ['https://2130706433/', 'loopback'],
    ['https://0x7f000001/', 'loopback'],
    ['https://0x7f.1/', 'loopback'],
    ['https://0177.0.0.1/', 'loopback'],
    ['https://127.1/', 'loopback'],
    ['https://0/', 'unspecified'],
    ['https://0xa9.0xfe.0xa9.0xfe/', 'link-local'],
  ])('%s (%s)', (text, why) => {
    expect(urlProblem(new URL(text), PUBLIC_ONLY, { requireHttps: false })).toContain(why);
  });

  it('refuses other schemes, credentials, and http to a host nobody listed', () => {
    expect(urlProblem(new URL('ftp://files.example.com/'), PUBLIC_ONLY)).toContain('https only');
    expect(urlProblem(new URL('file:///etc/passwd'), PUBLIC_ONLY)).toContain('https only');
    expect(urlProblem(new URL('http://files.example.com/'), PUBLIC_ONLY)).toContain('https only');
    expect(urlProblem(new URL('https://u:p@files.example.com/'), PUBLIC_ONLY)).toContain('credentials');
    expect(urlProblem(new URL('https://files.example.com/'), PUBLIC_ONLY)).toBeUndefined();
    expect(
      urlProblem(new URL('http://files.example.com/'), PUBLIC_ONLY, { requireHttps: false }),
    ).toBeUndefined();
  });

  it('lets listed literals through, over http too', () => {
    const policy = outboundPolicy({ allow: ['127.0.0.0/8', '::1'] });
    expect(urlProblem(new URL('http://127.0.0.1:8080/'), policy)).toBeUndefined();
    expect(urlProblem(new URL('http://2130706433/'), policy)).toBeUndefined();
    expect(urlProblem(new URL('http://[::1]:8080/'), policy)).toBeUndefined();
    expect(urlProblem(new URL('https://[fd00::1]/'), policy)).toContain('unique local');
  });

  it('applies the caller’s host rule', () => {
    const rule = (url: URL) => (url.hostname === 'files.slack.com' ? undefined : 'not a Slack file host');
    expect(urlProblem(new URL('https://files.slack.com/a'), PUBLIC_ONLY, { hostRule: rule })).toBeUndefined();
    expect(urlProblem(new URL('https://example.com/a'), PUBLIC_ONLY, { hostRule: rule })).toBe(
      'not a Slack file host',
    );
  });
});

describe('guardedLookup', () => {
  const fakeDns =
    (answers: Record<string, string[]>): Resolve =>
    (hostname, callback) => {
      const found = answers[hostname];
      if (!found) return callback(Object.assign(new Error('not found'), { code: 'ENOTFOUND' }), []);
      callback(
        null,
        found.map((address): LookupAddress => ({ address, family: address.includes(':') ? 6 : 4 })),
      );
    };
  const dns = fakeDns({
    'metadata.test': ['169.254.169.254'],
    'rebind.test': ['93.184.216.34', '10.0.0.5'],
    'public.test': ['93.184.216.34', '2606:4700:4700::1111'],
    'tickets.internal': ['10.0.0.7'],
  });
  const lookup = (
    policy: OutboundPolicy,
    host: string,
    options: { all: boolean; family?: number },
    resolve?: Resolve,
  ) =>
    new Promise<{ err: Error | null; address: unknown; family?: number }>((done) => {
      guardedLookup(policy, new URL(`https://${host}/`), resolve)(host, options, (err, address, family) =>
        done({ err, address, ...(family !== undefined ? { family } : {}) }),
      );
    });

  it('refuses a name that resolves to loopback', async () => {
    const { err } = await lookup(PUBLIC_ONLY, 'localhost', { all: true });
    expect(err?.name).toBe('OutboundRefusedError');
    expect(err?.message).toMatch(/localhost resolves to .*loopback/);
  });

  it('refuses a name that resolves to the metadata address, or to one public and one private address', async () => {
    expect((await lookup(PUBLIC_ONLY, 'metadata.test', { all: true }, dns)).err?.message).toBe(
      'metadata.test resolves to 169.254.169.254, a link-local address (cloud metadata lives here)',
    );
    expect((await lookup(PUBLIC_ONLY, 'rebind.test', { all: false }, dns)).err?.message).toContain(
      '10.0.0.5',
    );
  });

  it('answers in both callback shapes when every address is allowed', async () => {
    const many = await lookup(PUBLIC_ONLY, 'public.test', { all: true }, dns);
    expect(many.err).toBeNull();
    expect(many.address).toHaveLength(2);
    const six = await lookup(PUBLIC_ONLY, 'public.test', { all: false, family: 6 }, dns);
    expect(six).toEqual({ err: null, address: '2606:4700:4700::1111', family: 6 });
    const listed = await lookup(
      outboundPolicy({ allow: ['tickets.internal'] }),
      'tickets.internal',
      { all: false },
      dns,
    );
    expect(listed).toEqual({ err: null, address: '10.0.0.7', family: 4 });
    const local = await lookup(outboundPolicy({ allow: ['127.0.0.0/8', '::1'] }), 'localhost', { all: true });
    expect(local.err).toBeNull();
  });

  it('passes DNS failures through as they are', async () => {
    const { err } = await lookup(PUBLIC_ONLY, 'nowhere.test', { all: true }, dns);
    expect((err as NodeJS.ErrnoException | null)?.code).toBe('ENOTFOUND');
  });
});
