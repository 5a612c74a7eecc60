/**
 * The fake Slack Web API in a process of its own, for the scale tests: in the test process it shares an
 * event loop with the listeners and the load, and under that load its answers came late enough for the
 * workers' Web API client to time out and retry (see RemoteFakeSlack). Prints one JSON line with its
 * addresses, then serves on a control port:
 *
 *   GET  /calls?from=N          the recorded calls (JSON, raw bodies left out)
 *   POST /hold?method=M         hold a method's answers as FakeSlack.hold does; /release?method=M lets go
 *   POST /fault                 starts a fault (JSON, faults.ts: a 5xx outage, a 429 storm, slow
 *                               answers); answers with its report
 *   POST /faults/clear          ends every fault in play
 *   GET  /faults                every fault's report (calls matched and hit)
 *
 * Faults are played by a front door before the FakeSlack: the API address handed out is the front door's,
 * which passes a call on (Slack acts on it and records it) unless a fault says otherwise. A call answered
 * 5xx or 429 without acting never reaches the FakeSlack, so it is not among the recorded calls: Slack never
 * saw it.
 */
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BOT_TOKEN, FakeSlack } from '../support/fake-slack.js';
import { FaultBook, type FaultDecision } from './faults.js';

const fake = await FakeSlack.start();
fake.botAuth = `Bearer ${BOT_TOKEN}`;
const inner = new URL(fake.apiUrl);

const releases = new Map<string, () => void>();
const faults = new FaultBook();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function bodyOf(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

interface Upstream {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

/** The FakeSlack's own answer to the same request. */
function passOn(req: IncomingMessage, body: Buffer): Promise<Upstream> {
  return new Promise((resolve, reject) => {
    const upstream = request(
      {
        host: inner.hostname,
        port: inner.port,
        method: req.method,
        path: req.url,
        headers: { ...req.headers, host: inner.host, 'content-length': String(body.byteLength) },
      },
      (response) => {
        void bodyOf(response).then(
          (answer) =>
            resolve({ status: response.statusCode ?? 502, headers: response.headers, body: answer }),
          reject,
        );
      },
    );
    upstream.once('error', reject);
    upstream.end(body);
  });
}

function send(res: ServerResponse, answer: Upstream): void {
  // The client may have given up on a late answer: nothing to write to then.
  if (res.destroyed) return;
  const { 'content-length': _, 'transfer-encoding': __, connection: ___, ...headers } = answer.headers;
  res.writeHead(answer.status, headers).end(answer.body);
}

function faultAnswer(decision: FaultDecision): Upstream {
  if (decision.status === 429)
    return {
      status: 429,
      headers: { 'retry-after': String(decision.retryAfter ?? 1), 'content-type': 'application/json' },
      body: Buffer.from(JSON.stringify({ ok: false, error: 'ratelimited' })),
    };
  // What Slack's edge sends on an outage: a page, not the Web API's JSON.
  return {
    status: decision.status ?? 500,
    headers: { 'content-type': 'text/html' },
    body: Buffer.from(`<html><body>${decision.status} (fault ${decision.fault})</body></html>`),
  };
}

const front = createServer((req, res) => {
  void (async () => {
    const body = await bodyOf(req);
    const path = new URL(req.url ?? '/', 'http://front').pathname;
    const decision = path.startsWith('/api/')
      ? faults.pick(path.slice('/api/'.length), Date.now())
      : undefined;
    if (!decision) return send(res, await passOn(req, body));
    // Acted: Slack did it at once, and its answer (or the fault's) comes late. Not acted: late, if at all.
    const acted = decision.acted ? await passOn(req, body) : undefined;
    if (decision.delayMs > 0) await sleep(decision.delayMs);
    if (decision.status !== undefined) return send(res, faultAnswer(decision));
    send(res, acted ?? (await passOn(req, body)));
  })().catch(() => {
    if (!res.headersSent && !res.destroyed) res.writeHead(502).end();
  });
});
await new Promise<void>((resolve) => front.listen(0, '127.0.0.1', resolve));

function json(res: ServerResponse, status: number, value: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(value));
}

const control = createServer((req, res) => {
  const url = new URL(req.url ?? '/', 'http://control');
  const method = url.searchParams.get('method') ?? '';
  if (url.pathname === '/hold' && method && !releases.has(method)) {
    releases.set(method, fake.hold(method));
    return void res.writeHead(204).end();
  }
  if (url.pathname === '/release' && method) {
    releases.get(method)?.();
    releases.delete(method);
    return void res.writeHead(204).end();
  }
  if (url.pathname === '/fault' && req.method === 'POST') {
    void bodyOf(req).then((body) => {
      try {
        json(res, 200, faults.add(JSON.parse(body.toString('utf8')), Date.now()));
      } catch (error) {
        json(res, 400, { error: (error as Error).message });
      }
    });
    return;
  }
  if (url.pathname === '/faults/clear' && req.method === 'POST') {
    faults.clear(Date.now());
    return void res.writeHead(204).end();
  }
  if (url.pathname === '/faults') return json(res, 200, faults.report(Date.now()));
  if (url.pathname !== '/calls') return void res.writeHead(404).end();
  const from = Math.max(0, Number(url.searchParams.get('from') ?? 0) || 0);
  const calls = fake.calls
    .slice(from)
    .map((c) => ({ method: c.method, args: c.args, auth: c.auth, at: c.at }));
  json(res, 200, calls);
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

const origin = (server: typeof front) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
process.stdout.write(`${JSON.stringify({ apiUrl: `${origin(front)}/api/`, control: origin(control) })}\n`);

const stop = async () => {
  for (const server of [control, front]) {
    server.closeAllConnections();
    server.close();
  }
  await fake.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
