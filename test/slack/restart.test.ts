/**
 * The bot restarted between a diagnosis and the click on its button. With REDIS_URL the conversation, and
 * what the adapter remembers (the threads it is in), survive: the click walks on and a reply in the thread
 * is still answered. On the in-memory defaults the click gets a polite answer, never an error.
 */
import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterEach, describe, expect, it } from 'vitest';
import { type Server, startServer } from '../../adapters/serve.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/log.js';
import { githubToken, PASTES } from '../support/conversation.js';
import {
  BOT_TOKEN,
  buttonsOf,
  clickOn,
  FakeSlack,
  freePort,
  nextTs,
  SIGNING_SECRET,
  type SlackCall,
  sendEvent,
  sendInteraction,
  waitFor,
} from '../support/fake-slack.js';
import { appMention, CHANNEL, textOf, USER } from '../support/slack-bot.js';

const REDIS_URL = 'redis://127.0.0.1:6379';
const prefix = `authdoctor-test:slack-restart:${process.pid}:${randomBytes(4).toString('hex')}:`;

let fake: FakeSlack | undefined;
let server: Server | undefined;

afterEach(async () => {
  await server?.stop();
  await fake?.close();
  server = fake = undefined;
  const redis = new Redis(REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

async function boot(env: Record<string, string>): Promise<string> {
  fake ??= await FakeSlack.start();
  fake.botAuth = `Bearer ${BOT_TOKEN}`;
  const port = await freePort();
  server = await startServer(
    loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      AUTHDOCTOR_PASTE_WINDOW_MS: '0',
      ...env,
    }),
    { log: silentLogger, slack: { retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 50 } } },
  );
  return `http://127.0.0.1:${port}`;
}

const walkButton = (call: SlackCall) =>
  buttonsOf(call).find((b) => b.text === 'Walk me through it')!.action_id;
const inThread = (thread: string) => fake!.of('chat.postMessage').filter((c) => c.args.thread_ts === thread);

describe('a restart between the diagnosis and the click', () => {
  it('with Redis the conversation goes on where it was', async () => {
    const env = { REDIS_URL, AUTHDOCTOR_REDIS_PREFIX: prefix };
    let base = await boot(env);
    const event = appMention(PASTES.missingHeader);
    await sendEvent(base, event);
    const diagnosis = await waitFor(() => inThread(event.ts)[0], 'the diagnosis');
    await server!.stop();

    base = await boot(env);
    await sendInteraction(base, clickOn(diagnosis, walkButton(diagnosis), { id: USER }));
    const step = await waitFor(() => inThread(event.ts)[1], 'the first step, after the restart');
    expect(textOf(step)).toMatch(/Step 1 of \d+/);
    // The restarted bot still knows it is in this thread: a reply without a mention is answered.
    await sendEvent(base, {
      type: 'message',
      user: USER,
      channel: CHANNEL,
      ts: nextTs(),
      thread_ts: event.ts,
      text: 'skip',
    });
    const next = await waitFor(() => inThread(event.ts)[2], 'the answer to a reply in the thread');
    expect(textOf(next)).toMatch(/Step 2 of \d+/);
  });

  it('what the bot keeps in Redis (sessions and queued jobs) and its metrics hold no raw credential', async () => {
    const base = await boot({
      REDIS_URL,
      AUTHDOCTOR_REDIS_PREFIX: prefix,
      SLACK_ESCALATION_CHANNEL: 'C0SUPPORT1',
    });
    const token = githubToken();
    const event = appMention(PASTES.githubRejected(token));
    await sendEvent(base, event);
    const diagnosis = await waitFor(() => inThread(event.ts)[0], 'the diagnosis');
    await sendInteraction(
      base,
      clickOn(diagnosis, buttonsOf(diagnosis).find((b) => b.text === 'Talk to a human')!.action_id, {
        id: USER,
      }),
    );
    await waitFor(
      () => fake!.of('chat.postMessage').find((c) => c.args.channel === 'C0SUPPORT1'),
      'the escalation',
    );
    await server!.runtime.engine.drain();
    const redis = new Redis(REDIS_URL);
    const keys = await redis.keys(`${prefix}*`);
    expect(keys.length).toBeGreaterThan(0);
    let stored = keys.join('\n');
    for (const key of keys) {
      const type = await redis.type(key);
      const value =
        type === 'string'
          ? await redis.get(key)
          : type === 'hash'
            ? await redis.hgetall(key)
            : type === 'set'
              ? await redis.smembers(key)
              : type === 'zset'
                ? await redis.zrange(key, '0', '-1')
                : type === 'list'
                  ? await redis.lrange(key, 0, -1)
                  : type === 'stream'
                    ? await redis.xrange(key, '-', '+')
                    : null;
      stored += `\n${JSON.stringify(value)}`;
    }
    redis.disconnect();
    expect(stored).toContain(token.slice(-4));
    expect(stored).not.toContain(token);
    expect(stored).not.toContain(token.slice(4, 20));
    // BullMQ's keys are among them: the queued events (job data and its events stream) were redacted too.
    expect(keys.some((key) => key.startsWith(`${prefix}bull:events:`))).toBe(true);
    const scrape = await server!.metrics.metricsText();
    expect(scrape).toContain('authdoctor_events_total');
    expect(scrape).not.toContain(token.slice(4, 20));
  });

  it('on the in-memory defaults the old button gets a polite answer', async () => {
    let base = await boot({});
    const event = appMention(PASTES.missingHeader);
    await sendEvent(base, event);
    const diagnosis = await waitFor(() => inThread(event.ts)[0], 'the diagnosis');
    await server!.stop();

    base = await boot({});
    await sendInteraction(base, clickOn(diagnosis, walkButton(diagnosis), { id: USER }));
    const answer = await waitFor(() => inThread(event.ts)[1], 'the answer to the old button');
    expect(textOf(answer)).toMatch(/conversation I no longer have/);
  });
});
