/**
 * Block Kit checks for tests, written from Slack's documented limits (DESIGN.md) rather than from the
 * renderer's constants, so a renderer bug cannot hide behind its own numbers: block and element types the
 * renderer may use, every length and count limit, unique action_ids and block_ids, and mrkdwn that Slack
 * reads the way we meant it (no mention or link that we did not write, entities only for `& < >`, fences
 * balanced, `verbatim` on). And `slackText`: what a reader sees, flattened, for assertions.
 */
import type { SlackMessage } from '../../adapters/slack/render.js';

const LIMITS = {
  blocks: 50,
  fallbackText: 40_000,
  text: 3000,
  field: 2000,
  fields: 10,
  header: 150,
  contextElements: 10,
  actionsElements: 25,
  buttonText: 75,
  actionId: 255,
  blockId: 255,
  value: 2000,
  url: 3000,
};

const BLOCK_KEYS: Record<string, string[]> = {
  header: ['type', 'text', 'block_id'],
  section: ['type', 'text', 'fields', 'accessory', 'block_id', 'expand'],
  context: ['type', 'elements', 'block_id'],
  divider: ['type', 'block_id'],
  actions: ['type', 'elements', 'block_id'],
};
const BUTTON_KEYS = ['type', 'text', 'action_id', 'value', 'url', 'style', 'accessibility_label'];

const MENTION = /@(?:channel|here|everyone)/i;
const CONTROL = /[\u0000-\u0008\u000B-\u001F\u007F\u202A-\u202E\u2066-\u2069]/;
const LINK = /^(https?:\/\/[^\s|<>]+)(?:\|([^<>]*))?$/;
const DATE = /^!date\^\d+\^[^|<>]*\|[^<>]*$/;
const USER = /^@[UW][A-Z0-9]{2,}$/;
const ENTITY = /^&(?:amp|lt|gt);/;

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Everything wrong with a message, as readable lines; empty when Slack would show it as we meant. */
export function slackMessageProblems(message: SlackMessage): string[] {
  const problems: string[] = [];
  const report: Report = (path, problem) => {
    problems.push(`${path}: ${problem}`);
  };

  if (typeof message.text !== 'string' || message.text.length === 0) report('text', 'empty fallback text');
  else {
    if (message.text.length > LIMITS.fallbackText)
      report('text', `fallback text ${message.text.length} > ${LIMITS.fallbackText}`);
    for (const p of mrkdwnProblems(message.text)) report('text', p);
  }
  if (!Array.isArray(message.blocks)) {
    report('blocks', 'not an array');
    return problems;
  }
  if (message.blocks.length > LIMITS.blocks) report('blocks', `${message.blocks.length} > ${LIMITS.blocks}`);

  const actionIds = new Map<string, string>();
  const blockIds = new Set<string>();
  const checkButton = (value: unknown, path: string) => {
    if (!isObj(value) || value.type !== 'button') return report(path, 'not a button');
    unknownKeys(value, BUTTON_KEYS, path, report);
    textObject(value.text, `${path}.text`, LIMITS.buttonText, report, 'plain_text');
    const id = value.action_id;
    if (typeof id !== 'string' || id.length === 0) report(path, 'no action_id');
    else {
      if (id.length > LIMITS.actionId) report(path, `action_id ${id.length} > ${LIMITS.actionId}`);
      const earlier = actionIds.get(id);
      if (earlier) report(path, `action_id ${JSON.stringify(id)} already used at ${earlier}`);
      actionIds.set(id, path);
    }
    if (value.value !== undefined && (typeof value.value !== 'string' || value.value.length > LIMITS.value))
      report(path, `value must be a string of at most ${LIMITS.value}`);
    if (value.url !== undefined && (typeof value.url !== 'string' || !httpUrl(value.url, LIMITS.url)))
      report(path, `url must be http(s), at most ${LIMITS.url}`);
    if (value.style !== undefined && value.style !== 'primary' && value.style !== 'danger')
      report(path, `style ${JSON.stringify(value.style)}`);
  };

  for (const [i, block] of (message.blocks as unknown[]).entries()) {
    const path = `blocks[${i}]`;
    if (!isObj(block) || typeof block.type !== 'string') {
      report(path, 'not a block');
      continue;
    }
    const keys = BLOCK_KEYS[block.type];
    if (!keys) {
      report(path, `block type ${JSON.stringify(block.type)} not allowed`);
      continue;
    }
    unknownKeys(block, keys, path, report);
    if (block.block_id !== undefined) {
      const id = block.block_id;
      if (typeof id !== 'string' || id.length === 0 || id.length > LIMITS.blockId)
        report(path, 'bad block_id');
      else if (blockIds.has(id)) report(path, `block_id ${JSON.stringify(id)} repeated`);
      else blockIds.add(id);
    }
    switch (block.type) {
      case 'header':
        textObject(block.text, `${path}.text`, LIMITS.header, report, 'plain_text');
        break;
      case 'section': {
        if (block.text === undefined && block.fields === undefined)
          report(path, 'section without text or fields');
        if (block.text !== undefined) textObject(block.text, `${path}.text`, LIMITS.text, report);
        if (block.fields !== undefined) {
          if (
            !Array.isArray(block.fields) ||
            block.fields.length === 0 ||
            block.fields.length > LIMITS.fields
          )
            report(`${path}.fields`, `1 to ${LIMITS.fields} fields`);
          else
            for (const [j, f] of block.fields.entries())
              textObject(f, `${path}.fields[${j}]`, LIMITS.field, report);
        }
        if (block.accessory !== undefined) checkButton(block.accessory, `${path}.accessory`);
        break;
      }
      case 'context': {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > LIMITS.contextElements)
          report(`${path}.elements`, `1 to ${LIMITS.contextElements} elements`);
        else
          for (const [j, e] of elements.entries())
            textObject(e, `${path}.elements[${j}]`, LIMITS.text, report);
        break;
      }
      case 'actions': {
        const elements = block.elements;
        if (!Array.isArray(elements) || elements.length === 0 || elements.length > LIMITS.actionsElements)
          report(`${path}.elements`, `1 to ${LIMITS.actionsElements} elements`);
        else for (const [j, e] of elements.entries()) checkButton(e, `${path}.elements[${j}]`);
        break;
      }
    }
  }
  return problems;
}

