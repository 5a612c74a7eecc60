/**
 * Bad input through Slack, end to end: empty, whitespace, binary noise, unterminated quotes, a malformed
 * JWT, a truncated trace, a mixed paste, and a ~1 MB snippet. Each gets one answer in its thread, within
 * Block Kit's limits, and the bot stays up for the next message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BAD_INPUTS, HUGE_PASTE } from '../support/bad-inputs.js';
import { PASTES } from '../support/conversation.js';
import {
  BOT_USER,
  nextTs,
  type SlackBot,
  type SlackCall,
  sendEvent,
  startSlackBot,
  waitFor,
} from '../support/fake-slack.js';
import { slackMessageProblems, slackText } from '../support/slack-blocks.js';

let bot: SlackBot;
beforeAll(async () => {
  bot = await startSlackBot();
});
afterAll(async () => {
  await bot.stop();
});

const message = (call: SlackCall) => ({
  text: String(call.args.text),
  blocks: (call.args.blocks ?? []) as never,
});
const repliesIn = (thread: string) =>
  bot.fake.of('chat.postMessage').filter((c) => c.args.thread_ts === thread);

async function mention(text: string, extra: Record<string, unknown> = {}): Promise<SlackCall[]> {
  const ts = nextTs();
  const response = await sendEvent(bot.base, {
    type: 'app_mention',
    user: 'U0USER0001',
    channel: 'C0CHAN0001',
    ts,
    text: `<@${BOT_USER}> ${text}`,
    ...extra,
  });
  expect(response.status).toBe(200);
  await waitFor(() => repliesIn(ts).length > 0, 'an answer');
  // Stop only once the engine has nothing in flight, so a second reply would be here by now.
  await bot.server.runtime.engine.drain();
  return repliesIn(ts);
}

describe('bad input on Slack', () => {
  it.each(BAD_INPUTS)('$name: one clear answer, valid blocks', async ({ text, expect: says }) => {
    const replies = await mention(text);
    const first = replies[0]!;
    expect(slackText(message(first))).toMatch(says);
    for (const reply of replies) expect(slackMessageProblems(message(reply))).toEqual([]);
    expect(replies.filter((r) => /401 diagnosis|paste/i.test(String(r.args.text)))).toHaveLength(1);
  });

  it('a ~1 MB snippet is read up to the cap and answered within limits; the bot answers the next message', async () => {
    const file = bot.fake.file('huge-trace.txt', HUGE_PASTE);
    const replies = await mention('this is the whole trace', { files: [file] });
    expect(slackText(message(replies[0]!))).toContain('No credential was sent');
    expect(slackText(message(replies[0]!))).toContain('Your paste was larger than I read');
    for (const reply of replies) expect(slackMessageProblems(message(reply))).toEqual([]);
    const next = await mention(PASTES.missingHeader);
    expect(slackText(message(next[0]!))).toContain('No credential was sent');
  });
});
