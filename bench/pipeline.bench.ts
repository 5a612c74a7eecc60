/**
 * `npm run bench:pipeline`: the event pipeline on BullMQ against BullMQ alone, on one Redis.
 *
 * - Baseline: raw BullMQ in one process — no-op jobs preloaded with Queue.addBulk and worked by a Worker at
 *   concurrency 50 (jobs/s), and add() → handler start latency at a paced 300 jobs/s.
 * - Pipeline: `authdoctor serve` (compiled, one process: Slack HTTP listener + engine workers at concurrency
 *   50, REDIS_URL set) fed signed Slack `app_mention`s; the reply reaches a fake Web API in this process.
 *   Events/s at saturation; at a paced 300 events/s the latency from sending an event to the fake receiving
 *   its chat.postMessage, and the ack (HTTP response time of the event POST). Every event starts its own
 *   conversation (a thread), so per-conversation ordering serializes nothing; each is a typed `help`, so no
 *   diagnosis is timed, only the pipeline.
 * - Where the time goes: Redis commands and Redis CPU per event (INFO commandstats / cpu deltas), CPU per event
 *   in the server process and in this one, Slack calls per event.
 *
 * Goals (issue 7): 300 events/s with p99 < 50 ms; ≥ 70% of raw BullMQ throughput at saturation; ack p99 < 20 ms.
 * Redis: a redis-server of its own on a free port (nothing else's traffic in the counts), else BENCH_REDIS_URL
 * or 127.0.0.1:6379 under a key prefix of its own, removed afterwards. BENCH_CPU_PROF=<dir> writes a V8 CPU
 * profile of the serve process there.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Queue, Worker } from 'bullmq';
import { Redis } from 'ioredis';
import {
  BOT_TOKEN,
  BOT_USER,
  eventEnvelope,
  FakeSlack,
  freePort,
  nextTs,
  postSigned,
  SIGNING_SECRET,
  type SlackCall,
} from '../test/support/fake-slack.js';
import { fmtMs, type Timing, table, timingOf } from './measure.js';

const RAW_JOBS = 20_000;
const PACED_RATE = 300;
const PACED_SECONDS = 8;
const SATURATION_EVENTS = 3_000;
const SATURATION_IN_FLIGHT = 64;
const WARMUP_EVENTS = 300;
const CONCURRENCY = 50;
const PREFIX = `authdoctor-bench:${process.pid}:${randomBytes(4).toString('hex')}:`;
const MAIN = path.resolve(import.meta.dirname, '..', 'adapters', 'cli', 'main.js');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// ---------------------------------------------------------------------------------------------------------
// Redis

interface BenchRedis {
  url: string;
  own: boolean;
  stop(): Promise<void>;
}

async function openRedis(): Promise<BenchRedis> {
  const given = process.env.BENCH_REDIS_URL;
  if (given) return { url: given, own: false, stop: async () => {} };
  const port = await freePort();
  const dir = await mkdtemp(path.join(tmpdir(), 'authdoctor-bench-redis-'));
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--dir', dir],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const started = await new Promise<boolean>((resolve) => {
    let output = '';
    const timer = setTimeout(() => resolve(false), 10_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Ready to accept connections')) {
        clearTimeout(timer);
        resolve(true);
      }
    });
    child.once('error', () => resolve(false));
    child.once('exit', () => resolve(false));
  });
  if (!started) {
    child.kill('SIGKILL');
    await rm(dir, { recursive: true, force: true });
    return { url: 'redis://127.0.0.1:6379', own: false, stop: async () => {} };
  }
  return {
    url: `redis://127.0.0.1:${port}`,
    own: true,
    stop: async () => {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}

async function deleteKeys(admin: Redis, prefix: string): Promise<void> {
  let cursor = '0';
  do {
    const [next, keys] = await admin.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
    if (keys.length > 0) await admin.del(...keys);
    cursor = next;
  } while (cursor !== '0');
}

/** Redis's own counters: commands by name, and its CPU seconds. */
interface RedisSnapshot {
  calls: Map<string, number>;
  cpuSeconds: number;
}

