/**
 * One recogniser per HTTP client's error line. Each looks at a single line (and, for the few clients that
 * wrap, the next one), with anchored or literal-led regexes and `indexOf`, so a megabyte line stays linear.
 * Order matters: specific clients first, the generic `401 Unauthorized` catch last.
 */
import type { RawClientError } from '../raw.js';

export type Client = RawClientError['client'];

export interface LineHit {
  client: Client;
  message: string;
  status?: number;
  url?: string;
  method?: string;
  code?: string;
  /** Only a code (`npm ERR! code E401`): a later line of the same client tells the story. */
  weak?: boolean;
  /** An error body quoted in the message (Spring, Guzzle). */
  body?: string;
  /** A challenge quoted in the message (`npm ERR! … need: Basic realm="…"`). */
  challenge?: string;
  /** A Node object dump follows (AxiosError, fetch Response, undici cause). */
  dump?: boolean;
  /** Index of the last line this hit used, when it read past its own. */
  through?: number;
}

type Matcher = (line: string, lines: readonly string[], index: number) => LineHit | undefined;

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'TRACE', 'CONNECT']);

function status(text: string | undefined): number | undefined {
  if (text === undefined || !/^[1-5]\d\d$/.test(text)) return undefined;
  return Number(text);
}

function method(text: string | undefined): string | undefined {
  const upper = text?.toUpperCase();
  return upper !== undefined && METHODS.has(upper) ? upper : undefined;
}

/** The text after `marker` in `line`, or undefined when the marker is absent. */
function after(line: string, marker: string): string | undefined {
  const at = line.indexOf(marker);
  return at === -1 ? undefined : line.slice(at + marker.length);
}

const LINE_SEPARATORS = new Set(['\n', '\r', '\u2028', '\u2029']);

/**
 * `text.replace(/\]? ?\{.*$/, '')` in one pass. That regex tries `.*$` from every `{` and each try runs to
 * the next line separator (U+2028 survives normalizing), so a line of `{` was quadratic; a match can only
 * start after the last separator, so only that part is searched.
 */
function withoutDump(text: string): string {
  let start = text.length;
  while (start > 0 && !LINE_SEPARATORS.has(text[start - 1]!)) start--;
  const m = /\]? ?\{/.exec(text.slice(start));
  return m ? text.slice(0, start + m.index) : text;
}

const axios: Matcher = (line) => {
  const failed = /Request failed with status code (\d{3})\b/.exec(line);
  const named = after(line, 'AxiosError');
  if (failed === null && named === undefined) return undefined;
  const message =
    failed?.[0] ?? (named === undefined ? line : withoutDump(named.replace(/^(?: \[\w+\])?: /, '')));
  return { client: 'axios', message, status: status(failed?.[1]), dump: true };
};

const undici: Matcher = (line) => {
  if (/^(?:Uncaught )?TypeError: fetch failed\b/.test(line)) {
    return { client: 'undici', message: 'fetch failed', dump: true };
  }
  const code = /\bcode: '(UND_ERR_\w+)'/.exec(line);
  return code === null ? undefined : { client: 'undici', message: line, code: code[1], weak: true };
};

const fetchResponse: Matcher = (line) => {
  if (/^Response \{/.test(line)) {
    const inline = /\bstatus: (\d{3})\b/.exec(line);
    return { client: 'fetch', message: 'fetch Response', status: status(inline?.[1]), dump: true };
  }
  const thrown =
    /^(?:Uncaught (?:\(in promise\) )?)?(?:\w*Error: )?HTTP (?:error! ?)?(?:status:? )?(\d{3})\b ?(.*)$/i.exec(
      line,
    );
  if (thrown === null) return undefined;
  return { client: 'fetch', message: thrown[2] || `HTTP ${thrown[1]}`, status: status(thrown[1]) };
};

const got: Matcher = (line) => {
  const m = /\bResponse code (\d{3}) \(([^)]*)\)/.exec(line);
  return m === null ? undefined : { client: 'got', message: m[2] ?? '', status: status(m[1]) };
};