function unknownKeys(value: Obj, allowed: readonly string[], path: string, report: Report) {
  for (const key of Object.keys(value)) if (!allowed.includes(key)) report(path, `unexpected key ${key}`);
}

type Report = (path: string, problem: string) => void;

function textObject(value: unknown, path: string, max: number, report: Report, only?: 'plain_text') {
  if (!isObj(value)) return report(path, 'not a text object');
  if (value.type !== 'plain_text' && value.type !== 'mrkdwn')
    return report(path, `text type ${String(value.type)}`);
  if (only && value.type !== only) report(path, `must be ${only}`);
  const text = value.text;
  if (typeof text !== 'string' || text.length === 0) return report(path, 'empty text');
  if (text.length > max) report(path, `text ${text.length} > ${max}`);
  if (value.type === 'plain_text') {
    unknownKeys(value, ['type', 'text', 'emoji'], path, report);
    if (!text.trim()) report(path, 'blank plain_text');
    if (MENTION.test(text)) report(path, 'unbroken @channel/@here/@everyone');
    if (CONTROL.test(text)) report(path, 'control or bidi-override character');
  } else {
    unknownKeys(value, ['type', 'text', 'verbatim'], path, report);
    if (value.verbatim !== true) report(path, 'mrkdwn without verbatim: true (Slack would auto-link names)');
    for (const p of mrkdwnProblems(text)) report(path, p);
  }
}

