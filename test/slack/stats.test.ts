/**
 * `/authdoctor stats` end to end against the fake Slack: an admin named in AUTHDOCTOR_ADMINS sees the counts
 * of a paste diagnosed a moment before, privately; anyone else is refused; `stats` is never a paste.
 */
import { describe, expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { type SlackBot, sendCommand, sendEvent, waitFor } from '../support/fake-slack.js';
import { appMention, CHANNEL, posts, slackBoot, USER } from '../support/slack-bot.js';

const ADMIN = 'U0ADMIN001';
const start = slackBoot();
const boot = () => start({ env: { AUTHDOCTOR_ADMINS: `${ADMIN}, W0OTHERADM` } });

/** What the bot posted to a response_url, as the JSON it sent. */
function answerAt(b: SlackBot, url: string): { text: string; response_type: string } | undefined {
  const path = new URL(url).pathname;
  const found = b.fake.others.find((o) => o.path === path && o.method === 'POST');
  return found ? JSON.parse(found.raw) : undefined;
}

let triggers = 0;
const stats = (b: SlackBot, user: string, extra: Record<string, string> = {}) => {
  const responseUrl = b.fake.responseUrl();
  return {
    responseUrl,
    sent: sendCommand(b.base, {
      user_id: user,
      channel_id: CHANNEL,
      text: ' Stats ',
      trigger_id: `trigger-stats-${++triggers}`,
      response_url: responseUrl,
      ...extra,
    }),
  };
};

describe('/authdoctor stats', () => {
  it('an admin sees the counts, privately, after a paste was diagnosed', async () => {
    const b = await boot();
    const event = appMention(PASTES.missingHeader);
    await sendEvent(b.base, event);
    await waitFor(() => posts(b).find((p) => p.args.thread_ts === event.ts), 'the diagnosis');
    const before = posts(b).length;

    const { responseUrl, sent } = stats(b, ADMIN);
    expect((await sent).status).toBe(200);
    const answer = await waitFor(() => answerAt(b, responseUrl), 'the stats');
    expect(answer.response_type).toBe('ephemeral');
    expect(answer.text.startsWith('```\n')).toBe(true);
    const line = (label: string) => answer.text.split('\n').find((l) => l.startsWith(label));
    expect(line('Conversations started')).toMatch(/\s1\s+1$/);
    expect(line('Pastes diagnosed')).toMatch(/\s1\s+1$/);
    expect(line('  missing_credentials')).toMatch(/\s1\s+1$/);
    expect(line('  github')).toMatch(/\s1\s+1$/);
    expect(answer.text).not.toContain(USER);
    // Nothing public, no modal, no conversation about the word "stats".
    expect(posts(b)).toHaveLength(before);
    expect(b.fake.of('views.open')).toEqual([]);
  });

  it('anyone else is refused, and the word is not read as a paste', async () => {
    const b = await boot();
    const { responseUrl, sent } = stats(b, USER);
    expect((await sent).status).toBe(200);
    const answer = await waitFor(() => answerAt(b, responseUrl), 'the refusal');
    expect(answer).toEqual({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'Only the admins named in AUTHDOCTOR_ADMINS can see stats.',
    });
    expect(posts(b)).toEqual([]);
    expect(b.fake.of('views.open')).toEqual([]);
    expect(b.fake.of('chat.postEphemeral')).toEqual([]);
  });

  it('without a response_url the answer is an ephemeral message to the admin', async () => {
    const b = await boot();
    await sendCommand(b.base, {
      user_id: ADMIN,
      channel_id: CHANNEL,
      text: 'stats',
      trigger_id: 'trigger-stats-plain',
    });
    const note = await waitFor(() => b.fake.of('chat.postEphemeral')[0], 'the stats');
    expect(note.args).toMatchObject({ channel: CHANNEL, user: ADMIN });
    expect(String(note.args.text)).toContain('Conversations started');
    expect(posts(b)).toEqual([]);
  });

  it('with no admins configured, nobody sees stats', async () => {
    const b = await start();
    const { responseUrl, sent } = stats(b, ADMIN);
    await sent;
    const answer = await waitFor(() => answerAt(b, responseUrl), 'the refusal');
    expect(answer.text).toBe('Only the admins named in AUTHDOCTOR_ADMINS can see stats.');
  });
});
