/**
 * Discord markdown for text that may hold what a user pasted. discord.js's `escapeMarkdown` is not enough
 * here: it leaves `-#` subtext, `>` quotes, `<@id>` / `<@&id>` / `<#id>` mentions and `@everyone` alone,
 * with `maskedLink: true` it only escapes the first of two masked links on a line, and its italic and
 * underline patterns use unbounded lookbehinds that take seconds on a long unbroken line (a 40 KB token).
 * So this is a single linear pass of our own: a backslash before every character that can start markup,
 * line-start constructs escaped wherever a line starts, bare http(s) URLs left clickable (a backslash in
 * them would end up in the link), and `@everyone` / `@here` broken with a zero-width joiner even in code.
 */

const ZWJ = '\u200D';
const ZWSP = '\u200B';

/** Characters that start inline markup anywhere on a line (`<` covers mentions, emoji, timestamps). */
const INLINE = new Set(['\\', '*', '_', '~', '|', '`', '[', ']', '<', '>']);
/** Characters that start a block (heading, subtext, quote, list) when they open a line. */
const LINE_START = new Set(['#', '>', '-', '+', '*']);
/** Inside a bare URL only these could still turn into markup if Discord does not take it for a link. */
const IN_URL = new Set(['[', ']', '`', '\\']);
/** Bidirectional overrides and isolates: they can make a URL read as another. */
const BIDI = /[\u202A-\u202E\u2066-\u2069]/g;
const MASS_MENTION = /@(everyone|here)/gi;
const URL_START = /^https?:\/\//i;
const URL_CHAR = /[^\s<>]/;
const DIGIT = /\d/;

/** What every piece of user text gets, code included: no mass mention, no direction tricks. */
export function neutralise(text: string): string {
  return text.replace(BIDI, '').replace(MASS_MENTION, `@${ZWJ}$1`);
}

/**
 * Plain text as inert Discord markdown. `lineStart` says whether the text begins a line in the message;
 * callers that cannot know pass true (an extra escape is invisible).
 */
export function escapeText(text: string, lineStart = true): string {
  const src = neutralise(text.replace(/\r\n?/g, '\n'));
  let out = '';
  let atLine = lineStart;
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '\n') {
      out += ch;
      atLine = true;
      i += 1;
      continue;
    }
    if (atLine) {
      // Up to a few spaces may precede a block marker; keep them and escape the marker.
      if (ch === ' ' || ch === '\t') {
        out += ch;
        i += 1;
        continue;
      }
      atLine = false;
      if (LINE_START.has(ch)) {
        out += `\\${ch}`;
        i += 1;
        continue;
      }
      if (DIGIT.test(ch)) {
        let j = i;
        while (j < src.length && DIGIT.test(src[j]!)) j += 1;
        out += src.slice(i, j);
        if (src[j] === '.' || src[j] === ')') {
          out += `\\${src[j]}`;
          j += 1;
        }
        i = j;
        continue;
      }
    }
    if ((ch === 'h' || ch === 'H') && URL_START.test(src.slice(i, i + 8)) && !wordBefore(src, i)) {
      let j = i;
      while (j < src.length && URL_CHAR.test(src[j]!)) j += 1;
      for (const c of src.slice(i, j)) out += IN_URL.has(c) ? `\\${c}` : c;
      i = j;
      continue;
    }
    out += INLINE.has(ch) ? `\\${ch}` : ch;
    i += 1;
  }
  return out;
}

function wordBefore(src: string, i: number): boolean {
  const prev = src[i - 1];
  return prev !== undefined && /[A-Za-z0-9]/.test(prev);
}

const CODE_SPAN = /`([^`\n]+)`/g;

/**
 * Text in the reply model's one markup, `inline code`: the spans stay code (verbatim apart from mass
 * mentions), everything around them is escaped. An unpaired backtick is just a character.
 */
export function escapeInline(text: string, lineStart = true): string {
  const src = text.replace(/\r\n?/g, '\n');
  let out = '';
  let last = 0;
  for (const m of src.matchAll(CODE_SPAN)) {
    const before = src.slice(last, m.index);
    out += escapeText(before, last === 0 ? lineStart : before.startsWith('\n'));
    out += `\`${neutralise(m[1]!)}\``;
    last = m.index + m[0].length;
  }
  const rest = src.slice(last);
  out += escapeText(rest, last === 0 ? lineStart : rest.startsWith('\n'));
  return out;
}

/** Code content that cannot close its fence: a zero-width space between any two adjacent backticks. */
export function codeContent(text: string): string {
  return neutralise(text.replace(/\r\n?/g, '\n')).replace(/`(?=`)/g, `\`${ZWSP}`);
}

