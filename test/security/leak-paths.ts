/**
 * What the leak tests share: the environment every path runs with, a webhook receiver on 127.0.0.1 that
 * keeps every request (headers and body), the debug-level log capture, the /metrics, /healthz and /readyz
 * scrape, and the Redis dump under a prefix. Each returns text to scan, labelled with the path it came from.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, it } from 'vitest';
import type { Server as BotServer } from '../../adapters/serve.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { RedisTestKeys } from '../support/redis.js';
import { type CorpusItem, leakCorpus } from './leak-corpus.js';
import { describeHits, formDecoded, type LeakHit, LeakScanner, readable } from './leak-scan.js';

export const WEBHOOK_SECRET = 'leak-test-webhook-signing-secret';

/** Limits that a corpus of many messages from a few users would hit; these tests are about leaks. */
export { NO_ABUSE_LIMITS as UNLIMITED } from '../support/limits.js';

/** A labelled piece of what left the bot or was stored by it. */
export interface Output {
  where: string;
  text: string;
}

let scanner: LeakScanner | undefined;

export function corpusScanner(): LeakScanner {
  scanner ??= new LeakScanner(leakCorpus());
  return scanner;
}

export function scanAll(outputs: readonly Output[]): LeakHit[] {
  const s = corpusScanner();
  return outputs.flatMap((o) => s.scan(o.where, o.text));
}

/** Fails naming path, item, format and form of every leak; never the secret. */
export function expectNoLeaks(outputs: readonly Output[]): void {
  expect(describeHits(scanAll(outputs))).toEqual([]);
}

/**
 * Whether `text` shows a fingerprint of one of the item's secrets (`…` and four characters of it, with or
 * without its public prefix before): proof that a reply was about this paste's credential. Read as a
 * person reads it (renderer escapes undone).
 */
export function namesAny(text: string, item: CorpusItem): boolean {
  const plain = `${readable(text)}\n${readable(formDecoded(text))}`;
  const tails = [...plain.matchAll(/…(\S{4}) \(\d+ chars\)/g)].map((m) => m[1] ?? '');
  return item.secrets.some(
    (s) =>
      tails.some((tail) => s.value.includes(tail)) ||
      (s.publicPrefix !== undefined && plain.includes(`${s.publicPrefix}…`)),
  );
}

// ---------------------------------------------------------------------------------------------------------
// Escalation webhook receiver

