/**
 * Replies as Block Kit. Everything shown comes from the reply model or the redacted escalation packet and
 * is escaped through `./mrkdwn.ts`; the only mrkdwn markup we write ourselves is bold labels, bullets,
 * fences and `<url|label>` links. Limits are Slack's (DESIGN.md): a reply that does not fit one message
 * continues in the next, up to MAX_MESSAGES, then ends with a note of what was left out.
 */
import type {
  ActionsBlock,
  Button,
  ContextBlock,
  HeaderBlock,
  KnownBlock,
  MrkdwnElement,
  SectionBlock,
} from '@slack/types';
import type { EscalationNotice, EscalationPacket } from '../../src/conversation/effects.js';
import { encodeAction, encodeClaim, encodeRelease } from '../../src/platform/action-codec.js';
import { humanDuration } from '../../src/reply/duration.js';
import type { Action, FindingView, Part, Reply } from '../../src/reply/model.js';
import {
  clean,
  escapeCode,
  escapeFallback,
  escapeMrkdwn,
  FENCE_OVERHEAD,
  fence,
  type Line,
  link,
  packLines,
  plainText,
  safeUrl,
  splitEscaped,
  truncate,
  urlLabel,
} from './mrkdwn.js';

export interface SlackMessage {
  /** Fallback text for notifications and clients without blocks. */
  text: string;
  blocks: KnownBlock[];
}

const MAX_BLOCKS = 50;
const SECTION_TEXT = 3000;
const FIELD_TEXT = 2000;
const HEADER_TEXT = 150;
const ACTIONS_PER_BLOCK = 25;
const BUTTON_TEXT = 75;
/** Slack's own cap is on the fallback text; the same cap on a message's blocks keeps it readable. */
const MESSAGE_CHARS = 40_000;
/** Past this many messages a reply is cut, with a note of what was left out. */
export const MAX_MESSAGES = 5;
/** A summary longer than this is cut before it becomes the fallback text. */
const SUMMARY_CHARS = 3000;

/** The action_id of the escalation's "Open thread" link button: the adapter only acknowledges it. */
export const OPEN_THREAD_ACTION = 'authdoctor_open_thread';

const SEVERITY_ICON: Record<FindingView['severity'], string> = {
  error: ':red_circle:',
  warning: ':large_orange_circle:',
  info: ':information_source:',
};
const TONE_MARKER: Record<'plain' | 'info' | 'success' | 'warning', string> = {
  plain: '',
  info: ':information_source: ',
  success: ':white_check_mark: ',
  warning: ':warning: ',
};

const md = (text: string): MrkdwnElement => ({ type: 'mrkdwn', text, verbatim: true });
const section = (text: string): SectionBlock => ({ type: 'section', text: md(text) });
const context = (text: string): ContextBlock => ({ type: 'context', elements: [md(text)] });
const header = (text: string): HeaderBlock => ({
  type: 'header',
  text: { type: 'plain_text', text: plainText(text, HEADER_TEXT), emoji: false },
});

/** Raw text as one mrkdwn text of at most `limit` characters, cut with `…` when it does not fit. */
function fitText(raw: string, limit: number): string {
  const pieces = packLines([{ raw }], limit - 1);
  return pieces.length > 1 ? `${pieces[0]}…` : (pieces[0] ?? '');
}

const blank = (text: string) => !clean(text).trim();

/** What a block shows, so a cut reply can say what it left out. */
type Shows =
  | { kind: 'code'; part: number; from: number; to: number }
  | { kind: 'finding'; title: string }
  | { kind: 'divider' }
  | { kind: 'other' };

interface Unit {
  block: KnownBlock;
  shows: Shows;
}

const OTHER: Shows = { kind: 'other' };

// ---------------------------------------------------------------------------------------------------------
// Replies

