/**
 * Delivery as a part of its own: the process that accepted an event and the one that sends its replies may
 * differ, sharing only the Redis session store (the real Redis on 127.0.0.1:6379, under a prefix unique to
 * this run, removed afterwards). "Another process" here is a delivery instance with its own store
 * connection and its own Web API / REST client.
 */
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { createDeliveries } from '../../adapters/deliveries.js';
import { createDiscordAdapter } from '../../adapters/discord/adapter.js';
import { createDiscordDelivery } from '../../adapters/discord/delivery.js';
import { createSlackDelivery } from '../../adapters/slack/delivery.js';
import { loadConfig } from '../../src/config.js';
import { createEngine, type Outbound } from '../../src/conversation/engine.js';
import type { ConversationRef, EventJob } from '../../src/conversation/events.js';
import { settingsFrom } from '../../src/conversation/runtime.js';
import { createDiagnoser } from '../../src/diagnose/service.js';
import { createLogger } from '../../src/log.js';
import { createMemoryQueue } from '../../src/queue/memory.js';
import type { Part, Reply } from '../../src/reply/model.js';
import { RedisSessionStore } from '../../src/store/redis.js';
import { githubToken, PASTES } from '../support/conversation.js';
import { postMention } from '../support/discord-bot.js';
import { customIds, discordText } from '../support/discord-payloads.js';
import { FakeDiscord, type RecordedCall } from '../support/fake-discord.js';
import {
  BOT_TOKEN,
  FakeSlack,
  nextTs,
  SIGNING_SECRET,
  type SlackCall,
  sendEvent,
  startSlackBot,
  TEAM,
} from '../support/fake-slack.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';
import { appMention, CHANNEL, posts, textOf, USER } from '../support/slack-bot.js';
import { waitFor } from '../support/wait.js';

const redis = redisTestKeys('split-delivery');
const { admin, keysUnder, nextPrefix, everythingUnder } = redis;

const sessionKey = (prefix: string, key: string) => `${prefix}v1:session:${key}`;

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});
afterAll(() => redis.cleanup());

function redisStore(prefix: string): RedisSessionStore {
  const store = new RedisSessionStore(REDIS_URL, { keyPrefix: prefix, ttlMs: 3_600_000 });
  cleanups.push(() => store.close());
  return store;
}

const REST = { timeout: 5_000, retries: 1, offset: 0 };
const ephemeral = (c: RecordedCall) => ((c.body?.flags ?? c.body?.data?.flags ?? 0) & 64) === 64;

// ---------------------------------------------------------------------------------------------------------
// Discord

/**
 * Process A: the Discord adapter (gateway, acknowledgements) and the engine. Process B: a delivery of its
 * own (own REST, own store connection) that the engine hands every reply and `settled` to. A's adapter
 * delivers nothing.
 */
async function discordSplit(fakeOptions: { manageMessages?: boolean } = {}) {
  const fake = await FakeDiscord.start(fakeOptions);
  cleanups.push(() => fake.close());
  const prefix = nextPrefix();
  const config = loadConfig({
    DISCORD_TOKEN: 'fake-bot-token.discord',
    DISCORD_APPLICATION_ID: fake.applicationId,
    DISCORD_API_URL: fake.apiUrl,
    AUTHDOCTOR_PASTE_WINDOW_MS: '0',
  });
  const logs: string[] = [];
  const log = createLogger('info', (line) => logs.push(line));
  const listenerStore = redisStore(prefix);
  const worker = createDiscordDelivery({ config, store: redisStore(prefix), log, restOptions: REST });
  const delivered: string[] = [];
  const engine = createEngine({
    diagnoser: createDiagnoser(config),
    store: listenerStore,
    queue: createMemoryQueue<EventJob>({ backoffMs: 1 }),
    settings: settingsFrom(config),
    deliver: async (out) => {
      await worker.deliver(out);
      delivered.push(out.event);
    },
    settled: (event, conversation) => worker.settled(event, conversation),
    log,
  });
  engine.start();
  const adapter = await createDiscordAdapter(
    { config, engine, diagnoser: createDiagnoser(config), store: listenerStore, log },
    { rest: REST },
  );
  cleanups.push(async () => {
    await adapter.stop();
    await engine.close();
    await worker.close();
  });
  await adapter.start();
  return { fake, prefix, delivered, logs };
}

