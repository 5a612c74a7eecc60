/**
 * End to end: where replies go beyond the first answer. A deferred reply the engine leaves unanswered is
 * removed rather than left "thinking"; a paste sent in two parts edits the earlier diagnosis in place;
 * `/diagnose` in a DM answers in the DM.
 */
import { expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { discordBoot, postMention } from '../support/discord-bot.js';
import { customIds, discordText } from '../support/discord-payloads.js';
import { waitFor } from '../support/fake-discord.js';

const boot = discordBoot();

it('a deferred reply the engine leaves unanswered (a human has the thread) is removed, not left thinking', async () => {
  const { fake } = await boot();
  const posted = postMention(fake, PASTES.missingHeader);
  const diagnosis = await waitFor(() => fake.postsIn(posted.id)[0], 'the diagnosis');
  fake.clickButton(
    fake.alice,
    diagnosis.response,
    customIds(diagnosis.body).find((id) => id.startsWith('ad1|human|'))!,
  );
  await waitFor(() => fake.postsIn(posted.id)[1], 'the escalation reply');

  // Escalated: the bot stays quiet in this thread, even for /diagnose.
  const quiet = fake.slashDiagnose(fake.alice, posted.id, { paste: PASTES.unexplained });
  const removed = await waitFor(
    () => fake.interactionCalls(quiet).find((c) => c.method === 'DELETE'),
    'the deferred reply removed',
  );
  expect(removed.path.endsWith('/messages/@original')).toBe(true);
  expect(fake.interactionCalls(quiet).map((c) => c.method)).toEqual(['POST', 'DELETE']);
});

it('a paste in two messages within the paste window: the second edits the first diagnosis in place', async () => {
  const { fake } = await boot({
    env: { AUTHDOCTOR_PASTE_WINDOW_MS: '60000', DISCORD_MESSAGE_CONTENT: 'true' },
  });
  const [command, ...output] = PASTES.missingHeader.split('\n');
  const posted = postMention(fake, command!);
  const first = await waitFor(() => fake.postsIn(posted.id)[0], 'the first diagnosis');
  fake.postMessage({ channel: posted.id, author: fake.alice, content: output.join('\n') });
  const edit = await waitFor(
    () => fake.callsTo('PATCH', new RegExp(`^/channels/${posted.id}/messages/${first.response.id}$`))[0],
    'the diagnosis edited',
  );
  expect(discordText(edit.body)).toContain('No credential was sent');
  expect(fake.postsIn(posted.id)).toHaveLength(1);
});

it('/diagnose in a DM with the bot: answered in the DM, no thread', async () => {
  const { fake } = await boot();
  const dm = fake.dmChannel(fake.alice);
  const interaction = fake.slashDiagnose(fake.alice, dm, { paste: PASTES.missingHeader });
  const edit = await waitFor(
    () => fake.interactionCalls(interaction).find((c) => c.method === 'PATCH'),
    'the diagnosis',
  );
  expect(discordText(edit.body)).toContain('No credential was sent');
  expect(fake.original(interaction).channel_id).toBe(dm);

  // Its buttons continue the DM conversation, answered as follow-ups in the DM.
  const original = fake.original(interaction);
  fake.clickButton(fake.alice, original, customIds(original).find((id) => id.startsWith('ad1|walk|'))!);
  const step = await waitFor(() => fake.postsIn(dm)[0], 'the first step in the DM');
  expect(discordText(step.body)).toMatch(/Step 1 of \d+/);
  expect(fake.callsTo('POST', /\/threads$/)).toHaveLength(0);
});
