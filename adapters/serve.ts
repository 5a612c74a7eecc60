/**
 * The long-running processes.
 *
 * - `authdoctor serve` (startServer): an adapter for each configured platform (listeners that ack and
 *   enqueue) and workers that run the engine and send the replies.
 * - `authdoctor worker` (startWorker): workers only, with each platform's sending half and no listener, so
 *   workers scale out on their own (several processes, several machines, one Redis).
 *
 * Replies go back to the platform a conversation lives on; escalations go to every configured escalation
 * channel (a support team may watch Slack for Discord users, or the other way round). With METRICS_PORT set,
 * each process serves /metrics, /healthz and /readyz.
 */
import type { Config } from '../src/config.js';
import { enabledAdapters } from '../src/config.js';
import type { Engine, EngineSettingsWithHost } from '../src/conversation/engine.js';
import type { EventJob } from '../src/conversation/events.js';
import { createRuntime, type Runtime } from '../src/conversation/runtime.js';
import type { DiagnoserInit } from '../src/diagnose/service.js';
import { AuthdoctorError, ErrorCodes } from '../src/errors.js';
import type { WebhookInit } from '../src/escalation/route.js';
import { RateLimitedError } from '../src/limits/refusal.js';
import { createLogger, type Logger } from '../src/log.js';
import { createMetrics, type Metrics } from '../src/ops/metrics.js';
import { type OpsServer, startOpsServer } from '../src/ops/server.js';
import type { PlatformAdapter, PlatformDelivery, PlatformName } from '../src/platform/adapter.js';
import { createSettledBus, type SettledBus } from '../src/platform/settled-bus.js';
import { createJobQueue } from '../src/queue/index.js';
import type { JobQueue } from '../src/queue/types.js';
import { createDeliveries, type DeliveriesOptions } from './deliveries.js';
import { createDiscordAdapter, type DiscordAdapterOptions } from './discord/adapter.js';
import { type Route, routingHooks } from './routing.js';
import { createSlackAdapter, type SlackAdapterOptions } from './slack/adapter.js';

export interface ServerOptions {
  log?: Logger;
  now?: () => number;
  diagnoser?: DiagnoserInit;
  /** Tests: shorter retries and timeouts against the platform fakes. */
  slack?: SlackAdapterOptions;
  discord?: DiscordAdapterOptions;
  /** Tests: engine settings the configuration cannot express (a renotify interval under a minute). */
  settings?: Partial<EngineSettingsWithHost>;
  /** Tests: the escalation webhook's queue and fetch. */
  webhook?: WebhookInit;
  /** Tests and benchmarks: the events queue. */
  queue?: JobQueue<EventJob>;
}

export interface Server {
  runtime: Runtime;
  adapters: PlatformAdapter[];
  metrics: Metrics;
  /** The /metrics, /healthz, /readyz server when METRICS_PORT is set. */
  ops?: OpsServer;
  stop(): Promise<void>;
}

export interface WorkerOptions extends Omit<ServerOptions, 'slack' | 'discord'> {
  /** Tests: shorter retries and timeouts against the platform fakes. */
  deliveries?: Pick<DeliveriesOptions, 'slack' | 'discord'>;
}

