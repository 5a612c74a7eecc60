/**
 * curl's command line semantics: shell words (program name excluded) to the requests curl would send.
 * Follows curl's own rules (option table, short-flag clusters, `--no-` booleans, unique prefixes, `--next`,
 * one request per URL with per-URL `-T`), and reports what it cannot know as notes instead of failing.
 */
import { type Note, note } from '../../notes.js';
import type { RawBody, RawHeader, RawRequest, RawRequestOptions, ValueOrigin } from '../../raw.js';
import type { Word } from '../../shell/types.js';
import {
  type DataFlag,
  type DataPiece,
  dataBody,
  dataPiece,
  type FormPiece,
  formPiece,
  joinData,
  type StdinSource,
  urlencodePiece,
} from './body.js';
import { appendQuery, withScheme, withUploadName } from './encode.js';
import { type CurlOption, longOption, shortOption } from './options.js';
import { originOf, shellTouched } from './origin.js';
import {
  credentialHeader,
  type PasteVariables,
  shellNotes,
  URL_LABEL,
  type ValueRole,
  type VisibleRange,
} from './shell-notes.js';

export type { StdinSource } from './body.js';

export interface CurlArgvContext {
  /** Line of the command, used for the requests and for notes about the command as a whole. */
  line: number;
  /** Standard input when the paste shows it (`< file`, a here-document, `echo … |`), for `@-`. */
  stdin?: StdinSource;
  /** Shell variables the paste itself sets before this command, for clearer notes. */
  pasteVariables?: PasteVariables;
}

export interface CurlArgvResult {
  requests: RawRequest[];
  notes: Note[];
}

/** An option's argument, with the word it came from (for its origin and line). */
interface Arg {
  text: string;
  word: Word;
}

interface HeaderEntry {
  header: RawHeader;
  /** Sent by curl for `-A` / `-e`, unless a `-H` of the same name replaces it. */
  implicit: boolean;
  /** The name lowercased once, for the comparisons made for every request. */
  lower: string;
}

/** Everything between two `--next`: curl's "operation", shared by all of its URLs. */
class Operation {
  urls: Arg[] = [];
  uploads: string[] = [];
  queries: string[] = [];
  method: string | undefined;
  head = false;
  get = false;
  headers: HeaderEntry[] = [];
  /** Lowercase names of `-H 'Name:'`; only ever searched for curl's few own headers, so a list does. */
  removed: string[] = [];
  range: string | undefined;
  data: DataPiece[] = [];
  form: FormPiece[] = [];
  basicAuth: RawRequest['basicAuth'];
  bearer: RawRequest['bearer'];
  cookies: { name: string; value: string }[] = [];
  options: RawRequestOptions = {};
  /** Anything that makes this operation a request worth reporting even without a URL. */
  touched = false;
}

// The tables below are read inside `switch` cases on the option name, so every lookup finds its key.
const AUTH_FLAGS = {
  basic: 'basic',
  digest: 'digest',
  ntlm: 'ntlm',
  'ntlm-wb': 'ntlm',
  negotiate: 'negotiate',
  anyauth: 'anyauth',
} as const satisfies Record<string, NonNullable<RawRequestOptions['authScheme']>>;

const HTTP_VERSIONS = {
  'http1.0': '1.0',
  'http1.1': '1.1',
  http2: '2',
  'http2-prior-knowledge': '2',
  http3: '3',
  'http3-only': '3',
} as const;

const SOCKS = {
  socks4: 'socks4',
  socks4a: 'socks4a',
  socks5: 'socks5',
  'socks5-hostname': 'socks5h',
} as const;

export function parseCurlArgv(args: Word[], ctx: CurlArgvContext): CurlArgvResult {
  return new ArgvReader(args, ctx).run();
}

class ArgvReader {
  readonly #args: Word[];
  readonly #ctx: CurlArgvContext;
  readonly #notes: Note[] = [];
  readonly #ops: Operation[] = [new Operation()];
  #verbose = false;
  #i = 0;

  constructor(args: Word[], ctx: CurlArgvContext) {
    this.#args = args;
    this.#ctx = ctx;
  }

