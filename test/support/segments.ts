/** What every parser test builds around its cases: the segment it reads and the parts of the result it checks. */
import type { Kind } from '../../src/intake/kinds.js';
import type { Note } from '../../src/intake/notes.js';
import type { RawHeader, Segment } from '../../src/intake/raw.js';

/** A segment as `detect` would hand it over: `text` starting at `startLine` of the paste. */
export function segmentOf(kind: Kind, text: string, startLine = 1): Segment {
  return { kind, text, startLine, endLine: startLine + text.split('\n').length - 1 };
}

/** The value of the first header whose lower-cased name is `name` (given in lower case). */
export function headerValue(headers: readonly RawHeader[] | undefined, name: string): string | undefined {
  return headers?.find((h) => h.name.toLowerCase() === name)?.value;
}

/** The note codes of a fragment, evidence or any result with notes; none is an empty list. */
export function noteCodes(result: { readonly notes?: readonly Note[] }): string[] {
  return (result.notes ?? []).map((n) => n.code);
}
