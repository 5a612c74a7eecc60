/**
 * Discord's sending half as a part of its own: the engine's replies and escalations (deliver.ts) over a
 * REST client, with no gateway connection. What it remembers between events (live interactions, sent
 * messages, threads it could not use, escalation posts, paste sources) is in the session store, so any
 * process can deliver the replies of an interaction another process acknowledged. The adapter builds one
 * around its client's REST; `authdoctor worker` builds one with a REST of its own.
 */
import { REST, RESTEvents } from 'discord.js';
import type { ConversationRef } from '../../src/conversation/events.js';
import { AuthdoctorError, ErrorCodes } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { PlatformDelivery } from '../../src/platform/adapter.js';
import type { DeliveryDeps } from '../deliveries.js';
import { createDelivery } from './deliver.js';
import type { LiveInteraction } from './live.js';
import { LiveInteractions } from './live.js';
import { DiscordRecords, type MessageSources, type PostedEscalations } from './records.js';
import { type DiscordPayload, reminderPacket } from './render.js';
import { isDiscordAway } from './rest.js';

/** REST tuning (tests: shorter timeouts, fewer retries, no extra wait after a 429). */
export interface DiscordRestOptions {
  timeout?: number;
  retries?: number;
  offset?: number;
}

export interface DiscordDeliveryDeps extends DeliveryDeps {
  /** The adapter's client REST, to share; else one is built from DISCORD_TOKEN and DISCORD_API_URL. */
  rest?: REST;
  /** For a REST of its own. */
  restOptions?: DiscordRestOptions;
}

/** The delivery, plus what the adapter's listeners do through it before the engine answers. */
export interface DiscordDelivery extends PlatformDelivery {
  settled(event: string, conversation: ConversationRef): Promise<void>;
  /** Completes a deferred reply with the adapter's own message (an error, a duplicate). */
  settleWith(live: LiveInteraction, payload: DiscordPayload): Promise<void>;
  /** Notes about a message (an unreadable attachment) in its conversation, before the engine answers. */
  postNotes(conversation: ConversationRef, notes: DiscordPayload[]): Promise<void>;
  startConversationThread(
    conversation: ConversationRef,
    on: { channelId: string; messageId: string },
  ): Promise<void>;
  /** Live interactions: stored by the listener that acknowledged them, completed by the delivery. */
  readonly live: LiveInteractions;
  readonly sources: MessageSources;
  readonly escalations: PostedEscalations;
}

/** The REST the gateway client would use, without the gateway. */
export function createDiscordRest(
  token: string,
  apiUrl: string | undefined,
  options: DiscordRestOptions = {},
): REST {
  return new REST({ ...(apiUrl ? { api: apiUrl.replace(/\/+$/, '') } : {}), ...options }).setToken(token);
}

export function createDiscordDelivery(deps: DiscordDeliveryDeps): DiscordDelivery {
  const { config, store, log } = deps;
  const now = deps.now ?? Date.now;
  const rest = deps.rest ?? restOfItsOwn(deps);
  const live = new LiveInteractions(store, log, now);
  const records = new DiscordRecords(store, {
    log,
    sessionTtlMs: config.AUTHDOCTOR_SESSION_TTL_HOURS * 3_600_000,
  });
  const delivery = createDelivery({ rest, config, log, live, records, now });
  return {
    platform: 'discord',
    deliver: (out) =>
      delivery.deliver(out).catch((error: unknown) => {
        // Marked for the queue: Discord being away is retried for longer than a failing delivery.
        if (isDiscordAway(error) && typeof error === 'object' && error !== null)
          Object.assign(error, { outage: true });
        throw error;
      }),
    settled: (event, conversation) => delivery.settled(event, conversation),
    // A reminder reposts the escalation with a line saying how long it has waited unclaimed.
    escalate: (packet, conversation, claim, notice) =>
      delivery.escalate(notice ? reminderPacket(packet, notice) : packet, conversation, claim),
    settleWith: (entry, payload) => delivery.settleWith(entry, payload),
    postNotes: (conversation, notes) => delivery.postNotes(conversation, notes),
    startConversationThread: (conversation, on) => delivery.startConversationThread(conversation, on),
    live,
    sources: records.sources,
    escalations: records.escalations,
    async close() {
      live.clear();
      delivery.clear();
      if (deps.rest) return;
      // Its sweepers are unref'd timers; clearing them leaves nothing behind.
      rest.clearHashSweeper();
      rest.clearHandlerSweeper();
    },
  };
}

function restOfItsOwn(deps: DiscordDeliveryDeps): REST {
  const { config, log } = deps;
  if (!config.DISCORD_TOKEN)
    throw new AuthdoctorError(ErrorCodes.CONFIG_INVALID, 'Discord delivery needs DISCORD_TOKEN.', {
      hint: 'Set DISCORD_TOKEN (the bot token) for every process that answers Discord conversations.',
    });
  const rest = createDiscordRest(config.DISCORD_TOKEN, config.DISCORD_API_URL, deps.restOptions);
  logRateLimits(rest, log);
  return rest;
}

/** discord.js waits out a 429 and retries; one line says so. */
export function logRateLimits(rest: REST, log: Logger): void {
  rest.on(RESTEvents.RateLimited, (info) =>
    log.info(
      { method: info.method, retryAfter: info.retryAfter, global: info.global, scope: info.scope },
      'Discord rate limit; the request waits and is retried',
    ),
  );
}
