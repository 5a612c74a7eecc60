/**
 * Replies as Discord messages. Text, headings, lists, step headers and links go in `content` (or, after the
 * findings, in a plain embed so the message reads top to bottom); each finding is an embed coloured by
 * severity; actions are buttons on the last message. Everything a user may have pasted is escaped
 * (`./markdown.ts`), and no payload can ping: `allowedMentions: {parse: []}` on each. A reply that would
 * need more than a few messages is cut short and sent whole as a text file.
 */
import {
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  type APIEmbedField,
  ButtonStyle,
  ComponentType,
} from 'discord.js';
import type { EscalationNotice, EscalationPacket } from '../../src/conversation/effects.js';
import { packetText } from '../../src/conversation/packet-text.js';
import { encodeAction, encodeClaim, encodeRelease } from '../../src/platform/action-codec.js';
import { humanDuration } from '../../src/reply/duration.js';
import type { Action, FindingView, Part, Reply } from '../../src/reply/model.js';
import {
  codeBlock,
  codeContent,
  codeOverhead,
  escapeInline,
  escapeText,
  fenced,
  fitRendered,
  maskedLink,
  neutralise,
  safeUrl,
  splitRendered,
  truncate,
  urlLabel,
} from './markdown.js';
import { replyPlainText } from './plain-text.js';

export interface DiscordPayload {
  content?: string;
  embeds: APIEmbed[];
  components: APIActionRowComponent<APIComponentInMessageActionRow>[];
  /** Long content attached as a file instead. */
  files: { name: string; data: Buffer }[];
  /** Never ping anyone: user text may hold @everyone or <@id>. */
  allowedMentions: { parse: [] };
}

/** Discord's limits (DESIGN.md), the ones every payload here is built against. */
export const DISCORD_LIMITS = {
  content: 2000,
  embeds: 10,
  embedTotal: 6000,
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  rows: 5,
  buttonsPerRow: 5,
  label: 80,
  customId: 100,
  linkUrl: 512,
} as const;

/** More messages than this for one reply is a wall of text: cut it and attach the whole as a file. */
export const MAX_MESSAGES = 4;
/** One content block: leaves room in a message for a line or two around it. */
const BLOCK = 1900;
/** Per finding embed, so that any one fits a message: title 256 + these + names + footer < 6000. */
const FINDING_DESCRIPTION = 2600;
const FINDING_FIX = 2200;
const FINDING_DOCS = 500;
/** Attachments stay far below Discord's smallest upload limit (10 MiB). */
const FILE_BYTES = 8 * 1024 * 1024;

const COLOR = { error: 0xed4245, warning: 0xf0b232, info: 0x3498db, escalation: 0xe67e22, claimed: 0x57f287 };
const ICON: Record<FindingView['severity'], string> = { error: '🔴', warning: '🟠', info: '🔵' };
const TONE: Record<string, string> = { info: 'ℹ️ ', warning: '⚠️ ', success: '✅ ', plain: '' };
const STYLE: Record<Action['style'], ButtonStyle.Primary | ButtonStyle.Danger | ButtonStyle.Secondary> = {
  primary: ButtonStyle.Primary,
  danger: ButtonStyle.Danger,
  default: ButtonStyle.Secondary,
};

type Block = { kind: 'md'; text: string } | { kind: 'embed'; embed: APIEmbed };

interface Built {
  blocks: Block[];
  buttons: APIButtonComponent[];
  /** Something was shortened: the full text must go with the reply as a file. */
  cut: boolean;
}

// ---------------------------------------------------------------------------------------------------------
// Replies

/** One reply as one or more Discord messages, each within Discord's limits. */
export function renderReply(reply: Reply): DiscordPayload[] {
  const full = build(reply, false);
  const drafts = pack(full.blocks);
  if (drafts.length <= MAX_MESSAGES && !full.cut) return finish(drafts, full.buttons, reply, []);
  const name = `authdoctor-${slug(reply.summary)}.txt`;
  const compact = build(reply, true);
  const notice: Block = {
    kind: 'md',
    text: `📎 This reply is long, so it is shortened here; the full text is in the attached file \`${name}\`.`,
  };
  const cutDrafts = pack([notice, ...compact.blocks]);
  const kept = cutDrafts.slice(0, MAX_MESSAGES);
  if (cutDrafts.length > MAX_MESSAGES)
    closeWith(kept[kept.length - 1]!, { kind: 'md', text: '-# … the rest is in the attached file.' });
  return finish(kept, compact.buttons, reply, [{ name, data: fileData(replyPlainText(reply)) }]);
}

