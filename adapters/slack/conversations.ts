/**
 * Starting and feeding conversations, shared by every entry point: where a conversation lives when the
 * user asked from somewhere the bot cannot post (a channel it is not in, someone else's DM), handing a
 * message to the engine with its files, and telling one user something only they should see.
 */
import type { ConversationRef } from '../../src/conversation/events.js';
import { refusalOf } from '../../src/platform/refusal.js';
import { classifySlackError, isPermanent, logSlackFailure } from './api-errors.js';
import type { SlackContext } from './context.js';
import { type FilesRead, readFiles, trustedSlackUrl } from './files.js';
import { entities } from './mrkdwn.js';
import { isDirect } from './normalize.js';
import { postResponseUrl } from './outbound.js';
import type { SlackFile } from './payloads.js';

export interface IncomingMessage {
  /** Idempotency key: the same Slack message or interaction always gives the same id. */
  id: string;
  conversation: ConversationRef;
  user: string;
  text: string;
  files?: FilesRead;
  /** Posted where others read it: turns on the leak warning. */
  shared: boolean;
  /** Who wrote the text, when not `user` (the shortcut on a colleague's message): they get the warning. */
  author?: string;
  /** The user's own message, where the "working…" reaction goes. */
  message?: { channel: string; ts: string };
  /** Already counted against the rate limits (`admitMessage`). */
  admitted?: boolean;
}

type Sender = Pick<IncomingMessage, 'id' | 'conversation' | 'user'>;

/**
 * Counts a message against the rate limits before any work is done for it (file downloads, reactions):
 * false when it was refused, and its sender told (once per flood).
 */
export async function admitMessage(ctx: SlackContext, m: Sender): Promise<boolean> {
  try {
    await ctx.engine.admit(m);
    return true;
  } catch (error) {
    await tellRefusal(ctx, m, error);
    return false;
  }
}

/** Tells the sender privately why their message was not taken; rethrows what is not a refusal (a bug). */
async function tellRefusal(ctx: SlackContext, m: Sender, error: unknown): Promise<void> {
  const refusal = refusalOf(error);
  if (!refusal) throw error;
  ctx.log[refusal.level]({ event: m.id, code: refusal.code }, 'a Slack message was not taken');
  if (!refusal.quiet)
    await tellPrivately(ctx, {
      channel: m.conversation.channel,
      user: m.user,
      thread: m.conversation.thread,
      text: refusal.text,
    });
}

/**
 * Hands a message to the engine. What could not be read of its files is told to the user once the engine
 * took the message (so a re-sent event does not repeat the note).
 */
export async function submitMessage(ctx: SlackContext, m: IncomingMessage): Promise<void> {
  ctx.memory.rememberThread(m.conversation);
  const working = m.message ? ctx.working.start(m.id, m.message) : false;
  let accepted: boolean;
  try {
    const attachments = m.files?.attachments ?? [];
    ({ accepted } = await ctx.engine.accept({
      kind: 'message',
      id: m.id,
      conversation: m.conversation,
      user: m.user,
      text: m.text,
      ...(attachments.length > 0 ? { attachments } : {}),
      shared: m.shared,
      ...(m.author ? { author: m.author } : {}),
      ...(m.admitted ? { admitted: true } : {}),
    }));
  } catch (error) {
    if (working) await ctx.working.done(m.id);
    await tellRefusal(ctx, m, error);
    return;
  }
  if (!accepted) {
    if (working) await ctx.working.done(m.id);
    ctx.log.info({ event: m.id }, 'Slack message already accepted; not answered again');
    return;
  }
  if (m.files?.notes.length)
    await tellPrivately(ctx, {
      channel: m.conversation.channel,
      user: m.user,
      thread: m.conversation.thread,
      text: [
        "I couldn't read everything you attached:",
        ...m.files.notes.map((n) => `• ${entities(n)}`),
      ].join('\n'),
    });
}

export function readMessageFiles(
  ctx: SlackContext,
  files: readonly SlackFile[] | undefined,
): Promise<FilesRead> {
  if (!files?.length) return Promise.resolve({ attachments: [], notes: [] });
  return readFiles(files, {
    token: ctx.config.SLACK_BOT_TOKEN ?? '',
    maxBytes: ctx.config.AUTHDOCTOR_MAX_INPUT_BYTES,
    apiUrl: apiUrl(ctx),
    allow: ctx.config.AUTHDOCTOR_OUTBOUND_ALLOW,
    timeoutMs: ctx.fileTimeoutMs,
  });
}

/** A user id as Slack writes them, safe to put in `<@…>`. */
export const USER_ID = /^[UW][A-Z0-9]{2,30}$/;

export const apiUrl = (ctx: SlackContext) => ctx.config.SLACK_API_URL ?? 'https://slack.com/api/';

/**
 * Where a conversation asked for from `channel` (a slash command, the modal, a shortcut) can live. In a
 * channel: `inChannel()` (post a parent message, or use the thread of the message); when the bot is not
 * in it, or it is someone else's DM, the user's DM with the bot instead, and the user is told why.
 */
