/**
 * "The engine is done with event X": told by whichever process worked the event, heard by every adapter.
 * The listener that accepted a message may be in another process than the worker that answered it (with
 * Redis, any worker takes any job), and the listener is the one holding things open for it — Slack's
 * hourglass, Discord's deferred "thinking…" reply. Listeners in this process hear it at once; with Redis
 * it also goes out on a pub/sub channel to the other processes.
 *
 * Messages carry ids only. A missed message costs a reaction left on for longer, never a reply.
 */
import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { z } from 'zod';
import { type ConversationRef, ConversationRefSchema } from '../conversation/events.js';
import { type Logger, silentLogger } from '../log.js';

export type SettledListener = (event: string, conversation: ConversationRef) => Promise<void> | void;

export interface SettledBus {
  publish(event: string, conversation: ConversationRef): Promise<void>;
  /** Every settled event from now on, from this process and (with Redis) from the others. */
  subscribe(listener: SettledListener): Promise<void>;
  close(): Promise<void>;
}

const MessageSchema = z.object({
  from: z.string(),
  event: z.string().min(1).max(300),
  conversation: ConversationRefSchema,
});

export function createSettledBus(
  options: { redisUrl?: string | undefined; keyPrefix: string; log?: Logger } = { keyPrefix: '' },
): SettledBus {
  const log = options.log ?? silentLogger;
  const listeners: SettledListener[] = [];
  const self = randomUUID();
  const channel = `${options.keyPrefix}settled`;
  let publisher: Redis | undefined;
  let subscriber: Redis | undefined;

  const tell = async (event: string, conversation: ConversationRef) => {
    for (const listener of listeners) {
      try {
        await listener(event, conversation);
      } catch (error) {
        log.warn({ event, error: (error as Error).message }, 'a settled listener failed');
      }
    }
  };

  const connect = (url: string) => {
    const client = new Redis(url, {
      connectTimeout: 3_000,
      maxRetriesPerRequest: 1,
      retryStrategy: (times: number) => Math.min(times * 200, 2_000),
    });
    client.on('error', () => {
      // Reconnects by itself; a lost notice only leaves an hourglass on a little longer.
    });
    return client;
  };

  return {
    async publish(event, conversation) {
      await tell(event, conversation);
      if (!options.redisUrl) return;
      publisher ??= connect(options.redisUrl);
      await publisher
        .publish(channel, JSON.stringify({ from: self, event, conversation }))
        .catch((error: Error) =>
          log.warn({ event, error: error.message }, 'could not publish a settled event'),
        );
    },
    async subscribe(listener) {
      listeners.push(listener);
      if (!options.redisUrl || subscriber) return;
      subscriber = connect(options.redisUrl);
      subscriber.on('message', (_channel: string, text: string) => {
        let message: z.infer<typeof MessageSchema>;
        try {
          const parsed = MessageSchema.safeParse(JSON.parse(text));
          if (!parsed.success) return;
          message = parsed.data;
        } catch {
          return;
        }
        if (message.from === self) return;
        void tell(message.event, message.conversation);
      });
      await subscriber.subscribe(channel).catch((error: Error) => {
        log.warn({ error: error.message }, 'could not subscribe to settled events; retrying on reconnect');
      });
    },
    async close() {
      listeners.length = 0;
      for (const client of [publisher, subscriber]) {
        if (!client) continue;
        if (client.status === 'ready') await client.quit().catch(() => client.disconnect());
        else client.disconnect();
      }
    },
  };
}
