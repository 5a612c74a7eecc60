/**
 * The scale tests' set-up: real Redis, real processes, the fake Slack Web API.
 *
 * Shape (the scaled-out deployment): listeners in the test process (`startServer`, Slack HTTP mode) that
 * only accept — their queue's `process()` does nothing — and `authdoctor worker` child processes that do all
 * the work and post every reply. So each reply the fake records was sent by a child, and each child posts
 * with a bot token of its own (the fake accepts any), which tells from the recorded calls who answered what.
 * A second listener takes part of Slack's re-deliveries, as a second `serve` behind a load balancer would:
 * those get past the listener's in-process memory and must be dropped by the queue's dedupe keys in Redis.
 *
 * Every message is a small paste with its own credential whose fingerprint (`…0042 (40 chars)`) the
 * diagnosis echoes: the number is the message's index in the plan, so every reply maps back to its event.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import { afterAll, beforeAll } from 'vitest';
import { type Server, type ServerOptions, startServer } from '../../adapters/serve.js';
import { loadConfig } from '../../src/config.js';
import type { EventJob } from '../../src/conversation/events.js';
import { createLogger } from '../../src/log.js';
import { createJobQueue } from '../../src/queue/index.js';
import type { EnqueueResult, Job, JobHandler, JobInfo, JobQueue } from '../../src/queue/types.js';
import {
  BOT_TOKEN,
  BOT_USER,
  eventEnvelope,
  freePort,
  nextTs,
  postSigned,
  SIGNING_SECRET,
} from '../support/fake-slack.js';
import { waitFor } from '../support/wait.js';

export const REDIS_URL = 'redis://127.0.0.1:6379';
const ROOT = path.resolve(import.meta.dirname, '..', '..');
const MAIN = path.join(ROOT, 'adapters', 'cli', 'main.ts');

/** A key prefix of this run's own, as the preamble asks: `authdoctor-test:<pid>:<random>:`. */
export const runPrefix = () => `authdoctor-test:${process.pid}:${randomBytes(4).toString('hex')}:`;

/** Removes every key under `prefix`. */
export async function deleteKeys(url: string, prefix: string): Promise<void> {
  const admin = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  admin.on('error', () => {});
  try {
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      if (keys.length > 0) await admin.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    admin.disconnect();
  }
}

