/**
 * Reads the object dumps Node prints for an error (`util.inspect` of an AxiosError or a fetch `Response`):
 * `code: 'ERR_BAD_REQUEST', config: { url: '…', headers: Object [AxiosHeaders] { … } }, response: { … }`.
 * They are not JSON and not JavaScript (`<ref *1> ClientRequest {`, `[Function: toJSON]`, `[Symbol(x)]`),
 * so this is a tolerant tokenizer that records every `key: primitive` and every `key: { … }` with its path,
 * and skips whatever else it meets. One forward pass.
 */

export interface DumpEntry {
  /** Keys of the enclosing objects, outermost first. */
  path: string[];
  key: string;
  /** A primitive value as printed (strings unquoted), or undefined for an object or array. */
  value?: string | number | boolean;
  /** For objects and arrays: the source text including brackets. */
  start?: number;
  end?: number;
}

export interface Dump {
  entries: DumpEntry[];
  /** Offset just past the closing bracket of the outermost object, or where reading stopped. */
  end: number;
}

interface Open {
  key: string;
  start: number;
}

/**
 * Reads from `start` (an opening `{`) to its matching close. Stops early at a blank line, since inspect
 * output never has one and a truncated paste must not swallow the rest of the log.
 *
 * With `implicit`, `start` is the first indented `key: value` line of a dump whose opening brace was cut
 * from the paste; reading then also stops at the first line that is not indented.
 */
export function readDump(text: string, start: number, implicit = false): Dump {
  const entries: DumpEntry[] = [];
  const stack: Open[] = implicit ? [{ key: '', start }] : [];
  let pendingKey: string | undefined;
  let valueSeen = false;
  let lastToken: string | undefined;
  let i = start;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (
      c === '\n' &&
      (isBlankLineAt(text, i + 1) || (implicit && stack.length === 1 && !/[\s}\]]/.test(text[i + 1] ?? '')))
    ) {
      break;
    }
    if (c === '{' || c === '[') {
      const end = c === '[' ? bracketWordEnd(text, i) : -1;
      if (end !== -1) {
        lastToken = text.slice(i, end);
        i = end;
        continue;
      }
      stack.push({ key: pendingKey ?? '', start: i });
      pendingKey = undefined;
      lastToken = undefined;
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      const open = stack.pop();
      i++;
      if (open === undefined) break;
      if (open.key !== '') {
        entries.push({ path: pathOf(stack), key: open.key, start: open.start, end: i });
      }
      pendingKey = undefined;
      lastToken = undefined;
      if (stack.length === 0) return { entries, end: i };
      continue;
    }
    if (c === ':') {
      if (lastToken !== undefined && pendingKey === undefined) {
        pendingKey = lastToken;
        valueSeen = false;
      }
      lastToken = undefined;
      i++;
      continue;
    }
    if (c === ',') {
      pendingKey = undefined;
      lastToken = undefined;
      i++;
      continue;
    }
    if (c === "'" || c === '"' || c === '`') {
      const end = stringEnd(text, i);
      const value = unescapeString(text.slice(i + 1, end - 1));
      lastToken = value;
      if (pendingKey !== undefined && !valueSeen && stack.length > 0) {
        entries.push({ path: pathOf(stack), key: pendingKey, value });
        valueSeen = true;
      }
      i = end;
      continue;
    }
    if (/[\w$]/.test(c)) {
      let end = i + 1;
      while (end < text.length && /[\w$.-]/.test(text[end] ?? '')) end++;
      const word = text.slice(i, end);
      lastToken = word;
      if (pendingKey !== undefined && !valueSeen && stack.length > 0) {
        entries.push({ path: pathOf(stack), key: pendingKey, value: primitive(word) });
        valueSeen = true;
      }
      i = end;
      continue;
    }
    i++;
  }
  return { entries, end: i };
}

/** `[Symbol(state)]`, `[cause]`, `[Object]`, `[AxiosHeaders]`: a bracketed word, not an array. */
function bracketWordEnd(text: string, at: number): number {
  const limit = Math.min(text.length, at + 80);
  for (let j = at + 1; j < limit; j++) {
    const c = text[j];
    if (c === ']') return j > at + 1 && /[A-Za-z]/.test(text[at + 1] ?? '') ? j + 1 : -1;
    if (c === '[' || c === '{' || c === '\n' || c === "'" || c === '"' || c === ',') return -1;
  }
  return -1;
}

function stringEnd(text: string, at: number): number {
  const quote = text[at];
  for (let j = at + 1; j < text.length; j++) {
    const c = text[j];
    if (c === '\\') j++;
    else if (c === quote) return j + 1;
    else if (c === '\n' && quote !== '`') return j;
  }
  return text.length;
}

function unescapeString(value: string): string {
  return value.replace(/\\(.)/g, (_, c: string) => (c === 'n' ? '\n' : c));
}

function primitive(word: string): string | number | boolean {
  if (word === 'true') return true;
  if (word === 'false') return false;
  return /^-?\d+(?:\.\d+)?$/.test(word) ? Number(word) : word;
}

function isBlankLineAt(text: string, at: number): boolean {
  for (let j = at; j < text.length; j++) {
    const c = text[j];
    if (c === '\n') return true;
    if (c !== ' ' && c !== '\t' && c !== '\r') return false;
  }
  return true;
}

/** Keys from the outermost object inward; the outermost object itself has no key. */
function pathOf(stack: Open[]): string[] {
  return stack.slice(1).map((o) => o.key);
}
