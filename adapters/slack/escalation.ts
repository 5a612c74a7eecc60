/**
 * Escalations in the Slack support channel (SLACK_ESCALATION_CHANNEL): the redacted packet, a link to the
 * user's thread when it is on Slack, a Claim button. What was posted is remembered so a Claim can redraw
 * it with the claimer. Never throws: a failed post is logged and reported as not posted.
 */
import type { EscalationPacket } from '../../src/conversation/effects.js';
import type { ConversationRef } from '../../src/conversation/events.js';
import { classifySlackError, logSlackFailure } from './api-errors.js';
import type { SlackContext } from './context.js';
import { content } from './deliver.js';
import { isDirect } from './normalize.js';
import { renderEscalation } from './render.js';

export async function postEscalation(
  ctx: SlackContext,
  packet: EscalationPacket,
  conversation: ConversationRef,
  claim: string,
): Promise<boolean> {
  const channel = ctx.config.SLACK_ESCALATION_CHANNEL;
  if (!channel) return false;
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

/** How the support team finds the conversation: a permalink to the thread on Slack, and a label. */
async function whereOf(
  ctx: SlackContext,
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