/** Keys under `prefix` matching `pattern` (a glob after the prefix). */
export async function keysUnder(url: string, prefix: string, pattern = '*'): Promise<string[]> {
  const admin = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    const found: string[] = [];
    let cursor = '0';
    do {
      const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}${pattern}`, 'COUNT', 1000);
      found.push(...keys);
      cursor = next;
    } while (cursor !== '0');
    return found;
  } finally {
    admin.disconnect();
  }
}

// ---------------------------------------------------------------------------------------------------------
// The listeners' queue: records what each enqueue came to, and works only when asked to.

export type EnqueueOutcome = 'accepted' | 'duplicate' | 'failed';

/** Outcomes of every enqueue the listeners made, by job id, shared by all listeners of a test. */
export class EnqueueLog {
  readonly outcomes = new Map<string, EnqueueOutcome>();
  /** Enqueue calls per job id (the first and every re-delivery that reached a queue). */
  readonly calls = new Map<string, number>();
  /** Accepted job ids in the order their enqueue resolved. */
  readonly acceptedOrder: string[] = [];
  /** Every enqueue that failed (Redis away), by job id: a re-delivery of an accepted event may fail too. */
  readonly failures: string[] = [];

  record(id: string, outcome: EnqueueOutcome): void {
    this.calls.set(id, (this.calls.get(id) ?? 0) + 1);
    if (outcome === 'failed') this.failures.push(id);
    const before = this.outcomes.get(id);
    if (outcome === 'accepted') {
      this.acceptedOrder.push(id);
      this.outcomes.set(id, 'accepted');
    } else if (before === undefined || before === 'failed') this.outcomes.set(id, outcome);
  }

  accepted(): string[] {
    return [...this.outcomes].filter(([, o]) => o === 'accepted').map(([id]) => id);
  }
}

export class WatchedQueue implements JobQueue<EventJob> {
  constructor(
    readonly inner: JobQueue<EventJob>,
    readonly log: EnqueueLog,
    /** False: `process()` is a no-op (a listener that only accepts). */
    readonly works: boolean,
  ) {}

  async enqueue(job: Job<EventJob>): Promise<EnqueueResult> {
    try {
      const result = await this.inner.enqueue(job);
      this.log.record(job.id, result.accepted ? 'accepted' : 'duplicate');
      return result;
    } catch (error) {
      this.log.record(job.id, 'failed');
      throw error;
    }
  }
  cancel(id: string): Promise<boolean> {
    return this.inner.cancel(id);
  }
  process(handler: JobHandler<EventJob>): void {
    if (this.works) this.inner.process(handler);
  }
  failed(): Promise<JobInfo<EventJob>[]> {
    return this.inner.failed();
  }
  retry(id: string): Promise<boolean> {
    return this.inner.retry(id);
  }
  drain(): Promise<void> {
    return this.inner.drain();
  }
  close(): Promise<void> {
    return this.inner.close();
  }
  counts(): Promise<Record<string, number>> {
    return this.inner.counts();
  }
}

// ---------------------------------------------------------------------------------------------------------
// Worker child processes

export interface WorkerChild {
  name: string;
  /** The bot token it posts with: `Bearer <token>` on every call it makes. */
  token: string;
  child: ChildProcess;
  /** Its stderr (JSON log lines and the CLI's own lines). */
  output: () => string;
  exited: Promise<number | null>;
}

const children = new Set<ChildProcess>();

export async function spawnWorker(name: string, env: Record<string, string>): Promise<WorkerChild> {
  const token = `${BOT_TOKEN}-${name}`;
  const child = spawn(process.execPath, ['--import', 'tsx', MAIN, 'worker'], {
    cwd: ROOT,
    env: { PATH: process.env.PATH ?? '', ...env, SLACK_BOT_TOKEN: token },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  children.add(child);
  let output = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString('utf8');
  });
  const exited = new Promise<number | null>((resolve) => {
    child.once('exit', (code) => {
      children.delete(child);
      resolve(code);
    });
  });
  const worker: WorkerChild = { name, token, child, output: () => output, exited };
  await waitFor(
    () => output.includes('authdoctor: worker running') || child.exitCode !== null,
    `worker ${name} to start`,
    30_000,
  );
  if (child.exitCode !== null) throw new Error(`worker ${name} exited at start:\n${output}`);
  return worker;
}

/** SIGKILLs every child still running (afterAll, even after a failure). */
export async function killChildren(): Promise<void> {
  const exits = [...children].map(
    (child) =>
      new Promise<void>((resolve) =>
        child.exitCode !== null ? resolve() : child.once('exit', () => resolve()),
      ),
  );
  for (const child of children) child.kill('SIGKILL');
  await Promise.all(exits);
}

/** A Web API call the fake recorded (its raw body left out). */
export interface RecordedCall {
  method: string;
  args: Record<string, unknown>;
  auth: string | undefined;
  at?: number;
}

/** The fake Slack running in fake-slack-process.ts; `sync()` brings its recorded calls over. */
export class RemoteFakeSlack {
  readonly calls: RecordedCall[] = [];

  private constructor(
    readonly apiUrl: string,
    private readonly control: string,
    private readonly child: ChildProcess,
  ) {}

  static async start(): Promise<RemoteFakeSlack> {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', path.join(ROOT, 'test', 'scale', 'fake-slack-process.ts')],
      {
        cwd: ROOT,
        env: { PATH: process.env.PATH ?? '' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    children.add(child);
    child.once('exit', () => children.delete(child));
    let out = '';
    let err = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString('utf8');
    });
    child.stderr?.on('data', (chunk: Buffer) => {
      err += chunk.toString('utf8');
    });
    const line = await waitFor(
      () => (child.exitCode !== null ? `exit ${child.exitCode}` : out.includes('\n') && out.split('\n')[0]),
      'the fake Slack process',
      30_000,
    );
    if (child.exitCode !== null) throw new Error(`the fake Slack process exited:\n${err}`);
    const { apiUrl, control } = JSON.parse(line) as { apiUrl: string; control: string };
    return new RemoteFakeSlack(apiUrl, control, child);
  }

  /** Fetches the calls recorded since the last sync; returns all of them. */
  async sync(): Promise<RecordedCall[]> {
    const response = await fetch(`${this.control}/calls?from=${this.calls.length}`);
    this.calls.push(...((await response.json()) as RecordedCall[]));
    return this.calls;
  }

  /** Calls of `method` get their answer only once the returned function is called (FakeSlack.hold). */
  async hold(method: string): Promise<() => Promise<void>> {
    await fetch(`${this.control}/hold?method=${encodeURIComponent(method)}`, { method: 'POST' });
    return async () => {
      await fetch(`${this.control}/release?method=${encodeURIComponent(method)}`, { method: 'POST' });
    };
  }

  of(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  /** Waits (syncing every 200 ms) until `check` holds. */
  async until(check: (fake: RemoteFakeSlack) => boolean, what: string, timeoutMs: number): Promise<void> {
    await waitFor(
      async () => {
        await new Promise((resolve) => setTimeout(resolve, 200));
        await this.sync();
        return check(this);
      },
      what,
      timeoutMs,
    );
  }

  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.kill('SIGTERM');
    await exited;
  }
}

/** Event ids a process logged as "event handled" (the reducer ran there). */
export function handledIn(output: string): string[] {
  const ids: string[] = [];
  for (const line of output.split('\n')) {
    if (!line.includes('"event handled"')) continue;
    try {
      const parsed = JSON.parse(line) as { event?: unknown };
      if (typeof parsed.event === 'string') ids.push(parsed.event);
    } catch {
      // A line cut by the kill: not a whole record.
    }
  }
  return ids;
}

// ---------------------------------------------------------------------------------------------------------
// Listeners

export interface Listener {
  server: Server;
  base: string;
  logs: string[];
}

/** The env every process of a test shares (the workers get their own bot token on top). */
export function sharedEnv(
  fake: { apiUrl: string },
  redisUrl: string,
  prefix: string,
  extra: Record<string, string> = {},
) {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    REDIS_URL: redisUrl,
    AUTHDOCTOR_REDIS_PREFIX: prefix,
    AUTHDOCTOR_PASTE_WINDOW_MS: '0',
    LOG_LEVEL: 'info',
    ...extra,
  };
}

export async function startListener(
  env: Record<string, string>,
  enqueues: EnqueueLog,
  options: { works?: boolean; server?: Omit<ServerOptions, 'queue' | 'log'> } = {},
): Promise<Listener> {
  const port = await freePort();
  const logs: string[] = [];
  const config = loadConfig({ ...env, PORT: String(port) });
  const log = createLogger('info', (line) => {
    logs.push(line);
  });
  const queue = new WatchedQueue(
    createJobQueue<EventJob>(config, 'events', { log }),
    enqueues,
    options.works ?? false,
  );
  const server = await startServer(config, {
    log,
    queue,
    slack: { retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 } },
    ...options.server,
  });
  return { server, base: `http://127.0.0.1:${port}`, logs };
}

