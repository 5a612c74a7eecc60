/**
 * A pasted snippet as tokens plus the little structure the request readers need: matching brackets,
 * statement-level assignments, calls with their arguments, and call chains (`a.b(…).c(…)`).
 */
import type { Lang } from './lang.js';
import { type Tok, tokenize } from './tokens.js';

export interface Assign {
  /** The target as written: `token`, `this.apiKey`, `$token`, `os.environ` (no index part). */
  name: string;
  /** Index of the first token of the target and of the right-hand side range [s, e). */
  at: number;
  s: number;
  e: number;
  line: number;
  /** `headers["Authorization"] = …`: the index expression range. */
  index?: [number, number];
  /** Operator used: `=` or `:=`. */
  op: string;
}

export interface Arg {
  s: number;
  e: number;
  /** `headers=` (Python, Kotlin), `headers:` (Ruby, Swift, C# named arguments). */
  name?: string;
}

export interface Seg {
  /** The callee path as written, e.g. `axios.get`, `req.Header.Set`, `Net::HTTP::Get.new`. */
  path: string;
  parts: string[];
  /** Last part of the path: the method called. */
  name: string;
  /** Path without its last part (`req.Header` for `req.Header.Set`). */
  recv: string;
  /** Index of `(` (or of `{` for an initializer-only call) and of its closing token. */
  open: number;
  close: number;
  args: Arg[];
  /** C# object initializer / Go composite literal after the call: `new HttpClient { BaseAddress = … }`. */
  init?: [number, number];
  line: number;
}

export interface Chain {
  start: number;
  isNew: boolean;
  segs: Seg[];
  end: number;
}

const MEMBER = new Set(['.', '?.', '->', '::', '\\']);
const TRAILING_MEMBER = /(?:\.|\?\.|->|::|\\)$/;
const OPEN: Record<string, string> = { '(': ')', '[': ']', '{': '}' };
/** Operators after which a newline does not end an expression. */
/** Words after a name that do not start the arguments of a call without parentheses. */
const RUBY_KEYWORDS = new Set([
  'do',
  'then',
  'if',
  'unless',
  'and',
  'or',
  'end',
  'rescue',
  'else',
  'while',
  'until',
]);
/** Tokens that end an expression at its own bracket depth. */
const STOPS = new Set([',', ';', ')', ']', '}', '=', ':=']);
const CONTINUES = new Set([
  '+',
  '.',
  '=',
  '(',
  '[',
  '{',
  ',',
  '=>',
  '->',
  '?',
  ':',
  '&&',
  '||',
  '??',
  '%',
  '|',
  '\\',
]);

export class Program {
  readonly toks: Tok[];
  readonly unterminated: number[];
  /** For each bracket token, the index of its partner; -1 when unmatched. */
  readonly match: number[];
  /** Depth of `(` and `[` nesting at each token: assignments at depth 0 are statements, not keyword args. */
  readonly depth: number[];
  /** For each token, where an expression starting there ends (see `exprEnd`). */
  private readonly stop: number[];
  /** Plain assignments by target name, in paste order. */
  readonly assigns = new Map<string, Assign[]>();
  /** Every assignment (plain and indexed), in paste order. */
  readonly assignList: Assign[] = [];
  /** Assignments by the index of their `=` token. */
  private readonly byEq = new Map<number, Assign>();

  constructor(
    readonly src: string,
    readonly lang: Lang,
    startLine: number,
  ) {
    const { toks, unterminated } = tokenize(src, lang, startLine);
    this.toks = toks;
    this.unterminated = unterminated;
    // Plain arrays: a snippet has a few hundred tokens, and typed arrays cost more to allocate than to fill.
    this.match = new Array<number>(toks.length).fill(-1);
    this.depth = new Array<number>(toks.length).fill(0);
    this.stop = new Array<number>(toks.length).fill(0);
    this.pairBrackets();
    this.computeStops();
    this.collectAssignments();
  }

  tok(i: number): Tok | undefined {
    return this.toks[i];
  }

  is(i: number, v: string): boolean {
    const t = this.toks[i];
    return t !== undefined && t.k !== 'str' && t.v === v;
  }

  /** Next index at or after `i` that is not a newline. */
  skipNl(i: number): number {
    while (this.toks[i]?.k === 'nl') i++;
    return i;
  }

  /** Source text of tokens [s, e), whitespace collapsed. */
  text(s: number, e: number): string {
    const a = this.toks[s];
    const b = this.toks[e - 1];
    if (!a || !b || e <= s) return '';
    return this.src.slice(a.s, b.e).replace(/\s+/g, ' ').trim();
  }

