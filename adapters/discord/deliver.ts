/**
 * Sends the engine's replies to Discord, routed by conversation:
 *
 * - A reply caused by an interaction that is still live completes it: the first public reply fills the
 *   deferred "thinking" message (@original), and in a guild channel the bot then starts the conversation's
 *   thread on that message; private replies become ephemeral follow-ups (held until @original is filled,
 *   because a follow-up sent before it would take its place).
 * - Anything else goes to the conversation's place: its thread, or its DM channel. Private replies without an
 *   interaction go by DM to whoever they are for (closed DMs: logged and skipped).
 * - `replaces` edits the messages sent earlier under that key (remembered in the session store for a day).
 *
 * State: whatever this needs between events is in the session store (live.ts, records.ts), so the process
 * that delivers may differ from the one that acknowledged the interaction. Only the DM channel ids are a
 * per-process cache: opening a DM again is harmless.
 *
 * Errors: Discord refusing for good (4xx) is logged and the reply skipped (a retry would fail the same way);
 * anything else is thrown so the engine's queue retries the delivery.
 */
import { createHash } from 'node:crypto';
import { type REST, RESTJSONErrorCodes } from 'discord.js';
import type { Config } from '../../src/config.js';
import type { EscalationPacket } from '../../src/conversation/effects.js';
import type { Outbound } from '../../src/conversation/engine.js';
import { type ConversationRef, conversationKey } from '../../src/conversation/events.js';
import type { Logger } from '../../src/log.js';
import type { Reply } from '../../src/reply/model.js';
import { withDeleteOffer } from './delete-offer.js';
import type { LiveInteraction, LiveInteractions } from './live.js';
import { Recent } from './memory.js';
import type { DiscordRecords, SentRef } from './records.js';
import { type DiscordPayload, renderEscalation, renderReply } from './render.js';
import {
  apiCode,
  deleteInteractionMessage,
  deleteMessage,
  describeError,
  editInteractionMessage,
  editMessage,
  followUp,
  isExpiredInteraction,
  isPermanent,
  openDm,
  postMessage,
  startThread,
} from './rest.js';
import { describeConversation, isDm, placeOf } from './where.js';

export const THREAD_NAME = 'authdoctor: 401 diagnosis';

export interface DeliveryDeps {
  rest: REST;
  config: Config;
  log: Logger;
  live: LiveInteractions;
  records: DiscordRecords;
  now: () => number;
}

export type Delivery = ReturnType<typeof createDelivery>;

