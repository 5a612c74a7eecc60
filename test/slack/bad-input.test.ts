/**
 * Bad input through Slack, end to end: empty, whitespace, binary noise, unterminated quotes, a malformed
 * JWT, a truncated trace, a mixed paste, and a ~1 MB snippet. Each gets one answer in its thread, within
 * Block Kit's limits, and the bot stays up for the next message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_INPUTS, HUGE_PASTE } from '../support/bad-inputs.js';
import { PASTES } from '../support/conversation.js';
import { type SlackBot, type SlackCall, sendEvent, waitFor } from '../support/fake-slack.js';
import { slackMessageProblems } from '../support/slack-blocks.js';
import { appMention, messageOf, posts, slackBoot, textOf } from '../support/slack-bot.js';

// One bot for the whole table: each row is a mention of its own, so a conversation of its own.
const start = slackBoot(afterAll);
let bot: SlackBot;
beforeAll(async () => {
  bot = await start();
});

const repliesIn = (thread: string) => posts(bot).filter((c) => c.args.thread_ts === thread);

async function mention(text: string, extra: Record<string, unknown> = {}): Promise<SlackCall[]> {
  const event = appMention(text, extra);
  const response = await sendEvent(bot.base, event);
  expect(response.status).toBe(200);
  await waitFor(() => repliesIn(event.ts).length > 0, 'an answer');
  // Stop only once the engine has nothing in flight, so a second reply would be here by now.
  await bot.server.runtime.engine.drain();
  return repliesIn(event.ts);
}

describe('bad input on Slack', () => {
  it.each(BAD_INPUTS)('$name: one clear answer, valid blocks', async ({ text, expect: says }) => {
    const replies = await mention(text);
    const first = replies[0]!;
    expect(textOf(first)).toMatch(says);
    for (const reply of replies) expect(slackMessageProblems(messageOf(reply))).toEqual([]);
    expect(replies.filter((r) => /401 diagnosis|paste/i.test(String(r.args.text)))).toHaveLength(1);
  });

  it('a ~1 MB snippet is read up to the cap and answered within limits; the bot answers the next message', async () => {
    const file = bot.fake.file('huge-trace.txt', HUGE_PASTE);
    const replies = await mention('this is the whole trace', { files: [file] });
    expect(textOf(replies[0]!)).toContain('No credential was sent');
    expect(textOf(replies[0]!)).toContain('Your paste was larger than I read');
    for (const reply of replies) expect(slackMessageProblems(messageOf(reply))).toEqual([]);
    const next = await mention(PASTES.missingHeader);
    expect(textOf(next[0]!)).toContain('No credential was sent');
  });
});
