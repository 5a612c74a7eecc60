/**
 * "Settled" crosses processes: a listener in one process (holding a Slack hourglass, a Discord deferral)
 * hears about an event a worker in another process finished. Two buses on the real Redis stand for the two
 * processes; a prefix unique to this run keeps the channel private.
 */
import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConversationRef } from '../../src/conversation/events.js';
import { createSettledBus, type SettledBus } from '../../src/platform/settled-bus.js';
import { REDIS_URL } from '../support/redis.js';
import { waitFor } from '../support/wait.js';

// Pub/sub stores nothing: the prefix only keeps this run's channel private.
const keyPrefix = `authdoctor-test:settled:${process.pid}:${randomBytes(4).toString('hex')}:`;
const where: ConversationRef = { platform: 'slack', workspace: 'T1', channel: 'C1', thread: '17.5' };
const buses: SettledBus[] = [];
const open = (redisUrl?: string) => {
  const bus = createSettledBus({ redisUrl, keyPrefix });
  buses.push(bus);
  return bus;
};

afterEach(async () => {
  for (const bus of buses.splice(0)) await bus.close();
});

describe('settled bus', () => {
  it('tells listeners in this process at once and in another process through Redis, each once', async () => {
    const adapterSide = open(REDIS_URL);
    const workerSide = open(REDIS_URL);
    const heardThere: string[] = [];
    const heardHere: string[] = [];
    await adapterSide.subscribe((event) => {
      heardThere.push(event);
    });
    await workerSide.subscribe((event) => {
      heardHere.push(event);
    });
    await workerSide.publish('slack:msg:C1:17.5', where);
    expect(heardHere).toEqual(['slack:msg:C1:17.5']);
    await waitFor(() => heardThere.length === 1, 'the other process to hear it');
    expect(heardThere).toEqual(['slack:msg:C1:17.5']);
    // The publisher does not hear its own message a second time through Redis.
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(heardHere).toEqual(['slack:msg:C1:17.5']);
  });

  it('without Redis, only this process hears, and a failing listener does not stop the others', async () => {
    const bus = open();
    const heard: string[] = [];
    await bus.subscribe(() => {
      throw new Error('listener broke');
    });
    await bus.subscribe((event, conversation) => {
      heard.push(`${event}@${conversation.channel}`);
    });
    await bus.publish('e1', where);
    expect(heard).toEqual(['e1@C1']);
  });
});
