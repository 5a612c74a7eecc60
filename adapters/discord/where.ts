/**
 * How Discord places map to conversations (docs/discord.md explains it for users and operators):
 *
 * - A DM with the bot is one conversation: `{workspace: 'dm', channel: <DM channel>}`.
 * - A thread is one conversation: `{workspace: <guild>, channel: <parent>, thread: <thread>}`. That covers
 *   forum posts, threads the bot started, and threads people started themselves.
 * - In a guild channel that is not a thread, a conversation is keyed by the message the bot's thread hangs
 *   on: `{workspace: <guild>, channel: <channel>, thread: <message>}`. Discord gives a thread started from a
 *   message that message's id, so the key is the same whether the next event is a button on that message,
 *   a button on a reply that references it, or a message typed in the thread.
 *
 * No table maps one to the other: every event carries what its conversation is.
 */
import { type Channel, ChannelType } from 'discord.js';
import type { ConversationRef } from '../../src/conversation/events.js';

/** Where an event happened, as far as the conversation mapping needs. */
export type Spot =
  | { kind: 'dm'; channelId: string }
  | { kind: 'thread'; guildId: string; channelId: string; parentId: string; ownerId: string | null }
  | { kind: 'channel'; guildId: string; channelId: string; threads: boolean };

export function spotOf(channel: Channel | null, channelId: string, guildId: string | null): Spot {
  if (!guildId || channel?.type === ChannelType.DM || channel?.type === ChannelType.GroupDM)
    return { kind: 'dm', channelId };
  if (channel?.isThread())
    return {
      kind: 'thread',
      guildId,
      channelId,
      parentId: channel.parentId ?? channelId,
      ownerId: channel.ownerId ?? null,
    };
  return {
    kind: 'channel',
    guildId,
    channelId,
    threads: channel?.type === ChannelType.GuildText || channel?.type === ChannelType.GuildAnnouncement,
  };
}

/** The conversation an event at `spot` belongs to; `root` is the message a channel conversation hangs on. */
export function conversationAt(spot: Spot, root: string): ConversationRef {
  switch (spot.kind) {
    case 'dm':
      return { platform: 'discord', workspace: 'dm', channel: spot.channelId };
    case 'thread':
      return { platform: 'discord', workspace: spot.guildId, channel: spot.parentId, thread: spot.channelId };
    case 'channel':
      return { platform: 'discord', workspace: spot.guildId, channel: spot.channelId, thread: root };
  }
}

/** Where a conversation's public replies go: its thread, or its channel. */
export function placeOf(ref: ConversationRef): string {
  return ref.thread ?? ref.channel;
}

export function isDm(ref: ConversationRef): boolean {
  return ref.workspace === 'dm';
}

/** How an escalation names the conversation it came from, with a jump link where one works for others. */
export function describeConversation(ref: ConversationRef): { url?: string; label: string } {
  if (ref.platform === 'discord') {
    if (isDm(ref)) return { label: 'a Discord DM with the bot' };
    return {
      url: `https://discord.com/channels/${ref.workspace}/${placeOf(ref)}`,
      label: ref.thread ? `Discord thread ${ref.thread}` : `Discord channel ${ref.channel}`,
    };
  }
  return {
    label: `${ref.platform === 'slack' ? 'Slack' : ref.platform} channel ${ref.channel}${ref.thread ? `, thread ${ref.thread}` : ''}`,
  };
}
