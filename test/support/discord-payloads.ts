/**
 * What Discord would refuse, or what would ping or spoof, in a message payload: our `DiscordPayload` or the
 * raw JSON body the REST API receives (`content`, `embeds`, `components`, `allowed_mentions`, `flags`,
 * `attachments`; an interaction callback's `{type, data}` is unwrapped). `discordText` flattens a payload
 * into what a reader sees, for assertions.
 */
import { unescapeMarkdown } from '../../adapters/discord/markdown.js';

const LIMITS = {
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
  perRow: 5,
  label: 80,
  customId: 100,
  url: 512,
  fileBytes: 10 * 1024 * 1024,
};

/** Flags a message may carry here: suppress embeds, ephemeral, suppress notifications. */
const ALLOWED_FLAGS = 4 | 64 | 4096;
const BUTTON = 2;
const ACTION_ROW = 1;
const LINK = 5;

type Json = Record<string, unknown>;

const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const len = (v: unknown) => (typeof v === 'string' ? v.length : 0);

/** The message body inside a payload: unwraps `{type, data}` interaction callbacks. */
function body(payload: object): Json {
  const p = payload as Json;
  if (typeof p.type === 'number' && isObject(p.data)) return p.data;
  return p;
}

export function discordPayloadProblems(payload: object): string[] {
  const problems: string[] = [];
  const p = body(payload);

  if (p.content !== undefined && p.content !== null) {
    if (typeof p.content !== 'string') problems.push('content is not a string');
    else if (p.content.length > LIMITS.content)
      problems.push(`content has ${p.content.length} characters (max ${LIMITS.content})`);
  }

  const mentions = p.allowedMentions ?? p.allowed_mentions;
  if (!isObject(mentions)) problems.push('no allowed mentions: user text could ping');
  else {
    if (!Array.isArray(mentions.parse) || mentions.parse.length > 0)
      problems.push('allowed mentions parse is not []');
    for (const key of ['users', 'roles'] as const)
      if (Array.isArray(mentions[key]) && mentions[key].length > 0)
        problems.push(`allowed mentions list ${key}`);
    if (mentions.replied_user === true || mentions.repliedUser === true)
      problems.push('allowed mentions ping the replied-to user');
  }

  if (p.flags !== undefined && p.flags !== null) {
    if (typeof p.flags !== 'number' || !Number.isInteger(p.flags)) problems.push('flags is not an integer');
    else if ((p.flags & ~ALLOWED_FLAGS) !== 0) problems.push(`unexpected flags ${p.flags}`);
  }

  const embeds = p.embeds ?? [];
  if (!Array.isArray(embeds)) problems.push('embeds is not an array');
  else {
    if (embeds.length > LIMITS.embeds) problems.push(`${embeds.length} embeds (max ${LIMITS.embeds})`);
    let total = 0;
    for (const [i, e] of (embeds as unknown[]).entries()) {
      const where = `embed ${i + 1}`;
      if (isObject(e)) total += embedProblems(e, where, problems);
      else problems.push(`${where} is not an object`);
    }
    if (total > LIMITS.embedTotal)
      problems.push(`embeds hold ${total} characters (max ${LIMITS.embedTotal})`);
  }

  const components = p.components ?? [];
  if (!Array.isArray(components)) problems.push('components is not an array');
  else componentProblems(components, problems);

  const files = Array.isArray(p.files) ? p.files : [];
  for (const f of files) {
    if (!isObject(f) || typeof f.name !== 'string' || f.name === '') {
      problems.push('a file without a name');
      continue;
    }
    if (!/^[\w.-]{1,100}$/.test(f.name)) problems.push(`file name ${JSON.stringify(f.name)} is not plain`);
    const size = Buffer.isBuffer(f.data) ? f.data.length : typeof f.data === 'string' ? f.data.length : 0;
    if (size > LIMITS.fileBytes) problems.push(`file ${f.name} has ${size} bytes`);
  }

  const attachments = Array.isArray(p.attachments) ? p.attachments : [];
  const hasContent = typeof p.content === 'string' && p.content.trim() !== '';
  const hasEmbeds = Array.isArray(embeds) && embeds.length > 0;
  const hasComponents = Array.isArray(components) && components.length > 0;
  if (!hasContent && !hasEmbeds && !hasComponents && files.length === 0 && attachments.length === 0)
    problems.push('the message is empty');

  const text = rawText(p);
  if (/@(everyone|here)/i.test(text)) problems.push('an unbroken @everyone or @here');
  return problems;
}