export interface WorkerProcess {
  runtime: Runtime;
  deliveries: PlatformDelivery[];
  metrics: Metrics;
  ops?: OpsServer;
  stop(): Promise<void>;
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<Server> {
  const adapters = new Map<PlatformName, PlatformAdapter>();
  const base = answering(config, options, adapters);
  const { runtime, log, metrics, bus } = base;
  const enabled = enabledAdapters(config);
  const deps = {
    config,
    engine: measuredEngine(runtime.engine, metrics),
    diagnoser: runtime.diagnoser,
    store: runtime.store,
    analytics: runtime.analytics,
    log,
    ...(options.now ? { now: options.now } : {}),
  };
  let ops: OpsServer | undefined;
  try {
    if (enabled.slack) adapters.set('slack', await createSlackAdapter(deps, options.slack));
    if (enabled.discord) adapters.set('discord', await createDiscordAdapter(deps, options.discord));
    // Listeners in this process hear about every event settled anywhere (their hourglass, their deferral).
    await bus.subscribe((event, conversation) =>
      conversation.platform === 'terminal'
        ? undefined
        : adapters.get(conversation.platform)?.settled?.(event, conversation),
    );
    for (const adapter of adapters.values()) await adapter.start();
    ops = await base.startOps(() => {
      const checks: Record<string, boolean> = {};
      for (const [name, adapter] of adapters) checks[name] = adapter.isReady?.() ?? true;
      return checks;
    });
  } catch (error) {
    for (const adapter of adapters.values()) await adapter.stop().catch(() => {});
    await base.close();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    runtime,
    adapters: [...adapters.values()],
    metrics,
    ...(ops ? { ops } : {}),
    stop: () => {
      // Adapters first (no new events), then the engine finishes what it accepted, then the rest.
      stopping ??= (async () => {
        for (const adapter of adapters.values()) await adapter.stop();
        if (!config.REDIS_URL) await runtime.engine.drain();
        await base.close();
        await ops?.close();
      })();
      return stopping;
    },
  };
}

/**
 * Workers without listeners. They need Redis (the queue they share with the adapters) and a platform
 * token for each platform whose replies they send.
 */
export async function startWorker(config: Config, options: WorkerOptions = {}): Promise<WorkerProcess> {
  const problems = [
    ...(config.REDIS_URL
      ? []
      : ['REDIS_URL: required by `authdoctor worker` (workers take their jobs from the queue in Redis)']),
    ...(enabledAdapters(config).slack || enabledAdapters(config).discord
      ? []
      : [
          'SLACK_BOT_TOKEN or DISCORD_TOKEN + DISCORD_APPLICATION_ID: a worker sends replies, so it needs the platform tokens',
        ]),
  ];
  if (problems.length > 0)
    throw new AuthdoctorError(
      ErrorCodes.CONFIG_INVALID,
      `Invalid configuration for a worker:\n${problems.map((p) => `  ${p}`).join('\n')}`,
      { hint: 'Set the same REDIS_URL and platform tokens as the `authdoctor serve` processes.' },
    );
  const deliveries = new Map<PlatformName, PlatformDelivery>();
  const base = answering(config, options, deliveries);
  let ops: OpsServer | undefined;
  try {
    for (const [name, delivery] of createDeliveries(config, {
      store: base.runtime.store,
      log: base.log,
      ...(options.now ? { now: options.now } : {}),
      ...options.deliveries,
    }))
      deliveries.set(name, delivery);
    ops = await base.startOps(() => ({}));
  } catch (error) {
    await base.close();
    throw error;
  }
  base.log.info(
    { platforms: [...deliveries.keys()], concurrency: config.AUTHDOCTOR_WORKER_CONCURRENCY },
    'worker started',
  );
  let stopping: Promise<void> | undefined;
  return {
    runtime: base.runtime,
    deliveries: [...deliveries.values()],
    metrics: base.metrics,
    ...(ops ? { ops } : {}),
    stop: () => {
      // The queue's close waits for the jobs in flight; the rest stays in Redis for the other workers.
      stopping ??= (async () => {
        await base.close();
        for (const delivery of deliveries.values()) await delivery.close().catch(() => {});
        await ops?.close();
      })();
      return stopping;
    },
  };
}

/** The parts every answering process has: runtime, routes, settled bus, metrics and the ops server. */
function answering(config: Config, options: ServerOptions, routes: ReadonlyMap<PlatformName, Route>) {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const metrics = createMetrics();
  const bus: SettledBus = createSettledBus({
    redisUrl: config.REDIS_URL,
    keyPrefix: config.AUTHDOCTOR_REDIS_PREFIX,
    log,
  });
  const queue =
    options.queue ??
    createJobQueue<EventJob>(config, 'events', {
      log,
      onAttemptFailed: (final) => metrics.jobFailed('events', final),
    });
  const runtime = createRuntime(
    config,
    { ...routingHooks({ routes, bus, log, metrics }), ...(options.now ? { now: options.now } : {}) },
    {
      log,
      queue,
      ...(options.diagnoser ? { diagnoser: options.diagnoser } : {}),
      ...(options.settings ? { settings: options.settings } : {}),
      webhook: { onAttempt: (result) => metrics.webhookAttempt(result), ...options.webhook },
    },
  );
  metrics.queueDepth(() => runtime.queue.counts());
  return {
    runtime,
    log,
    metrics,
    bus,
    /** Starts /metrics, /healthz, /readyz when METRICS_PORT is set; `platforms` names what is connected. */
    async startOps(platforms: () => Record<string, boolean>): Promise<OpsServer | undefined> {
      if (config.METRICS_PORT === undefined) return undefined;
      const ops = await startOpsServer({
        port: config.METRICS_PORT,
        metrics,
        log,
        ready: async () => {
          const checks: Record<string, boolean | string> = { ...platforms() };
          if (config.REDIS_URL)
            checks.redis = await runtime.queue.counts().then(
              () => true,
              () => 'not answering',
            );
          return { ok: Object.values(checks).every((v) => v === true), checks };
        },
      });
      log.info({ port: ops.port }, 'serving /metrics, /healthz and /readyz');
      return ops;
    },
    async close() {
      await runtime.close();
      await bus.close();
    },
  };
}

/** The engine as adapters see it, counting what they hand it. */
function measuredEngine(engine: Engine, metrics: Metrics): Engine {
  return {
    ...engine,
    accept: async (incoming) => {
      const platform =
        incoming.kind === 'claim' || incoming.kind === 'release' ? 'claim' : incoming.conversation.platform;
      try {
        const result = await engine.accept(incoming);
        metrics.eventAccepted(platform, result.accepted);
        return result;
      } catch (error) {
        if (error instanceof RateLimitedError) metrics.eventRefused(platform, error.scope);
        else metrics.acceptFailed(platform);
        throw error;
      }
    },
    admit: async (incoming) => {
      try {
        await engine.admit(incoming);
      } catch (error) {
        if (error instanceof RateLimitedError)
          metrics.eventRefused(incoming.conversation.platform, error.scope);
        throw error;
      }
    },
  };
}
