/**
 * Undo what chat apps, terminals and editors do to a paste before anything tries to parse it, and say what
 * was undone: a user whose quotes were turned into “smart quotes” needs to know their shell saw them too.
 */
import { type Note, note } from './notes.js';

export interface Normalized {
  text: string;
  notes: Note[];
}

const SMART_DOUBLE = /[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB]/g;
const SMART_SINGLE = /[\u2018\u2019\u201A\u201B\u2032]/g;
/** Both kinds, to count them in one pass. */
const SMART_QUOTE = new RegExp(
  `[${SMART_DOUBLE.source.slice(1, -1)}${SMART_SINGLE.source.slice(1, -1)}]`,
  'g',
);
// biome-ignore lint/suspicious/noMisleadingCharacterClass: each of these is stripped on its own, never as a sequence.
const INVISIBLE = /[\u200B\u200C\u200D\u2060\uFEFF\u00AD]/g;
const ODD_SPACES = /[\u00A0\u2000-\u200A\u202F\u205F\u3000]/g;
// Terminal colour codes from a copied `curl -v` or a CI log.
const ANSI = /\u001B\[[0-9;?]{0,32}[A-Za-z]/g;
// C0 controls other than tab and newline; NUL and friends mean the paste was binary or mis-encoded.
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
// Slack wraps links, mentions and channels in angle brackets: <https://x|label>, <@U123>, <!here>, <#C1|name>.
const SLACK_TOKEN =
  /<((?:https?|mailto|ftp):[^<>|\s]{1,4000}|[@!#][A-Za-z0-9^_-]{1,64})(?:\|([^<>\n]{0,4000}))?>/g;
const FENCE_LINE = /^\s{0,3}(`{3,}|~{3,})\s{0,4}[\w+.-]{0,30}\s{0,4}$/;
const COMMAND_WORD = /^[A-Za-z./\\][\w./\\-]{0,63}(?:\s|$)/;
const PROMPT =
  /^(?:\$|%|>>>|❯|➜|>(?= {1,4}(?:curl|wget|https?|Invoke-WebRequest|Invoke-RestMethod|iwr|irm)\b)|PS(?: [^>\n]{0,200})?>|[A-Za-z]:\\[^>\n]{0,200}>|[\w.-]{1,64}@[\w.-]{1,64}:[^\s$#]{0,200}[$#]) {1,4}(?=\S)/gm;
const FENCE_LANGS =
  'bash|sh|shell|zsh|console|terminal|powershell|pwsh|ps1|ps|cmd|bat|http|json|jsonc|js|ts|jsx|tsx|javascript|typescript|python|py|java|kotlin|kt|go|csharp|cs|php|ruby|rb|text|txt|log|yaml|yml|ini|env|dotenv|xml|html';
const FENCE_LANG_PREFIX = new RegExp(`^(?:${FENCE_LANGS})[ \\t]`);
/** Mentions at the start of a line, tried only where a line starts with `<@`. */
const LEADING_MENTION = /(?:<@!?[A-Z0-9]{2,32}>[ \t]*)+/y;
const ENTITY = /&(?:lt|gt|quot|#39|#x27|amp);/g;
const ENTITIES: Record<string, string> = {
  '&lt;': '<',
  '&gt;': '>',
  '&quot;': '"',
  '&#39;': "'",
  '&#x27;': "'",
  '&amp;': '&',
};
/**
 * Anything but printable ASCII, tab and newline. Every character-level fix here (controls, typographic
 * quotes and dashes, invisible and odd spaces) needs such a character, and no step adds one: most pastes
 * have none, and this one search lets them skip all of those passes.
 */
const UNUSUAL_CHAR = /[^\t\n\x20-\x7E]/;

/** Kinds of unusual character, as bits: a fix runs only when the paste holds a character it fixes. */
const CONTROL_BIT = 1;
const SMART_BIT = 2;
const DASH_BIT = 4;
const INVISIBLE_BIT = 8;
const ODD_SPACE_BIT = 16;
const ALL_BITS = 31;
/** Past this many unusual characters (prose in another script), every fix just runs. */
const MAX_CENSUS = 256;
// Carriage returns are left out: no fix below counts them, and a Windows paste has one per line.
const UNUSUAL_CHARS = /[^\t\n\r\x20-\x7E]/g;

/**
 * Which kinds of unusual character `text` holds. Every step of `normalize` only removes characters or
 * writes ASCII, so a kind absent here stays absent: its count would be 0, and its pass over the whole
 * paste can be skipped.
 */
function census(text: string): number {
  let bits = 0;
  let seen = 0;
  UNUSUAL_CHARS.lastIndex = 0;
  for (let m = UNUSUAL_CHARS.exec(text); m !== null; m = UNUSUAL_CHARS.exec(text)) {
    bits |= kindOf(m[0].charCodeAt(0));
    if (bits === ALL_BITS || ++seen >= MAX_CENSUS) return ALL_BITS;
  }
  return bits;
}

/** The kind of an unusual character, matching the classes of the patterns above. */
function kindOf(c: number): number {
  if (c <= 0x1f || c === 0x7f) return CONTROL_BIT;
  switch (c) {
    case 0x201c:
    case 0x201d:
    case 0x201e:
    case 0x201f:
    case 0x2033:
    case 0x00ab:
    case 0x00bb:
    case 0x2018:
    case 0x2019:
    case 0x201a:
    case 0x201b:
    case 0x2032:
      return SMART_BIT;
    case 0x2014:
    case 0x2013:
    case 0x2012:
    case 0x2212:
      return DASH_BIT;
    case 0x200b:
    case 0x200c:
    case 0x200d:
    case 0x2060:
    case 0xfeff:
    case 0x00ad:
      return INVISIBLE_BIT;
    case 0x00a0:
    case 0x202f:
    case 0x205f:
    case 0x3000:
      return ODD_SPACE_BIT;
    default:
      return c >= 0x2000 && c <= 0x200a ? ODD_SPACE_BIT : 0;
  }
}

export function normalize(input: string): Normalized {
  const notes: Note[] = [];
  const unusual = UNUSUAL_CHAR.test(input) ? census(input) : 0;
  // Colour codes first: their ESC byte would otherwise count as binary junk.
  let text = input.includes('\u001B') ? input.replace(ANSI, '') : input;

  const controls = unusual & CONTROL_BIT ? count(text, CONTROL) : 0;
  if (controls > 0) {
    const binary = controls > 8 || text.includes('\u0000');
    text = text.replace(CONTROL, binary ? ' ' : '');
    notes.push(
      binary
        ? note(
            'normalize.binary',
            `The paste contains ${controls} binary control characters; I read it as text and ignored them. If you meant to share a file, attach it as text (a .har, .txt or .log file).`,
          )
        : note('normalize.control_chars', `Removed ${controls} invisible control characters.`),
    );
  }
  if (text.includes('\r')) {
    text = text.replace(/\r\n?/g, '\n');
    notes.push(
      note('normalize.line_endings', 'Windows line endings (CRLF) were converted to plain newlines.'),
    );
  }

  let mentions = 0;
  if (text.includes('<@')) {
    const stripped = stripMentions(text);
    text = stripped.text;
    mentions = stripped.count;
  }
  let links = 0;
  if (text.includes('<')) {
    text = text.replace(SLACK_TOKEN, (_m, target: string, label: string | undefined) => {
      links++;
      if (target.startsWith('mailto:')) return target.slice('mailto:'.length);
      if (target[0] === '#' && label) return `#${label}`;
      if (target[0] === '!') return `@${target.slice(1)}`;
      return target;
    });
  }
  if (links > 0) {
    notes.push(
      note(
        'normalize.chat_links',
        `Unwrapped ${links} chat-formatted link${links === 1 ? '' : 's'} (<url|label>).`,
      ),
    );
  }
  if (mentions > 0) text = text.replace(/^[ \t]+(?=\S)/, '');

  if (text.includes('&') && /&(?:amp|lt|gt|quot|#39|#x27);/.test(text)) {
    // One pass for all five: decoding never makes another entity, except `&amp;` whose result is not re-read.
    text = text.replace(ENTITY, (entity) => ENTITIES[entity] ?? entity);
    notes.push(note('normalize.html_entities', 'Decoded &amp; &lt; &gt; that the chat app escaped.'));
  }

  const fences = text.includes('`') || text.includes('~~~') ? stripFences(text) : { text, removed: 0 };
  if (fences.removed > 0) {
    text = fences.text;
    notes.push(
      note('normalize.code_fences', 'Removed Markdown code fences and inline backticks around the paste.'),
    );
  }

  const smart = unusual & SMART_BIT ? count(text, SMART_QUOTE) : 0;
  if (smart > 0) {
    text = text.replace(SMART_DOUBLE, '"').replace(SMART_SINGLE, "'");
    notes.push(
      note(
        'normalize.smart_quotes',
        `Replaced ${smart} typographic quote${smart === 1 ? '' : 's'} (“ ” ‘ ’) with straight quotes. A shell treats “ and ” as ordinary characters, so a command copied from a chat or a document with these quotes sends them as part of the header or token: retype the quotes.`,
      ),
    );
  }

  const dashes = unusual & DASH_BIT ? fixDashes(text) : { text, count: 0 };
  if (dashes.count > 0) {
    text = dashes.text;
    notes.push(
      note(
        'normalize.dashes',
        `Replaced ${dashes.count} dash${dashes.count === 1 ? '' : 'es'} (— or –) in front of an option with "--": chat apps and word processors turn "--" into a long dash, and curl then sees a URL instead of an option.`,
      ),
    );
  }

  const invisible = unusual & INVISIBLE_BIT ? count(text, INVISIBLE) : 0;
  if (invisible > 0) {
    text = text.replace(INVISIBLE, '');
    notes.push(
      note(
        'normalize.invisible_chars',
        `Removed ${invisible} zero-width character${invisible === 1 ? '' : 's'}. Copied into a token or header, they make it invalid while looking identical.`,
      ),
    );
  }
  const spaces = unusual & ODD_SPACE_BIT ? count(text, ODD_SPACES) : 0;
  if (spaces > 0) {
    text = text.replace(ODD_SPACES, ' ');
    notes.push(
      note(
        'normalize.nbsp',
        `Replaced ${spaces} non-breaking or unusual space${spaces === 1 ? '' : 's'} with plain spaces.`,
      ),
    );
  }

  const prompts = stripPrompts(text);
  if (prompts.count > 0) {
    text = prompts.text;
    notes.push(note('normalize.prompt', 'Removed the shell prompt ($, PS>, …) in front of the command.'));
  }

  return { text, notes };
}

function count(text: string, re: RegExp): number {
  let n = 0;
  re.lastIndex = 0;
  for (const _ of text.matchAll(re)) n++;
  return n;
}

/**
 * Removes `<@U123>` mentions that open a line, as `/^(?:<@…>[ \t]*)+/gm` would, but tries the pattern
 * only where `<@` starts a line instead of at every position of the paste.
 */
function stripMentions(text: string): { text: string; count: number } {
  let count = 0;
  let out = '';
  let last = 0;
  for (let at = text.indexOf('<@'); at !== -1; at = text.indexOf('<@', Math.max(at + 1, last))) {
    if (at > 0 && !isLineTerminator(text.charCodeAt(at - 1))) continue;
    LEADING_MENTION.lastIndex = at;
    const m = LEADING_MENTION.exec(text);
    if (m === null) continue;
    count++;
    out += text.slice(last, at);
    last = at + m[0].length;
  }
  return count === 0 ? { text, count } : { text: out + text.slice(last), count };
}

/** Where a `^` under the `m` flag may match after: LF, CR, LS, PS. */
function isLineTerminator(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x2028 || c === 0x2029;
}

/** Fence lines go; so do backticks wrapping a whole line or a whole one-line paste (`curl …`). */
function stripFences(text: string): { text: string; removed: number } {
  let removed = 0;
  const out: string[] = [];
  for (const line of text.split('\n')) {
    // Every change below needs a backtick or `~~~` on the line: most lines of a long paste have neither.
    if (!line.includes('`') && !line.includes('~~~')) {
      out.push(line);
      continue;
    }
    if (FENCE_LINE.test(line)) {
      removed++;
      continue;
    }
    let current = line;
    // ```curl -v https://x``` on one line, or a fence opened on the first content line.
    const lead = current.length - current.trimStart().length;
    if (current.startsWith('```', lead)) {
      let body = current.slice(lead + 3);
      const lang = FENCE_LANG_PREFIX.exec(body);
      if (lang) body = body.slice(lang[0].length);
      current = current.slice(0, lead) + body;
      removed++;
    }
    if (current.trimEnd().endsWith('```')) {
      current = current.trimEnd().slice(0, -3);
      removed++;
    }
    const trimmed = current.trim();
    if (
      trimmed.length > 2 &&
      trimmed.startsWith('`') &&
      trimmed.endsWith('`') &&
      !trimmed.slice(1, -1).includes('`')
    ) {
      current = current.replace('`', '').replace(/`(\s*)$/, '$1');
      removed++;
    }
    out.push(current);
  }
  // Every change counts as a removal: with none, the lines join back into the same text.
  return removed === 0 ? { text, removed } : { text: out.join('\n'), removed };
}

function fixDashes(text: string): { text: string; count: number } {
  let n = 0;
  const fixed = text.replace(
    /(^|[ \t])([\u2014\u2013\u2012\u2212])([A-Za-z][A-Za-z0-9-]*)/gm,
    (_m, pre, dash, word) => {
      n++;
      // An en dash before one letter was most likely "-H"; anything longer was "--header".
      const single = dash !== '\u2014' && word.length === 1;
      return `${pre}${single ? '-' : '--'}${word}`;
    },
  );
  return { text: fixed, count: n };
}

// Every prompt ends in one of these characters and a space: one quick search spares most pastes the
// line-anchored pattern, which is tried at every position.
const PROMPT_END = /[$%>#❯➜] /;

function stripPrompts(text: string): { text: string; count: number } {
  if (!PROMPT_END.test(text)) return { text, count: 0 };
  let n = 0;
  const out = text.replace(PROMPT, (prompt: string, offset: number) => {
    // "$ " in front of a word is a prompt; "$TOKEN" or "$ 5" in prose is not, so require a command-ish word.
    if (!COMMAND_WORD.test(text.slice(offset + prompt.length, offset + prompt.length + 80))) return prompt;
    n++;
    return '';
  });
  return { text: out, count: n };
}