function finish(
  drafts: Draft[],
  buttons: APIButtonComponent[],
  reply: Reply,
  files: DiscordPayload['files'],
): DiscordPayload[] {
  if (drafts.length === 0) drafts.push(emptyDraft());
  const first = drafts[0]!;
  if (first.content.length === 0 && first.embeds.length === 0)
    first.content.push(fitRendered(reply.summary, BLOCK, (s) => escapeInline(s)).text || '…');
  const rows = buttonRows(buttons);
  return drafts.map((d, i) => ({
    ...(d.content.length > 0 ? { content: d.content.join('\n') } : {}),
    embeds: d.embeds,
    components: i === drafts.length - 1 ? rows : [],
    files: i === 0 ? files : [],
    allowedMentions: { parse: [] },
  }));
}

function build(reply: Reply, compact: boolean): Built {
  const out: Built = { blocks: [], buttons: [], cut: false };
  const seen = new Set<string>();
  for (const part of reply.parts) {
    if (part.type === 'actions') {
      for (const action of part.actions) {
        const button = actionButton(action);
        if (seen.has(button.custom_id)) continue;
        seen.add(button.custom_id);
        out.buttons.push(button);
      }
      continue;
    }
    if (part.type === 'findings') {
      for (const finding of part.findings) {
        const { embed, cut } = findingEmbed(finding);
        out.blocks.push({ kind: 'embed', embed });
        out.cut ||= cut;
      }
      continue;
    }
    const { blocks, cut } = partBlocks(part, compact);
    for (const text of blocks) out.blocks.push({ kind: 'md', text });
    out.cut ||= cut;
  }
  return out;
}

/** Per part, in compact mode: how much raw text is kept before the cut. */
const COMPACT = { text: 1500, items: 15, item: 300, code: 1500, links: 10 };
const CUT_MARK = ' … (cut: see the attached file)';

function partBlocks(
  part: Exclude<Part, { type: 'actions' | 'findings' }>,
  compact: boolean,
): { blocks: string[]; cut: boolean } {
  let cut = false;
  const cap = (text: string, max: number) => {
    if (!compact || text.length <= max) return text;
    cut = true;
    return `${text.slice(0, max)}${CUT_MARK}`;
  };
  switch (part.type) {
    case 'heading':
      return {
        blocks: [`### ${fitRendered(oneLine(part.text), BLOCK - 4, (s) => escapeInline(s)).text}`],
        cut,
      };
    case 'text': {
      const prefix = part.tone === 'muted' ? '-# ' : (TONE[part.tone] ?? '');
      const lines = renderLines(cap(part.text, COMPACT.text), BLOCK - prefix.length, (s) => escapeInline(s));
      const shown = lines.map((l, i) =>
        part.tone === 'muted' ? (l.trim() === '' ? l : `${prefix}${l}`) : i === 0 ? `${prefix}${l}` : l,
      );
      return { blocks: nonBlank(shown), cut };
    }
    case 'list': {
      const items =
        compact && part.items.length > COMPACT.items ? part.items.slice(0, COMPACT.items) : part.items;
      if (items.length < part.items.length) cut = true;
      const rendered = items.flatMap((item, i) => {
        const marker = part.ordered ? `${i + 1}. ` : '- ';
        return renderLines(cap(item, COMPACT.item), BLOCK - 6, (s) => escapeInline(s)).map((l, j) =>
          j === 0 ? `${marker}${l}` : `   ${l}`,
        );
      });
      if (items.length < part.items.length) rendered.push(`-# …and ${part.items.length - items.length} more`);
      return { blocks: nonBlank(rendered), cut };
    }
    case 'code': {
      const overhead = codeOverhead(part.language);
      const lines = renderLines(cap(part.text, COMPACT.code), BLOCK - overhead, codeContent);
      return { blocks: group(lines, BLOCK - overhead).map((body) => fenced(body, part.language)), cut };
    }
    case 'links': {
      const links = compact ? part.links.slice(0, COMPACT.links) : part.links;
      if (links.length < part.links.length) cut = true;
      return { blocks: nonBlank(links.map((l) => `🔗 ${maskedLink(l.label, l.url)}`)), cut };
    }
    case 'step': {
      const title = fitRendered(oneLine(`Step ${part.index} of ${part.total}: ${part.title}`), 300, (s) =>
        escapeInline(s),
      ).text;
      const reason = part.reason
        ? [`-# ${fitRendered(oneLine(part.reason), 600, (s) => escapeInline(s)).text}`]
        : [];
      return { blocks: [`### ${title}`, ...reason], cut };
    }
  }
}

