/** What the listeners share: the client, the engine, the delivery and its store-backed records. */
import type { Client, REST } from 'discord.js';
import type { Logger } from '../../src/log.js';
import type { AdapterDeps } from '../../src/platform/deps.js';
import type { DiscordDelivery } from './delivery.js';
import type { LiveInteractions } from './live.js';
import type { Recent } from './memory.js';
import type { MessageSources } from './records.js';

export interface DiscordContext {
  client: Client;
  rest: REST;
  deps: AdapterDeps;
  log: Logger;
  now: () => number;
  live: LiveInteractions;
  /** Event id → the message its paste came from (for the delete offer); in the session store. */
  sources: MessageSources;
  /** Threads the bot is talking in, beyond those it owns: their messages are read without a mention. */
  engaged: Recent<string, true>;
  delivery: DiscordDelivery;
  /** DISCORD_MESSAGE_CONTENT: ordinary messages carry their text. */
  contentIntent: boolean;
  listen: ReadonlySet<string>;
  attachmentTimeoutMs: number | undefined;
  botId(): string;
}
