/**
 * End to end: messages. Mentions start a thread, threads continue, DMs work, watched channels and forum
 * posts are answered only when they look like a 401 report, bots are never answered, and the privileged
 * Message Content intent is requested only when configured (the fake blanks content without it, as Discord
 * does).
 */
import { describe, expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { botMention, discordBoot, postMention } from '../support/discord-bot.js';
import { customIds, discordPayloadProblems, discordText } from '../support/discord-payloads.js';
import { type FakeDiscord, MESSAGE_CONTENT_INTENT, waitFor } from '../support/fake-discord.js';

const boot = discordBoot();

/** Whether the engine handled an event with this id (its log line names the event id, never text). */
const handled = (logs: string[], id: string) =>
  logs.some((l) => l.includes('"msg":"event handled"') && l.includes(`"event":"${id}"`));

describe('mentions', () => {
  it('a mention in a channel: the bot starts a thread on the message and answers in it', async () => {
    const { fake } = await boot();
    const posted = postMention(fake, `help, this fails:\n${PASTES.missingHeader}`);
    const reply = await waitFor(() => fake.postsIn(posted.id)[0], 'the reply in the thread');
    const thread = fake.callsTo(
      'POST',
      new RegExp(`^/channels/${fake.channelIds.general}/messages/${posted.id}/threads$`),
    );
    expect(thread).toHaveLength(1);
    expect(fake.calls.indexOf(thread[0]!)).toBeLessThan(fake.calls.indexOf(reply));
    expect(discordText(reply.body)).toContain('No credential was sent');
    expect(discordPayloadProblems(reply.body)).toEqual([]);
    expect(fake.postsIn(fake.channelIds.general)).toHaveLength(0);
  });

  it('without the Message Content intent: not requested; typed answers in the thread need a mention', async () => {
    const { fake, logs } = await boot();
    expect(fake.identifies[0]!.intents & MESSAGE_CONTENT_INTENT).toBe(0);
    const posted = postMention(fake, PASTES.missingHeader);
    await waitFor(() => fake.postsIn(posted.id)[0], 'the diagnosis');
    // Unmentioned, the message arrives blank: nothing to read, nothing said.
    const blank = fake.postMessage({ channel: posted.id, author: fake.alice, content: 'walk' });
    const asked = postMention(fake, 'walk', { channel: posted.id });
    const step = await waitFor(() => fake.postsIn(posted.id)[1], 'the first step');
    expect(discordText(step.body)).toMatch(/Step 1 of \d+/);
    await waitFor(() => handled(logs, asked.id), 'the mention handled');
    expect(handled(logs, blank.id)).toBe(false);
  });

  it('with the intent: requested, and typed answers in the bot thread continue the conversation', async () => {
    const { fake } = await boot({ env: { DISCORD_MESSAGE_CONTENT: 'true' } });
    expect(fake.identifies[0]!.intents & MESSAGE_CONTENT_INTENT).toBe(MESSAGE_CONTENT_INTENT);
    const posted = postMention(fake, PASTES.missingHeader);
    await waitFor(() => fake.postsIn(posted.id)[0], 'the diagnosis');
    fake.postMessage({ channel: posted.id, author: fake.alice, content: 'walk' });
    const step = await waitFor(() => fake.postsIn(posted.id)[1], 'the first step');
    expect(discordText(step.body)).toMatch(/Step 1 of \d+/);
    // The step's buttons belong to the same conversation as the typed answer.
    const still = customIds(step.body).find((id) => id.startsWith('ad1|still_401|'))!;
    fake.clickButton(fake.alice, step.response, still);
    const next = await waitFor(() => fake.postsIn(posted.id)[2], 'the second step');
    expect(discordText(next.body)).toMatch(/Step 2 of \d+/);
  });

  it('a mention inside an existing thread continues in that thread', async () => {
    const { fake } = await boot();
    const thread = fake.addThread(fake.channelIds.general, fake.bob);
    const posted = fake.postMessage({
      channel: thread.id,
      author: fake.alice,
      content: `${botMention(fake)}\n${PASTES.missingHeader}`,
      mentions: [fake.bot],
    });
    const reply = await waitFor(() => fake.postsIn(thread.id)[0], 'the reply in the thread');
    expect(discordText(reply.body)).toContain('No credential was sent');
    expect(fake.callsTo('POST', /\/threads$/)).toHaveLength(0);
    expect(posted.id).not.toBe(thread.id);
  });

  it('a DM is a conversation of its own, answered in the DM', async () => {
    const { fake } = await boot();
    const dm = fake.dmChannel(fake.alice);
    fake.postMessage({ channel: dm, author: fake.alice, content: PASTES.missingHeader });
    const reply = await waitFor(() => fake.postsIn(dm)[0], 'the reply in the DM');
    expect(discordText(reply.body)).toContain('No credential was sent');
    expect(fake.callsTo('POST', /\/threads$/)).toHaveLength(0);
  });
});

describe('bots', () => {
  it('never answers another bot or itself, even when mentioned', async () => {
    const { fake, logs } = await boot({ env: { DISCORD_MESSAGE_CONTENT: 'true' } });
    const fromBot = postMention(fake, PASTES.missingHeader, { author: fake.otherBot });
    const fromSelf = postMention(fake, PASTES.missingHeader, { author: fake.bot });
    const probe = postMention(fake, PASTES.missingHeader);
    await waitFor(() => fake.postsIn(probe.id)[0], 'the answer to a person');
    for (const ignored of [fromBot, fromSelf]) {
      expect(handled(logs, ignored.id)).toBe(false);
      expect(fake.calls.some((c) => c.path.includes(ignored.id))).toBe(false);
    }
  });
});

describe('watched channels (DISCORD_LISTEN_CHANNELS, with the intent)', () => {
  const watching = (fake: FakeDiscord) => ({
    DISCORD_MESSAGE_CONTENT: 'true',
    DISCORD_LISTEN_CHANNELS: `${fake.channelIds.help},${fake.channelIds.forum}`,
  });

  it('a text channel: chatter is left alone, a 401 report gets a thread and an answer', async () => {
    const { fake, logs } = await boot({ env: watching });
    const chatter = fake.postMessage({
      channel: fake.channelIds.help,
      author: fake.bob,
      content: 'morning all, anyone tried the new SDK release?',
    });
    const report = fake.postMessage({
      channel: fake.channelIds.help,
      author: fake.alice,
      content: PASTES.missingHeader,
    });
    const reply = await waitFor(() => fake.postsIn(report.id)[0], 'the answer in a thread on the report');
    expect(discordText(reply.body)).toContain('No credential was sent');
    expect(handled(logs, chatter.id)).toBe(false);
    expect(fake.calls.some((c) => c.path.includes(chatter.id))).toBe(false);
  });

  it('an unwatched channel is not read, even with the intent', async () => {
    const { fake, logs } = await boot({ env: watching });
    const elsewhere = fake.postMessage({
      channel: fake.channelIds.general,
      author: fake.alice,
      content: PASTES.missingHeader,
    });
    const probe = fake.postMessage({
      channel: fake.channelIds.help,
      author: fake.alice,
      content: PASTES.missingHeader,
    });
    await waitFor(() => fake.postsIn(probe.id)[0], 'the watched report answered');
    expect(handled(logs, elsewhere.id)).toBe(false);
  });

  it('a forum: a new post that looks like a 401 report is answered in its own thread', async () => {
    const { fake, logs } = await boot({ env: watching });
    const chat = fake.addThread(fake.channelIds.forum, fake.bob);
    const chatStarter = fake.postMessage({
      channel: chat.id,
      id: chat.id,
      author: fake.bob,
      content: 'Show and tell: our new dashboard',
    });
    const post = fake.addThread(fake.channelIds.forum, fake.alice);
    fake.postMessage({
      channel: post.id,
      id: post.id,
      author: fake.alice,
      content: `Getting 401 Unauthorized from GitHub, what am I missing?\n${PASTES.missingHeader}`,
    });
    const reply = await waitFor(() => fake.postsIn(post.id)[0], 'the answer in the post');
    expect(discordText(reply.body)).toContain('No credential was sent');
    expect(handled(logs, chatStarter.id)).toBe(false);
    expect(fake.postsIn(chat.id)).toHaveLength(0);
    expect(fake.callsTo('POST', /\/threads$/)).toHaveLength(0);

    // Once the bot answered in a post, the poster's next message there is read without a mention.
    fake.postMessage({ channel: post.id, author: fake.alice, content: 'walk' });
    const step = await waitFor(() => fake.postsIn(post.id)[1], 'the first step');
    expect(discordText(step.body)).toMatch(/Step 1 of \d+/);
  });
});
