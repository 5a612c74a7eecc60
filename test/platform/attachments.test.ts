/** Files attached to a message: read as text up to the intake cap, refused with a reason otherwise. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readAttachment } from '../../src/platform/attachments.js';

let server: Server;
let base: string;
const seen: { path: string; authorization?: string }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({
      path: req.url ?? '',
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    });
    switch (req.url) {
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
      default:
        res.statusCode = 404;
        res.end('not found');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('readAttachment', () => {
  it('reads a text file, sending the headers it was given', async () => {
    const result = await readAttachment({
      url: `${base}/trace.txt`,
      name: 'trace.txt',
      headers: { authorization: 'Bearer xoxb-test' },
      maxBytes: 1024,
    });
    expect(result).toEqual({
      ok: true,
      name: 'trace.txt',
      text: expect.stringContaining('401 Unauthorized'),
      truncated: false,
    });
    expect(seen.at(-1)).toEqual({ path: '/trace.txt', authorization: 'Bearer xoxb-test' });
  });

  it('stops at the cap and says the file was cut', async () => {
    const result = await readAttachment({ url: `${base}/big.txt`, name: 'big.txt', maxBytes: 100_000 });
    expect(result.ok && result.text.length).toBe(100_000);
    expect(result.ok && result.truncated).toBe(true);
  });

  it.each([
    ['a binary file', '/shot.png', 'binary', /not a text file/],
    ['a missing file', '/gone.txt', 'http', /HTTP 404/],
    ['a download that stalls', '/slow.txt', 'timeout', /timed out/],
  ])('refuses %s with a reason the user can act on', async (_what, path, reason, message) => {
    const result = await readAttachment({ url: `${base}${path}`, name: 'f', maxBytes: 1024, timeoutMs: 300 });
    expect(result).toMatchObject({ ok: false, reason, message: expect.stringMatching(message) });
  });

  it('an unreachable host is a network failure, not a crash', async () => {
    const result = await readAttachment({ url: 'http://127.0.0.1:1/x.txt', name: 'x.txt', maxBytes: 1024 });
    expect(result).toMatchObject({ ok: false, reason: 'network' });
  });
});