/** One reply as one or more Slack messages, each within Block Kit limits. */
export function renderReply(reply: Reply): SlackMessage[] {
  const units: Unit[] = [];
  const actions: Action[] = [];
  reply.parts.forEach((part, index) => {
    if (part.type === 'actions') actions.push(...part.actions);
    else units.push(...renderPart(part, index));
  });
  if (units.length === 0 && actions.length === 0)
    units.push({ block: section(fitText(reply.summary || 'authdoctor', SECTION_TEXT)), shows: OTHER });
  const pages = paginate(units, actionBlocks(actions));
  const summary = escapeFallback(truncate(reply.summary, SUMMARY_CHARS)) || 'authdoctor';
  return pages.map((blocks, i) => ({
    text: i > 0 ? `${summary} (part ${i + 1} of ${pages.length})` : summary,
    blocks,
  }));
}

function renderPart(part: Exclude<Part, { type: 'actions' }>, index: number): Unit[] {
  const units = (blocks: KnownBlock[], shows: Shows = OTHER) => blocks.map((block) => ({ block, shows }));
  switch (part.type) {
    case 'heading':
      return blank(part.text) ? [] : units([header(part.text)]);
    case 'text': {
      if (blank(part.text)) return [];
      if (part.tone === 'muted') return units(packLines([{ raw: part.text }], SECTION_TEXT).map(context));
      return units(packLines([{ lead: TONE_MARKER[part.tone], raw: part.text }], SECTION_TEXT).map(section));
    }
    case 'list': {
      const lines = part.items.map(
        (item, i): Line => ({ lead: part.ordered ? `${i + 1}. ` : '• ', raw: item, indent: '      ' }),
      );
      return lines.length > 0 ? units(packLines(lines, SECTION_TEXT).map(section)) : [];
    }
    case 'code':
      return codeChunks(part.text, SECTION_TEXT - FENCE_OVERHEAD).map((chunk) => ({
        block: section(fence(chunk.text)),
        shows: { kind: 'code', part: index, from: chunk.from, to: chunk.to },
      }));
    case 'findings':
      return part.findings.flatMap((finding, i) => [
        ...(i > 0 ? [{ block: { type: 'divider' } as const, shows: { kind: 'divider' } as const }] : []),
        ...units(findingBlocks(finding), { kind: 'finding', title: finding.title }),
      ]);
    case 'links': {
      const lines = part.links.map((l): Line => {
        const linked = link(l.url, l.label);
        return linked
          ? { lead: `• ${linked}` }
          : { lead: '• ', raw: l.label === l.url ? l.url : `${l.label}: ${l.url}` };
      });
      return lines.length > 0 ? units(packLines(lines, SECTION_TEXT).map(section)) : [];
    }
    case 'step': {
      const title = packLines(
        [{ lead: `*Step ${part.index} of ${part.total} · `, raw: truncate(part.title, 300), tail: '*' }],
        SECTION_TEXT,
      );
      const reason =
        part.reason && !blank(part.reason) ? packLines([{ raw: part.reason }], SECTION_TEXT) : [];
      return units([...title.map(section), ...reason.map(context)]);
    }
  }
}

/** A finding at a glance: icon and bold title, why, the evidence, numbered fix steps; docs underneath. */
function findingBlocks(f: FindingView): KnownBlock[] {
  const lines: Line[] = [{ lead: `${SEVERITY_ICON[f.severity]} *`, raw: truncate(f.title, 300), tail: '*' }];
  if (!blank(f.detail)) lines.push({ raw: f.detail });
  if (f.evidence.length > 0)
    lines.push({
      lead: '*Evidence:* ',
      raw: f.evidence.map((e) => `\`${e.replace(/`/g, "'")}\``).join(', '),
    });
  if (f.fix.length > 0) {
    lines.push({ lead: '*Fix:*' });
    f.fix.forEach((step, n) => {
      lines.push({ lead: `${n + 1}. `, raw: step, indent: '      ' });
    });
  }
  const about = [`${f.severity}`, escapeMrkdwn(`\`${f.cause}\``)];
  let docs = '';
  for (const url of f.docs) {
    const next = `${docs ? `${docs} · ` : 'docs: '}${link(url, urlLabel(url)) ?? fitText(url, 300)}`;
    if (next.length > SECTION_TEXT - 200) break;
    docs = next;
  }
  if (docs) about.push(docs);
  return [...packLines(lines, SECTION_TEXT).map(section), context(about.join(' · '))];
}

