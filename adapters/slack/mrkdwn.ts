/**
 * Slack mrkdwn from untrusted text. Slack parses `<…>` (mentions, links, `<!channel>`) and the entities
 * `&amp; &lt; &gt;` in every mrkdwn text, and has no escape for its formatting characters, so:
 * - `&`, `<`, `>` become entities everywhere outside the link syntax we write ourselves;
 * - `@channel`, `@here`, `@everyone` get a zero-width joiner after the `@` (callers also set `verbatim`);
 * - a `*`, `_`, `~` or stray backtick that could open or close formatting is written as the fallback of an
 *   invalid date token (`<!date^00000000^{_}|*>`): Slack shows the fallback as literal text and, unlike a
 *   zero-width space (which Slack treats as a word break and so *enables* formatting), the reader copies the
 *   real character. Markers inside a word (`YOUR_API_KEY`) never format, so they stay as they are;
 * - `inline code` spans stay code; a line starting with `>` gets a soft hyphen so it is not a quote;
 * - control and bidirectional-override characters are dropped, so nothing can reorder what is shown.
 * Every function here works line by line: the escape of a text is the escapes of its lines joined by `\n`,
 * which is what lets long text be cut at line boundaries and measured after escaping.
 */

const ZWJ = '\u200D';
const ZWSP = '\u200B';
const SOFT_HYPHEN = '\u00AD';

/** C0/C1 controls except tab and newline, and the bidi embedding/override/isolate characters. */
const UNSAFE_CHARS = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/g;
const HAS_UNSAFE_CHAR = /[\u0000-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069]/;
const MENTION = /@(channel|here|everyone)/gi;
const WORD = /[\p{L}\p{N}]/u;
const INLINE_CODE = /`([^`\n]+)`/g;

/** An invalid date format: Slack renders the fallback after `|` as plain, unformatted text. */
const literal = (char: string) => `<!date^00000000^{_}|${char}>`;

/** Shown instead of a formatting character where the date fallback cannot go (inside a link label). */
const LOOKALIKE: Record<string, string> = { '*': '∗', _: 'ˍ', '~': '∼', '`': 'ˋ' };

export function clean(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(UNSAFE_CHARS, '');
}

/** Slack's three entities: what turns `<…>` and `&` in user words into plain text. */
export const entities = (text: string) =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export const breakMentions = (text: string) => text.replace(MENTION, `@${ZWJ}$1`);

/** Text outside code spans: entities, then formatting characters that sit at a word boundary. */
function prose(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '&' || c === '<' || c === '>') out += entities(c);
    else if (c === '`') out += literal(c);
    else if (c === '*' || c === '_' || c === '~') {
      const inWord = WORD.test(text[i - 1] ?? '') && WORD.test(text[i + 1] ?? '');
      out += inWord ? c : literal(c);
    } else out += c;
  }
  return breakMentions(out);
}

function escapeLine(line: string): string {
  let out = '';
  let last = 0;
  for (const match of line.matchAll(INLINE_CODE)) {
    out += prose(line.slice(last, match.index));
    out += `\`${breakMentions(entities(match[1]!))}\``;
    last = match.index + match[0].length;
  }
  out += prose(line.slice(last));
  return /^\s*(?:&gt;|＞)/.test(out) ? `${SOFT_HYPHEN}${out}` : out;
}

/** User-supplied (or user-derived) text as mrkdwn that shows exactly that text, `inline code` as code. */
export function escapeMrkdwn(text: string): string {
  return clean(text).split('\n').map(escapeLine).join('\n');
}

/**
 * For the message's top-level fallback `text` (notifications): nothing can ping, link or open a fence, but
 * formatting characters are left alone, since date tokens read badly where a client shows the text raw.
 */
export function escapeFallback(text: string): string {
  return breakBackticks(breakMentions(entities(clean(text))));
}

/** The inside of a ``` fence: no run of backticks can close it early. */
export function escapeCode(text: string): string {
  return breakBackticks(breakMentions(entities(clean(text))));
}

const breakBackticks = (text: string) => text.replace(/`(?=`)/g, `\`${ZWSP}`);

export const fence = (escapedCode: string) => `\`\`\`\n${escapedCode}\n\`\`\``;
export const FENCE_OVERHEAD = fence('').length;

/** Plain text (headers, button labels): Slack never parses it, but mentions are broken all the same. */
export function plainText(text: string, max: number): string {
  const flat = breakMentions(clean(text).replace(/\s+/g, ' ').trim());
  return truncate(flat, max) || '…';
}

/** At most `max` UTF-16 units, never cutting a surrogate pair, with `…` when cut. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${cutAt(text, max - 1)}…`;
}

/** The first `n` UTF-16 units, one fewer when that would split a surrogate pair. */
function cutAt(text: string, n: number): string {
  const code = text.charCodeAt(n - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? n - 1 : n);
}

