/**
 * When the shared queue (Redis) does not answer, Slack has already been told "received": the user must hear
 * that the message was not taken, and the bot must keep running. Redis here is a port nothing listens on.
 */
import { describe, expect, it } from 'vitest';
import { UNAVAILABLE_TEXT } from '../../src/platform/unavailable.js';
import { freePort, sendEvent, waitFor } from '../support/fake-slack.js';
import { appMention, CHANNEL, slackBoot, USER } from '../support/slack-bot.js';

const boot = slackBoot();

describe('Slack with the queue unreachable', () => {
  it('tells the user privately to send it again, posts nothing in public, and stays up', async () => {
    const bot = await boot({ env: { REDIS_URL: `redis://127.0.0.1:${await freePort()}` } });
    const mention = appMention('curl -H "Authorization: Bearer abc" https://api.example.com/v1/me');
    const response = await sendEvent(bot.base, mention);
    expect(response.status).toBe(200);
    const note = await waitFor(
      () => bot.fake.of('chat.postEphemeral').find((call) => call.args.user === USER),
      'the private note',
    );
    expect(note.args).toMatchObject({ channel: CHANNEL, text: UNAVAILABLE_TEXT, thread_ts: mention.ts });
    expect(bot.fake.of('chat.postMessage')).toEqual([]);
    expect(bot.logs.some((line) => line.includes('a Slack message was not taken'))).toBe(true);
    // Still serving: a second event gets the same answer rather than a dead socket.
    expect((await sendEvent(bot.base, appMention('help'))).status).toBe(200);
    await waitFor(() => bot.fake.of('chat.postEphemeral').length >= 2, 'the second note');
  });
});
