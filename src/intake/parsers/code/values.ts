/**
 * What an expression in a snippet evaluates to, as far as the paste shows: string literals, concatenation,
 * interpolation and format calls are joined; variables assigned a literal earlier are resolved; environment
 * reads and other variables are kept as written with an `origin` saying where the real value comes from.
 */
import type { ValueOrigin } from '../../raw.js';
import type { Program } from './program.js';
import type { StrLit } from './strings.js';

export interface Piece {
  /** The value as sent when it is known; otherwise as written (`Bearer ${token}`, `process.env.KEY`). */
  text: string;
  /** How the piece reads inside a larger string: unknown expressions become `${expr}`. */
  inner: string;
  /** True when every part of the value is known. */
  literal: boolean;
  origin?: ValueOrigin;
  /** The whole value is `null` / `undefined` / `None` / `nil`. */
  nullish?: boolean;
  /** Variables that resolved to null, undefined or an empty string on the way. */
  emptyVars?: string[];
}

export interface Entry {
  key: string;
  s: number;
  e: number;
  line: number;
}

const MAX_DEPTH = 5;
const MAX_TEXT = 4000;

const NULLS = new Set(['undefined', 'null', 'None', 'nil', 'NULL', 'Nothing']);
const ENV_PROPERTY_ROOTS = ['process.env', 'import.meta.env', 'Bun.env'];
const ENV_INDEX = new Set([
  'process.env',
  'os.environ',
  'environ',
  'ENV',
  '$_ENV',
  '$_SERVER',
  'import.meta.env',
]);
const ENV_CALL = new Set([
  'os.getenv',
  'os.environ.get',
  'environ.get',
  'getenv',
  'System.getenv',
  'Environment.GetEnvironmentVariable',
  'System.Environment.GetEnvironmentVariable',
  'os.Getenv',
  'os.LookupEnv',
  'ENV.fetch',
  'env',
  'Deno.env.get',
  'std::env::var',
  'env::var',
  'std::getenv',
  'dotenv.get',
]);
/** Calls whose result is their first argument for our purposes (a URL wrapper, a string conversion). */
const PASS_THROUGH = new Set([
  'URI',
  'URI.parse',
  'URI.create',
  'URL',
  'Uri',
  'new URL',
  'new URI',
  'new Uri',
  'new java.net.URL',
  'java.net.URI.create',
  'url.parse',
  'str',
  'String',
  'String.valueOf',
  'new String',
  'RestClientOptions',
  'new RestClientOptions',
  'Some',
]);
const FORMAT_CALLS = new Set([
  'String.format',
  'fmt.Sprintf',
  'sprintf',
  'format',
  'string.Format',
  'String.Format',
  'util.format',
]);
const TRIMS = new Set([
  'trim',
  'strip',
  'rstrip',
  'lstrip',
  'chomp',
  'toString',
  'ToString',
  'to_s',
  'trimEnd',
  'trimStart',
  'Trim',
]);
const BASE64_MARKERS = [
  'btoa',
  'b64encode',
  'base64',
  'Base64',
  'ToBase64String',
  'encodeToString',
  'strict_encode64',
  'encode64',
  'base64_encode',
];
/** Calls that turn a string into bytes before base64 encoding: skipped to reach the string. */
const TO_BYTES = new Set(['encode', 'getBytes', 'GetBytes', 'toByteArray', 'from', 'byte', 'bytes', 'b']);

export class Values {
  private readonly memo = new Map<number, Piece>();
  /** Lines where JavaScript `${…}` sits in a '…' or "…" string and is therefore sent literally. */
  readonly plainTemplateLines = new Set<number>();

  constructor(readonly p: Program) {}

  /** The value of tokens [s, e) with Postman / mustache `{{var}}` placeholders recognised. */
  value(s: number, e: number): Piece {
    return withTemplates(this.str(s, e, 0));
  }

