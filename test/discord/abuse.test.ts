/**
 * Abuse controls through the real discord.js client: a flood of mentions gets one reply saying when to try
 * again and nothing else; a slash command over the limit still has its deferred reply filled (an interaction
 * must be answered); too many conversations in progress gets a private note. (Admin-only commands:
 * test/discord/stats.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { discordBoot, postMention } from '../support/discord-bot.js';
import { discordText } from '../support/discord-payloads.js';
import { waitFor } from '../support/wait.js';

const boot = discordBoot();

describe('Discord abuse controls', () => {
  it('a flood of mentions: three answered, one reply saying when to try again, the rest dropped', async () => {
    const { fake, server } = await boot({ env: { AUTHDOCTOR_USER_RATE_PER_MINUTE: '3' } });
    const sent = Array.from({ length: 7 }, () => postMention(fake, 'help'));
    const refusals = () =>
      fake.calls.filter(
        (c) => c.method === 'POST' && /more than 3 messages in the last minute/.test(discordText(c.body)),
      );
    await waitFor(() => refusals().length >= 1, 'the refusal');
    await waitFor(() => sent.slice(0, 3).every((m) => fake.channel(m.id)), 'three threads');
    await server.runtime.engine.drain();
    expect(refusals()).toHaveLength(1);
    expect(refusals()[0]!.body.message_reference?.message_id).toBe(sent[3].id);
    // No thread was started for a refused message: nothing of it was read.
    expect(sent.slice(3).filter((m) => fake.channel(m.id))).toEqual([]);
  });

  it('/diagnose over the limit: the deferred reply says when to try again, every time', async () => {
    const { fake } = await boot({ env: { AUTHDOCTOR_USER_RATE_PER_MINUTE: '1' } });
    const first = fake.slashDiagnose(fake.alice, fake.channelIds.general, { paste: PASTES.missingHeader });
    await waitFor(() => fake.interactionCalls(first).length > 0, 'the first answered');
    for (let i = 0; i < 2; i++) {
      const over = fake.slashDiagnose(fake.alice, fake.channelIds.general, { paste: PASTES.missingHeader });
      const edit = await waitFor(
        () => fake.interactionCalls(over).find((c) => c.method === 'PATCH' && c.path.endsWith('/@original')),
        'the deferred reply filled',
      );
      expect(discordText(edit.body)).toMatch(/more than 1 messages in the last minute/);
    }
  });

  it('too many conversations in progress: the new one gets one note saying how to close one', async () => {
    const { fake, server } = await boot({ env: { AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER: '1' } });
    const said = () => fake.calls.filter((c) => c.body).map((c) => discordText(c.body));
    const first = postMention(fake, PASTES.missingHeader);
    await waitFor(() => fake.channel(first.id), 'the first thread');
    await server.runtime.engine.drain();
    const second = postMention(fake, PASTES.unexplained);
    await waitFor(
      () => said().find((text) => /You already have 1 conversations with me in progress/.test(text)),
      'the note',
    );
    await server.runtime.engine.drain();
    const note = /You already have 1 conversations with me in progress/;
    expect(said().filter((text) => note.test(text))).toHaveLength(1);
    void second;
  });
});