// ---------------------------------------------------------------------------------------------------------
// The load: conversations of pastes, each answerable by its fingerprint

/** 36 characters of a credential-looking token; the plan index makes the last four. */
const TOKEN_HEAD = '8f2c6a1e9b7d4f3a0c5e8b1d2f7a9c4e6b3d';

export function pasteFor(index: number): string {
  return [
    `curl -i -H "Authorization: Bearer ${TOKEN_HEAD}${String(index).padStart(4, '0')}" https://api.internal.example.com/v2/reports/r${index}`,
    'HTTP/1.1 401 Unauthorized',
    'Content-Length: 0',
  ].join('\n');
}

export interface Planned {
  index: number;
  conv: number;
  seq: number;
  channel: string;
  /** The thread the replies go to (channel conversations); none in a DM. */
  thread?: string;
  user: string;
  eventId: string;
  /** The engine's job id: `event:slack:msg:<channel>:<ts>`. */
  jobId: string;
  body: string;
}

/**
 * `conversations` × `perConversation` messages. Even conversations are threads in a channel (app_mention,
 * the first message starts the thread), odd ones DMs (message.im). Channel pastes also earn a private leak
 * warning (postEphemeral), which carries the same fingerprint.
 */
export function plan(conversations: number, perConversation: number, runTag: string): Planned[] {
  const out: Planned[] = [];
  for (let conv = 0; conv < conversations; conv++) {
    const dm = conv % 2 === 1;
    const nn = String(conv).padStart(3, '0');
    const channel = dm ? `D0SC${runTag}${nn}` : `C0SC${runTag}${nn}`;
    const user = `U0SC${runTag}${nn}`;
    let root: string | undefined;
    for (let seq = 0; seq < perConversation; seq++) {
      const index = conv * perConversation + seq;
      const ts = nextTs();
      root ??= ts;
      const text = pasteFor(index);
      const event = dm
        ? { type: 'message', channel_type: 'im', channel, user, ts, text }
        : {
            type: 'app_mention',
            channel,
            user,
            ts,
            text: `<@${BOT_USER}> ${text}`,
            ...(ts !== root ? { thread_ts: root } : {}),
          };
      const eventId = `Ev${runTag}${String(index).padStart(6, '0')}`;
      out.push({
        index,
        conv,
        seq,
        channel,
        ...(dm ? {} : { thread: root }),
        user,
        eventId,
        jobId: `event:slack:msg:${channel}:${ts}`,
        body: JSON.stringify(eventEnvelope(event, eventId)),
      });
    }
  }
  return out;
}