  str(s: number, e: number, depth: number): Piece {
    const p = this.p;
    s = p.skipNl(s);
    while (e > s && p.tok(e - 1)?.k === 'nl') e--;
    if (e <= s) return lit('');
    if (this.hasTopLevel(s, e, ['||', '??', '?', 'or', '?:', 'if'])) return this.opaque(s, e);
    const terms = this.terms(s, e);
    if (terms.length === 1) return this.term(s, e, depth);
    return combine(terms.map(([a, b]) => this.term(a, b, depth)));
  }

  /** Splits at top-level `+` (and PHP's `.` concatenation). */
  private terms(s: number, e: number): [number, number][] {
    const p = this.p;
    const out: [number, number][] = [];
    let start = s;
    let j = s;
    while (j < e) {
      const t = p.tok(j)!;
      if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{')) {
        j = Math.min(p.after(j), e);
        continue;
      }
      const prev = p.tok(j - 1);
      const next = p.tok(j + 1);
      const binary = j > start && prev !== undefined && (prev.k !== 'op' || /[)\]}]/.test(prev.v));
      // PHP joins strings with ` . `; elsewhere a dot after a string is a method call (`"…".format(…)`).
      const spaced = p.src[t.s - 1] === ' ' && p.src[t.e] === ' ';
      const phpDot =
        t.v === '.' &&
        (p.lang === 'php' || spaced) &&
        (prev?.k === 'str' || next?.k === 'str' || next?.v.startsWith('$') === true);
      if (t.k === 'op' && binary && (t.v === '+' || phpDot)) {
        out.push([start, j]);
        start = j + 1;
      }
      j++;
    }
    out.push([start, e]);
    return out.filter(([a, b]) => b > a);
  }

  private hasTopLevel(s: number, e: number, ops: string[]): boolean {
    const p = this.p;
    for (let j = s; j < e; j++) {
      const t = p.tok(j)!;
      if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{')) {
        j = p.after(j) - 1;
        continue;
      }
      if (t.k !== 'str' && ops.includes(t.v) && j > s) return true;
    }
    return false;
  }

  private term(s: number, e: number, depth: number): Piece {
    const p = this.p;
    const first = p.tok(s)!;
    if (first.k === 'id' && (first.v === 'await' || first.v === 'yield') && e > s + 1)
      return this.term(s + 1, e, depth);
    if (p.is(s, '(') && p.after(s) === e) return this.str(s + 1, e - 1, depth);
    // A cast: `(String) token`.
    if (p.is(s, '(') && p.tok(s + 1)?.k === 'id' && p.is(s + 2, ')') && e > s + 3)
      return this.term(s + 3, e, depth);
    // Kotlin / Swift / TypeScript non-null assertions.
    if (e - s > 1 && p.is(e - 1, '!')) return this.term(s, e - 1, depth);
    if (first.k === 'str') {
      if (e === s + 1) return this.strLit(first.str!, s, depth);
      return this.stringExpression(s, e, depth);
    }
    if (first.k === 'num' && e === s + 1) return lit(first.v);
    if (first.k === 'id' && e === s + 1 && NULLS.has(first.v)) return this.nullPiece(first.v);
    if (first.k === 'id' && e === s + 1 && /^(?:true|false|True|False)$/.test(first.v)) return lit(first.v);
    const env = this.env(s, e);
    if (env) return env;
    const isNew = p.is(s, 'new');
    const path = p.path(isNew ? s + 1 : s, e);
    if (!path) return this.opaque(s, e);
    if (path.end === e && !isNew) return this.variable(path.text, s, depth);
    const callee = isNew ? `new ${path.text}` : path.text;
    const callEnd = p.is(path.end, '(') ? p.after(path.end) : -1;
    // C# `new RestClientOptions(url) { MaxTimeout = -1 }`: the initializer does not change the argument.
    if (callEnd === e || (isNew && callEnd > 0 && p.is(callEnd, '{') && p.after(callEnd) === e)) {
      const args = p.args(path.end);
      const a0 = args[0];
      if (PASS_THROUGH.has(callee) && a0) return this.str(a0.s, a0.e, depth);
      if (FORMAT_CALLS.has(callee) && a0) return this.format(a0.s, a0.e, args.slice(1), depth);
      if (path.parts.at(-1) === 'AuthenticationHeaderValue' && a0) {
        const scheme = this.str(a0.s, a0.e, depth);
        const a1 = args[1];
        return a1 ? combine([scheme, lit(' '), this.str(a1.s, a1.e, depth)]) : scheme;
      }
      if (callee === 'Credentials.basic' && a0 && args[1]) {
        const pair = combine([this.str(a0.s, a0.e, depth), lit(':'), this.str(args[1].s, args[1].e, depth)]);
        return this.base64Of(pair, s, e, 'Basic ');
      }
      if (TRIMS.has(path.parts.at(-1)!) && args.length === 0 && path.parts.length > 1) {
        return this.variable(path.text.slice(0, path.text.lastIndexOf(path.parts.at(-1)!) - 1), s, depth);
      }
    }
    if (this.mentionsBase64(s, e)) return this.base64(s, e, depth);
    return this.opaque(s, e);
  }

  /** A string literal followed by `.format(…)`, `% args`, `.trim()` or similar. */
  private stringExpression(s: number, e: number, depth: number): Piece {
    const p = this.p;
    const first = p.tok(s)!;
    if (p.is(s + 1, '%')) {
      const a = s + 2;
      const args = p.is(a, '(') && p.after(a) === e ? p.args(a) : [{ s: a, e }];
      return this.format(s, s + 1, args, depth);
    }
    if (p.is(s + 1, '.') && p.tok(s + 2)?.v === 'format' && p.is(s + 3, '(')) {
      return this.format(s, s + 1, p.args(s + 3), depth);
    }
    if (p.is(s + 1, '.') && TRIMS.has(p.tok(s + 2)?.v ?? '')) return this.strLit(first.str!, s, depth);
    if (this.mentionsBase64(s, e)) return this.base64(s, e, depth);
    return this.opaque(s, e);
  }

  private strLit(str: StrLit, at: number, depth: number): Piece {
    const pieces: Piece[] = [];
    for (const part of str.parts) {
      if (part.kind === 'lit') {
        pieces.push(lit(part.text));
        continue;
      }
      const v = this.interpolation(part.expr, at, depth);
      pieces.push(v.literal ? v : { ...v, inner: part.raw, text: part.raw });
    }
    if (
      (this.p.lang === 'js' || this.p.lang === 'unknown') &&
      str.quote !== '`' &&
      str.parts.some((x) => x.kind === 'lit' && x.text.includes('${'))
    ) {
      this.plainTemplateLines.add(this.p.tok(at)!.line);
    }
    if (pieces.length === 0) return lit('');
    const out = combine(pieces);
    return { ...out, inner: out.text };
  }

  private interpolation(expr: string, at: number, depth: number): Piece {
    if (expr.length > 200) return unknown(expr);
    const env = envFromText(expr);
    if (env)
      return { text: expr, inner: `\${${expr}}`, literal: false, origin: { kind: 'env', names: [env] } };
    if (/^[$@]?[A-Za-z_][\w$]*(?:(?:\.|->|\?\.)[A-Za-z_][\w$]*)*$/.test(expr)) {
      return this.variable(expr.replace(/\?\./g, '.'), at, depth);
    }
    return unknown(expr);
  }

  /** A variable: resolved when the paste assigns it a literal, else kept with where its value comes from. */
  variable(name: string, use: number, depth: number): Piece {
    if (NULLS.has(name)) return this.nullPiece(name);
    const a = depth < MAX_DEPTH ? this.p.lookup(name, use) : undefined;
    // PHP variables already start with `$`: `{$token}` is PHP's own way to write one inside a string.
    const wrapped = name.startsWith('$') ? `{${name}}` : `\${${name}}`;
    if (!a)
      return { text: name, inner: wrapped, literal: false, origin: { kind: 'variable', names: [name] } };
    let rhs = this.memo.get(a.s);
    if (!rhs) {
      rhs = this.str(a.s, a.e, depth + 1);
      this.memo.set(a.s, rhs);
    }
    if (rhs.literal) {
      const empty = rhs.nullish || rhs.text === '' ? [name] : [];
      const emptyVars = [...(rhs.emptyVars ?? []), ...empty];
      const out: Piece = { text: rhs.text, inner: rhs.text, literal: true };
      if (rhs.nullish) out.nullish = true;
      if (emptyVars.length) out.emptyVars = emptyVars;
      return out;
    }
    const origin: ValueOrigin =
      rhs.origin && (rhs.origin.kind === 'env' || rhs.origin.kind === 'template')
        ? rhs.origin
        : { kind: 'variable', names: [name] };
    const out: Piece = { text: name, inner: wrapped, literal: false, origin };
    if (rhs.emptyVars) out.emptyVars = rhs.emptyVars;
    return out;
  }

  private nullPiece(word: string): Piece {
    const lang = this.p.lang;
    const text = lang === 'php' || lang === 'ruby' || lang === 'csharp' ? '' : word;
    return { text, inner: text, literal: true, nullish: true };
  }

  /** `process.env.X`, `os.environ["X"]`, `System.getenv("X")`, … covering the whole range. */
  private env(s: number, e: number): Piece | undefined {
    const p = this.p;
    const path = p.path(s, e);
    if (!path) return undefined;
    // Only a match needs the text; the range may run to the end of the paste (opaque() asks at every token).
    const text = () => p.text(s, e);
    for (const root of ENV_PROPERTY_ROOTS) {
      if (path.text.startsWith(`${root}.`) && path.parts.length > root.split('.').length) {
        const name = path.parts[root.split('.').length]!;
        return envPiece(text(), name);
      }
    }
    const open = path.end;
    const inner = p.tok(open + 1);
    if (inner?.k !== 'str') return undefined;
    const name = this.str(open + 1, open + 2, MAX_DEPTH).text;
    if (!name || !/^[\w.-]+$/.test(name)) return undefined;
    if (p.is(open, '[') && ENV_INDEX.has(path.text)) return envPiece(text(), name);
    if (p.is(open, '(') && ENV_CALL.has(path.text)) return envPiece(text(), name);
    return undefined;
  }

  /** `"Bearer %s" % t`, `"Bearer {}".format(t)`, `String.format("Bearer %s", t)`, `fmt.Sprintf(…)`. */
  private format(fs: number, fe: number, args: { s: number; e: number }[], depth: number): Piece {
    const fmt = this.str(fs, fe, depth);
    if (!fmt.literal) return this.opaque(fs, args.at(-1)?.e ?? fe);
    const values = args.map((a) => this.str(a.s, a.e, depth));
    const pieces: Piece[] = [];
    const f = fmt.text;
    let buf = '';
    let next = 0;
    for (let i = 0; i < f.length; i++) {
      const c = f[i]!;
      let consumed = 0;
      let index = -1;
      if (c === '%' && f[i + 1] === '%') {
        buf += '%';
        i++;
        continue;
      }
      const percent =
        c === '%' ? /^%[-+ #0]*(?:[1-9]\d*)?(?:\.\d+)?[sdvqfixX]/.exec(f.slice(i, i + 12)) : null;
      const brace = c === '{' ? /^\{(\d*)(?::[^}]*)?\}/.exec(f.slice(i, i + 16)) : null;
      if (percent) consumed = percent[0].length;
      else if (brace) {
        consumed = brace[0].length;
        if (brace[1]) index = Number(brace[1]);
      }
      if (!consumed) {
        buf += c;
        continue;
      }
      const v = values[index >= 0 ? index : next++];
      if (!v) {
        buf += f.slice(i, i + consumed);
      } else {
        if (buf) pieces.push(lit(buf));
        buf = '';
        pieces.push(v);
      }
      i += consumed - 1;
    }
    if (buf) pieces.push(lit(buf));
    return pieces.length ? combine(pieces) : lit('');
  }

  private mentionsBase64(s: number, e: number): boolean {
    const p = this.p;
    for (let j = s; j < e && j < s + 60; j++) {
      const t = p.tok(j)!;
      if (t.k === 'id' && BASE64_MARKERS.some((m) => t.v.includes(m))) return true;
      if (t.k === 'str' && t.v.includes('base64') && p.is(j - 1, '(')) return true;
    }
    return false;
  }

  /** A base64-encoding expression: computed when its input is a literal, else kept as written. */
  private base64(s: number, e: number, depth: number): Piece {
    const input = this.base64Input(s, e);
    if (!input) return this.opaque(s, e);
    return this.base64Of(this.str(input[0], input[1], depth), s, e, '');
  }

  private base64Of(input: Piece, s: number, e: number, prefix: string): Piece {
    if (input.literal) return lit(prefix + Buffer.from(input.text, 'utf8').toString('base64'));
    const out = this.opaque(s, e);
    if (input.origin) out.origin = input.origin;
    return out;
  }

  /** The string being encoded: the first non-empty argument list, unwrapped from `.encode()`/`GetBytes(…)`. */
  private base64Input(s: number, e: number): [number, number] | undefined {
    const p = this.p;
    let range: [number, number] | undefined;
    for (let j = s; j < e; j++) {
      if (p.is(j, '(') && p.after(j) - 1 > j + 1) {
        const a0 = p.args(j)[0];
        if (a0) range = [a0.s, a0.e];
        break;
      }
    }
    for (let n = 0; range && n < 3; n++) {
      let [a, b] = range;
      if (p.is(a, '[') && p.is(a + 1, ']')) a += 2;
      const path = p.path(a);
      const last = p.tok(b - 1);
      // `x.encode()` / `x.getBytes(UTF_8)`: strip the call at the end.
      if (
        last?.v === ')' &&
        p.is(p.match[b - 1]! - 2, '.') &&
        TO_BYTES.has(p.tok(p.match[b - 1]! - 1)?.v ?? '')
      ) {
        range = [a, p.match[b - 1]! - 2];
        continue;
      }
      // `Encoding.UTF8.GetBytes(x)` / `[]byte(x)`: take the argument.
      if (path && TO_BYTES.has(path.parts.at(-1)!) && p.is(path.end, '(') && p.after(path.end) === b) {
        const inner = p.args(path.end)[0];
        range = inner ? [inner.s, inner.e] : undefined;
        continue;
      }
      range = [a, b];
      break;
    }
    return range;
  }

  /** An expression we do not evaluate: kept as written, with the variables or env names it reads. */
  private opaque(s: number, e: number): Piece {
    const p = this.p;
    const text = p.textPrefix(s, e, 300);
    const envNames: string[] = [];
    const varNames: string[] = [];
    for (let j = s; j < e && j < s + 200; j++) {
      const t = p.tok(j)!;
      if (t.k !== 'id' || p.isMember(j)) continue;
      const path = p.path(j);
      if (!path) continue;
      const env = this.env(j, Math.min(p.after(path.end), e));
      if (env?.origin?.names) envNames.push(...env.origin.names);
      else if (
        !p.is(path.end, '(') &&
        !NULLS.has(path.text) &&
        !/^(?:new|await|true|false)$/.test(path.text)
      ) {
        varNames.push(path.text);
      }
    }
    const origin: ValueOrigin = envNames.length
      ? { kind: 'env', names: [...new Set(envNames)] }
      : { kind: 'variable', names: varNames.length ? [...new Set(varNames)].slice(0, 5) : [text] };
    return { text, inner: `\${${text}}`, literal: false, origin };
  }

  /** Follows a bare variable to the expression assigned to it (for objects and lists). */
  deref(s: number, e: number, depth = 0): [number, number] {
    const p = this.p;
    const path = p.path(s, e);
    if (depth < MAX_DEPTH && path && path.end === e) {
      const a = p.lookup(path.text, s);
      if (a) return this.deref(a.s, a.e, depth + 1);
    }
    return [s, e];
  }

  /** Key/value entries of an object, dict, map, PHP array or initializer in [s, e). */
  obj(s0: number, e0: number, depth = 0): Entry[] | undefined {
    const p = this.p;
    const [s, e] = this.deref(s0, e0);
    const open = this.firstBracket(s, e);
    if (open < 0) return undefined;
    const ot = p.tok(open)!.v;
    if (ot === '(') {
      const args = p.args(open);
      const a0 = args[0];
      if (a0 && !a0.name && args.length === 1 && this.firstBracket(a0.s, a0.e) >= 0 && depth < MAX_DEPTH) {
        return this.obj(a0.s, a0.e, depth + 1);
      }
      if (args.length && args.every((a) => a.name)) {
        return args.map((a) => ({ key: a.name!, s: a.s, e: a.e, line: p.tok(a.s)!.line }));
      }
      if (args.some((a) => this.separator(a.s, a.e) >= 0)) return this.entries(open, depth);
      // `Map.of("k", v, "k2", v2)`.
      const out: Entry[] = [];
      for (let k = 0; k + 1 < args.length; k += 2) {
        const key = args[k]!;
        const val = args[k + 1]!;
        if (p.tok(key.s)?.k !== 'str') return undefined;
        out.push({
          key: this.str(key.s, key.e, MAX_DEPTH).text,
          s: val.s,
          e: val.e,
          line: p.tok(key.s)!.line,
        });
      }
      return out.length ? out : undefined;
    }
    return this.entries(open, depth);
  }

  private entries(open: number, depth: number): Entry[] | undefined {
    const p = this.p;
    const out: Entry[] = [];
    let any = false;
    for (const item of p.args(open)) {
      const { s, e } = item;
      if (item.name) {
        out.push({ key: item.name, s, e, line: p.tok(s)!.line });
        any = true;
        continue;
      }
      if ((p.is(s, '...') || p.is(s, '**')) && depth < MAX_DEPTH) {
        const spread = this.obj(s + 1, e, depth + 1);
        if (spread) out.push(...spread);
        continue;
      }
      // C# collection initializer item: `{ "Authorization", "Bearer x" }`.
      if (p.is(s, '{') && p.after(s) === e) {
        const pair = p.args(s);
        if (pair.length === 2 && p.tok(pair[0]!.s)?.k === 'str') {
          const key = this.str(pair[0]!.s, pair[0]!.e, MAX_DEPTH).text;
          out.push({ key, s: pair[1]!.s, e: pair[1]!.e, line: p.tok(s)!.line });
          any = true;
        }
        continue;
      }
      const sep = this.separator(s, e);
      if (sep >= 0) {
        const key = this.key(s, sep);
        if (key !== undefined) {
          out.push({ key, s: sep + 1, e, line: p.tok(s)!.line });
          any = true;
        }
        continue;
      }
      // JavaScript shorthand `{ headers }`.
      if (e === s + 1 && p.tok(s)?.k === 'id' && p.is(open, '{')) {
        out.push({ key: p.tok(s)!.v, s, e, line: p.tok(s)!.line });
        any = true;
        continue;
      }
      return any ? out : undefined;
    }
    return out;
  }

  /** Index of the key/value separator (`:`, `=>`, `=`, Kotlin `to`) at the top level of an item. */
  private separator(s: number, e: number): number {
    const p = this.p;
    for (let j = s; j < e; j++) {
      const t = p.tok(j)!;
      if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{')) {
        if (j === s && t.v === '[') {
          j = p.after(j) - 1;
          continue;
        }
        if (j > s) return -1;
        j = p.after(j) - 1;
        continue;
      }
      if (j === s && t.k === 'op' && t.v === ':') continue;
      if (t.k === 'op' && (t.v === ':' || t.v === '=>' || t.v === '=')) return j;
      if (t.k === 'id' && t.v === 'to' && j > s) return j;
    }
    return -1;
  }

  private key(s: number, sep: number): string | undefined {
    const p = this.p;
    if (p.is(s, ':') && sep === s + 2) return p.tok(s + 1)?.v;
    if (sep === s + 1) {
      const t = p.tok(s)!;
      if (t.k === 'str') return this.str(s, sep, MAX_DEPTH).text;
      if (t.k === 'id' || t.k === 'num') return t.v;
    }
    if (p.is(s, '[') && p.after(s) === sep) return this.str(s + 1, sep - 1, 1).text;
    return undefined;
  }

  /** Items of a list or array literal in [s, e): `[…]`, `array(…)`, `new String[]{…}`, `listOf(…)`. */
  list(s0: number, e0: number): { s: number; e: number }[] | undefined {
    const [s, e] = this.deref(s0, e0);
    const open = this.firstBracket(s, e);
    if (open < 0) return undefined;
    // `new String[]{…}`, `[]string{…}`: skip the empty type brackets.
    let o = open;
    while (this.p.is(o, '[') && this.p.is(o + 1, ']')) o = this.firstBracket(o + 2, e);
    if (o < 0) return undefined;
    return this.p.args(o).map((a) => ({ s: a.s, e: a.e }));
  }

  /** The first bracket of [s, e) after a constructor or type prefix (`new Headers(`, `map[string]string{`). */
  private firstBracket(s: number, e: number): number {
    const p = this.p;
    for (let j = s; j < e && j < s + 30; j++) {
      const t = p.tok(j)!;
      if (t.k === 'op' && (t.v === '(' || t.v === '[' || t.v === '{')) {
        // Go `map[string]string{…}`: the index brackets are part of the type.
        if (t.v === '[' && p.tok(j - 1)?.v === 'map') {
          j = p.after(j) - 1;
          continue;
        }
        return j;
      }
      if (t.k === 'str' || t.k === 'num') return -1;
    }
    return -1;
  }
}