const pythonRequests: Matcher = (line) => {
  const m = /\b(\d{3}) (?:Client|Server) Error: /.exec(line);
  if (m !== null) {
    const rest = line.slice(m.index + m[0].length);
    const at = rest.indexOf(' for url: ');
    const url =
      at === -1
        ? undefined
        : rest
            .slice(at + 10)
            .trim()
            .split(/\s/)[0];
    return {
      client: 'python-requests',
      message: at === -1 ? rest : rest.slice(0, at),
      status: status(m[1]),
      url,
    };
  }
  const other = /^requests\.exceptions\.(\w+): (.+)$/.exec(line);
  return other === null
    ? undefined
    : { client: 'python-requests', message: `${other[1]}: ${other[2]}`, code: other[1] };
};

const httpx: Matcher = (line) => {
  const m =
    /\b(?:Client|Server|Redirect|Informational) (?:error|response) '(\d{3}) ([^']*)' for url '([^']*)'/.exec(
      line,
    );
  return m === null ? undefined : { client: 'httpx', message: m[2] ?? '', status: status(m[1]), url: m[3] };
};

const aiohttp: Matcher = (line) => {
  const m = /\bClientResponseError: (\d{3}), message=(?:'([^']*)'|"([^"]*)"), url=(?:URL\()?'([^']*)'/.exec(
    line,
  );
  return m === null
    ? undefined
    : { client: 'aiohttp', message: m[2] ?? m[3] ?? '', status: status(m[1]), url: m[4] };
};

const urllib: Matcher = (line) => {
  const m = /\bHTTP Error (\d{3}): (.*)$/.exec(line);
  return m === null ? undefined : { client: 'urllib', message: m[2] ?? '', status: status(m[1]) };
};

const java: Matcher = (line) => {
  const m = /\bServer returned HTTP response code: (\d{3}) for URL: (\S+)/.exec(line);
  if (m !== null) return { client: 'java', message: m[0], status: status(m[1]), url: m[2] };
  const retrofit = /\bHttpException: HTTP (\d{3}) ?(.*)$/.exec(line);
  if (retrofit !== null) return { client: 'java', message: retrofit[2] ?? '', status: status(retrofit[1]) };
  const feign = /\bFeignException(?:\$\w+)?: \[(\d{3})([^\]]*)\] during \[(\w+)\] to \[([^\]]*)\]/.exec(line);
  if (feign === null) return undefined;
  const body = after(line.slice(feign.index + feign[0].length), ': [');
  return {
    client: 'java',
    message: (feign[2] ?? '').trim() || `HTTP ${feign[1]}`,
    status: status(feign[1]),
    method: method(feign[3]),
    url: feign[4],
    body: body?.replace(/\]$/, ''),
  };
};

/** `HttpClientErrorException$Unauthorized: 401 Unauthorized: "{…}"` and WebClient's `… from GET url`. */
const spring: Matcher = (line) => {
  const m =
    /\b(?:HttpClientErrorException|HttpServerErrorException|WebClientResponseException)(?:\$\w+)?: (\d{3}) ?/.exec(
      line,
    );
  if (m === null) return undefined;
  const rest = line.slice(m.index + m[0].length);
  const from = /^([^:]*?) ?from ([A-Z]+) (\S+)/.exec(rest);
  if (from !== null) {
    return {
      client: 'spring',
      message: from[1] || `HTTP ${m[1]}`,
      status: status(m[1]),
      method: method(from[2]),
      url: from[3],
    };
  }
  const colon = rest.indexOf(': ');
  const reason = (colon === -1 ? rest : rest.slice(0, colon)).trim();
  const quoted = colon === -1 ? undefined : rest.slice(colon + 2).trim();
  const body = quoted?.replace(/^["[]/, '').replace(/["\]]$/, '');
  return {
    client: 'spring',
    message: reason || `HTTP ${m[1]}`,
    status: status(m[1]),
    body: body === '' || body === 'no body' ? undefined : body,
  };
};

const okhttp: Matcher = (line) => {
  const m = /\bResponse\{protocol=([^,]*), code=(\d{3}), message=([^,]*), url=([^}\s]*)\}/.exec(line);
  return m === null
    ? undefined
    : { client: 'okhttp', message: m[3] || `HTTP ${m[2]}`, status: status(m[2]), url: m[4] };
};

const dotnet: Matcher = (line) => {
  const m = /\bResponse status code does not indicate success: (\d{3}) \(([^)]*)\)/.exec(line);
  if (m !== null) return { client: 'dotnet', message: m[2] ?? '', status: status(m[1]) };
  const web = /\bThe remote server returned an error: \((\d{3})\) ?([^.]*)/.exec(line);
  return web === null ? undefined : { client: 'dotnet', message: web[2] ?? '', status: status(web[1]) };
};

