/**
 * Only Slack can talk to the bot: the real Bolt app in HTTP mode (as `npm start` runs it, on Redis) refuses
 * every request whose signing-secret signature does not hold (wrong secret, none, a body changed after
 * signing) or whose timestamp is more than five minutes off either way, on the one endpoint Slack posts
 * events, slash commands and interactivity payloads to. A refused request does no work: no Slack call, no
 * response_url answer, no log of a handled event, nothing stored under the run's Redis prefix. A valid
 * request Slack sends twice (same body, same ids, a fresh signature) is answered once.
 */
import { createHmac } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import {
  buttonsOf,
  clickOn,
  eventEnvelope,
  SIGNING_SECRET,
  type SlackBot,
  TEAM,
  waitFor,
} from '../support/fake-slack.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';
import { appMention, CHANNEL, posts, slackBoot, textOf, USER } from '../support/slack-bot.js';

const keys = redisTestKeys('slack-authenticity');
afterAll(() => keys.cleanup());

const start = slackBoot();

async function boot(): Promise<{ b: SlackBot; prefix: string }> {
  const prefix = keys.nextPrefix();
  const b = await start({ env: { REDIS_URL, AUTHDOCTOR_REDIS_PREFIX: prefix } });
  return { b, prefix };
}

type Kind = 'event' | 'command' | 'interaction';
const FORM = 'application/x-www-form-urlencoded';

const now = () => Math.floor(Date.now() / 1000);
const sign = (body: string, timestamp: number | string, secret = SIGNING_SECRET) =>
  `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;

/** POSTs to /slack/events with exactly these headers: nothing added, nothing fixed up. */
async function post(
  b: SlackBot,
  body: string,
  contentType: string,
  headers: Record<string, string>,
): Promise<number> {
  const response = await fetch(`${b.base}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...headers },
    body,
  });
  await response.arrayBuffer();
  return response.status;
}

/** A request of each kind that, if accepted, would make the bot diagnose and post. */
function requestOf(b: SlackBot, kind: Kind, n: number): { body: string; contentType: string } {
  switch (kind) {
    case 'event':
      return {
        body: JSON.stringify(eventEnvelope(appMention(PASTES.missingHeader), `Ev0FORGE${n}`)),
        contentType: 'application/json',
      };
    case 'command':
      return {
        body: new URLSearchParams({
          command: '/authdoctor',
          team_id: TEAM,
          team_domain: 'fake',
          user_id: USER,
          user_name: 'dana',
          channel_id: CHANNEL,
          channel_name: 'api-help',
          text: PASTES.missingHeader,
          trigger_id: `trigger-forged-${n}`,
          response_url: b.fake.responseUrl(),
        }).toString(),
        contentType: FORM,
      };
    case 'interaction':
      // The message shortcut: accepted, it would diagnose the message and answer.
      return {
        body: new URLSearchParams({
          payload: JSON.stringify({
            type: 'message_action',
            team: { id: TEAM, domain: 'fake' },
            callback_id: 'diagnose_message',
            trigger_id: `trigger-forged-${n}`,
            message_ts: '1800009999.000001',
            channel: { id: CHANNEL, name: 'api-help' },
            user: { id: USER, username: 'dana', name: 'dana' },
            message: {
              type: 'message',
              user: 'U0AUTHOR01',
              ts: '1800009999.000001',
              text: PASTES.missingHeader,
            },
            response_url: b.fake.responseUrl(),
          }),
        }).toString(),
        contentType: FORM,
      };
  }
}

/** Forgeries: each returns the headers (and maybe a changed body) an attacker or a replayer would send. */
const FORGERIES: [string, (body: string) => { body: string; headers: Record<string, string> }][] = [
  [
    'a signature made with another secret',
    (body) => {
      const ts = now();
      return { body, headers: headers(ts, sign(body, ts, 'not-the-signing-secret-0123456789')) };
    },
  ],
  ['no signature', (body) => ({ body, headers: { 'x-slack-request-timestamp': String(now()) } })],
  ['no signature and no timestamp', (body) => ({ body, headers: {} })],
  [
    'a body changed after it was signed',
    (body) => {
      const ts = now();
      const changed = body.replaceAll(USER, 'U0ATTACKER');
      expect(changed).not.toBe(body);
      return { body: changed, headers: headers(ts, sign(body, ts)) };
    },
  ],
  [
    'a correct signature over a timestamp six minutes old (a replay)',
    (body) => {
      const ts = now() - 6 * 60;
      return { body, headers: headers(ts, sign(body, ts)) };
    },
  ],
  [
    'a correct signature over a timestamp six minutes ahead',
    (body) => {
      const ts = now() + 6 * 60;
      return { body, headers: headers(ts, sign(body, ts)) };
    },
  ],
  [
    'a correct signature over a timestamp that is not whole seconds',
    (body) => {
      const ts = `${now()}.5`;
      return { body, headers: headers(ts, sign(body, ts)) };
    },
  ],
  [
    'an unknown signature version',
    (body) => {
      const ts = now();
      return { body, headers: headers(ts, sign(body, ts).replace(/^v0=/, 'v1=')) };
    },
  ],
];