function lit(text: string): Piece {
  return { text, inner: text, literal: true };
}

function unknown(expr: string): Piece {
  return { text: expr, inner: `\${${expr}}`, literal: false, origin: { kind: 'variable', names: [expr] } };
}

function envPiece(text: string, name: string): Piece {
  return { text, inner: `\${${text}}`, literal: false, origin: { kind: 'env', names: [name] } };
}

const ENV_TEXT = [
  /^(?:process\.env|import\.meta\.env|Bun\.env)\.(\w+)$/,
  /^(?:process\.env|os\.environ|environ|ENV|\$_ENV|\$_SERVER)\[\s*['"]([\w.-]+)['"]\s*\]$/,
  /^(?:os\.getenv|os\.environ\.get|environ\.get|getenv|System\.getenv|Environment\.GetEnvironmentVariable|os\.Getenv|ENV\.fetch|env)\(\s*['"]([\w.-]+)['"]/,
];

function envFromText(expr: string): string | undefined {
  for (const re of ENV_TEXT) {
    const m = re.exec(expr);
    if (m) return m[1];
  }
  return undefined;
}

/** Joins pieces into one value: unknown parts read as `${expr}`, origins merged (env beats variables). */
export function combine(pieces: Piece[]): Piece {
  if (pieces.length === 1) return pieces[0]!;
  let text = '';
  const env: string[] = [];
  const template: string[] = [];
  const vars: string[] = [];
  const emptyVars: string[] = [];
  let literal = true;
  for (const x of pieces) {
    if (text.length < MAX_TEXT) text += x.literal ? x.text : x.inner;
    if (!x.literal) literal = false;
    if (x.emptyVars) emptyVars.push(...x.emptyVars);
    const names = x.origin?.names ?? [];
    if (x.origin?.kind === 'env') env.push(...names);
    else if (x.origin?.kind === 'template') template.push(...names);
    else if (x.origin) vars.push(...names);
  }
  const out: Piece = { text, inner: text, literal };
  if (env.length) out.origin = { kind: 'env', names: [...new Set(env)] };
  else if (template.length) out.origin = { kind: 'template', names: [...new Set(template)] };
  else if (vars.length) out.origin = { kind: 'variable', names: [...new Set(vars)] };
  if (emptyVars.length) out.emptyVars = [...new Set(emptyVars)];
  return out;
}

/** A known value holding `{{name}}` is a Postman / mustache template: the real value is filled in later. */
export function withTemplates(v: Piece): Piece {
  if (v.origin && v.origin.kind !== 'variable') return v;
  if (!v.text.includes('{{') || v.text.length > MAX_TEXT) return v;
  const names: string[] = [];
  const re = /\{\{\s*([\w.$-]{1,100})\s*\}\}/g;
  for (let m = re.exec(v.text); m; m = re.exec(v.text)) names.push(m[1]!);
  if (!names.length) return v;
  return { ...v, origin: { kind: 'template', names: [...new Set(names)] } };
}
