/**
 * The leak corpus through the real discord.js client (against the fake gateway and REST) with Redis, the
 * escalation webhook, debug logging and the ops server on: every item as `/diagnose` with the paste and as a
 * mention in #general (shared, so a leak warning by DM), every item again in DMs five to a conversation with
 * each conversation escalated to DISCORD_ESCALATION_CHANNEL by asking for a human, and one DM whose replies
 * Discord keeps refusing until its job fails for good. Then every raw REST body, every webhook request,
 * every log line, every Redis key and value under the bot's prefix and the ops pages are scanned.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Server, startServer } from '../../adapters/serve.js';
import { loadConfig } from '../../src/config.js';
import { intentOf } from '../../src/conversation/intents.js';
import { postMention } from '../support/discord-bot.js';
import { FakeDiscord, type FakeUser, type Json, snowflake, waitFor } from '../support/fake-discord.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';
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

const ASK_FOR_A_HUMAN = 'talk to a human';
const PER_CONVERSATION = 5;

const corpus = leakCorpus();
const redis = redisTestKeys('leaks-discord');
const prefix = redis.nextPrefix();

let receiver: WebhookReceiver;
let fake: FakeDiscord;
let server: Server;
let logs: LogCapture;
let ops: Output[] = [];
let stored: Output[] = [];
const mentions: { message: Json; item: (typeof corpus)[number] }[] = [];
const commands: { interaction: { token: string }; item: (typeof corpus)[number] }[] = [];
const dmUsers: FakeUser[] = [];
let failedJobs = 0;
let delayedJobs = 0;
const backends = (): Backends => ({ receiver, logs, stored, ops, failedJobs, delayedJobs });

/** Discord users paste in code blocks about half the time. */
const asDiscordText = (paste: string, i: number) => (i % 2 === 0 ? paste : `\`\`\`\n${paste}\n\`\`\``);

const person = (name: string): FakeUser => ({ id: snowflake(), username: name, global_name: name });