const LANGUAGE = /^[A-Za-z0-9_+.#-]{1,20}$/;

/** Wraps content already made safe by `codeContent` in fences. */
export function fenced(body: string, language?: string): string {
  const lang = language && LANGUAGE.test(language) ? language : '';
  return `\`\`\`${lang}\n${body === '' ? ' ' : body}\n\`\`\``;
}

export function codeBlock(text: string, language?: string): string {
  return fenced(codeContent(text), language);
}

/** The fences and language line a code block adds around its content. */
export function codeOverhead(language?: string): number {
  return fenced('', language).length - 1;
}

/** An http(s) URL as it can go inside `(<…>)`, or undefined for anything else (javascript:, credentials in it). */
export function safeUrl(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url.trim());
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return undefined;
  if (parsed.username || parsed.password) return undefined;
  const href = parsed.href.replace(/\(/g, '%28').replace(/\)/g, '%29');
  return href.length <= 1024 ? href : undefined;
}

/**
 * A masked link with an escaped label; the angle brackets stop Discord from unfurling a preview. A URL
 * that is not http(s) is shown as text, never as a link.
 */
export function maskedLink(label: string, url: string): string {
  const href = safeUrl(url);
  const shown = escapeText(truncate(label.replace(/\s+/g, ' ').trim() || url, 100), false);
  if (!href) return `${shown} (${escapeText(truncate(url, 200), false)})`;
  return `[${shown}](<${href}>)`;
}

/** A short readable label for a bare URL: host, last path segment, fragment. */
export function urlLabel(url: string): string {
  try {
    const u = new URL(url);
    const segment = u.pathname.split('/').filter(Boolean).at(-1);
    return truncate(`${u.host}${segment ? ` › ${segment}` : ''}${u.hash ? ` ${u.hash}` : ''}`, 80);
  } catch {
    return truncate(url, 80);
  }
}

/** Cuts to `max` characters with an ellipsis, never inside a surrogate pair. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${cutAt(text, max - 1)}…`;
}

export function cutAt(text: string, at: number): string {
  const code = text.charCodeAt(at - 1);
  return text.slice(0, code >= 0xd800 && code <= 0xdbff ? at - 1 : at);
}

/**
 * Renders a prefix of `raw` that fits `max` once rendered, with `suffix` (rendered as is) when anything was
 * cut. Rendering only ever adds characters, so the raw text is first cut to `max` and shrunk from there.
 */
export function fitRendered(
  raw: string,
  max: number,
  render: (raw: string) => string,
  suffix = '…',
): { text: string; cut: boolean } {
  const whole = raw.length <= max ? render(raw) : undefined;
  if (whole !== undefined && whole.length <= max) return { text: whole, cut: false };
  let keep = Math.max(0, Math.min(raw.length, max - suffix.length));
  for (;;) {
    const text = `${render(cutAt(raw, keep))}${suffix}`;
    if (text.length <= max || keep === 0) return { text: text.length <= max ? text : suffix, cut: true };
    keep = Math.max(
      0,
      Math.min(keep - 1, Math.floor((keep * (max - suffix.length)) / (text.length - suffix.length))),
    );
  }
}

/**
 * Renders a line too long for `max` as several pieces that each fit, cut at a space where there is one.
 * A piece is first tried at `max` raw characters and shrunk in proportion when rendering grows it; it
 * never needs to go below `max / 2`, since rendering at most doubles a character.
 */
export function splitRendered(line: string, max: number, render: (raw: string) => string): string[] {
  const pieces: string[] = [];
  let rest = line;
  while (rest.length > 0) {
    let size = Math.min(rest.length, Math.max(1, max));
    for (;;) {
      let at = size;
      if (at < rest.length) {
        const space = rest.lastIndexOf(' ', at);
        if (space > at / 2) at = space;
      }
      const piece = cutAt(rest, at) || rest.slice(0, 1);
      const rendered = render(piece);
      if (rendered.length <= max || piece.length === 1) {
        pieces.push(rendered);
        rest = rest.slice(piece.length);
        break;
      }
      size = Math.min(
        piece.length - 1,
        Math.max(Math.floor(max / 2), Math.floor((piece.length * max) / rendered.length)),
      );
    }
  }
  return pieces;
}

/**
 * Undoes the escaping for reading: what a user sees, as plain text (code kept verbatim, zero-width
 * characters kept, so a broken `@everyone` stays broken). For test assertions and fallbacks.
 */
export function unescapeMarkdown(markdown: string): string {
  let out = '';
  let i = 0;
  while (i < markdown.length) {
    if (markdown.startsWith('```', i)) {
      const end = markdown.indexOf('```', i + 3);
      const stop = end === -1 ? markdown.length : end + 3;
      out += markdown.slice(i, stop);
      i = stop;
      continue;
    }
    const ch = markdown[i]!;
    if (ch === '`') {
      const end = markdown.indexOf('`', i + 1);
      const newline = markdown.indexOf('\n', i + 1);
      if (end !== -1 && (newline === -1 || end < newline)) {
        out += markdown.slice(i, end + 1);
        i = end + 1;
        continue;
      }
    }
    if (ch === '\\' && i + 1 < markdown.length && /[!-/:-@[-`{-~]/.test(markdown[i + 1]!)) {
      out += markdown[i + 1];
      i += 2;
      continue;
    }
    out += ch;
    i += 1;
  }
  return out;
}