function findingEmbed(f: FindingView): { embed: APIEmbed; cut: boolean } {
  let cut = false;
  const title = fitRendered(oneLine(`${ICON[f.severity]} ${f.title}`), DISCORD_LIMITS.title, (s) =>
    escapeInline(s),
  );
  cut ||= title.cut;
  const evidence =
    f.evidence.length > 0
      ? `\n*Evidence:* ${truncate(f.evidence.map((e) => `\`${neutralise(oneLine(e).replace(/`/g, "'"))}\``).join(', '), 300)}`
      : '';
  const detail = fitRendered(f.detail, FINDING_DESCRIPTION - evidence.length, (s) => escapeInline(s));
  cut ||= detail.cut;
  const fields: APIEmbedField[] = [];
  if (f.fix.length > 0) {
    const lines = f.fix.flatMap((step, i) =>
      renderLines(step, DISCORD_LIMITS.fieldValue - 8, (s) => escapeInline(s)).map((l, j) =>
        j === 0 ? `${i + 1}. ${l}` : `   ${l}`,
      ),
    );
    const fix = limitLines(lines, FINDING_FIX);
    cut ||= fix.cut;
    group(fix.lines, DISCORD_LIMITS.fieldValue).forEach((value, i) => {
      fields.push({ name: i === 0 ? 'Fix' : 'Fix (continued)', value });
    });
  }
  if (f.docs.length > 0) {
    const docs = limitLines(
      f.docs.map((d) => `🔗 ${maskedLink(urlLabel(d), d)}`),
      FINDING_DOCS,
    );
    cut ||= docs.cut;
    if (docs.lines.length > 0) fields.push({ name: 'Docs', value: docs.lines.join('\n') });
  }
  const description = `${detail.text}${evidence}`.trim();
  return {
    embed: {
      title: title.text,
      ...(description ? { description } : {}),
      color: COLOR[f.severity],
      ...(fields.length > 0 ? { fields } : {}),
      footer: { text: truncate(`${f.cause} · ${f.rule}`, 100) },
    },
    cut,
  };
}

function actionButton(action: Action): APIButtonComponent & { custom_id: string } {
  return {
    type: ComponentType.Button,
    style: STYLE[action.style],
    label: truncate(neutralise(action.label).trim() || action.id, DISCORD_LIMITS.label),
    custom_id: encodeAction(action),
  };
}

function buttonRows(buttons: APIButtonComponent[]): DiscordPayload['components'] {
  const rows: DiscordPayload['components'] = [];
  const max = DISCORD_LIMITS.rows * DISCORD_LIMITS.buttonsPerRow;
  for (let i = 0; i < Math.min(buttons.length, max); i += DISCORD_LIMITS.buttonsPerRow)
    rows.push({
      type: ComponentType.ActionRow,
      components: buttons.slice(i, i + DISCORD_LIMITS.buttonsPerRow),
    });
  return rows;
}

// ---------------------------------------------------------------------------------------------------------
// Lines and blocks

/** Renders raw text line by line; a line too long for `max` once rendered is split into several. */
function renderLines(raw: string, max: number, render: (line: string) => string): string[] {
  const out: string[] = [];
  for (const line of raw.replace(/\r\n?/g, '\n').split('\n')) {
    const rendered = render(line);
    if (rendered.length <= max) out.push(rendered);
    else out.push(...splitRendered(line, max, render));
  }
  return out;
}

/** Lines as content blocks: each fits a message, and messages fill up line by line. */
function nonBlank(rendered: string[]): string[] {
  return rendered.filter((l) => l.trim() !== '');
}

/** Joins lines into blocks of at most `max` characters; every line is at most `max` already. */
function group(lines: string[], max: number): string[] {
  const blocks: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of lines) {
    const add = current.length === 0 ? line.length : line.length + 1;
    if (current.length > 0 && size + add > max) {
      blocks.push(current.join('\n'));
      current = [];
      size = 0;
    }
    current.push(line);
    size += current.length === 1 ? line.length : line.length + 1;
  }
  if (current.length > 0) blocks.push(current.join('\n'));
  return blocks.filter((b) => b.trim() !== '');
}

function limitLines(lines: string[], max: number): { lines: string[]; cut: boolean } {
  const kept: string[] = [];
  let size = 0;
  for (const [i, line] of lines.entries()) {
    const more = `…and ${lines.length - i} more`;
    if (size + line.length + 1 > max - more.length - 1) {
      kept.push(more);
      return { lines: kept, cut: true };
    }
    kept.push(line);
    size += line.length + 1;
  }
  return { lines: kept, cut: false };
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

// ---------------------------------------------------------------------------------------------------------
// Messages

interface Draft {
  content: string[];
  contentSize: number;
  embeds: APIEmbed[];
  embedSize: number;
  /** The last embed is a plain text embed that more text may join. */
  textEmbed: boolean;
}

const emptyDraft = (): Draft => ({ content: [], contentSize: 0, embeds: [], embedSize: 0, textEmbed: false });

/** In reading order: text before the first embed in `content`, text after embeds in a plain embed. */
function pack(blocks: Block[]): Draft[] {
  const drafts: Draft[] = [];
  let current = emptyDraft();
  for (const block of blocks) {
    if (tryAdd(current, block)) continue;
    if (current.content.length > 0 || current.embeds.length > 0) drafts.push(current);
    current = emptyDraft();
    // Blocks are built to fit an empty message; should one not, it is cut rather than lost.
    if (!tryAdd(current, block) && block.kind === 'md')
      tryAdd(current, { kind: 'md', text: truncate(block.text, DISCORD_LIMITS.content) });
  }
  if (current.content.length > 0 || current.embeds.length > 0) drafts.push(current);
  return drafts;
}

function tryAdd(d: Draft, block: Block): boolean {
  if (block.kind === 'embed') {
    const size = embedChars(block.embed);
    if (d.embeds.length >= DISCORD_LIMITS.embeds || d.embedSize + size > DISCORD_LIMITS.embedTotal)
      return false;
    d.embeds.push(block.embed);
    d.embedSize += size;
    d.textEmbed = false;
    return true;
  }
  if (d.embeds.length === 0) {
    const add = d.content.length === 0 ? block.text.length : block.text.length + 1;
    if (d.contentSize + add > DISCORD_LIMITS.content) return false;
    d.content.push(block.text);
    d.contentSize += add;
    return true;
  }
  const last = d.embeds[d.embeds.length - 1]!;
  if (d.textEmbed && last.description !== undefined) {
    const add = block.text.length + 1;
    if (
      last.description.length + add <= DISCORD_LIMITS.description &&
      d.embedSize + add <= DISCORD_LIMITS.embedTotal
    ) {
      last.description = `${last.description}\n${block.text}`;
      d.embedSize += add;
      return true;
    }
  }
  if (d.embeds.length >= DISCORD_LIMITS.embeds || d.embedSize + block.text.length > DISCORD_LIMITS.embedTotal)
    return false;
  d.embeds.push({ description: block.text });
  d.embedSize += block.text.length;
  d.textEmbed = true;
  return true;
}

/** Ends a full message with `note`, dropping what it takes to make room. */
function closeWith(d: Draft, note: Block): void {
  while (!tryAdd(d, note)) {
    if (d.embeds.length > 0) {
      const dropped = d.embeds.pop()!;
      d.embedSize -= embedChars(dropped);
      d.textEmbed = false;
    } else if (d.content.length > 0) {
      const dropped = d.content.pop()!;
      d.contentSize = Math.max(0, d.contentSize - dropped.length - 1);
    } else return;
  }
}

/** The characters Discord counts towards an embed's 6,000. */
export function embedChars(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

function slug(text: string): string {
  const s = text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 60)
    .replace(/-$/, '');
  return s || 'reply';
}

function fileData(text: string): Buffer {
  const data = Buffer.from(text, 'utf8');
  if (data.length <= FILE_BYTES) return data;
  const note = '\n… (cut: larger than an attachment may be)\n';
  return Buffer.concat([data.subarray(0, FILE_BYTES - note.length), Buffer.from(note, 'utf8')]);
}

// ---------------------------------------------------------------------------------------------------------
// Escalations

interface Where {
  url?: string;
  label: string;
}

const REASON: Record<EscalationPacket['reason'], string> = {
  requested: 'The user asked for a human.',
  exhausted: 'The whole checklist was walked and it still fails.',
  stuck: 'Stuck: several "still 401" answers in a row.',
};
const ANSWER: Record<EscalationPacket['steps'][number]['answers'][number], string> = {
  fixed: 'fixed',
  still_401: 'still 401',
  skipped: 'skipped',
  shown: 'asked how',
};
const SNOWFLAKE = /^\d{17,20}$/;
/** Pastes shown in the message; all of them are in the file. */
const SHOWN_ATTEMPTS = 5;
/** A redacted paste longer than this goes in the attached file rather than the message. */
const INLINE_PASTE = 700;

/** The escalation posted in the support channel: the redacted packet, a link to the thread, a Claim button. */
export function renderEscalation(packet: EscalationPacket, claim: string, where: Where): DiscordPayload {
  return escalationPayload(packet, where, { claim });
}

/**
 * The same escalation once claimed: the Claim button replaced by who took it (a user id, rendered as a
 * mention that does not ping), and with `claim`, a Release button for them to hand it back.
 */
export function renderClaimed(
  packet: EscalationPacket,
  where: Where,
  claimer: string,
  claim?: string,
): DiscordPayload {
  return escalationPayload(packet, where, { claimer, ...(claim ? { release: claim } : {}) });
}

/** The Release button alone, for a post whose packet is not remembered any more. */
export function releaseComponents(claim: string): DiscordPayload['components'] {
  return buttonRows([releaseButton(claim)]);
}

/** The Claim button alone, for a released post whose packet is not remembered any more. */
export function claimComponents(claim: string): DiscordPayload['components'] {
  return buttonRows([
    { type: ComponentType.Button, style: ButtonStyle.Primary, label: 'Claim', custom_id: encodeClaim(claim) },
  ]);
}

/**
 * A reminder for an escalation nobody claimed, as a packet to post again: its headline says how long it
 * has waited. (Discord posts reminders as a new message in the escalation channel.)
 */
export function reminderPacket(packet: EscalationPacket, notice: EscalationNotice): EscalationPacket {
  return {
    ...packet,
    headline: `Still unclaimed after ${humanDuration(notice.waitingMs)} (reminder ${notice.renotify}): ${packet.headline}`,
  };
}

function releaseButton(claim: string): APIButtonComponent {
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: 'Release',
    custom_id: encodeRelease(claim),
  };
}

/**
 * Both shapes of the escalation message. The claimed one carries the same file: discord.js sends an edit's
 * `files` as the message's whole attachment list, so an edit without it would drop the original's.
 */
function escalationPayload(
  packet: EscalationPacket,
  where: Where,
  state: { claim: string } | { claimer: string; release?: string },
): DiscordPayload {
  const claimer = 'claimer' in state ? userText(state.claimer) : undefined;
  const shown = packet.attempts.slice(-SHOWN_ATTEMPTS);
  const inlinePastes =
    packet.attempts.length <= SHOWN_ATTEMPTS && shown.every((a) => a.text.length <= INLINE_PASTE);
  const main = escalationEmbed(packet, where, claimer);
  let budget = DISCORD_LIMITS.embedTotal - embedChars(main) - 50;
  const embeds: APIEmbed[] = [main];
  let cut = !inlinePastes;
  const first = packet.attempts.length - shown.length;
  shown.forEach((attempt, i) => {
    const share = Math.min(DISCORD_LIMITS.description, Math.floor(budget / (shown.length - i)));
    const embed = attemptEmbed(attempt, first + i + 1, packet.attempts.length, share, inlinePastes);
    cut ||= embed.cut;
    budget -= embedChars(embed.embed);
    embeds.push(embed.embed);
  });
  const name = `authdoctor-${slug(packet.id)}.txt`;
  const source = sourceText(where, 400);
  const lines = [
    claimer
      ? `✅ **Escalation ${escapeText(packet.id, false)}** from ${source}, claimed by ${claimer}`
      : `🆘 **Escalation ${escapeText(packet.id, false)}** from ${source}`,
    ...(cut ? [`-# The redacted pastes in full are in the attached file \`${name}\`.`] : []),
  ];
  const buttons: APIButtonComponent[] = [];
  if ('claim' in state)
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Primary,
      label: 'Claim',
      custom_id: encodeClaim(state.claim),
    });
  if ('release' in state && state.release) buttons.push(releaseButton(state.release));
  const link = where.url ? safeUrl(where.url) : undefined;
  if (link && link.length <= DISCORD_LIMITS.linkUrl)
    buttons.push({
      type: ComponentType.Button,
      style: ButtonStyle.Link,
      label: 'Open the conversation',
      url: link,
    });
  return {
    content: fitRendered(lines.join('\n'), DISCORD_LIMITS.content, (s) => s).text,
    embeds,
    components: buttonRows(buttons),
    files: cut ? [{ name, data: fileData(escalationFile(packet)) }] : [],
    allowedMentions: { parse: [] },
  };
}

