/**
 * Where a curl argument's value came from, read from the shell's word parts. This is what tells "the token
 * was wrong" apart from "the shell never put the token there".
 */
import type { ValueOrigin } from '../../raw.js';
import type { Word } from '../../shell/types.js';

/** `$NAME` / `${NAME}` written inside single quotes: the shell leaves them as text. */
export function literalVariableNames(text: string): string[] {
  const names: string[] = [];
  let i = text.indexOf('$');
  while (i !== -1 && i < text.length - 1) {
    const braced = text[i + 1] === '{';
    let j = braced ? i + 2 : i + 1;
    const start = j;
    while (j < text.length && isNameChar(text.charCodeAt(j), j === start)) j++;
    if (j > start && (!braced || text[j] === '}')) names.push(text.slice(start, j));
    i = text.indexOf('$', Math.max(j, i + 1));
  }
  return names;
}

function isNameChar(code: number, first: boolean): boolean {
  const letter = (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95;
  return first ? letter : letter || (code >= 48 && code <= 57);
}

/**
 * Whether the shell did anything to the word worth reporting: a variable, a command substitution, or a `$`
 * kept literal by single quotes. Most words are plain text, and this spares them building an origin or notes.
 */
export function shellTouched(word: Word): boolean {
  for (const part of word.parts) {
    if (part.kind !== 'literal' || (part.quote === 'single' && part.text.includes('$'))) return true;
  }
  return false;
}

/**
 * The most telling origin of a word. A `$VAR` kept literal by single quotes wins: it is a certain cause of a
 * 401, while an expanded variable or a substitution only means the value is unknown here.
 */
export function originOf(word: Word): ValueOrigin | undefined {
  if (!shellTouched(word)) return undefined;
  const literal: string[] = [];
  const variables: string[] = [];
  let substitution = false;
  for (const part of word.parts) {
    if (part.kind === 'command_substitution') substitution = true;
    else if (part.kind === 'variable') variables.push(part.name ?? part.text);
    else if (part.quote === 'single') literal.push(...literalVariableNames(part.text));
  }
  if (literal.length > 0) return { kind: 'shell_literal_variable', names: unique(literal) };
  if (substitution)
    return variables.length > 0
      ? { kind: 'command_substitution', names: unique(variables) }
      : { kind: 'command_substitution' };
  if (variables.length > 0) return { kind: 'shell_variable', names: unique(variables) };
  return undefined;
}

function unique(names: string[]): string[] {
  return [...new Set(names)];
}
