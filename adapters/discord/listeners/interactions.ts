/**
 * Interactions: `/diagnose`, its modal, the "Diagnose with authdoctor" message command, and buttons. Each is
 * acknowledged first and exactly once (Discord's 3 seconds: a deferred reply, a deferred update, or the modal
 * itself), then handed to the engine; the engine's replies complete it (deliver.ts).
 */

import {
  type Attachment,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Collection,
  type Interaction,
  LabelBuilder,
  type MessageContextMenuCommandInteraction,
  MessageFlags,
  ModalBuilder,
  type ModalSubmitInteraction,
  PermissionFlagsBits,
  RESTJSONErrorCodes,
  type RepliableInteraction,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { conversationKey } from '../../../src/conversation/events.js';
import { decodeButton } from '../../../src/platform/action-codec.js';
import { refusalOf } from '../../../src/platform/refusal.js';
import {
  CONTEXT_COMMAND,
  DIAGNOSE_COMMAND,
  FILE_OPTION,
  PASTE_INPUT,
  PASTE_INPUT_MAX,
  PASTE_MODAL,
  PASTE_OPTION,
} from '../commands.js';
import type { DiscordContext } from '../context.js';
import { type DeleteOffer, decodeDeleteOffer } from '../delete-offer.js';
import { type AttachmentLike, readFiles } from '../intake.js';
import { INTERACTION_TTL_MS, type LiveInteraction } from '../live.js';
import { escapeText } from '../markdown.js';
import type { MessageSource } from '../records.js';
import { claimComponents, releaseComponents, renderClaimed, renderEscalation } from '../render.js';
import {
  apiCode,
  deleteMessage,
  editInteractionMessage,
  fetchInteractionMessage,
  fetchMessage,
  followUp,
  type InteractionHook,
  plain,
} from '../rest.js';
import { STATS_COMMAND, statsCommand } from '../stats.js';
import { conversationAt, spotOf } from '../where.js';

const SORRY =
  'Something went wrong on my side while reading that. Try again in a moment, or paste just the failing request and its response.';
const SORRY_BUTTON = 'Something went wrong on my side; press the button again in a moment.';
const STALE_BUTTON =
  'That button is from an older version of me and no longer works. Paste the failing request again (or use `/diagnose`) to start over.';
const CLOSED =
  'This escalation is closed or expired: the user resumed, started over, or the conversation was forgotten.';

export function interactionListener(ctx: DiscordContext): (interaction: Interaction) => Promise<void> {
  return async (interaction) => {
    if (interaction.isChatInputCommand()) {
      if (interaction.commandName === DIAGNOSE_COMMAND) return diagnoseCommand(ctx, interaction);
      if (interaction.commandName === STATS_COMMAND) return statsCommand(ctx, interaction);
    } else if (interaction.isMessageContextMenuCommand()) {
      if (interaction.commandName === CONTEXT_COMMAND) return contextCommand(ctx, interaction);
    } else if (interaction.isModalSubmit()) {
      if (interaction.customId === PASTE_MODAL) return modalSubmit(ctx, interaction);
    } else if (interaction.isButton()) {
      return button(ctx, interaction);
    }
    if (interaction.isRepliable())
      await acknowledge(ctx, interaction, () =>
        interaction.reply({
          content: 'I do not know that one. Use `/diagnose` and paste the request that failed.',
          flags: MessageFlags.Ephemeral,
          allowedMentions: { parse: [] },
        }),
      );
  };
}

/** Runs the acknowledgement unless this interaction already had one. */
async function acknowledge(
  ctx: DiscordContext,
  interaction: Interaction,
  how: () => Promise<unknown>,
): Promise<boolean> {
  if (!ctx.live.acknowledge(interaction.id)) {
    ctx.log.warn({ interaction: interaction.id }, 'interaction already acknowledged; ignored');
    return false;
  }
  await how();
  return true;
}

function hookOf(interaction: RepliableInteraction): InteractionHook {
  return { applicationId: interaction.applicationId, token: interaction.token };
}

function filesOf(attachments: Collection<string, Attachment>): AttachmentLike[] {
  return attachments.map((a) => ({ name: a.name, url: a.url, size: a.size }));
}

// ---------------------------------------------------------------------------------------------------------
// Commands and the modal

async function diagnoseCommand(ctx: DiscordContext, interaction: ChatInputCommandInteraction): Promise<void> {
  const paste = interaction.options.getString(PASTE_OPTION) ?? '';
  const file = interaction.options.getAttachment(FILE_OPTION);
  if (paste.trim() === '' && !file) {
    await acknowledge(ctx, interaction, () => interaction.showModal(pasteModal()));
    return;
  }
  if (!(await acknowledge(ctx, interaction, () => interaction.deferReply()))) return;
  await acceptPaste(ctx, interaction, {
    text: paste,
    files: file ? [{ name: file.name, url: file.url, size: file.size }] : [],
    shared: false,
  });
}

export function pasteModal(): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(PASTE_MODAL)
    .setTitle('Diagnose a 401 Unauthorized')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('The request that failed, and what came back')
        .setDescription(
          'curl -v output, raw HTTP, a HAR excerpt or an error log. Credentials are fingerprinted.',
        )
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId(PASTE_INPUT)
            .setStyle(TextInputStyle.Paragraph)
            .setMaxLength(PASTE_INPUT_MAX)
            .setRequired(true)
            .setPlaceholder('curl -v -H "Authorization: Bearer …" https://api.example.com/…'),
        ),
    );
}

