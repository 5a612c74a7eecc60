/**
 * Socket Mode: with SLACK_APP_TOKEN the bot asks `apps.connections.open` (on SLACK_API_URL, with the app
 * token) for a WebSocket URL, connects, waits for Slack's `hello`, then acknowledges envelopes and answers.
 */
import { expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { APP_TOKEN, eventEnvelope, waitFor } from '../support/fake-slack.js';
import { slackText } from '../support/slack-blocks.js';
import { appMention, slackBoot } from '../support/slack-bot.js';

const start = slackBoot();

it('starts in Socket Mode against the fake, acknowledges an events_api envelope and answers it', async () => {
  const b = await start({ socket: true });
  const open = b.fake.of('apps.connections.open');
  expect(open).toHaveLength(1);
  expect(open[0]!.auth).toBe(`Bearer ${APP_TOKEN}`);
  expect(b.fake.sockets).toHaveLength(1);

  const event = appMention(PASTES.missingHeader);
  const envelope = (id: string, retry = 0) => ({
    envelope_id: id,
    type: 'events_api',
    accepts_response_payload: false,
    retry_attempt: retry,
    retry_reason: retry ? 'timeout' : '',
    payload: eventEnvelope(event, 'Ev0SOCKET01'),
  });
  b.fake.send(envelope('env-1'));
  await waitFor(() => b.fake.acks.find((a) => a.envelope_id === 'env-1'), 'the acknowledgement');
  const reply = await waitFor(() => b.fake.of('chat.postMessage')[0], 'the answer');
  expect(reply.args).toMatchObject({ channel: 'C0CHAN0001', thread_ts: event.ts });
  expect(reply.auth).toBe('Bearer xoxb-fake-bot-token');
  expect(slackText({ text: String(reply.args.text), blocks: reply.args.blocks as never })).toContain(
    'No credential was sent',
  );

  // Slack re-sends an envelope it thinks was lost: acknowledged again, answered once.
  b.fake.send(envelope('env-2', 1));
  await waitFor(() => b.fake.acks.find((a) => a.envelope_id === 'env-2'), 'the second acknowledgement');
  await b.server.stop();
  expect(b.fake.of('chat.postMessage')).toHaveLength(1);
});
