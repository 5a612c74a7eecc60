/**
 * `Invoke-WebRequest` / `Invoke-RestMethod` (and `iwr` / `irm`). A PowerShell paste is usually a small script:
 * Chrome's "Copy as PowerShell" builds a `WebRequestSession` with cookies first, Postman fills a header
 * dictionary with `.Add()`, and the call refers to both by variable. So the variables the paste sets are
 * tracked in order, and the call is read with them filled in.
 */
import { type Note, note } from '../notes.js';
import type { Fragment, RawBody, RawExchange, RawHeader, RawRequest, Segment, ValueOrigin } from '../raw.js';
import { tokenizePowerShell } from '../shell/powershell.js';
import type { ShellCommand, Word, WordPart } from '../shell/types.js';
import { parseArguments, parseHashtable, type TableEntry } from './powershell-values.js';

const PROGRAMS = new Set(['invoke-webrequest', 'iwr', 'invoke-restmethod', 'irm']);

/** Parameters of both cmdlets that take no value. */
const SWITCHES = [
  'UseBasicParsing',
  'SkipCertificateCheck',
  'UseDefaultCredentials',
  'AllowUnencryptedAuthentication',
  'PreserveAuthorizationOnRedirect',
  'SkipHeaderValidation',
  'SkipHttpErrorCheck',
  'DisableKeepAlive',
  'PassThru',
  'Resume',
  'NoProxy',
  'ProxyUseDefaultCredentials',
  'AllowInsecureRedirect',
  'FollowRelLink',
];
const WITH_VALUE = [
  'Uri',
  'Method',
  'CustomMethod',
  'Headers',
  'Body',
  'ContentType',
  'UserAgent',
  'Credential',
  'Authentication',
  'Token',
  'MaximumRedirection',
  'MaximumRetryCount',
  'RetryIntervalSec',
  'WebSession',
  'SessionVariable',
  'InFile',
  'OutFile',
  'Form',
  'Proxy',
  'ProxyCredential',
  'TimeoutSec',
  'OperationTimeoutSeconds',
  'HttpVersion',
  'TransferEncoding',
  'Certificate',
  'CertificateThumbprint',
  'SslProtocol',
  'ErrorAction',
  'ErrorVariable',
  'ResponseHeadersVariable',
  'StatusCodeVariable',
  'OutVariable',
  'FollowRelLink',
  'MaximumFollowRelLink',
];
const PARAMETERS = [...SWITCHES, ...WITH_VALUE];
const SWITCH_SET = new Set(SWITCHES.map((s) => s.toLowerCase()));

/** Chrome puts the HTTP/2 pseudo-headers in `-Headers` without their colon; PowerShell never sends them as such. */
const PSEUDO_HEADERS = new Set(['authority', 'method', 'path', 'scheme']);

interface Value {
  value: string;
  origin?: ValueOrigin;
}

type Variable =
  | { kind: 'string'; value: Value }
  | { kind: 'table'; entries: Map<string, { name: string; value: Value }> }
  | { kind: 'session'; cookies: { name: string; value: string }[]; headers: RawHeader[]; userAgent?: Value }
  | { kind: 'credential'; user: Value; password?: Value };

export function parsePowerShellWeb(segment: Segment): Fragment {
  const tokens = tokenizePowerShell(segment.text, segment.startLine);
  const script = new Script(segment);
  const exchanges: RawExchange[] = [];
  for (const command of tokens.commands) {
    const request = script.run(command);
    if (request !== undefined) exchanges.push({ source: 'powershell', line: command.line, request });
  }
  const notes = [...tokens.notes, ...script.notes];
  if (exchanges.length === 0) {
    notes.push(
      note(
        'powershell.no_command',
        'No Invoke-WebRequest or Invoke-RestMethod call was found here.',
        segment.startLine,
      ),
    );
    return { notes };
  }
  return { kinds: ['powershell'], exchanges, notes };
}

/** The variables a paste sets, in order, and the requests it makes with them. */
export class Script {
  readonly notes: Note[] = [];
  readonly #variables = new Map<string, Variable>();
  readonly #lines: string[];
  readonly #startLine: number;

  constructor(segment: Pick<Segment, 'text' | 'startLine'>) {
    this.#lines = segment.text.split('\n');
    this.#startLine = segment.startLine;
  }

