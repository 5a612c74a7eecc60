/**
 * What `authdoctor serve` needs from a chat platform's adapter. Adapters are thin: they turn platform
 * events into `engine.accept` calls and render the engine's replies; everything else is in `src/`.
 */

import type { EscalationPacket } from '../conversation/effects.js';
import type { Outbound } from '../conversation/engine.js';
import type { ConversationRef } from '../conversation/events.js';

export type PlatformName = 'slack' | 'discord';

export interface PlatformAdapter {
  readonly platform: PlatformName;
  /** Connects (HTTP listener, Socket Mode, gateway); resolves when events can arrive. */
  start(): Promise<void>;
  /** Stops taking events; resolves when nothing is in flight. */
  stop(): Promise<void>;
  /** Sends the engine's replies for one of this platform's conversations. */
  deliver(out: Outbound): Promise<void>;
  /** The engine is done with `event` (whatever it answered, even nothing): release what waits for it. */
  settled?(event: string, conversation: ConversationRef): Promise<void> | void;
  /**
   * Posts an escalation to this platform's escalation channel, with a claim button carrying `claim`.
   * Resolves false when this platform has no escalation channel configured.
   */
  escalate(packet: EscalationPacket, conversation: ConversationRef, claim: string): Promise<boolean>;
}
