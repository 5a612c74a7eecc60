/**
 * The sending halves of the configured platforms, for a process that answers conversations without
 * listening for events (`authdoctor worker`): no Slack receiver, no Discord gateway, only Web API / REST
 * clients. Everything a delivery remembers between events is in the session store, so a worker may send
 * the replies of an event another process accepted.
 */
import type { Config } from '../src/config.js';
import { enabledAdapters } from '../src/config.js';
import type { Logger } from '../src/log.js';
import type { PlatformDelivery, PlatformName } from '../src/platform/adapter.js';
import type { SessionStore } from '../src/store/types.js';
import { createDiscordDelivery, type DiscordRestOptions } from './discord/delivery.js';
import type { SlackClientOptions } from './slack/client.js';
import { createSlackDelivery } from './slack/delivery.js';

/** What every platform's delivery is built from; each platform adds its optional shared client. */
export interface DeliveryDeps {
  config: Config;
  /** The engine's session store: shared (Redis) when several processes deliver. */
  store: SessionStore;
  log: Logger;
  now?: () => number;
}

export interface DeliveriesOptions {
  store: SessionStore;
  log: Logger;
  now?: () => number;
  /** Tests: shorter retries and timeouts against the platform fakes. */
  slack?: SlackClientOptions;
  discord?: { rest?: DiscordRestOptions };
}

/** A delivery per platform enabled in `config` (enabledAdapters). The caller closes them. */
export function createDeliveries(
  config: Config,
  options: DeliveriesOptions,
): Map<PlatformName, PlatformDelivery> {
  const enabled = enabledAdapters(config);
  const deps: DeliveryDeps = {
    config,
    store: options.store,
    log: options.log,
    ...(options.now ? { now: options.now } : {}),
  };
  const deliveries = new Map<PlatformName, PlatformDelivery>();
  if (enabled.slack) deliveries.set('slack', createSlackDelivery({ ...deps, ...options.slack }));
  if (enabled.discord)
    deliveries.set(
      'discord',
      createDiscordDelivery({
        ...deps,
        ...(options.discord?.rest ? { restOptions: options.discord.rest } : {}),
      }),
    );
  return deliveries;
}