async function modalSubmit(ctx: DiscordContext, interaction: ModalSubmitInteraction): Promise<void> {
  if (!(await acknowledge(ctx, interaction, () => interaction.deferReply()))) return;
  const field = interaction.fields.fields.get(PASTE_INPUT);
  const text = field && 'value' in field && typeof field.value === 'string' ? field.value : '';
  // A modal is seen by the bot only: nothing to warn about.
  await acceptPaste(ctx, interaction, { text, files: [], shared: false });
}

async function contextCommand(
  ctx: DiscordContext,
  interaction: MessageContextMenuCommandInteraction,
): Promise<void> {
  if (!(await acknowledge(ctx, interaction, () => interaction.deferReply()))) return;
  const target = interaction.targetMessage;
  const inGuild = interaction.guildId !== null;
  // The clicker owns the conversation, whoever wrote the message.
  await acceptPaste(ctx, interaction, {
    text: target.content,
    files: filesOf(target.attachments),
    shared: inGuild,
    ...(inGuild
      ? {
          source: {
            channelId: target.channelId,
            messageId: target.id,
            authorId: target.author.id,
            authorBot: target.author.bot,
            canDelete: interaction.appPermissions?.has(PermissionFlagsBits.ManageMessages) ?? false,
          },
        }
      : {}),
  });
}

/**
 * After a deferred reply: works out the conversation (in a guild channel it hangs on the reply message, so
 * its id is needed first), reads attachments, and accepts the paste under the interaction's id.
 */
async function acceptPaste(
  ctx: DiscordContext,
  interaction: RepliableInteraction,
  input: { text: string; files: AttachmentLike[]; shared: boolean; source?: MessageSource },
): Promise<void> {
  const hook = hookOf(interaction);
  let live: LiveInteraction | undefined;
  try {
    const channelId = interaction.channelId;
    // Discord always sends the channel with a command; without it there is nowhere to hold a conversation.
    if (!channelId) {
      await editInteractionMessage(ctx.rest, hook, '@original', plain(SORRY));
      return;
    }
    const spot = spotOf(interaction.channel, channelId, interaction.guildId);
    // Limited before anything is fetched or downloaded for it.
    await ctx.deps.engine.admit({
      id: interaction.id,
      conversation: conversationAt(spot, interaction.id),
      user: interaction.user.id,
    });
    let root = interaction.id;
    let threadOn: LiveInteraction['threadOn'];
    if (spot.kind === 'channel') {
      root = (await fetchInteractionMessage(ctx.rest, hook)).id;
      if (spot.threads) threadOn = { channelId, messageId: root };
    }
    const conversation = conversationAt(spot, root);
    live = {
      ...hook,
      id: interaction.id,
      user: interaction.user.id,
      channelId,
      conversation: conversationKey(conversation),
      mode: 'reply',
      settled: false,
      ...(threadOn ? { threadOn } : {}),
      pending: [],
      expiresAt: ctx.now() + INTERACTION_TTL_MS,
    };
    const read = await readFiles(
      input.files,
      ctx.deps.config.AUTHDOCTOR_MAX_INPUT_BYTES,
      ctx.attachmentTimeoutMs,
      ctx.deps.config,
    );
    live.pending.push(...read.notes.map(plain));
    // In the store before the engine has the event: the process delivering its replies may be another.
    await ctx.live.save(live);
    if (input.source) await ctx.sources.set(interaction.id, input.source, interaction.user.id);
    const result = await ctx.deps.engine.accept({
      kind: 'message',
      id: interaction.id,
      conversation,
      user: interaction.user.id,
      text: input.text,
      ...(read.attachments.length ? { attachments: read.attachments } : {}),
      shared: input.shared,
      // A colleague's message: a credential in it is theirs to rotate, so they get the warning.
      ...(input.source && !input.source.authorBot ? { author: input.source.authorId } : {}),
      admitted: true,
    });
    if (!result.accepted) await ctx.delivery.settleWith(live, plain('I have already answered this one.'));
  } catch (error) {
    const refusal = refusalOf(error);
    const text = plain(refusal?.text ?? SORRY);
    // Without the store the live record cannot be updated either: answer through the interaction itself.
    const failed =
      live && refusal?.level !== 'error'
        ? ctx.delivery.settleWith(live, text)
        : editInteractionMessage(ctx.rest, hook, '@original', text);
    await failed.catch(() => {});
    if (refusal?.level === 'info') {
      ctx.log.info({ event: interaction.id, code: refusal.code }, 'a Discord command was not taken');
      return;
    }
    throw error;
  }
}