describe('Discord: acknowledged by the adapter, answered by another process', () => {
  it('/diagnose: the deferred reply is filled through the interaction webhook and the thread started', async () => {
    const { fake, prefix, delivered } = await discordSplit();
    const interaction = fake.slashDiagnose(fake.alice, fake.channelIds.general, {
      paste: PASTES.missingHeader,
    });
    const edit = await waitFor(
      () =>
        fake
          .interactionCalls(interaction)
          .find((c) => c.method === 'PATCH' && c.path.endsWith('/messages/@original')),
      'the diagnosis in the deferred reply',
    );
    expect(discordText(edit.body)).toContain('No credential was sent');
    expect(fake.interactionCalls(interaction)[0]!.body.type).toBe(5);
    const thread = await waitFor(() => fake.callsTo('POST', /\/threads$/)[0], 'the thread on the reply');
    expect(thread.path).toBe(`/channels/${fake.channelIds.general}/messages/${edit.response.id}/threads`);
    await waitFor(() => delivered.includes(interaction.id), 'the worker delivered the event');

    // The live interaction the worker completed: in the store, settled, gone within 14 minutes.
    const key = sessionKey(prefix, `discord:live:${interaction.id}`);
    const ttl = await admin.pttl(key);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(14 * 60_000);
    expect(JSON.parse((await admin.get(key))!).v).toMatchObject({ settled: true, pending: [] });
    // The diagnosis is remembered by id only (to be edited later): no interaction token in it.
    const sent = await keysUnder(`${prefix}v1:session:discord:sent:`);
    expect(sent).toHaveLength(1);
    const stored = (await admin.get(sent[0]!))!;
    expect(stored).toContain(edit.response.id);
    expect(stored).not.toContain(interaction.token);
  });

  it('a leaky paste: the private warning is an ephemeral follow-up after the public reply, with the delete offer', async () => {
    const { fake, prefix } = await discordSplit({ manageMessages: true });
    const token = githubToken();
    const posted = fake.postMessage({
      channel: fake.channelIds.general,
      author: fake.alice,
      content: PASTES.githubRejected(token),
    });
    const interaction = fake.contextMenu(fake.alice, posted);
    const warning = await waitFor(
      () =>
        fake.interactionCalls(interaction).find((c) => c.method === 'POST' && !c.path.endsWith('/callback')),
      'the warning',
    );
    const calls = fake.interactionCalls(interaction);
    const diagnosis = calls.find((c) => c.method === 'PATCH')!;
    expect(calls.indexOf(diagnosis)).toBeLessThan(calls.indexOf(warning));
    expect(ephemeral(warning)).toBe(true);
    expect(ephemeral(diagnosis)).toBe(false);
    expect(discordText(warning.body)).toContain('You posted a credential');
    // The paste's source message was recorded by the listener and read by the worker.
    expect(customIds(warning.body)).toContain(
      `ad1-del|${fake.channelIds.general}|${posted.id}|${fake.alice.id}`,
    );
    // What went through Redis never held the credential.
    expect(await everythingUnder(prefix)).not.toContain(token.slice(4, 20));
  });

  it('a deferred reply the engine leaves unanswered is removed by the worker when it settles the event', async () => {
    const { fake } = await discordSplit();
    const posted = postMention(fake, PASTES.missingHeader);
    const diagnosis = await waitFor(() => fake.postsIn(posted.id)[0], 'the diagnosis');
    fake.clickButton(
      fake.alice,
      diagnosis.response,
      customIds(diagnosis.body).find((id) => id.startsWith('ad1|human|'))!,
    );
    await waitFor(() => fake.postsIn(posted.id)[1], 'the escalation reply');

    const quiet = fake.slashDiagnose(fake.alice, posted.id, { paste: PASTES.unexplained });
    const removed = await waitFor(
      () => fake.interactionCalls(quiet).find((c) => c.method === 'DELETE'),
      'the deferred reply removed',
    );
    expect(removed.path.endsWith('/messages/@original')).toBe(true);
    expect(fake.interactionCalls(quiet).map((c) => c.method)).toEqual(['POST', 'DELETE']);
  });
});

// ---------------------------------------------------------------------------------------------------------
// Slack

