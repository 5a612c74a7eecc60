/**
 * The engine's replies, posted to Slack: public ones in the conversation's thread (several messages when
 * the renderer splits one), edits of an earlier keyed reply where `replaces` asks for it, private ones as
 * ephemeral messages to the one user who should see them (in a DM, just a message).
 *
 * Failures: what Slack will never accept (bot removed from the channel, token revoked) is logged once and
 * dropped, so one broken channel cannot hold a conversation's queue; anything else is thrown back for the
 * queue to retry, and the messages of a split reply that did go out are not posted twice (they are noted in
 * the session store for an hour, so a retry on another worker process skips them too).
 */
import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import type { Outbound } from '../../src/conversation/engine.js';
import type { ConversationRef } from '../../src/conversation/events.js';
import type { Logger } from '../../src/log.js';
import type { Reply } from '../../src/reply/model.js';
import { classifySlackError, isPermanent, logSlackFailure, retryLater, slackAway } from './api-errors.js';
import type { SlackMemory } from './memory.js';
import { isDirect } from './normalize.js';
import { renderReply, type SlackMessage } from './render.js';
import type { WorkingIndicator } from './working.js';

/** Slack message metadata on every reply: which event, which reply of it, which part of that reply. */
const REPLY_EVENT_TYPE = 'authdoctor_reply';
type ReplyMarker = { event_type: string; event_payload: { event: string; reply: number; part: number } };
const marker = (out: Outbound, part: number): ReplyMarker => ({
  event_type: REPLY_EVENT_TYPE,
  event_payload: { event: out.event, reply: out.index ?? 0, part },
});
const partKey = (reply: number, part: number) => `${reply}.${part}`;

/** What conversations.history / .replies return that the look-up reads; anything else is ignored. */
const PostedSchema = z.object({
  messages: z
    .array(
      z.object({
        ts: z.string(),
        metadata: z
          .object({
            event_type: z.string(),
            event_payload: z
              .object({ event: z.string(), reply: z.number(), part: z.number() })
              .partial()
              .optional(),
          })
          .optional()
          .catch(undefined),
      }),
    )
    .catch([]),
});

export interface DeliveryDeps {
  client: webApi.WebClient;
  memory: SlackMemory;
  /** The listener's "working…" reaction, in the process that accepted the message; a worker has none. */
  working?: WorkingIndicator | undefined;
  log: Logger;
}

/** Slack's answers to an edit that cannot be made: the reply is posted as a new message instead. */
const NOT_EDITABLE = ['message_not_found', 'cant_update_message', 'edit_window_closed', 'msg_too_long'];