interface CodeChunk {
  /** Escaped, ready for a fence. */
  text: string;
  /** 1-based line numbers of the code this chunk holds. */
  from: number;
  to: number;
}

/** Code cut at line boundaries (a line too long on its own, anywhere) into fence bodies of `limit` chars. */
function codeChunks(code: string, limit: number): CodeChunk[] {
  const lines = clean(code).split('\n');
  while (lines.length > 0 && !lines.at(-1)!.trim()) lines.pop();
  const pieces = lines.flatMap((line, i) =>
    splitEscaped(line, limit, escapeCode).map((text) => ({ text, line: i + 1 })),
  );
  const chunks: CodeChunk[] = [];
  for (const piece of pieces) {
    const current = chunks.at(-1);
    if (current && current.text.length + 1 + piece.text.length <= limit) {
      current.text += `\n${piece.text}`;
      current.to = piece.line;
    } else chunks.push({ text: piece.text, from: piece.line, to: piece.line });
  }
  return chunks;
}

function button(action: Action): Button {
  const value = encodeAction(action);
  return {
    type: 'button',
    text: { type: 'plain_text', text: plainText(action.label, BUTTON_TEXT), emoji: true },
    action_id: value,
    value,
    ...(action.style === 'primary' || action.style === 'danger' ? { style: action.style } : {}),
  };
}

/**
 * All the reply's buttons in one actions block (the engine offers a handful; Slack takes 25). A button
 * repeated (same action, same turn) is shown once: Slack refuses two equal action_ids in a message.
 */
function actionBlocks(actions: readonly Action[]): ActionsBlock[] {
  const buttons = new Map<string, Button>();
  for (const action of actions) {
    const b = button(action);
    if (!buttons.has(b.action_id!)) buttons.set(b.action_id!, b);
  }
  const elements = [...buttons.values()].slice(0, ACTIONS_PER_BLOCK);
  return elements.length > 0 ? [{ type: 'actions', elements }] : [];
}

// ---------------------------------------------------------------------------------------------------------
// Messages

const blockChars = (block: KnownBlock) => JSON.stringify(block).length;

/**
 * Units into at most MAX_MESSAGES pages of at most MAX_BLOCKS blocks (and MESSAGE_CHARS of JSON), the
 * actions always last; what does not fit is replaced by a note saying what it was.
 */
function paginate(units: readonly Unit[], tail: readonly ActionsBlock[]): KnownBlock[][] {
  const pages: Unit[][] = [[]];
  let chars = 0;
  for (const unit of units) {
    const size = blockChars(unit.block);
    if (pages.at(-1)!.length >= MAX_BLOCKS || chars + size > MESSAGE_CHARS) {
      pages.push([]);
      chars = 0;
    }
    pages.at(-1)!.push(unit);
    chars += size;
  }
  const tailSize = tail.reduce((n, b) => n + blockChars(b), 0);
  const fits = (page: readonly Unit[], blocks: number, size: number) =>
    page.length + blocks <= MAX_BLOCKS &&
    page.reduce((n, u) => n + blockChars(u.block), 0) + size <= MESSAGE_CHARS;

  if (pages.length <= MAX_MESSAGES) {
    if (fits(pages.at(-1)!, tail.length, tailSize)) return finish(pages, tail);
    if (pages.length < MAX_MESSAGES) return finish([...pages, []], tail);
  }
  // Too long: keep what fits in MAX_MESSAGES with room for the note and the actions, name the rest.
  const kept = pages.slice(0, MAX_MESSAGES);
  const dropped = pages.slice(MAX_MESSAGES).flat();
  const last = kept.at(-1)!;
  const noteRoom = 3000;
  while (last.length > 0 && !fits(last, tail.length + 1, tailSize + noteRoom)) dropped.unshift(last.pop()!);
  const note: Unit = { block: context(leftOutNote(dropped)), shows: OTHER };
  kept[kept.length - 1] = [...last, note];
  return finish(kept, tail);
}