  /**
   * `text(s, e).slice(0, max)`, reading only as much source as that needs: a range that never closes runs
   * to the end of the paste, and collapsing all of it for every such range was quadratic.
   */
  textPrefix(s: number, e: number, max: number): string {
    const a = this.toks[s];
    const b = this.toks[e - 1];
    if (!a || !b || e <= s) return '';
    // Collapsed whitespace only shrinks text, so a window is read until it holds more than `max` characters.
    for (let size = 4 * max + 64; a.s + size < b.e; size *= 4) {
      const head = this.src
        .slice(a.s, a.s + size)
        .replace(/\s+/g, ' ')
        .trimStart();
      if (head.length > max) return head.slice(0, max);
    }
    return this.text(s, e).slice(0, max);
  }

  /** Index just past the bracket group opened at `i`, or the end of input when it never closes. */
  after(i: number): number {
    const m = this.match[i] ?? -1;
    return m < 0 ? this.toks.length : m + 1;
  }

  private pairBrackets(): void {
    const stack: number[] = [];
    let depth = 0;
    for (let i = 0; i < this.toks.length; i++) {
      const t = this.toks[i]!;
      this.depth[i] = depth;
      if (t.k !== 'op') continue;
      if (t.v in OPEN) {
        stack.push(i);
        if (t.v !== '{') depth++;
        continue;
      }
      if (t.v !== ')' && t.v !== ']' && t.v !== '}') continue;
      // A stray closer does not unwind the stack unless its opener is near the top (tolerates typos).
      for (let k = stack.length - 1; k >= 0 && k >= stack.length - 3; k--) {
        const o = stack[k]!;
        if (OPEN[this.toks[o]!.v] === t.v) {
          for (let x = stack.length - 1; x >= k; x--) {
            const open = stack[x]!;
            if (this.toks[open]!.v !== '{') depth--;
          }
          stack.length = k;
          this.match[o] = i;
          this.match[i] = o;
          this.depth[i] = depth;
          break;
        }
      }
    }
  }

  /** Reads `a.b->c::D` starting at `i`; returns undefined when `i` is not an identifier. */
  path(i: number, limit = this.toks.length): { parts: string[]; text: string; end: number } | undefined {
    const first = this.toks[i];
    if (first?.k !== 'id') return undefined;
    const parts = [first.v];
    let text = first.v;
    let j = i + 1;
    while (j + 1 < limit) {
      const next = this.toks[j + 1]!;
      if (!this.isMemberOp(j) || next.k !== 'id') break;
      parts.push(next.v);
      text += this.toks[j]!.v + next.v;
      j += 2;
    }
    return { parts, text, end: j };
  }

  /** True when the token at `i` follows a member operator (so it is not the start of an expression). */
  /**
   * A member operator at `j`. A spaced ` -> ` is a Java/Kotlin lambda arrow, not PHP's or C's `->`.
   */
  isMemberOp(j: number): boolean {
    const t = this.toks[j];
    if (t === undefined || t.k !== 'op' || !MEMBER.has(t.v)) return false;
    return !(t.v === '->' && this.src[t.s - 1] === ' ' && this.src[t.e] === ' ');
  }

  isMember(i: number): boolean {
    if (!this.isMemberOp(i - 1)) return false;
    const p = this.toks[i - 1]!;
    // A leading PHP namespace separator (`\Stripe\Stripe::setApiKey`) starts a name rather than continuing one.
    return !(p.v === '\\' && this.toks[i - 2]?.k !== 'id');
  }

  /**
   * End (exclusive) of the expression starting at `s`: stops at `,` `;` `=` or a closing bracket at depth 0,
   * and at a newline unless the expression obviously continues on the next line. O(1) from a table.
   */
  exprEnd(s: number, limit = this.toks.length): number {
    const t = this.toks[s];
    const from = t?.k === 'id' && (t.v === 'do' || t.v === 'as' || t.v === 'then') ? s + 1 : s;
    const end = from < this.toks.length ? this.stop[from]! : this.toks.length;
    return Math.min(end, limit);
  }