/** A URL we put in `<url|label>`: http(s), parseable, nothing Slack reads as markup (`|<>`, backticks). */
export function safeUrl(url: string): string | undefined {
  if (url.length > 2000 || /[\s|<>`]/.test(url) || HAS_UNSAFE_CHAR.test(url)) return undefined;
  // A mention inside a link is not known to ping, but nothing says it cannot: such a URL is shown as text.
  if (/@(?:channel|here|everyone)/i.test(url)) return undefined;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Longer links are shown as text, cut like any text, so one link can never outgrow a section. */
const MAX_LINK = 1500;

/** `<url|label>` for a URL we link (see safeUrl); undefined for any other, which callers show as text. */
export function link(url: string, label: string): string | undefined {
  const safe = safeUrl(url);
  if (!safe) return undefined;
  const shown = truncate(clean(label).replace(/\s+/g, ' ').trim(), 200) || url;
  // The date-token escape does not work inside a link label: formatting characters become lookalikes.
  const text = breakMentions(entities(shown)).replace(/[*_~`]/g, (c) => LOOKALIKE[c]!);
  const out = `<${safe.replace(/&/g, '&amp;')}|${text}>`;
  return out.length <= MAX_LINK ? out : undefined;
}

/** A URL as a short label: host and path, or host and last path segment when the path is long. */
export function urlLabel(url: string): string {
  const bare = url.replace(/^https?:\/\//, '').replace(/\/$/, '');
  if (bare.length <= 60) return bare;
  const slash = bare.indexOf('/');
  const last = bare.slice(bare.lastIndexOf('/') + 1);
  return slash < 0 || !last ? truncate(bare, 60) : truncate(`${bare.slice(0, slash)}/…/${last}`, 80);
}

/**
 * One line of a section: `lead` and `tail` are our own mrkdwn (bold markers, bullets), `raw` the text to
 * escape; `indent` starts the raw text's further lines (a list item's continuation).
 */
export interface Line {
  lead?: string;
  raw?: string;
  tail?: string;
  indent?: string;
}

/**
 * Lines as mrkdwn texts of at most `limit` characters each: packed whole where they fit, a line too long
 * on its own cut at a space (or anywhere, for a space-less run) so that every piece fits once escaped.
 */
export function packLines(lines: readonly Line[], limit: number): string[] {
  const rendered: string[] = [];
  for (const line of lines) {
    const lead = line.lead ?? '';
    const tail = line.tail ?? '';
    const indent = line.indent ?? '';
    const rawLines = clean(line.raw ?? '').split('\n');
    rawLines.forEach((raw, i) => {
      const head = i === 0 ? lead : indent;
      const end = i === rawLines.length - 1 ? tail : '';
      // Leads and tails are short labels of ours; the floor only keeps a one-character piece possible.
      const pieces = splitEscaped(raw, Math.max(limit - head.length - end.length, MIN_PIECE), escapeLine);
      pieces.forEach((piece, j) => {
        rendered.push(`${j === 0 ? head : ''}${piece}${j === pieces.length - 1 ? end : ''}`);
      });
    });
  }
  return pack(rendered, limit);
}

/** Escaped lines joined with `\n` into as few texts of at most `limit` characters as fit. */
export function pack(rendered: readonly string[], limit: number): string[] {
  const out: string[] = [];
  let current: string | undefined;
  for (const line of rendered) {
    if (current !== undefined && current.length + 1 + line.length <= limit) current += `\n${line}`;
    else {
      if (current !== undefined) out.push(current);
      current = line;
    }
  }
  if (current !== undefined) out.push(current);
  return out;
}

/** The longest escape of one character (a date-token literal) fits in any piece. */
const MIN_PIECE = literal('*').length + 2;

/**
 * One raw line cut into pieces whose escapes are each at most `limit` long (`limit` >= MIN_PIECE). Clean
 * text never gets shorter when escaped, so no piece longer than `limit` raw characters can fit; the longest
 * that does is found by halving, then moved back to a space in its second half when there is one.
 */
export function splitEscaped(raw: string, limit: number, escapeRaw: (s: string) => string): string[] {
  const whole = escapeRaw(raw);
  if (whole.length <= limit) return [whole];
  const out: string[] = [];
  let rest = raw;
  while (rest.length > 0) {
    const all = escapeRaw(rest);
    if (all.length <= limit) {
      out.push(all);
      break;
    }
    let lo = 1;
    let hi = Math.min(rest.length, limit);
    while (lo < hi) {
      const mid = Math.ceil((lo + hi) / 2);
      if (escapeRaw(cutAt(rest, mid)).length <= limit) lo = mid;
      else hi = mid - 1;
    }
    // A lone surrogate pair at the start: cutAt(…, 1) would be empty.
    let piece = cutAt(rest, lo) || rest.slice(0, 2);
    const space = piece.lastIndexOf(' ');
    if (space > piece.length / 2) piece = piece.slice(0, space + 1);
    out.push(escapeRaw(piece));
    rest = rest.slice(piece.length);
  }
  return out;
}