// ---------------------------------------------------------------------------------------------------------
// Buttons

async function button(ctx: DiscordContext, interaction: ButtonInteraction): Promise<void> {
  const offer = decodeDeleteOffer(interaction.customId);
  if (offer) return deleteOriginal(ctx, interaction, offer);
  const decoded = decodeButton(interaction.customId);
  if (!decoded) {
    await acknowledge(ctx, interaction, () =>
      interaction.reply({
        content: STALE_BUTTON,
        flags: MessageFlags.Ephemeral,
        allowedMentions: { parse: [] },
      }),
    );
    return;
  }
  if (decoded.kind === 'claim') return claim(ctx, interaction, decoded.claim);
  if (decoded.kind === 'release') return release(ctx, interaction, decoded.claim);
  if (!(await acknowledge(ctx, interaction, () => interaction.deferUpdate()))) return;
  const message = interaction.message;
  const channelId = interaction.channelId;
  const spot = spotOf(interaction.channel, channelId, interaction.guildId);
  // A reply posted in the channel (no thread) references the message the conversation hangs on.
  const conversation = conversationAt(spot, message.reference?.messageId ?? message.id);
  await ctx.live.save({
    ...hookOf(interaction),
    id: interaction.id,
    user: interaction.user.id,
    channelId,
    conversation: conversationKey(conversation),
    mode: 'update',
    settled: true,
    pending: [],
    expiresAt: ctx.now() + INTERACTION_TTL_MS,
  });
  try {
    await ctx.deps.engine.accept({
      kind: 'action',
      id: interaction.id,
      conversation,
      user: interaction.user.id,
      action: decoded.action,
      session: decoded.session,
      turn: decoded.turn,
    });
  } catch (error) {
    // The click was acknowledged silently; say that it did not go through.
    const refusal = refusalOf(error);
    if (!refusal?.quiet)
      await followUp(ctx.rest, hookOf(interaction), plain(refusal?.text ?? SORRY_BUTTON), true).catch(
        () => {},
      );
    if (refusal?.level === 'info') {
      ctx.log.info({ event: interaction.id, code: refusal.code }, 'a Discord button click was not taken');
      return;
    }
    throw error;
  }
}

function displayName(interaction: ButtonInteraction): string {
  const member = interaction.member;
  if (member && 'displayName' in member) return member.displayName;
  if (member && 'nick' in member && member.nick) return member.nick;
  return interaction.user.globalName ?? interaction.user.username;
}

/** Answers only the person who clicked (someone else holds the escalation). */
function tellClicker(ctx: DiscordContext, interaction: ButtonInteraction, content: string) {
  return acknowledge(ctx, interaction, () =>
    interaction.reply({ content, flags: MessageFlags.Ephemeral, allowedMentions: { parse: [] } }),
  );
}

/** Acknowledges a Claim or Release click and hands it to the engine; undefined when already acknowledged. */
async function acceptClick(
  ctx: DiscordContext,
  interaction: ButtonInteraction,
  kind: 'claim' | 'release',
  token: string,
) {
  if (!(await acknowledge(ctx, interaction, () => interaction.deferUpdate()))) return undefined;
  const result = await ctx.deps.engine.accept({
    kind,
    id: interaction.id,
    claim: token,
    user: interaction.user.id,
    name: displayName(interaction),
  });
  return { hook: hookOf(interaction), result };
}