/** A small seeded generator, so a failing run can be replayed. */
export function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DriveResult {
  /** Re-deliveries sent (to either listener). */
  redelivered: Planned[];
  /** Responses other than 200. */
  refused: { index: number; status: number }[];
}

/**
 * Sends the plan: each conversation in order, one message after the previous one's enqueue settled (the
 * listener acks before it enqueues, so an ack alone does not fix the order), all conversations at once.
 * About `redeliverShare` of the accepted messages are re-sent later with X-Slack-Retry-Num, alternately to
 * each listener. `beforeEach` may hold a conversation (e.g. while Redis is down, or to pace the load).
 */
export async function drive(
  messages: Planned[],
  listeners: Listener[],
  enqueues: EnqueueLog,
  options: { redeliverShare?: number; seed?: number; beforeEach?: (m: Planned) => Promise<void> } = {},
): Promise<DriveResult> {
  const random = rng(options.seed ?? 7);
  const share = options.redeliverShare ?? 0.1;
  const primary = listeners[0]!;
  const result: DriveResult = { redelivered: [], refused: [] };
  const pendingRedeliveries: Promise<void>[] = [];
  const byConv = new Map<number, Planned[]>();
  for (const m of messages) byConv.set(m.conv, [...(byConv.get(m.conv) ?? []), m]);
  // Decided up front so the set does not depend on timing.
  const redeliver = new Set(messages.filter(() => random() < share).map((m) => m.index));
  let turn = 0;

  const send = async (m: Planned, to: Listener, retry: number) => {
    const response = await postSigned(to.base, m.body, 'application/json', {
      headers:
        retry > 0 ? { 'x-slack-retry-num': String(retry), 'x-slack-retry-reason': 'http_timeout' } : {},
    });
    if (response.status !== 200) result.refused.push({ index: m.index, status: response.status });
  };

  await Promise.all(
    [...byConv.values()].map(async (conversation) => {
      for (const m of conversation) {
        await options.beforeEach?.(m);
        await send(m, primary, 0);
        await waitFor(() => enqueues.outcomes.has(m.jobId), `the enqueue of message ${m.index}`, 30_000);
        if (!redeliver.has(m.index) || enqueues.outcomes.get(m.jobId) !== 'accepted') continue;
        const to = listeners[turn++ % listeners.length]!;
        const delayMs = Math.floor(random() * 400);
        result.redelivered.push(m);
        pendingRedeliveries.push(
          new Promise((resolve) => setTimeout(resolve, delayMs)).then(() => send(m, to, 1 + (turn % 3))),
        );
      }
    }),
  );
  await Promise.all(pendingRedeliveries);
  return result;
}

