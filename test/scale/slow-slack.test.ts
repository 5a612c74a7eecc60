/**
 * Found by the scale tests (two-workers.test.ts, when the fake Slack shared the test's busy process and
 * answered late): a reply whose chat.postMessage Slack receives but answers after the Web API client's
 * request timeout (8 s by default) was posted twice: the client gave up on the request and retried it, and
 * Slack posted both. Now a request that may have reached Slack is not retried by the client; the queue's
 * retry looks in the thread first (the reply's metadata names its event) and finds it. Shown here with a
 * short timeout and a fake that answers late.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { BOT_TOKEN, BOT_USER, FakeSlack, nextTs, SIGNING_SECRET, sendEvent } from '../support/fake-slack.js';
import { waitFor } from '../support/wait.js';
import { EnqueueLog, type Listener, startListener } from './cluster.js';

const TIMEOUT_MS = 300;
let fake: FakeSlack | undefined;
let listener: Listener | undefined;

beforeAll(async () => {
  fake = await FakeSlack.start();
  listener = await startListener(
    {
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      AUTHDOCTOR_PASTE_WINDOW_MS: '0',
      LOG_LEVEL: 'info',
    },
    new EnqueueLog(),
    {
      works: true,
      server: {
        slack: {
          retryConfig: { retries: 2, factor: 1, minTimeout: 10, maxTimeout: 50 },
          requestTimeoutMs: TIMEOUT_MS,
        },
      },
    },
  );
}, 30_000);

afterAll(async () => {
  await listener?.server.stop();
  await fake?.close();
});

it('posts a reply once when Slack takes it but answers after the client timed out', async () => {
  const release = fake!.hold('chat.postMessage');
  const ts = nextTs();
  const event = {
    type: 'app_mention',
    user: 'U0SLOW0001',
    channel: 'C0SLOW0001',
    ts,
    text: `<@${BOT_USER}> ${PASTES.missingHeader}`,
  };
  try {
    expect((await sendEvent(listener!.base, event)).status).toBe(200);
    await waitFor(() => fake!.of('chat.postMessage').length >= 1, 'the reply reaching Slack');
    // Slack has it; it answers only after the client's timeout.
    await new Promise((resolve) => setTimeout(resolve, TIMEOUT_MS * 3));
  } finally {
    release();
  }
  await listener!.server.runtime.engine.drain();
  const diagnoses = fake!.of('chat.postMessage').filter((c) => c.args.thread_ts === ts);
  expect(diagnoses).toHaveLength(1);
});