async function redisSnapshot(admin: Redis): Promise<RedisSnapshot> {
  const stats = await admin.info('commandstats');
  const calls = new Map<string, number>();
  for (const match of stats.matchAll(/^cmdstat_([^:]+):calls=(\d+)/gm))
    calls.set(match[1]!, Number(match[2]));
  const cpu = await admin.info('cpu');
  const field = (name: string) => Number(new RegExp(`^${name}:([\\d.]+)`, 'm').exec(cpu)?.[1] ?? 0);
  return { calls, cpuSeconds: field('used_cpu_user') + field('used_cpu_sys') };
}

function redisCost(before: RedisSnapshot, after: RedisSnapshot, units: number) {
  const perCommand = [...after.calls]
    .map(([name, n]) => [name, (n - (before.calls.get(name) ?? 0)) / units] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => b[1] - a[1]);
  const total = perCommand.reduce((sum, [, n]) => sum + n, 0);
  return { total, perCommand, cpuMs: ((after.cpuSeconds - before.cpuSeconds) * 1000) / units };
}

// ---------------------------------------------------------------------------------------------------------
// Raw BullMQ

async function rawBaseline(url: string) {
  const connection = () => new Redis(url, { maxRetriesPerRequest: null });
  const prefix = `${PREFIX}raw`;
  const clients: Redis[] = [];
  const open = () => {
    const client = connection();
    clients.push(client);
    return client;
  };
  const admin = open();

  // Throughput: preload, then work them all.
  const queue = new Queue('noop', { connection: open(), prefix });
  const addStarted = performance.now();
  for (let i = 0; i < RAW_JOBS; i += 1000)
    await queue.addBulk(
      Array.from({ length: Math.min(1000, RAW_JOBS - i) }, (_, k) => ({
        name: 'noop',
        data: { i: i + k },
        opts: { removeOnComplete: true, removeOnFail: true },
      })),
    );
  const addMs = performance.now() - addStarted;
  const before = await redisSnapshot(admin);
  let completed = 0;
  let allDone!: () => void;
  const done = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  const workStarted = performance.now();
  const worker = new Worker('noop', async () => {}, { connection: open(), prefix, concurrency: CONCURRENCY });
  worker.on('completed', () => {
    if (++completed === RAW_JOBS) allDone();
  });
  await done;
  const workMs = performance.now() - workStarted;
  const cost = redisCost(before, await redisSnapshot(admin), RAW_JOBS);
  await worker.close();
  await queue.close();

  // Latency: add() → handler start, paced.
  const started = new Map<string, number>();
  const latencies: number[] = [];
  const latQueue = new Queue('paced', { connection: open(), prefix });
  const latWorker = new Worker(
    'paced',
    async (job) => {
      const t0 = started.get(job.id ?? '');
      if (t0 !== undefined && job.data.measured) latencies.push(performance.now() - t0);
    },
    { connection: open(), prefix, concurrency: CONCURRENCY },
  );
  await latWorker.waitUntilReady();
  const total = PACED_RATE * 5;
  const warmup = 200;
  const adds: Promise<unknown>[] = [];
  const pacedStart = performance.now();
  for (let i = 0; i < total + warmup; i++) {
    const due = pacedStart + (i * 1000) / PACED_RATE;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    const id = `j${i}`;
    started.set(id, performance.now());
    adds.push(latQueue.add('noop', { measured: i >= warmup }, { jobId: id, removeOnComplete: true }));
  }
  await Promise.all(adds);
  while (latencies.length < total) await sleep(20);
  await latWorker.close();
  await latQueue.close();
  await deleteKeys(admin, prefix);
  for (const client of clients) client.disconnect();
  return {
    addPerSec: (RAW_JOBS / addMs) * 1000,
    perSec: (RAW_JOBS / workMs) * 1000,
    latency: timingOf(latencies),
    cost,
  };
}

// ---------------------------------------------------------------------------------------------------------
// The pipeline

interface ServerChild {
  child: ChildProcess;
  base: string;
  cpuMs(): Promise<number>;
  stop(): Promise<void>;
}