// ---------------------------------------------------------------------------------------------------------
// Reading the answers back

const DIAGNOSIS_FINGERPRINT = /fingerprints: …(\d{4}) \(40 chars\)/;
const ANY_FINGERPRINT = /…(\d{4}) \(40 chars\)/;

const textOfCall = (call: RecordedCall) =>
  `${String(call.args.text ?? '')}\n${JSON.stringify(call.args.blocks ?? [])}`;

export interface Answers {
  /** Diagnoses (chat.postMessage) by plan index, in the order the fake received them. */
  diagnoses: Map<number, RecordedCall[]>;
  /** Leak warnings (chat.postEphemeral) by plan index. */
  warnings: Map<number, RecordedCall[]>;
  /** chat.postMessage calls that are no diagnosis of the plan. */
  strays: RecordedCall[];
  /** Ephemeral notes with no fingerprint (e.g. "try again"). */
  notes: RecordedCall[];
  /** Per conversation, the plan indexes of its diagnoses in arrival order. */
  orderByConv: Map<number, number[]>;
}

export function readAnswers(calls: readonly RecordedCall[], messages: Planned[]): Answers {
  const byIndex = new Map(messages.map((m) => [m.index, m]));
  const answers: Answers = {
    diagnoses: new Map(),
    warnings: new Map(),
    strays: [],
    notes: [],
    orderByConv: new Map(),
  };
  for (const call of calls) {
    if (call.method === 'chat.postMessage') {
      const match = DIAGNOSIS_FINGERPRINT.exec(textOfCall(call));
      const m = match ? byIndex.get(Number(match[1])) : undefined;
      // A reply counts for its event only where that event's conversation lives.
      if (!m || call.args.channel !== m.channel || (call.args.thread_ts as string | undefined) !== m.thread) {
        answers.strays.push(call);
        continue;
      }
      answers.diagnoses.set(m.index, [...(answers.diagnoses.get(m.index) ?? []), call]);
      answers.orderByConv.set(m.conv, [...(answers.orderByConv.get(m.conv) ?? []), m.index]);
    } else if (call.method === 'chat.postEphemeral') {
      const match = ANY_FINGERPRINT.exec(textOfCall(call));
      const m = match ? byIndex.get(Number(match[1])) : undefined;
      if (!m) {
        answers.notes.push(call);
        continue;
      }
      answers.warnings.set(m.index, [...(answers.warnings.get(m.index) ?? []), call]);
    }
  }
  return answers;
}

/**
 * With SCALE_DUMP=<dir>: everything a run leaves behind, for reading a failure (each worker's log, the
 * listeners' logs, the fake's calls without their raw bodies).
 */
export async function dumpRun(
  name: string,
  parts: { calls?: readonly RecordedCall[]; workers?: WorkerChild[]; listeners?: Listener[] },
): Promise<void> {
  const dir = process.env.SCALE_DUMP;
  if (!dir) return;
  const { mkdir, writeFile } = await import('node:fs/promises');
  await mkdir(dir, { recursive: true });
  for (const w of parts.workers ?? []) await writeFile(path.join(dir, `${name}.${w.name}.log`), w.output());
  for (const [i, l] of (parts.listeners ?? []).entries())
    await writeFile(path.join(dir, `${name}.listener${i}.log`), l.logs.join(''));
  if (parts.calls)
    await writeFile(
      path.join(dir, `${name}.calls.jsonl`),
      parts.calls
        .map((c) => JSON.stringify({ method: c.method, at: c.at, auth: c.auth, args: c.args }))
        .join('\n'),
    );
}

/** Who posted a call: the worker whose token it carries, or `listener`. */
export function poster(call: RecordedCall, workers: WorkerChild[]): string {
  return workers.find((w) => call.auth === `Bearer ${w.token}`)?.name ?? 'listener';
}

