import { connect } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { createMetrics } from '../../src/ops/metrics.js';
import { type OpsServer, type Readiness, startOpsServer } from '../../src/ops/server.js';

const servers: OpsServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(ready: () => Promise<Readiness> = async () => ({ ok: true, checks: { redis: true } })) {
  const logs: string[] = [];
  const metrics = createMetrics({ collectDefault: false });
  const server = await startOpsServer({
    port: 0,
    host: '127.0.0.1',
    metrics,
    ready,
    log: createLogger('debug', (line) => logs.push(line)),
    readyTimeoutMs: 100,
  });
  servers.push(server);
  return { server, metrics, logs, base: `http://127.0.0.1:${server.port}` };
}

/** Sends raw bytes and returns whatever the server answers before closing. */
function raw(port: number, bytes: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(bytes));
    let out = '';
    socket.on('data', (d) => {
      out += d.toString('latin1');
    });
    socket.on('close', () => resolve(out));
    socket.on('error', reject);
  });
}

describe('startOpsServer', () => {
  it('binds a free port for port 0 and serves /metrics', async () => {
    const { server, metrics, base } = await start();
    expect(server.port).toBeGreaterThan(0);
    metrics.eventAccepted('slack', true);
    const res = await fetch(`${base}/metrics`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe(metrics.contentType);
    expect(await res.text()).toContain('authdoctor_events_total{platform="slack",result="accepted"} 1');
  });

  it('/healthz answers ok while the process runs, ignoring a query string', async () => {
    const { base } = await start(async () => ({ ok: false, checks: { redis: false } }));
    for (const path of ['/healthz', '/healthz?probe=1']) {
      const res = await fetch(`${base}${path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      expect(await res.json()).toEqual({ status: 'ok' });
    }
  });

  it('/readyz is 200 with the checks when ready, 503 when not', async () => {
    let state: Readiness = { ok: true, checks: { redis: true, slack: 'connected' } };
    const { base } = await start(async () => state);
    let res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ready', checks: { redis: true, slack: 'connected' } });

    state = { ok: false, checks: { redis: 'redis://default:hunter2@redis:6379 refused', discord: false } };
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    const body = (await res.json()) as { status: string; checks: Record<string, unknown> };
    expect(body.status).toBe('not ready');
    expect(body.checks.discord).toBe(false);
    expect(JSON.stringify(body)).not.toContain('hunter2');
  });

  it('/readyz is 503 when the check throws or hangs, and the server keeps answering', async () => {
    let mode: 'throw' | 'hang' = 'throw';
    const { base, logs } = await start(() => {
      if (mode === 'throw') return Promise.reject(new Error('connect ECONNREFUSED'));
      return new Promise(() => {});
    });
    let res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'not ready', checks: {} });
    mode = 'hang';
    res = await fetch(`${base}/readyz`);
    expect(res.status).toBe(503);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    expect(logs.some((l) => l.includes('"reason":"timeout"'))).toBe(true);
  });

  it('supports HEAD with the same status and no body', async () => {
    const { base } = await start(async () => ({ ok: false, checks: {} }));
    for (const [path, status] of [
      ['/healthz', 200],
      ['/metrics', 200],
      ['/readyz', 503],
      ['/nope', 404],
    ] as const) {
      const res = await fetch(`${base}${path}`, { method: 'HEAD' });
      expect(res.status, path).toBe(status);
      expect(await res.text()).toBe('');
    }
  });

  it('answers 404 for other paths and 405 for other methods', async () => {
    const { base } = await start();
    expect((await fetch(`${base}/`)).status).toBe(404);
    expect((await fetch(`${base}/metrics/extra`)).status).toBe(404);
    const post = await fetch(`${base}/metrics`, { method: 'POST', body: 'x' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
  });

  it('survives malformed requests and a failing metrics source', async () => {
    const { server, base, metrics } = await start();
    expect(await raw(server.port, 'GARBAGE\r\n\r\n')).toMatch(/^HTTP\/1\.1 400/);
    expect(await raw(server.port, 'GET //%%%/\\\\ HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n')).toMatch(
      /^HTTP\/1\.1 (400|404)/,
    );
    expect(
      await raw(server.port, 'GET http://[::1 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n'),
    ).toMatch(/^HTTP\/1\.1 (400|404)/);
    metrics.registry.registerMetric({
      name: 'broken',
      get: () => Promise.reject(new Error('boom')),
    } as never);
    expect((await fetch(`${base}/metrics`)).status).toBe(500);
    expect((await fetch(`${base}/healthz`)).status).toBe(200);
  });

  it('close() returns while a client holds a keep-alive connection', async () => {
    const { server, base } = await start();
    await fetch(`${base}/metrics`, { headers: { connection: 'keep-alive' } });
    await server.close();
    servers.splice(servers.indexOf(server), 1);
    await expect(fetch(`${base}/healthz`)).rejects.toThrow();
  });

  it('rejects when the port is taken', async () => {
    const { server } = await start();
    await expect(
      startOpsServer({
        port: server.port,
        host: '127.0.0.1',
        metrics: createMetrics({ collectDefault: false }),
        ready: async () => ({ ok: true, checks: {} }),
        log: createLogger('silent'),
      }),
    ).rejects.toThrow(/EADDRINUSE/);
  });
});
