/**
 * Bad input through Discord, end to end: the same table as on Slack through `/diagnose paste:`, and a ~1 MB
 * file through `/diagnose file:`. Each is acknowledged once, gets one clear answer within Discord's limits,
 * and the bot stays up.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Server } from '../../adapters/serve.js';
import { BAD_INPUTS, HUGE_PASTE } from '../support/bad-inputs.js';
import { PASTES } from '../support/conversation.js';
import { discordBoot } from '../support/discord-bot.js';
import { discordPayloadProblems, discordText } from '../support/discord-payloads.js';
import { type FakeDiscord, waitFor } from '../support/fake-discord.js';

// One bot for the whole table: each row is its own conversation.
const boot = discordBoot(afterAll);
let fake: FakeDiscord;
let server: Server;
beforeAll(async () => {
  ({ fake, server } = await boot());
});

async function diagnose(options: Parameters<FakeDiscord['slashDiagnose']>[2]) {
  const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, options);
  const answer = await waitFor(
    () =>
      fake.interactionCalls(interaction).find((c) => c.method === 'PATCH' && c.path.endsWith('/@original')),
    'the answer in @original',
  );
  await server.runtime.engine.drain();
  const calls = fake.interactionCalls(interaction);
  expect(calls.filter((c) => c.path.endsWith('/callback'))).toHaveLength(1);
  // Every message the bot sent for it (the answer, follow-ups), not the acknowledgement or the thread.
  const messages = calls.filter(
    (c) => c.body && typeof c.body === 'object' && ('content' in c.body || 'embeds' in c.body),
  );
  expect(messages.length).toBeGreaterThan(0);
  for (const call of messages) expect(discordPayloadProblems(call.body)).toEqual([]);
  return answer;
}

describe('bad input on Discord', () => {
  it.each(BAD_INPUTS.filter((b) => b.text.trim() !== ''))(
    '$name: one clear answer, valid payloads',
    async ({ text, expect: says }) => {
      const answer = await diagnose({ paste: text });
      expect(discordText(answer.body)).toMatch(says);
    },
  );

  it('an empty or blank paste option is treated like no paste: the form opens', async () => {
    for (const paste of ['', '   ']) {
      const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, { paste });
      const callback = await waitFor(() => fake.interactionCalls(interaction)[0], 'the answer');
      expect(callback.body.type).toBe(9); // MODAL
    }
  });

  it('a ~1 MB file is read up to the cap and answered within limits; the next command is answered too', async () => {
    const file = fake.serveFile('huge-trace.txt', HUGE_PASTE);
    const answer = await diagnose({ file: { filename: 'huge-trace.txt', ...file } });
    expect(discordText(answer.body)).toContain('No credential was sent');
    expect(discordText(answer.body)).toContain('Your paste was larger than I read');
    const next = await diagnose({ paste: PASTES.missingHeader });
    expect(discordText(next.body)).toContain('No credential was sent');
  });
});
