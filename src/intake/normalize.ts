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
const LEADING_MENTION = /^(?:<@!?[A-Z0-9]{2,32}>[ \t]*)+/gm;
/**
 * Anything but printable ASCII, tab and newline. Every character-level fix here (controls, typographic
 * quotes and dashes, invisible and odd spaces) needs such a character, and no step adds one: most pastes
 * have none, and this one search lets them skip all of those passes.
 */
const UNUSUAL_CHAR = /[^\t\n\x20-\x7E]/;

export function normalize(input: string): Normalized {
  const notes: Note[] = [];
  const unusual = UNUSUAL_CHAR.test(input);
  // Colour codes first: their ESC byte would otherwise count as binary junk.
  let text = input.includes('\u001B') ? input.replace(ANSI, '') : input;

  const controls = unusual ? count(text, CONTROL) : 0;
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
    text = text.replace(LEADING_MENTION, () => {
      mentions++;
      return '';
    });
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
    text = text
      .replace(/&lt;/g, '<')
      .replace(/&gt;/g, '>')
      .replace(/&quot;/g, '"')
      .replace(/&#(?:39|x27);/g, "'")
      .replace(/&amp;/g, '&');
    notes.push(note('normalize.html_entities', 'Decoded &amp; &lt; &gt; that the chat app escaped.'));
  }

  const fences = text.includes('`') || text.includes('~~~') ? stripFences(text) : { text, removed: 0 };
  if (fences.removed > 0) {
    text = fences.text;
    notes.push(
      note('normalize.code_fences', 'Removed Markdown code fences and inline backticks around the paste.'),
    );
  }

  const smart = unusual ? count(text, SMART_DOUBLE) + count(text, SMART_SINGLE) : 0;
  if (smart > 0) {
    text = text.replace(SMART_DOUBLE, '"').replace(SMART_SINGLE, "'");
    notes.push(
      note(
        'normalize.smart_quotes',
        `Replaced ${smart} typographic quote${smart === 1 ? '' : 's'} (“ ” ‘ ’) with straight quotes. A shell treats “ and ” as ordinary characters, so a command copied from a chat or a document with these quotes sends them as part of the header or token: retype the quotes.`,
      ),
    );
  }

  const dashes = unusual ? fixDashes(text) : { text, count: 0 };
  if (dashes.count > 0) {
    text = dashes.text;
    notes.push(
      note(
        'normalize.dashes',
        `Replaced ${dashes.count} dash${dashes.count === 1 ? '' : 'es'} (— or –) in front of an option with "--": chat apps and word processors turn "--" into a long dash, and curl then sees a URL instead of an option.`,
      ),
    );
  }

  const invisible = unusual ? count(text, INVISIBLE) : 0;
  if (invisible > 0) {
    text = text.replace(INVISIBLE, '');
    notes.push(
      note(
        'normalize.invisible_chars',
        `Removed ${invisible} zero-width character${invisible === 1 ? '' : 's'}. Copied into a token or header, they make it invalid while looking identical.`,
      ),
    );
  }
  const spaces = unusual ? count(text, ODD_SPACES) : 0;
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

/** Fence lines go; so do backticks wrapping a whole line or a whole one-line paste (`curl …`). */
function stripFences(text: string): { text: string; removed: number } {
  let removed = 0;
  const out: string[] = [];
  for (const line of text.split('\n')) {
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
  return { text: out.join('\n'), removed };
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
