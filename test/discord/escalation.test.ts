/**
 * End to end: "Talk to a human" posts the redacted escalation, with a jump link and a Claim button, in
 * DISCORD_ESCALATION_CHANNEL; Claim tells the user's thread who took over and marks the post as claimed.
 */
import { expect, it } from 'vitest';
import { githubToken, PASTES } from '../support/conversation.js';
import { discordBoot, postMention } from '../support/discord-bot.js';
import { customIds, discordPayloadProblems, discordText } from '../support/discord-payloads.js';
import { type FakeDiscord, waitFor } from '../support/fake-discord.js';

const boot = discordBoot();
const escalating = (fake: FakeDiscord) => ({ DISCORD_ESCALATION_CHANNEL: fake.channelIds.escalations });

/** A mention with a paste, then "Talk to a human" on the diagnosis: returns the thread id. */
async function escalate(fake: FakeDiscord, paste: string): Promise<string> {
  const posted = postMention(fake, paste);
  const diagnosis = await waitFor(() => fake.postsIn(posted.id)[0], 'the diagnosis');
  const human = customIds(diagnosis.body).find((id) => id.startsWith('ad1|human|'))!;
  fake.clickButton(fake.alice, diagnosis.response, human);
  return posted.id;
}

it('the escalation is posted with a jump link and a Claim button; Claim tells the user and marks the post', async () => {
  const { fake } = await boot({ env: escalating });
  const token = githubToken();
  const thread = await escalate(fake, PASTES.githubRejected(token));

  const post = await waitFor(() => fake.postsIn(fake.channelIds.escalations)[0], 'the escalation post');
  expect(discordPayloadProblems(post.body)).toEqual([]);
  expect(JSON.stringify(post.body)).toContain(`https://discord.com/channels/${fake.guildId}/${thread}`);
  const claim = customIds(post.body).find((id) => id.startsWith('ad1|claim|'))!;
  expect(claim).toBeDefined();
  expect(fake.allRaw()).not.toContain(token);
  // The user was told in the thread too.
  await waitFor(
    () => fake.postsIn(thread).find((c) => discordText(c.body).includes('human')),
    'the escalation reply',
  );

  const press = fake.clickButton(fake.support, post.response, claim);
  const told = await waitFor(
    () =>
      fake
        .postsIn(thread)
        .find((c) => discordText(c.body).includes('from the support team has taken this over')),
    'the user told',
  );
  expect(discordText(told.body)).toContain('Sam Support');
  const calls = fake.interactionCalls(press);
  expect(calls[0]!.body.type).toBe(6);
  const marked = await waitFor(
    () => fake.interactionCalls(press).find((c) => c.method === 'PATCH'),
    'the post updated',
  );
  expect(marked.path.endsWith('/messages/@original')).toBe(true);
  expect(JSON.stringify(marked.body)).toContain(`<@${fake.support.id}>`);
  expect(customIds(marked.body).some((id) => id.startsWith('ad1|claim|'))).toBe(false);
  expect(discordPayloadProblems(marked.body)).toEqual([]);
  expect(
    fake.message(post.response.id).content + JSON.stringify(fake.message(post.response.id).embeds),
  ).toContain(fake.support.id);

  // A second claim, from someone else, is told who has it.
  const late = fake.clickButton(fake.bob, post.response, claim);
  const answer = await waitFor(() => fake.interactionCalls(late)[0], 'the answer');
  expect(answer.body.type).toBe(4);
  expect(answer.body.data.flags & 64).toBe(64);
  expect(discordText(answer.body)).toContain('already taken this over');
  expect(
    fake.postsIn(thread).filter((c) => discordText(c.body).includes('has taken this over')),
  ).toHaveLength(1);
  expect(fake.allRaw()).not.toContain(token);
});

it('a Claim for an escalation that is unknown or expired gets an ephemeral "closed or expired"', async () => {
  const { fake } = await boot({ env: escalating });
  await escalate(fake, PASTES.missingHeader);
  const post = await waitFor(() => fake.postsIn(fake.channelIds.escalations)[0], 'the escalation post');
  // A claim token the store does not hold (expired with the session, or forgotten).
  const stale = fake.clickButton(fake.support, post.response, 'ad1|claim|E00000.0000000');
  const closed = await waitFor(
    () => fake.interactionCalls(stale).find((c) => c.method === 'POST' && !c.path.endsWith('/callback')),
    'the closed answer',
  );
  expect(fake.interactionCalls(stale)[0]!.body.type).toBe(6);
  expect(closed.body.flags & 64).toBe(64);
  expect(discordText(closed.body)).toContain('closed or expired');
  expect(fake.interactionCalls(stale).filter((c) => c.method === 'PATCH')).toHaveLength(0);
});

it('without DISCORD_ESCALATION_CHANNEL nothing is posted elsewhere; the user gets the summary', async () => {
  const { fake } = await boot();
  const thread = await escalate(fake, PASTES.missingHeader);
  const reply = await waitFor(
    () => fake.postsIn(thread).find((c) => discordText(c.body).toLowerCase().includes('summary')),
    'the summary for the user',
  );
  expect(reply).toBeDefined();
  expect(fake.postsIn(fake.channelIds.escalations)).toHaveLength(0);
});
