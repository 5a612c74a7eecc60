/**
 * Everything an adapter needs to run conversations, built from the configuration: the diagnoser, the
 * session store (memory, or Redis when REDIS_URL is set), the queue (in-process; BullMQ comes with the
 * scale-out work) and the engine over them.
 */
import type { Config } from '../config.js';
import { createDiagnoser, type Diagnoser, type DiagnoserInit } from '../diagnose/service.js';
import type { Logger } from '../log.js';
import { createMemoryQueue } from '../queue/memory.js';
import { createSessionStore } from '../store/index.js';
import type { SessionStore } from '../store/types.js';
import { createEngine, type Engine, type EngineDeps, type EngineSettingsWithHost } from './engine.js';
import type { EventJob } from './events.js';

export interface Runtime {
  engine: Engine;
  store: SessionStore;
  diagnoser: Diagnoser;
  settings: EngineSettingsWithHost;
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
  init: { diagnoser?: DiagnoserInit; log?: Logger } = {},
): Runtime {
  const diagnoser = createDiagnoser(config, init.diagnoser);
  const settings = settingsFrom(config);
  const store = createSessionStore({
    ...(config.REDIS_URL ? { redisUrl: config.REDIS_URL } : {}),
    keyPrefix: config.AUTHDOCTOR_REDIS_PREFIX,
    ttlMs: settings.sessionTtlMs,
    maxEntries: config.AUTHDOCTOR_MAX_SESSIONS,
  });
  const queue = createMemoryQueue<EventJob>();
  const engine = createEngine({
    diagnoser,
    store,
    queue,
    settings,
    ...hooks,
    ...(init.log ? { log: init.log } : {}),
  });
  engine.start();
  return {
    engine,
    store,
    diagnoser,
    settings,
    close: async () => {
      await engine.close();
      await store.close();
    },
  };
}
