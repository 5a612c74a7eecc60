/**
 * The leak corpus through the real Bolt app (HTTP mode, against the fake Slack) with Redis, the escalation
 * webhook, debug logging and the ops server on: every item mentioned in a channel (a shared paste, so a leak
 * warning), every item again in DMs five to a conversation and each conversation escalated by typing what a
 * user types to get a human, and the first escalation's webhook delivery refused so its job fails for good.
 * Then everything that left the bot or stayed behind is scanned: every raw request body the fake Slack got,
 * every webhook request (headers and body), every log line, every Redis key and value under the bot's
 * prefix (sessions, queue payloads, failed and delayed jobs), and the /metrics, /healthz, /readyz pages.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Server, startServer } from '../../adapters/serve.js';
import { loadConfig } from '../../src/config.js';
import { intentOf } from '../../src/conversation/intents.js';
import {
  BOT_TOKEN,
  FakeSlack,
  freePort,
  nextTs,
  SIGNING_SECRET,
  sendEvent,
  waitFor,
} from '../support/fake-slack.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';
import { appMention, CHANNEL } from '../support/slack-bot.js';
import { leakCorpus } from './leak-corpus.js';
import {
  type Backends,
  captureLogs,
  escalationsReceived,
  expectBackendsExercised,
  expectNoLeaks,
  failedJobsIn,
  type LogCapture,
  namesAny,
  type Output,
  redisOutputs,
  scanBackends,
  scrapeOps,
  startReceiver,
  UNLIMITED,
  type WebhookReceiver,
  webhookEnv,
} from './leak-paths.js';

const ESCALATIONS = 'C0ESCAL001';
const ASK_FOR_A_HUMAN = 'talk to a human';
const PER_CONVERSATION = 5;

const corpus = leakCorpus();
const redis = redisTestKeys('leaks-slack');
const prefix = redis.nextPrefix();

let receiver: WebhookReceiver;
let fake: FakeSlack;
let server: Server;
let logs: LogCapture;
let ops: Output[] = [];
let stored: Output[] = [];
const mentions: { ts: string; item: (typeof corpus)[number] }[] = [];
const dmGroups: { user: string; channel: string }[] = [];
let failedJobs = 0;
let delayedJobs = 0;
const backends = (): Backends => ({ receiver, logs, stored, ops, failedJobs, delayedJobs });

/** What Slack sends for a typed paste: `&`, `<` and `>` escaped; every other paste in a code block. */
function asSlackText(paste: string, i: number): string {
  const escaped = paste.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
  return i % 2 === 0 ? escaped : `\`\`\`${escaped}\`\`\``;
}

const repliesIn = (channel: string, thread?: string) =>
  fake
    .of('chat.postMessage')
    .filter((c) => c.args.channel === channel && (thread === undefined || c.args.thread_ts === thread));

beforeAll(async () => {
  expect(intentOf(ASK_FOR_A_HUMAN)).toBe('human');
  receiver = await startReceiver();
  // The first escalation's delivery is refused: its job fails for good and stays in Redis with its payload.
  // (A Slack refusal cannot fail an event's job quickly: the queue waits out a Slack outage for 15 minutes.)
  receiver.refuse = 1;
  fake = await FakeSlack.start();
  fake.botAuth = `Bearer ${BOT_TOKEN}`;
  logs = captureLogs('slack');
  const port = await freePort();
  server = await startServer(
    loadConfig({
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      SLACK_ESCALATION_CHANNEL: ESCALATIONS,
      PORT: String(port),
      REDIS_URL,
      AUTHDOCTOR_REDIS_PREFIX: prefix,
      METRICS_PORT: '0',
      LOG_LEVEL: 'debug',
      AUTHDOCTOR_PASTE_WINDOW_MS: '0',
      AUTHDOCTOR_JOB_ATTEMPTS: '2',
      ...UNLIMITED,
      ...webhookEnv(receiver),
    }),
    {
      log: logs.log,
      slack: { retryConfig: { retries: 1, factor: 1, minTimeout: 10, maxTimeout: 20 }, fileTimeoutMs: 5000 },
    },
  );
  const base = `http://127.0.0.1:${port}`;

  // Shared: a mention in a channel per item, each its own thread.
  for (const [i, item] of corpus.entries()) {
    const event = appMention(asSlackText(item.paste, i));
    mentions.push({ ts: event.ts, item });
    await sendEvent(base, event);
  }
  // Private: DMs, five pastes to a conversation, then a request for a human.
  for (let g = 0; g * PER_CONVERSATION < corpus.length; g++) {
    const user = `U0DM${String(g).padStart(6, '0')}`;
    const channel = `D0DM${String(g).padStart(6, '0')}`;
    dmGroups.push({ user, channel });
    const dm = (text: string) =>
      sendEvent(base, { type: 'message', channel_type: 'im', channel, user, ts: nextTs(), text });
    for (const [i, item] of corpus.slice(g * PER_CONVERSATION, (g + 1) * PER_CONVERSATION).entries())
      await dm(asSlackText(item.paste, i + 1));
    await dm(ASK_FOR_A_HUMAN);
  }

  await waitFor(
    () => mentions.every(({ ts }) => repliesIn(CHANNEL, ts).length > 0),
    'a reply in every mention thread',
    45_000,
  );
  await waitFor(
    () => repliesIn(ESCALATIONS).length >= dmGroups.length,
    'an escalation per DM conversation',
    45_000,
  );
  await waitFor(
    () => escalationsReceived(receiver).length >= dmGroups.length,
    'every escalation at the webhook',
    30_000,
  );
  await waitFor(async () => {
    failedJobs = await failedJobsIn(redis, prefix, 'webhooks');
    return failedJobs > 0;
  }, 'the refused webhook delivery in the failed set');
  await server.runtime.engine.drain();
  delayedJobs = (await server.runtime.queue.counts()).delayed ?? 0;
  ops = await scrapeOps(server, 'slack');
  stored = await redisOutputs(redis, prefix, 'slack');
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
  await receiver?.close();
  await redis.cleanup();
});

describe('the leak corpus through Slack', () => {
  it('went everywhere: answered, warned about, escalated, queued, failed, logged, measured', () => {
    // Every mention was answered in its thread, naming the credential by its fingerprint.
    const unanswered = mentions.filter(
      ({ ts, item }) => !repliesIn(CHANNEL, ts).some((c) => namesAny(c.raw, item)),
    );
    expect(unanswered.map((m) => m.item.id)).toEqual([]);
    // Shared pastes with a credential get a private warning.
    const warnings = fake.calls.filter(
      (c) =>
        /posted a credential|credential/i.test(String(c.args.text ?? '')) &&
        c.method === 'chat.postEphemeral',
    );
    expect(warnings.length).toBeGreaterThan(corpus.length / 2);
    expect(repliesIn(ESCALATIONS).length).toBeGreaterThanOrEqual(dmGroups.length);
    expectBackendsExercised(backends(), corpus.length, dmGroups.length);
  });

  it('no corpus secret in any request body the fake Slack received', () => {
    expectNoLeaks([
      ...fake.calls.map((c, i) => ({ where: `slack ${c.method} #${i + 1}`, text: c.raw })),
      ...fake.others.map((o, i) => ({ where: `slack ${o.path} #${i + 1}`, text: o.raw })),
    ]);
  });

  scanBackends(backends);
});
