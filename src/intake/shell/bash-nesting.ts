/**
 * Finds where a bash `$(…)`, `${…}` or backtick substitution ends. Substitutions nest inside each other and
 * inside double quotes, so an explicit stack (not recursion) keeps adversarial input like 100k `$(` from
 * overflowing the call stack, and every character is visited once.
 */

type Context = 'command' | 'brace' | 'brace_in_dquote' | 'dquote' | 'backtick';

export interface Closing {
  /** Index just past the closing character, or the text length when unterminated. */
  end: number;
  closed: boolean;
}

/** `start` is the index just after the opener (`$(`, `${`, or the opening backtick). */
export function findClosing(
  text: string,
  start: number,
  opener: 'command' | 'brace' | 'backtick',
  inDoubleQuotes = false,
): Closing {
  const stack: Context[] = [opener === 'brace' && inDoubleQuotes ? 'brace_in_dquote' : opener];
  let i = start;
  while (i < text.length) {
    const top = stack[stack.length - 1];
    const c = text[i];
    if (c === '\\') {
      i += 2;
      continue;
    }
    let close = false;
    if (top === 'backtick') {
      close = c === '`';
      i++;
    } else if (top === 'dquote') {
      if (c === '"') close = true;
      i = pushOpeners(text, i, stack, true);
    } else if (top === 'brace' || top === 'brace_in_dquote') {
      if (c === '}') {
        close = true;
        i++;
      } else if (c === "'" && top === 'brace') {
        i = skipSingleQuoted(text, i);
      } else {
        i = pushOpeners(text, i, stack, top === 'brace_in_dquote');
      }
    } else if (c === ')') {
      close = true;
      i++;
    } else if (c === '(') {
      stack.push('command');
      i++;
    } else if (c === "'") {
      i = skipSingleQuoted(text, i);
    } else if (c === '#' && startsWord(text, i, start)) {
      const eol = text.indexOf('\n', i);
      i = eol === -1 ? text.length : eol;
    } else if (c === '$' && text[i + 1] === "'") {
      i = skipAnsiC(text, i + 1);
    } else {
      i = pushOpeners(text, i, stack, false);
    }
    if (close) {
      stack.pop();
      if (stack.length === 0) return { end: i, closed: true };
    }
  }
  return { end: text.length, closed: false };
}

/** Handles `"`, backticks, `$(` and `${` at `i`; returns the next index to look at. */
function pushOpeners(text: string, i: number, stack: Context[], inDoubleQuotes: boolean): number {
  const c = text[i];
  if (c === '"') {
    // Inside double quotes `"` closes (the caller pops); elsewhere it opens a new double-quoted string.
    if (!inDoubleQuotes) stack.push('dquote');
    return i + 1;
  }
  if (c === '`') {
    stack.push('backtick');
    return i + 1;
  }
  if (c === '$') {
    const next = text[i + 1];
    if (next === '(') {
      stack.push('command');
      return i + 2;
    }
    if (next === '{') {
      stack.push(inDoubleQuotes ? 'brace_in_dquote' : 'brace');
      return i + 2;
    }
  }
  return i + 1;
}

function skipSingleQuoted(text: string, i: number): number {
  const end = text.indexOf("'", i + 1);
  return end === -1 ? text.length : end + 1;
}

/** `i` is at the opening quote of `$'…'`, where backslash escapes the quote. */
function skipAnsiC(text: string, i: number): number {
  let j = i + 1;
  while (j < text.length) {
    const c = text[j];
    if (c === '\\') j += 2;
    else if (c === "'") return j + 1;
    else j++;
  }
  return text.length;
}

function startsWord(text: string, i: number, start: number): boolean {
  if (i === start) return true;
  const prev = text[i - 1];
  return prev === ' ' || prev === '\t' || prev === '\n' || prev === ';' || prev === '&' || prev === '|';
}