  /** Reads one command: a request when it calls Invoke-WebRequest/RestMethod, else maybe a variable. */
  run(command: ShellCommand): RawRequest | undefined {
    const argv = command.argv;
    const first = argv[0];
    if (first === undefined) return undefined;
    const assigned = argv[1]?.value === '=' && isVariableWord(first) ? keyOf(first.parts[0]) : undefined;
    const programAt = assigned === undefined ? 0 : 2;
    const program = argv[programAt]?.value.toLowerCase() ?? '';
    if (PROGRAMS.has(program)) return this.request(argv.slice(programAt + 1), command.line);
    if (assigned !== undefined) this.#assign(assigned, argv.slice(2), command);
    else if (first.value.startsWith('$')) this.#statement(command);
    return undefined;
  }

  /** Parameters of one call → the request it sends. */
  request(args: Word[], line: number): RawRequest {
    const request: RawRequest = { headers: [] };
    const options: NonNullable<RawRequest['options']> = { followRedirects: true };
    const given = new Map<string, Word | undefined>();
    const positional: Word[] = [];
    for (let i = 0; i < args.length; i++) {
      const word = args[i] as Word;
      const param = parameterOf(word.value);
      if (param === undefined) {
        positional.push(word);
        continue;
      }
      if (param.inline !== undefined || SWITCH_SET.has(param.name.toLowerCase())) {
        given.set(param.name, param.inline === undefined ? undefined : { ...word, value: param.inline });
        continue;
      }
      given.set(param.name, args[i + 1]);
      i++;
    }
    const get = (name: string) => given.get(name);

    const uri = get('Uri') ?? positional[0];
    if (uri !== undefined) {
      const url = this.#value(uri).value;
      request.url = /^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `http://${url}`;
    } else {
      this.notes.push(note('powershell.no_uri', 'The Invoke-WebRequest call has no -Uri.', line));
    }
    const method = get('CustomMethod') ?? get('Method');
    request.method = method === undefined ? 'GET' : this.#value(method).value.toUpperCase();
    request.methodExplicit = method !== undefined;

    const headers = get('Headers');
    if (headers !== undefined) request.headers.push(...this.#headers(headers, line));
    const session = get('WebSession');
    if (session !== undefined) this.#useSession(session, request, line);
    const contentType = get('ContentType');
    if (contentType !== undefined) setHeader(request.headers, 'Content-Type', this.#value(contentType));
    const userAgent = get('UserAgent');
    if (userAgent !== undefined) setHeader(request.headers, 'User-Agent', this.#value(userAgent));

    this.#auth(given, request, options, line);
    const body = this.#body(given, request.headers);
    if (body !== undefined) request.body = body;

    if (given.has('SkipCertificateCheck')) options.insecure = true;
    if (given.has('PreserveAuthorizationOnRedirect')) options.locationTrusted = true;
    const redirects = get('MaximumRedirection');
    if (redirects !== undefined) {
      const n = Number(this.#value(redirects).value);
      if (Number.isInteger(n)) {
        options.maxRedirs = n;
        options.followRedirects = n > 0;
      }
    }
    const proxy = get('Proxy');
    if (proxy !== undefined) options.proxy = this.#value(proxy).value;
    const version = get('HttpVersion');
    if (version !== undefined) options.httpVersion = this.#value(version).value;
    request.options = options;
    return request;
  }

  #auth(
    given: Map<string, Word | undefined>,
    request: RawRequest,
    options: NonNullable<RawRequest['options']>,
    line: number,
  ): void {
    const scheme = given.get('Authentication')?.value.toLowerCase();
    const token = given.get('Token');
    if (scheme === 'bearer' || scheme === 'oauth') {
      options.authScheme = 'bearer';
      if (token !== undefined) {
        const value = this.#secure(token);
        request.bearer =
          value.origin === undefined ? { token: value.value } : { token: value.value, origin: value.origin };
      }
    } else if (scheme === 'basic') {
      options.authScheme = 'basic';
    }
    if (given.has('UseDefaultCredentials')) options.authScheme ??= 'negotiate';
    const credential = given.get('Credential');
    if (credential === undefined) return;
    const known = this.#lookup(credential);
    if (known?.kind === 'credential') {
      request.basicAuth = { user: known.user.value };
      if (known.password !== undefined) request.basicAuth.password = known.password.value;
      const origin = known.password?.origin ?? known.user.origin;
      if (origin !== undefined) request.basicAuth.origin = origin;
    } else {
      this.notes.push(
        note(
          'powershell.credential_unknown',
          `The -Credential value ${credential.value} is not built in this paste, so the user name is unknown.`,
          line,
        ),
      );
    }
    if (scheme === undefined) {
      this.notes.push(
        note(
          'powershell.credential_not_preemptive',
          'With -Credential alone, PowerShell sends the user and password only after the server answers 401 with a WWW-Authenticate challenge; an API that answers without one never receives them. Add `-Authentication Basic` (PowerShell 7+) or send an Authorization header yourself.',
          line,
        ),
      );
    }
  }

  #body(given: Map<string, Word | undefined>, headers: RawHeader[]): RawBody | undefined {
    const file = given.get('InFile');
    if (file !== undefined) return { kind: 'file', file: this.#value(file).value };
    const word = given.get('Body') ?? given.get('Form');
    if (word === undefined) return undefined;
    const table = this.#table(word);
    const contentType = headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
    const toJson = /ConvertTo-Json/i.test(word.value);
    if (table !== undefined) {
      const fields = [...table.values()].map((e) => ({ name: e.name, value: e.value.value }));
      if (toJson) {
        return {
          kind: 'json',
          text: JSON.stringify(Object.fromEntries(fields.map((f) => [f.name, f.value]))),
          fields,
        };
      }
      const kind = given.has('Form') ? 'multipart' : 'form';
      const text = fields
        .map((f) => `${encodeURIComponent(f.name)}=${encodeURIComponent(f.value)}`)
        .join('&');
      return kind === 'form' ? { kind, text, fields } : { kind, fields };
    }
    const text = this.#value(word).value;
    const json = toJson || /json/i.test(contentType) || /^\s*[[{]/.test(text);
    return { kind: json ? 'json' : 'raw', text };
  }

  #headers(word: Word, line: number): RawHeader[] {
    const table = this.#table(word);
    if (table === undefined) {
      this.notes.push(
        note(
          'powershell.unknown_headers',
          `-Headers ${word.value} is set outside this paste, so the headers it sends are not visible here.`,
          line,
        ),
      );
      return [];
    }
    const out: RawHeader[] = [];
    for (const { name, value } of table.values()) {
      if (PSEUDO_HEADERS.has(name.toLowerCase())) continue;
      out.push(
        value.origin === undefined
          ? { name, value: value.value }
          : { name, value: value.value, origin: value.origin },
      );
    }
    return out;
  }

  #useSession(word: Word, request: RawRequest, line: number): void {
    const session = this.#lookup(word);
    if (session?.kind !== 'session') {
      this.notes.push(
        note(
          'powershell.unknown_session',
          `-WebSession ${word.value} is created outside this paste; the cookies and headers it holds are not visible here.`,
          line,
        ),
      );
      return;
    }
    if (session.cookies.length > 0) request.cookies = [...session.cookies];
    for (const h of session.headers) setHeader(request.headers, h.name, h);
    if (session.userAgent !== undefined) setHeader(request.headers, 'User-Agent', session.userAgent);
  }

  /** A hashtable given literally (`@{ … }`) or through a variable the paste filled. */
  #table(word: Word): Map<string, { name: string; value: Value }> | undefined {
    const literal = word.value.indexOf('@{');
    if (literal !== -1 && (word.value.trimStart().startsWith('@{') || /ConvertTo-Json/i.test(word.value))) {
      return this.#tableOf(parseHashtable(word.value, word.line));
    }
    const known = this.#lookup(word) ?? this.#lookupInside(word.value);
    return known?.kind === 'table' ? known.entries : undefined;
  }

  #tableOf(entries: TableEntry[]): Map<string, { name: string; value: Value }> {
    const table = new Map<string, { name: string; value: Value }>();
    for (const e of entries) table.set(e.name.toLowerCase(), { name: e.name, value: this.#value(e.value) });
    return table;
  }

  /** `($body | ConvertTo-Json)`: the variable named inside a subexpression. */
  #lookupInside(text: string): Variable | undefined {
    const m = /\$(\w+)/.exec(text);
    return m?.[1] === undefined ? undefined : this.#variables.get(m[1].toLowerCase());
  }

  #lookup(word: Word): Variable | undefined {
    if (!isVariableWord(word)) return undefined;
    const key = keyOf(word.parts[0]);
    return key === undefined ? undefined : this.#variables.get(key);
  }

  /** A word's value with the paste's own string variables filled in; origin says what stayed unknown. */
  #value(word: Word): Value {
    let value = '';
    let origin: ValueOrigin | undefined;
    for (const part of word.parts) {
      if (part.kind === 'literal') {
        value += part.text;
        continue;
      }
      if (part.kind === 'command_substitution') {
        const secure = this.#secureText(part.text, word.line);
        value += secure?.value ?? part.text;
        origin = mergeOrigin(origin, secure === undefined ? { kind: 'command_substitution' } : secure.origin);
        continue;
      }
      const key = keyOf(part);
      const known = key === undefined ? undefined : this.#variables.get(key);
      if (known?.kind === 'string') {
        value += known.value.value;
        origin = mergeOrigin(origin, known.value.origin);
        continue;
      }
      value += part.text;
      const name = part.name ?? part.text;
      origin = mergeOrigin(
        origin,
        isEnv(part) ? { kind: 'env', names: [name] } : { kind: 'variable', names: [name] },
      );
    }
    return origin === undefined ? { value } : { value, origin };
  }