beforeAll(async () => {
  expect(intentOf(ASK_FOR_A_HUMAN)).toBe('human');
  receiver = await startReceiver();
  // The first escalation's delivery is refused: its job fails for good and stays in Redis with its payload.
  receiver.refuse = 1;
  fake = await FakeDiscord.start();
  logs = captureLogs('discord');
  server = await startServer(
    loadConfig({
      DISCORD_TOKEN: 'fake-bot-token.discord',
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      DISCORD_ESCALATION_CHANNEL: fake.channelIds.escalations,
      REDIS_URL,
      AUTHDOCTOR_REDIS_PREFIX: prefix,
      METRICS_PORT: '0',
      LOG_LEVEL: 'debug',
      AUTHDOCTOR_PASTE_WINDOW_MS: '0',
      AUTHDOCTOR_JOB_ATTEMPTS: '2',
      ...UNLIMITED,
      ...webhookEnv(receiver),
    }),
    { log: logs.log, discord: { rest: { timeout: 5_000, retries: 1, offset: 0 } } },
  );

  // Shared, in #general: every other item as `/diagnose` with the paste, the rest as a mention (the two
  // entry points answer through different REST routes: interaction webhooks, channel messages and threads).
  for (const [i, item] of corpus.entries()) {
    if (i % 2 === 0)
      commands.push({
        interaction: fake.slashDiagnose(fake.alice, fake.channelIds.general, { paste: item.paste }),
        item,
      });
    else mentions.push({ message: postMention(fake, asDiscordText(item.paste, i)), item });
  }
  // Private: DMs, five pastes to a conversation, then a request for a human. A person waits for the answer
  // before writing again (messages sent at once may be taken up in any order); conversations run side by
  // side.
  const conversations: Promise<void>[] = [];
  for (let g = 0; g * PER_CONVERSATION < corpus.length; g++) {
    const user = person(`dm-user-${g}`);
    dmUsers.push(user);
    const channel = fake.dmChannel(user);
    const say = async (content: string) => {
      const before = fake.postsIn(channel).length;
      fake.postMessage({ channel, author: user, content });
      await waitFor(() => fake.postsIn(channel).length > before, `an answer in DM ${g}`, 45_000);
    };
    conversations.push(
      (async () => {
        for (const [i, item] of corpus.slice(g * PER_CONVERSATION, (g + 1) * PER_CONVERSATION).entries())
          await say(asDiscordText(item.paste, i + 1));
        await say(ASK_FOR_A_HUMAN);
      })(),
    );
  }
  await Promise.all(conversations);
  // A DM whose replies first meet Discord 500s: its job is retried, payload and all, from Redis.
  const refusedUser = person('refused');
  const refusedChannel = fake.dmChannel(refusedUser);
  for (let i = 0; i < 6; i++)
    fake.failNext('POST', new RegExp(`^/channels/${refusedChannel}/messages$`), 500, {
      message: 'Internal Server Error',
      code: 0,
    });
  const refused = corpus.find((item) => item.id === 'cookie/session') ?? corpus[0];
  fake.postMessage({ channel: refusedChannel, author: refusedUser, content: refused?.paste ?? '' });

  await waitFor(
    () => mentions.every(({ message }) => fake.postsIn(message.id).length > 0),
    'a reply in every mention thread',
    45_000,
  );
  await waitFor(
    () =>
      commands.every(({ interaction }) =>
        fake.interactionCalls(interaction).some((c) => c.method === 'PATCH'),
      ),
    'an answer to every /diagnose',
    45_000,
  );
  await waitFor(
    () => fake.postsIn(fake.channelIds.escalations).length >= dmUsers.length,
    'an escalation per DM conversation',
    45_000,
  );
  await waitFor(
    () => escalationsReceived(receiver).length >= dmUsers.length,
    'every escalation at the webhook',
    30_000,
  );
  // Discord answering 500 is an outage: the DM's reply is retried (its job, payload and all, waits in
  // Redis) rather than failed.
  await waitFor(
    () => fake.callsTo('POST', new RegExp(`^/channels/${refusedChannel}/messages$`)).length >= 4,
    'the refused DM retried',
  );
  failedJobs = await waitFor(async () => {
    const failed = await failedJobsIn(redis, prefix, 'webhooks');
    return failed > 0 ? failed : undefined;
  }, 'the refused webhook delivery in the failed set');
  await server.runtime.engine.drain();
  delayedJobs = (await server.runtime.queue.counts()).delayed ?? 0;
  ops = await scrapeOps(server, 'discord');
  stored = await redisOutputs(redis, prefix, 'discord');
}, 120_000);

afterAll(async () => {
  await server?.stop();
  await fake?.close();
  await receiver?.close();
  await redis.cleanup();
});

describe('the leak corpus through Discord', () => {
  it('went everywhere: answered, warned about, escalated, queued, failed, logged, measured', () => {
    const unnamed = [
      ...mentions
        .filter(({ message, item }) => !fake.postsIn(message.id).some((c) => namesAny(c.raw, item)))
        .map(({ item }) => `mention ${item.id}`),
      ...commands
        .filter(
          ({ interaction, item }) => !fake.interactionCalls(interaction).some((c) => namesAny(c.raw, item)),
        )
        .map(({ item }) => `/diagnose ${item.id}`),
    ];
    expect(unnamed).toEqual([]);
    const warnings = fake
      .postsIn(fake.dmChannel(fake.alice))
      .filter((c) => c.raw.includes('You posted a credential'));
    expect(warnings.length).toBeGreaterThan(mentions.length / 2);
    expectBackendsExercised(backends(), corpus.length, dmUsers.length);
  });

  it('no corpus secret in any REST body the fake Discord received', () => {
    expectNoLeaks(
      fake.calls.map((c, i) => ({ where: `discord ${c.method} ${c.path} #${i + 1}`, text: c.raw })),
    );
  });

  scanBackends(backends);
});