/**
 * The exactly-once and order findings for a set of messages that must each be answered: lists of what is
 * wrong (empty when all is well), so a failure names the events.
 */
export function problemsOf(answers: Answers, mustAnswer: Planned[], mayNotAnswer: Planned[] = []) {
  const missing = mustAnswer.filter((m) => !answers.diagnoses.has(m.index)).map((m) => m.eventId);
  const twice = [...answers.diagnoses]
    .filter(([, calls]) => calls.length > 1)
    .map(([index, calls]) => ({ index, times: calls.length }));
  const warnedTwice = [...answers.warnings]
    .filter(([, calls]) => calls.length > 1)
    .map(([index, calls]) => ({ index, times: calls.length }));
  const unwarned = mustAnswer
    .filter((m) => m.thread !== undefined && !answers.warnings.has(m.index))
    .map((m) => m.eventId);
  const answeredAnyway = mayNotAnswer.filter((m) => answers.diagnoses.has(m.index)).map((m) => m.eventId);
  // Order is judged on each event's first answer; an answer repeated later is counted in `twice`.
  const outOfOrder = [...answers.orderByConv]
    .map(([conv, order]) => ({ conv, order: order.filter((index, i) => order.indexOf(index) === i) }))
    .filter(({ order }) => order.some((index, i) => i > 0 && index <= order[i - 1]!));
  return { missing, twice, warnedTwice, unwarned, answeredAnyway, outOfOrder };
}

/** The answers given twice, by event id. */
export function duplicatesOf(problems: ReturnType<typeof problemsOf>, messages: Planned[]) {
  const byIndex = new Map(messages.map((m) => [m.index, m.eventId]));
  const named = (list: { index: number; times: number }[]) =>
    list.map(({ index, times }) => ({ event: byIndex.get(index) ?? String(index), times }));
  return { twice: named(problems.twice), warnedTwice: named(problems.warnedTwice) };
}

/** What a cluster test file works with, filled in by its beforeAll. */
export interface Cluster {
  prefix: string;
  fake: RemoteFakeSlack;
  workers: WorkerChild[];
  listeners: Listener[];
  enqueues: EnqueueLog;
}

/**
 * The set-up every load test shares: a fake Slack in its own process, two `authdoctor worker` children and
 * two listeners that only accept, all on one Redis under a prefix of the file's own; afterwards the run is
 * dumped (SCALE_DUMP), everything stopped and the keys removed. `redis` starts the Redis to use (default
 * the one on 6379) and `stopRedis` stops it again.
 */
export function clusterSuite(
  name: string,
  options: {
    env?: Record<string, string>;
    redis?: () => Promise<string>;
    stopRedis?: () => Promise<void>;
  } = {},
): Cluster {
  const cluster = {
    prefix: runPrefix(),
    workers: [],
    listeners: [],
    enqueues: new EnqueueLog(),
  } as unknown as Cluster;
  let redisUrl = REDIS_URL;
  beforeAll(async () => {
    if (options.redis) redisUrl = await options.redis();
    cluster.fake = await RemoteFakeSlack.start();
    const env = sharedEnv(cluster.fake, redisUrl, cluster.prefix, options.env);
    // Workers first: a listener's events must not wait for a worker to boot (tsx takes seconds).
    cluster.workers.push(...(await Promise.all([spawnWorker('w1', env), spawnWorker('w2', env)])));
    cluster.listeners.push(
      await startListener(env, cluster.enqueues),
      await startListener(env, cluster.enqueues),
    );
  }, 60_000);
  afterAll(async () => {
    const { workers, listeners, fake } = cluster;
    await dumpRun(name, { workers, listeners, ...(fake ? { calls: fake.calls } : {}) });
    for (const listener of listeners) await listener.server.stop().catch(() => {});
    await killChildren();
    await deleteKeys(redisUrl, cluster.prefix).catch(() => {});
    await options.stopRedis?.();
  }, 30_000);
  return cluster;
}
