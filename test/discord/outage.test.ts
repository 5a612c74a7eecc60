/**
 * Discord answering 500 for longer than a job's attempts last: the reply is retried until Discord is back
 * (the delivery marks Discord's failures as an outage for the queue) and goes out once, thanks to the nonce.
 */
import { describe, expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { discordBoot, postMention } from '../support/discord-bot.js';
import { waitFor } from '../support/wait.js';

const boot = discordBoot();
const MESSAGES = /^\/channels\/\d+\/messages$/;

describe('Discord outage', () => {
  it('a reply that meets more 500s than the attempts allow still goes out, once', async () => {
    const { fake, server } = await boot();
    // Five attempts of two calls each (discord.js retries once) would all fail on these.
    for (let i = 0; i < 12; i++)
      fake.failNext('POST', MESSAGES, 500, { message: '500: Internal Server Error', code: 0 });
    const posted = postMention(fake, PASTES.missingHeader);
    const thread = await waitFor(() => fake.channel(posted.id), 'the thread');
    await waitFor(() => fake.postsIn(thread.id).length > 0, 'the reply, after the outage', 60_000);
    await server.runtime.engine.drain();
    expect(fake.callsTo('POST', MESSAGES).filter((c) => c.status === 500)).toHaveLength(12);
    expect(fake.postsIn(thread.id)).toHaveLength(1);
    expect(await server.runtime.queue.failed()).toEqual([]);
  }, 90_000);
});
