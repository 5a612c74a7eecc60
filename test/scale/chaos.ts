/**
 * The chaos scenarios (vitest-free): each one starts a cluster of its own (harness.ts: two `authdoctor
 * worker` children, two listeners, the fake Slack in its own process, one Redis under a fresh prefix), sends
 * a few hundred signed events across many conversations at a steady rate, plays one fault in the middle of
 * it, waits for the queue to settle and counts what became of every message (load.ts, `tally`). Run by
 * scripts/chaos.ts (`npm run chaos`); the storm tests run short versions of the same scenarios.
 */
import { OwnRedisServer } from '../store/redis-server.js';
import { waitFor } from '../support/wait.js';
import { acts } from './faults.js';
import { poster, type RunningCluster, startCluster } from './harness.js';
import { drive, type Planned, plan, readAnswers, type Tally, tally } from './load.js';

export interface ChaosOptions {
  /** Events sent per scenario. */
  events: number;
  /** How long a platform storm (5xx, 429, slow) lasts. */
  stormSeconds: number;
  /** Events sent per second. */
  perSecond: number;
  /** How long the queue may take to settle after the load and the fault are over. */
  settleSeconds: number;
  /** Progress lines. */
  log: (line: string) => void;
}

export const CHAOS_DEFAULTS: Omit<ChaosOptions, 'log'> = {
  events: 300,
  stormSeconds: 30,
  // Sending lasts about as long as a storm: events keep arriving all through it.
  perSecond: 10,
  settleSeconds: 150,
};

/** Messages per conversation: enough for order to matter, few enough for many conversations. */
const PER_CONVERSATION = 5;

interface ScenarioContext {
  cluster: RunningCluster;
  redis: OwnRedisServer | undefined;
  messages: Planned[];
  options: ChaosOptions;
  /** Facts worth a line in the report. */
  note: (line: string) => void;
}

export interface Scenario {
  name: string;
  /** One line: what the fault is. */
  what: string;
  /** Two letters for the plan's ids, so the scenarios' conversations never meet. */
  tag: string;
  ownRedis?: boolean;
  env?: Record<string, string>;
  /** Plays the fault while the load is being sent; resolves once the fault is over. */
  fault(context: ScenarioContext): Promise<void>;
}