  /** Fills `stop` right to left, jumping over bracket groups, so every expression end is one lookup. */
  private computeStops(): void {
    const n = this.toks.length;
    for (let i = n - 1; i >= 0; i--) {
      const t = this.toks[i]!;
      let isStop = false;
      if (t.k === 'op') {
        if (t.v in OPEN) {
          const m = this.match[i]!;
          this.stop[i] = m < 0 || m + 1 >= n ? n : this.stop[m + 1]!;
          continue;
        }
        isStop = STOPS.has(t.v);
      } else if (t.k === 'nl') {
        const prev = this.toks[i - 1];
        const next = this.toks[this.skipNl(i)];
        const prevContinues = prev?.k === 'op' && CONTINUES.has(prev.v);
        const nextContinues =
          next !== undefined && (this.isMemberOp(this.skipNl(i)) || next.v === '+') && next.k === 'op';
        isStop = !prevContinues && !nextContinues;
      } else if (t.k === 'id') {
        isStop = t.v === 'do' || t.v === 'as' || t.v === 'then';
      }
      this.stop[i] = isStop ? i : i + 1 < n ? this.stop[i + 1]! : n;
    }
  }

  /** Arguments of the bracket group opened at `open`. */
  args(open: number): Arg[] {
    return this.argList(this.skipNl(open + 1), this.after(open) - 1, false).args;
  }

  /**
   * Comma-separated arguments from `j` up to `close`; with `flat` (Ruby calls without parentheses) the
   * list ends at the first expression not followed by a comma.
   */
  private argList(j: number, close: number, flat: boolean): { args: Arg[]; end: number } {
    const out: Arg[] = [];
    while (j < close) {
      let s = j;
      let name: string | undefined;
      const t = this.toks[j];
      const sep = this.toks[j + 1];
      if (t?.k === 'id' && sep?.k === 'op' && (sep.v === '=' || sep.v === ':') && j + 2 < close) {
        name = t.v;
        s = j + 2;
      }
      let e = this.exprEnd(s, close);
      // `["X"] = v` (C# index initializer): an item may hold an `=` of its own.
      while (e < close && (this.is(e, '=') || this.is(e, ':='))) e = this.exprEnd(e + 1, close);
      if (e > s) out.push(name === undefined ? { s, e } : { s, e, name });
      if (flat && !this.is(e, ',')) return { args: out, end: e };
      if (e === j && !this.is(e, ',')) return { args: out, end: e };
      j = this.skipNl(e + 1);
    }
    return { args: out, end: close };
  }

  /** A call chain starting at `i` (`new X(…)`, `a.b(…).c(…)`), or undefined when `i` starts no call. */
  chain(i: number): Chain | undefined {
    let j = i;
    const isNew = this.is(j, 'new');
    if (isNew) j++;
    // PHP fully qualified names: `new \GuzzleHttp\Client(…)`.
    if (this.is(j, '\\')) j++;
    const first = this.seg(j, isNew);
    if (!first) return undefined;
    const segs = [first];
    let end = first.init ? first.init[1] : first.close + 1;
    for (;;) {
      let k = end;
      if (this.toks[k]?.k === 'nl') {
        const n = this.skipNl(k);
        if (!this.isMemberOp(n)) break;
        k = n;
      }
      // `require('stripe')('sk_…')`: a call on the result of a call.
      if (this.is(k, '(')) {
        const close = this.after(k) - 1;
        const line = this.toks[k]!.line;
        segs.push({
          path: '()',
          parts: ['()'],
          name: '()',
          recv: '',
          open: k,
          close,
          args: this.args(k),
          line,
        });
        end = close + 1;
        continue;
      }
      if (!this.isMemberOp(k)) break;
      const seg = this.seg(k + 1, false);
      if (!seg) break;
      segs.push(seg);
      end = seg.close + 1;
    }
    return { start: i, isNew, segs, end };
  }

  private seg(i: number, isNew: boolean): Seg | undefined {
    const p = this.path(i);
    if (!p) return undefined;
    let j = p.end;
    // Generic arguments and Kotlin/Swift force-unwraps between the name and the call: `HttpEntity<>(…)`.
    if (this.is(j, '<')) {
      const limit = Math.min(this.toks.length, j + 20);
      let k = j;
      while (k < limit && !this.is(k, '>')) k++;
      if (this.is(k, '>')) j = k + 1;
    }
    const name = p.parts[p.parts.length - 1]!;
    const recv = p.text.slice(0, Math.max(0, p.text.length - name.length)).replace(TRAILING_MEMBER, '');
    const line = this.toks[i]!.line;
    // Literals, not `{ ...base, … }`: a spread is a runtime call, and this runs for every call in the paste.
    if (this.is(j, '(')) {
      const close = this.after(j) - 1;
      const seg: Seg = { path: p.text, parts: p.parts, name, recv, line, open: j, close, args: this.args(j) };
      const k = close + 1;
      if (isNew && this.is(k, '{')) seg.init = [k, this.after(k)];
      return seg;
    }
    if ((isNew || this.lang === 'go') && this.is(j, '{') && this.toks[j - 1]?.k === 'id') {
      const close = this.after(j) - 1;
      return {
        path: p.text,
        parts: p.parts,
        name,
        recv,
        line,
        open: j,
        close,
        args: [],
        init: [j, close + 1],
      };
    }
    // Ruby calls without parentheses: `req.basic_auth 'user', 'pass'`, `f.request :authorization, 'Bearer', t`.
    const next = this.toks[j];
    const symbol =
      this.is(j, ':') &&
      this.src[next?.s === undefined ? 0 : next.s - 1] === ' ' &&
      this.toks[j + 1]?.s === (next?.e ?? -1);
    const word = next?.k === 'id' && !RUBY_KEYWORDS.has(next.v) && next.line === this.toks[j - 1]?.line;
    if (this.lang === 'ruby' && !isNew && next && (next.k === 'str' || next.k === 'num' || symbol || word)) {
      const { args, end } = this.argList(j, this.toks.length, true);
      return { path: p.text, parts: p.parts, name, recv, line, open: j, close: end - 1, args };
    }
    return undefined;
  }

