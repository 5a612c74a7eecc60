/**
 * Messages: a mention of the bot (in a channel: the bot starts a thread on the message and the conversation
 * continues there; in a thread: it continues in it), DMs, and — only with the Message Content intent —
 * messages in threads the bot runs and new posts in watched channels (DISCORD_LISTEN_CHANNELS: text
 * channels, and forum channels whose posts are threads), which are answered only when they look like a 401
 * report. Bots, the bot itself included, are never answered.
 */
import { type Message, PermissionFlagsBits } from 'discord.js';
import type { ConversationRef } from '../../../src/conversation/events.js';
import { refusalOf } from '../../../src/platform/refusal.js';
import { looksLikeAuthReport } from '../../../src/platform/report.js';
import type { DiscordContext } from '../context.js';
import { type AttachmentLike, readFiles } from '../intake.js';
import { plain, postMessage } from '../rest.js';
import { conversationAt, spotOf } from '../where.js';

export function messageListener(ctx: DiscordContext): (message: Message) => Promise<void> {
  return async (message) => {
    // A malformed event can come through discord.js without an author or text.
    if (!message.author || typeof message.content !== 'string') return;
    if (message.author.bot || message.system || message.webhookId) return;
    const botId = ctx.botId();
    const spot = spotOf(message.channel, message.channelId, message.guildId);
    const mentioned = message.mentions.users.has(botId);
    const text = withoutMention(message.content, botId);
    const files: AttachmentLike[] = message.attachments.map((a) => ({
      name: a.name,
      url: a.url,
      size: a.size,
    }));
    // Without the intent, unmentioned guild messages arrive with no text and no attachments.
    if (!mentioned && spot.kind !== 'dm' && text === '' && files.length === 0) return;

    /** Asked: a DM, a mention, or a thread the bot is already talking in. Unasked: a new watched post. */
    let unasked = false;
    let conversation: ConversationRef;
    switch (spot.kind) {
      case 'dm':
        conversation = conversationAt(spot, message.id);
        break;
      case 'thread': {
        const ours = spot.ownerId === botId || ctx.engaged.get(spot.channelId) === true;
        const newPost = ctx.listen.has(spot.parentId) && message.id === spot.channelId;
        if (!mentioned && !(ctx.contentIntent && (ours || newPost))) return;
        unasked = !mentioned && !ours;
        conversation = conversationAt(spot, spot.channelId);
        break;
      }
      case 'channel':
        if (!mentioned && !(ctx.contentIntent && ctx.listen.has(spot.channelId))) return;
        unasked = !mentioned;
        conversation = conversationAt(spot, message.id);
        break;
    }
    // Asked: limited before any download or thread. (An unasked post is read to see whether it is a
    // report at all; it is counted when it is accepted.)
    if (!unasked && !(await admitted(ctx, message, conversation))) return;

    const read = await readFiles(
      files,
      ctx.deps.config.AUTHDOCTOR_MAX_INPUT_BYTES,
      ctx.attachmentTimeoutMs,
      ctx.deps.config,
    );
    if (unasked) {
      const whole = [text, ...read.attachments.map((a) => a.text)].join('\n\n');
      if (!(await looksLikeAuthReport(ctx.deps.diagnoser, whole, ctx.now()))) return;
    }
    if (spot.kind === 'channel' && spot.threads)
      await ctx.delivery.startConversationThread(conversation, {
        channelId: spot.channelId,
        messageId: message.id,
      });
    if (conversation.thread) ctx.engaged.set(conversation.thread, true);
    if (read.notes.length) await ctx.delivery.postNotes(conversation, read.notes.map(plain));
    try {
      if (spot.kind !== 'dm')
        await ctx.sources.set(
          message.id,
          {
            channelId: message.channelId,
            messageId: message.id,
            authorId: message.author.id,
            canDelete: canManageMessages(message),
          },
          message.author.id,
        );
      await ctx.deps.engine.accept({
        kind: 'message',
        id: message.id,
        conversation,
        user: message.author.id,
        text,
        ...(read.attachments.length ? { attachments: read.attachments } : {}),
        shared: spot.kind !== 'dm',
        ...(unasked ? {} : { admitted: true }),
      });
    } catch (error) {
      await tellRefusal(ctx, message, error);
    }
  };
}

async function admitted(
  ctx: DiscordContext,
  message: Message,
  conversation: ConversationRef,
): Promise<boolean> {
  try {
    await ctx.deps.engine.admit({ id: message.id, conversation, user: message.author.id });
    return true;
  } catch (error) {
    await tellRefusal(ctx, message, error);
    return false;
  }
}

/** The gateway has delivered the message and will not again: say it was not taken, and when to resend it. */
async function tellRefusal(ctx: DiscordContext, message: Message, error: unknown): Promise<void> {
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  if (!refusal.quiet)
    await postMessage(ctx.rest, message.channelId, plain(refusal.text), { replyTo: message.id }).catch(
      () => {},
    );
  if (refusal.level === 'error') throw error;
  ctx.log.info({ event: message.id, code: refusal.code }, 'a Discord message was not taken');
}

function withoutMention(content: string, botId: string): string {
  return content.replaceAll(`<@${botId}>`, '').replaceAll(`<@!${botId}>`, '').trim();
}

function canManageMessages(message: Message): boolean {
  const me = message.guild?.members.me;
  const channel = message.channel;
  if (!me || !('permissionsFor' in channel)) return false;
  return channel.permissionsFor(me)?.has(PermissionFlagsBits.ManageMessages) ?? false;
}