/** Checks one embed and returns the characters it counts towards the message's total. */
function embedProblems(e: Json, where: string, problems: string[]): number {
  const max = (value: unknown, limit: number, what: string) => {
    if (value === undefined) return 0;
    if (typeof value !== 'string') {
      problems.push(`${where} ${what} is not a string`);
      return 0;
    }
    if (value.length > limit) problems.push(`${where} ${what} has ${value.length} characters (max ${limit})`);
    return value.length;
  };
  let total = max(e.title, LIMITS.title, 'title') + max(e.description, LIMITS.description, 'description');
  if (isObject(e.footer)) total += max(e.footer.text, LIMITS.footer, 'footer');
  if (isObject(e.author)) total += max(e.author.name, LIMITS.author, 'author name');
  if (e.color !== undefined && (typeof e.color !== 'number' || e.color < 0 || e.color > 0xffffff))
    problems.push(`${where} colour is not a 24-bit number`);
  if (e.url !== undefined && (typeof e.url !== 'string' || !/^https?:\/\//.test(e.url)))
    problems.push(`${where} url is not http(s)`);
  const fields = e.fields ?? [];
  if (!Array.isArray(fields)) problems.push(`${where} fields is not an array`);
  else {
    if (fields.length > LIMITS.fields)
      problems.push(`${where} has ${fields.length} fields (max ${LIMITS.fields})`);
    for (const [i, f] of (fields as unknown[]).entries()) {
      if (!isObject(f)) {
        problems.push(`${where} field ${i + 1} is not an object`);
        continue;
      }
      if (len(f.name) === 0 || len(f.value) === 0) problems.push(`${where} field ${i + 1} is empty`);
      total += max(f.name, LIMITS.fieldName, `field ${i + 1} name`);
      total += max(f.value, LIMITS.fieldValue, `field ${i + 1} value`);
    }
  }
  if (total === 0) problems.push(`${where} is empty`);
  return total;
}

function componentProblems(rows: unknown[], problems: string[]): void {
  if (rows.length > LIMITS.rows) problems.push(`${rows.length} rows of components (max ${LIMITS.rows})`);
  const ids = new Set<string>();
  for (const [r, row] of rows.entries()) {
    const where = `row ${r + 1}`;
    if (!isObject(row) || row.type !== ACTION_ROW || !Array.isArray(row.components)) {
      problems.push(`${where} is not an action row`);
      continue;
    }
    if (row.components.length === 0 || row.components.length > LIMITS.perRow)
      problems.push(`${where} has ${row.components.length} components (1 to ${LIMITS.perRow})`);
    for (const [i, c] of (row.components as unknown[]).entries()) {
      const what = `${where} button ${i + 1}`;
      if (!isObject(c) || c.type !== BUTTON) {
        problems.push(`${what} is not a button`);
        continue;
      }
      if (typeof c.label !== 'string' || c.label.trim() === '' || c.label.length > LIMITS.label)
        problems.push(`${what} label must be 1 to ${LIMITS.label} characters`);
      if (typeof c.style !== 'number' || c.style < 1 || c.style > 5)
        problems.push(`${what} style is invalid`);
      if (c.style === LINK) {
        if (typeof c.url !== 'string' || !/^https?:\/\//.test(c.url) || c.url.length > LIMITS.url)
          problems.push(`${what} is a link without an http(s) url of at most ${LIMITS.url} characters`);
        if (c.custom_id !== undefined) problems.push(`${what} is a link with a custom_id`);
        continue;
      }
      if (typeof c.custom_id !== 'string' || c.custom_id === '' || c.custom_id.length > LIMITS.customId) {
        problems.push(`${what} custom_id must be 1 to ${LIMITS.customId} characters`);
        continue;
      }
      if (c.url !== undefined) problems.push(`${what} has a url but is not a link`);
      if (ids.has(c.custom_id)) problems.push(`custom_id ${c.custom_id} is used twice`);
      ids.add(c.custom_id);
    }
  }
}

/** Every string a reader sees, as sent (still escaped). */
function rawText(p: Json): string {
  const out: string[] = [];
  if (typeof p.content === 'string') out.push(p.content);
  for (const e of Array.isArray(p.embeds) ? p.embeds : []) {
    if (!isObject(e)) continue;
    if (isObject(e.author) && typeof e.author.name === 'string') out.push(e.author.name);
    if (typeof e.title === 'string') out.push(e.title);
    if (typeof e.description === 'string') out.push(e.description);
    for (const f of Array.isArray(e.fields) ? e.fields : [])
      if (isObject(f)) out.push(String(f.name ?? ''), String(f.value ?? ''));
    if (isObject(e.footer) && typeof e.footer.text === 'string') out.push(e.footer.text);
  }
  for (const row of Array.isArray(p.components) ? p.components : [])
    if (isObject(row) && Array.isArray(row.components))
      for (const c of row.components) if (isObject(c) && typeof c.label === 'string') out.push(c.label);
  return out.join('\n');
}

/**
 * What a reader sees: content, embeds (title, description, fields, footer) and button labels, with
 * markdown escapes undone (code and zero-width characters kept, so a broken `@everyone` stays broken).
 */
export function discordText(payload: object | object[]): string {
  const payloads = Array.isArray(payload) ? payload : [payload];
  return payloads.map((p) => unescapeMarkdown(rawText(body(p)))).join('\n');
}

/** Every custom_id on a payload's buttons, in order. */
export function customIds(payload: object): string[] {
  const p = body(payload);
  const ids: string[] = [];
  for (const row of Array.isArray(p.components) ? p.components : [])
    if (isObject(row) && Array.isArray(row.components))
      for (const c of row.components)
        if (isObject(c) && typeof c.custom_id === 'string') ids.push(c.custom_id);
  return ids;
}
