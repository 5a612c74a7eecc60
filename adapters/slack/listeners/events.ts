/**
 * Events API: mentions, DMs, watched support channels and replies in the bot's threads. Bolt acknowledges
 * events before these run. The idempotency key is the message itself (channel + ts), not the event id:
 * Slack re-sends an event with the same message on retry, and a mention arrives both as `app_mention` and
 * as `message`, and either way the message is answered once.
 */
import type { App } from '@slack/bolt';
import { looksLikeAuthReport } from '../../../src/platform/report.js';
import type { SlackContext, Track } from '../context.js';
import { admitMessage, readMessageFiles, submitMessage } from '../conversations.js';
import { conversationOf, isDirect, mentions, withoutLeadingMention } from '../normalize.js';
import { EventEnvelopeSchema, type MessageEvent, MessageEventSchema } from '../payloads.js';

/** Message subtypes that are a person writing; every other subtype (edits, joins, bots) is ignored. */
const HUMAN_SUBTYPES = new Set(['file_share', 'thread_broadcast']);

export function registerEvents(app: App, ctx: SlackContext, track: Track): void {
  app.event('app_mention', async ({ body }) => {
    await track(onMention(ctx, body));
  });
  app.event('message', async ({ body }) => {
    await track(onMessage(ctx, body));
  });
}

export async function onMention(ctx: SlackContext, body: unknown): Promise<void> {
  const event = parse(ctx, body);
  if (!event || !fromPerson(ctx, event)) return;
  await once(ctx, event, () => submit(ctx, event, withoutLeadingMention(event.text ?? '', ctx.bot.userId)));
}

export async function onMessage(ctx: SlackContext, body: unknown): Promise<void> {
  const event = parse(ctx, body);
  if (event?.type !== 'message' || !fromPerson(ctx, event)) return;
  const text = event.text ?? '';
  if (isDirect(event.channel))
    return once(ctx, event, () => submit(ctx, event, withoutLeadingMention(text, ctx.bot.userId)));
  // The mention is answered through `app_mention`.
  if (mentions(text, ctx.bot.userId)) return;
  const conversation = conversationOf(ctx.bot.workspace, event);
  if (event.thread_ts && event.thread_ts !== event.ts) {
    if (event.parent_user_id === ctx.bot.userId || (await ctx.memory.knowsThread(conversation)))
      await once(ctx, event, () => submit(ctx, event, text));
    return;
  }
  // Unasked, only top-level posts in watched channels that look like a 401 report: in a thread someone
  // started elsewhere, people are already talking.
  if (!ctx.config.SLACK_LISTEN_CHANNELS.includes(event.channel)) return;
  await once(ctx, event, async () => {
    const files = await readMessageFiles(ctx, event.files);
    const whole = [text, ...files.attachments.map((a) => a.text)].join('\n');
    if (await looksLikeAuthReport(ctx.diagnoser, whole, ctx.now())) await submit(ctx, event, text, files);
  });
}

const messageId = (event: MessageEvent) => `slack:msg:${event.channel}:${event.ts}`;

/** Work on a message once per process, whichever event brought it and however often Slack re-sent it. */
async function once(ctx: SlackContext, event: MessageEvent, work: () => Promise<void>): Promise<void> {
  const id = messageId(event);
  if (!ctx.memory.take(id)) return;
  try {
    await work();
  } catch (error) {
    ctx.memory.release(id);
    throw error;
  }
}

async function submit(
  ctx: SlackContext,
  event: MessageEvent & { user: string },
  text: string,
  files?: Awaited<ReturnType<typeof readMessageFiles>>,
): Promise<void> {
  const sender = {
    id: messageId(event),
    conversation: conversationOf(ctx.bot.workspace, event),
    user: event.user,
  };
  // Asked directly: limited before anything is downloaded or reacted to. (A watched channel's post was
  // read to see whether it is a report at all; it is counted when it is submitted.)
  const admitted = !files && (await admitMessage(ctx, sender));
  if (!files && !admitted) return;
  await submitMessage(ctx, {
    ...sender,
    text,
    files: files ?? (await readMessageFiles(ctx, event.files)),
    shared: !isDirect(event.channel),
    message: { channel: event.channel, ts: event.ts },
    ...(admitted ? { admitted } : {}),
  });
}

function parse(ctx: SlackContext, body: unknown): MessageEvent | undefined {
  const envelope = EventEnvelopeSchema.safeParse(body);
  const event = envelope.success ? MessageEventSchema.safeParse(envelope.data.event) : undefined;
  if (event?.success) return event.data;
  ctx.log.info(
    { event: envelope.success ? envelope.data.event_id : undefined },
    'ignored a Slack event without the fields of a message',
  );
  return undefined;
}

/** Written by a person (not this or another bot, not an edit or a join), with a user to answer. */
function fromPerson(ctx: SlackContext, event: MessageEvent): event is MessageEvent & { user: string } {
  if (event.bot_id || event.hidden || !event.user || event.user === ctx.bot.userId) return false;
  return event.subtype === undefined || HUMAN_SUBTYPES.has(event.subtype);
}
