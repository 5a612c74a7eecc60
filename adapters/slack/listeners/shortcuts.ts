/**
 * The message shortcut "Diagnose with authdoctor", on any message (a colleague's paste too): the
 * conversation runs in that message's thread and belongs to whoever clicked. Other shortcuts are only
 * acknowledged.
 */
import type { App } from '@slack/bolt';
import type { ConversationRef } from '../../../src/conversation/events.js';
import type { SlackContext, Track } from '../context.js';
import { placeConversation, readMessageFiles, submitMessage } from '../conversations.js';
import { conversationOf, isDirect } from '../normalize.js';
import { type MessageShortcut, MessageShortcutSchema } from '../payloads.js';

export const DIAGNOSE_SHORTCUT = 'diagnose_message';

export function registerShortcuts(app: App, ctx: SlackContext, track: Track): void {
  app.shortcut(/.*/, async ({ ack, body }) => {
    await ack();
    await track(onShortcut(ctx, body));
  });
}

export async function onShortcut(ctx: SlackContext, body: unknown): Promise<void> {
  const parsed = MessageShortcutSchema.safeParse(body);
  if (!parsed.success || parsed.data.callback_id !== DIAGNOSE_SHORTCUT) return;
  const id = `slack:shortcut:${parsed.data.trigger_id}`;
  // The same click again (replayed with a fresh signature) must not post a second "looking at it" note.
  if (!ctx.memory.take(id)) return;
  try {
    await diagnoseShortcut(ctx, parsed.data, id);
  } catch (error) {
    ctx.memory.release(id);
    throw error;
  }
}

async function diagnoseShortcut(ctx: SlackContext, shortcut: MessageShortcut, id: string): Promise<void> {
  const { channel, message, user, response_url: responseUrl } = shortcut;
  const thread = conversationOf(ctx.bot.workspace, {
    channel: channel.id,
    ts: message.ts,
    thread_ts: message.thread_ts,
  });
  const conversation = await placeConversation(ctx, {
    channel: channel.id,
    user: user.id,
    responseUrl,
    // Saying so at once (only to the clicker) is also how we learn whether the bot can post there.
    inChannel: async (): Promise<ConversationRef> => {
      await ctx.client.chat.postEphemeral({
        channel: channel.id,
        user: user.id,
        thread_ts: thread.thread ?? message.ts,
        text: 'Looking at that message; my answer will be in its thread.',
      });
      return thread;
    },
  });
  if (!conversation) return;
  const inThread = conversation.channel === channel.id;
  await submitMessage(ctx, {
    id,
    conversation,
    user: user.id,
    text: message.text ?? '',
    files: await readMessageFiles(ctx, message.files),
    shared: !isDirect(channel.id),
    ...(message.user && !message.bot_id ? { author: message.user } : {}),
    ...(inThread ? { message: { channel: channel.id, ts: message.ts } } : {}),
  });
}
