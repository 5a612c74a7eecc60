/** The adapter's small pure parts: where a message belongs, the bot's mention, trusted URLs, error kinds. */
import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { classifySlackError } from '../../adapters/slack/api-errors.js';
import { trustedSlackUrl } from '../../adapters/slack/files.js';
import { conversationOf, mentions, withoutLeadingMention } from '../../adapters/slack/normalize.js';
import { expectNeverThrows } from '../support/never-throws.js';

const BOT = 'U0BOT0001';

describe('where a message belongs', () => {
  it('a channel message is the thread it starts or is in; a DM is the DM', () => {
    expect(conversationOf('T1', { channel: 'C1', ts: '1.1' })).toEqual({
      platform: 'slack',
      workspace: 'T1',
      channel: 'C1',
      thread: '1.1',
    });
    expect(conversationOf('T1', { channel: 'C1', ts: '1.2', thread_ts: '1.1' })).toMatchObject({
      thread: '1.1',
    });
    expect(conversationOf('T1', { channel: 'D1', ts: '1.2', thread_ts: '1.1' })).toEqual({
      platform: 'slack',
      workspace: 'T1',
      channel: 'D1',
    });
  });
});

describe('the bot’s mention', () => {
  it('is removed only at the start', () => {
    expect(withoutLeadingMention(`<@${BOT}> curl -i https://x`, BOT)).toBe('curl -i https://x');
    expect(withoutLeadingMention(`  <@${BOT}|authdoctor>: fixed`, BOT)).toBe('fixed');
    expect(withoutLeadingMention(`ask <@${BOT}> about <@U0OTHER01>`, BOT)).toBe(
      `ask <@${BOT}> about <@U0OTHER01>`,
    );
    expect(withoutLeadingMention('<@U0OTHER01> see this', BOT)).toBe('<@U0OTHER01> see this');
    expect(mentions(`hey <@${BOT}>`, BOT)).toBe(true);
    expect(mentions('hey <@U0BOT00010>', BOT)).toBe(false);
  });

  it('never throws', () => {
    expectNeverThrows(
      (t) => withoutLeadingMention(t, BOT),
      [`<@${BOT}`, '>', '|', ' ', ':', '<@', 'x', '\n'],
    );
  });
});

describe('trusted URLs (the bot token and answers go only to Slack)', () => {
  const api = 'https://slack.com/api/';
  it('allows Slack hosts over https and the configured API host', () => {
    expect(trustedSlackUrl('https://files.slack.com/files-pri/T1-F1/a.txt', api)).toBe(true);
    expect(trustedSlackUrl('https://hooks.slack.com/commands/T1/1/x', api)).toBe(true);
    expect(trustedSlackUrl('http://127.0.0.1:5000/files/a', 'http://127.0.0.1:5000/api/')).toBe(true);
  });
  it('refuses anything else', () => {
    expect(trustedSlackUrl('http://files.slack.com/a', api)).toBe(false);
    expect(trustedSlackUrl('https://files.slack.com.evil.example/a', api)).toBe(false);
    expect(trustedSlackUrl('https://evilslack.com/a', api)).toBe(false);
    expect(trustedSlackUrl('not a url', api)).toBe(false);
  });
});

describe('Slack API errors', () => {
  const platform = (error: string) =>
    Object.assign(new Error(error), { code: webApi.ErrorCode.PlatformError, data: { ok: false, error } });
  it('tells what will never work from what may work later', () => {
    expect(classifySlackError(platform('not_in_channel'))).toMatchObject({
      kind: 'permanent',
      advice: expect.stringContaining('/invite'),
    });
    expect(classifySlackError(platform('account_inactive'))).toMatchObject({
      kind: 'permanent',
      advice: expect.stringContaining('reinstall'),
    });
    expect(classifySlackError(platform('internal_error'))).toMatchObject({ kind: 'transient' });
    expect(
      classifySlackError(
        Object.assign(new Error('x'), { code: webApi.ErrorCode.RateLimitedError, retryAfter: 7 }),
      ),
    ).toEqual({
      kind: 'transient',
      code: 'ratelimited',
      retryAfterMs: 7000,
    });
    expect(classifySlackError(new Error('A rate limit was exceeded (url: x, retry-after: 3)'))).toMatchObject(
      { retryAfterMs: 3000 },
    );
    expect(classifySlackError(undefined)).toMatchObject({ kind: 'transient' });
  });
});
