/**
 * HTTPie (`http`, `https`) and xh (`xh`, `xhs`) commands. Their request items (`Header:value`, `q==v`,
 * `field=v`, `field:=json`, `field@file`) carry headers, query and body in one positional list, and
 * `-A bearer -a TOKEN` changes what `-a` means, so the argv is read here into the same request shape curl
 * gives. The shell's word parts still say where each value came from (`$TOKEN`, `'$TOKEN'`).
 */
import { type Note, note } from '../notes.js';
import type { Fragment, RawBody, RawExchange, RawHeader, RawRequest, Segment, ValueOrigin } from '../raw.js';
import { tokenizeBash } from '../shell/bash.js';
import { expandWord } from '../shell/expand.js';
import type { ShellCommand, Word } from '../shell/types.js';
import { originOf } from './curl/origin.js';

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT']);
const PROGRAMS = new Set(['http', 'https', 'xh', 'xhs']);
const SECURE_PROGRAMS = new Set(['https', 'xhs']);

/** Options that take a value (as the next word, or after `=`). Everything else starting with `-` is a switch. */
const WITH_VALUE = new Set([
  '-a',
  '--auth',
  '-A',
  '--auth-type',
  '--bearer',
  '-p',
  '--print',
  '-P',
  '--history-print',
  '-o',
  '--output',
  '--pretty',
  '-s',
  '--style',
  '--timeout',
  '--proxy',
  '--cert',
  '--cert-key',
  '--cert-key-pass',
  '--ssl',
  '--ciphers',
  '--session',
  '--session-read-only',
  '--max-redirects',
  '--default-scheme',
  '--format-options',
  '--verify',
  '--raw',
  '--boundary',
  '--response-charset',
  '--response-mime',
  '--max-headers',
  '--http-version',
  '--resolve',
  '--interface',
]);

/** Separators in the order HTTPie tries them at one position: the longest first. */
const SEPARATORS = [':=@', '=@', ':=', '==', '=', '@', ';', ':'] as const;
type Separator = (typeof SEPARATORS)[number];

export interface HttpieResult {
  request: RawRequest;
  notes: Note[];
}

export function parseHttpie(segment: Segment): Fragment {
  const tokens = tokenizeBash(segment.text, segment.startLine);
  const notes: Note[] = [...tokens.notes];
  const exchanges: RawExchange[] = [];
  const env: Record<string, string> = {};
  for (const command of tokens.commands) {
    const at = programIndex(command.argv);
    const program = command.argv[at];
    if (at === -1 || program === undefined) {
      for (const a of setters(command)) env[a.name] = expandWord(a.value, env);
      continue;
    }
    const args = command.argv.slice(at + 1).map((w) => withPasteValues(w, env));
    const result = httpieRequest(basename(program.value), args, command.line);
    notes.push(...result.notes);
    exchanges.push({ source: 'httpie', line: command.line, request: result.request });
  }
  if (exchanges.length === 0) {
    notes.push(note('httpie.no_command', 'No HTTPie or xh command was found here.', segment.startLine));
    return { notes };
  }
  return { kinds: ['httpie'], exchanges, notes };
}

/**
 * The request one HTTPie/xh invocation sends. `program` is `http`, `https`, `xh` or `xhs` (the `s` forms
 * default to https); `args` are the words after it. Plain strings are taken as unquoted literals.
 */
