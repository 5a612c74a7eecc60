/**
 * Where a Slack message belongs and what of its text the engine gets. Slack markup (`<url|label>`, `<@U…>`,
 * `&amp;`) is left for intake, which already undoes it; only the bot's own leading mention goes, since it
 * addresses the bot rather than being part of the paste.
 */
import type { ConversationRef } from '../../src/conversation/events.js';

/** A direct message with the bot: its channel id starts with D. */
export function isDirect(channel: string): boolean {
  return channel.startsWith('D');
}

/**
 * The conversation a message belongs to: in a channel, the thread it is in (or starts); in a DM, the DM
 * itself, so a user who answers in a thread there is still talking to the same session.
 */
export function conversationOf(
  workspace: string,
  where: { channel: string; ts: string; thread_ts?: string | undefined },
): ConversationRef {
  if (isDirect(where.channel)) return { platform: 'slack', workspace, channel: where.channel };
  return { platform: 'slack', workspace, channel: where.channel, thread: where.thread_ts ?? where.ts };
}

export function mentions(text: string, botUserId: string): boolean {
  return text.includes(`<@${botUserId}>`) || text.includes(`<@${botUserId}|`);
}

/** The text without the bot's mention at its start (`<@UBOT> here is my curl:`). */
export function withoutLeadingMention(text: string, botUserId: string): string {
  let rest = text.trimStart();
  for (const open of [`<@${botUserId}>`, `<@${botUserId}|`]) {
    if (!rest.startsWith(open)) continue;
    const end = rest.indexOf('>', open.length - 1);
    rest = rest.slice(end + 1).replace(/^[\s:,]{0,20}/, '');
    break;
  }
  return rest;
}