/** What in a mrkdwn string Slack would read differently from what we meant. */
export function mrkdwnProblems(text: string): string[] {
  const problems: string[] = [];
  const show = (s: string) => JSON.stringify(s.length > 60 ? `${s.slice(0, 60)}…` : s);
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '<') {
      const end = text.indexOf('>', i);
      const inner = end < 0 ? text.slice(i + 1) : text.slice(i + 1, end);
      if (end < 0) problems.push(`unclosed < at ${i}`);
      else if (inner.includes('<')) problems.push(`nested < in ${show(inner)}`);
      else {
        const link = LINK.exec(inner);
        if (link) {
          if (!httpUrl(decodeEntities(link[1]!), LIMITS.url)) problems.push(`bad link url ${show(link[1]!)}`);
          problems.push(...entityProblems(inner));
        } else if (!DATE.test(inner) && !USER.test(inner)) problems.push(`special sequence <${show(inner)}>`);
      }
      i = end < 0 ? text.length : end;
    } else if (c === '>') problems.push(`raw > at ${i}`);
    else if (c === '&' && !ENTITY.test(text.slice(i, i + 5)))
      problems.push(`raw & in ${show(text.slice(i, i + 12))}`);
  }
  if (MENTION.test(text)) problems.push('unbroken @channel/@here/@everyone');
  if (CONTROL.test(text)) problems.push('control or bidi-override character');
  const fences = text.split('```').length - 1;
  if (fences % 2 !== 0) problems.push(`unbalanced code fence (${fences} \`\`\`)`);
  return problems;
}

function entityProblems(text: string): string[] {
  const problems: string[] = [];
  for (let i = text.indexOf('&'); i >= 0; i = text.indexOf('&', i + 1))
    if (!ENTITY.test(text.slice(i, i + 5)))
      problems.push(`raw & in ${JSON.stringify(text.slice(i, i + 12))}`);
  return problems;
}

function httpUrl(url: string, max: number): boolean {
  if (url.length > max) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:';
  } catch {
    return false;
  }
}

const decodeEntities = (text: string) =>
  text.replace(/&(amp|lt|gt);/g, (_, name: string) => (name === 'amp' ? '&' : name === 'lt' ? '<' : '>'));

/** Zero-width and soft-hyphen characters the renderer inserts so nothing pings or formats: unseen. */
const INVISIBLE = /\u200B|\u200D|\u00AD/g;

/** A mrkdwn string as the reader sees it: links as "label (url)", date fallbacks, entities decoded. */
export function readMrkdwn(text: string): string {
  const parts = text.replace(/<([^<>]*)>/g, (whole, inner: string) => {
    if (inner.startsWith('!date^')) return inner.slice(inner.indexOf('|') + 1);
    if (USER.test(inner)) return inner;
    const link = LINK.exec(inner);
    if (!link) return whole;
    const url = link[1]!;
    const label = link[2];
    return label === undefined || label === url ? url : `${label} (${url})`;
  });
  return decodeEntities(parts).replace(INVISIBLE, '');
}

/** Every block of a message as plain text, one line per block (buttons as `[label]`), for assertions. */
export function slackText(message: SlackMessage): string {
  if (message.blocks.length === 0) return readMrkdwn(message.text);
  const text = (t: unknown): string => {
    if (!isObj(t) || typeof t.text !== 'string') return '';
    return t.type === 'mrkdwn' ? readMrkdwn(t.text) : t.text.replace(INVISIBLE, '');
  };
  const lines: string[] = [];
  for (const block of message.blocks as unknown[]) {
    if (!isObj(block)) continue;
    switch (block.type) {
      case 'header':
        lines.push(text(block.text));
        break;
      case 'section':
        if (block.text) lines.push(text(block.text));
        if (Array.isArray(block.fields)) lines.push(...block.fields.map(text));
        if (isObj(block.accessory)) lines.push(`[${text(block.accessory.text)}]`);
        break;
      case 'context':
        if (Array.isArray(block.elements)) lines.push(block.elements.map(text).join(' '));
        break;
      case 'actions':
        if (Array.isArray(block.elements))
          lines.push(block.elements.map((e: unknown) => (isObj(e) ? `[${text(e.text)}]` : '')).join(' '));
        break;
    }
  }
  return lines.join('\n');
}
