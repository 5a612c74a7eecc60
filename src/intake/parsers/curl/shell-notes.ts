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

export function shellNotes(
  word: Word,
  role: ValueRole,
  label: string,
  known: PasteVariables | undefined,
): Note[] {
  const notes: Note[] = [];
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
