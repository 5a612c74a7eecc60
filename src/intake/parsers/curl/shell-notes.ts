/**
 * Notes about what the shell did to a value before curl saw it. These decide many 401s on their own: a
 * single-quoted `$TOKEN` is sent as six literal characters, an unset variable as nothing.
 */
import { type Note, note } from '../../notes.js';
import type { Word } from '../../shell/types.js';
import { literalVariableNames } from './origin.js';

/**
 * What the value is for. `credential`: every shell fact is noted. `body`: a single-quoted `$NAME` only when
 * NAME looks like an environment variable (GraphQL's `$id` is not one). `other` (headers that carry no
 * credential): only such single-quoted names, since an unknown value there does not decide a 401.
 */
export type ValueRole = 'credential' | 'body' | 'other';

/** The label of URL arguments, whose host and path hold no credential. */
export const URL_LABEL = 'The URL';

const CREDENTIAL_HINTS = [
  'auth',
  'token',
  'key',
  'secret',
  'session',
  'cookie',
  'signature',
  'password',
  'credential',
];
/** The hints as one pattern: a single pass over the name instead of one per hint. */
const CREDENTIAL_HINT = new RegExp(CREDENTIAL_HINTS.join('|'));

/** Header names that can carry a credential (`Authorization`, `X-Api-Key`, `X-Auth-Token`, `Cookie`, …). */
export function credentialHeader(name: string): boolean {
  return CREDENTIAL_HINT.test(name.toLowerCase());
}

const ENV_STYLE = /^[A-Z][A-Z0-9_]*$/;

/** Variables set earlier in the same paste (`TOKEN=…`, `export TOKEN=…`), by name, with their line. */
export type PasteVariables = ReadonlyMap<string, number>;

/**
 * `"robot$ci-builder:pass"`: a `$` inside double quotes right after a letter or digit. Users who write this
 * usually mean a literal `$` (robot accounts, generated passwords), but the shell replaced `$ci` with the
 * variable's value, usually nothing. `visible` is the part of the word that is not secret (the user name of
 * `-u user:pass`): text there can be quoted back; elsewhere only the variable name is.
 */
function midWordVariableNotes(word: Word, label: string, visible: VisibleRange, url: boolean): Note[] {
  const secretFrom = url ? urlSecretPlaces(word.value) : undefined;
  const notes: Note[] = [];
  let offset = 0;
  let previous: Word['parts'][number] | undefined;
  for (const part of word.parts) {
    const start = offset;
    offset += part.text.length;
    const after = previous;
    previous = part;
    if (part.kind !== 'variable' || part.quote !== 'double' || !MID_WORD_VARIABLE.test(part.text)) continue;
    if (after === undefined || after.kind !== 'literal' || !ENDS_IN_WORD_CHAR.test(after.text)) continue;
    // In a URL only the user info and the query carry credentials; `api$ENV.example.test` is a host.
    if (secretFrom && !secretFrom(start)) continue;
    const name = part.name ?? part.text.slice(1);
    notes.push(
      note(
        'shell.expanded_in_double_quotes',
        `${visibleWord(word.value, start, offset, visible, part.text)}${lowerFirst(label)} is in double quotes, so the shell replaced \`${part.text}\` with the value of ${name} (usually nothing) before curl ran. If \`$\` is part of the value, use single quotes or write \`\\$\`.`,
        word.line,
      ),
    );
  }
  return notes;
}

/** Offsets into `Word.value` of text that may be quoted back in a note (a user name, never a secret). */
export interface VisibleRange {
  from: number;
  to: number;
}
const NOTHING_VISIBLE: VisibleRange = { from: 0, to: 0 };

/** Whether an offset of a URL falls in its user info (`robot$ci:pw@`) or its query (`?key=ab$cd`). */
function urlSecretPlaces(url: string): (offset: number) => boolean {
  const scheme = url.indexOf('://');
  const authority = scheme === -1 ? 0 : scheme + 3;
  const slash = url.indexOf('/', authority);
  const at = url.lastIndexOf('@', slash === -1 ? url.length : slash);
  const query = url.indexOf('?');
  return (offset) =>
    (at >= authority && offset >= authority && offset < at) || (query !== -1 && offset > query);
}

const MID_WORD_VARIABLE = /^\$\{?[A-Za-z]/;
const ENDS_IN_WORD_CHAR = /[A-Za-z0-9]$/;

/** "The shell ate `$ci` in `robot$ci-builder`: " when the piece is not secret, else "`$ci` in ". */
function visibleWord(value: string, start: number, end: number, visible: VisibleRange, text: string): string {
  if (start < visible.from || end > visible.to) return `\`${text}\` in `;
  let from = start;
  while (from > visible.from && !/\s/.test(value[from - 1] ?? ' ')) from--;
  let to = end;
  while (to < visible.to && !/\s/.test(value[to] ?? ' ')) to++;
  const shown = value.slice(from, to);
  const expanded = shown.slice(0, start - from) + shown.slice(end - from);
  return `The shell ate \`${text}\` in \`${shown}\` (curl saw \`${expanded}\` if ${text.replace(/^\$\{?|\}$/g, '')} was unset): `;
}

export function shellNotes(
  word: Word,
  role: ValueRole,
  label: string,
  known: PasteVariables | undefined,
  visible: VisibleRange = NOTHING_VISIBLE,
): Note[] {
  const notes: Note[] =
    role === 'credential' ? midWordVariableNotes(word, label, visible, label === URL_LABEL) : [];
  const line = word.line;
  for (const part of word.parts) {
    if (part.kind !== 'literal' && role === 'other') continue;
    if (part.kind === 'command_substitution') {
      notes.push(
        note(
          'shell.command_substitution',
          `${label} comes from \`${part.text}\`, a command whose output is not in the paste; if it failed or printed nothing, curl sent an empty value.`,
          line,
        ),
      );
    } else if (part.kind === 'variable') {
      const name = part.name ?? part.text;
      const setAt = known?.get(name);
      notes.push(
        note(
          'shell.variable',
          setAt === undefined
            ? `${label} comes from \`${part.text}\` in your shell; if ${name} was unset or empty there, curl sent an empty value.`
            : `${label} comes from \`${part.text}\`, set on line ${setAt} of the paste.`,
          line,
        ),
      );
    } else if (part.quote === 'single') {
      for (const name of literalVariableNames(part.text)) {
        if (role !== 'credential' && !ENV_STYLE.test(name)) continue;
        notes.push(
          note(
            'shell.single_quoted_variable',
            `\`$${name}\` is inside single quotes, so curl sent the literal text \`$${name}\` as ${lowerFirst(label)}, not the variable's value. Use double quotes to let the shell expand it.`,
            line,
          ),
        );
      }
    }
  }
  return notes;
}

/** Labels start a sentence ("The URL comes from…") but are also used mid-sentence. */
function lowerFirst(label: string): string {
  return label.charAt(0).toLowerCase() + label.slice(1);
}