export function createDelivery(deps: DeliveryDeps): (out: Outbound) => Promise<void> {
  const { client, memory, working, log } = deps;

  return async function deliver(out: Outbound): Promise<void> {
    for (const reply of out.replies) {
      let attempt: string | undefined;
      try {
        const messages = renderReply(reply);
        // Parts already posted are in the store (any worker may retry), for replies split in several.
        if (messages.length > 1) attempt = `${out.event}|${reply.key ?? ''}|${reply.summary}`;
        if (reply.visibility === 'private' && !isDirect(out.conversation.channel))
          await sendPrivately(out, reply, messages, attempt);
        else await sendPublicly(out, reply, messages, attempt);
        if (attempt) await memory.forgetParts(attempt);
      } catch (error) {
        const failure = classifySlackError(error);
        logSlackFailure(log, failure, { event: out.event, channel: out.conversation.channel }, 'a reply');
        // Still working while the queue retries; a reply that can never go out ends the wait.
        if (failure.kind === 'transient') throw retryLater(failure);
        if (attempt) await memory.forgetParts(attempt);
      }
      void working?.done(out.event);
    }
  };

  async function sendPrivately(
    out: Outbound,
    reply: Reply,
    messages: SlackMessage[],
    attempt: string | undefined,
  ): Promise<void> {
    const { channel, thread } = out.conversation;
    const sent = attempt ? await memory.partsSent(attempt) : [];
    for (const [i, message] of messages.entries()) {
      if (i < sent.length) continue;
      const result = await client.chat.postEphemeral({
        channel,
        user: reply.to ?? out.user,
        ...content(message),
        ...(thread ? { thread_ts: thread } : {}),
      });
      sent.push(result.message_ts ?? '');
      await noteParts(out, attempt, sent, messages.length);
    }
  }

  async function sendPublicly(
    out: Outbound,
    reply: Reply,
    messages: SlackMessage[],
    attempt: string | undefined,
  ): Promise<void> {
    const ref = out.conversation;
    const earlier = reply.replaces ? await memory.sentAs(ref, reply.replaces) : undefined;
    const sent = attempt ? await memory.partsSent(attempt) : [];
    let posted: Map<string, string> | undefined;
    for (const [i, message] of messages.entries()) {
      if (i < sent.length) continue;
      const previous = earlier?.[i];
      if (!previous && out.resumed) {
        // An earlier attempt stopped between Slack taking a part and our record of it: look before posting.
        posted ??= await alreadyPosted(ref, out);
        const ts = posted.get(partKey(out.index ?? 0, i));
        if (ts) {
          log.info(
            { event: out.event, part: i },
            'reply part already posted by an earlier attempt; not posted again',
          );
          sent.push(ts);
          await noteParts(out, attempt, sent, messages.length);
          continue;
        }
      }
      sent.push(
        previous
          ? await edit(ref, previous, message, marker(out, i))
          : await post(ref, message, marker(out, i)),
      );
      await noteParts(out, attempt, sent, messages.length);
      if (i === 0) void working?.done(out.event);
    }
    // The earlier reply was longer: what it said beyond the new one is out of date.
    for (const ts of earlier?.slice(messages.length) ?? []) {
      await client.chat.delete({ channel: ref.channel, ts }).catch((error: unknown) => {
        log.warn({ event: out.event, code: classifySlackError(error).code }, 'could not delete an old part');
      });
    }
    memory.rememberThread(ref);
    if (reply.key) await memory.rememberSent(ref, reply.key, sent, out.user);
  }

  /** Records the parts posted so far, unless that was the last one (success forgets them anyway). */
  async function noteParts(
    out: Outbound,
    attempt: string | undefined,
    sent: string[],
    total: number,
  ): Promise<void> {
    if (attempt && sent.length < total) await memory.rememberParts(attempt, sent, out.user);
  }

  async function post(ref: ConversationRef, message: SlackMessage, metadata: ReplyMarker): Promise<string> {
    const result = await client.chat.postMessage({
      channel: ref.channel,
      ...content(message),
      ...(ref.thread ? { thread_ts: ref.thread } : {}),
      unfurl_links: false,
      unfurl_media: false,
      metadata,
    });
    return result.ts ?? '';
  }

  /**
   * The parts of `out`'s event already in the conversation (found by their metadata), by `reply.part`. A
   * look-up Slack refuses for good (a missing history scope) posts anyway: a reply twice is better than
   * none. One that fails for now (Slack away) is thrown, and the queue looks again later: during an outage
   * the part may well have been posted, and retrying costs nothing but time.
   */
  async function alreadyPosted(ref: ConversationRef, out: Outbound): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    try {
      const page = ref.thread
        ? await client.conversations.replies({
            channel: ref.channel,
            ts: ref.thread,
            include_all_metadata: true,
            limit: 200,
          })
        : await client.conversations.history({ channel: ref.channel, include_all_metadata: true, limit: 50 });
      for (const message of PostedSchema.parse(page).messages) {
        const payload = message.metadata?.event_payload;
        if (message.metadata?.event_type !== REPLY_EVENT_TYPE || payload?.event !== out.event) continue;
        if (payload.reply !== undefined && payload.part !== undefined)
          found.set(partKey(payload.reply, payload.part), message.ts);
      }
    } catch (error) {
      const failure = classifySlackError(error);
      if (slackAway(failure)) throw error;
      log.warn(
        { event: out.event, code: failure.code },
        'could not check whether a reply was already posted; posting it',
      );
    }
    return found;
  }

  async function edit(
    ref: ConversationRef,
    ts: string,
    message: SlackMessage,
    metadata: ReplyMarker,
  ): Promise<string> {
    try {
      await client.chat.update({ channel: ref.channel, ts, ...content(message) });
      return ts;
    } catch (error) {
      if (!isPermanent(error, ...NOT_EDITABLE)) throw error;
      return post(ref, message, metadata);
    }
  }
}

/** A rendered message as Web API arguments; `blocks` only when there are some (Slack rejects `[]`). */
export function content(message: SlackMessage): { text: string; blocks?: SlackMessage['blocks'] } {
  return message.blocks.length > 0 ? { text: message.text, blocks: message.blocks } : { text: message.text };
}
