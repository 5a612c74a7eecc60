/**
 * `/authdoctor stats`: the analytics of the last 7 and 30 days, privately, for the admins named in
 * AUTHDOCTOR_ADMINS; anyone else is told who may, and nothing more. Never treated as a paste.
 */
import { renderStats, statsSummaries } from '../../src/analytics/index.js';
import { classifySlackError, logSlackFailure } from './api-errors.js';
import type { SlackContext } from './context.js';
import { respond } from './conversations.js';
import { escapeCode, fence } from './mrkdwn.js';
import type { SlashCommand } from './payloads.js';

export const STATS_REFUSED = 'Only the admins named in AUTHDOCTOR_ADMINS can see stats.';
const STATS_UNAVAILABLE = 'I could not read the statistics just now. Try again in a moment.';

/** `stats`, in any case and spacing, is the only text that asks for them. */
export function isStatsRequest(text: string): boolean {
  return text.trim().toLowerCase() === 'stats';
}

export async function answerStats(ctx: SlackContext, command: SlashCommand): Promise<void> {
  if (!ctx.config.AUTHDOCTOR_ADMINS.includes(command.user_id)) {
    ctx.log.info({}, 'refused stats to someone not in AUTHDOCTOR_ADMINS');
    await privately(ctx, command, STATS_REFUSED);
    return;
  }
  if (!ctx.analytics) {
    await privately(ctx, command, 'This authdoctor keeps no statistics.');
    return;
  }
  let text: string;
  try {
    const { week, month } = await statsSummaries(ctx.analytics, ctx.now());
    text = fence(escapeCode(renderStats(week, month, { maxLength: 3500 })));
  } catch (error) {
    ctx.log.error({ code: (error as { code?: unknown }).code }, 'could not read the statistics');
    text = STATS_UNAVAILABLE;
  }
  await privately(ctx, command, text);
}

/** Through the command's response_url (works in any channel), else as an ephemeral message. */
async function privately(ctx: SlackContext, command: SlashCommand, text: string): Promise<void> {
  if (command.response_url) {
    await respond(ctx, command.response_url, text);
    return;
  }
  try {
    await ctx.client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text });
  } catch (error) {
    logSlackFailure(ctx.log, classifySlackError(error), { channel: command.channel_id }, 'the stats answer');
  }
}
