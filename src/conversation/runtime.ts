/**
 * Everything an adapter needs to run conversations, built from the configuration: the diagnoser, the
 * session store and the events queue (in this process, or on Redis when REDIS_URL is set, shared with
 * every other authdoctor process there) and the engine over them.
 */
import { type AnalyticsStore, createAnalytics, factsOf } from '../analytics/index.js';
import type { Config } from '../config.js';
import { createDiagnoser, type Diagnoser, type DiagnoserInit } from '../diagnose/service.js';
import { type WebhookInit, webhookFromConfig, withWebhook } from '../escalation/route.js';
import type { WebhookSender } from '../escalation/webhook.js';
import { createRateLimiter, rateLimitsFrom } from '../limits/index.js';
import { type Logger, silentLogger } from '../log.js';
import { createJobQueue } from '../queue/index.js';
import type { JobQueue } from '../queue/types.js';
import { createSessionStore } from '../store/index.js';
import type { SessionStore } from '../store/types.js';
import { createEngine, type Engine, type EngineDeps, type EngineSettingsWithHost } from './engine.js';
import type { EventJob } from './events.js';

export interface Runtime {
  engine: Engine;
  store: SessionStore;
  diagnoser: Diagnoser;
  settings: EngineSettingsWithHost;
  /** The events queue: BullMQ with REDIS_URL (shared by every process), else in this process. */
  queue: JobQueue<EventJob>;
  /** The escalation webhook, when AUTHDOCTOR_ESCALATION_WEBHOOK_URL is set. */
  webhook?: WebhookSender;
  /** Anonymous daily counts for `stats`: Redis with REDIS_URL, else this process's memory. */
  analytics: AnalyticsStore;
  close(): Promise<void>;
}

export type RuntimeHooks = Omit<EngineDeps, 'diagnoser' | 'store' | 'queue' | 'settings'>;

export function settingsFrom(config: Config): EngineSettingsWithHost {
  return {
    stuckAfter: config.AUTHDOCTOR_STUCK_AFTER,
    followUpMs: config.AUTHDOCTOR_FOLLOWUP_MINUTES * 60_000,
    reminderHorizonMs: config.AUTHDOCTOR_SESSION_TTL_HOURS * 3_600_000,
    pasteWindowMs: config.AUTHDOCTOR_PASTE_WINDOW_MS,
    sessionTtlMs: config.AUTHDOCTOR_SESSION_TTL_HOURS * 3_600_000,
    renotifyMs: config.AUTHDOCTOR_RENOTIFY_MINUTES * 60_000,
    lockMs: config.AUTHDOCTOR_JOB_LOCK_SECONDS * 1000,
    maxOpenSessionsPerUser: config.AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER,
    support: {
      ...(config.AUTHDOCTOR_SUPPORT_URL ? { url: config.AUTHDOCTOR_SUPPORT_URL } : {}),
      ...(supportChannel(config) ? { channel: supportChannel(config)! } : {}),
    },
  };
}

/** How the support channel is named to users: the configured name, or a generic one when only ids are set. */
function supportChannel(config: Config): string | undefined {
  if (config.AUTHDOCTOR_SUPPORT_CHANNEL) return config.AUTHDOCTOR_SUPPORT_CHANNEL;
  if (config.SLACK_ESCALATION_CHANNEL || config.DISCORD_ESCALATION_CHANNEL) return 'the support channel';
  return undefined;
}

export function createRuntime(
  config: Config,
  hooks: RuntimeHooks,
  init: {
    diagnoser?: DiagnoserInit;
    log?: Logger;
    /** Tests: settings the configuration cannot express (a renotify interval under a minute). */
    settings?: Partial<EngineSettingsWithHost>;
    /** Tests: the escalation webhook's queue and fetch. */
    webhook?: WebhookInit;
    /** Tests and benchmarks: the events queue (closed by close()). */
    queue?: JobQueue<EventJob>;
    /** Tests: an analytics store of their own (left open by close()). */
    analytics?: AnalyticsStore;
  } = {},
): Runtime {
  const diagnoser = createDiagnoser(config, init.diagnoser);
  const settings = { ...settingsFrom(config), ...init.settings };
  const webhook = webhookFromConfig(config, init.log ?? silentLogger, init.webhook);
  const store = createSessionStore({
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    keyPrefix: config.AUTHDOCTOR_REDIS_PREFIX,
    ttlMs: settings.sessionTtlMs,
    maxEntries: config.AUTHDOCTOR_MAX_SESSIONS,
  });
  const queue = init.queue ?? createJobQueue<EventJob>(config, 'events', init.log ? { log: init.log } : {});
  const analytics = init.analytics ?? createAnalytics(config);
  const limiter = createRateLimiter(config);
  const engine = createEngine({
    diagnoser,
    store,
    queue,
    settings,
    ...(webhook ? withWebhook(hooks, webhook, init.log ?? silentLogger) : hooks),
    ...(limiter ? { limits: { ...rateLimitsFrom(config), limiter } } : {}),
    forget: async (user) => {
      await Promise.all([hooks.forget?.(user), webhook?.purge(user)]);
    },
    handled: async (record, conversation) => {
      // Neither observer may cost the other an event: both run, and a failure is reported after.
      const results = await Promise.allSettled([
        (async () => hooks.handled?.(record, conversation))(),
        analytics.record(factsOf(record.event, record.before, record.after, record.effects), record.event.at),
      ]);
      const failed = results.find((r) => r.status === 'rejected');
      if (failed) throw failed.reason;
    },
    ...(init.log ? { log: init.log } : {}),
  });
  engine.start();
  webhook?.start();
  return {
    engine,
    store,
    diagnoser,
    settings,
    queue,
    ...(webhook ? { webhook } : {}),
    analytics,
    close: async () => {
      await engine.close();
      // After the engine: its last effects may still queue deliveries.
      await webhook?.close();
      await store.close();
      await limiter?.close();
      if (!init.analytics) await analytics.close();
    },
  };
}
