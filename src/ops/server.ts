/**
 * The operations listener (METRICS_PORT): `/metrics` for Prometheus, `/healthz` for liveness (the process
 * runs), `/readyz` for readiness (its dependencies answer). It is separate from the Slack listener (PORT) so a
 * worker that serves no platform still has probes, and so scrapes never share a port with public traffic.
 *
 * Nothing here throws at a caller: a bad request gets a status, a failing or hanging readiness check gets 503.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../log.js';
import type { Metrics } from './metrics.js';

export interface Readiness {
  ok: boolean;
  checks: Record<string, boolean | string>;
}

export interface OpsServerOptions {
  /** 0 picks a free port; the one bound is returned. */
  port: number;
  /** Interface to bind; default all interfaces (probes come from the kubelet, scrapes from Prometheus). */
  host?: string;
  metrics: Pick<Metrics, 'metricsText' | 'contentType'>;
  ready: () => Promise<Readiness>;
  log: Logger;
  /** A readiness check slower than this answers 503. Default 2000 ms. */
  readyTimeoutMs?: number;
}

export interface OpsServer {
  port: number;
  close(): Promise<void>;
}

const PATHS = new Set(['/metrics', '/healthz', '/readyz']);
const MAX_CHECK_CHARS = 200;

export async function startOpsServer(options: OpsServerOptions): Promise<OpsServer> {
  const { metrics, ready, log } = options;
  const readyTimeoutMs = options.readyTimeoutMs ?? 2000;

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      log.error({ source: 'ops', ...describe(error) }, 'ops request failed');
      if (!res.headersSent) send(req, res, 500, 'text/plain; charset=utf-8', 'internal error\n');
      else res.destroy();
    });
  });
  // Probes and scrapes are tiny; a client that dawdles is holding a socket for nothing.
  server.headersTimeout = 10_000;
  server.requestTimeout = 15_000;
  server.keepAliveTimeout = 5_000;
  server.on('clientError', (_error, socket) => {
    if (socket.writable)
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    else socket.destroy();
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = pathOf(req.url);
    if (!path || !PATHS.has(path)) return send(req, res, 404, 'text/plain; charset=utf-8', 'not found\n');
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD');
      return send(req, res, 405, 'text/plain; charset=utf-8', 'method not allowed\n');
    }
    if (path === '/healthz') return send(req, res, 200, JSON_TYPE, json({ status: 'ok' }));
    if (path === '/readyz') {
      const result = await readiness(ready, readyTimeoutMs);
      if (result.error) log.warn({ source: 'ops', reason: result.error }, 'readiness check did not answer');
      const body = { status: result.ok ? 'ready' : 'not ready', checks: result.checks };
      return send(req, res, result.ok ? 200 : 503, JSON_TYPE, json(body));
    }
    let text: string;
    try {
      text = await metrics.metricsText();
    } catch (error) {
      log.error({ source: 'ops', ...describe(error) }, 'collecting metrics failed');
      return send(req, res, 500, 'text/plain; charset=utf-8', 'metrics unavailable\n');
    }
    return send(req, res, 200, metrics.contentType, text);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    const done = () => {
      server.off('error', reject);
      resolve();
    };
    if (options.host) server.listen(options.port, options.host, done);
    else server.listen(options.port, done);
  });
  server.on('error', (error) => log.error({ source: 'ops', ...describe(error) }, 'ops server error'));

  return {
    port: (server.address() as AddressInfo).port,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Prometheus keeps its connection alive between scrapes; without this close waits for it.
        server.closeAllConnections();
      }),
  };
}

const JSON_TYPE = 'application/json; charset=utf-8';
const json = (value: unknown) => `${JSON.stringify(value)}\n`;

function pathOf(url: string | undefined): string | undefined {
  if (!url) return undefined;
  try {
    return new URL(url, 'http://ops.invalid').pathname;
  } catch {
    return undefined;
  }
}

function send(req: IncomingMessage, res: ServerResponse, status: number, type: string, body: string): void {
  res.statusCode = status;
  res.setHeader('Content-Type', type);
  res.setHeader('Cache-Control', 'no-store');
  res.setHeader('Content-Length', Buffer.byteLength(body));
  // HEAD: the same status and headers, no body.
  res.end(req.method === 'HEAD' ? undefined : body);
}

async function readiness(
  ready: () => Promise<Readiness>,
  timeoutMs: number,
): Promise<Readiness & { error?: string }> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const timeout = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), timeoutMs);
      timer.unref();
    });
    const result = await Promise.race([Promise.resolve().then(ready), timeout]);
    if (result === 'timeout') return { ok: false, checks: {}, error: 'timeout' };
    if (!result || typeof result !== 'object') return { ok: false, checks: {}, error: 'no result' };
    const checks = cleanChecks(result.checks);
    return { ok: result.ok === true, checks };
  } catch (error) {
    return { ok: false, checks: {}, error: describe(error).error };
  } finally {
    clearTimeout(timer);
  }
}

/** Error messages and check strings may quote a connection URL; its user:password never leaves. */
function scrub(text: string): string {
  return text.replace(/\/\/[^/@\s]*@/g, '//[redacted]@').slice(0, MAX_CHECK_CHARS);
}

function describe(error: unknown): { error: string } {
  if (error instanceof Error) return { error: scrub(`${error.name}: ${error.message}`) };
  return { error: typeof error };
}

/** Check values are shown to whoever can reach the port: short, and never a URL's user:password. */
function cleanChecks(checks: unknown): Record<string, boolean | string> {
  const out: Record<string, boolean | string> = {};
  if (!checks || typeof checks !== 'object') return out;
  for (const [name, value] of Object.entries(checks)) {
    if (typeof value === 'boolean') out[name] = value;
    else if (typeof value === 'string') out[name] = scrub(value);
  }
  return out;
}
