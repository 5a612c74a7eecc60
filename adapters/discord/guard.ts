/**
 * Keeping the process alive around discord.js. Two gaps need covering:
 *
 * - Our listeners: every one runs through `guarded`, so a REST error (missing access, an interaction that
 *   expired: 10062) is one log line, never an unhandled rejection.
 * - Gateway events discord.js cannot build: its packet handlers run inside @discordjs/ws's `onMessage`,
 *   whose promise nobody awaits, so an INTERACTION_CREATE missing `entitlements` or `member.user` throws
 *   into an unhandled rejection, and Node 20 exits on those. `guardGateway` validates interactions (zod, the
 *   fields discord.js 14 dereferences) and catches whatever any other handler throws.
 */
import type { Client } from 'discord.js';
import { z } from 'zod';
import type { Logger } from '../../src/log.js';
import { describeError } from './rest.js';

const User = z.looseObject({ id: z.string() });

/** What discord.js 14.28 reads unconditionally when it builds an interaction. */
const InteractionPacket = z
  .looseObject({
    id: z.string(),
    application_id: z.string(),
    type: z.number().int(),
    token: z.string(),
    entitlements: z.array(z.unknown()),
    authorizing_integration_owners: z.record(z.string(), z.unknown()),
    user: User.optional(),
    member: z.looseObject({ user: User }).optional(),
    channel: z.looseObject({ id: z.string() }).optional(),
    data: z.looseObject({}).optional(),
    message: z.looseObject({ id: z.string(), channel_id: z.string() }).optional(),
  })
  .refine((d) => d.user !== undefined || d.member !== undefined, { message: 'no user' })
  .refine((d) => d.type === 1 || d.data !== undefined, { message: 'no data' })
  .refine((d) => d.type !== 3 || d.message !== undefined, { message: 'component without message' });

interface PacketHandling {
  handlePacket(packet?: { t?: unknown; d?: unknown }, shard?: unknown): boolean;
}

export function guardGateway(client: Client, log: Logger): void {
  // `handlePacket` is discord.js's private dispatch entry point (14.28.1, pinned); every packet handler
  // runs inside it, so this is the one place to catch what they throw.
  const manager = client.ws as unknown as PacketHandling;
  const original = manager.handlePacket.bind(manager);
  manager.handlePacket = (packet, shard) => {
    const event = typeof packet?.t === 'string' ? packet.t : undefined;
    if (event === 'INTERACTION_CREATE') {
      const checked = InteractionPacket.safeParse(packet?.d);
      if (!checked.success) {
        const id = (packet?.d as { id?: unknown } | undefined)?.id;
        log.warn(
          { event, id: typeof id === 'string' ? id : null, problem: checked.error.issues[0]?.path.join('.') },
          'malformed gateway event dropped',
        );
        return true;
      }
    }
    try {
      return original(packet, shard);
    } catch (error) {
      log.error(
        { event: event ?? null, ...describeError(error) },
        'a gateway event could not be handled; dropped',
      );
      return true;
    }
  };
}

/**
 * A listener that never rejects: failures are logged with ids and codes. `track` lets `stop()` wait for
 * listeners still running.
 */
export function guarded<A extends unknown[]>(
  log: Logger,
  what: string,
  run: (...args: A) => Promise<void>,
  track: (work: Promise<void>) => void,
): (...args: A) => void {
  return (...args: A) => {
    const work = run(...args).catch((error: unknown) => {
      log.error({ listener: what, ...describeError(error) }, `Discord ${what} failed`);
    });
    track(work);
  };
}
