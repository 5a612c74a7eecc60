/**
 * "forget me" against everything that is durable: the Redis session store, the BullMQ events queue (a
 * follow-up waiting for its time), the escalation webhook's queue (a hand-over the receiver keeps refusing,
 * waiting for its next retry), analytics and the rate limiter. Afterwards nothing under the deployment's
 * prefix names the user, while another user's conversation is untouched, and the user was told.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import type { Outbound } from '../../src/conversation/engine.js';
import type { ConversationRef } from '../../src/conversation/events.js';
import { createRuntime, type Runtime } from '../../src/conversation/runtime.js';
import { PASTES } from '../support/conversation.js';
import { REDIS_URL, redisTestKeys } from '../support/redis.js';
import { waitFor } from '../support/wait.js';

const redis = redisTestKeys('forget');
const closing: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const close of closing.splice(0).reverse()) await close();
});
afterAll(() => redis.cleanup());

const LEAVING = 'U0LEAVING01';
const STAYING = 'U0STAYING01';
const thread = (n: number): ConversationRef => ({
  platform: 'slack',
  workspace: 'T0WORKSPACE',
  channel: 'C0CHANNEL01',
  thread: `1700000000.00000${n}`,
});

/** A ticket system that is down: every delivery is answered 503, so it stays queued for a retry. */
async function downReceiver(): Promise<{ url: string; attempts: () => number }> {
  let attempts = 0;
  const server: Server = createServer((req, res) => {
    req.resume();
    attempts++;
    res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closing.push(() => new Promise((resolve) => server.close(() => resolve())));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook`, attempts: () => attempts };
}

describe('forget me, with Redis', () => {
  it('leaves nothing under the prefix that names the user: sessions, queued follow-ups and hand-overs', async () => {
    const prefix = redis.nextPrefix();
    const receiver = await downReceiver();
    const sent: Outbound[] = [];
    const runtime: Runtime = createRuntime(
      loadConfig({
        REDIS_URL,
        AUTHDOCTOR_REDIS_PREFIX: prefix,
        AUTHDOCTOR_PASTE_WINDOW_MS: '0',
        AUTHDOCTOR_ESCALATION_WEBHOOK_URL: receiver.url,
        AUTHDOCTOR_ESCALATION_WEBHOOK_SECRET: 'a-shared-secret-of-some-length',
        AUTHDOCTOR_OUTBOUND_ALLOW: '127.0.0.1',
      }),
      {
        deliver: async (out) => {
          sent.push(out);
        },
      },
    );
    closing.push(() => runtime.close());
    const say = async (id: string, conversation: ConversationRef, user: string, text: string) => {
      await runtime.engine.accept({ kind: 'message', id, conversation, user, text, shared: true });
      await runtime.engine.drain();
    };

    await say('E1', thread(1), LEAVING, PASTES.missingHeader);
    await say('E2', thread(2), LEAVING, PASTES.unexplained);
    await say('E3', thread(2), LEAVING, 'human');
    await say('E4', thread(3), STAYING, PASTES.missingHeader);
    await waitFor(() => receiver.attempts() > 0, 'the hand-over tried');

    // Before: the user is all over Redis (so the scan below can see them).
    expect(await redis.everythingUnder(prefix)).toContain(LEAVING);
    const before = await runtime.queue.counts();
    expect(before.delayed).toBeGreaterThanOrEqual(3);

    await say('E5', thread(1), LEAVING, 'forget me');

    const confirmation = sent.find((o) => o.event === 'E5');
    expect(confirmation?.replies[0]?.summary).toBe('Deleted what I kept about you');
    expect(confirmation?.user).toBe(LEAVING);
    const after = await redis.everythingUnder(prefix);
    expect(after).not.toContain(LEAVING);
    // The other user's conversation and follow-up are still there.
    expect(await runtime.store.keysOfUser(STAYING)).toHaveLength(1);
    expect((await runtime.queue.counts()).delayed).toBe(1);
    // And the hand-over is no longer waiting to be retried.
    expect(await runtime.webhook!.purge(LEAVING)).toBe(0);
  });
});