function finish(pages: Unit[][], tail: readonly ActionsBlock[]): KnownBlock[][] {
  const out = pages.map((page) => {
    const blocks = page.map((u) => u.block);
    // A page boundary is already a break: no divider at either end.
    while (blocks[0]?.type === 'divider') blocks.shift();
    while (blocks.at(-1)?.type === 'divider') blocks.pop();
    return blocks;
  });
  out[out.length - 1]!.push(...tail);
  const kept = out.filter((blocks) => blocks.length > 0);
  return kept.length > 0 ? kept : [[section('…')]];
}

/** "Too long for Slack: left out code lines 1,201–30,000, 2 findings (A; B) and 3 other sections." */
function leftOutNote(dropped: readonly Unit[]): string {
  const items: string[] = [];
  const code = new Map<number, { from: number; to: number }>();
  const findings: string[] = [];
  let others = 0;
  for (const { shows } of dropped) {
    if (shows.kind === 'code') {
      const range = code.get(shows.part);
      code.set(shows.part, range ? { from: range.from, to: shows.to } : { from: shows.from, to: shows.to });
    } else if (shows.kind === 'finding') {
      if (findings.at(-1) !== shows.title) findings.push(shows.title);
    } else if (shows.kind === 'other') others++;
  }
  const n = (x: number) => x.toLocaleString('en-US');
  for (const { from, to } of code.values())
    items.push(from === to ? `code line ${n(from)}` : `code lines ${n(from)}–${n(to)}`);
  if (findings.length > 0) {
    const named = findings.slice(0, 3).map((t) => truncate(t, 60));
    const more = findings.length > 3 ? `, and ${findings.length - 3} more` : '';
    items.push(`${findings.length} finding${findings.length === 1 ? '' : 's'} (${named.join('; ')}${more})`);
  }
  if (others > 0)
    items.push(`${others} ${items.length > 0 ? 'other ' : ''}section${others === 1 ? '' : 's'}`);
  const what =
    items.length > 1 ? `${items.slice(0, -1).join(', ')} and ${items.at(-1)}` : (items[0] ?? 'the rest');
  return `:scissors: ${fitText(`Too long for Slack: left out ${what}.`, 2000)}`;
}

// ---------------------------------------------------------------------------------------------------------
// Escalations

type Where = { permalink?: string; label: string };

const REASONS: Record<EscalationPacket['reason'], string> = {
  requested: 'The user asked for a human',
  stuck: 'Stuck: taking longer than it should',
  exhausted: 'Checklist done, still failing',
};
const STATUS: Record<EscalationPacket['steps'][number]['status'], { icon: string; word: string }> = {
  suspect: { icon: ':mag:', word: 'suspect' },
  unknown: { icon: ':white_circle:', word: 'not ruled out' },
  ruled_out: { icon: ':heavy_check_mark:', word: 'ruled out' },
};
const ANSWERS: Record<EscalationPacket['steps'][number]['answers'][number], string> = {
  fixed: 'fixed',
  still_401: 'still 401',
  skipped: 'skipped',
  shown: 'asked how',
};
/** Older pastes are summarised by count: the latest ones are what a human needs. */
const ATTEMPTS_SHOWN = 5;
const ATTEMPT_TEXT = 2000;
const CLAIMER = /^[UW][A-Z0-9]{2,}$/;

