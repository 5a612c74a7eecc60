/**
 * The guarded request against real servers on 127.0.0.1: refused addresses are never connected to (in
 * every spelling, and behind a host name), listed ones are; redirects are re-checked hop by hop, limited,
 * and do not carry credentials to another origin; a silent server times out and an endless body is capped.
 */
import { type LookupAddress, lookup } from 'node:dns';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboundPolicy, type Resolve } from '../../src/net/outbound.js';
import { type OutboundRequest, outboundRequest } from '../../src/net/request.js';

interface Received {
  method: string;
  path: string;
  host: string | undefined;
  authorization: string | undefined;
  cookie: string | undefined;
  body: string;
}

interface Target {
  server: Server;
  port: number;
  base: string;
  received: Received[];
  connections: number;
}

type Route = (req: IncomingMessage, res: ServerResponse, target: Target) => void;

const open: ServerResponse[] = [];

async function target(route: Route): Promise<Target> {
  const t: Target = { server: createServer(), port: 0, base: '', received: [], connections: 0 };
  t.server.on('connection', () => {
    t.connections += 1;
  });
  t.server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      t.received.push({
        method: req.method ?? '',
        path: req.url ?? '',
        host: req.headers.host,
        authorization: req.headers.authorization,
        cookie: req.headers.cookie,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      open.push(res);
      route(req, res, t);
    });
  });
  await new Promise<void>((resolve) => t.server.listen(0, '127.0.0.1', resolve));
  t.port = (t.server.address() as AddressInfo).port;
  t.base = `http://127.0.0.1:${t.port}`;
  return t;
}

let main: Target;
let elsewhere: Target;

/** Names the tests resolve themselves (two for loopback, one for the metadata address); others as usual. */
const dns: Resolve = (hostname, callback) => {
  const answers: Record<string, string[]> = {
    'files.test': ['127.0.0.1'],
    'tickets.internal': ['127.0.0.1'],
    'metadata.test': ['169.254.169.254'],
  };
  const found = answers[hostname];
  if (!found) return lookup(hostname, { all: true, verbatim: true }, callback);
  callback(
    null,
    found.map((address): LookupAddress => ({ address, family: 4 })),
  );
};

beforeAll(async () => {
  elsewhere = await target((_req, res) => void res.end('elsewhere'));
  main = await target((req, res, t) => {
    const path = req.url ?? '/';
    const hop = /^\/hop\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      if (n === 0) return void res.end('arrived');
      res.writeHead(302, { location: `/hop/${n - 1}` });
      return void res.end();
    }
    const to = (location: string, status = 302) => {
      res.writeHead(status, { location });
      res.end();
    };
    switch (path) {
      case '/ok':
        return void res.end('hello');
      case '/to-loopback-literal':
        return to(`${elsewhere.base}/secret`);
      case '/to-localhost':
        return to(`http://localhost:${elsewhere.port}/secret`);
      case '/to-metadata':
        return to('http://169.254.169.254/latest/meta-data/iam/');
      case '/to-metadata-name':
        return to(`http://metadata.test:${elsewhere.port}/`);
      case '/to-elsewhere':
        return to(`${elsewhere.base}/landing`);
      case '/to-self':
        return to(`http://127.0.0.1:${t.port}/ok`);
      case '/see-other':
        return to('/ok', 303);
      case '/temporary':
        return to('/echo', 307);
      case '/echo':
        return void res.end(`${req.method}`);
      case '/silent':
        return; // never answers
      case '/trickle':
        res.writeHead(200);
        res.write('a');
        return; // never ends
      case '/endless': {
        res.writeHead(200);
        const chunk = Buffer.alloc(64 * 1024, 'x');
        const pump = () => {
          while (!res.destroyed && res.write(chunk)) {}
          if (!res.destroyed) res.once('drain', pump);
        };
        pump();
        return;
      }
      case '/declared-huge':
        res.writeHead(200, { 'content-length': String(50 * 1024 * 1024) });
        return void res.write('x'); // the rest never comes
      default:
        res.writeHead(404).end();
    }
  });
});

afterAll(async () => {
  for (const res of open) res.destroy();
  for (const t of [main, elsewhere]) {
    t.server.closeAllConnections();
    await new Promise((resolve) => t.server.close(resolve));
  }
});

beforeEach(() => {
  for (const t of [main, elsewhere]) {
    t.received.length = 0;
    t.connections = 0;
  }
});

const LOOPBACK = outboundPolicy({ allow: ['127.0.0.1'] });
const PUBLIC_ONLY = outboundPolicy({ allow: [] });

