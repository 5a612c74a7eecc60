/**
 * The Slack adapter: a Bolt app in HTTP mode (SLACK_SIGNING_SECRET; events, commands and interactivity on
 * POST /slack/events at PORT) or Socket Mode (SLACK_APP_TOKEN), with thin listeners per kind of payload
 * (`listeners/`) that turn Slack's payloads into `engine.accept` calls, and `deliver`/`escalate` that post
 * the engine's replies back. See docs/slack.md for the setup and what each scope is for.
 */
import { App, webApi } from '@slack/bolt';
import { enabledAdapters } from '../../src/config.js';
import { AuthdoctorError, ErrorCodes } from '../../src/errors.js';
import type { PlatformAdapter } from '../../src/platform/adapter.js';
import type { AdapterDeps } from '../../src/platform/deps.js';
import { MemorySessionStore } from '../../src/store/memory.js';
import { classifySlackError } from './api-errors.js';
import { boltLogger } from './bolt-logger.js';
import { type SlackClientOptions, slackClientOptions } from './client.js';
import type { SlackContext, Track } from './context.js';
import { createSlackDelivery } from './delivery.js';
import { registerActions } from './listeners/actions.js';
import { registerCommands } from './listeners/commands.js';
import { registerEvents } from './listeners/events.js';
import { registerShortcuts } from './listeners/shortcuts.js';
import { registerViews } from './listeners/views.js';
import { SlackMemory } from './memory.js';
import { createHttpReceiver } from './receiver.js';
import { WorkingIndicator } from './working.js';

/** Web API tuning (retries, request timeout: client.ts) and the listener's own timings. */
export interface SlackAdapterOptions extends SlackClientOptions {
  /** The "working…" reaction goes on a message with no reply after this long (default 1 s). */
  workingAfterMs?: number;
  /** Downloads of attached files give up after this long (default 10 s). */
  fileTimeoutMs?: number;
}

export async function createSlackAdapter(
  deps: AdapterDeps,
  options: SlackAdapterOptions = {},
): Promise<PlatformAdapter> {
  const { config, log } = deps;
  const mode = enabledAdapters(config).slack;
  const token = config.SLACK_BOT_TOKEN;
  if (!mode || !token)
    throw new AuthdoctorError(
      ErrorCodes.CONFIG_INVALID,
      'SLACK_BOT_TOKEN is required for the Slack adapter.',
    );
  const logger = boltLogger(log);
  const clientOptions = slackClientOptions(config, options);
  const bot = await whoAmI(new webApi.WebClient(token, { ...clientOptions, logger }));

  // Our own auth.test above gives Bolt the identity, so it makes no call of its own while constructing.
  const app = new App({
    token,
    botId: bot.botId,
    botUserId: bot.userId,
    tokenVerificationEnabled: false,
    logger,
    clientOptions,
    convoStore: false,
    ...(mode === 'socket'
      ? { socketMode: true, appToken: config.SLACK_APP_TOKEN }
      : {
          // Bolt's receiver behind a stricter timestamp check (./receiver.ts).
          receiver: createHttpReceiver({
            signingSecret: config.SLACK_SIGNING_SECRET ?? '',
            port: config.PORT,
            logger,
            log,
          }),
        }),
  });

  const ttlMs = config.AUTHDOCTOR_SESSION_TTL_HOURS * 3_600_000;
  // Without the engine's store (some tests), a bounded one of our own, closed with the adapter.
  const store = deps.store ?? new MemorySessionStore({ ttlMs, maxEntries: 20_000 });
  const memory = new SlackMemory({ store, ttlMs, log });
  const working = new WorkingIndicator(app.client, log, options.workingAfterMs ?? 1000);
  const ctx: SlackContext = {
    config,
    engine: deps.engine,
    diagnoser: deps.diagnoser,
    log,
    now: deps.now ?? Date.now,
    client: app.client,
    bot,
    memory,
    working,
    fileTimeoutMs: options.fileTimeoutMs ?? 10_000,
    ...(deps.analytics ? { analytics: deps.analytics } : {}),
  };

  const inFlight = new Set<Promise<void>>();
  const track: Track = (work) => {
    const done = work.catch((error: unknown) => {
      log.error(
        { code: (error as { code?: unknown }).code ?? classifySlackError(error).code },
        'a Slack event could not be handled',
      );
    });
    inFlight.add(done);
    void done.finally(() => inFlight.delete(done));
    return done;
  };
  registerEvents(app, ctx, track);
  registerCommands(app, ctx, track);
  registerActions(app, ctx, track);
  registerViews(app, ctx, track);
  registerShortcuts(app, ctx, track);
  app.error(async (error) => {
    log.error({ code: error.code }, 'Slack listener failed');
  });

  // The sending half, as `authdoctor worker` runs it, sharing this app's client and memory.
  const delivery = createSlackDelivery({
    config,
    store,
    log,
    ...(deps.now ? { now: deps.now } : {}),
    client: app.client,
    memory,
    working,
  });
  let started = false;
  return {
    platform: 'slack',
    async start() {
      if (mode === 'socket') await app.start();
      else await app.start(config.PORT);
      started = true;
      log.info(
        {
          mode,
          bot: bot.userId,
          workspace: bot.workspace,
          ...(mode === 'http' ? { port: config.PORT } : {}),
        },
        'Slack adapter started',
      );
    },
    async stop() {
      if (started) {
        started = false;
        await app.stop().catch((error: unknown) => {
          log.warn(
            { code: (error as { code?: unknown }).code ?? 'error' },
            'Slack receiver did not stop cleanly',
          );
        });
      }
      await Promise.allSettled([...inFlight]);
      working.clear();
      await delivery.close();
      await memory.close();
      if (!deps.store) await store.close();
    },
    deliver: (out) => delivery.deliver(out),
    isReady: () => started,
    settled: (event) => working.done(event),
    escalate: (packet, conversation, claim, notice) => delivery.escalate(packet, conversation, claim, notice),
  };
}

/** The bot's identity, once: a token Slack refuses stops the start with what to do. */
async function whoAmI(client: webApi.WebClient): Promise<SlackContext['bot']> {
  let auth: webApi.AuthTestResponse;
  try {
    auth = await client.auth.test();
  } catch (error) {
    const failure = classifySlackError(error);
    throw new AuthdoctorError(ErrorCodes.CONFIG_INVALID, `Slack refused SLACK_BOT_TOKEN (${failure.code}).`, {
      hint:
        failure.kind === 'permanent'
          ? `${failure.advice}.`
          : 'Slack could not be reached: check the network and SLACK_API_URL, then start again.',
      cause: error,
    });
  }
  if (!auth.user_id || !auth.team_id)
    throw new AuthdoctorError(
      ErrorCodes.CONFIG_INVALID,
      'SLACK_BOT_TOKEN is not a bot token (auth.test named no bot user).',
      {
        hint: 'Use the Bot User OAuth Token (xoxb-…) from "OAuth & Permissions".',
      },
    );
  return { userId: auth.user_id, botId: auth.bot_id, workspace: auth.team_id };
}