export async function placeConversation(
  ctx: SlackContext,
  ask: {
    channel: string;
    user: string;
    responseUrl?: string | undefined;
    inChannel: () => Promise<ConversationRef>;
  },
): Promise<ConversationRef | undefined> {
  const { channel, user, responseUrl } = ask;
  if (isDirect(channel)) {
    const dm = await directMessage(ctx, user);
    if (dm && dm !== channel)
      await respond(ctx, responseUrl, 'I can only answer in our own direct messages, so I replied there.');
    if (!dm)
      await respond(ctx, responseUrl, 'I could not open a direct message with you; try again shortly.');
    return dm ? { platform: 'slack', workspace: ctx.bot.workspace, channel: dm } : undefined;
  }
  try {
    return await ask.inChannel();
  } catch (error) {
    const failure = classifySlackError(error);
    logSlackFailure(ctx.log, failure, { channel }, 'a message in the channel the user asked from');
    if (!isPermanent(error, 'not_in_channel', 'channel_not_found')) {
      await respond(
        ctx,
        responseUrl,
        'Slack did not take my message just now; please try again in a minute.',
      );
      return undefined;
    }
    const dm = await directMessage(ctx, user);
    await respond(
      ctx,
      responseUrl,
      dm
        ? "I'm not in this channel, so I answered you in a direct message. To use me here, invite me first: `/invite @authdoctor`."
        : "I'm not in this channel: invite me first with `/invite @authdoctor`, then try again.",
    );
    return dm ? { platform: 'slack', workspace: ctx.bot.workspace, channel: dm } : undefined;
  }
}

/** The bot's DM channel with `user` (`conversations.open`, needs im:write). */
async function directMessage(ctx: SlackContext, user: string): Promise<string | undefined> {
  try {
    const opened = await ctx.client.conversations.open({ users: user });
    return opened.channel?.id;
  } catch (error) {
    logSlackFailure(ctx.log, classifySlackError(error), { user }, 'opening a direct message');
    return undefined;
  }
}

/** Something only `user` should see (mrkdwn, escaped by the caller): an ephemeral message, or the response_url. */
export async function tellPrivately(
  ctx: SlackContext,
  note: { channel: string; user: string; thread?: string | undefined; text: string; responseUrl?: string },
): Promise<void> {
  const { text } = note;
  try {
    await ctx.client.chat.postEphemeral({
      channel: note.channel,
      user: note.user,
      text,
      ...(note.thread ? { thread_ts: note.thread } : {}),
    });
    return;
  } catch (error) {
    if (!note.responseUrl) {
      logSlackFailure(ctx.log, classifySlackError(error), { channel: note.channel }, 'a note to one user');
      return;
    }
  }
  await respond(ctx, note.responseUrl, note.text);
}

/**
 * An ephemeral answer through an interaction's response_url: works where the bot is not a member.
 * Only Slack's hosts (or the configured API host) are trusted with it.
 */
export async function respond(ctx: SlackContext, url: string | undefined, text: string): Promise<void> {
  if (!url || !trustedSlackUrl(url, apiUrl(ctx))) return;
  const body = { response_type: 'ephemeral', replace_original: false, text };
  const answer = await postResponseUrl(ctx.config, apiUrl(ctx), url, body);
  if (answer.failure) ctx.log.warn({ error: answer.failure }, 'could not answer through response_url');
  else if (!answer.ok) ctx.log.warn({ status: answer.status }, 'Slack refused a response_url answer');
}

/**
 * A paste handed over privately (slash command, modal): in a channel, the bot posts a short public parent
 * message and the conversation runs in its thread; in a DM, the DM is the conversation. The paste itself
 * is never posted: only the bot has seen it, so it is not `shared` and needs no leak warning.
 */
export async function diagnoseRequest(
  ctx: SlackContext,
  request: { id: string; channel: string; user: string; text: string; responseUrl?: string | undefined },
): Promise<void> {
  // The same request again (replayed with a fresh signature) must not post a second parent message.
  if (!ctx.memory.take(request.id)) return;
  try {
    await placeAndSubmit(ctx, request);
  } catch (error) {
    ctx.memory.release(request.id);
    throw error;
  }
}

async function placeAndSubmit(
  ctx: SlackContext,
  request: { id: string; channel: string; user: string; text: string; responseUrl?: string | undefined },
): Promise<void> {
  const { channel, user } = request;
  const conversation = await placeConversation(ctx, {
    channel,
    user,
    responseUrl: request.responseUrl,
    inChannel: async () => {
      const who = USER_ID.test(user) ? ` for <@${user}>` : '';
      const posted = await ctx.client.chat.postMessage({
        channel,
        text: `:stethoscope: Diagnosing a 401${who}; the details are in this thread.`,
        unfurl_links: false,
        unfurl_media: false,
      });
      return { platform: 'slack', workspace: ctx.bot.workspace, channel, thread: posted.ts ?? undefined };
    },
  });
  if (!conversation) return;
  await submitMessage(ctx, { id: request.id, conversation, user, text: request.text, shared: false });
}