async function startServeProcess(url: string, fake: FakeSlack): Promise<ServerChild> {
  const port = await freePort();
  // BENCH_CPU_PROF=<dir>: a V8 CPU profile of the serve process, written there when it stops.
  const profile = process.env.BENCH_CPU_PROF
    ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_CPU_PROF}`]
    : [];
  const child = spawn(process.execPath, [...profile, MAIN, 'serve'], {
    env: {
      PATH: process.env.PATH ?? '',
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      REDIS_URL: url,
      AUTHDOCTOR_REDIS_PREFIX: `${PREFIX}app:`,
      AUTHDOCTOR_PASTE_WINDOW_MS: '0',
      AUTHDOCTOR_WORKER_CONCURRENCY: String(CONCURRENCY),
      LOG_LEVEL: 'silent',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString('utf8');
  });
  const deadline = Date.now() + 30_000;
  while (!stderr.includes('serving Slack')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`authdoctor serve did not start:\n${stderr}`);
    }
    await sleep(20);
  }
  const ticks = 100; // USER_HZ on Linux
  return {
    child,
    base: `http://127.0.0.1:${port}`,
    cpuMs: async () => {
      try {
        const stat = await readFile(`/proc/${child.pid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return ((Number(fields[11]) + Number(fields[12])) * 1000) / ticks;
      } catch {
        return Number.NaN;
      }
    },
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
      await exited;
      clearTimeout(timer);
    },
  };
}

/** Replies by thread, as the fake receives them (timed here, at arrival). */
class Replies {
  readonly #waiting = new Map<string, (at: number) => void>();
  readonly #arrived = new Map<string, number>();

  constructor(fake: FakeSlack) {
    const calls = fake.calls;
    const push = calls.push.bind(calls);
    calls.push = (...items: SlackCall[]) => {
      const at = performance.now();
      for (const call of items) {
        if (call.method !== 'chat.postMessage') continue;
        const thread = typeof call.args.thread_ts === 'string' ? call.args.thread_ts : undefined;
        if (!thread || this.#arrived.has(thread)) continue;
        this.#arrived.set(thread, at);
        this.#waiting.get(thread)?.(at);
        this.#waiting.delete(thread);
      }
      return push(...items);
    };
  }

  /** Resolves with the arrival time of the first reply in `thread`. */
  of(thread: string): Promise<number> {
    const at = this.#arrived.get(thread);
    if (at !== undefined) return Promise.resolve(at);
    return new Promise((resolve) => this.#waiting.set(thread, resolve));
  }
}

let eventCounter = 0;

/** One signed mention starting its own thread; resolves once acked, with a promise of the reply's arrival. */
async function send(
  base: string,
  replies: Replies,
): Promise<{ ackMs: number; sentAt: number; reply: Promise<number> }> {
  const ts = nextTs();
  const n = ++eventCounter;
  const event = {
    type: 'app_mention',
    user: `U0B${String(n % 1000).padStart(6, '0')}`,
    channel: 'C0BENCH001',
    ts,
    text: `<@${BOT_USER}> help`,
  };
  const body = JSON.stringify(eventEnvelope(event, `EvBench${n}`));
  const reply = replies.of(ts);
  const sentAt = performance.now();
  const response = await postSigned(base, body, 'application/json');
  const ackMs = performance.now() - sentAt;
  if (response.status !== 200) throw new Error(`the bot answered ${response.status}`);
  return { ackMs, sentAt, reply };
}

async function paced(base: string, replies: Replies, rate: number, count: number) {
  const runs: Promise<{ ackMs: number; replyMs: number }>[] = [];
  const start = performance.now();
  for (let i = 0; i < count; i++) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 1) await sleep(wait);
    runs.push(
      send(base, replies).then(async (r) => ({ ackMs: r.ackMs, replyMs: (await r.reply) - r.sentAt })),
    );
  }
  const sentIn = performance.now() - start;
  const results = await Promise.all(runs);
  return {
    rate: (count / sentIn) * 1000,
    latency: timingOf(results.map((r) => r.replyMs)),
    ack: timingOf(results.map((r) => r.ackMs)),
  };
}

/** As fast as the listener acks, SATURATION_IN_FLIGHT POSTs at a time (Slack does not wait for replies). */
async function saturated(base: string, replies: Replies, count: number) {
  let next = 0;
  const acks: number[] = [];
  const replied: Promise<number>[] = [];
  const start = performance.now();
  await Promise.all(
    Array.from({ length: SATURATION_IN_FLIGHT }, async () => {
      while (next < count) {
        next++;
        const run = await send(base, replies);
        acks.push(run.ackMs);
        replied.push(run.reply);
      }
    }),
  );
  const last = Math.max(...(await Promise.all(replied)));
  return { perSec: (count / (last - start)) * 1000, ack: timingOf(acks) };
}

/**
 * Client round trips per event, by who sends them: MONITOR (which slows Redis, so only here, after the
 * measurements) over a few events sent slowly, counting commands clients send (not those scripts run).
 */
async function roundTrips(url: string, base: string, replies: Replies, events: number) {
  const monitor = new Redis(url, { maxRetriesPerRequest: 1, retryStrategy: () => null });
  monitor.on('error', () => {});
  const app = `${PREFIX}app:`;
  const owners = new Map<string, number>();
  const feed = await monitor.monitor();
  feed.on('monitor', (_time: string, args: string[], source: string) => {
    if (source === 'lua') return;
    const command = String(args[0]).toLowerCase();
    const key = String(command === 'eval' || command === 'evalsha' ? (args[3] ?? '') : (args[1] ?? ''));
    const owner =
      command === 'publish'
        ? 'settled bus (PUBLISH)'
        : command === 'multi' || command === 'exec'
          ? 'analytics (MULTI/EXEC)'
          : key.startsWith(`${app}bull:`)
            ? 'BullMQ'
            : key.startsWith(`${app}q:`)
              ? 'queue bookkeeping (seen/order/gate)'
              : key.startsWith(`${app}v1:stats`)
                ? 'analytics'
                : key.startsWith(`${app}v1:lock`)
                  ? 'store lock'
                  : key.startsWith(`${app}v1:`)
                    ? 'session store'
                    : 'other';
    owners.set(owner, (owners.get(owner) ?? 0) + 1);
  });
  await sleep(200);
  for (let i = 0; i < events; i++) {
    const run = await send(base, replies);
    await run.reply;
    await sleep(50);
  }
  await sleep(500);
  feed.disconnect();
  monitor.disconnect();
  const perEvent = [...owners].map(([owner, n]) => [owner, n / events] as const).sort((a, b) => b[1] - a[1]);
  return { total: perEvent.reduce((sum, [, n]) => sum + n, 0), perEvent };
}

// ---------------------------------------------------------------------------------------------------------

const goal = (met: boolean) => (met ? 'met' : 'NOT met');

async function main(): Promise<void> {
  const guard = setTimeout(() => {
    console.error('bench:pipeline took over 4 minutes; giving up');
    process.exit(1);
  }, 240_000);
  guard.unref();
  const redis = await openRedis();
  const admin = new Redis(redis.url, { maxRetriesPerRequest: 1 });
  admin.on('error', () => {});
  let server: ServerChild | undefined;
  let fake: FakeSlack | undefined;
  try {
    console.log(
      `\n== the event pipeline on BullMQ vs BullMQ alone (${cpus().length} CPUs; Redis ${redis.own ? 'of its own' : redis.url})`,
    );
    const raw = await rawBaseline(redis.url);

    fake = await FakeSlack.start();
    fake.botAuth = `Bearer ${BOT_TOKEN}`;
    const replies = new Replies(fake);
    server = await startServeProcess(redis.url, fake);
    await paced(server.base, replies, 100, WARMUP_EVENTS);

    const satBefore = await redisSnapshot(admin);
    const satCpu0 = await server.cpuMs();
    const here0 = process.cpuUsage();
    const calls0 = fake.calls.length;
    const sat = await saturated(server.base, replies, SATURATION_EVENTS);
    const satCost = redisCost(satBefore, await redisSnapshot(admin), SATURATION_EVENTS);
    const serverCpuPerEvent = ((await server.cpuMs()) - satCpu0) / SATURATION_EVENTS;
    const here = process.cpuUsage(here0);
    const hereCpuPerEvent = (here.user + here.system) / 1000 / SATURATION_EVENTS;
    const slackCalls = new Map<string, number>();
    for (const call of fake.calls.slice(calls0))
      slackCalls.set(call.method, (slackCalls.get(call.method) ?? 0) + 1);

    await sleep(1500); // the last "working…" reactions settle
    const steady = await paced(server.base, replies, PACED_RATE, PACED_RATE * PACED_SECONDS);

    const trips = await roundTrips(redis.url, server.base, replies, 50);
    const ratio = sat.perSec / raw.perSec;
    const row = (name: string, t: Timing) => [name, fmtMs(t.p50Ms), fmtMs(t.p99Ms), fmtMs(t.maxMs)];
    console.log(
      table([
        ['throughput', 'per second', 'vs raw'],
        [`raw BullMQ addBulk (${RAW_JOBS} no-op jobs)`, raw.addPerSec.toFixed(0), ''],
        [`raw BullMQ Worker, concurrency ${CONCURRENCY} (baseline)`, raw.perSec.toFixed(0), '100%'],
        [
          `pipeline at saturation (${SATURATION_EVENTS} events, ${SATURATION_IN_FLIGHT} POSTs in flight)`,
          sat.perSec.toFixed(0),
          `${(ratio * 100).toFixed(1)}%`,
        ],
      ]),
    );
    console.log();
    console.log(
      table([
        ['latency', 'p50', 'p99', 'max'],
        row(`raw BullMQ add() → handler start at ${PACED_RATE}/s`, raw.latency),
        row(`pipeline event sent → chat.postMessage at ${steady.rate.toFixed(0)}/s`, steady.latency),
        row(`pipeline ack (event POST answered) at ${steady.rate.toFixed(0)}/s`, steady.ack),
        row('pipeline ack at saturation', sat.ack),
      ]),
    );
    console.log('\nwhere the time goes, per event at saturation (per job for raw BullMQ):');
    const top = (cost: ReturnType<typeof redisCost>) =>
      cost.perCommand
        .slice(0, 8)
        .map(([name, n]) => `${name} ${n.toFixed(1)}`)
        .join(', ');
    console.log(
      table([
        ['', 'Redis commands (scripts included)', 'Redis CPU', 'top commands'],
        ['raw BullMQ job', raw.cost.total.toFixed(1), fmtMs(raw.cost.cpuMs), top(raw.cost)],
        ['pipeline event', satCost.total.toFixed(1), fmtMs(satCost.cpuMs), top(satCost)],
      ]),
    );
    console.log(
      `serve process CPU ${fmtMs(serverCpuPerEvent)}/event (one core allows ${(1000 / serverCpuPerEvent).toFixed(0)} events/s); ` +
        `this process (load + fake Slack) ${fmtMs(hereCpuPerEvent)}/event; Slack calls/event: ${[
          ...slackCalls,
        ]
          .map(([m, n]) => `${m} ${(n / SATURATION_EVENTS).toFixed(2)}`)
          .join(', ')}`,
    );
    console.log(
      `Redis round trips per event (one at a time, MONITOR): ${trips.total.toFixed(1)} — ${trips.perEvent
        .map(([owner, n]) => `${owner} ${n.toFixed(1)}`)
        .join(', ')}`,
    );
    console.log('\ngoals (issue 7):');
    console.log(
      table([
        ['goal', 'measured', ''],
        [
          `${PACED_RATE} events/s with p99 < 50 ms`,
          `${steady.rate.toFixed(0)}/s, p99 ${fmtMs(steady.latency.p99Ms)}`,
          goal(steady.rate >= PACED_RATE * 0.95 && steady.latency.p99Ms < 50),
        ],
        ['≥ 70% of raw BullMQ throughput at saturation', `${(ratio * 100).toFixed(1)}%`, goal(ratio >= 0.7)],
        [
          'ack p99 < 20 ms',
          `p99 ${fmtMs(steady.ack.p99Ms)} at ${steady.rate.toFixed(0)}/s`,
          goal(steady.ack.p99Ms < 20),
        ],
      ]),
    );
  } finally {
    await server?.stop();
    await fake?.close();
    if (!redis.own) await deleteKeys(admin, PREFIX);
    admin.disconnect();
    await redis.stop();
  }
}

await main();