export function createDelivery(d: DeliveryDeps) {
  const { rest, log, records } = d;
  /** User → DM channel: a cache of this process (reopening a DM returns the same channel). */
  const dms = new Recent<string, string>(10_000, 24 * 3_600_000, d.now);

  async function deliver(out: Outbound): Promise<void> {
    const key = conversationKey(out.conversation);
    // Loaded once, saved after each change: the engine delivers a conversation's events one at a time.
    const live = await d.live.get(out.event, key);
    for (const reply of out.replies) {
      try {
        if (reply.visibility === 'private') await sendPrivate(out, reply, live);
        else await sendPublic(out, reply, key, live);
      } catch (error) {
        if (!isPermanent(error)) throw error;
        log.warn({ event: out.event, ...describeError(error) }, 'Discord refused a reply; skipped');
      }
    }
  }

  async function sendPublic(
    out: Outbound,
    reply: Reply,
    key: string,
    live: LiveInteraction | undefined,
  ): Promise<void> {
    const payloads = renderReply(reply);
    if (payloads.length === 0) return;
    let sent: SentRef[] | undefined;
    if (live?.mode === 'reply' && !live.settled) sent = await fillOriginal(live, payloads, out.conversation);
    else if (reply.replaces) {
      const earlier = await records.sentAs(key, reply.replaces);
      if (earlier) sent = await replace(earlier, payloads, out.conversation, live);
    }
    if (!sent) {
      sent = [];
      for (const [part, payload] of payloads.entries())
        sent.push(await postPublic(out.conversation, payload, live, nonceOf(out, part)));
    }
    if (reply.key) await records.rememberSent(key, reply.key, sent, out.user);
  }

  async function fillOriginal(
    live: LiveInteraction,
    payloads: DiscordPayload[],
    conversation: ConversationRef,
  ): Promise<SentRef[]> {
    const [first, ...more] = payloads;
    const sent: SentRef[] = [];
    try {
      const message = await editInteractionMessage(rest, live, '@original', first!);
      await settle(live);
      sent.push({ channelId: message.channel_id, messageId: message.id, hook: hookOf(live, '@original') });
    } catch (error) {
      if (!isExpiredInteraction(error)) throw error;
      // The token died (the engine took very long): the conversation's place still works.
      await settle(live);
      log.warn({ interaction: live.id, ...describeError(error) }, 'interaction expired before its reply');
      for (const payload of payloads) sent.push(await postToPlace(conversation, payload));
      await flushPending(live);
      return sent;
    }
    if (live.threadOn) await startConversationThread(conversation, live.threadOn);
    for (const payload of more) sent.push(await postPublic(conversation, payload, live));
    await flushPending(live);
    return sent;
  }

  async function startConversationThread(
    conversation: ConversationRef,
    on: { channelId: string; messageId: string },
  ): Promise<void> {
    try {
      await startThread(rest, on.channelId, on.messageId, THREAD_NAME);
    } catch (error) {
      if (apiCode(error) === RESTJSONErrorCodes.ThreadAlreadyCreatedForMessage) return;
      await records.markThreadless(conversationKey(conversation));
      log.warn(
        { channel: on.channelId, ...describeError(error) },
        'could not start a thread; the conversation continues in the channel',
      );
    }
  }

  /** A public message: a follow-up where the interaction's channel is the conversation's place. */
  async function postPublic(
    conversation: ConversationRef,
    payload: DiscordPayload,
    live: LiveInteraction | undefined,
    nonce?: string,
  ): Promise<SentRef> {
    if (live && live.channelId === placeOf(conversation)) {
      try {
        const message = await followUp(rest, live, payload, false);
        return { channelId: message.channel_id, messageId: message.id, hook: hookOf(live, message.id) };
      } catch (error) {
        if (!isExpiredInteraction(error)) throw error;
      }
    }
    return postToPlace(conversation, payload, nonce);
  }

  async function postToPlace(
    conversation: ConversationRef,
    payload: DiscordPayload,
    nonce?: string,
  ): Promise<SentRef> {
    const key = conversationKey(conversation);
    if (conversation.thread && !isDm(conversation) && !(await records.isThreadless(key))) {
      try {
        const message = await postMessage(rest, conversation.thread, payload, nonce ? { nonce } : {});
        return { channelId: message.channel_id, messageId: message.id };
      } catch (error) {
        const code = apiCode(error);
        if (code !== RESTJSONErrorCodes.UnknownChannel && code !== RESTJSONErrorCodes.MissingAccess)
          throw error;
        await records.markThreadless(key);
        log.info({ ...describeError(error) }, 'no usable thread; answering in the channel');
      }
    }
    const message =
      conversation.thread && !isDm(conversation)
        ? await postMessage(rest, conversation.channel, payload, {
            replyTo: conversation.thread,
            ...(nonce ? { nonce } : {}),
          })
        : await postMessage(rest, conversation.channel, payload, nonce ? { nonce } : {});
    return { channelId: message.channel_id, messageId: message.id };
  }

  async function replace(
    earlier: SentRef[],
    payloads: DiscordPayload[],
    conversation: ConversationRef,
    live: LiveInteraction | undefined,
  ): Promise<SentRef[]> {
    const sent: SentRef[] = [];
    for (const [i, payload] of payloads.entries()) {
      const ref = earlier[i];
      if (ref) {
        try {
          await editSent(ref, payload);
          sent.push(ref);
          continue;
        } catch (error) {
          if (!isPermanent(error)) throw error;
        }
      }
      sent.push(await postPublic(conversation, payload, live));
    }
    for (const ref of earlier.slice(payloads.length))
      await removeSent(ref).catch((error) =>
        log.info({ ...describeError(error) }, 'could not remove part of a replaced reply'),
      );
    return sent;
  }

  async function editSent(ref: SentRef, payload: DiscordPayload): Promise<void> {
    const hook = ref.hook && (await d.live.hook(ref.hook.interaction));
    if (ref.hook && hook) {
      try {
        await editInteractionMessage(rest, hook, ref.hook.ref, payload);
        return;
      } catch (error) {
        if (!isExpiredInteraction(error)) throw error;
      }
    }
    await editMessage(rest, ref.channelId, ref.messageId, payload);
  }

  async function removeSent(ref: SentRef): Promise<void> {
    const hook = ref.hook && (await d.live.hook(ref.hook.interaction));
    if (ref.hook && hook) await deleteInteractionMessage(rest, hook, ref.hook.ref);
    else await deleteMessage(rest, ref.channelId, ref.messageId);
  }

  async function sendPrivate(out: Outbound, reply: Reply, live: LiveInteraction | undefined): Promise<void> {
    const to = reply.to ?? out.user;
    const source = await records.sources.get(out.event);
    let payloads = renderReply(reply);
    if (source?.canDelete)
      payloads = withDeleteOffer(payloads, {
        channelId: source.channelId,
        messageId: source.messageId,
        owner: out.user,
      });
    if (live && live.user === to) {
      if (live.mode === 'reply' && !live.settled) {
        live.pending.push(...payloads);
        await d.live.save(live);
        return;
      }
      try {
        for (const payload of payloads) await followUp(rest, live, payload, true);
        return;
      } catch (error) {
        if (!isExpiredInteraction(error)) throw error;
      }
    }
    if (isDm(out.conversation) && to === out.user) {
      for (const payload of payloads) await postMessage(rest, out.conversation.channel, payload);
      return;
    }
    await sendDm(to, payloads, out.event);
  }

  async function sendDm(user: string, payloads: DiscordPayload[], event: string): Promise<void> {
    try {
      let channel = dms.get(user);
      if (!channel) {
        channel = await openDm(rest, user);
        dms.set(user, channel);
      }
      for (const payload of payloads) await postMessage(rest, channel, payload);
    } catch (error) {
      const code = apiCode(error);
      if (
        code !== RESTJSONErrorCodes.CannotSendMessagesToThisUser &&
        code !== RESTJSONErrorCodes.CannotSendMessagesToThisUserDueToHavingNoMutualGuilds
      )
        throw error;
      log.warn({ event, user }, 'a private reply could not be sent: the user does not accept DMs; skipped');
    }
  }

  /** @original is filled or removed: private replies may follow it from now on. */
  async function settle(live: LiveInteraction): Promise<void> {
    live.settled = true;
    await d.live.save(live);
  }

  /** Sends what waited for @original as ephemeral follow-ups (taken out of the record first: once only). */
  async function flushPending(live: LiveInteraction): Promise<void> {
    if (live.pending.length === 0) return;
    const pending = live.pending.splice(0);
    await d.live.save(live);
    for (const payload of pending)
      await followUp(rest, live, payload, true).catch((error) =>
        log.warn({ interaction: live.id, ...describeError(error) }, 'an ephemeral follow-up failed'),
      );
  }

  /**
   * The engine is done with `event`. A deferred reply it left without a public answer (a conversation handed
   * to a human stays quiet) is removed rather than left "thinking", and what waited for it goes out.
   */
  async function settled(event: string, conversation: ConversationRef): Promise<void> {
    const live = await d.live.get(event, conversationKey(conversation));
    if (!live) return;
    if (live.mode === 'reply' && !live.settled) {
      await settle(live);
      await deleteInteractionMessage(rest, live).catch((error) =>
        log.info({ interaction: live.id, ...describeError(error) }, 'could not remove a reply'),
      );
    }
    // Also what a delivery that failed halfway left waiting.
    await flushPending(live);
  }

  /**
   * Completes a deferred reply with a message of the adapter's own (an error, a duplicate), unless a
   * delivery (maybe in another process) has already filled it.
   */
  async function settleWith(live: LiveInteraction, payload: DiscordPayload): Promise<void> {
    const current = (await d.live.get(live.id, live.conversation).catch(() => undefined)) ?? live;
    if (current.settled) return;
    await settle(current).catch((error) =>
      log.warn({ interaction: current.id, ...describeError(error) }, 'could not record a settled reply'),
    );
    await editInteractionMessage(rest, current, '@original', payload);
    await flushPending(current);
  }

  /** Notes about a message (an unreadable attachment) in its conversation, before the engine answers. */
  async function postNotes(conversation: ConversationRef, notes: DiscordPayload[]): Promise<void> {
    for (const note of notes) await postToPlace(conversation, note);
  }

  async function escalate(
    packet: EscalationPacket,
    conversation: ConversationRef,
    claim: string,
  ): Promise<boolean> {
    const channel = d.config.DISCORD_ESCALATION_CHANNEL;
    if (!channel) return false;
    const where = describeConversation(conversation);
    try {
      await postMessage(rest, channel, renderEscalation(packet, claim, where));
    } catch (error) {
      log.warn(
        { escalation: packet.id, ...describeError(error) },
        'could not post the escalation on Discord',
      );
      return false;
    }
    await records.escalations.set(claim, { packet, where });
    return true;
  }

  /** How a message sent through `live` is edited later: the interaction's id, never its token. */
  function hookOf(live: LiveInteraction, ref: string): SentRef['hook'] {
    return { interaction: live.id, ref };
  }

  function clear(): void {
    dms.clear();
  }

  return { deliver, escalate, settled, settleWith, postNotes, startConversationThread, clear };
}

/**
 * The nonce of one part of one reply of one event: the same on every attempt, different for every part.
 * Discord takes at most 25 characters, so it is a hash (base64url of SHA-256, cut).
 */
export function nonceOf(out: Outbound, part: number): string {
  return createHash('sha256')
    .update(`${out.event}|${out.index ?? 0}|${part}`)
    .digest('base64url')
    .slice(0, 25);
}
