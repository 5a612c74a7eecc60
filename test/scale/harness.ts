/**
 * The scale tests' set-up, without vitest, so the chaos report (scripts/chaos.ts) starts the same cluster
 * the tests do: real Redis, real processes, the fake Slack Web API in a process of its own.
 *
 * Shape (the scaled-out deployment): listeners in this process (`startServer`, Slack HTTP mode) that only
 * accept — their queue's `process()` does nothing — and `authdoctor worker` child processes that do all the
 * work and post every reply. So each reply the fake records was sent by a child, and each child posts with a
 * bot token of its own (the fake accepts any), which tells from the recorded calls who answered what. A
 * second listener takes part of Slack's re-deliveries, as a second `serve` behind a load balancer would:
 * those get past the listener's in-process memory and must be dropped by the queue's dedupe keys in Redis.
 *
 * The load and how replies map back to events are in load.ts; the vitest wrapper is cluster.ts.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { Redis } from 'ioredis';
import { type Server, type ServerOptions, startServer } from '../../adapters/serve.js';
import { loadConfig } from '../../src/config.js';
import type { EventJob } from '../../src/conversation/events.js';
import { createLogger } from '../../src/log.js';
import { createJobQueue } from '../../src/queue/index.js';
import type { EnqueueResult, Job, JobHandler, JobInfo, JobQueue } from '../../src/queue/types.js';
import { BOT_TOKEN, freePort, SIGNING_SECRET } from '../support/fake-slack.js';
import { waitFor } from '../support/wait.js';
import type { FaultReport, FaultSpec } from './faults.js';

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
  purge(owner: string): Promise<number> {
    return this.inner.purge(owner);
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

  /** Starts a fault (faults.ts: a 5xx outage, a 429 storm, slow answers); returns its report. */
  async fault(spec: FaultSpec): Promise<FaultReport> {
    const response = await fetch(`${this.control}/fault`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(spec),
    });
    const answer = (await response.json()) as FaultReport | { error: string };
    if ('error' in answer) throw new Error(`the fake refused the fault: ${answer.error}`);
    return answer;
  }

  /** Ends every fault still in play. */
  async clearFaults(): Promise<void> {
    await fetch(`${this.control}/faults/clear`, { method: 'POST' });
  }

  /** Every fault so far, with the calls each one hit. */
  async faults(): Promise<FaultReport[]> {
    return (await (await fetch(`${this.control}/faults`)).json()) as FaultReport[];
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
    // The load is many messages from few users at once: per-user and per-workspace limits would refuse it.
    AUTHDOCTOR_USER_RATE_PER_MINUTE: '0',
    AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE: '0',
    AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER: '0',
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
// After a run

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

// ---------------------------------------------------------------------------------------------------------
// A whole cluster

/** What a scale test or a chaos scenario works with. */
export interface Cluster {
  name: string;
  prefix: string;
  redisUrl: string;
  fake: RemoteFakeSlack;
  workers: WorkerChild[];
  listeners: Listener[];
  enqueues: EnqueueLog;
}

export interface ClusterOptions {
  /** Added to the env every process shares. */
  env?: Record<string, string>;
  /** The Redis to use (default the one on 6379). */
  redisUrl?: string;
  /** A key prefix of the caller's (default a fresh one). */
  prefix?: string;
  /** The log the listeners record their enqueues in (default a fresh one). */
  enqueues?: EnqueueLog;
}

export interface RunningCluster extends Cluster {
  /** Dumps the run (SCALE_DUMP), stops the listeners, kills the children and removes the keys. */
  stop(): Promise<void>;
}

/**
 * A fake Slack in its own process, two `authdoctor worker` children and two listeners that only accept, all
 * on one Redis under a prefix of their own.
 */
export async function startCluster(name: string, options: ClusterOptions = {}): Promise<RunningCluster> {
  const redisUrl = options.redisUrl ?? REDIS_URL;
  const cluster: Partial<Cluster> & Pick<Cluster, 'workers' | 'listeners'> = {
    name,
    prefix: options.prefix ?? runPrefix(),
    redisUrl,
    workers: [],
    listeners: [],
    enqueues: options.enqueues ?? new EnqueueLog(),
  };
  let stopping: Promise<void> | undefined;
  const stop = () => {
    stopping ??= (async () => {
      const { workers, listeners, fake } = cluster;
      await dumpRun(name, { workers, listeners, ...(fake ? { calls: fake.calls } : {}) });
      for (const listener of listeners) await listener.server.stop().catch(() => {});
      await Promise.all(workers.map((w) => stopChild(w.child)));
      await fake?.close();
      await deleteKeys(redisUrl, cluster.prefix!).catch(() => {});
    })();
    return stopping;
  };
  try {
    cluster.fake = await RemoteFakeSlack.start();
    const env = sharedEnv(cluster.fake, redisUrl, cluster.prefix!, options.env);
    // Workers first: a listener's events must not wait for a worker to boot (tsx takes seconds).
    cluster.workers.push(...(await Promise.all([spawnWorker('w1', env), spawnWorker('w2', env)])));
    cluster.listeners.push(
      await startListener(env, cluster.enqueues!),
      await startListener(env, cluster.enqueues!),
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return Object.assign(cluster as Cluster, { stop });
}

/** SIGKILL, then waits for the exit. */
async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill('SIGKILL');
  await exited;
}
