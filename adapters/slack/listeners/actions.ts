/**
 * Block Kit buttons: checklist actions go to the engine (which answers stale ones politely itself); Claim
 * buttons in the support channel hand the conversation to a person and redraw the escalation, whose
 * Release button (the claimer's only) hands it back. Every click is acknowledged first.
 */

import type { App } from '@slack/bolt';
import type { KnownBlock } from '@slack/types';
import { decodeButton } from '../../../src/platform/action-codec.js';
import { refusalOf } from '../../../src/platform/refusal.js';
import { classifySlackError, logSlackFailure } from '../api-errors.js';
import type { SlackContext, Track } from '../context.js';
import { tellPrivately, USER_ID } from '../conversations.js';
import { content } from '../deliver.js';
import { escapeMrkdwn } from '../mrkdwn.js';
import { conversationOf } from '../normalize.js';
import { type BlockActions, BlockActionsSchema } from '../payloads.js';
import {
  claimButton,
  OPEN_THREAD_ACTION,
  releaseButton,
  renderClaimed,
  renderEscalation,
} from '../render.js';

export function registerActions(app: App, ctx: SlackContext, track: Track): void {
  app.action({ type: 'block_actions' }, async ({ ack, body }) => {
    await ack();
    await track(onAction(ctx, body));
  });
}

export async function onAction(ctx: SlackContext, body: unknown): Promise<void> {
  const parsed = BlockActionsSchema.safeParse(body);
  if (!parsed.success) {
    ctx.log.info({}, 'ignored a malformed button click');
    return;
  }
  const click = parsed.data;
  const action = click.actions[0]!;
  // A link button: Slack opens the link; there is nothing to do.
  if (action.action_id === OPEN_THREAD_ACTION) return;
  const channel = click.channel?.id ?? click.container?.channel_id;
  const messageTs = click.container?.message_ts ?? click.message?.ts;
  if (!channel || !messageTs) {
    ctx.log.info({}, 'ignored a button click without its message');
    return;
  }
  const id = `slack:action:${channel}:${messageTs}:${action.action_ts ?? click.trigger_id ?? action.action_id}`;
  const thread = click.container?.thread_ts ?? click.message?.thread_ts;
  const decoded = decodeButton(action.action_id) ?? (action.value ? decodeButton(action.value) : undefined);
  if (!decoded) {
    await tellPrivately(ctx, {
      channel,
      user: click.user.id,
      thread,
      text: 'That button is from another version of authdoctor, and I cannot tell what it was for. Paste the failing request to start again.',
      ...(click.response_url ? { responseUrl: click.response_url } : {}),
    });
    return;
  }
  if (decoded.kind === 'claim') return onClaim(ctx, click, { id, channel, messageTs, claim: decoded.claim });
  if (decoded.kind === 'release')
    return onRelease(ctx, click, { id, channel, messageTs, claim: decoded.claim });
  try {
    await ctx.engine.accept({
      kind: 'action',
      id,
      conversation: conversationOf(ctx.bot.workspace, { channel, ts: messageTs, thread_ts: thread }),
      user: click.user.id,
      action: decoded.action,
      session: decoded.session,
      turn: decoded.turn,
    });
  } catch (error) {
    const refusal = refusalOf(error);
    if (!refusal) throw error;
    ctx.log[refusal.level]({ event: id, code: refusal.code }, 'a Slack button click was not taken');
    if (!refusal.quiet)
      await tellPrivately(ctx, {
        channel,
        user: click.user.id,
        thread,
        text: refusal.text,
        ...(click.response_url ? { responseUrl: click.response_url } : {}),
      });
  }
}

async function onClaim(
  ctx: SlackContext,
  click: BlockActions,
  at: { id: string; channel: string; messageTs: string; claim: string },
): Promise<void> {
  const { channel, messageTs, claim } = at;
  const claimer = click.user.id;
  const record = await ctx.memory.escalation(claim);
  const privately = (text: string) =>
    tellPrivately(ctx, {
      channel,
      user: claimer,
      text,
      ...(click.response_url ? { responseUrl: click.response_url } : {}),
    });
  if (record?.claimedBy)
    return privately(
      USER_ID.test(record.claimedBy)
        ? `<@${record.claimedBy}> already claimed this escalation.`
        : 'Someone already claimed this escalation.',
    );
  const result = await ctx.engine.accept({
    kind: 'claim',
    id: at.id,
    claim,
    user: claimer,
    name: click.user.name ?? click.user.username ?? 'Someone',
  });
  if (result.found === false)
    return privately(
      'This escalation is closed or expired: the user resumed, started over, or it is too old. There is nothing to claim.',
    );
  if (result.claimedBy)
    return privately(`${escapeMrkdwn(result.claimedBy)} already claimed this escalation.`);
  if (!result.accepted) return;
  // The post itself shows the claim and the Release button, also when the click came from a reminder.
  const post = record ? { channel: record.channel, ts: record.ts } : { channel, ts: messageTs };
  const message = record
    ? renderClaimed(record.packet, record.where, claimer, claim)
    : { text: 'Escalation claimed', blocks: claimedFromPayload(click, claimer, claim) };
  await redraw(ctx, post, message, claim, 'the claimed escalation');
  if (post.ts !== messageTs)
    await redraw(
      ctx,
      { channel, ts: messageTs },
      { text: 'Escalation claimed', blocks: claimedFromPayload(click, claimer) },
      claim,
      'the claimed reminder',
    );
  if (record)
    await ctx.memory.rememberEscalation(claim, { ...record, claimedBy: claimer }, record.packet.user);
}

