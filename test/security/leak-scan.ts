/**
 * Looks for the corpus's secrets in everything the bot wrote: each raw value, the encodings it travels in
 * (URL-encoded, base64, JSON-escaped, Markdown-escaped) and any 16-character run of its secret part, so a
 * token cut short in a preview is caught as well as one printed whole.
 *
 * A hit names where it was found, the corpus item, its formats and which form matched — never the secret:
 * only its first four characters and its length, so a failing test does not print what it guards.
 */
import type { CorpusItem, CorpusSecret } from './leak-corpus.js';

/** Runs of this many characters of a secret's secret part count as a leak (a 64-bit-or-more fragment). */
export const FRAGMENT = 16;
/** Fragments start every STRIDE characters: any leaked run of FRAGMENT + STRIDE - 1 characters is found. */
const STRIDE = 4;
/** Needles are indexed by their first KEY characters; every needle is at least this long. */
const KEY = 12;

interface Needle {
  text: string;
  form: string;
  item: CorpusItem;
  secret: CorpusSecret;
}

export interface LeakHit {
  /** The path that leaked: `slack: chat.postMessage body`, `redis: authdoctor:…:bull:events:12`. */
  where: string;
  item: string;
  formats: string;
  role: string;
  form: string;
  /** Never the secret: its first four characters and length. */
  secret: string;
}

function forms(value: string): [string, string][] {
  const out: [string, string][] = [['raw', value]];
  const add = (form: string, text: string) => {
    if (text.length >= KEY && !out.some(([, t]) => t === text)) out.push([form, text]);
  };
  add('url-encoded', encodeURIComponent(value));
  add('json-escaped', JSON.stringify(value).slice(1, -1));
  const b64 = Buffer.from(value, 'utf8').toString('base64');
  add('base64', b64);
  add('base64', b64.replace(/=+$/, ''));
  add('base64url', Buffer.from(value, 'utf8').toString('base64url'));
  return out;
}

function fragments(secret: CorpusSecret): string[] {
  const start =
    secret.publicPrefix && secret.value.startsWith(secret.publicPrefix) ? secret.publicPrefix.length : 0;
  const body = secret.value.slice(start);
  const out: string[] = [];
  // A fragment may begin inside the public prefix as long as it reaches past it: only text made of the
  // public prefix alone is shown legitimately.
  for (let i = Math.max(0, start - FRAGMENT + 1); i + FRAGMENT <= secret.value.length; i += STRIDE) {
    const piece = secret.value.slice(i, i + FRAGMENT);
    if (i + FRAGMENT > start && !piece.includes('\n')) out.push(piece);
  }
  if (body.length >= FRAGMENT) out.push(secret.value.slice(-FRAGMENT));
  return out;
}

/** Every needle of the corpus, indexed by its first KEY characters. */
export class LeakScanner {
  readonly #index = new Map<string, Needle[]>();
  readonly needles: number;

  constructor(corpus: readonly CorpusItem[]) {
    let count = 0;
    const add = (needle: Needle) => {
      if (needle.text.length < KEY)
        throw new Error(`leak-scan: ${needle.item.id} has a ${needle.secret.role} shorter than ${KEY}`);
      const key = needle.text.slice(0, KEY);
      const list = this.#index.get(key) ?? [];
      if (!list.some((n) => n.text === needle.text && n.item === needle.item)) {
        list.push(needle);
        count += 1;
      }
      this.#index.set(key, list);
    };
    for (const item of corpus)
      for (const secret of item.secrets) {
        for (const [form, text] of forms(secret.value)) add({ text, form, item, secret });
        if (!secret.wholeOnly)
          for (const text of fragments(secret))
            add({ text, form: `${FRAGMENT}-char fragment`, item, secret });
      }
    this.needles = count;
  }

  /** Every corpus secret found in `text`, as written and as a reader of it would see it (`readable`). */
  scan(where: string, text: string): LeakHit[] {
    const hits = new Map<string, LeakHit>();
    const views = new Set([text, readable(text), readable(formDecoded(text))]);
    for (const view of views) {
      for (let i = 0; i + KEY <= view.length; i++) {
        const candidates = this.#index.get(view.slice(i, i + KEY));
        if (!candidates) continue;
        for (const n of candidates) {
          if (!view.startsWith(n.text, i)) continue;
          const hit: LeakHit = {
            where,
            item: n.item.id,
            formats: n.item.formats.join(','),
            role: n.secret.role,
            form: n.form,
            secret: `${n.secret.value.slice(0, 4)}… (${n.secret.value.length} chars)`,
          };
          hits.set(`${hit.item}|${hit.role}|${hit.form}`, hit);
        }
      }
    }
    return [...hits.values()];
  }
}

/**
 * Text with the escapes the renderers add undone, so an escaped secret reads as itself: backslashes
 * (JSON, Discord markdown), Slack's entities and its date-token fallback for `_ * ~ \``, the look-alike
 * characters used in link labels, and zero-width joiners, spaces and soft hyphens.
 */
export function readable(text: string): string {
  return text
    .replace(/<!date\^\d+\^\{_\}\|([^>]{0,4})>/g, '$1')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\u200B|\u200D|\u00AD/g, '')
    .replace(/∗/g, '*')
    .replace(/ˍ/g, '_')
    .replace(/∼/g, '~')
    .replace(/ˋ/g, '`')
    .replace(/\\/g, '');
}

/** A form-encoded body (what Slack's Web API client sends) as the text it carries. */
export function formDecoded(text: string): string {
  return text.replace(/\+/g, ' ').replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
    try {
      return decodeURIComponent(run);
    } catch {
      return run;
    }
  });
}

/** One line per hit for an assertion message: where, item and format, form, and the secret's start. */
export function describeHits(hits: readonly LeakHit[]): string[] {
  return hits.map((h) => `${h.where}: ${h.item} [${h.formats}] ${h.role} as ${h.form} (${h.secret})`);
}
