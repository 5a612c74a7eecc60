/**
 * `authdoctor serve`: one engine, and an adapter for each configured platform around it. Replies are routed
 * back to the platform a conversation lives on; escalations go to every configured escalation channel
 * (a support team may watch Slack for Discord users, or the other way round).
 */
import type { Config } from '../src/config.js';
import { enabledAdapters } from '../src/config.js';
import { createRuntime, type Runtime } from '../src/conversation/runtime.js';
import type { DiagnoserInit } from '../src/diagnose/service.js';
import { createLogger, type Logger } from '../src/log.js';
import type { PlatformAdapter, PlatformName } from '../src/platform/adapter.js';
import { createDiscordAdapter, type DiscordAdapterOptions } from './discord/adapter.js';
import { createSlackAdapter, type SlackAdapterOptions } from './slack/adapter.js';

export interface ServerOptions {
  log?: Logger;
  now?: () => number;
  diagnoser?: DiagnoserInit;
  /** Tests: shorter retries and timeouts against the platform fakes. */
  slack?: SlackAdapterOptions;
  discord?: DiscordAdapterOptions;
}

export interface Server {
  runtime: Runtime;
  adapters: PlatformAdapter[];
  stop(): Promise<void>;
}

export async function startServer(config: Config, options: ServerOptions = {}): Promise<Server> {
  const log = options.log ?? createLogger(config.LOG_LEVEL);
  const adapters = new Map<PlatformName, PlatformAdapter>();
  const runtime = createRuntime(
    config,
    {
      deliver: async (out) => {
        const adapter =
          out.conversation.platform === 'terminal' ? undefined : adapters.get(out.conversation.platform);
        if (!adapter) {
          log.warn(
            { platform: out.conversation.platform, event: out.event },
            'no adapter for a reply; dropped',
          );
          return;
        }
        await adapter.deliver(out);
      },
      settled: (event, conversation) =>
        conversation.platform === 'terminal'
          ? undefined
          : adapters.get(conversation.platform)?.settled?.(event, conversation),
      escalate: async (packet, conversation, handle) => {
        let posted = false;
        for (const adapter of adapters.values())
          posted = (await adapter.escalate(packet, conversation, handle.claim)) || posted;
        if (!posted)
          log.info(
            { escalation: packet.id },
            'escalated with no escalation channel configured; the user got the summary',
          );
      },
      ...(options.now ? { now: options.now } : {}),
    },
    { log, ...(options.diagnoser ? { diagnoser: options.diagnoser } : {}) },
  );
  const enabled = enabledAdapters(config);
  const deps = {
    config,
    engine: runtime.engine,
    diagnoser: runtime.diagnoser,
    store: runtime.store,
    log,
    ...(options.now ? { now: options.now } : {}),
  };
  try {
    if (enabled.slack) adapters.set('slack', await createSlackAdapter(deps, options.slack));
    if (enabled.discord) adapters.set('discord', await createDiscordAdapter(deps, options.discord));
    for (const adapter of adapters.values()) await adapter.start();
  } catch (error) {
    for (const adapter of adapters.values()) await adapter.stop().catch(() => {});
    await runtime.close();
    throw error;
  }
  let stopping: Promise<void> | undefined;
  return {
    runtime,
    adapters: [...adapters.values()],
    stop: () => {
      // Adapters first (no new events), then the engine finishes what it accepted.
      stopping ??= (async () => {
        for (const adapter of adapters.values()) await adapter.stop();
        await runtime.engine.drain();
        await runtime.close();
      })();
      return stopping;
    },
  };
}
