/**
 * When the shared queue (Redis) does not answer, the deferred "thinking…" reply must not hang for ever: the
 * user is told the message was not taken and to send it again. Redis here is a port nothing listens on.
 */
import { describe, expect, it } from 'vitest';
import { UNAVAILABLE_TEXT } from '../../src/platform/unavailable.js';
import { PASTES } from '../support/conversation.js';
import { discordBoot } from '../support/discord-bot.js';
import { discordText } from '../support/discord-payloads.js';
import { freePort } from '../support/fake-slack.js';
import { waitFor } from '../support/wait.js';

const boot = discordBoot();

describe('Discord with the queue unreachable', () => {
  it('answers /diagnose in its deferred reply with "send it again", and keeps serving', async () => {
    const { fake } = await boot({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
    const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, {
      paste: PASTES.missingHeader,
    });
    const edit = await waitFor(
      () =>
        fake.interactionCalls(interaction).find((c) => c.method === 'PATCH' && c.path.endsWith('/@original')),
      'the note in @original',
    );
    expect(discordText(edit.body)).toBe(UNAVAILABLE_TEXT);
    const second = fake.slashDiagnose(fake.alice, fake.channelIds.general, { paste: PASTES.missingHeader });
    await waitFor(
      () => fake.interactionCalls(second).find((c) => c.method === 'PATCH' && c.path.endsWith('/@original')),
      'the second note',
    );
  });
});