export interface ScenarioResult extends Tally {
  scenario: string;
  what: string;
  /** Platform calls the fake's faults hit, by method. */
  faultedCalls: Record<string, number>;
  /** Each fault played, with the calls it hit. */
  faults: { method: string; status?: number; delayMs?: number; acted: boolean; hits: number }[];
  /** From the first event sent until the queue settled. */
  seconds: number;
  settled: boolean;
  notes: string[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Resolves once a share of the load has reached the listeners (the fault starts mid-load). */
const afterSending = (context: ScenarioContext, share: number) =>
  waitFor(
    () => context.cluster.enqueues.outcomes.size >= Math.ceil(context.messages.length * share),
    `${Math.round(share * 100)}% of the load sent`,
    120_000,
  );

/** Resolves once a share of the load is answered. */
const afterAnswering = (context: ScenarioContext, share: number, also: () => boolean = () => true) =>
  context.cluster.fake.until(
    (fake) => fake.of('chat.postMessage').length >= context.messages.length * share && also(),
    `${Math.round(share * 100)}% of the load answered`,
    120_000,
  );

export const SCENARIOS: Scenario[] = [
  {
    name: 'worker-crash',
    what: 'kill -9 one of the two workers once a quarter of the load is answered',
    tag: 'WC',
    async fault(context) {
      const { workers, fake } = context.cluster;
      const victim = workers[0]!;
      await afterAnswering(context, 0.25, () =>
        fake.of('chat.postMessage').some((call) => poster(call, workers) === victim.name),
      );
      victim.child.kill('SIGKILL');
      await victim.exited;
      context.note(`${victim.name} killed after ${fake.of('chat.postMessage').length} replies`);
    },
  },
  {
    name: 'redis-restart',
    what: 'own redis-server (appendonly yes): SHUTDOWN once a quarter is answered, back on the same port 5 s later',
    tag: 'RR',
    ownRedis: true,
    async fault(context) {
      await afterAnswering(context, 0.25);
      await context.redis!.shutdown();
      const downAt = Date.now();
      await sleep(5_000);
      await context.redis!.restart();
      context.note(`Redis down ${((Date.now() - downAt) / 1000).toFixed(1)} s`);
    },
  },
  {
    name: '5xx-storm',
    what: 'a third of the storm: half of chat.postMessage answered 5xx (500 after posting, 503 before); the rest: every call 503',
    tag: 'FX',
    async fault(context) {
      const { fake } = context.cluster;
      const stormMs = context.options.stormSeconds * 1000;
      const partial = Math.max(1, Math.round(stormMs / 3));
      await afterSending(context, 0.2);
      // Slack documents that an internal_error may come after "some aspect of the operation succeeded".
      await fake.fault({
        method: 'chat.postMessage',
        status: 500,
        acted: true,
        ratio: 0.2,
        durationMs: partial,
      });
      await fake.fault({ method: 'chat.postMessage', status: 503, ratio: 0.375, durationMs: partial });
      await sleep(partial);
      await fake.fault({ method: '*', status: 503, durationMs: stormMs - partial });
      await sleep(stormMs - partial);
    },
  },
  {
    name: '429-storm',
    what: 'every Web API call answered 429 with Retry-After: 1',
    tag: 'RL',
    async fault(context) {
      const stormMs = context.options.stormSeconds * 1000;
      await afterSending(context, 0.2);
      await context.cluster.fake.fault({ method: '*', status: 429, retryAfter: 1, durationMs: stormMs });
      await sleep(stormMs);
    },
  },
  {
    name: 'slow-api',
    what: 'every call answered 3 s late; 30% of chat.postMessage 9 s late (past the client timeout of 8 s; posted at once)',
    tag: 'SL',
    async fault(context) {
      const { fake } = context.cluster;
      const stormMs = context.options.stormSeconds * 1000;
      await afterSending(context, 0.2);
      await fake.fault({ method: 'chat.postMessage', delayMs: 9_000, ratio: 0.3, durationMs: stormMs });
      await fake.fault({ method: '*', delayMs: 3_000, durationMs: stormMs });
      await sleep(stormMs);
    },
  },
];

export function scenarioNamed(name: string): Scenario {
  const scenario = SCENARIOS.find((s) => s.name === name);
  if (!scenario) throw new Error(`no scenario "${name}" (${SCENARIOS.map((s) => s.name).join(', ')})`);
  return scenario;
}

/** One scenario on a cluster of its own, from start to its figures. */
export async function runScenario(scenario: Scenario, options: ChaosOptions): Promise<ScenarioResult> {
  const log = (line: string) => options.log(`[${scenario.name}] ${line}`);
  const notes: string[] = [];
  const redis = scenario.ownRedis ? await OwnRedisServer.start() : undefined;
  let cluster: RunningCluster | undefined;
  try {
    cluster = await startCluster(`chaos-${scenario.name}`, {
      ...(redis ? { redisUrl: redis.url } : {}),
      // A dead worker's jobs are taken over after this; short, to keep the run short.
      env: { AUTHDOCTOR_JOB_LOCK_SECONDS: '10', ...scenario.env },
    });
    const conversations = Math.ceil(options.events / PER_CONVERSATION);
    const messages = plan(conversations, PER_CONVERSATION, scenario.tag).slice(0, options.events);
    const context: ScenarioContext = {
      cluster,
      redis,
      messages,
      options,
      note: (line) => {
        notes.push(line);
        log(line);
      },
    };
    log(`cluster up; ${messages.length} events in ${conversations} conversations at ${options.perSecond}/s`);
    const startedAt = Date.now();
    const sending = drive(messages, cluster.listeners, cluster.enqueues, {
      redeliverShare: 0.1,
      seed: 7,
      perSecond: options.perSecond,
    });
    const faulting = scenario.fault(context);
    const [sent] = await Promise.all([sending, faulting]);
    log(`load sent and fault over after ${((Date.now() - startedAt) / 1000).toFixed(1)} s; settling`);

    const queue = cluster.listeners[0]!.server.runtime.queue;
    const settled = await Promise.race([
      queue.drain().then(() => true),
      sleep(options.settleSeconds * 1000).then(() => false),
    ]);
    const seconds = (Date.now() - startedAt) / 1000;
    if (!settled) context.note(`the queue had not settled ${options.settleSeconds} s after the fault`);
    const answers = readAnswers(await cluster.fake.sync(), messages);
    const figures = tally(messages, cluster.enqueues, answers, await queue.failed(), sent);
    const faultedCalls: Record<string, number> = {};
    const played = await cluster.fake.faults();
    for (const fault of played)
      for (const [method, hits] of Object.entries(fault.byMethod))
        faultedCalls[method] = (faultedCalls[method] ?? 0) + hits;
    const faults = played.map(({ spec, hits }) => ({
      method: spec.method,
      ...(spec.status !== undefined ? { status: spec.status } : {}),
      ...(spec.delayMs !== undefined ? { delayMs: spec.delayMs } : {}),
      acted: acts(spec),
      hits,
    }));
    for (const worker of cluster.workers)
      if (worker.child.exitCode !== null && worker.child.signalCode !== 'SIGKILL')
        context.note(`${worker.name} exited (${worker.child.exitCode})`);
    log(
      `sent ${figures.sent}, accepted ${figures.accepted}, refused+told ${figures.refusedTold}, answered ${figures.answered}, twice ${figures.twice}, lost ${figures.lost}, failed ${figures.failed}`,
    );
    return {
      scenario: scenario.name,
      what: scenario.what,
      ...figures,
      faultedCalls,
      faults,
      seconds: Math.round(seconds * 10) / 10,
      settled,
      notes,
    };
  } finally {
    await cluster?.stop();
    await redis?.stop();
  }
}

/** The report's table, one row per scenario. */
export function formatTable(results: ScenarioResult[]): string {
  const columns: [string, (r: ScenarioResult) => string | number][] = [
    ['scenario', (r) => r.scenario],
    ['sent', (r) => r.sent],
    ['accepted', (r) => r.accepted],
    ['refused+told', (r) => r.refusedTold],
    ['answered', (r) => r.answered],
    ['twice', (r) => r.twice],
    ['lost', (r) => r.lost],
    ['failed', (r) => r.failed],
    ['out of order', (r) => r.outOfOrder],
    ['faulted calls', (r) => Object.values(r.faultedCalls).reduce((a, n) => a + n, 0)],
    ['seconds', (r) => r.seconds.toFixed(1)],
  ];
  const rows = [
    columns.map(([title]) => title),
    ...results.map((r) => columns.map(([, cell]) => String(cell(r)))),
  ];
  const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i]!.length)));
  const line = (row: string[]) =>
    row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ');
  return [line(rows[0]!), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.slice(1).map(line)].join('\n');
}
