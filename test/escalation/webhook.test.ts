/**
 * The escalation webhook against a real HTTP receiver on 127.0.0.1 (listed in AUTHDOCTOR_OUTBOUND_ALLOW,
 * as an internal receiver would be): retried until it succeeds, with the same delivery id and a valid
 * signature every time; refused deliveries, redirects and an address the outbound policy refuses end in
 * the failed set instead of being retried forever; nothing secret in the body, the logs or the failed
 * list. The escalations come from the real engine (createRuntime) over a paste that holds a fake GitHub
 * token.
 */
import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Outbound } from '../../src/conversation/engine.js';
import type { ConversationRef } from '../../src/conversation/events.js';
import { createRuntime, type Runtime } from '../../src/conversation/runtime.js';
import { signWebhook, verifyWebhook } from '../../src/escalation/sign.js';
import {
  createWebhookSender,
  deliveryIdOf,
  retryAfterOf,
  type WebhookEvent,
  type WebhookEventInput,
  WebhookEventSchema,
  type WebhookJob,
} from '../../src/escalation/webhook.js';
import { createLogger } from '../../src/log.js';
import { outboundPolicy } from '../../src/net/outbound.js';
import { createMemoryQueue } from '../../src/queue/memory.js';
import type { JobQueue } from '../../src/queue/types.js';
import { githubToken, PASTES } from '../support/conversation.js';
import { waitFor } from '../support/wait.js';

const SECRET = 'webhook-secret-for-tests-0123456789';
/** The receivers listen on 127.0.0.1, which the operator has to allow. */
const ALLOW = '127.0.0.1';
const policy = outboundPolicy({ allow: [ALLOW] });
/** Receivers' URLs often carry a token of their own: it must not reach logs either. */
const PATH = '/hooks/url-token-a1b2c3d4e5';

interface Received {
  path: string;
  headers: IncomingMessage['headers'];
  body: string;
  /** ms since the epoch, for the Retry-After lower bound only. */
  at: number;
}

type Answer = (res: ServerResponse) => void;
const status =
  (code: number, headers: Record<string, string> = {}): Answer =>
  (res) => {
    res.writeHead(code, headers);
    res.end(code >= 400 ? 'nope' : 'ok');
  };
/** Never answers: the sender's timeout must give up on it. */
const hang: Answer = () => {};

class Receiver {
  readonly received: Received[] = [];
  /** Answers in order; the last one repeats. */
  script: Answer[] = [status(200)];
  #server: Server | undefined;
  #hanging: ServerResponse[] = [];
  url = '';

