/**
 * A running `serve` with METRICS_PORT: /healthz answers, /readyz names Slack and Redis, /metrics counts what
 * the bot did. Real Bolt app against the fake Slack, real Redis under a prefix unique to this run.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sendEvent, waitFor } from '../support/fake-slack.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';
import { appMention, slackBoot } from '../support/slack-bot.js';

const redis = redisTestKeys('serve-ops');
const PREFIX = redis.runPrefix;
const boot = slackBoot();
afterAll(() => redis.cleanup());

describe('serve with METRICS_PORT', () => {
  it('serves health, readiness with its checks, and metrics of the events it answered', async () => {
    const bot = await boot({ env: { METRICS_PORT: '0', REDIS_URL, AUTHDOCTOR_REDIS_PREFIX: PREFIX } });
    const port = bot.server.ops?.port;
    expect(port).toBeGreaterThan(0);
    const base = `http://127.0.0.1:${port}`;

    expect((await fetch(`${base}/healthz`)).status).toBe(200);
    const ready = await fetch(`${base}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ checks: { slack: true, redis: true } });

    const mention = appMention('curl -i https://api.github.com/user\nHTTP/2 401');
    await sendEvent(bot.base, mention);
    await waitFor(
      () => bot.fake.of('chat.postMessage').find((c) => c.args.thread_ts === mention.ts),
      'the reply',
    );
    const text = await waitFor(async () => {
      const scrape = await (await fetch(`${base}/metrics`)).text();
      return scrape.includes('authdoctor_event_seconds_count{platform="slack"} 1') && scrape;
    }, 'the event in the metrics');
    expect(text).toContain('authdoctor_events_total{platform="slack",result="accepted"} 1');
    expect(text).toContain('authdoctor_replies_delivered_total{platform="slack"}');
    expect(text).toMatch(/authdoctor_queue_jobs\{state="waiting"\} \d/);
  });
});