function headers(timestamp: number | string, signature: string): Record<string, string> {
  return { 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': signature };
}

/** Redis keys a request would leave: sessions, queued jobs, rate buckets, stats (not BullMQ's own clock). */
async function workKeys(prefix: string): Promise<string[]> {
  const all = await keys.keysUnder(prefix);
  return all.filter((k) => !/bull:[\w-]+:(?:meta|stalled-check)$/.test(k));
}

describe('Slack request authenticity (HTTP mode)', () => {
  it.each<Kind>(['event', 'command', 'interaction'])(
    'refuses every forged or replayed %s with 401 and does no work',
    async (kind) => {
      const { b, prefix } = await boot();
      const before = await workKeys(prefix);
      const statuses: Record<string, number> = {};
      for (const [n, [what, forge]] of FORGERIES.entries()) {
        const original = requestOf(b, kind, n);
        const forged = forge(original.body);
        statuses[what] = await post(b, forged.body, original.contentType, forged.headers);
      }
      expect(statuses).toEqual(Object.fromEntries(FORGERIES.map(([what]) => [what, 401])));
      // Stopping waits for every event the bot took to be handled: afterwards nothing more is coming.
      await b.server.stop();
      expect(b.fake.calls.map((c) => c.method)).toEqual(['auth.test']);
      expect(b.fake.others).toEqual([]);
      expect(b.logs.some((l) => l.includes('"event handled"'))).toBe(false);
      expect(await workKeys(prefix)).toEqual(before);
    },
  );

  it('accepts a timestamp a few minutes off (clock skew within Slack’s five minutes)', async () => {
    const { b } = await boot();
    const { body, contentType } = requestOf(b, 'event', 100);
    const ts = now() + 4 * 60;
    expect(await post(b, body, contentType, headers(ts, sign(body, ts)))).toBe(200);
    expect(textOf(await waitFor(() => posts(b)[0], 'the diagnosis'))).toContain('No credential was sent');
  });

  it('answers an event sent twice with fresh signatures once', async () => {
    const { b } = await boot();
    const body = JSON.stringify(eventEnvelope(appMention(PASTES.missingHeader), 'Ev0REPLAY01'));
    const first = now();
    expect(await post(b, body, 'application/json', headers(first, sign(body, first)))).toBe(200);
    await waitFor(() => posts(b)[0], 'the diagnosis');
    const again = first + 1;
    expect(await post(b, body, 'application/json', headers(again, sign(body, again)))).toBe(200);
    await b.server.stop();
    expect(posts(b)).toHaveLength(1);
    expect(b.logs.filter((l) => l.includes('"event handled"'))).toHaveLength(1);
  });

  it('takes a button click sent twice with fresh signatures once', async () => {
    const { b } = await boot();
    const event = appMention(PASTES.missingHeader);
    const body = JSON.stringify(eventEnvelope(event));
    const ts = now();
    await post(b, body, 'application/json', headers(ts, sign(body, ts)));
    const reply = await waitFor(() => posts(b).find((p) => p.args.thread_ts === event.ts), 'the diagnosis');
    const walk = buttonsOf(reply).find((x) => x.text === 'Walk me through it');
    expect(walk).toBeDefined();
    const click = new URLSearchParams({
      payload: JSON.stringify({
        team: { id: TEAM, domain: 'fake' },
        ...clickOn(reply, walk!.action_id, { id: USER }),
      }),
    }).toString();
    const first = now();
    expect(await post(b, click, FORM, headers(first, sign(click, first)))).toBe(200);
    await waitFor(() => posts(b)[1], 'the first step');
    const again = first + 1;
    expect(await post(b, click, FORM, headers(again, sign(click, again)))).toBe(200);
    await b.server.stop();
    expect(posts(b)).toHaveLength(2);
    expect(
      posts(b)
        .map((p) => textOf(p))
        .join('\n'),
    ).not.toContain('earlier step');
  });

  it('runs a message shortcut sent twice with fresh signatures once', async () => {
    const { b } = await boot();
    const { body, contentType } = requestOf(b, 'interaction', 300);
    const diagnoses = () => posts(b).filter((p) => textOf(p).includes('No credential was sent'));
    const first = now();
    expect(await post(b, body, contentType, headers(first, sign(body, first)))).toBe(200);
    await waitFor(() => diagnoses()[0], 'the diagnosis');
    const again = first + 1;
    expect(await post(b, body, contentType, headers(again, sign(body, again)))).toBe(200);
    await b.server.stop();
    expect(diagnoses()).toHaveLength(1);
    const looking = b.fake
      .of('chat.postEphemeral')
      .filter((c) => String(c.args.text).startsWith('Looking at'));
    expect(looking).toHaveLength(1);
  });

  it('runs a slash command sent twice with fresh signatures once', async () => {
    const { b } = await boot();
    const { body, contentType } = requestOf(b, 'command', 200);
    const first = now();
    expect(await post(b, body, contentType, headers(first, sign(body, first)))).toBe(200);
    await waitFor(() => posts(b).find((p) => textOf(p).includes('No credential was sent')), 'the diagnosis');
    const again = first + 1;
    expect(await post(b, body, contentType, headers(again, sign(body, again)))).toBe(200);
    await b.server.stop();
    expect(posts(b).filter((p) => textOf(p).includes('No credential was sent'))).toHaveLength(1);
    expect(posts(b)).toHaveLength(2);
  });
});