  async start(): Promise<this> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({
          path: req.url ?? '',
          headers: req.headers,
          body: Buffer.concat(chunks).toString('utf8'),
          at: Date.now(),
        });
        const answer = this.script[Math.min(this.posts().length - 1, this.script.length - 1)] ?? status(200);
        if (req.url !== PATH) return status(404)(res);
        if (answer === hang) this.#hanging.push(res);
        answer(res);
      });
    });
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}${PATH}`;
    return this;
  }

  posts(): Received[] {
    return this.received.filter((r) => r.path === PATH);
  }

  async close(): Promise<void> {
    for (const res of this.#hanging) res.destroy();
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => this.#server?.close(() => resolve()) ?? resolve());
  }
}

const cleanup: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const fn of cleanup.splice(0).reverse()) await fn();
});

async function receiver(...script: Answer[]): Promise<Receiver> {
  const r = await new Receiver().start();
  if (script.length > 0) r.script = script;
  cleanup.push(() => r.close());
  return r;
}

/** The first job of `queue` that ended in its failed set, once there is one. */
async function firstFailed(queue: JobQueue<WebhookJob>, what: string) {
  const [failed] = await waitFor(async () => {
    const list = await queue.failed();
    return list.length > 0 && list;
  }, what);
  return failed;
}

function logs() {
  const lines: string[] = [];
  return { lines, log: createLogger('info', (line) => void lines.push(line)) };
}

/** The header, checked independently of our own verifyWebhook. */
function independentlyValid(r: Received): boolean {
  const timestamp = String(r.headers['x-authdoctor-timestamp']);
  const expected = createHmac('sha256', SECRET).update(`${timestamp}.${r.body}`).digest('hex');
  return r.headers['x-authdoctor-signature'] === `sha256=${expected}`;
}

const verified = (r: Received) =>
  verifyWebhook(SECRET, {
    signature: r.headers['x-authdoctor-signature'] as string,
    timestamp: r.headers['x-authdoctor-timestamp'] as string,
    body: r.body,
  });

const THREAD: ConversationRef = {
  platform: 'slack',
  workspace: 'T1',
  channel: 'C1',
  thread: '1700000000.0001',
};

/** A real runtime with the webhook configured; escalations' claim tokens and renotify handles recorded. */
function runtime(url: string, options: { renotifyMs?: number; allow?: string } = {}) {
  const { lines, log } = logs();
  const queue = createMemoryQueue<WebhookJob>({ attempts: 12, backoffMs: 5 });
  const sent: Outbound[] = [];
  const escalated: { claim: string; renotify?: number }[] = [];
  const rt: Runtime = createRuntime(
    loadConfig({
      AUTHDOCTOR_ESCALATION_WEBHOOK_URL: url,
      AUTHDOCTOR_ESCALATION_WEBHOOK_SECRET: SECRET,
      AUTHDOCTOR_PASTE_WINDOW_MS: '0',
      AUTHDOCTOR_OUTBOUND_ALLOW: options.allow ?? ALLOW,
    }),
    {
      deliver: async (out) => void sent.push(out),
      escalate: async (_packet, _conversation, handle) =>
        void escalated.push({
          claim: handle.claim,
          ...(handle.renotify ? { renotify: handle.renotify } : {}),
        }),
    },
    {
      log,
      webhook: { queue },
      settings: { renotifyMs: options.renotifyMs ?? 0 },
    },
  );
  cleanup.push(() => rt.close());
  return { rt, queue, sent, escalated, lines };
}

async function escalate(rt: Runtime, token: string): Promise<void> {
  const base = { conversation: THREAD, user: 'U1' };
  await rt.engine.accept({
    kind: 'message',
    id: 'E1',
    ...base,
    text: PASTES.githubRejected(token),
    shared: true,
  });
  await rt.engine.accept({ kind: 'message', id: 'E2', ...base, text: 'human' });
  await rt.engine.drain();
}

describe('escalation webhook', () => {
  it('is retried until it succeeds (503, then 429 with Retry-After), with the same delivery id and a valid signature each time', async () => {
    const r = await receiver(status(503), status(429, { 'Retry-After': '1' }), status(200));
    const { rt, queue, lines } = runtime(r.url);
    const token = githubToken();
    await escalate(rt, token);

    const posts = await waitFor(() => r.posts().length >= 3 && r.posts(), 'three deliveries');
    await queue.drain();
    expect(posts).toHaveLength(3);
    expect(await queue.failed()).toEqual([]);

    const ids = new Set(posts.map((p) => p.headers['x-authdoctor-delivery']));
    expect(ids.size).toBe(1);
    for (const p of posts) {
      expect(verified(p)).toBe(true);
      expect(independentlyValid(p)).toBe(true);
      expect(p.headers['content-type']).toBe('application/json');
      expect(p.headers['x-authdoctor-event']).toBe('escalation.created');
      expect(p.body).toBe(posts[0]!.body);
    }
    // The queue waited at least the receiver's Retry-After before the third try.
    expect(posts[2]!.at - posts[1]!.at).toBeGreaterThanOrEqual(900);

    const event: WebhookEvent = WebhookEventSchema.parse(JSON.parse(posts[0]!.body));
    expect(event).toMatchObject({
      type: 'escalation.created',
      id: [...ids][0],
      conversation: { platform: 'slack', channel: 'C1', thread: '1700000000.0001' },
      escalation: { reason: 'requested', user: 'U1' },
    });
    expect(event.escalation.attempts[0]?.text).toContain('Authorization: Bearer');
    // Redacted: the token appears nowhere, not even in part beyond its fingerprint's last four.
    for (const p of posts) {
      expect(p.body).not.toContain(token);
      expect(p.body).not.toContain(token.slice(4, 24));
    }
    const logged = lines.join('\n');
    expect(logged).not.toContain(SECRET);
    expect(logged).not.toContain(PATH);
    expect(logged).not.toContain(token);
    expect(logged).toContain('will retry');
  });

  it('claims, releases and reminders go out too, in order, each under its own delivery id', async () => {
    const r = await receiver(status(200));
    const { rt, escalated } = runtime(r.url, { renotifyMs: 60 });
    await escalate(rt, githubToken());
    const reminded = await waitFor(
      () => r.posts().find((p) => p.headers['x-authdoctor-event'] === 'escalation.renotified'),
      'a reminder',
    );
    expect(JSON.parse(reminded.body)).toMatchObject({ renotify: { count: 1 } });
    expect(escalated.find((e) => e.renotify === 1)).toBeDefined();
    const claim = escalated[0]!.claim;
    const who = { claim, user: 'U_AGENT', name: 'Dana' };
    expect(await rt.engine.accept({ kind: 'claim', id: 'C1', ...who })).toMatchObject({ accepted: true });
    await rt.engine.drain();
    // Only the claimer may hand it back.
    expect(await rt.engine.accept({ kind: 'release', id: 'R0', ...who, user: 'U_KIM', name: 'Kim' })).toEqual(
      { accepted: false, found: true, claimedBy: 'Dana', claimedById: 'U_AGENT' },
    );
    expect(await rt.engine.accept({ kind: 'release', id: 'R1', ...who })).toEqual({
      accepted: true,
      found: true,
      claimedBy: 'Dana',
      claimedById: 'U_AGENT',
    });
    await rt.engine.drain();
    await waitFor(
      () => r.posts().some((p) => p.headers['x-authdoctor-event'] === 'escalation.released'),
      'the release',
    );
    const events = r.posts().map((p) => WebhookEventSchema.parse(JSON.parse(p.body)));
    const kinds = events.map((e) => e.type).filter((t) => t !== 'escalation.renotified');
    expect(kinds).toEqual(['escalation.created', 'escalation.claimed', 'escalation.released']);
    expect(events.find((e) => e.type === 'escalation.claimed')?.claimedBy).toMatchObject({
      user: 'U_AGENT',
      name: 'Dana',
    });
    expect(events.find((e) => e.type === 'escalation.released')?.releasedBy).toMatchObject({
      user: 'U_AGENT',
      name: 'Dana',
    });
    expect(new Set(events.map((e) => e.id)).size).toBe(events.length);
    for (const p of r.posts()) expect(verified(p)).toBe(true);
  });

  it('a 400 is not retried: one POST, then the job waits in the failed set; a manual retry sends it again', async () => {
    const r = await receiver(status(400));
    const { lines, log } = logs();
    const queue = createMemoryQueue<WebhookJob>({ attempts: 6, backoffMs: 1 });
    const sender = createWebhookSender({ url: r.url, secret: SECRET, queue, log, policy });
    sender.start();
    cleanup.push(() => sender.close());
    const { id } = await sender.send(sampleEvent());
    const failed = await firstFailed(queue, 'the failed job');
    // Marked unrecoverable, so the queue fails it at once instead of spending its other five attempts.
    expect(failed).toMatchObject({ id, attemptsMade: 1 });
    expect(failed?.failedReason).toContain('HTTP 400');
    expect(r.posts()).toHaveLength(1);
    expect(`${failed?.failedReason}${lines.join('\n')}`).not.toMatch(new RegExp(`${SECRET}|${PATH}`));
    expect(lines.join('\n')).toContain('not retried');

    r.script = [status(200)];
    expect(await queue.retry(id)).toBe(true);
    await waitFor(() => r.posts().length === 2, 'the manual retry');
    await queue.drain();
    expect(await queue.failed()).toEqual([]);
    expect(r.posts()[1]!.headers['x-authdoctor-delivery']).toBe(id);
    expect(verified(r.posts()[1]!)).toBe(true);
  });

  it('a redirect is not followed: the job fails and the other address never sees the body', async () => {
    const r = await receiver(status(302, { Location: '/elsewhere' }));
    const { lines, log } = logs();
    const queue = createMemoryQueue<WebhookJob>({ attempts: 3, backoffMs: 1 });
    const sender = createWebhookSender({ url: r.url, secret: SECRET, queue, log, policy });
    sender.start();
    cleanup.push(() => sender.close());
    await sender.send(sampleEvent());
    const failed = await firstFailed(queue, 'the failed job');
    expect(failed?.failedReason).toContain('redirect');
    expect(r.received.map((x) => x.path)).toEqual([PATH]);
    expect(lines.join('\n')).toContain('not followed');
  });

  it('a receiver that never answers is timed out and retried', async () => {
    const r = await receiver(hang, status(200));
    const { log } = logs();
    const queue = createMemoryQueue<WebhookJob>({ attempts: 4, backoffMs: 1 });
    const sender = createWebhookSender({ url: r.url, secret: SECRET, queue, log, policy, timeoutMs: 200 });
    sender.start();
    cleanup.push(() => sender.close());
    await sender.send(sampleEvent());
    await waitFor(() => r.posts().length === 2, 'the retry after the timeout');
    await queue.drain();
    expect(await queue.failed()).toEqual([]);
  });

  it('a receiver on a private address is refused unless AUTHDOCTOR_OUTBOUND_ALLOW lists it: not retried, the log says what to set', async () => {
    const r = await receiver(status(200));
    const { rt, queue, lines } = runtime(r.url, { allow: '' });
    await escalate(rt, githubToken());
    const failed = await firstFailed(queue, 'the refused delivery');
    expect(failed).toMatchObject({ attemptsMade: 1 });
    expect(failed?.failedReason).toContain('127.0.0.1 is a loopback address');
    expect(r.received).toEqual([]);
    const logged = lines.join('\n');
    expect(logged).toContain('refused by the outbound address policy');
    expect(logged).toContain('AUTHDOCTOR_OUTBOUND_ALLOW');
    expect(logged).not.toContain(PATH);
    expect(logged).not.toContain(SECRET);

    // Listed by range instead of address: delivered.
    const allowed = runtime(r.url, { allow: '127.0.0.0/8' });
    await escalate(allowed.rt, githubToken());
    await waitFor(() => r.posts().length === 1, 'the delivery once allowed');
  });

  it('a host name that resolves to loopback is refused at connect time, like the literal address', async () => {
    const r = await receiver(status(200));
    const { lines, log } = logs();
    const queue = createMemoryQueue<WebhookJob>({ attempts: 3, backoffMs: 1 });
    const url = r.url.replace('127.0.0.1', 'localhost');
    const sender = createWebhookSender({
      url,
      secret: SECRET,
      queue,
      log,
      policy: outboundPolicy({ allow: [] }),
    });
    sender.start();
    cleanup.push(() => sender.close());
    await sender.send(sampleEvent());
    const failed = await firstFailed(queue, 'the refused delivery');
    expect(failed?.failedReason).toMatch(/localhost resolves to .*loopback/);
    expect(r.received).toEqual([]);
    expect(lines.join('\n')).toContain('AUTHDOCTOR_OUTBOUND_ALLOW');
  });

  it('the same event queues once (an effect run twice); different events get different ids', async () => {
    const queue = createMemoryQueue<WebhookJob>();
    const sender = createWebhookSender({
      url: 'http://127.0.0.1:9/x',
      secret: SECRET,
      queue,
      log: logs().log,
    });
    cleanup.push(() => sender.close());
    const event = sampleEvent();
    expect(await sender.send(event)).toMatchObject({ accepted: true });
    expect(await sender.send(event)).toMatchObject({ accepted: false });
    const claimed: WebhookEventInput = {
      ...event,
      type: 'escalation.claimed',
      at: event.at + 1,
      claimedBy: { user: 'U:odd id', name: 'Dana', at: event.at + 1 },
    };
    const id = deliveryIdOf(claimed);
    expect(id).not.toBe(deliveryIdOf(event));
    expect(id).toMatch(/^[\w.-]+$/);
  });
});

describe('signatures', () => {
  const body = '{"type":"escalation.created"}';
  const now = Date.parse('2026-01-15T12:00:00Z');
  const ts = String(now / 1000);
  const signature = signWebhook(SECRET, ts, body);

  it('verify what was signed, within the tolerance window', () => {
    expect(signature).toMatch(/^sha256=[0-9a-f]{64}$/);
    expect(verifyWebhook(SECRET, { signature, timestamp: ts, body }, { now })).toBe(true);
    expect(verifyWebhook(SECRET, { signature, timestamp: ts, body }, { now: now + 299_000 })).toBe(true);
    expect(
      verifyWebhook(
        SECRET,
        { signature: signature.toUpperCase().replace('SHA256', 'sha256'), timestamp: ts, body },
        { now },
      ),
    ).toBe(true);
  });

  const refused: [string, Parameters<typeof verifyWebhook>[1], string?, number?][] = [
    ['a changed body', { signature, timestamp: ts, body: `${body} ` }],
    ['another timestamp', { signature, timestamp: String(now / 1000 + 1), body }],
    ['another secret', { signature, timestamp: ts, body }, 'another-secret-0123456789'],
    ['an old timestamp', { signature, timestamp: ts, body }, undefined, now + 301_000],
    ['no signature', { signature: undefined, timestamp: ts, body }],
    ['no timestamp', { signature, timestamp: null, body }],
    ['a malformed signature', { signature: 'sha256=zz', timestamp: ts, body }],
    ['a short signature', { signature: signature.slice(0, -2), timestamp: ts, body }],
    ['a non-numeric timestamp', { signature, timestamp: '12e8', body }],
  ];
  it.each(refused)('refuse %s', (_, input, secret = SECRET, at = now) => {
    expect(verifyWebhook(secret, input, { now: at })).toBe(false);
  });

  it('read Retry-After as seconds or a date, capped, and ignore nonsense', () => {
    expect(retryAfterOf('1', now)).toBe(1000);
    expect(retryAfterOf(new Date(now + 5000).toUTCString(), now)).toBe(5000);
    expect(retryAfterOf('999999', now)).toBe(3_600_000);
    expect(retryAfterOf('soon', now)).toBeUndefined();
    expect(retryAfterOf(null, now)).toBeUndefined();
  });
});

function sampleEvent(): WebhookEventInput {
  const at = Date.parse('2026-01-15T12:00:00Z');
  return {
    type: 'escalation.created',
    at,
    escalation: {
      id: 'esc-abc1234-3',
      session: 'abc1234',
      user: 'U1',
      reason: 'requested',
      at,
      provider: null,
      headline: 'No certain cause found',
      findings: [],
      attempts: [],
      steps: [],
      timings: { startedAt: at - 60_000, escalatedAt: at, durationMs: 60_000 },
    },
    conversation: { platform: 'slack', channel: 'C1' },
  };
}