export function httpieRequest(program: string, args: (Word | string)[], line?: number): HttpieResult {
  const words = args.map((a) => (typeof a === 'string' ? literalWord(a, line ?? 1) : a));
  const notes: Note[] = [];
  const request: RawRequest = { headers: [] };
  const options: NonNullable<RawRequest['options']> = {};
  const positional: Word[] = [];
  let authType: string | undefined;
  let auth: Word | undefined;
  let form = false;
  let multipart = false;
  let defaultScheme = SECURE_PROGRAMS.has(program) ? 'https' : 'http';
  let rawBody: Word | undefined;

  for (let i = 0; i < words.length; i++) {
    const word = words[i] as Word;
    const text = word.value;
    if (!text.startsWith('-') || text === '-' || (positional.length > 0 && isItem(text))) {
      positional.push(word);
      continue;
    }
    if (text === '--') {
      positional.push(...words.slice(i + 1));
      break;
    }
    const eq = text.startsWith('--') ? text.indexOf('=') : -1;
    const name = eq === -1 ? text : text.slice(0, eq);
    let value: Word | undefined;
    if (WITH_VALUE.has(name)) {
      if (eq !== -1) value = slicedWord(word, eq + 1);
      else {
        value = words[i + 1];
        i++;
      }
      if (value === undefined) {
        notes.push(note('httpie.missing_value', `The option ${name} has no value after it.`, word.line));
        break;
      }
    }
    switch (name) {
      case '-a':
      case '--auth':
        auth = value;
        break;
      case '-A':
      case '--auth-type':
        authType = value?.value.toLowerCase();
        break;
      case '--bearer':
        authType = 'bearer';
        auth = value;
        break;
      case '-f':
      case '--form':
        form = true;
        break;
      case '--multipart':
        form = true;
        multipart = true;
        break;
      case '-F':
      case '--follow':
        options.followRedirects = true;
        break;
      case '--max-redirects':
        options.maxRedirs = Number(value?.value);
        break;
      case '--verify':
        if (/^(?:no|false)$/i.test(value?.value ?? '')) options.insecure = true;
        break;
      case '-k':
        options.insecure = true;
        break;
      case '--proxy':
        options.proxy = value?.value.replace(/^[a-z]+:(?=[a-z]+:\/\/)/i, '');
        break;
      case '--default-scheme':
        defaultScheme = value?.value ?? defaultScheme;
        break;
      case '--raw':
        rawBody = value;
        break;
      case '--session':
      case '--session-read-only':
        notes.push(
          note(
            'httpie.session',
            `The session "${value?.value}" also sends the headers, auth and cookies saved in it, which are not visible here.`,
            word.line,
          ),
        );
        break;
      case '--http-version':
        options.httpVersion = value?.value;
        break;
      default:
        if (/^-v+$/.test(name) || name === '--verbose') options.verbose = true;
    }
  }

  const [first, second] = positional;
  let rest = positional;
  // `http localhost name=x` names no method: a word is the METHOD only if it is one, or an item follows.
  if (
    first !== undefined &&
    second !== undefined &&
    /^[A-Za-z]+$/.test(first.value) &&
    (METHODS.has(first.value.toUpperCase()) || splitItem(second.value) === undefined)
  ) {
    request.method = first.value.toUpperCase();
    request.methodExplicit = true;
    rest = positional.slice(1);
  }
  const urlWord = rest[0];
  if (urlWord === undefined) {
    notes.push(note('httpie.no_url', 'The HTTPie command has no URL.', line));
  } else {
    request.url = httpieUrl(urlWord.value, defaultScheme);
  }

  const fields: { name: string; value: string; file?: string; json?: boolean }[] = [];
  const query: string[] = [];
  for (const word of rest.slice(1)) {
    const item = splitItem(word.value);
    if (item === undefined) {
      notes.push(note('httpie.bad_item', `"${word.value}" is not an HTTPie request item.`, word.line));
      continue;
    }
    const origin = originOf(word);
    switch (item.separator) {
      case ':':
        if (item.value === '') {
          notes.push(
            note(
              'httpie.header_unset',
              `"${item.key}:" with nothing after it removes the ${item.key} header instead of sending it; write "${item.key};" to send it empty.`,
              word.line,
            ),
          );
        } else {
          request.headers.push(header(item.key, item.value, origin));
        }
        break;
      case ';':
        request.headers.push(header(item.key, '', origin));
        break;
      case '==':
        query.push(`${item.key}=${item.value}`);
        break;
      case '=':
        fields.push({ name: item.key, value: item.value });
        break;
      case ':=':
        fields.push({ name: item.key, value: item.value, json: true });
        break;
      case '@':
        multipart = true;
        form = true;
        fields.push({ name: item.key, value: '', file: item.value });
        break;
      case '=@':
      case ':=@':
        fields.push({ name: item.key, value: '', file: item.value });
        break;
    }
  }
  if (query.length > 0 && request.url !== undefined) {
    request.url += (request.url.includes('?') ? '&' : '?') + query.join('&');
  }

  applyAuth(request, options, authType, auth);
  const body =
    rawBody === undefined
      ? itemsBody(fields, form, multipart)
      : { kind: 'raw' as const, text: rawBody.value };
  if (body !== undefined) request.body = body;
  request.method ??= body === undefined ? 'GET' : 'POST';
  request.methodExplicit ??= false;
  if (Object.keys(options).length > 0) request.options = options;
  return { request, notes };
}

function applyAuth(
  request: RawRequest,
  options: NonNullable<RawRequest['options']>,
  authType: string | undefined,
  auth: Word | undefined,
): void {
  if (authType === 'digest') options.authScheme = 'digest';
  if (authType === 'bearer') options.authScheme = 'bearer';
  if (auth === undefined) return;
  const origin = originOf(auth);
  if (authType === 'bearer') {
    request.bearer = origin === undefined ? { token: auth.value } : { token: auth.value, origin };
    return;
  }
  const colon = auth.value.indexOf(':');
  const user = colon === -1 ? auth.value : auth.value.slice(0, colon);
  request.basicAuth = { user };
  if (colon !== -1) request.basicAuth.password = auth.value.slice(colon + 1);
  if (origin !== undefined) request.basicAuth.origin = origin;
  options.authScheme ??= 'basic';
}

