/**
 * What parsers hand to the evidence builder: raw, unredacted structure. These values never leave
 * `src/intake`: `buildEvidence` finds the credentials in them, wraps them as Secrets and redacts every string.
 */
import type { Kind } from './kinds.js';
import type { Note } from './notes.js';

/** Where a value in code or a shell command comes from when it is not a literal. */
export interface ValueOrigin {
  kind:
    | 'literal'
    /** `$TOKEN` / `${TOKEN}` expanded by the shell (double-quoted or unquoted): the real value is unknown. */
    | 'shell_variable'
    /** `$TOKEN` inside single quotes: sent literally as the six characters `$TOKEN`. */
    | 'shell_literal_variable'
    /** `$(…)` or backticks: the value is computed by a command we cannot see. */
    | 'command_substitution'
    /** `process.env.X`, `os.environ["X"]`, `System.getenv("X")`, … */
    | 'env'
    /** a variable or expression in code (`token`, `this.apiKey`, `f"Bearer {token}"`). */
    | 'variable'
    /** a Postman / template variable such as `{{token}}` or `${{ secrets.X }}`. */
    | 'template';
  /** Variable or environment names involved, e.g. `['DO_API_TOKEN']`. */
  names?: string[];
}

export interface RawHeader {
  name: string;
  value: string;
  origin?: ValueOrigin;
}

export interface RawBody {
  /** form: `a=b&c=d`; json; multipart (`-F`); raw text; file: `@file` (content unknown). */
  kind: 'form' | 'json' | 'multipart' | 'raw' | 'file';
  text?: string;
  /** For `@file` / `-T file` / `--data @-`. */
  file?: string;
  /** Multipart or form fields when known. */
  fields?: { name: string; value: string; file?: string }[];
}

export interface RawRequestOptions {
  /** `-L` / `--location` / redirect following in a client. */
  followRedirects?: boolean;
  /** `--location-trusted`: credentials are re-sent to other hosts on redirect. */
  locationTrusted?: boolean;
  /** `-k` / `--insecure`. */
  insecure?: boolean;
  /** `-x` / `--proxy` URL (its userinfo is a credential). */
  proxy?: string;
  /** `-U` / `--proxy-user`. */
  proxyUser?: string;
  /** `-v`, `-i`, `-I`, `-G`, `--compressed`, … as seen. */
  verbose?: boolean;
  include?: boolean;
  /** `-G`: data goes into the query string. */
  dataAsQuery?: boolean;
  maxRedirs?: number;
  /** `--aws-sigv4 provider1[:provider2[:region[:service]]]`. */
  awsSigv4?: string;
  /** `--digest`, `--ntlm`, `--negotiate`, `--basic`, `--anyauth`, `--no-basic`. */
  authScheme?: 'basic' | 'digest' | 'ntlm' | 'negotiate' | 'anyauth' | 'aws-sigv4' | 'bearer';
  /** Cookie files read (`-b file`) and written (`-c file`). */
  cookieFiles?: string[];
  cookieJar?: string;
  /** HTTP version flags (`--http2`, `--http1.1`). */
  httpVersion?: string;
}

export interface RawRequest {
  method?: string;
  /** True when the method was named (`-X`, `http POST …`, `method: 'POST'`), not implied. */
  methodExplicit?: boolean;
  /** As written, with scheme added when curl would add one (`localhost:3000` → `http://localhost:3000`). */
  url?: string;
  headers: RawHeader[];
  /** `-u user:pass`, `-a user:pass`, `auth=('u','p')`, URL userinfo is left in the URL. */
  basicAuth?: { user: string; password?: string; origin?: ValueOrigin };
  /** `--oauth2-bearer TOKEN`, `http -A bearer -a TOKEN`. */
  bearer?: { token: string; origin?: ValueOrigin };
  /** `-b 'a=b; c=d'` (a cookie string, not a file). The `Cookie` header stays in `headers`. */
  cookies?: { name: string; value: string }[];
  /** Headers the command deliberately suppresses (`-H 'Authorization:'`), lowercased. */
  removedHeaders?: string[];
  body?: RawBody;
  options?: RawRequestOptions;
}

export interface RawResponse {
  httpVersion?: string;
  status: number;
  statusText?: string;
  headers: RawHeader[];
  body?: string;
}

/**
 * One request and/or response. A curl command is an exchange with only a request; each hop of a
 * `curl -v -L` trace is an exchange with both; a pasted response alone has only a response.
 */
export interface RawExchange {
  source: Kind;
  /** 1-based line in the normalized paste where this exchange starts. */
  line?: number;
  /** Position in a redirect chain (0 for the first request). */
  hop?: number;
  request?: RawRequest;
  response?: RawResponse;
}

export interface RawClientError {
  /** Which client or runtime produced it. */
  client:
    | 'axios'
    | 'fetch'
    | 'undici'
    | 'node'
    | 'got'
    | 'python-requests'
    | 'httpx'
    | 'urllib'
    | 'aiohttp'
    | 'java'
    | 'spring'
    | 'okhttp'
    | 'dotnet'
    | 'go'
    | 'guzzle'
    | 'ruby'
    | 'npm'
    | 'git'
    | 'docker'
    | 'curl'
    | 'browser'
    | 'generic';
  status?: number;
  message: string;
  url?: string;
  method?: string;
  /** A client error code such as `ERR_BAD_REQUEST`, `E401`, `invalid_auth`. */
  code?: string;
  line?: number;
}

/** A JSON (or text) error body pasted on its own or found in a log. */
export interface RawBodyText {
  text: string;
  status?: number;
  line?: number;
}

/**
 * A value known to be a credential from its place outside any request: `.env` lines
 * (`STRIPE_KEY=sk_live_…`), code (`const apiKey = '…'`, `new Stripe('sk_…')`, `OpenAI(api_key=…)`).
 */
export interface RawLooseCredential {
  value: string;
  /** The variable, parameter or key it was assigned to. */
  name?: string;
  context: 'env' | 'code' | 'text';
  origin?: ValueOrigin;
  line?: number;
}

/** What one parser returns for the part of the paste it understood. Every field is optional. */
export interface Fragment {
  kinds?: Kind[];
  exchanges?: RawExchange[];
  clientErrors?: RawClientError[];
  bodies?: RawBodyText[];
  /** Raw `WWW-Authenticate` values seen outside a parsed response (log lines, prose). */
  challenges?: { value: string; line?: number }[];
  looseCredentials?: RawLooseCredential[];
  notes?: Note[];
}

/** A region of the normalized paste, as found by `detect`. Lines are 1-based and inclusive. */
export interface Segment {
  kind: Kind;
  text: string;
  startLine: number;
  endLine: number;
}