/** Go's `url.Error`: `Get "https://…": <cause>`; containerd's `unexpected status from GET request to …`. */
function goRequest(text: string, client: Client): LineHit | undefined {
  const m = /^(Get|Post|Put|Patch|Delete|Head|Options) "([^"]+)": (.*)$/.exec(text);
  if (m === null) return undefined;
  const code = /^(?:(\d{3}) )?(unauthorized|denied|forbidden)\b/i.exec(m[3] ?? '');
  return {
    client,
    message: m[3] ?? '',
    method: method(m[1]),
    url: m[2],
    status: status(code?.[1]) ?? (code?.[2]?.toLowerCase() === 'unauthorized' ? 401 : undefined),
  };
}

const docker: Matcher = (line) => {
  const daemon = after(line, 'Error response from daemon: ');
  if (daemon !== undefined) return goRequest(daemon, 'docker') ?? { client: 'docker', message: daemon };
  const registry = /\bunexpected status from ([A-Z]+) request to (\S+?): (\d{3}) ?(.*)$/.exec(line);
  if (registry !== null) {
    return {
      client: 'docker',
      message: registry[4] || `HTTP ${registry[3]}`,
      status: status(registry[3]),
      method: method(registry[1]),
      url: registry[2],
    };
  }
  const denied = /^(?:[\w .-]*: )?(unauthorized|denied): (.+)$/.exec(line);
  if (denied === null) return undefined;
  return {
    client: 'docker',
    message: denied[2] ?? '',
    code: denied[1],
    status: denied[1] === 'unauthorized' ? 401 : undefined,
  };
};

const go: Matcher = (line) => {
  const request = goRequest(line, 'go');
  if (request !== undefined) return request;
  const unexpected = /\bunexpected status(?: code)?:? (\d{3})\b ?(.*)$/i.exec(line);
  if (unexpected !== null) {
    return { client: 'go', message: unexpected[2] || unexpected[0], status: status(unexpected[1]) };
  }
  const oauth = /\boauth2: cannot fetch token: (\d{3})\b ?(.*)$/.exec(line);
  return oauth === null
    ? undefined
    : { client: 'go', message: oauth[2] || oauth[0], status: status(oauth[1]) };
};

/**
 * Guzzle: ``Client error: `GET https://…` resulted in a `401 Unauthorized` response:`` then the body,
 * often truncated. Logged as JSON, the URL can end up split from its closing backtick by a newline.
 */
