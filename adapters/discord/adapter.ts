/**
 * The Discord adapter: a discord.js client whose listeners turn interactions and messages into
 * `engine.accept` calls, and a delivery that routes the engine's replies back (deliver.ts). Setup, intents
 * and how conversations map to threads: docs/discord.md.
 */
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { AuthdoctorError, ErrorCodes } from '../../src/errors.js';
import type { PlatformAdapter } from '../../src/platform/adapter.js';
import type { AdapterDeps } from '../../src/platform/deps.js';
import { MemorySessionStore } from '../../src/store/memory.js';
import type { DiscordContext } from './context.js';
import { createDiscordDelivery, type DiscordRestOptions, logRateLimits } from './delivery.js';
import { guarded, guardGateway } from './guard.js';
import { interactionListener } from './listeners/interactions.js';
import { messageListener } from './listeners/messages.js';
import { Recent } from './memory.js';
import { describeError } from './rest.js';

export interface DiscordAdapterOptions {
  /** REST tuning (tests: shorter timeouts, fewer retries, no extra wait after a 429). */
  rest?: DiscordRestOptions;
  /** Download timeout for attachments (10 s). */
  attachmentTimeoutMs?: number;
  /** How long `start()` waits for the gateway to become ready (60 s). */
  readyTimeoutMs?: number;
}

export async function createDiscordAdapter(
  deps: AdapterDeps,
  options: DiscordAdapterOptions = {},
): Promise<PlatformAdapter> {
  const { config, log } = deps;
  const token = config.DISCORD_TOKEN;
  if (!token || !config.DISCORD_APPLICATION_ID)
    throw new AuthdoctorError(
      ErrorCodes.CONFIG_INVALID,
      'The Discord adapter needs DISCORD_TOKEN and DISCORD_APPLICATION_ID.',
    );
  const now = deps.now ?? Date.now;
  const contentIntent = config.DISCORD_MESSAGE_CONTENT;
  const client = new Client({
    // Message Content is privileged: requested only when configured (mentions and DMs carry text anyway).
    intents: [
      GatewayIntentBits.Guilds,
      GatewayIntentBits.GuildMessages,
      GatewayIntentBits.DirectMessages,
      ...(contentIntent ? [GatewayIntentBits.MessageContent] : []),
    ],
    // DM channels are not cached up front; without this partial, DMs are never emitted.
    partials: [Partials.Channel],
    allowedMentions: { parse: [] },
    rest: {
      ...(config.DISCORD_API_URL ? { api: config.DISCORD_API_URL.replace(/\/+$/, '') } : {}),
      ...(options.rest ?? {}),
    },
  });
  guardGateway(client, log);

  const ttlMs = config.AUTHDOCTOR_SESSION_TTL_HOURS * 3_600_000;
  // Without the engine's store (some tests), a bounded one of our own, closed with the adapter.
  const store = deps.store ?? new MemorySessionStore({ ttlMs, maxEntries: 20_000 });
  // The sending half, as `authdoctor worker` runs it, over this client's REST.
  const delivery = createDiscordDelivery({ config, store, log, now, rest: client.rest });
  const ctx: DiscordContext = {
    client,
    rest: client.rest,
    deps,
    log,
    now,
    live: delivery.live,
    sources: delivery.sources,
    engaged: new Recent<string, true>(50_000, ttlMs, now),
    delivery,
    contentIntent,
    listen: new Set(config.DISCORD_LISTEN_CHANNELS),
    attachmentTimeoutMs: options.attachmentTimeoutMs,
    botId: () => client.user?.id ?? config.DISCORD_APPLICATION_ID!,
  };

  let stopping = false;
  const inflight = new Set<Promise<void>>();
  const track = (work: Promise<void>) => {
    inflight.add(work);
    void work.finally(() => inflight.delete(work));
  };
  const onInteraction = interactionListener(ctx);
  const onMessage = messageListener(ctx);
  client.on(
    Events.InteractionCreate,
    guarded(log, 'interaction', async (i) => (stopping ? undefined : onInteraction(i)), track),
  );
  client.on(
    Events.MessageCreate,
    guarded(log, 'message', async (m) => (stopping ? undefined : onMessage(m)), track),
  );
  client.on(Events.Error, (error) => log.error({ ...describeError(error) }, 'Discord client error'));
  client.on(Events.ShardError, (error, shard) =>
    log.warn({ shard, ...describeError(error) }, 'Discord gateway connection error; reconnecting'),
  );
  client.on(Events.Warn, () => log.warn({}, 'Discord client warning'));
  logRateLimits(client.rest, log);

  return {
    platform: 'discord',
    async start() {
      let timer: NodeJS.Timeout | undefined;
      const ready = new Promise<void>((resolve, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new AuthdoctorError(ErrorCodes.CONFIG_INVALID, 'Discord did not become ready in time.', {
                hint: 'Check DISCORD_TOKEN, DISCORD_API_URL and the network.',
              }),
            ),
          options.readyTimeoutMs ?? 60_000,
        );
        client.once(Events.ClientReady, () => resolve());
      });
      // A failed login must not leave the timer's rejection unhandled.
      ready.catch(() => {});
      try {
        await client.login(token);
        await ready;
      } catch (error) {
        await client.destroy();
        throw error;
      } finally {
        clearTimeout(timer);
      }
      log.info(
        { user: client.user?.id, guilds: client.guilds.cache.size, contentIntent },
        'Discord connected',
      );
    },
    async stop() {
      stopping = true;
      await Promise.allSettled([...inflight]);
      // In-process queue: what was accepted still gets its replies before the connection goes. With Redis
      // the jobs are durable and any worker sends them, so nothing here needs to wait.
      if (!config.REDIS_URL)
        await Promise.race([
          deps.engine.drain(),
          new Promise((resolve) => setTimeout(resolve, 10_000).unref()),
        ]);
      await delivery.close();
      await client.destroy();
      if (!deps.store) await store.close();
    },
    deliver: (out) => delivery.deliver(out),
    isReady: () => client.isReady(),
    settled: (event, conversation) => delivery.settled(event, conversation),
    escalate: (packet, conversation, claim, notice) => delivery.escalate(packet, conversation, claim, notice),
  };
}