function escalationEmbed(packet: EscalationPacket, where: Where, claimer: string | undefined): APIEmbed {
  const url = where.url ? safeUrl(where.url) : undefined;
  const fields: APIEmbedField[] = [
    { name: 'Source', value: sourceText(where, DISCORD_LIMITS.fieldValue), inline: true },
    {
      name: 'Provider',
      value: fitRendered(packet.provider ?? 'not recognised', 100, (s) => escapeText(s)).text,
      inline: true,
    },
    { name: 'User', value: userText(packet.user), inline: true },
  ];
  if (claimer) fields.push({ name: 'Claimed by', value: claimer, inline: true });
  fields.push({ name: 'Timing', value: timing(packet) });
  if (packet.findings.length > 0) {
    const lines = packet.findings.map(
      (f) =>
        `${ICON[f.severity]} ${fitRendered(oneLine(f.title), 200, (s) => escapeInline(s)).text} · \`${f.cause}\``,
    );
    fields.push({
      name: `Findings (${packet.findings.length})`,
      value: limitLines(lines, 900).lines.join('\n'),
    });
  }
  const checklist = checklistLines(packet);
  if (checklist.length > 0) {
    const limited = limitLines(checklist, 1500).lines;
    group(limited, DISCORD_LIMITS.fieldValue).forEach((value, i) => {
      fields.push({ name: i === 0 ? 'Checklist' : 'Checklist (continued)', value });
    });
  }
  const description = [
    `**${REASON[packet.reason]}**`,
    fitRendered(oneLine(packet.headline), 500, (s) => escapeInline(s)).text,
  ].join('\n');
  return {
    title: fitRendered(`Escalation ${packet.id}`, DISCORD_LIMITS.title, (s) => escapeText(s)).text,
    ...(url && url.length <= 2048 ? { url } : {}),
    description,
    color: claimer ? COLOR.claimed : COLOR.escalation,
    fields,
    footer: { text: truncate(`authdoctor · session ${packet.session}`, 200) },
    timestamp: new Date(packet.at).toISOString(),
  };
}