const guzzle: Matcher = (line, lines, index) => {
  const m = /\b(?:Client|Server) error: `([A-Z]+) ([^`\s]+)/.exec(line);
  if (m === null) return undefined;
  let through = index;
  let tail = line.slice(m.index + m[0].length);
  if (!tail.includes('resulted in') && index + 1 < lines.length) {
    through = index + 1;
    tail = lines[index + 1] ?? '';
  }
  const result = /resulted in an? `(\d{3}) ?([^`]*)` response:? ?(.*)$/.exec(tail);
  let body = result?.[3]?.trim();
  if (result !== null && body === '' && through + 1 < lines.length) {
    through++;
    body = (lines[through] ?? '').trim();
  }
  return {
    client: 'guzzle',
    message: result?.[2] || `${m[1]} ${m[2]} failed`,
    status: status(result?.[1]),
    method: method(m[1]),
    url: m[2],
    body: body === '' ? undefined : body,
    through,
  };
};

const RUBY_STATUS: Record<string, number> = {
  BadRequest: 400,
  Unauthorized: 401,
  Forbidden: 403,
  NotFound: 404,
  ResourceNotFound: 404,
  ProxyAuthenticationRequired: 407,
  ProxyAuthentication: 407,
  TooManyRequests: 429,
};

const ruby: Matcher = (line) => {
  const net = /\bNet::HTTP([A-Z]\w+)/.exec(line);
  if (net !== null && net[1] !== undefined && Object.hasOwn(RUBY_STATUS, net[1])) {
    return {
      client: 'ruby',
      message: `Net::HTTP${net[1]}`,
      status: RUBY_STATUS[net[1]],
      code: `Net::HTTP${net[1]}`,
    };
  }
  const rest = /\bRestClient::(\w+)(?:: (\d{3})? ?(.*))?$/.exec(line);
  if (rest !== null && rest[1] !== undefined) {
    return {
      client: 'ruby',
      message: rest[3] || rest[1],
      status: status(rest[2]) ?? RUBY_STATUS[rest[1]],
      code: `RestClient::${rest[1]}`,
    };
  }
  const faraday = /\bFaraday::(\w+?)(?:Error)?(?:: (.*))?$/.exec(line);
  if (faraday !== null && faraday[1] !== undefined) {
    const said = /\bstatus (\d{3})\b/.exec(faraday[2] ?? '');
    return {
      client: 'ruby',
      message: faraday[2] || faraday[1],
      status: status(said?.[1]) ?? RUBY_STATUS[faraday[1]],
      code: `Faraday::${faraday[1]}Error`,
    };
  }
  const openUri = /\bOpenURI::HTTPError\)?:? ?(\d{3})? ?(.*)$/.exec(line);
  return openUri === null
    ? undefined
    : {
        client: 'ruby',
        message: openUri[2] || 'OpenURI::HTTPError',
        status: status(openUri[1]),
        code: 'OpenURI::HTTPError',
      };
};

/** npm 6–10 (`npm ERR!`, `npm error`), npm-debug.log (`42 error`), and pnpm's `ERR_PNPM_FETCH_401`. */
const npm: Matcher = (line) => {
  const pnpm = /\bERR_PNPM_FETCH_(\d{3})\b\s{0,8}([A-Z]+) (\S+)(?!\S)(.*)$/.exec(line);
  if (pnpm !== null) {
    return {
      client: 'npm',
      message: (pnpm[4] ?? '').replace(/^[\s:]+/, '') || `HTTP ${pnpm[1]}`,
      status: status(pnpm[1]),
      method: method(pnpm[2]),
      url: pnpm[3],
      code: `ERR_PNPM_FETCH_${pnpm[1]}`,
    };
  }
  const m = /^(?:npm (?:ERR!|error)|\d+ error) (.+)$/.exec(line);
  const rest = m?.[1];
  if (rest === undefined) return undefined;
  const code = /^code (E\d{3}|E[A-Z]+)$/.exec(rest);
  if (code !== null) {
    return { client: 'npm', message: rest, code: code[1], status: status(code[1]?.slice(1)), weak: true };
  }
  const http = /^(\d{3}) ([^-]*)- ([A-Z]+) (\S+)/.exec(rest);
  if (http !== null) {
    const reason = rest.slice(http[0].length).replace(/^ - /, '');
    return {
      client: 'npm',
      message: `${(http[2] ?? '').trim()}${reason === '' ? '' : ` - ${reason}`}`,
      status: status(http[1]),
      method: method(http[3]),
      url: http[4],
    };
  }
  const need = after(rest, 'need: ');
  if (need !== undefined) return { client: 'npm', message: rest, status: 401, challenge: need };
  return /\b(?:auth|401|403|token|credentials|unauthori[sz]ed)/i.test(rest)
    ? { client: 'npm', message: rest }
    : undefined;
};

const GIT_AUTH =
  /\b(?:invalid|authentication|password|token|denied|permission|unauthori[sz]ed|credentials)\b/i;

const git: Matcher = (line) => {
  const remote = /^remote: (.+)$/.exec(line);
  if (remote !== null) {
    return remote[1] !== undefined && GIT_AUTH.test(remote[1])
      ? { client: 'git', message: remote[1].trim() }
      : undefined;
  }
  const failed = /^fatal: Authentication failed for '([^']*)'/.exec(line);
  if (failed !== null)
    return { client: 'git', message: 'Authentication failed', url: failed[1], status: 401 };
  const prompt = /^fatal: could not read (Username|Password) for '([^']*)'(?:: (.*))?$/.exec(line);
  if (prompt !== null) {
    return {
      client: 'git',
      message: `could not read ${prompt[1]}${prompt[3] ? `: ${prompt[3]}` : ''}`,
      url: prompt[2],
    };
  }
  const access =
    /^(?:fatal: unable to access '([^']*)': |error: )The requested URL returned error: (\d{3})/.exec(line);
  return access === null
    ? undefined
    : {
        client: 'git',
        message: `The requested URL returned error: ${access[2]}`,
        status: status(access[2]),
        url: access[1],
      };
};

const STATUS_REASON =
  /\b([45]\d\d):? (Unauthori[sz]ed|Forbidden|Proxy Authentication Required)\b ?:? ?(.*)$/i;
const STATUS_FIELD = /\bstatus(?:[ _]?code)?["']?(?: ?[:=] ?| )["']?(\d{3})\b/i;

/** Lines that say a request failed without naming the client. Only 4xx and 5xx count. */
const generic: Matcher = (line) => {
  const hit = genericHit(line);
  if (hit === undefined) return undefined;
  // `401 Unauthorized: {"error": …}`: the body is reported on its own, the message is what precedes it.
  const brace = hit.message.indexOf('{');
  const before = brace > 10 ? hit.message.slice(0, brace).replace(/(?<![\s:])[\s:]+$/, '') : '';
  return before === '' ? hit : { ...hit, message: before };
};

function genericHit(line: string): LineHit | undefined {
  const httpLine = /\bHTTP\/\d(?:\.\d)? ([45]\d\d)\b ?(.*)$/.exec(line);
  if (httpLine !== null) return { client: 'generic', message: line, status: status(httpLine[1]) };
  const reason = STATUS_REASON.exec(line);
  if (reason !== null) return { client: 'generic', message: line, status: status(reason[1]) };
  const openai = /\bError code: ([45]\d\d) - /.exec(line);
  if (openai !== null) return { client: 'generic', message: line, status: status(openai[1]) };
  const field = STATUS_FIELD.exec(line) ?? /\b(?:Http response code|returned error):? (\d{3})\b/i.exec(line);
  if (field !== null && field[1] !== undefined && field[1] >= '400' && field[1] < '600') {
    return { client: 'generic', message: line, status: status(field[1]) };
  }
  const bare = /^(40[137]):? ([A-Z].+)$/.exec(line) ?? /^([45]\d\d): (.+)$/.exec(line);
  if (bare !== null) return { client: 'generic', message: bare[2] ?? line, status: status(bare[1]) };
  // The name is captured first and tested after, so a long word never makes the regex backtrack.
  const named = /^(?:Uncaught )?([\w.$]+): (.+)$/.exec(line);
  if (named?.[1] === undefined || named[2] === undefined) return undefined;
  if (/Unauthori[sz]ed|Authentication|NotAuthorized/.test(named[1])) {
    return { client: 'generic', message: named[2], code: named[1] };
  }
  // Salesforce and similar APIs: `INVALID_SESSION_ID: Invalid Session ID found in SessionHeader`.
  return /^[A-Z][A-Z_]+$/.test(named[1]) && /SESSION|AUTH|TOKEN|CREDENTIAL|KEY/.test(named[1])
    ? { client: 'generic', message: named[2], code: named[1] }
    : undefined;
}

/** A browser console's network line: `GET https://api.example.com/me 401 (Unauthorized)   xhr.js:210`. */
const browserConsole: Matcher = (line) => {
  const m = /^(?:Failed to load resource: )?([A-Z]+) (https?:\/\/\S+) (\d{3}) \(([^)]*)\)/.exec(line);
  if (m === null || method(m[1]) === undefined) return undefined;
  return {
    client: 'browser',
    message: m[4] || `HTTP ${m[3]}`,
    status: status(m[3]),
    method: method(m[1]),
    url: m[2],
  };
};

/** `curl -f` (or `--fail-with-body`): `curl: (22) The requested URL returned error: 401`. */
const curlFail: Matcher = (line) => {
  const m = /^curl: \((\d{1,3})\) (.{1,500})$/.exec(line);
  if (m === null || m[2] === undefined) return undefined;
  const returned = /returned error: (\d{3})/.exec(m[2]);
  return {
    client: 'curl',
    message: m[2],
    code: `CURLE ${m[1]}`,
    ...(returned?.[1] === undefined ? {} : { status: status(returned[1]) }),
  };
};

/** Specific before generic; `guzzle` before `python-requests` (both say `Client error`). */
export const MATCHERS: readonly Matcher[] = [
  guzzle,
  axios,
  undici,
  got,
  httpx,
  pythonRequests,
  aiohttp,
  urllib,
  spring,
  java,
  okhttp,
  dotnet,
  docker,
  go,
  ruby,
  npm,
  git,
  curlFail,
  fetchResponse,
  browserConsole,
];

export const GENERIC: Matcher = generic;