const request = (url: string, extra: Partial<OutboundRequest> = {}) =>
  outboundRequest({ url, policy: LOOPBACK, timeoutMs: 5000, maxBytes: 1024, resolve: dns, ...extra });

describe('outboundRequest: addresses', () => {
  it.each([
    ['the loopback address', (p: number) => `http://127.0.0.1:${p}/ok`],
    ['loopback in decimal', (p: number) => `http://2130706433:${p}/ok`],
    ['loopback in hex', (p: number) => `http://0x7f000001:${p}/ok`],
    ['loopback in octal', (p: number) => `http://0177.0.0.1:${p}/ok`],
    ['loopback in short form', (p: number) => `http://127.1:${p}/ok`],
    ['IPv6 loopback', (p: number) => `http://[::1]:${p}/ok`],
    ['IPv4-mapped IPv6 loopback', (p: number) => `http://[::ffff:127.0.0.1]:${p}/ok`],
    ['a name for loopback (localhost)', (p: number) => `http://localhost:${p}/ok`],
    ['a name that resolves to loopback', (p: number) => `http://files.test:${p}/ok`],
  ])('refuses %s without connecting', async (_what, url) => {
    const result = await request(url(main.port), { policy: PUBLIC_ONLY, requireHttps: false });
    expect(result).toMatchObject({ ok: false, failure: 'refused' });
    expect(main.connections).toBe(0);
  });

  it.each([
    ['http://10.0.0.1/', 'a private address'],
    ['http://169.254.169.254/latest/meta-data/', 'a link-local address'],
    ['http://[fd00::1]/', 'a unique local (ULA) address'],
    ['http://[::ffff:10.0.0.1]/', 'a private address (inside an IPv6 address)'],
    ['http://metadata.test/', 'metadata.test resolves to 169.254.169.254, a link-local address'],
  ])('refuses %s (%s) with a reason that names it', async (url, why) => {
    const result = await request(url, { policy: PUBLIC_ONLY, requireHttps: false });
    expect(result).toMatchObject({ ok: false, failure: 'refused', detail: expect.stringContaining(why) });
    if (!result.ok) expect(result.reason).toMatch(/^refused http:\/\//);
  });

  it.each([
    ['its address', ['127.0.0.1'], (p: number) => `http://127.0.0.1:${p}/ok`],
    ['its range', ['127.0.0.0/8'], (p: number) => `http://127.0.0.1:${p}/ok`],
    ['its range (decimal URL)', ['127.0.0.0/8'], (p: number) => `http://2130706433:${p}/ok`],
    ['its host name', ['tickets.internal'], (p: number) => `http://tickets.internal:${p}/ok`],
    ['the address its name resolves to', ['127.0.0.1'], (p: number) => `http://files.test:${p}/ok`],
  ])('connects when the allow list names %s', async (_what, allow, url) => {
    // Plain http is allowed only to a listed host; here the last case lists the address, not the name.
    const result = await request(url(main.port), { policy: outboundPolicy({ allow }), requireHttps: false });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(result.ok && result.body.toString()).toBe('hello');
  });

  it('sends the Host header of the name it was given', async () => {
    await request(`http://tickets.internal:${main.port}/ok`, {
      policy: outboundPolicy({ allow: ['tickets.internal'] }),
    });
    expect(main.received[0]?.host).toBe(`tickets.internal:${main.port}`);
  });

  it('never throws: a URL that is not one is a refusal', async () => {
    expect(await request('not a url')).toMatchObject({ ok: false, failure: 'refused' });
    expect(await request('ftp://127.0.0.1/')).toMatchObject({ ok: false, failure: 'refused' });
  });
});

describe('outboundRequest: redirects', () => {
  it('with none allowed, a redirect is a failure that names where it led; the target is not asked', async () => {
    const result = await request(`${main.base}/to-elsewhere`);
    expect(result).toMatchObject({ ok: false, failure: 'redirect', status: 302 });
    expect(!result.ok && result.reason).toBe(
      `${main.base}/to-elsewhere answered HTTP 302, a redirect to ${elsewhere.base}/landing; redirects are refused`,
    );
    expect(elsewhere.connections).toBe(0);
  });

  it('refuses a redirect to loopback, by address or by name, and to the metadata address', async () => {
    // The first hop is allowed by its name only: the hops it redirects to are judged on their own.
    const policy = outboundPolicy({ allow: ['tickets.internal'] });
    for (const path of ['/to-loopback-literal', '/to-localhost', '/to-metadata', '/to-metadata-name']) {
      const result = await request(`http://tickets.internal:${main.port}${path}`, {
        policy,
        maxRedirects: 3,
      });
      expect(result, path).toMatchObject({ ok: false, failure: 'refused' });
    }
    expect(elsewhere.connections).toBe(0);
  });

  it('re-checks the caller’s host rule on every hop', async () => {
    const only = main.base;
    const result = await request(`${main.base}/to-elsewhere`, {
      maxRedirects: 3,
      hostRule: (url) => (url.origin === only ? undefined : `${url.host} is not a file host`),
    });
    expect(result).toMatchObject({
      ok: false,
      failure: 'refused',
      detail: `127.0.0.1:${elsewhere.port} is not a file host`,
    });
    expect(elsewhere.connections).toBe(0);
  });

  it('follows up to the limit and refuses a longer chain', async () => {
    expect(await request(`${main.base}/hop/3`, { maxRedirects: 3 })).toMatchObject({
      ok: true,
      redirects: 3,
    });
    main.received.length = 0;
    const result = await request(`${main.base}/hop/4`, { maxRedirects: 3 });
    expect(result).toMatchObject({ ok: false, failure: 'redirect', status: 302 });
    expect(!result.ok && result.reason).toContain('after 3 redirects; no more are followed');
    expect(main.received.map((r) => r.path)).toEqual(['/hop/4', '/hop/3', '/hop/2', '/hop/1']);
  });

  it('drops Authorization and Cookie when a redirect leaves the origin, keeps them within it', async () => {
    const headers = { Authorization: 'Bearer xoxb-not-for-elsewhere', Cookie: 'session=1' };
    expect(await request(`${main.base}/to-self`, { headers, maxRedirects: 3 })).toMatchObject({ ok: true });
    expect(main.received.map((r) => r.authorization)).toEqual([headers.Authorization, headers.Authorization]);
    const result = await request(`${main.base}/to-elsewhere`, { headers, maxRedirects: 3 });
    expect(result).toMatchObject({ ok: true, status: 200 });
    expect(elsewhere.received).toEqual([
      expect.objectContaining({ path: '/landing', authorization: undefined, cookie: undefined }),
    ]);
  });

  it('continues a POST as a GET after a 303, and as a POST with its body after a 307', async () => {
    const post = {
      method: 'POST',
      body: '{"a":1}',
      headers: { 'content-type': 'application/json' },
      maxRedirects: 1,
    };
    const seeOther = await request(`${main.base}/see-other`, post);
    expect(seeOther.ok && seeOther.body.toString()).toBe('hello');
    expect(main.received.map((r) => [r.method, r.body])).toEqual([
      ['POST', '{"a":1}'],
      ['GET', ''],
    ]);
    main.received.length = 0;
    const temporary = await request(`${main.base}/temporary`, post);
    expect(temporary.ok && temporary.body.toString()).toBe('POST');
    expect(main.received.map((r) => [r.method, r.body])).toEqual([
      ['POST', '{"a":1}'],
      ['POST', '{"a":1}'],
    ]);
  });
});

describe('outboundRequest: time and size', () => {
  it('gives up on a server that never answers, and on one that never finishes', async () => {
    expect(await request(`${main.base}/silent`, { timeoutMs: 200 })).toMatchObject({
      ok: false,
      failure: 'timeout',
      detail: 'no answer within 200 ms',
    });
    expect(await request(`${main.base}/trickle`, { timeoutMs: 200 })).toMatchObject({
      ok: false,
      failure: 'timeout',
    });
  });

  it('refuses an endless body once it passes the cap, or keeps the first bytes when told to truncate', async () => {
    // A long deadline: if the cap did not stop the read, this would end as a timeout instead.
    const refused = await request(`${main.base}/endless`, { maxBytes: 100_000, timeoutMs: 30_000 });
    expect(refused).toMatchObject({ ok: false, failure: 'too_large', status: 200 });
    expect(!refused.ok && refused.reason).toContain('sent more than 98 KB; refused');
    const cut = await request(`${main.base}/endless`, {
      maxBytes: 100_000,
      timeoutMs: 30_000,
      overflow: 'truncate',
    });
    expect(cut).toMatchObject({ ok: true, truncated: true });
    expect(cut.ok && cut.body.length).toBe(100_000);
  });

  it('refuses a body whose declared length is over the cap without waiting for it', async () => {
    const result = await request(`${main.base}/declared-huge`, { timeoutMs: 30_000 });
    expect(result).toMatchObject({ ok: false, failure: 'too_large' });
  });
});