/** The label, linked when the URL is http(s) and the link fits `max`. */
function sourceText(where: Where, max: number): string {
  const label = fitRendered(oneLine(where.label), Math.min(200, max), (s) => escapeText(s)).text || '—';
  const link = where.url ? maskedLink(truncate(oneLine(where.label), 100), where.url) : '';
  return link && safeUrl(where.url ?? '') && link.length <= max ? link : label;
}

function checklistLines(packet: EscalationPacket): string[] {
  const lines: string[] = [];
  let notReached = 0;
  for (const s of packet.steps) {
    const title = fitRendered(oneLine(s.title), 150, (t) => escapeInline(t)).text;
    const reason = s.reason ? fitRendered(oneLine(s.reason), 150, (t) => escapeInline(t)).text : '';
    if (s.answers.length > 0) {
      const icon = s.answers.includes('fixed')
        ? '✅'
        : s.answers.includes('still_401')
          ? '❌'
          : s.answers.includes('skipped')
            ? '⏭️'
            : '👀';
      lines.push(`${icon} ${title}: ${[...new Set(s.answers)].map((a) => ANSWER[a]).join(', ')}`);
    } else if (s.status === 'ruled_out') lines.push(`➖ ${title}: ruled out${reason ? ` (${reason})` : ''}`);
    else if (s.status === 'suspect') lines.push(`⚠️ ${title}: suspect${reason ? ` (${reason})` : ''}`);
    else notReached += 1;
  }
  if (notReached > 0) lines.push(`-# ${notReached} step${notReached === 1 ? '' : 's'} not answered`);
  return lines;
}

