/**
 * What `authdoctor serve` needs from a chat platform's adapter. Adapters are thin: they turn platform
 * events into `engine.accept` calls and render the engine's replies; everything else is in `src/`.
 */

import type { EscalationNotice, EscalationPacket } from '../conversation/effects.js';
import type { Outbound } from '../conversation/engine.js';
import type { ConversationRef } from '../conversation/events.js';

export type PlatformName = 'slack' | 'discord';

/**
 * The sending half of a platform: what a worker needs to answer conversations, without listening for
 * events. `authdoctor worker` builds only these (no gateway, no HTTP listener); `serve` builds them inside
 * its adapters. Whatever one needs to remember between events (which message to edit, a live interaction's
 * hook) is kept in the session store, so any process may deliver any conversation's replies.
 */
export interface PlatformDelivery {
  readonly platform: PlatformName;
  /** Sends the engine's replies for one of this platform's conversations. */
  deliver(out: Outbound): Promise<void>;
  /**
   * The engine is done with `event` in this process (worker side), e.g. Discord removes a deferred
   * "thinking…" reply nobody filled.
   */
  settled?(event: string, conversation: ConversationRef): Promise<void> | void;
  /** As PlatformAdapter.escalate. */
  escalate(
    packet: EscalationPacket,
    conversation: ConversationRef,
    claim: string,
    notice?: EscalationNotice,
  ): Promise<boolean>;
  close(): Promise<void>;
}

export interface PlatformAdapter {
  readonly platform: PlatformName;
  /** Connects (HTTP listener, Socket Mode, gateway); resolves when events can arrive. */
  start(): Promise<void>;
  /** Stops taking events; resolves when nothing is in flight. */
  stop(): Promise<void>;
  /** Connected and taking events (for /readyz); a reconnecting gateway is not ready. */
  isReady?(): boolean;
  /** Sends the engine's replies for one of this platform's conversations. */
  deliver(out: Outbound): Promise<void>;
  /**
   * The engine is done with `event`, in this process or another (the settled bus): release what the
   * listener holds for it (Slack's hourglass, Discord's deferred reply). Must be harmless for events this
   * process never saw. Called whatever the engine answered, even nothing.
   */
  settled?(event: string, conversation: ConversationRef): Promise<void> | void;
  /**
   * Posts an escalation to this platform's escalation channel, with a claim button carrying `claim`.
   * Resolves false when this platform has no escalation channel configured. With `notice`, the escalation
   * was posted before and nobody has claimed it: a reminder (Slack: in the post's thread, broadcast).
   */
  escalate(
    packet: EscalationPacket,
    conversation: ConversationRef,
    claim: string,
    notice?: EscalationNotice,
  ): Promise<boolean>;
}
