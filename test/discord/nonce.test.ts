/**
 * A worker that takes over a half-sent reply must not post it twice: every channel message carries a nonce
 * derived from (event, reply, part) with enforce_nonce, and Discord (here the fake, which honours it) hands
 * back the message it already created. Two delivery instances stand for the dead worker and its successor.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createDiscordDelivery } from '../../adapters/discord/delivery.js';
import { loadConfig } from '../../src/config.js';
import type { Outbound } from '../../src/conversation/engine.js';
import { createLogger } from '../../src/log.js';
import type { Reply } from '../../src/reply/model.js';
import { MemorySessionStore } from '../../src/store/memory.js';
import { FakeDiscord } from '../support/fake-discord.js';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('Discord replies are idempotent per event', () => {
  it('a second attempt at the same reply part returns the first message; other parts and events post', async () => {
    const fake = await FakeDiscord.start();
    cleanups.push(() => fake.close());
    const config = loadConfig({
      DISCORD_TOKEN: 'fake-bot-token.discord',
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
    });
    const store = new MemorySessionStore({ ttlMs: 60_000 });
    const rest = { timeout: 5_000, retries: 1, offset: 0 };
    const [dead, next] = [0, 1].map(() => {
      const delivery = createDiscordDelivery({
        config,
        store,
        log: createLogger('silent'),
        restOptions: rest,
      });
      cleanups.push(() => delivery.close());
      return delivery;
    }) as [ReturnType<typeof createDiscordDelivery>, ReturnType<typeof createDiscordDelivery>];
    const reply: Reply = {
      visibility: 'public',
      summary: 'Diagnosis',
      parts: [{ type: 'text', text: 'No credential was sent', tone: 'plain' }],
    };
    const out = (event: string, index: number): Outbound => ({
      conversation: { platform: 'discord', workspace: fake.guildId, channel: fake.channelIds.general },
      user: fake.alice.id,
      event,
      replies: [reply],
      index,
    });
    // Distinct messages that exist in the channel (a nonce hit answers with the earlier one).
    const messages = () => new Set(fake.postsIn(fake.channelIds.general).map((c) => c.response?.id)).size;
    const created = () =>
      fake.callsTo('POST', new RegExp(`^/channels/${fake.channelIds.general}/messages$`)).map((c) => c.body);

    await dead.deliver(out('e1', 0));
    await next.deliver({ ...out('e1', 0), resumed: true });
    expect(created()).toHaveLength(2);
    expect(created()[0]).toMatchObject({ enforce_nonce: true });
    expect(created()[1]!.nonce).toBe(created()[0]!.nonce);
    expect(String(created()[0]!.nonce).length).toBeLessThanOrEqual(25);
    expect(messages()).toBe(1);

    await next.deliver(out('e1', 1));
    await next.deliver(out('e2', 0));
    expect(new Set(created().map((body) => body?.nonce)).size).toBe(3);
    expect(messages()).toBe(3);
  });
});
