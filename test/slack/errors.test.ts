/**
 * Slack API errors and bad input, end to end: rate limits are retried (honouring Retry-After) and answered
 * once; refusals that will not go away are logged once with what to do and never crash or loop; the
 * "working…" reaction shows on slow answers only.
 */
import { describe, expect, it } from 'vitest';
import { isAuthdoctorError } from '../../src/errors.js';
import { PASTES } from '../support/conversation.js';
import {
  postSigned,
  type SlackBot,
  sendCommand,
  sendEvent,
  sendInteraction,
  waitFor,
} from '../support/fake-slack.js';
import { appMention, CHANNEL, posts, slackBoot, textOf, USER } from '../support/slack-bot.js';

const start = slackBoot();

const answered = (b: SlackBot) => posts(b).filter((p) => p.response?.ok === true);
const mention = (channel = CHANNEL) => appMention(PASTES.missingHeader, { channel });
const logLines = (b: SlackBot, ...words: string[]) => b.logs.filter((l) => words.every((w) => l.includes(w)));

describe('Slack API errors', () => {
  it('retries a 429 after its Retry-After and posts the reply once', async () => {
    const b = await start();
    b.fake.rateLimit('chat.postMessage', { retryAfter: 1 });
    const event = mention();
    await sendEvent(b.base, event);
    const reply = await waitFor(() => answered(b)[0], 'the reply after the retry', 20_000);
    expect(reply.args.thread_ts).toBe(event.ts);
    await b.server.stop();
    const [limited, retried] = posts(b);
    expect(posts(b)).toHaveLength(2);
    expect(answered(b)).toHaveLength(1);
    expect(retried!.at! - limited!.at!).toBeGreaterThanOrEqual(900);
  });

  it('retries a reply Slack failed to take (internal_error) through the queue, once posted', async () => {
    const b = await start();
    b.fake.fail('chat.postMessage', 'internal_error');
    await sendEvent(b.base, mention());
    await waitFor(() => answered(b)[0], 'the reply after the retry');
    await b.server.stop();
    expect(posts(b)).toHaveLength(2);
    expect(answered(b)).toHaveLength(1);
  });

  it('not_in_channel: one clear log line, no retry loop, and the bot keeps answering elsewhere', async () => {
    const b = await start();
    b.fake.fail('chat.postMessage', 'not_in_channel', {
      times: 100,
      when: (args) => args.channel === 'C0GONE0001',
    });
    await sendEvent(b.base, mention('C0GONE0001'));
    await waitFor(() => logLines(b, 'not_in_channel')[0], 'the log line');
    const next = mention();
    await sendEvent(b.base, next);
    expect(textOf(await waitFor(() => answered(b)[0], 'the next answer'))).toContain(
      'No credential was sent',
    );
    await b.server.stop();
    const line = logLines(b, 'not_in_channel');
    expect(line).toHaveLength(1);
    expect(line[0]).toContain('/invite @authdoctor');
    expect(line[0]).toContain('C0GONE0001');
    expect(posts(b).filter((p) => p.args.channel === 'C0GONE0001')).toHaveLength(1);
  });

  it('a revoked token is logged with what to do, not retried, not fatal', async () => {
    const b = await start();
    b.fake.fail('chat.postMessage', 'token_revoked');
    await sendEvent(b.base, mention());
    await waitFor(() => logLines(b, 'token_revoked')[0], 'the log line');
    await b.server.stop();
    expect(logLines(b, 'token_revoked')[0]).toContain('reinstall the app');
    expect(posts(b)).toHaveLength(1);
  });

  it('a token Slack refuses at start stops the start with one clear message', async () => {
    const started = start({ before: (fake) => fake.fail('auth.test', 'invalid_auth') });
    const error = await started.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isAuthdoctorError(error)).toBe(true);
    expect(String((error as Error).message)).toContain('invalid_auth');
    expect((error as { hint?: string }).hint).toContain('reinstall the app');
  });

  it('malformed but signed payloads never crash the bot', async () => {
    const b = await start();
    const json = (body: unknown) => postSigned(b.base, JSON.stringify(body), 'application/json');
    const form = (body: string) => postSigned(b.base, body, 'application/x-www-form-urlencoded');
    const statuses = [
      (await json({ type: 'event_callback', event_id: 'Ev0BAD0001' })).status,
      (
        await json({
          type: 'event_callback',
          event_id: 'Ev0BAD0002',
          event: { type: 'app_mention', text: 42 },
        })
      ).status,
      (
        await json({
          type: 'event_callback',
          event_id: 'Ev0BAD0003',
          event: { type: 'message', channel: 'C0X', ts: 'soon' },
        })
      ).status,
      (await postSigned(b.base, '{"type": "event_callback", ', 'application/json')).status,
      (await form('payload=not%20json')).status,
      (await sendInteraction(b.base, { type: 'block_actions', user: { id: USER }, actions: [] })).status,
      (
        await sendInteraction(b.base, {
          type: 'block_actions',
          user: { id: USER },
          actions: [{ action_id: 'ad1|walk|x|y' }],
        })
      ).status,
      (
        await sendInteraction(b.base, {
          type: 'view_submission',
          user: { id: USER },
          view: { callback_id: 'authdoctor_paste' },
        })
      ).status,
      (
        await sendInteraction(b.base, {
          type: 'message_action',
          callback_id: 'diagnose_message',
          user: { id: USER },
        })
      ).status,
      (await sendCommand(b.base, { text: 'curl', trigger_id: 't-bad' })).status,
    ];
    expect(statuses.every((s) => s < 500)).toBe(true);
    await sendEvent(b.base, mention());
    expect(textOf(await waitFor(() => answered(b)[0], 'an answer after all that'))).toContain(
      'No credential was sent',
    );
  });
});

describe('working indicator', () => {
  it('puts an hourglass on a message whose answer is slow, and takes it off when the answer is out', async () => {
    const b = await start({ slack: { workingAfterMs: 50 } });
    const release = b.fake.hold('chat.postMessage');
    const event = mention();
    await sendEvent(b.base, event);
    const added = await waitFor(() => b.fake.of('reactions.add')[0], 'the hourglass');
    expect(added.args).toMatchObject({
      channel: CHANNEL,
      timestamp: event.ts,
      name: 'hourglass_flowing_sand',
    });
    expect(b.fake.of('reactions.remove')).toHaveLength(0);
    release();
    const removed = await waitFor(() => b.fake.of('reactions.remove')[0], 'the hourglass taken off');
    expect(removed.args).toMatchObject({
      channel: CHANNEL,
      timestamp: event.ts,
      name: 'hourglass_flowing_sand',
    });
    const order = b.fake.calls.map((c) => c.method);
    expect(order.indexOf('reactions.add')).toBeLessThan(order.indexOf('reactions.remove'));
    expect(answered(b)).toHaveLength(1);
  });
});