  private collectAssignments(): void {
    for (let i = 1; i < this.toks.length; i++) {
      const t = this.toks[i]!;
      if (t.k !== 'op' || (t.v !== '=' && t.v !== ':=') || this.depth[i] !== 0) continue;
      const target = this.assignTarget(i);
      if (!target) continue;
      const s = this.skipNl(i + 1);
      const e = this.exprEnd(s);
      const a: Assign = { name: target.name, at: target.at, s, e, line: t.line, op: t.v };
      this.assignList.push(a);
      this.byEq.set(i, a);
      if (target.index) {
        a.index = target.index;
        continue;
      }
      const list = this.assigns.get(a.name);
      if (list) list.push(a);
      else this.assigns.set(a.name, [a]);
    }
  }

  /** The variable assigned by the `=` at `eq`: skips type annotations and picks `req` from `req, err :=`. */
  private assignTarget(eq: number): { name: string; at: number; index?: [number, number] } | undefined {
    let j = eq - 1;
    let index: [number, number] | undefined;
    if (this.is(j, ']')) {
      const o = this.match[j] ?? -1;
      if (o < 0) return undefined;
      index = [o + 1, j];
      j = o - 1;
    } else if (this.is(j, '>')) {
      let k = j;
      const limit = Math.max(0, j - 30);
      while (k > limit && !this.is(k, '<')) k--;
      if (!this.is(k, '<') || !this.is(k - 2, ':')) return undefined;
      j = k - 3;
    } else if (this.toks[j]?.k === 'id' && this.is(j - 1, ':') && this.toks[j - 2]?.k === 'id' && !index) {
      j -= 2;
    }
    if (this.toks[j]?.k !== 'id') return undefined;
    let at = j;
    while (at >= 2 && this.toks[at - 2]?.k === 'id' && this.toks[at - 1]?.k === 'op') {
      const sep = this.toks[at - 1]!.v;
      if (!MEMBER.has(sep)) break;
      at -= 2;
    }
    if (this.is(at - 1, ',') && this.toks[at - 2]?.k === 'id' && this.toks[eq]?.v === ':=') at -= 2;
    const p = this.path(at);
    if (!p) return undefined;
    const name = this.is(at + 1, ',') ? p.parts[0]! : p.text;
    return index ? { name, at, index } : { name, at };
  }

  /**
   * The latest assignment to `name` that ends before token `use`; otherwise the last one in the paste
   * (a function body may use a module-level constant defined further down).
   */
  lookup(name: string, use: number): Assign | undefined {
    const list = this.assigns.get(name);
    if (!list) return undefined;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (list[mid]!.e <= use) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) return list[lo - 1];
    const last = list.at(-1)!;
    return last.s > use ? last : undefined;
  }

  /** The assignment whose `=` (or `:=`) is the token at `i`. */
  assignAt(i: number): Assign | undefined {
    return this.byEq.get(i);
  }

  /** The variable a chain starting at `i` is assigned to (`const r = fetch(…)`, `req, err := …`). */
  assignedTo(i: number): string | undefined {
    let j = i - 1;
    while (j >= 0) {
      const t = this.toks[j]!;
      if (t.k === 'nl' || (t.k === 'id' && (t.v === 'await' || t.v === 'yield' || t.v === 'try'))) j--;
      else if (t.k === 'op' && (t.v === '&' || t.v === '*')) j--;
      else if (this.is(j, ')') && this.is(j - 2, '(') && this.toks[j - 1]?.k === 'id') j -= 3;
      else break;
    }
    const a = this.byEq.get(j);
    return a && !a.index ? a.name : undefined;
  }
}
