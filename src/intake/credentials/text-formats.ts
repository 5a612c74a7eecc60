/**
 * Credential shapes declared outside the intake table (provider packs' `credentialFormats`, built-in or a
 * user's) that start with a literal prefix: found in free text like the table's own prefixed formats, so a
 * Vault `hvs.…` token or a Sentry `sntrys_…` token pasted in a sentence is hidden too. Intake does not name
 * them (the packs do, after intake); it only has to know they are credentials.
 *
 * Linear: each occurrence of a prefix reads one bounded run of token characters, tested once against the
 * format's whole-value pattern (pack patterns are checked for nested quantifiers when packs load).
 */

export interface TextFormat {
  /** The literal text every value starts with (`hvs.`); at least three characters. */
  prefix: string;
  /** Whole-value pattern, anchored. */
  whole: RegExp;
}

export interface TextFormatMatch {
  start: number;
  value: string;
}

const MIN_PREFIX = 3;
/** Longer than any key these packs describe; a run past it is data, not a token. */
const MAX_RUN = 512;
const RUN = /[A-Za-z0-9._~+/=:-]*/y;
/** Sentence punctuation a token does not end in: `…token hvs.abc.` */
const TRAILING = new Set(['.', ',', ':', ';', '=', '~', '+', '/', '-']);

/** Punctuation taken off a run's end at most (`hvs.abc.` ends a sentence, `hvs.abc:` a label). */
const MAX_TRAILING = 4;

/** The longest start of `run`, shorter by trailing punctuation only, that is a whole value of `format`. */
function valueIn(run: string, whole: RegExp): string | undefined {
  for (let end = run.length; end >= run.length - MAX_TRAILING && end > 0; end--) {
    if (end < run.length && !TRAILING.has(run[end] as string)) return undefined;
    if (whole.test(run.slice(0, end))) return run.slice(0, end);
  }
  return undefined;
}

function isTokenChar(code: number): boolean {
  return (
    (code >= 48 && code <= 57) ||
    (code >= 65 && code <= 90) ||
    (code >= 97 && code <= 122) ||
    code === 95 ||
    code === 45
  );
}

export function scanTextFormats(text: string, formats: readonly TextFormat[] | undefined): TextFormatMatch[] {
  const found: TextFormatMatch[] = [];
  for (const format of formats ?? []) {
    if (format.prefix.length < MIN_PREFIX) continue;
    let from = 0;
    for (let at = text.indexOf(format.prefix, from); at !== -1; at = text.indexOf(format.prefix, from)) {
      RUN.lastIndex = at;
      const run = (RUN.exec(text)?.[0] ?? '').slice(0, MAX_RUN);
      from = at + Math.max(run.length, format.prefix.length);
      // Inside a longer token (`xhvs.…`), the prefix is not where a value starts.
      if (at > 0 && isTokenChar(text.charCodeAt(at - 1))) continue;
      const value = valueIn(run, format.whole);
      if (value !== undefined && value.length > format.prefix.length) found.push({ start: at, value });
    }
  }
  return found;
}