/** The escalation posted in the support channel: the redacted packet, a link to the thread, a Claim button. */
export function renderEscalation(packet: EscalationPacket, claim: string, where: Where): SlackMessage {
  return escalationMessage(packet, where, [], [claimButton(claim)]);
}

export function claimButton(claim: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: 'Claim', emoji: true },
    action_id: encodeClaim(claim),
    value: encodeClaim(claim),
    style: 'primary',
  };
}

/** Hands a claimed escalation back; only the claimer may use it (the listener checks). */
export function releaseButton(claim: string): Button {
  return {
    type: 'button',
    text: { type: 'plain_text', text: 'Release', emoji: true },
    action_id: encodeRelease(claim),
    value: encodeRelease(claim),
  };
}

/**
 * The same escalation once claimed: the Claim button replaced by who took it (a user id, rendered as a
 * mention), and with `claim`, a Release button for them to hand it back.
 */
export function renderClaimed(
  packet: EscalationPacket,
  where: Where,
  claimer: string,
  claim?: string,
): SlackMessage {
  return escalationMessage(
    packet,
    where,
    [context(`:raising_hand: Claimed by ${claimerText(claimer)}`)],
    claim ? [releaseButton(claim)] : [],
  );
}

/** A user id as a mention, anything else as escaped text. */
export function claimerText(claimer: string): string {
  return CLAIMER.test(claimer) ? `<@${claimer}>` : escapeMrkdwn(truncate(claimer, 100));
}

/**
 * The reminder for an escalation nobody claimed, posted in its thread (and broadcast to the channel): how
 * long it has waited, its headline, and a Claim button as on the post itself.
 */
export function renderReminder(
  packet: EscalationPacket,
  claim: string,
  notice: EscalationNotice,
): SlackMessage {
  const waited = humanDuration(notice.waitingMs);
  const line = `Escalation ${packet.id} is still unclaimed after ${waited}`;
  return {
    text: escapeFallback(truncate(`${line}: ${packet.headline}`, SUMMARY_CHARS)),
    blocks: [
      section(
        `:rotating_light: *${fitText(line, 300)}* (reminder ${notice.renotify})\n${fitText(
          blank(packet.headline) ? 'No headline' : packet.headline,
          SECTION_TEXT - 400,
        )}`,
      ),
      context(
        `${REASONS[packet.reason]} · ${packet.attempts.length} paste${packet.attempts.length === 1 ? '' : 's'} · details in the message above`,
      ),
      { type: 'actions', elements: [claimButton(claim)] },
    ],
  };
}

function escalationMessage(
  packet: EscalationPacket,
  where: Where,
  extra: KnownBlock[],
  buttons: Button[],
): SlackMessage {
  const permalink = where.permalink ? safeUrl(where.permalink) : undefined;
  if (permalink)
    buttons.push({
      type: 'button',
      text: { type: 'plain_text', text: 'Open thread', emoji: true },
      action_id: OPEN_THREAD_ACTION,
      url: permalink,
    });
  const blocks: KnownBlock[] = [
    header(`Escalation ${packet.id}`),
    {
      type: 'section',
      text: md(
        `:sos: *${fitText(blank(packet.headline) ? 'No headline' : packet.headline, SECTION_TEXT - 20)}*`,
      ),
      fields: [
        md(`*Reason*\n${REASONS[packet.reason]}`),
        md(`*Source*\n${fitText(where.label, FIELD_TEXT - 20)}`),
        md(`*Provider*\n${fitText(packet.provider ?? 'not recognised', FIELD_TEXT - 20)}`),
        md(`*Pastes*\n${packet.attempts.length}`),
      ],
    },
    ...escalationFindings(packet.findings),
    ...escalationSteps(packet.steps),
    ...escalationAttempts(packet.attempts),
    context(timings(packet.timings)),
    ...extra,
    ...(buttons.length > 0 ? [{ type: 'actions', elements: buttons } as ActionsBlock] : []),
  ];
  return {
    text: escapeFallback(
      truncate(`Escalation ${packet.id}: ${packet.headline} (${where.label})`, SUMMARY_CHARS),
    ),
    blocks,
  };
}