  get #op(): Operation {
    return this.#ops[this.#ops.length - 1] ?? new Operation();
  }

  run(): CurlArgvResult {
    let optionsEnded = false;
    for (this.#i = 0; this.#i < this.#args.length; this.#i++) {
      const word = this.#args[this.#i];
      if (word === undefined) break;
      const text = word.value;
      if (!optionsEnded && text.startsWith('-') && text.length > 1) {
        if (text === '--') optionsEnded = true;
        else if (text.startsWith('--')) this.#long(word);
        else this.#shortCluster(word);
      } else if (text !== '') {
        this.#op.urls.push({ text, word });
        this.#shell(word, 'credential', URL_LABEL);
      }
    }
    const requests: RawRequest[] = [];
    for (const op of this.#ops) this.#addRequests(op, requests);
    return { requests, notes: withoutRepeats(this.#notes) };
  }

  #note(code: string, message: string, line: number): void {
    this.#notes.push(note(code, message, line));
  }

  #shell(word: Word, role: ValueRole, label: string, visible?: VisibleRange): void {
    if (shellTouched(word)) this.#shellNotes(word, role, label, visible);
  }

  #shellNotes(word: Word, role: ValueRole, label: string, visible?: VisibleRange): void {
    this.#notes.push(...shellNotes(word, role, label, this.#ctx.pasteVariables, visible));
  }

  #long(word: Word): void {
    const body = word.value.slice(2);
    let lookup = longOption(body);
    let inline: string | undefined;
    const eq = body.indexOf('=');
    if (lookup.option === undefined && lookup.ambiguous === undefined && eq > 0) {
      const named = longOption(body.slice(0, eq));
      if (named.option?.kind === 'arg') {
        lookup = named;
        inline = body.slice(eq + 1);
        this.#note(
          'curl.equals_syntax',
          `curl does not accept \`--${named.option.name}=value\` (it stops with "option is unknown"); read as \`--${named.option.name} value\`.`,
          word.line,
        );
      }
    }
    const option = lookup.option;
    if (lookup.ambiguous !== undefined) {
      this.#note(
        'curl.ambiguous_option',
        `\`--${body}\` could be any of ${lookup.ambiguous.map((n) => `--${n}`).join(', ')}; curl rejects it, so it was ignored.`,
        word.line,
      );
      return;
    }
    if (option === undefined) {
      this.#note(
        'curl.unknown_option',
        `\`${optionLabel(word.value)}\` is not a curl option; it was ignored.`,
        word.line,
      );
      return;
    }
    if (lookup.abbreviated === true) {
      this.#note(
        'curl.abbreviated_option',
        `\`--${body}\` was read as \`--${lookup.negated === true ? 'no-' : ''}${option.name}\` (curl accepts unambiguous abbreviations).`,
        word.line,
      );
    }
    if (option.kind !== 'arg') {
      this.#flag(option, lookup.negated !== true, word);
      return;
    }
    const arg = inline === undefined ? this.#nextArg(word, `--${option.name}`) : { text: inline, word };
    if (arg !== undefined) this.#value(option, arg);
  }

  #shortCluster(word: Word): void {
    const text = word.value;
    for (let j = 1; j < text.length; j++) {
      const letter = text[j] ?? '';
      const option = shortOption(letter);
      if (option === undefined) {
        this.#note(
          'curl.unknown_option',
          `\`-${letter}\` is not a curl option; curl rejects it, so the rest of that word was ignored.`,
          word.line,
        );
        return;
      }
      if (option.kind !== 'arg') {
        this.#flag(option, option.shortNegates !== true, word);
        continue;
      }
      const rest = text.slice(j + 1);
      const arg = rest === '' ? this.#nextArg(word, `-${letter}`) : { text: rest, word };
      if (arg !== undefined) this.#value(option, arg);
      return;
    }
  }

  #nextArg(flagWord: Word, flag: string): Arg | undefined {
    const next = this.#args[this.#i + 1];
    if (next === undefined) {
      this.#note(
        'curl.missing_argument',
        `\`${flag}\` needs a value but the command ends there (curl would stop with an error).`,
        flagWord.line,
      );
      return undefined;
    }
    this.#i++;
    return { text: next.value, word: next };
  }

  #flag(option: CurlOption, on: boolean, word: Word): void {
    const op = this.#op;
    const name = option.name;
    switch (name) {
      case 'basic':
      case 'digest':
      case 'ntlm':
      case 'ntlm-wb':
      case 'negotiate':
      case 'anyauth': {
        const scheme = AUTH_FLAGS[name];
        if (on) op.options.authScheme = scheme;
        else if (op.options.authScheme === scheme) op.options.authScheme = undefined;
        return;
      }
      case 'http1.0':
      case 'http1.1':
      case 'http2':
      case 'http2-prior-knowledge':
      case 'http3':
      case 'http3-only':
        op.options.httpVersion = HTTP_VERSIONS[name];
        return;
      case 'next':
        this.#ops.push(new Operation());
        return;
      case 'head':
        op.head = on;
        op.touched = true;
        return;
      case 'get':
        op.get = on;
        return;
      case 'location':
        op.options.followRedirects = on;
        return;
      case 'location-trusted':
        // curl sets both from this one flag, in either direction.
        op.options.followRedirects = on;
        op.options.locationTrusted = on;
        return;
      case 'insecure':
        op.options.insecure = on;
        return;
      case 'verbose':
        this.#verbose = on;
        return;
      case 'include':
        op.options.include = on;
        return;
      case 'netrc':
      case 'netrc-optional':
        if (on) this.#netrcNote(word);
        return;
      default:
        return;
    }
  }

  #netrcNote(word: Word): void {
    this.#note(
      'curl.netrc',
      'curl takes the user name and password for this host from a .netrc file, which is not part of the paste.',
      word.line,
    );
  }

  #value(option: CurlOption, arg: Arg): void {
    const op = this.#op;
    const name = option.name;
    const line = arg.word.line;
    switch (name) {
      case 'data':
      case 'data-ascii':
      case 'data-binary':
      case 'data-raw':
      case 'data-urlencode':
      case 'json':
        this.#data(name, arg);
        return;
      case 'socks4':
      case 'socks4a':
      case 'socks5':
      case 'socks5-hostname':
        op.options.proxy = arg.text.includes('://') ? arg.text : `${SOCKS[name]}://${arg.text}`;
        return;
      case 'url':
        op.urls.push(arg);
        this.#shell(arg.word, 'credential', URL_LABEL);
        return;
      case 'request':
        op.method = arg.text === '' ? undefined : arg.text;
        op.touched = true;
        return;
      case 'header':
        this.#header(arg);
        return;
      case 'user-agent':
        this.#implicitHeader('User-Agent', arg.text, arg);
        return;
      case 'referer': {
        // `;auto` only tells curl to set the Referer on redirects; it is not sent.
        const auto = arg.text.endsWith(';auto');
        const value = auto ? arg.text.slice(0, -5) : arg.text;
        if (value !== '') this.#implicitHeader('Referer', value, arg);
        return;
      }
      case 'user':
        this.#user(arg);
        return;
      case 'oauth2-bearer':
        op.bearer = withOrigin({ token: arg.text }, originOf(arg.word));
        this.#shell(arg.word, 'credential', 'The `--oauth2-bearer` token');
        op.touched = true;
        return;
      case 'cookie':
        this.#cookie(arg);
        return;
      case 'cookie-jar':
        op.options.cookieJar = arg.text;
        return;
      case 'form':
      case 'form-string':
        this.#form(arg, name === 'form-string');
        return;
      case 'upload-file':
        op.uploads.push(arg.text);
        op.touched = true;
        return;
      case 'url-query':
        op.queries.push(
          arg.text.startsWith('+') ? arg.text.slice(1) : urlencodePiece(arg.text, this.#ctx.stdin).text,
        );
        this.#stdinNote(arg.text, name, line);
        return;
      case 'range':
        op.range = /^\d+$/.test(arg.text) ? `${arg.text}-` : arg.text;
        return;
      case 'max-redirs': {
        const n = Number(arg.text);
        if (Number.isInteger(n)) op.options.maxRedirs = n;
        return;
      }
      case 'proxy':
        op.options.proxy = arg.text;
        return;
      case 'proxy-user':
        op.options.proxyUser = arg.text;
        this.#shell(arg.word, 'credential', 'The `-U` proxy credentials');
        return;
      case 'aws-sigv4':
        op.options.awsSigv4 = arg.text;
        op.options.authScheme = 'aws-sigv4';
        return;
      case 'config':
        this.#note(
          'curl.config_not_read',
          `\`${arg.text}\` is a curl config file: the options in it (often headers or credentials) are not in the paste.`,
          line,
        );
        return;
      case 'netrc-file':
        this.#netrcNote(arg.word);
        return;
      default:
        return;
    }
  }

  #data(flag: DataFlag, arg: Arg): void {
    const op = this.#op;
    op.data.push(dataPiece(flag, arg.text, this.#ctx.stdin));
    this.#shell(arg.word, 'body', 'The request body');
    this.#stdinNote(arg.text, flag, arg.word.line);
    op.touched = true;
  }

  #stdinNote(value: string, flag: string, line: number): void {
    const fromStdin = value === '@-' || value.endsWith('@-');
    if (fromStdin && this.#ctx.stdin === undefined) {
      this.#note(
        'curl.stdin_unknown',
        `\`--${flag} @-\` reads standard input, which the paste does not show.`,
        line,
      );
    }
  }

  #header(arg: Arg): void {
    const op = this.#op;
    const text = arg.text;
    const line = arg.word.line;
    if (text.startsWith('@')) {
      this.#note(
        'curl.header_file',
        `\`-H ${text}\` reads headers from the file \`${text.slice(1)}\`, which is not part of the paste.`,
        line,
      );
      return;
    }
    const colon = text.indexOf(':');
    if (colon !== -1) {
      const name = text.slice(0, colon);
      const value = text.slice(skipSpaces(text, colon + 1));
      if (isBlank(value)) {
        op.removed.push(name.toLowerCase());
        this.#note(
          'curl.header_removed',
          `\`-H '${name}:'\` (a colon and no value) tells curl not to send its own ${name} header; it sends no ${name} at all.`,
          line,
        );
        return;
      }
      // Most headers are plain text: then there is no origin, and no role or label is worth working out.
      const touched = shellTouched(arg.word);
      const header = touched ? withOrigin({ name, value }, originOf(arg.word)) : { name, value };
      op.headers.push({ header, implicit: false, lower: name.toLowerCase() });
      if (touched) {
        const role = credentialHeader(name) ? 'credential' : 'other';
        this.#shellNotes(arg.word, role, `The ${name.trim()} header`);
      }
      op.touched = true;
      return;
    }
    const semi = text.indexOf(';');
    if (semi !== -1 && text.slice(semi + 1).trim() === '') {
      const name = text.slice(0, semi);
      op.headers.push({ header: { name, value: '' }, implicit: false, lower: name.toLowerCase() });
      op.touched = true;
      return;
    }
    this.#note(
      'curl.header_malformed',
      'A `-H` value has no colon, so curl does not send it (a header is `Name: value`).',
      line,
    );
  }

  #implicitHeader(name: string, value: string, arg: Arg): void {
    const op = this.#op;
    const lower = name.toLowerCase();
    op.headers = op.headers.filter((h) => !(h.implicit && h.lower === lower));
    op.headers.push({ header: withOrigin({ name, value }, originOf(arg.word)), implicit: true, lower });
  }

  #user(arg: Arg): void {
    const op = this.#op;
    const colon = arg.text.indexOf(':');
    // The user name (before the colon) is not secret, so notes may quote it back.
    const from = arg.word.value.length - arg.text.length;
    const user = { from, to: from + (colon === -1 ? arg.text.length : colon) };
    this.#shell(arg.word, 'credential', 'The `-u` user and password', user);
    const origin = originOf(arg.word);
    op.touched = true;
    if (colon === -1) {
      op.basicAuth = withOrigin({ user: arg.text }, origin);
      this.#note(
        'curl.password_prompt',
        '`-u` has a user name but no `:password`, so curl asks for the password when run; the paste does not show what was typed.',
        arg.word.line,
      );
      return;
    }
    op.basicAuth = withOrigin(
      { user: arg.text.slice(0, colon), password: arg.text.slice(colon + 1) },
      origin,
    );
  }

  #cookie(arg: Arg): void {
    const op = this.#op;
    this.#shell(arg.word, 'credential', 'The `-b` cookie');
    if (!arg.text.includes('=')) {
      // `-b ''` only switches curl's cookie engine on; there is no file to name.
      if (arg.text !== '') op.options.cookieFiles = [...(op.options.cookieFiles ?? []), arg.text];
      return;
    }
    op.touched = true;
    for (const piece of arg.text.split(';')) {
      const pair = piece.trim();
      const eq = pair.indexOf('=');
      if (eq > 0) op.cookies.push({ name: pair.slice(0, eq), value: pair.slice(eq + 1) });
    }
  }

  #form(arg: Arg, literal: boolean): void {
    const piece = formPiece(arg.text, literal);
    if (piece === undefined) {
      this.#note('curl.form_malformed', 'A `-F` value has no `name=`; curl rejects it.', arg.word.line);
      return;
    }
    this.#op.form.push(piece);
    this.#op.touched = true;
  }

  /** One request per URL of the operation, or one without a URL when it set anything at all. */
  #addRequests(op: Operation, out: RawRequest[]): void {
    const line = this.#ctx.line;
    if (op.urls.length === 0) {
      if (!op.touched) return;
      this.#note('curl.no_url', 'This curl command has no URL, so curl would not send it.', line);
      out.push(this.#request(op, undefined, undefined));
      return;
    }
    const extra = op.uploads.length - op.urls.length;
    if (extra > 0) {
      this.#note('curl.upload_without_url', `${extra} \`-T\` file(s) have no URL to go to.`, line);
    }
    // Each URL is a request carrying all the command's data: thousands of them (a mangled paste) would cost
    // URLs × data. No real command needs more than a few.
    if (op.urls.length > MAX_URLS_PER_COMMAND)
      this.#note(
        'curl.too_many_urls',
        `This curl command names ${op.urls.length} URLs; I read the first ${MAX_URLS_PER_COMMAND}.`,
        line,
      );
    let k = 0;
    for (const url of op.urls.slice(0, MAX_URLS_PER_COMMAND))
      out.push(this.#request(op, url, op.uploads[k++]));
  }

  #request(op: Operation, urlArg: Arg | undefined, upload: string | undefined): RawRequest {
    const line = urlArg?.word.line ?? this.#ctx.line;
    const asQuery = op.get && op.data.length > 0;
    let url: string | undefined;
    if (urlArg !== undefined) {
      url = withScheme(urlArg.text);
      if (upload !== undefined && upload !== '-' && upload !== '.') url = withUploadName(url, upload);
      if (op.queries.length > 0) url = appendQuery(url, op.queries.join('&'));
      if (asQuery) url = appendQuery(url, joinData(op.data));
    }

    const hasData = op.data.length > 0 && !asQuery;
    const hasForm = op.form.length > 0 && !op.get;
    if ((op.head || upload !== undefined) && (hasData || hasForm)) {
      const first = op.head ? '`-I` (HEAD)' : '`-T` (PUT)';
      this.#note(
        'curl.conflicting_methods',
        `curl refuses ${first} together with ${hasData ? '`-d`' : '`-F`'} ("You can only select one HTTP request method!") and sends nothing; read as ${op.head ? 'HEAD' : 'the upload'}.`,
        line,
      );
    }
    if (op.data.length > 0 && op.form.length > 0) {
      this.#note(
        'curl.conflicting_body',
        'curl refuses `-d` and `-F` in one request; the `-d` data was kept.',
        line,
      );
    }

    let implied = 'GET';
    if (upload !== undefined) implied = 'PUT';
    else if (op.head) implied = 'HEAD';
    else if (hasData || hasForm) implied = 'POST';

    const headers = this.#headers(op, hasData, upload !== undefined);
    const request: RawRequest = { method: op.method ?? implied, headers };
    if (op.method !== undefined) request.methodExplicit = true;
    if (url !== undefined) request.url = url;
    if (op.basicAuth !== undefined) request.basicAuth = op.basicAuth;
    if (op.bearer !== undefined) request.bearer = op.bearer;
    if (op.cookies.length > 0) request.cookies = op.cookies;
    if (op.removed.length > 0) request.removedHeaders = [...op.removed];
    const body = this.#body(op, hasData, upload);
    if (body !== undefined) request.body = body;
    const options = requestOptions(op, this.#verbose);
    if (options !== undefined) request.options = options;
    return request;
  }

  /** The `-H` headers, then those curl adds itself for the body and range unless a `-H` replaced them. */
  #headers(op: Operation, hasData: boolean, uploading: boolean): RawHeader[] {
    const sent: RawHeader[] = [];
    for (const h of op.headers) if (!h.implicit || !replaced(op, h.lower)) sent.push(h.header);
    const json = op.data.some(isJsonPiece);
    if (hasData && !uploading && !replaced(op, 'content-type')) {
      const value = json ? 'application/json' : 'application/x-www-form-urlencoded';
      sent.push({ name: 'Content-Type', value });
    }
    if (json && !replaced(op, 'accept')) sent.push({ name: 'Accept', value: 'application/json' });
    if (op.range !== undefined && !replaced(op, 'range')) {
      sent.push({ name: 'Range', value: `bytes=${op.range}` });
    }
    return sent;
  }

  #body(op: Operation, hasData: boolean, upload: string | undefined): RawBody | undefined {
    if (upload !== undefined) {
      const stdin = upload === '-' || upload === '.' ? this.#ctx.stdin : undefined;
      if (stdin?.text !== undefined) return { kind: 'raw', text: stdin.text };
      return { kind: 'file', file: stdin?.file ?? upload };
    }
    if (hasData) {
      const contentType = op.headers.find((h) => !h.implicit && h.lower === 'content-type');
      return dataBody(op.data, contentType?.header.value);
    }
    if (op.form.length > 0) {
      return {
        kind: 'multipart',
        fields: op.form.map((f) => (f.file === undefined ? { name: f.name, value: f.value } : { ...f })),
      };
    }
    return undefined;
  }
}

