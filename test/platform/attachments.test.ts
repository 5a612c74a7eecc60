/**
 * Files attached to a message: read as text up to the intake cap, refused with a reason otherwise; the
 * download is an outbound request (file hosts only, on every redirect too; the address policy; the token
 * not carried to another origin; at most three redirects).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { outboundPolicy } from '../../src/net/outbound.js';
import { type AttachmentRequest, readAttachment } from '../../src/platform/attachments.js';

interface Seen {
  path: string;
  authorization?: string;
}

interface Host {
  server: Server;
  base: string;
  seen: Seen[];
}

let files: Host;
/** A second origin (another port): where redirects lead. */
let other: Host;

async function host(route: (path: string, res: import('node:http').ServerResponse) => void): Promise<Host> {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    seen.push({
      path: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    route(req.url ?? '', res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { server, base: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

const redirect = (res: import('node:http').ServerResponse, location: string) => {
  res.writeHead(302, { location });
  res.end();
};

beforeAll(async () => {
  other = await host((path, res) => {
    if (path === '/trace.txt') return void res.end('HTTP/1.1 401 Unauthorized\n');
    res.writeHead(404).end();
  });
  files = await host((path, res) => {
    const hop = /^\/hop\/(\d+)$/.exec(path);
    if (hop) {
      const n = Number(hop[1]);
      return n === 0 ? void res.end('after the hops\n') : redirect(res, `/hop/${n - 1}`);
    }
    switch (path) {
      case '/trace.txt':
        res.end('curl -v https://api.example.com/v1/me\n< HTTP/1.1 401 Unauthorized\n');
        return;
      case '/big.txt':
        res.end('x'.repeat(300_000));
        return;
      case '/shot.png':
        res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]));
        return;
      case '/slow.txt':
        res.write('partial');
        return; // never ends
      case '/to-other':
        return redirect(res, `${other.base}/trace.txt`);
      case '/to-metadata':
        return redirect(res, 'http://169.254.169.254/latest/meta-data/');
      case '/to-localhost':
        return redirect(res, `http://localhost:${new URL(other.base).port}/trace.txt`);
      default:
        res.statusCode = 404;
        res.end('not found');
    }
  });
});

afterAll(async () => {
  for (const h of [files, other]) {
    h.server.closeAllConnections();
    await new Promise((resolve) => h.server.close(resolve));
  }
});

beforeEach(() => {
  files.seen.length = 0;
  other.seen.length = 0;
});

/** The test servers' addresses allowed, and any host on them a file host, unless a test says otherwise. */
const read = (path: string, extra: Partial<AttachmentRequest> = {}) =>
  readAttachment({
    url: `${files.base}${path}`,
    name: 'f.txt',
    maxBytes: 1024,
    policy: outboundPolicy({ allow: ['127.0.0.1'] }),
    hostRule: () => undefined,
    ...extra,
  });

describe('readAttachment', () => {
  it('reads a text file, sending the headers it was given', async () => {
    const result = await read('/trace.txt', {
      name: 'trace.txt',
      headers: { authorization: 'Bearer xoxb-test' },
    });
    expect(result).toEqual({
      ok: true,
      name: 'trace.txt',
      text: expect.stringContaining('401 Unauthorized'),
      truncated: false,
    });
    expect(files.seen.at(-1)).toEqual({ path: '/trace.txt', authorization: 'Bearer xoxb-test' });
  });

  it('stops at the cap and says the file was cut', async () => {
    const result = await read('/big.txt', { maxBytes: 100_000 });
    expect(result.ok && result.text.length).toBe(100_000);
    expect(result.ok && result.truncated).toBe(true);
  });

  it.each([
    ['a binary file', '/shot.png', 'binary', /not a text file/],
    ['a missing file', '/gone.txt', 'http', /HTTP 404/],
    ['a download that stalls', '/slow.txt', 'timeout', /timed out/],
  ])('refuses %s with a reason the user can act on', async (_what, path, reason, message) => {
    const result = await read(path, { timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, reason, message: expect.stringMatching(message) });
  });

  it('an unreachable host is a network failure, not a crash', async () => {
    const result = await read('', { url: 'http://127.0.0.1:1/x.txt' });
    expect(result).toMatchObject({
      ok: false,
      reason: 'network',
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });
});

describe('readAttachment: where a download may go', () => {
  const note = /^f\.txt: the file could not be downloaded \(.+\); paste its text instead\.$/;

  it('a loopback file server the allow list does not name is refused, and never asked', async () => {
    const result = await read('/trace.txt', { policy: outboundPolicy({ allow: [] }) });
    expect(result).toMatchObject({ ok: false, reason: 'refused', message: expect.stringMatching(note) });
    expect(files.seen).toEqual([]);
  });

  it('a URL the host rule refuses is never asked', async () => {
    const result = await read('/trace.txt', { hostRule: (url) => `${url.host} is not a file host` });
    expect(result).toMatchObject({ ok: false, reason: 'refused' });
    expect(files.seen).toEqual([]);
  });

  it('a redirect is checked like the first URL: to a host the rule refuses, it is not followed', async () => {
    const only = new URL(files.base).origin;
    const result = await read('/to-other', {
      hostRule: (url) => (url.origin === only ? undefined : `${url.host} is not a file host`),
    });
    expect(result).toMatchObject({ ok: false, reason: 'refused', message: expect.stringMatching(note) });
    expect(files.seen.map((s) => s.path)).toEqual(['/to-other']);
    expect(other.seen).toEqual([]);
  });

  it('a redirect to the metadata address or to a name for loopback is refused', async () => {
    // Only the file server's own origin is trusted (as a configured platform API URL is).
    const policy = outboundPolicy({ allow: [], origins: [files.base] });
    expect(await read('/to-metadata', { policy })).toMatchObject({ ok: false, reason: 'refused' });
    expect(await read('/to-localhost', { policy })).toMatchObject({ ok: false, reason: 'refused' });
    expect(await read('/to-other', { policy })).toMatchObject({ ok: false, reason: 'refused' });
    expect(other.seen).toEqual([]);
  });

  it('follows up to three redirects, and refuses the fourth', async () => {
    expect(await read('/hop/3')).toMatchObject({ ok: true, text: 'after the hops\n' });
    files.seen.length = 0;
    const result = await read('/hop/4');
    expect(result).toMatchObject({
      ok: false,
      reason: 'refused',
      message: expect.stringContaining('redirected too often'),
    });
    expect(files.seen.map((s) => s.path)).toEqual(['/hop/4', '/hop/3', '/hop/2', '/hop/1']);
  });

  it('keeps the token on a redirect within the origin and drops it when the origin changes', async () => {
    const token = { authorization: 'Bearer xoxb-test' };
    expect(await read('/hop/1', { headers: token })).toMatchObject({ ok: true });
    expect(files.seen.map((s) => s.authorization)).toEqual(['Bearer xoxb-test', 'Bearer xoxb-test']);
    const result = await read('/to-other', { headers: token });
    expect(result).toMatchObject({ ok: true, text: 'HTTP/1.1 401 Unauthorized\n' });
    expect(files.seen.at(-1)).toEqual({ path: '/to-other', authorization: 'Bearer xoxb-test' });
    expect(other.seen).toEqual([{ path: '/trace.txt' }]);
  });
});