  /** `-Token (ConvertTo-SecureString "…" -AsPlainText -Force)` or a variable holding one. */
  #secure(word: Word): Value {
    if (word.parts.length === 1 && word.parts[0]?.kind === 'command_substitution') {
      const inner = this.#secureText(word.value, word.line);
      if (inner !== undefined) return inner;
    }
    return this.#value(word);
  }

  /** The plain text given to ConvertTo-SecureString inside `( … )`, when that is what the text is. */
  #secureText(text: string, line: number): Value | undefined {
    const inner = text.replace(/^\$?\(/, '').replace(/\)$/, '');
    const command = tokenizePowerShell(inner, line).commands[0];
    return command === undefined ? undefined : this.#secureArgs(command.argv);
  }

  /** `ConvertTo-SecureString "…" -AsPlainText -Force` as words: the plain text it is given. */
  #secureArgs(argv: Word[]): Value | undefined {
    if (argv[0]?.value.toLowerCase() !== 'convertto-securestring') return undefined;
    const args = argv.slice(1);
    const named = args.findIndex((a) => /^-String$/i.test(a.value));
    const plain = named === -1 ? args.find((a) => !a.value.startsWith('-')) : args[named + 1];
    return plain === undefined ? undefined : this.#value(plain);
  }

  #assign(key: string, rhs: Word[], command: ShellCommand): void {
    const [first] = rhs;
    if (first === undefined) return;
    const head = first.value.toLowerCase();
    if (first.value.startsWith('@{')) {
      this.#variables.set(key, {
        kind: 'table',
        entries: this.#tableOf(parseHashtable(first.value, first.line)),
      });
      return;
    }
    if (head === 'new-object' || head.startsWith('[')) {
      const source = this.#source(command);
      if (/WebRequestSession/i.test(source)) {
        this.#variables.set(key, { kind: 'session', cookies: [], headers: [] });
      } else if (/Dictionary|Hashtable|OrderedDictionary/i.test(source)) {
        this.#variables.set(key, { kind: 'table', entries: new Map() });
      } else if (/PSCredential/i.test(source)) {
        this.#credential(key, source, command.line);
      }
      return;
    }
    if (head === 'convertto-securestring') {
      const secure = this.#secureArgs(rhs);
      if (secure !== undefined) this.#variables.set(key, { kind: 'string', value: secure });
      return;
    }
    if (rhs.length === 1) this.#variables.set(key, { kind: 'string', value: this.#value(first) });
  }

  /** `New-Object System.Management.Automation.PSCredential("user", $password)` and `-ArgumentList` forms. */
  #credential(key: string, source: string, line: number): void {
    const m =
      /PSCredential\s*(?:\)\s*)?(?:\(|-ArgumentList\s+(?!\s)\(?)(.*)$/i.exec(source) ??
      /::new\((.*)$/i.exec(source);
    if (m?.[1] === undefined) return;
    const args = parseArguments(m[1].replace(/\)\s*$/, ''), line);
    const [user, password] = args;
    if (user === undefined) return;
    const variable: Variable = { kind: 'credential', user: this.#value(user) };
    if (password !== undefined) variable.password = this.#secure(password);
    this.#variables.set(key, variable);
  }

  /**
   * Method calls and member assignments, read from the source line (the tokenizer splits them as
   * arguments): `$headers.Add("k", "v")`, `$headers["k"] = "v"`, `$session.UserAgent = "…"`,
   * `$session.Cookies.Add((New-Object System.Net.Cookie("name", "value", "/", "host")))`.
   */
  #statement(command: ShellCommand): void {
    const source = this.#source(command).trim();
    const cookie = /^\$(\w+)\.Cookies\.Add\(\(New-Object System\.Net\.Cookie\((.*)\)\)\)\s*;?$/i.exec(source);
    if (cookie?.[1] !== undefined && cookie[2] !== undefined) {
      const session = this.#variables.get(cookie[1].toLowerCase());
      const [name, value] = parseArguments(cookie[2], command.line).map((w) => this.#value(w).value);
      if (session?.kind === 'session' && name !== undefined)
        session.cookies.push({ name, value: value ?? '' });
      return;
    }
    const add = /^\$(\w+)(\.Headers)?\.Add\((.*)\)\s*;?$/i.exec(source);
    if (add?.[1] !== undefined && add[3] !== undefined) {
      const [name, value] = parseArguments(add[3], command.line);
      if (name !== undefined && value !== undefined) this.#set(add[1], name, value, add[2] !== undefined);
      return;
    }
    const index = /^\$(\w+)\[([^\]]*)\] ?= ?(.+)$/.exec(source);
    if (index?.[1] !== undefined && index[2] !== undefined && index[3] !== undefined) {
      const [name] = parseArguments(index[2], command.line);
      const [value] = parseArguments(index[3], command.line);
      if (name !== undefined && value !== undefined) this.#set(index[1], name, value, false);
      return;
    }
    const member = /^\$(\w+)\.(\w+) ?= ?(.+)$/.exec(source);
    if (member?.[1] === undefined || member[2] === undefined || member[3] === undefined) return;
    const [value] = parseArguments(member[3], command.line);
    if (value === undefined) return;
    const target = this.#variables.get(member[1].toLowerCase());
    if (target?.kind === 'session' && member[2].toLowerCase() === 'useragent')
      target.userAgent = this.#value(value);
    else this.#set(member[1], literal(member[2], command.line), value, false);
  }

  #set(variable: string, name: Word, value: Word, sessionHeaders: boolean): void {
    const target = this.#variables.get(variable.toLowerCase());
    const key = this.#value(name).value;
    const resolved = this.#value(value);
    if (target?.kind === 'table' && !sessionHeaders) {
      target.entries.set(key.toLowerCase(), { name: key, value: resolved });
    } else if (target?.kind === 'session' && sessionHeaders) {
      target.headers.push(
        resolved.origin === undefined ? { name: key, value: resolved.value } : { name: key, ...resolved },
      );
    }
  }

  /** The command's own source lines, where method-call syntax is still intact. */
  #source(command: ShellCommand): string {
    return this.#lines
      .slice(command.line - this.#startLine, command.endLine - this.#startLine + 1)
      .join('\n');
  }
}