export interface ReceivedRequest {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

export interface WebhookReceiver {
  url: string;
  received: ReceivedRequest[];
  /**
   * How many `escalation.created` deliveries to refuse with 400 before accepting the rest: a refused delivery
   * is not retried and its job stays in the failed set, payload and all.
   */
  refuse: number;
  outputs(): Output[];
  close(): Promise<void>;
}

export async function startReceiver(): Promise<WebhookReceiver> {
  const received: ReceivedRequest[] = [];
  const receiver: WebhookReceiver = {
    url: '',
    received,
    refuse: 0,
    outputs: () =>
      received.map((r, i) => ({
        where: `webhook request ${i + 1} (${r.headers['x-authdoctor-event'] ?? 'no event header'})`,
        text: `${r.method} ${r.url}\n${JSON.stringify(r.headers)}\n${r.body}`,
      })),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      received.push({
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
      });
      const refused = receiver.refuse > 0 && req.headers['x-authdoctor-event'] === 'escalation.created';
      if (refused) receiver.refuse -= 1;
      res.writeHead(refused ? 400 : 204).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  receiver.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/hooks/authdoctor`;
  return receiver;
}

/** The configuration that points escalations at `receiver`, allowed through the outbound guard. */
export function webhookEnv(receiver: WebhookReceiver): Record<string, string> {
  return {
    AUTHDOCTOR_ESCALATION_WEBHOOK_URL: receiver.url,
    AUTHDOCTOR_ESCALATION_WEBHOOK_SECRET: WEBHOOK_SECRET,
    AUTHDOCTOR_OUTBOUND_ALLOW: '127.0.0.1',
  };
}

/** The escalations the receiver got (`escalation.created` deliveries), parsed. */
export function escalationsReceived(receiver: WebhookReceiver): { escalation: { attempts: unknown[] } }[] {
  return receiver.received
    .filter((r) => r.headers['x-authdoctor-event'] === 'escalation.created')
    .map((r) => JSON.parse(r.body) as { escalation: { attempts: unknown[] } });
}

// ---------------------------------------------------------------------------------------------------------
// Logs, metrics, Redis

export interface LogCapture {
  log: Logger;
  lines: string[];
  outputs(): Output[];
}

/** A debug-level logger (what LOG_LEVEL=debug builds) writing into memory instead of stderr. */
export function captureLogs(label: string): LogCapture {
  const lines: string[] = [];
  return {
    log: createLogger('debug', (line) => {
      lines.push(line);
    }),
    lines,
    outputs: () => [{ where: `${label} log`, text: lines.join('') }],
  };
}

/** GET /metrics, /healthz and /readyz of the bot's ops server. */
export async function scrapeOps(server: BotServer, label: string): Promise<Output[]> {
  const port = server.ops?.port;
  if (port === undefined) throw new Error('METRICS_PORT was not set: no ops server to scrape');
  const outputs: Output[] = [];
  for (const path of ['/metrics', '/healthz', '/readyz']) {
    const response = await fetch(`http://127.0.0.1:${port}${path}`);
    outputs.push({ where: `${label} ${path}`, text: `${response.status}\n${await response.text()}` });
  }
  return outputs;
}

/** How many jobs of a queue are in BullMQ's failed set under `prefix`. */
export async function failedJobsIn(
  redis: RedisTestKeys,
  prefix: string,
  queue: 'events' | 'webhooks',
): Promise<number> {
  return redis.admin.zcard(`${prefix}bull:${queue}:failed`);
}

/** Every key under `prefix` and its value, one output per key (so a hit names the key). */
export async function redisOutputs(redis: RedisTestKeys, prefix: string, label: string): Promise<Output[]> {
  // `everythingUnder` writes a key line, then its value as one line of JSON.
  const lines = (await redis.everythingUnder(prefix)).split('\n');
  const outputs: Output[] = [];
  for (let i = 0; i + 1 < lines.length; i += 2) {
    const key = lines[i] ?? '';
    outputs.push({ where: `${label} redis ${key.slice(prefix.length)}`, text: `${key}\n${lines[i + 1]}` });
  }
  return outputs;
}

/** What a platform run left behind, beside the platform's own calls: the same for Slack and Discord. */
export interface Backends {
  receiver: WebhookReceiver;
  logs: LogCapture;
  /** Every key and value under the run's Redis prefix. */
  stored: Output[];
  /** /metrics, /healthz, /readyz. */
  ops: Output[];
  failedJobs: number;
  delayedJobs: number;
}

/** The corpus really went through the back: escalated, queued, failed, delayed, logged at debug, measured. */
export function expectBackendsExercised(b: Backends, corpusSize: number, conversations: number): void {
  const packets = escalationsReceived(b.receiver);
  expect(packets.length).toBeGreaterThanOrEqual(conversations);
  expect(packets.reduce((n, p) => n + p.escalation.attempts.length, 0)).toBe(corpusSize);
  expect(b.failedJobs).toBeGreaterThan(0);
  expect(b.delayedJobs).toBeGreaterThan(0);
  expect(b.stored.some((o) => o.where.endsWith('bull:webhooks:failed'))).toBe(true);
  expect(b.stored.some((o) => o.where.endsWith('bull:events:delayed'))).toBe(true);
  // Debug lines, with what was found in each paste (fingerprints), were written and are scanned too.
  expect(b.logs.lines.filter((line) => line.includes('"msg":"message prepared"')).length).toBeGreaterThan(
    100,
  );
  expect(b.ops.find((o) => o.where.endsWith('/metrics'))?.text).toContain('authdoctor_events_total');
}

/** The scans every platform run shares; `backends` is read when the tests run (after the set-up). */
export function scanBackends(backends: () => Backends): void {
  it('none in the escalation webhook requests, headers and bodies', () => {
    expectNoLeaks(backends().receiver.outputs());
  });

  it('none in the debug-level log', () => {
    expectNoLeaks(backends().logs.outputs());
  });

  it('none in Redis: keys and values, sessions, queue payloads, failed and delayed jobs', () => {
    expect(backends().stored.length).toBeGreaterThan(0);
    expectNoLeaks(backends().stored);
  });

  it('none in /metrics, /healthz, /readyz', () => {
    expectNoLeaks(backends().ops);
  });
}