/** A title and as many whole lines as fit one section; the lines left out (and `more`) are counted. */
function boundedSection(title: string, lines: readonly Line[], more = 0): SectionBlock {
  const limit = SECTION_TEXT - 100;
  let text = title;
  let shown = 0;
  for (const line of lines) {
    const rendered = packLines([line], limit);
    if (rendered.length > 1 || text.length + 1 + rendered[0]!.length > limit) break;
    text += `\n${rendered[0]}`;
    shown++;
  }
  const rest = lines.length - shown + more;
  return section(rest > 0 ? `${text}\n… ${rest} more not shown` : text);
}

function escalationFindings(findings: readonly FindingView[]): KnownBlock[] {
  if (findings.length === 0) return [section('*Findings*\nNone: no rule could say why.')];
  const shown = findings.slice(0, 10);
  const lines = shown.map(
    (f): Line => ({
      lead: `${SEVERITY_ICON[f.severity]} *`,
      raw: truncate(f.title, 200),
      tail: `* · ${escapeMrkdwn(`\`${f.cause}\``)}`,
    }),
  );
  return [boundedSection('*Findings*', lines, findings.length - shown.length)];
}

function escalationSteps(steps: EscalationPacket['steps']): KnownBlock[] {
  if (steps.length === 0) return [];
  const lines = steps.map((s): Line => {
    const answers = s.answers.map((a) => ANSWERS[a]).join(', ');
    const reason = s.reason ? ` (${truncate(s.reason, 150)})` : '';
    return {
      lead: `${STATUS[s.status].icon} `,
      raw: `${truncate(s.title, 120)}: ${STATUS[s.status].word}${reason}${answers ? ` · answered: ${answers}` : ''}`,
    };
  });
  return [boundedSection('*Checklist*', lines)];
}

function escalationAttempts(attempts: EscalationPacket['attempts']): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  const first = Math.max(0, attempts.length - ATTEMPTS_SHOWN);
  if (first > 0) blocks.push(context(`${first} earlier paste${first === 1 ? '' : 's'} not shown.`));
  attempts.slice(first).forEach((a, i) => {
    const facts = [
      utc(a.at),
      a.kinds.join(', ') || 'nothing recognised',
      a.provider ?? 'no provider',
      ...(a.statuses.length > 0 ? [`HTTP ${a.statuses.join(' → ')}`] : []),
    ];
    // Indented summary lines belong to the line above them (intake's own layout): no bullet of their own.
    const lines = a.summary.map((l): Line => ({ lead: /^\s/.test(l) ? '' : '• ', raw: l }));
    blocks.push(boundedSection(`*Paste ${first + i + 1}* · ${escapeMrkdwn(facts.join(' · '))}`, lines));
    const chunks = codeChunks(truncate(a.text, ATTEMPT_TEXT), SECTION_TEXT - FENCE_OVERHEAD);
    if (chunks[0]) blocks.push(section(fence(chunks[0].text)));
    const total = clean(a.text).split('\n').length;
    if (chunks.length > 1 || a.text.length > ATTEMPT_TEXT)
      blocks.push(context(`Redacted paste, first ${chunks[0]?.to ?? 0} of ${total} lines shown.`));
  });
  return blocks;
}

function timings(t: EscalationPacket['timings']): string {
  const parts = [`Started ${utc(t.startedAt)}`];
  if (t.firstReplyAt !== undefined)
    parts.push(`first reply after ${humanDuration(t.firstReplyAt - t.startedAt)}`);
  parts.push(`escalated after ${humanDuration(t.durationMs)}`);
  return `:stopwatch: ${parts.join(' · ')}`;
}

function utc(ms: number): string {
  const date = new Date(ms);
  return Number.isNaN(date.getTime())
    ? 'at an unknown time'
    : `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}