/** JSON by default (strings, and raw JSON for `:=`), urlencoded with `-f`, multipart with files. */
function itemsBody(
  fields: { name: string; value: string; file?: string; json?: boolean }[],
  form: boolean,
  multipart: boolean,
): RawBody | undefined {
  if (fields.length === 0) return undefined;
  const listed = fields.map(({ name, value, file }) =>
    file === undefined ? { name, value } : { name, value, file },
  );
  if (multipart) return { kind: 'multipart', fields: listed };
  if (form) {
    const text = fields.map((f) => `${encodeURIComponent(f.name)}=${encodeURIComponent(f.value)}`).join('&');
    return { kind: 'form', text, fields: listed };
  }
  const members = fields.map(
    (f) => `${JSON.stringify(f.name)}: ${f.json ? f.value : JSON.stringify(f.value)}`,
  );
  return { kind: 'json', text: `{${members.join(', ')}}`, fields: listed };
}

/** `:3000/x` → `http://localhost:3000/x`; `example.org` → `http://example.org`; schemes kept. */
export function httpieUrl(raw: string, defaultScheme = 'http'): string {
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(raw)) return raw;
  if (raw.startsWith(':')) {
    const rest = raw.slice(1);
    const port = /^\d+/.exec(rest)?.[0] ?? '';
    return `${defaultScheme}://localhost${port === '' ? '' : `:${port}`}${rest.slice(port.length)}`;
  }
  return `${defaultScheme}://${raw}`;
}

export interface RequestItem {
  key: string;
  separator: Separator;
  value: string;
}

/**
 * Splits at the earliest separator, the longest one when several start there, as HTTPie does; a backslash
 * escapes a separator character (`foo\:bar:baz` is the header `foo:bar`).
 */
export function splitItem(text: string): RequestItem | undefined {
  let key = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i] ?? '';
    if (c === '\\' && i + 1 < text.length && ':=@;'.includes(text[i + 1] ?? '')) {
      key += text[i + 1];
      i++;
      continue;
    }
    const separator = SEPARATORS.find((s) => text.startsWith(s, i));
    if (separator !== undefined) return { key, separator, value: text.slice(i + separator.length) };
    key += c;
  }
  return undefined;
}

/** After the URL, `-H:x` style words are items, not options, only if they contain a separator. */
function isItem(text: string): boolean {
  return /^-[\w-]*(?:==|:=|=|:|;|@)/.test(text) && !/^--?[\w-]+=/.test(text);
}

function header(name: string, value: string, origin: ValueOrigin | undefined): RawHeader {
  return origin === undefined ? { name, value } : { name, value, origin };
}

function programIndex(argv: Word[]): number {
  for (let i = 0; i < argv.length && i < 4; i++) {
    const value = argv[i]?.value ?? '';
    if (PROGRAMS.has(basename(value))) return i;
    if (!['$', '>', '%', 'sudo', 'command', 'exec', 'time'].includes(value)) return -1;
  }
  return -1;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).toLowerCase();
}

/** `TOKEN=abc` alone on a line, or `export TOKEN=abc`. */
function setters(command: ShellCommand): { name: string; value: Word }[] {
  if (command.argv.length === 0) return command.assignments;
  if (command.argv[0]?.value !== 'export') return [];
  const out: { name: string; value: Word }[] = [];
  for (const word of command.argv.slice(1)) {
    const eq = word.value.indexOf('=');
    if (eq > 0) out.push({ name: word.value.slice(0, eq), value: slicedWord(word, eq + 1) });
  }
  return out;
}

/** The word with its variables filled in when the paste set them; its parts still name the variables. */
function withPasteValues(word: Word, env: Record<string, string>): Word {
  const variables = word.parts.filter((p) => p.kind === 'variable');
  if (variables.length === 0 || !variables.every((p) => p.name !== undefined && Object.hasOwn(env, p.name))) {
    return word;
  }
  return { ...word, value: expandWord(word, env) };
}

function literalWord(value: string, line: number): Word {
  return { value, parts: [{ text: value, quote: 'none', kind: 'literal' }], line };
}

/** The part of a word after `--opt=`, keeping the parts that carry variables. */
function slicedWord(word: Word, from: number): Word {
  const value = word.value.slice(from);
  let skip = from;
  const parts: Word['parts'] = [];
  for (const part of word.parts) {
    if (skip >= part.text.length && part.kind === 'literal') {
      skip -= part.text.length;
      continue;
    }
    parts.push(skip > 0 && part.kind === 'literal' ? { ...part, text: part.text.slice(skip) } : part);
    skip = 0;
  }
  return { value, parts, line: word.line };
}