/** `-Uri`, `-uri`, `-Head` (PowerShell accepts any unambiguous prefix), `-SkipCertificateCheck:$true`. */
function parameterOf(text: string): { name: string; inline?: string } | undefined {
  const m = /^-([A-Za-z]\w*)(?::(.*))?$/.exec(text);
  if (m?.[1] === undefined) return undefined;
  const lower = m[1].toLowerCase();
  const exact = PARAMETERS.find((p) => p.toLowerCase() === lower);
  const matches = exact === undefined ? PARAMETERS.filter((p) => p.toLowerCase().startsWith(lower)) : [exact];
  const name = matches.length === 1 ? matches[0] : undefined;
  if (name === undefined) return undefined;
  return m[2] === undefined ? { name } : { name, inline: m[2] };
}

function setHeader(headers: RawHeader[], name: string, value: Value | RawHeader): void {
  if (headers.some((h) => h.name.toLowerCase() === name.toLowerCase())) return;
  headers.push(
    value.origin === undefined
      ? { name, value: value.value }
      : { name, value: value.value, origin: value.origin },
  );
}

function isVariableWord(word: Word): boolean {
  return word.parts.length === 1 && word.parts[0]?.kind === 'variable';
}

/** Variable names are case-insensitive; `$env:X` is kept apart from `$X`. */
function keyOf(part: WordPart | undefined): string | undefined {
  if (part === undefined || part.kind !== 'variable') return undefined;
  const name = (part.name ?? part.text.replace(/^\$\{?|\}$/g, '')).toLowerCase();
  return isEnv(part) ? `env:${name}` : name;
}

function isEnv(part: WordPart): boolean {
  return /^\$\{?env:/i.test(part.text);
}

/** Env beats variable beats substitution: an environment name is the most useful thing to show a user. */
function mergeOrigin(a: ValueOrigin | undefined, b: ValueOrigin | undefined): ValueOrigin | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  const rank = (o: ValueOrigin) => (o.kind === 'env' ? 3 : o.kind === 'variable' ? 2 : 1);
  const [high, low] = rank(a) >= rank(b) ? [a, b] : [b, a];
  const names = [...new Set([...(high.names ?? []), ...(low.kind === high.kind ? (low.names ?? []) : [])])];
  return names.length === 0 ? { kind: high.kind } : { kind: high.kind, names };
}

function literal(text: string, line: number): Word {
  return { value: text, parts: [{ text, quote: 'none', kind: 'literal' }], line };
}
