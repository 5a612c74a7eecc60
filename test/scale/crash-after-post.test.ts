/**
 * Found by kill-worker.test.ts and redis-restart.test.ts, made deterministic here: a worker that dies after
 * Slack took its reply, but before the engine saved that the reply went out, leaves the reply "still owed" in
 * the conversation's record; the worker that ran the job again posted it a second time. Here the fake holds
 * its answer to chat.postMessage (so Slack has the reply and the worker has not heard back), the worker that
 * posted is killed, then the fake answers. The worker that takes the job over finds the reply in the
 * conversation by its metadata and does not post it again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { bullJobId } from '../../src/queue/bullmq.js';
import { eventEnvelope, postSigned } from '../support/fake-slack.js';
import { waitFor } from '../support/wait.js';
import {
  deleteKeys,
  EnqueueLog,
  keysUnder,
  killChildren,
  type Listener,
  pasteFor,
  poster,
  REDIS_URL,
  RemoteFakeSlack,
  runPrefix,
  sharedEnv,
  spawnWorker,
  startListener,
  type WorkerChild,
} from './cluster.js';

const PREFIX = runPrefix();
const CHANNEL = 'D0CRASH0001';
let fake: RemoteFakeSlack | undefined;
let listener: Listener | undefined;
const workers: WorkerChild[] = [];
const enqueues = new EnqueueLog();

beforeAll(async () => {
  fake = await RemoteFakeSlack.start();
  const env = sharedEnv(fake, REDIS_URL, PREFIX, { AUTHDOCTOR_JOB_LOCK_SECONDS: '5' });
  workers.push(...(await Promise.all([spawnWorker('w1', env), spawnWorker('w2', env)])));
  listener = await startListener(env, enqueues);
}, 60_000);

afterAll(async () => {
  await listener?.server.stop().catch(() => {});
  await killChildren();
  await deleteKeys(REDIS_URL, PREFIX);
}, 30_000);

it('posts a reply once when its worker dies after Slack took it', async () => {
  const release = await fake!.hold('chat.postMessage');
  const ts = '1890000000.000001';
  const event = {
    type: 'message',
    channel_type: 'im',
    channel: CHANNEL,
    user: 'U0CRASH001',
    ts,
    text: pasteFor(7),
  };
  try {
    const response = await postSigned(
      listener!.base,
      JSON.stringify(eventEnvelope(event, 'EvCrash0001')),
      'application/json',
    );
    expect(response.status).toBe(200);
    await fake!.until((f) => f.of('chat.postMessage').length > 0, 'the reply reaching Slack', 30_000);
    const victim = workers.find((w) => w.name === poster(fake!.of('chat.postMessage')[0]!, workers))!;
    victim.child.kill('SIGKILL');
    await victim.exited;
  } finally {
    await release();
  }
  // The other worker takes the job over once its locks (BullMQ's, then the conversation's) run out.
  const job = `event:slack:msg:${CHANNEL}:${ts}`;
  await waitFor(
    async () => (await keysUnder(REDIS_URL, PREFIX, `*q:events:pending`)).length === 0,
    'the job to be finished by the other worker',
    60_000,
  );
  expect(await keysUnder(REDIS_URL, PREFIX, `*${bullJobId(job)}*`)).toEqual([]);
  const posts = (await fake!.sync()).filter(
    (c) => c.method === 'chat.postMessage' && c.args.channel === CHANNEL,
  );
  expect(posts.map((c) => poster(c, workers))).toHaveLength(1);
}, 90_000);
