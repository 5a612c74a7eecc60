/**
 * The boot and teardown every Discord end-to-end test file shares: a fresh fake Discord and the real bot
 * (`startBot`, as `npm start` composes it) per boot, stopped after each test, plus how a user mentions the
 * bot. Kept apart from fake-discord.ts, which the bench imports outside vitest.
 */
import { afterEach } from 'vitest';
import type { DiscordAdapterOptions } from '../../adapters/discord/adapter.js';
import type { Server } from '../../adapters/serve.js';
import { FakeDiscord, type FakeDiscordOptions, type FakeUser, type Json, startBot } from './fake-discord.js';

export interface DiscordBootOptions {
  /** Config on top of startBot's; a function when it names the fake's ids (channels, users). */
  env?: Record<string, string> | ((fake: FakeDiscord) => Record<string, string>);
  /** How the fake is set up (permissions the bot has). */
  fake?: FakeDiscordOptions;
  /** Adapter options on top of startBot's short REST timeouts. */
  discord?: DiscordAdapterOptions;
}

export interface DiscordBot {
  fake: FakeDiscord;
  server: Server;
  /** Every log line the bot wrote (JSON). */
  logs: string[];
}

/**
 * Registers the teardown (after each test unless `teardown` says otherwise, e.g. `afterAll` for one bot per
 * file) and returns the boot function. Everything booted is stopped, the bot before its fake, even a boot
 * that failed halfway.
 */
export function discordBoot(
  teardown: (stop: () => Promise<void>) => void = afterEach,
): (options?: DiscordBootOptions) => Promise<DiscordBot> {
  const running: { fake: FakeDiscord; server?: Server }[] = [];
  teardown(async () => {
    for (const { fake, server } of running.splice(0).reverse()) {
      await server?.stop();
      await fake.close();
    }
  });
  return async (options = {}) => {
    const fake = await FakeDiscord.start(options.fake);
    const entry: { fake: FakeDiscord; server?: Server } = { fake };
    running.push(entry);
    const env = typeof options.env === 'function' ? options.env(fake) : options.env;
    const { server, logs } = await startBot(fake, env, options.discord);
    entry.server = server;
    return { fake, server, logs };
  };
}

/** How a user writes the bot's mention in a message. */
export const botMention = (fake: FakeDiscord) => `<@${fake.bot.id}>`;

/** A message that mentions the bot before `text`: by Alice in #general unless told otherwise. */
export function postMention(
  fake: FakeDiscord,
  text: string,
  where: { channel?: string; author?: FakeUser } = {},
): Json {
  return fake.postMessage({
    channel: where.channel ?? fake.channelIds.general,
    author: where.author ?? fake.alice,
    content: `${botMention(fake)} ${text}`,
    mentions: [fake.bot],
  });
}