/** The options a request has, without the unset ones; undefined when it has none. */
function requestOptions(op: Operation, verbose: boolean): RawRequestOptions | undefined {
  const options: RawRequestOptions = { ...op.options };
  if (verbose) options.verbose = true;
  if (op.get) options.dataAsQuery = true;
  let any = false;
  for (const key of Object.keys(options) as (keyof RawRequestOptions)[]) {
    if (options[key] === undefined) delete options[key];
    else any = true;
  }
  return any ? options : undefined;
}

const MAX_URLS_PER_COMMAND = 32;

function isJsonPiece(piece: DataPiece): boolean {
  return piece.flag === 'json';
}

/**
 * Whether curl leaves out its own header of this (lowercase) name: a `-H` of the same name replaces it, and
 * `-H 'Name:'` suppresses it. curl adds at most five of its own (User-Agent, Referer, Content-Type, Accept,
 * Range), so scanning the `-H` list for each stays linear and spares building a set of names per request.
 */
function replaced(op: Operation, lower: string): boolean {
  if (op.removed.includes(lower)) return true;
  for (const h of op.headers) if (!h.implicit && h.lower === lower) return true;
  return false;
}

/** One note per code, line and message: a command can give the same note for several of its words. */
function withoutRepeats(notes: Note[]): Note[] {
  if (notes.length < 2) return notes;
  const seen = new Set<string>();
  return notes.filter((n) => {
    const key = `${n.code}\u0000${n.line ?? 0}\u0000${n.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** The index of the first character from `from` on that is not a space or tab. */
function skipSpaces(text: string, from: number): number {
  let i = from;
  while (i < text.length && (text[i] === ' ' || text[i] === '\t')) i++;
  return i;
}

/** `text.trim() === ''`, without trimming (a copy) when the text starts with printable ASCII, as most do. */
function isBlank(text: string): boolean {
  const first = text.charCodeAt(0);
  if (first > 32 && first < 127) return false;
  return text.trim() === '';
}

function withOrigin<T extends object>(
  value: T,
  origin: ValueOrigin | undefined,
): T & { origin?: ValueOrigin } {
  return origin === undefined ? value : { ...value, origin };
}

/**
 * An unknown option as shown in a note: an option-like name as typed, anything else cut short, since a
 * mangled paste can put a token where an option was expected.
 */
function optionLabel(text: string): string {
  const eq = text.indexOf('=');
  const name = eq === -1 ? text : text.slice(0, eq);
  return /^--[a-z0-9][a-z0-9.-]{0,30}$/.test(name) ? name : `${name.slice(0, 5)}…`;
}
