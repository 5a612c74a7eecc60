/**
 * End to end on Discord: a claimed escalation carries a Release button only its claimer may use;
 * releasing tells the user's thread and redraws the post open to claims again.
 */
import { expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { discordBoot, postMention } from '../support/discord-bot.js';
import { customIds, discordPayloadProblems, discordText } from '../support/discord-payloads.js';
import { type FakeDiscord, waitFor } from '../support/fake-discord.js';

const boot = discordBoot();

async function escalate(fake: FakeDiscord): Promise<string> {
  const posted = postMention(fake, PASTES.missingHeader);
  const diagnosis = await waitFor(() => fake.postsIn(posted.id)[0], 'the diagnosis');
  const human = customIds(diagnosis.body).find((id) => id.startsWith('ad1|human|'))!;
  fake.clickButton(fake.alice, diagnosis.response, human);
  return posted.id;
}

const patchOf = (fake: FakeDiscord, press: { token: string }) =>
  waitFor(() => fake.interactionCalls(press).find((c) => c.method === 'PATCH'), 'the post redrawn');

it('claim → Release (the claimer only) → the user is told and the post can be claimed again', async () => {
  const { fake } = await boot({
    env: (f: FakeDiscord) => ({
      DISCORD_ESCALATION_CHANNEL: f.channelIds.escalations,
      AUTHDOCTOR_RENOTIFY_MINUTES: '0',
    }),
  });
  const thread = await escalate(fake);
  const post = await waitFor(() => fake.postsIn(fake.channelIds.escalations)[0], 'the escalation post');
  const claim = customIds(post.body).find((id) => id.startsWith('ad1|claim|'))!;

  const claimed = await patchOf(fake, fake.clickButton(fake.support, post.response, claim));
  const release = customIds(claimed.body).find((id) => id.startsWith('ad1|release|'));
  expect(release).toBe(claim.replace('|claim|', '|release|'));
  expect(discordPayloadProblems(claimed.body)).toEqual([]);

  // Someone else is told, privately, that only the claimer may release it.
  const foreign = fake.clickButton(fake.bob, fake.message(post.response.id), release!);
  const refused = await waitFor(() => fake.interactionCalls(foreign)[0], 'the refusal');
  expect(refused.body.type).toBe(4);
  expect(refused.body.data.flags & 64).toBe(64);
  expect(discordText(refused.body)).toContain(`Only <@${fake.support.id}>`);

  const press = fake.clickButton(fake.support, fake.message(post.response.id), release!);
  const told = await waitFor(
    () => fake.postsIn(thread).find((c) => discordText(c.body).includes('handed this back')),
    'the user told',
  );
  expect(discordText(told.body)).toContain('Sam Support from the support team handed this back');
  const reopened = await patchOf(fake, press);
  expect(customIds(reopened.body)).toContain(claim);
  expect(customIds(reopened.body).some((id) => id.startsWith('ad1|release|'))).toBe(false);
  expect(discordPayloadProblems(reopened.body)).toEqual([]);

  // Open again: Bob may claim it now.
  const second = fake.clickButton(fake.bob, fake.message(post.response.id), claim);
  await waitFor(
    () => fake.postsIn(thread).find((c) => discordText(c.body).includes('Bob from the support team')),
    'the second claim told',
  );
  expect(JSON.stringify((await patchOf(fake, second)).body)).toContain(`<@${fake.bob.id}>`);
});
