/**
 * Events API end to end: the real Bolt app in HTTP mode (started by `startServer`, as `npm start` does)
 * against the fake Slack, with requests signed like Slack signs them.
 */
import { describe, expect, it } from 'vitest';
import { githubToken, PASTES } from '../support/conversation.js';
import {
  BOT_ID,
  BOT_USER,
  nextTs,
  postSigned,
  SIGNING_SECRET,
  type SlackBot,
  sendEvent,
  waitFor,
} from '../support/fake-slack.js';
import { slackMessageProblems, slackText } from '../support/slack-blocks.js';
import { appMention, CHANNEL, messageOf, posts, slackBoot, textOf, USER } from '../support/slack-bot.js';

const LISTEN = 'C0LISTEN01';

const start = slackBoot();
/** Stops the bot, which waits for every event it took to be handled: afterwards nothing more is coming. */
const settle = async (b: SlackBot) => {
  await b.server.stop();
};

describe('Slack events (HTTP mode)', () => {
  it('answers a signed app_mention with the diagnosis in that message’s thread', async () => {
    const b = await start();
    const event = appMention(PASTES.missingHeader);
    expect((await sendEvent(b.base, event)).status).toBe(200);
    const reply = await waitFor(() => posts(b)[0], 'the diagnosis');
    expect(reply.args).toMatchObject({ channel: CHANNEL, thread_ts: event.ts, unfurl_links: 'false' });
    expect(textOf(reply)).toContain('No credential was sent');
    expect(
      slackMessageProblems({ text: String(reply.args.text), blocks: reply.args.blocks as never }),
    ).toEqual([]);
    expect(reply.auth).toBe('Bearer xoxb-fake-bot-token');
  });

  it('reads Slack markup: &amp; in a pasted curl URL and a <https://…|…> link name the right host', async () => {
    const b = await start();
    const url = 'https://api.github.com/user?per_page=1&amp;page=2';
    const event = appMention(
      [
        `curl -i "<${url}|${url}>"`,
        'HTTP/2 401',
        'content-type: application/json; charset=utf-8',
        '',
        '{"message":"Requires authentication","status":"401"}',
      ].join('\n'),
    );
    await sendEvent(b.base, event);
    const text = textOf(await waitFor(() => posts(b)[0], 'the diagnosis'));
    expect(text).toContain('https://api.github.com/user?per_page=1&page=2');
    expect(text).toContain('GitHub');
    expect(text).not.toContain('&amp;page');
  });

  it('answers a message once: re-sent with X-Slack-Retry-Num, and delivered as both app_mention and message', async () => {
    const b = await start();
    const event = appMention(PASTES.missingHeader);
    await sendEvent(b.base, event, { eventId: 'Ev0RETRY01' });
    await sendEvent(b.base, event, {
      eventId: 'Ev0RETRY01',
      headers: { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' },
    });
    await sendEvent(
      b.base,
      { ...event, type: 'message', channel_type: 'channel' },
      { eventId: 'Ev0MESSAGE1' },
    );
    await waitFor(() => posts(b)[0], 'the diagnosis');
    await settle(b);
    expect(posts(b)).toHaveLength(1);
    expect(b.logs.filter((l) => l.includes('"event handled"'))).toHaveLength(1);
  });

  it('rejects forged and stale signatures with 401 and processes nothing', async () => {
    const b = await start();
    const body = JSON.stringify({
      type: 'event_callback',
      event_id: 'Ev0FORGED1',
      event: appMention(PASTES.missingHeader),
    });
    const forged = await postSigned(b.base, body, 'application/json', { secret: 'not-the-signing-secret' });
    const stale = await postSigned(b.base, body, 'application/json', {
      secret: SIGNING_SECRET,
      timestamp: Math.floor(Date.now() / 1000) - 10 * 60,
    });
    const unsigned = await fetch(`${b.base}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    expect([forged.status, stale.status, unsigned.status]).toEqual([401, 401, 401]);
    await settle(b);
    expect(b.fake.calls.map((c) => c.method)).toEqual(['auth.test']);
    expect(b.logs.some((l) => l.includes('"event handled"'))).toBe(false);
  });

  it('never answers itself, other bots, edits or joins', async () => {
    const b = await start({ env: { SLACK_LISTEN_CHANNELS: LISTEN } });
    const report = PASTES.missingHeader;
    const ignored = [
      { type: 'message', channel: LISTEN, user: BOT_USER, bot_id: BOT_ID, ts: nextTs(), text: report },
      {
        type: 'message',
        subtype: 'bot_message',
        channel: LISTEN,
        bot_id: 'B0OTHER01',
        ts: nextTs(),
        text: report,
      },
      {
        type: 'message',
        channel: LISTEN,
        user: 'U0OTHERBOT',
        bot_id: 'B0OTHER01',
        ts: nextTs(),
        text: report,
      },
      {
        type: 'message',
        subtype: 'message_changed',
        channel: LISTEN,
        ts: nextTs(),
        message: { user: USER, text: report, ts: nextTs() },
      },
      { type: 'message', subtype: 'channel_join', channel: LISTEN, user: USER, ts: nextTs(), text: 'joined' },
      {
        type: 'message',
        channel: 'D0BOTDM001',
        channel_type: 'im',
        user: BOT_USER,
        ts: nextTs(),
        text: report,
      },
    ];
    for (const event of ignored) expect((await sendEvent(b.base, event)).status).toBe(200);
    const person = { type: 'message', channel: LISTEN, user: USER, ts: nextTs(), text: report };
    await sendEvent(b.base, person);
    await waitFor(() => posts(b)[0], 'the answer to the person');
    await settle(b);
    expect(posts(b).map((p) => p.args.thread_ts)).toEqual([person.ts]);
  });

  it('in a watched channel answers a 401 report in a thread and leaves chatter alone', async () => {
    const b = await start({ env: { SLACK_LISTEN_CHANNELS: LISTEN } });
    const chatter = [
      'anyone up for lunch?',
      'deploying the 4.01 release now',
      'curl https://example.com/health works fine for me',
    ].map((text) => ({
      type: 'message',
      channel: LISTEN,
      channel_type: 'channel',
      user: USER,
      ts: nextTs(),
      text,
    }));
    for (const event of chatter) await sendEvent(b.base, event);
    const elsewhere = {
      type: 'message',
      channel: 'C0ELSEWHR1',
      user: USER,
      ts: nextTs(),
      text: PASTES.missingHeader,
    };
    await sendEvent(b.base, elsewhere);
    const report = {
      type: 'message',
      channel: LISTEN,
      channel_type: 'channel',
      user: USER,
      ts: nextTs(),
      text: `Getting 401 Unauthorized from GitHub since this morning:\n${PASTES.missingHeader}`,
    };
    await sendEvent(b.base, report);
    const reply = await waitFor(() => posts(b)[0], 'the answer to the report');
    expect(reply.args).toMatchObject({ channel: LISTEN, thread_ts: report.ts });
    expect(textOf(reply)).toContain('No credential was sent');
    await settle(b);
    expect(posts(b)).toHaveLength(1);
  });

  it('continues the conversation from a reply in its thread, without a mention; other threads are not its business', async () => {
    const b = await start();
    const first = appMention(PASTES.missingHeader);
    await sendEvent(b.base, first);
    await waitFor(() => posts(b)[0], 'the diagnosis');
    await sendEvent(b.base, {
      type: 'message',
      channel: CHANNEL,
      user: 'U0STRANGER',
      ts: nextTs(),
      thread_ts: nextTs(),
      text: 'walk me through it',
    });
    await sendEvent(b.base, {
      type: 'message',
      channel: CHANNEL,
      channel_type: 'channel',
      user: USER,
      ts: nextTs(),
      thread_ts: first.ts,
      parent_user_id: USER,
      text: 'walk me through it',
    });
    const step = await waitFor(() => posts(b)[1], 'the first checklist step');
    expect(step.args.thread_ts).toBe(first.ts);
    expect(textOf(step)).toMatch(/Step 1 of \d+/);
    await settle(b);
    expect(posts(b)).toHaveLength(2);
  });

  it('edits the diagnosis in place when the next message continues the paste (chat.update)', async () => {
    const b = await start({ env: { AUTHDOCTOR_PASTE_WINDOW_MS: '60000' } });
    const first = appMention('curl -i https://api.github.com/user');
    await sendEvent(b.base, first);
    const diagnosis = await waitFor(() => posts(b)[0], 'the first diagnosis');
    await sendEvent(b.base, {
      type: 'message',
      channel: CHANNEL,
      user: USER,
      ts: nextTs(),
      thread_ts: first.ts,
      parent_user_id: USER,
      text: PASTES.missingHeader.split('\n').slice(1).join('\n'),
    });
    const edit = await waitFor(() => b.fake.of('chat.update')[0], 'the edit');
    expect(edit.args).toMatchObject({ channel: CHANNEL, ts: diagnosis.response?.ts });
    expect(textOf(edit)).toContain('Read together with your previous message');
    await settle(b);
    expect(posts(b)).toHaveLength(1);
  });

  it('treats a direct message as its own conversation', async () => {
    const b = await start();
    const dm = {
      type: 'message',
      channel: 'D0USERDM01',
      channel_type: 'im',
      user: USER,
      ts: nextTs(),
      text: PASTES.missingHeader,
    };
    await sendEvent(b.base, dm);
    const reply = await waitFor(() => posts(b)[0], 'the DM answer');
    expect(reply.args.channel).toBe('D0USERDM01');
    expect(reply.args.thread_ts).toBeUndefined();
    expect(textOf(reply)).toContain('No credential was sent');
  });

  it('reads an attached snippet as part of the paste, downloading it with the bot token', async () => {
    const b = await start();
    const file = b.fake.file('github-401.txt', PASTES.missingHeader);
    const event = appMention('here is what I got', { files: [file] });
    await sendEvent(b.base, event);
    const reply = await waitFor(() => posts(b)[0], 'the diagnosis of the snippet');
    expect(textOf(reply)).toContain('No credential was sent');
    const download = b.fake.others.find((o) => o.path.startsWith(`/files/${String(file.id)}`));
    expect(download?.auth).toBe('Bearer xoxb-fake-bot-token');
  });

  it('says which attached files it could not read (binary, gone) and still answers', async () => {
    const b = await start();
    const binary = b.fake.file(
      'screenshot.dat',
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0x0d, 0x49, 0x48]),
      {
        mimetype: 'application/x-unknown',
      },
    );
    const gone = { id: 'F0GONE0001', name: 'old.log', mode: 'tombstone' };
    const event = {
      type: 'message',
      subtype: 'file_share',
      channel: 'D0USERDM02',
      channel_type: 'im',
      user: USER,
      ts: nextTs(),
      text: PASTES.missingHeader,
      files: [binary, gone],
    };
    await sendEvent(b.base, event);
    const note = await waitFor(() => b.fake.of('chat.postEphemeral')[0], 'the note about the files');
    expect(note.args.user).toBe(USER);
    expect(String(note.args.text)).toContain('screenshot.dat is not a text file');
    expect(String(note.args.text)).toContain('old.log');
    expect(textOf(await waitFor(() => posts(b)[0], 'the diagnosis'))).toContain('No credential was sent');
  });

  it('warns the author privately about a secret posted in a channel; the raw token reaches no Slack call and no log', async () => {
    const b = await start({ env: { SLACK_LISTEN_CHANNELS: LISTEN } });
    const token = githubToken();
    const paste = PASTES.githubRejected(token);
    const event = {
      type: 'message',
      channel: LISTEN,
      channel_type: 'channel',
      user: USER,
      ts: nextTs(),
      text: paste,
    };
    await sendEvent(b.base, event);
    const warning = await waitFor(() => b.fake.of('chat.postEphemeral')[0], 'the private warning');
    expect(warning.args).toMatchObject({ channel: LISTEN, user: USER, thread_ts: event.ts });
    expect(textOf(warning).toLowerCase()).toContain('rotate');
    const reply = await waitFor(() => posts(b)[0], 'the public diagnosis');
    expect(reply.args.thread_ts).toBe(event.ts);
    expect(textOf(reply)).toContain(`ghp_…${token.slice(-4)}`);
    await settle(b);
    expect(b.fake.everything()).not.toContain(token);
    expect(b.fake.everything()).not.toContain(token.slice(4, 20));
    expect(b.logs.join('\n')).not.toContain(token.slice(4, 20));
  });

  it('renders a long diagnosis as valid Block Kit messages within Slack’s limits', async () => {
    const b = await start();
    // A search with hundreds of filters: every finding quotes the request, so the answer is long.
    const query = Array.from({ length: 600 }, (_, i) => `filter${i}=value${i}`).join('&amp;');
    const paste = [
      `curl -v "https://api.github.com/search/issues?${query}"`,
      '> GET /search/issues HTTP/2',
      '> Host: api.github.com',
      '< HTTP/2 401',
      '< content-type: application/json',
      '',
      '{"message":"Requires authentication","status":"401"}',
    ].join('\n');
    await sendEvent(b.base, appMention(paste));
    await waitFor(() => posts(b)[0], 'the diagnosis');
    await settle(b);
    const messages = posts(b).map(messageOf);
    expect(JSON.stringify(messages).length).toBeGreaterThan(10_000);
    for (const message of messages) {
      expect(slackMessageProblems(message)).toEqual([]);
      expect((message.blocks as unknown[]).length).toBeLessThanOrEqual(50);
    }
    expect(messages.map(slackText).join('\n')).toContain('No credential was sent');
  });
});