async function slackWorkers() {
  const fake = await FakeSlack.start();
  cleanups.push(() => fake.close());
  const prefix = nextPrefix();
  const config = loadConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
  });
  const log = createLogger('silent');
  const worker = () => {
    const delivery = createSlackDelivery({
      config,
      store: redisStore(prefix),
      log,
      retryConfig: { retries: 0 },
    });
    cleanups.push(() => delivery.close());
    return delivery;
  };
  return { fake, prefix, worker };
}

const text = (t: string): Part => ({ type: 'text', text: t, tone: 'plain' });
const okPosts = (fake: FakeSlack): SlackCall[] =>
  fake.of('chat.postMessage').filter((c) => c.response?.ok === true);

function outbound(conversation: ConversationRef, event: string, replies: Reply[]): Outbound {
  return { conversation, user: USER, event, replies };
}

describe('Slack: any worker continues what another one sent', () => {
  it('a reply with `replaces` edits the message another delivery instance posted', async () => {
    const { fake, worker } = await slackWorkers();
    const [a, b] = [worker(), worker()];
    const conversation: ConversationRef = {
      platform: 'slack',
      workspace: TEAM,
      channel: CHANNEL,
      thread: nextTs(),
    };
    await a.deliver(
      outbound(conversation, 'e1', [
        { visibility: 'public', key: 'diagnosis', summary: 'First look', parts: [text('First look')] },
      ]),
    );
    const first = okPosts(fake)[0]!;
    await b.deliver(
      outbound(conversation, 'e2', [
        {
          visibility: 'public',
          key: 'diagnosis',
          replaces: 'diagnosis',
          summary: 'Second look',
          parts: [text('Second look')],
        },
      ]),
    );
    const updates = fake.of('chat.update');
    expect(updates).toHaveLength(1);
    expect(updates[0]!.args).toMatchObject({ channel: CHANNEL, ts: first.response!.ts });
    expect(okPosts(fake)).toHaveLength(1);

    // And back: the first instance edits what the second last remembered.
    await a.deliver(
      outbound(conversation, 'e3', [
        { visibility: 'public', replaces: 'diagnosis', summary: 'Third look', parts: [text('Third look')] },
      ]),
    );
    expect(fake.of('chat.update').map((c) => c.args.ts)).toEqual([first.response!.ts, first.response!.ts]);
    expect(okPosts(fake)).toHaveLength(1);
  });

  it('a resumed delivery (its worker died after Slack took the reply) finds the reply and does not post it again', async () => {
    const { fake, worker } = await slackWorkers();
    const [dead, next] = [worker(), worker()];
    const thread = nextTs();
    const conversation: ConversationRef = { platform: 'slack', workspace: TEAM, channel: CHANNEL, thread };
    const reply: Reply = {
      visibility: 'public',
      summary: 'Diagnosis',
      parts: [text('No credential was sent')],
    };
    // The first worker posted reply 1 of event e1, then died before recording it.
    await dead.deliver({ ...outbound(conversation, 'e1', [reply]), index: 1 });
    expect(okPosts(fake)[0]!.args.metadata).toEqual({
      event_type: 'authdoctor_reply',
      event_payload: { event: 'e1', reply: 1, part: 0 },
    });
    await next.deliver({ ...outbound(conversation, 'e1', [reply]), index: 1, resumed: true });
    expect(okPosts(fake)).toHaveLength(1);
    expect(fake.of('conversations.replies')[0]!.args).toMatchObject({ channel: CHANNEL, ts: thread });
    // Reply 2 of the same event was never posted: the resumed look-up does not mistake reply 1 for it.
    await next.deliver({ ...outbound(conversation, 'e1', [reply]), index: 2, resumed: true });
    expect(okPosts(fake)).toHaveLength(2);
    // Without a thread (a DM), the channel's history is where it looks.
    const dm: ConversationRef = { platform: 'slack', workspace: TEAM, channel: 'D0DM000001' };
    await dead.deliver({ ...outbound(dm, 'e2', [reply]), index: 0 });
    await next.deliver({ ...outbound(dm, 'e2', [reply]), index: 0, resumed: true });
    expect(okPosts(fake).filter((c) => c.args.channel === 'D0DM000001')).toHaveLength(1);
    // A look-up Slack refuses posts anyway: twice is better than never.
    fake.fail('conversations.history', 'missing_scope');
    await next.deliver({ ...outbound(dm, 'e3', [reply]), index: 0, resumed: true });
    expect(okPosts(fake).filter((c) => c.args.channel === 'D0DM000001')).toHaveLength(2);
  });

  it('a split reply that failed halfway is finished by another instance without posting parts twice', async () => {
    const { fake, prefix, worker } = await slackWorkers();
    const [a, b] = [worker(), worker()];
    const conversation: ConversationRef = {
      platform: 'slack',
      workspace: TEAM,
      channel: CHANNEL,
      thread: nextTs(),
    };
    const paragraphs = Array.from({ length: 120 }, (_, i) => text(`Paragraph ${i + 1}`));
    const out = outbound(conversation, 'e-long', [
      { visibility: 'public', key: 'diagnosis', summary: 'Many paragraphs', parts: paragraphs },
    ]);
    fake.fail('chat.postMessage', 'internal_error', {
      when: (args) => String(args.text).includes('part 3 of 3'),
    });
    await expect(a.deliver(out)).rejects.toThrow();
    expect(okPosts(fake).map((c) => c.args.text)).toEqual([
      'Many paragraphs',
      'Many paragraphs (part 2 of 3)',
    ]);
    // The parts that went out are noted for an hour at most.
    const [parts] = await keysUnder(`${prefix}v1:session:slack:parts:`);
    expect(parts).toBeDefined();
    const ttl = await admin.pttl(parts!);
    expect(ttl).toBeGreaterThan(0);
    expect(ttl).toBeLessThanOrEqual(3_600_000);

    await b.deliver(out);
    expect(okPosts(fake).map((c) => c.args.text)).toEqual([
      'Many paragraphs',
      'Many paragraphs (part 2 of 3)',
      'Many paragraphs (part 3 of 3)',
    ]);
    // Done: the note is gone, and all three parts are what a later `replaces` edits.
    expect(await keysUnder(`${prefix}v1:session:slack:parts:`)).toEqual([]);
    await a.deliver(
      outbound(conversation, 'e-short', [
        { visibility: 'public', replaces: 'diagnosis', summary: 'Short now', parts: [text('Short now')] },
      ]),
    );
    expect(fake.of('chat.update')).toHaveLength(1);
    expect(fake.of('chat.delete')).toHaveLength(2);
  });

  it('end to end: a diagnosis `authdoctor serve` posted is edited by a worker-only delivery', async () => {
    const prefix = nextPrefix();
    const bot = await startSlackBot({ env: { REDIS_URL, AUTHDOCTOR_REDIS_PREFIX: prefix } });
    cleanups.push(() => bot.stop());
    const event = appMention(PASTES.missingHeader);
    await sendEvent(bot.base, event);
    const diagnosis = await waitFor(() => posts(bot)[0], 'the diagnosis');
    expect(textOf(diagnosis)).toContain('No credential was sent');

    // A worker process: only deliveries (no receiver), its own client and store connection.
    const store = redisStore(prefix);
    const deliveries = createDeliveries(
      loadConfig({
        SLACK_BOT_TOKEN: BOT_TOKEN,
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: bot.fake.apiUrl,
      }),
      { store, log: createLogger('silent'), slack: { retryConfig: { retries: 0 } } },
    );
    expect([...deliveries.keys()]).toEqual(['slack']);
    const worker = deliveries.get('slack')!;
    cleanups.push(() => worker.close());
    await waitFor(
      async () => (await keysUnder(`${prefix}v1:session:slack:sent:`)).length > 0,
      'the sent record',
    );
    await worker.deliver(
      outbound({ platform: 'slack', workspace: TEAM, channel: CHANNEL, thread: event.ts }, 'e-worker', [
        {
          visibility: 'public',
          replaces: 'diagnosis',
          summary: 'Updated',
          parts: [text('Updated by a worker')],
        },
      ]),
    );
    const update = await waitFor(() => bot.fake.of('chat.update')[0], 'the edit');
    expect(update.args).toMatchObject({ channel: CHANNEL, ts: diagnosis.response!.ts });
    expect(posts(bot)).toHaveLength(1);
  });
});