/** The claimer hands the escalation back: the user's thread is told (by the engine), the post is open again. */
async function onRelease(
  ctx: SlackContext,
  click: BlockActions,
  at: { id: string; channel: string; messageTs: string; claim: string },
): Promise<void> {
  const { channel, messageTs, claim } = at;
  const clicker = click.user.id;
  const record = await ctx.memory.escalation(claim);
  const privately = (text: string) =>
    tellPrivately(ctx, {
      channel,
      user: clicker,
      text,
      ...(click.response_url ? { responseUrl: click.response_url } : {}),
    });
  const onlyTheClaimer = (holder: string) =>
    privately(
      `Only ${USER_ID.test(holder) ? `<@${holder}>` : 'whoever claimed it'}, who claimed this escalation, can release it.`,
    );
  if (record?.claimedBy && record.claimedBy !== clicker) return onlyTheClaimer(record.claimedBy);
  const result = await ctx.engine.accept({
    kind: 'release',
    id: at.id,
    claim,
    user: clicker,
    name: click.user.name ?? click.user.username ?? 'Someone',
  });
  if (result.found === false)
    return privately(
      'This escalation is closed or expired: the user resumed, started over, or it is too old. There is nothing to release.',
    );
  if (!result.claimedById)
    return privately('Nobody has claimed this escalation, so there is nothing to release.');
  if (result.claimedById !== clicker) return onlyTheClaimer(result.claimedById);
  // A click Slack sent twice: the first one does the work.
  if (!result.accepted) return;
  const message = record
    ? renderEscalation(record.packet, claim, record.where)
    : { text: 'Escalation released', blocks: releasedFromPayload(click, claim) };
  await redraw(ctx, record ?? { channel, ts: messageTs }, message, claim, 'the released escalation');
  if (record) {
    const { claimedBy: _, ...open } = record;
    await ctx.memory.rememberEscalation(claim, open, record.packet.user);
  }
}

async function redraw(
  ctx: SlackContext,
  post: { channel: string; ts: string },
  message: { text: string; blocks: KnownBlock[] },
  claim: string,
  what: string,
): Promise<void> {
  try {
    await ctx.client.chat.update({ channel: post.channel, ts: post.ts, ...content(message) });
  } catch (error) {
    logSlackFailure(ctx.log, classifySlackError(error), { channel: post.channel, claim }, what);
  }
}

/**
 * Without the packet (another process posted it, or it was forgotten): the message as shown, minus its
 * buttons, plus who claimed it (and with `release`, their Release button).
 */
function claimedFromPayload(click: BlockActions, claimer: string, release?: string): KnownBlock[] {
  return [
    ...shownBlocks(click).slice(0, 47),
    {
      type: 'context',
      elements: [
        {
          type: 'mrkdwn',
          text: `${CLAIMED_MARK} ${USER_ID.test(claimer) ? `<@${claimer}>` : 'someone'}`,
        },
      ],
    },
    ...(release ? [{ type: 'actions', elements: [releaseButton(release)] } as KnownBlock] : []),
  ];
}

/** As above, released: the message as shown without who claimed it, with a Claim button again. */
function releasedFromPayload(click: BlockActions, claim: string): KnownBlock[] {
  return [
    ...shownBlocks(click).slice(0, 48),
    { type: 'actions', elements: [claimButton(claim)] } as KnownBlock,
  ];
}

const CLAIMED_MARK = ':raising_hand: Claimed by';

/** The clicked message's blocks without its buttons and without a "Claimed by" line. */
function shownBlocks(click: BlockActions): KnownBlock[] {
  const blocks = (click.message?.blocks ?? []) as unknown as KnownBlock[];
  return blocks.filter(
    (b) =>
      b.type !== 'actions' && !(b.type === 'context' && JSON.stringify(b.elements).includes(CLAIMED_MARK)),
  );
}
