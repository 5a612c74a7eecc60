/**
 * Escalations in the Slack support channel (SLACK_ESCALATION_CHANNEL): the redacted packet, a link to the
 * user's thread when it is on Slack, a Claim button. What was posted is remembered so a Claim can redraw
 * it with the claimer (and a Release can open it again), and so a reminder for an escalation nobody claimed
 * goes in its thread. Never throws: a failed post is logged and reported as not posted.
 */
import type { webApi } from '@slack/bolt';
import type { Config } from '../../src/config.js';
import type { EscalationNotice, EscalationPacket } from '../../src/conversation/effects.js';
import type { ConversationRef } from '../../src/conversation/events.js';
import type { Logger } from '../../src/log.js';
import { classifySlackError, logSlackFailure } from './api-errors.js';
import { content } from './deliver.js';
import type { EscalationRecord, SlackMemory } from './memory.js';
import { isDirect } from './normalize.js';
import { renderEscalation, renderReminder } from './render.js';

/** What posting an escalation needs: a listener's context has it, and so does a worker's delivery. */
export interface EscalationDeps {
  client: webApi.WebClient;
  memory: SlackMemory;
  config: Config;
  log: Logger;
}

export async function postEscalation(
  ctx: EscalationDeps,
  packet: EscalationPacket,
  conversation: ConversationRef,
  claim: string,
  notice?: EscalationNotice,
): Promise<boolean> {
  const channel = ctx.config.SLACK_ESCALATION_CHANNEL;
  if (!channel) return false;
  if (notice) {
    const record = await ctx.memory.escalation(claim);
    // The post is gone from memory (expired, another deployment): the reminder is a fresh post.
    if (record) return postReminder(ctx, packet, claim, notice, record);
  }
  const where = await whereOf(ctx, conversation);
  try {
    const posted = await ctx.client.chat.postMessage({
      channel,
      ...content(renderEscalation(packet, claim, where)),
      unfurl_links: false,
      unfurl_media: false,
    });
    if (posted.ts)
      await ctx.memory.rememberEscalation(claim, { packet, where, channel, ts: posted.ts }, packet.user);
    return true;
  } catch (error) {
    logSlackFailure(ctx.log, classifySlackError(error), { channel, escalation: packet.id }, 'an escalation');
    return false;
  }
}

/**
 * 24/7 on-call: nobody claimed the escalation, so it is raised again as a reply in its post's thread,
 * broadcast to the channel so it shows up (and notifies) like a new message, with its own Claim button.
 */
async function postReminder(
  ctx: EscalationDeps,
  packet: EscalationPacket,
  claim: string,
  notice: EscalationNotice,
  record: EscalationRecord,
): Promise<boolean> {
  // Claimed here in the meantime (the engine has not heard yet): no reminder.
  if (record.claimedBy) return true;
  try {
    await ctx.client.chat.postMessage({
      channel: record.channel,
      thread_ts: record.ts,
      reply_broadcast: true,
      ...content(renderReminder(packet, claim, notice)),
      unfurl_links: false,
      unfurl_media: false,
    });
  } catch (error) {
    logSlackFailure(
      ctx.log,
      classifySlackError(error),
      { channel: record.channel, escalation: packet.id },
      'an escalation reminder',
    );
    return false;
  }
  // The latest packet (pastes since) is what a Claim redraws the post with.
  await ctx.memory.rememberEscalation(claim, { ...record, packet }, packet.user);
  return true;
}

/** How the support team finds the conversation: a permalink to the thread on Slack, and a label. */
async function whereOf(
  ctx: EscalationDeps,
  conversation: ConversationRef,
): Promise<{ permalink?: string; label: string }> {
  if (conversation.platform !== 'slack')
    return { label: conversation.platform === 'discord' ? 'Discord' : 'Terminal' };
  const label = isDirect(conversation.channel)
    ? 'Slack direct message with the bot'
    : `Slack thread in channel ${conversation.channel}`;
  const ts = conversation.thread;
  if (!ts) return { label };
  try {
    const found = await ctx.client.chat.getPermalink({ channel: conversation.channel, message_ts: ts });
    return found.permalink ? { permalink: found.permalink, label } : { label };
  } catch (error) {
    logSlackFailure(ctx.log, classifySlackError(error), { channel: conversation.channel }, 'a permalink');
    return { label };
  }
}
