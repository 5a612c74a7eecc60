/**
 * Abuse controls through the real Bolt app: a user who floods the bot hears once, privately, when to try
 * again, and nothing of the flood is read or answered; a user with too many conversations in progress is
 * told privately how to close one. (Admin-only commands: test/slack/stats.test.ts.)
 */
import { describe, expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { sendEvent, waitFor } from '../support/fake-slack.js';
import { appMention, posts, slackBoot, textOf, USER } from '../support/slack-bot.js';

const boot = slackBoot();

describe('Slack abuse controls', () => {
  it('a flood from one user: the first messages answered, one private "wait" note, the rest dropped unread', async () => {
    const bot = await boot({ env: { AUTHDOCTOR_USER_RATE_PER_MINUTE: '3' } });
    const mentions = Array.from({ length: 8 }, () => appMention('help'));
    for (const mention of mentions) expect((await sendEvent(bot.base, mention)).status).toBe(200);
    await waitFor(() => bot.fake.of('chat.postEphemeral').length >= 1, 'the note');
    await waitFor(() => posts(bot).length >= 3, 'three answers');
    await bot.server.runtime.engine.drain();
    const answered = new Set(posts(bot).map((c) => c.args.thread_ts));
    expect([...answered].sort()).toEqual(
      mentions
        .slice(0, 3)
        .map((m) => m.ts)
        .sort(),
    );
    const notes = bot.fake.of('chat.postEphemeral');
    expect(notes).toHaveLength(1);
    expect(notes[0]!.args).toMatchObject({ user: USER, thread_ts: mentions[3]!.ts });
    expect(String(notes[0]!.args.text)).toMatch(
      /more than 3 messages in the last minute.*Send it again in 20 s/,
    );
    expect(bot.logs.some((line) => line.includes('message refused by a rate limit'))).toBe(true);
    const scraped = await bot.server.metrics.registry.metrics();
    expect(scraped).toContain('authdoctor_events_refused_total{platform="slack",limit="user"} 5');
  });

  it('a whole workspace over its limit: each person over it is told once', async () => {
    const bot = await boot({
      env: { AUTHDOCTOR_USER_RATE_PER_MINUTE: '50', AUTHDOCTOR_WORKSPACE_RATE_PER_MINUTE: '2' },
    });
    for (const user of ['U0AAAAAAA1', 'U0AAAAAAA2', 'U0AAAAAAA3', 'U0AAAAAAA3', 'U0AAAAAAA4'])
      await sendEvent(bot.base, appMention('help', { user }));
    await waitFor(() => bot.fake.of('chat.postEphemeral').length >= 2, 'the notes');
    await bot.server.runtime.engine.drain();
    const told = bot.fake.of('chat.postEphemeral').map((c) => c.args.user);
    expect(told.sort()).toEqual(['U0AAAAAAA3', 'U0AAAAAAA4']);
    expect(String(bot.fake.of('chat.postEphemeral')[0]!.args.text)).toMatch(/^This workspace has sent me/);
  });

  it('too many conversations in progress: the new thread gets a private note and no diagnosis', async () => {
    const bot = await boot({ env: { AUTHDOCTOR_MAX_OPEN_SESSIONS_PER_USER: '2' } });
    for (const text of [PASTES.missingHeader, PASTES.unexplained]) {
      const mention = appMention(text);
      await sendEvent(bot.base, mention);
      await waitFor(() => posts(bot).some((c) => c.args.thread_ts === mention.ts), 'a diagnosis');
    }
    const third = appMention(PASTES.missingHeader);
    await sendEvent(bot.base, third);
    const note = await waitFor(
      () => bot.fake.of('chat.postEphemeral').find((c) => c.args.thread_ts === third.ts),
      'the note',
    );
    await bot.server.runtime.engine.drain();
    expect(textOf(note)).toContain('You already have 2 conversations with me in progress');
    expect(posts(bot).filter((c) => c.args.thread_ts === third.ts)).toEqual([]);
  });
});