function attemptEmbed(
  attempt: EscalationPacket['attempts'][number],
  n: number,
  total: number,
  budget: number,
  withText: boolean,
): { embed: APIEmbed; cut: boolean } {
  const statuses = attempt.statuses.length > 0 ? ` · HTTP ${attempt.statuses.slice(0, 5).join(', ')}` : '';
  const title = truncate(`Paste ${n} of ${total}${statuses}`, 200);
  const room = Math.max(0, budget - title.length);
  const summaryRoom = withText ? Math.floor(room / 2) : room;
  const summary = fitRendered(attempt.summary.join('\n'), summaryRoom, (s) => codeBlock(s));
  let cut = summary.cut;
  let description = summary.text;
  if (withText && attempt.text.trim() !== '') {
    const text = fitRendered(attempt.text, room - description.length - 20, (s) => codeBlock(s));
    cut ||= text.cut;
    if (text.text.length > 1) description += `\n**Redacted paste**\n${text.text}`;
  }
  return {
    embed: {
      title,
      ...(description.length > 1 ? { description } : {}),
      color: COLOR.escalation,
      timestamp: new Date(attempt.at).toISOString(),
    },
    cut,
  };
}

function escalationFile(packet: EscalationPacket): string {
  const lines = packetText(packet);
  packet.attempts.forEach((a, i) => {
    lines.push('', `--- Paste ${i + 1}, redacted (${new Date(a.at).toISOString()}) ---`, a.text);
  });
  return `${lines.join('\n')}\n`;
}

function timing(packet: EscalationPacket): string {
  const t = packet.timings;
  const started = Math.floor(t.startedAt / 1000);
  const parts = [
    `Started <t:${started}:f> (<t:${started}:R>)`,
    `escalated after ${humanDuration(t.durationMs)}`,
  ];
  if (t.firstReplyAt !== undefined) {
    const wait = t.firstReplyAt - t.startedAt;
    parts.push(wait < 1000 ? 'first answer within a second' : `first answer after ${humanDuration(wait)}`);
  }
  return parts.join(', ');
}

/** A Discord user id as a mention (never pings: allowedMentions), anything else as inert text. */
function userText(id: string): string {
  return SNOWFLAKE.test(id) ? `<@${id}>` : fitRendered(id, 100, (s) => escapeText(s, false)).text || '—';
}
