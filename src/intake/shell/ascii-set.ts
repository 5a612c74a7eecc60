/**
 * A set of ASCII characters tested by char code. Scanner loops run once per input character; a code lookup
 * there avoids making and hashing a one-character string each time, which a `Set<string>` would need.
 */
export class AsciiSet {
  private readonly members = new Uint8Array(128);

  constructor(chars: string) {
    for (let i = 0; i < chars.length; i++) this.members[chars.charCodeAt(i)] = 1;
  }

  /** Whether the character at `index` in `text` is in the set; false past the end of `text`. */
  at(text: string, index: number): boolean {
    const code = text.charCodeAt(index);
    return code < 128 && this.members[code] === 1;
  }

  /** The index of the first character from `from` on that is in the set, or `text.length`. */
  find(text: string, from: number): number {
    let i = from;
    while (i < text.length && !this.at(text, i)) i++;
    return i;
  }

  /** The index of the first character from `from` on that is not in the set, or `text.length`. */
  skip(text: string, from: number): number {
    let i = from;
    while (i < text.length && this.at(text, i)) i++;
    return i;
  }
}
