/**
 * Issue 7, "must show": the "did that fix it?" follow-up is a delayed job in BullMQ. After a diagnosis it
 * arrives once when the user goes quiet; when the user answers first, it is cancelled: never sent, and gone
 * from Redis. One `startServer` that also works (the follow-up delay is an engine setting, which only the
 * process running the reducer reads), with REDIS_URL and a 300 ms delay.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ConversationRef, conversationKey } from '../../src/conversation/events.js';
import { bullJobId } from '../../src/queue/bullmq.js';
import { PASTES } from '../support/conversation.js';
import { BOT_USER, FakeSlack, nextTs, SIGNING_SECRET, sendEvent, TEAM } from '../support/fake-slack.js';
import { waitFor } from '../support/wait.js';
import {
  deleteKeys,
  EnqueueLog,
  keysUnder,
  type Listener,
  REDIS_URL,
  runPrefix,
  sharedEnv,
  startListener,
} from './cluster.js';

const PREFIX = runPrefix();
const FOLLOW_UP_MS = 300;
const FOLLOW_UP = 'Did that fix it? Tell me either way';
const USER = 'U0FOLLOW01';

let fake: FakeSlack | undefined;
let listener: Listener | undefined;
const enqueues = new EnqueueLog();

afterAll(async () => {
  await listener?.server.stop().catch(() => {});
  await fake?.close();
  await deleteKeys(REDIS_URL, PREFIX);
}, 30_000);

beforeAll(async () => {
  fake = await FakeSlack.start();
  listener = await startListener(sharedEnv(fake, REDIS_URL, PREFIX), enqueues, {
    works: true,
    server: { settings: { followUpMs: FOLLOW_UP_MS } },
  });
}, 30_000);

const mention = (channel: string, text: string, thread?: string) => {
  const ts = nextTs();
  return {
    ts,
    event: {
      type: 'app_mention',
      user: USER,
      channel,
      ts,
      text: `<@${BOT_USER}> ${text}`,
      ...(thread ? { thread_ts: thread } : {}),
    },
  };
};

/** Sends a message and waits until the listener has queued it (the ack comes before that). */
async function say(channel: string, text: string, thread?: string): Promise<string> {
  const { ts, event } = mention(channel, text, thread);
  const response = await sendEvent(listener!.base, event, { secret: SIGNING_SECRET });
  expect(response.status).toBe(200);
  const job = `event:slack:msg:${channel}:${ts}`;
  await waitFor(() => enqueues.outcomes.get(job), `message ${ts} queued`);
  expect(enqueues.outcomes.get(job)).toBe('accepted');
  return ts;
}

const postsIn = (channel: string, thread: string) =>
  fake!.of('chat.postMessage').filter((c) => c.args.channel === channel && c.args.thread_ts === thread);
const says = (text: string) => (c: { args: Record<string, unknown> }) =>
  JSON.stringify(c.args).includes(text);
const ref = (channel: string, thread: string): ConversationRef => ({
  platform: 'slack',
  workspace: TEAM,
  channel,
  thread,
});

/** The follow-up timer of a conversation, read from the store: the engine saves a turn before delivering it. */
function followUpOf(conversation: ConversationRef): Promise<{ id: string }> {
  return waitFor(async () => {
    const stored = (await listener!.server.runtime.store.get(conversationKey(conversation))) as
      | { state?: { timers?: { follow_up?: { id: string } } } }
      | undefined;
    return stored?.state?.timers?.follow_up;
  }, 'the diagnosis saved with its follow-up');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('the follow-up on BullMQ', () => {
  it('asks "did that fix it?" once when the user goes quiet after a diagnosis', async () => {
    const channel = 'C0FOLLOW01';
    // Held until the timer's id is read from the store (it is saved there before the diagnosis goes out).
    const release = fake!.hold('chat.postMessage');
    let thread: string;
    let timerId: string;
    try {
      thread = await say(channel, PASTES.missingHeader);
      timerId = (await followUpOf(ref(channel, thread))).id;
    } finally {
      release();
    }
    await waitFor(() => postsIn(channel, thread).find(says('401 diagnosis')), 'the diagnosis');
    const followUp = await waitFor(() => postsIn(channel, thread).find(says(FOLLOW_UP)), 'the follow-up');
    expect(followUp.args.thread_ts).toBe(thread);

    // Well past another delay: still once, and nothing is left waiting in Redis.
    await sleep(FOLLOW_UP_MS * 4);
    await listener!.server.runtime.queue.drain();
    expect(postsIn(channel, thread).filter(says(FOLLOW_UP))).toHaveLength(1);
    expect(await listener!.server.runtime.queue.counts()).toMatchObject({
      delayed: 0,
      waiting: 0,
      active: 0,
    });
    // Its job is done and removed; only its id is remembered, against a second run (the names are right).
    expect(await keysUnder(REDIS_URL, PREFIX, `*${bullJobId(timerId)}*`)).toEqual([]);
    expect(await keysUnder(REDIS_URL, PREFIX, `*${timerId}*`)).toEqual([`${PREFIX}q:events:seen:${timerId}`]);
  });

  it('never sends it when the user answers first, and the delayed job is gone from Redis', async () => {
    const channel = 'C0FOLLOW02';
    // The diagnosis is held on its way to Slack: the follow-up is only scheduled once it is delivered, so
    // the user's answer is certainly queued before the follow-up exists (whatever the host's speed).
    const release = fake!.hold('chat.postMessage');
    let thread: string;
    let timerId: string;
    try {
      thread = await say(channel, PASTES.missingHeader);
      timerId = (await followUpOf(ref(channel, thread))).id;
      await say(channel, 'fixed', thread);
    } finally {
      release();
    }
    await waitFor(() => postsIn(channel, thread).find(says('Glad it works now')), 'the answer to "fixed"');
    expect(postsIn(channel, thread).filter(says('401 diagnosis'))).toHaveLength(1);

    // Past the delay (several times over): no follow-up.
    await sleep(FOLLOW_UP_MS * 4);
    await listener!.server.runtime.queue.drain();
    expect(postsIn(channel, thread).filter(says(FOLLOW_UP))).toEqual([]);
    // Gone from Redis: no delayed job, no BullMQ job hash, no queue bookkeeping under its id.
    expect(await listener!.server.runtime.queue.counts()).toMatchObject({
      delayed: 0,
      waiting: 0,
      active: 0,
    });
    expect(await keysUnder(REDIS_URL, PREFIX, `*${bullJobId(timerId)}*`)).toEqual([]);
    expect(await keysUnder(REDIS_URL, PREFIX, `*${timerId}*`)).toEqual([]);
  });
});