/** Someone on the support team took an escalation: the user's thread is told, the post shows who. */
async function claim(ctx: DiscordContext, interaction: ButtonInteraction, token: string): Promise<void> {
  const user = interaction.user.id;
  const posted = await ctx.delivery.escalations.get(token);
  if (posted?.claimedBy && posted.claimedBy !== user) {
    await tellClicker(ctx, interaction, `<@${posted.claimedBy}> has already taken this over.`);
    return;
  }
  const clicked = await acceptClick(ctx, interaction, 'claim', token);
  if (!clicked) return;
  const { hook, result } = clicked;
  if (!result.found) {
    await followUp(ctx.rest, hook, plain(CLOSED), true);
    return;
  }
  if (result.claimedBy) {
    await followUp(
      ctx.rest,
      hook,
      plain(`${escapeText(result.claimedBy)} has already taken this over.`),
      true,
    );
    return;
  }
  if (posted) {
    posted.claimedBy = user;
    await ctx.delivery.escalations.set(token, posted);
    await editInteractionMessage(
      ctx.rest,
      hook,
      '@original',
      renderClaimed(posted.packet, posted.where, user, token),
    );
    return;
  }
  // Posted before a restart: the packet is not remembered, so the post only trades Claim for Release.
  await editInteractionMessage(ctx.rest, hook, '@original', { components: releaseComponents(token) });
  await followUp(ctx.rest, hook, plain(`Claimed by <@${user}>.`), false);
}

/** The claimer hands an escalation back: the user's thread is told (by the engine), the post is open again. */
async function release(ctx: DiscordContext, interaction: ButtonInteraction, token: string): Promise<void> {
  const user = interaction.user.id;
  const posted = await ctx.delivery.escalations.get(token);
  const onlyTheClaimer = (holder: string) =>
    `Only ${/^\d{17,20}$/.test(holder) ? `<@${holder}>` : 'whoever claimed it'}, who claimed this escalation, can release it.`;
  if (posted?.claimedBy && posted.claimedBy !== user) {
    await tellClicker(ctx, interaction, onlyTheClaimer(posted.claimedBy));
    return;
  }
  const clicked = await acceptClick(ctx, interaction, 'release', token);
  if (!clicked) return;
  const { hook, result } = clicked;
  if (!result.found) return void (await followUp(ctx.rest, hook, plain(CLOSED), true));
  if (!result.claimedById)
    return void (await followUp(
      ctx.rest,
      hook,
      plain('Nobody has claimed this escalation, so there is nothing to release.'),
      true,
    ));
  if (result.claimedById !== user)
    return void (await followUp(ctx.rest, hook, plain(onlyTheClaimer(result.claimedById)), true));
  if (!result.accepted) return;
  if (posted) {
    const { claimedBy: _, ...open } = posted;
    await ctx.delivery.escalations.set(token, open);
    await editInteractionMessage(
      ctx.rest,
      hook,
      '@original',
      renderEscalation(posted.packet, token, posted.where),
    );
    return;
  }
  await editInteractionMessage(ctx.rest, hook, '@original', { components: claimComponents(token) });
  await followUp(ctx.rest, hook, plain(`Released by <@${user}>: open to claim again.`), false);
}

/** The delete offer that comes with a private credential warning. */
async function deleteOriginal(
  ctx: DiscordContext,
  interaction: ButtonInteraction,
  offer: DeleteOffer,
): Promise<void> {
  if (!(await acknowledge(ctx, interaction, () => interaction.deferReply({ flags: MessageFlags.Ephemeral }))))
    return;
  const hook = hookOf(interaction);
  const say = (text: string) => editInteractionMessage(ctx.rest, hook, '@original', plain(text));
  const clicker = interaction.user.id;
  try {
    if (clicker !== offer.owner) {
      const message = await fetchMessage(ctx.rest, offer.channelId, offer.messageId);
      if (message.author.id !== clicker) {
        await say('Only the person who posted that message, or who asked me about it, can delete it here.');
        return;
      }
    }
    await deleteMessage(ctx.rest, offer.channelId, offer.messageId);
    await say('Deleted. Rotate the credential as well: deleting the message does not un-leak it.');
  } catch (error) {
    if (apiCode(error) === RESTJSONErrorCodes.UnknownMessage)
      return void (await say('That message is already gone.'));
    if (apiCode(error) === RESTJSONErrorCodes.MissingPermissions)
      return void (await say(
        'I am no longer allowed to delete messages there; ask a moderator to remove it.',
      ));
    throw error;
  }
}
