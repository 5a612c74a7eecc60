/**
 * The fake Slack Web API in a process of its own, for the scale tests: in the test process it shares an
 * event loop with the listeners and the load, and under that load its answers came late enough for the
 * workers' Web API client to time out and retry (see RemoteFakeSlack). Prints one JSON line with its
 * addresses, then serves the recorded calls on a control port: GET /calls?from=N (JSON, raw bodies left out);
 * POST /hold?method=M and /release?method=M hold a method's answers as FakeSlack.hold does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BOT_TOKEN, FakeSlack } from '../support/fake-slack.js';

const fake = await FakeSlack.start();
fake.botAuth = `Bearer ${BOT_TOKEN}`;

const releases = new Map<string, () => void>();

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
  if (url.pathname !== '/calls') return void res.writeHead(404).end();
  const from = Math.max(0, Number(url.searchParams.get('from') ?? 0) || 0);
  const calls = fake.calls
    .slice(from)
    .map((c) => ({ method: c.method, args: c.args, auth: c.auth, at: c.at }));
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(calls));
});
await new Promise<void>((resolve) => control.listen(0, '127.0.0.1', resolve));

process.stdout.write(
  `${JSON.stringify({ apiUrl: fake.apiUrl, control: `http://127.0.0.1:${(control.address() as AddressInfo).port}` })}\n`,
);

const stop = async () => {
  control.closeAllConnections();
  control.close();
  await fake.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
process.once('SIGINT', () => void stop());
