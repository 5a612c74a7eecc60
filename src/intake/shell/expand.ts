/** What a word becomes once the shell expands it, given an environment: used to compare with real bash. */
import { parseBashWordText } from './bash.js';
import type { Word, WordPart } from './types.js';

/** `${A:-${B:-${C:-…}}}` nests; beyond this depth the default is treated as empty rather than recursing on. */
const MAX_DEPTH = 32;
/** Bash's default IFS splits on runs of these blanks. */
const IFS_RUN = /[ \t\n]+/;

/**
 * The word's value as bash would produce it with `env`: unset variables are empty, `${X:-default}` and
 * friends are honoured, command substitutions (which we never run) are empty. No word splitting or globbing.
 */
export function expandWord(word: Word, env: Record<string, string>): string {
  return expandParts(word.parts, env, 0);
}

function expandParts(parts: WordPart[], env: Record<string, string>, depth: number): string {
  let out = '';
  for (const part of parts) out += expandPart(part, env, depth);
  return out;
}

function expandPart(part: WordPart, env: Record<string, string>, depth: number): string {
  if (part.kind === 'literal') return part.text;
  if (part.kind === 'command_substitution') return '';
  // PowerShell's `${env:TOKEN}` names its variable like `$env:TOKEN`; only bash gives `${…}` operators.
  if (part.text.startsWith('${') && part.text.endsWith('}') && !/^\$\{env:/i.test(part.text)) {
    return expandBraced(part.text.slice(2, -1), part.quote !== 'none', env, depth);
  }
  return part.name === undefined ? '' : lookup(env, part.name);
}

function lookup(env: Record<string, string>, name: string): string {
  return Object.hasOwn(env, name) ? (env[name] ?? '') : '';
}

const OPERATORS = [':-', ':=', ':+', ':?', '-', '=', '+', '?'];

function expandBraced(
  inner: string,
  inDoubleQuotes: boolean,
  env: Record<string, string>,
  depth: number,
): string {
  if (inner.startsWith('#') && inner.length > 1) return String(lookup(env, inner.slice(1)).length);
  if (inner.startsWith('!') && inner.length > 1) return lookup(env, lookup(env, inner.slice(1)));
  const nameEnd = parameterEnd(inner);
  const name = inner.slice(0, nameEnd);
  const rest = inner.slice(nameEnd);
  const value = lookup(env, name);
  const op = OPERATORS.find((candidate) => rest.startsWith(candidate));
  if (op === undefined) return value;
  const isSet = Object.hasOwn(env, name);
  const useWord = op.startsWith(':') ? !isSet || value === '' : !isSet;
  const alternative = op.endsWith('+');
  if (alternative ? useWord : !useWord) return alternative ? '' : value;
  if (op.endsWith('?')) return value;
  if (depth >= MAX_DEPTH) return '';
  const word = parseBashWordText(rest.slice(op.length), inDoubleQuotes);
  return expandParts(word.parts, env, depth + 1);
}

function parameterEnd(inner: string): number {
  const first = inner[0];
  if (first === undefined) return 0;
  const isDigit = (c: string) => c >= '0' && c <= '9';
  const isNameChar = (c: string) =>
    (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c === '_' || isDigit(c);
  if (isDigit(first)) {
    let i = 1;
    while (i < inner.length && isDigit(inner[i] as string)) i++;
    return i;
  }
  if (!isNameChar(first)) return 1;
  let i = 1;
  while (i < inner.length && isNameChar(inner[i] as string)) i++;
  return i;
}

/**
 * The arguments a word becomes, as bash would pass them: like `expandWord`, plus field splitting of unquoted
 * expansions on blanks, so `-H $AUTH` with AUTH unset passes no argument at all and `$OPTS` may pass several.
 * Globbing is not done (the user's files are unknown).
 */
export function expandWordFields(word: Word, env: Record<string, string>): string[] {
  const fields: string[] = [];
  let current = '';
  let open = false;
  for (const part of word.parts) {
    const value = expandPart(part, env, 0);
    if (part.kind === 'literal' || part.quote !== 'none' || part.text === '~') {
      current += value;
      open = true;
      continue;
    }
    const pieces = value.split(IFS_RUN);
    pieces.forEach((piece, index) => {
      if (index > 0 && open) {
        fields.push(current);
        current = '';
        open = false;
      }
      if (piece !== '') {
        current += piece;
        open = true;
      }
    });
  }
  if (open) fields.push(current);
  return fields;
}
