/**
 * Shared questions the credential rules ask: which request carried a credential and was it observed on the
 * wire or only written in a command, where the detected provider wants its credential (and in what shape),
 * and how a placement the user chose compares with that. Everything here reads Evidence and packs only;
 * nothing returns a raw secret.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import type { RequestView } from '../../diagnose/facts.js';
import { wentOut } from '../../diagnose/facts.js';
import { formatById } from '../../intake/credentials/formats.js';
import type { Credential, Evidence, Occurrence } from '../../intake/evidence.js';
import type { Kind } from '../../intake/kinds.js';
import type { AuthMethod, ProviderPack } from '../../providers/schema.js';
import { editDistance } from './edit-distance.js';
import { placeholderFor } from './fix.js';

/** Sources that show what went over the wire, as opposed to a command or code that would send it. */
const OBSERVED: ReadonlySet<Kind> = new Set(['curl_trace', 'har', 'http_request', 'http_response']);

export function isObserved(view: RequestView): boolean {
  return OBSERVED.has(view.exchange.source);
}

/** The credential's occurrence in this request. */
export function occurrenceIn(credential: Credential, view: RequestView): Occurrence | undefined {
  return credential.where.find((w) => w.exchange === view.exchange.id && wentOut(w));
}

export function pointerIn(credential: Credential, view: RequestView): string {
  return occurrenceIn(credential, view)?.pointer ?? `${view.pointer}`;
}

export interface CredentialUse {
  credential: Credential;
  view: RequestView;
  at: Occurrence;
}

/**
 * Each sent credential once, at its most telling occurrence: a request that was observed (a trace, a HAR
 * entry) beats the command that produced it, and one with a response beats one without. A token shown in
 * both a `curl` command and its `-v` output is one finding, not two.
 */
export function sentUses(ctx: DiagnosisContext, keep: (use: CredentialUse) => boolean): CredentialUse[] {
  const best = new Map<string, { use: CredentialUse; score: number }>();
  for (const view of ctx.facts.requests) {
    for (const credential of view.credentials) {
      const at = occurrenceIn(credential, view);
      if (!at) continue;
      const use = { credential, view, at };
      if (!keep(use)) continue;
      const score = (isObserved(view) ? 2 : 0) + (view.exchange.response ? 1 : 0);
      const key = `${credential.id}\u0000${at.location}\u0000${at.name ?? ''}`;
      const previous = best.get(key);
      if (!previous || score > previous.score) best.set(key, { use, score });
    }
  }
  return [...best.values()].map((b) => b.use);
}

/** The HTTP status this request got, when the paste shows it. */
export function statusOf(view: RequestView): number | undefined {
  return view.exchange.response?.status;
}

/**
 * Whether the request failed: `yes` when its own response was a 401 (or 403 / 407-free auth failure),
 * `no` when it got a success or redirect, `likely` when the paste shows a 401 somewhere else, `unknown`.
 */
export function failed(view: RequestView, ctx: DiagnosisContext): 'yes' | 'no' | 'likely' | 'unknown' {
  const status = statusOf(view);
  if (status !== undefined) {
    if (status === 401) return 'yes';
    if (status < 400) return 'no';
    return ctx.facts.saw401 ? 'likely' : 'unknown';
  }
  return ctx.facts.saw401 ? 'likely' : 'unknown';
}

export function hasNote(evidence: Evidence, ...codes: string[]): boolean {
  return evidence.notes.some((n) => codes.includes(n.code));
}

export function noteLines(evidence: Evidence, code: string): number[] {
  return evidence.notes.flatMap((n) => (n.code === code && n.line !== undefined ? [n.line] : []));
}

/** `request.url.raw` when it is a URL, for "the request to …" wording. */
export function urlOf(view: RequestView): string | undefined {
  const url = view.request.url;
  return url?.valid ? url.raw : undefined;
}

export function requestWords(view: RequestView): string {
  const url = urlOf(view);
  return url ? `the request to ${url}` : 'the request';
}

// ---------------------------------------------------------------------------------------------------------
// Provider packs: where the credential goes.

export function isUsable(method: AuthMethod): boolean {
  return method.status === 'preferred' || method.status === 'accepted';
}

/** Usable methods, preferred ones first, otherwise in pack order. */
export function usableMethods(pack: ProviderPack): AuthMethod[] {
  const usable = pack.auth.filter(isUsable);
  return [
    ...usable.filter((m) => m.status === 'preferred'),
    ...usable.filter((m) => m.status !== 'preferred'),
  ];
}

/** Methods that name this credential's format (or what it looks like). */
export function methodsForFormat(pack: ProviderPack, credential: Credential): AuthMethod[] {
  const ids = formatIdsFor(pack, credential);
  if (ids.length === 0) return [];
  return pack.auth.filter((m) => m.formats.some((f) => ids.includes(f)));
}

/**
 * Format ids the credential has: what intake named it, plus the pack's own formats whose whole-value pattern
 * matches (intake names some formats only in context: an Okta token only after `SSWS`).
 */
const FORMAT_IDS = new WeakMap<Credential, Map<string, string[]>>();

/** Memoised per credential and pack: several rules ask the same question about the same credential. */
export function formatIdsFor(pack: ProviderPack | undefined, credential: Credential): string[] {
  let byPack = FORMAT_IDS.get(credential);
  if (!byPack) {
    byPack = new Map();
    FORMAT_IDS.set(credential, byPack);
  }
  const key = pack?.id ?? '';
  let ids = byPack.get(key);
  if (!ids) {
    ids = computeFormatIds(pack, credential);
    byPack.set(key, ids);
  }
  return [...ids];
}

function computeFormatIds(pack: ProviderPack | undefined, credential: Credential): string[] {
  const ids = [credential.format?.id, credential.lookalike?.id].filter((x): x is string => !!x);
  const raw = credential.secret?.reveal();
  if (!pack || raw === undefined || raw.length > 4096) return ids;
  const candidates = new Set([
    ...pack.auth.flatMap((m) => m.formats),
    ...Object.keys(FORMAT_SCHEMES).filter((id) => id.startsWith(`${pack.id}.`)),
  ]);
  for (const id of candidates) {
    if (ids.includes(id)) continue;
    const pattern = formatById(id)?.pattern ?? pack.credentialFormats.find((f) => f.id === id)?.pattern;
    if (pattern?.test(raw)) ids.push(id);
  }
  return ids;
}

/** The method to recommend for this credential: a usable one that names its format, else the best usable. */
export function bestMethod(pack: ProviderPack, credential?: Credential): AuthMethod | undefined {
  const usable = usableMethods(pack);
  if (credential) {
    const own = methodsForFormat(pack, credential).filter(isUsable);
    const preferred = own.find((m) => m.status === 'preferred') ?? own[0];
    if (preferred) return preferred;
  }
  return usable[0];
}

export const lower = (s: string | undefined) => (s ?? '').toLowerCase();

export function isAuthorizationMethod(method: AuthMethod): boolean {
  return (
    method.in === 'basic' ||
    (method.in === 'header' && lower(method.name ?? 'Authorization') === 'authorization')
  );
}

/** Where one occurrence put the credential, in the terms a pack uses. */
export interface Placement {
  in: AuthMethod['in'];
  name?: string;
  scheme?: string;
}

export function placementOf(credential: Credential, at: Occurrence): Placement | undefined {
  switch (at.location) {
    case 'authorization': {
      const scheme = credential.scheme;
      if (lower(scheme) === 'basic') return { in: 'basic', name: 'Authorization', scheme: 'Basic' };
      return { in: 'header', name: 'Authorization', ...(scheme ? { scheme } : {}) };
    }
    case 'basic_flag':
    case 'userinfo':
      return { in: 'basic', name: 'Authorization', scheme: 'Basic' };
    case 'bearer_flag':
      return { in: 'header', name: 'Authorization', scheme: 'Bearer' };
    case 'header':
      return { in: 'header', ...(at.name ? { name: at.name } : {}) };
    case 'query':
      return { in: 'query', ...(at.name ? { name: at.name } : {}) };
    case 'body':
      return { in: 'body', ...(at.name ? { name: at.name } : {}) };
    case 'cookie':
      return { in: 'cookie', ...(at.name ? { name: at.name } : {}) };
    default:
      return undefined;
  }
}

/** The pack's methods that describe this placement (whatever their status). */
export function methodsAt(pack: ProviderPack, placement: Placement): AuthMethod[] {
  return pack.auth.filter((m) => {
    if (placement.in === 'basic') {
      return m.in === 'basic' || (isAuthorizationMethod(m) && lower(m.scheme) === 'basic');
    }
    if (m.in !== placement.in) return false;
    if (m.in === 'header') {
      if (lower(m.name ?? 'Authorization') !== lower(placement.name)) return false;
      return (
        m.scheme === undefined ||
        placement.scheme === undefined ||
        lower(m.scheme) === lower(placement.scheme)
      );
    }
    return m.name === undefined || lower(m.name) === lower(placement.name);
  });
}

/**
 * The detected provider's pack as it applies to this request: `strong` when the request goes to one of its
 * hosts (or shows no host to contradict it), weak when it goes to a host no pack knows (a proxy, a custom
 * domain, a self-hosted install) and the pack was only inferred from the credential or the text. A request
 * to another provider's host gets no pack at all.
 */
export function packFor(
  ctx: DiagnosisContext,
  view: RequestView,
): { pack: ProviderPack; strong: boolean } | undefined {
  const detection = ctx.provider;
  if (!detection) return undefined;
  const host = view.request.url?.valid ? view.request.url.host : undefined;
  if (!host) return { pack: detection.pack, strong: true };
  const match = ctx.knowledge.matchHost(host);
  if (match) return match.pack.id === detection.pack.id ? { pack: detection.pack, strong: true } : undefined;
  return { pack: detection.pack, strong: false };
}

/** Caps a report at a warning when the pack behind it is only a guess for this request. */
export function weakened<T extends { severity?: 'error' | 'warning' | 'info'; confidence: number }>(
  report: T,
  strong: boolean,
): T {
  if (strong) return report;
  return {
    ...report,
    severity: report.severity === 'info' ? 'info' : 'warning',
    confidence: Math.min(report.confidence, 0.55),
  };
}

/**
 * Whether a usable method of the pack takes this credential at this placement. A method that lists formats
 * takes only those, when the pack names this credential's format elsewhere (an `AIza…` key under a Bearer
 * method meant for OAuth tokens); otherwise formats say nothing about it.
 */
export function acceptsAt(pack: ProviderPack, placement: Placement, credential: Credential): boolean {
  const ids = formatIdsFor(pack, credential);
  const known = ids.length > 0 && pack.auth.some((m) => m.formats.some((f) => ids.includes(f)));
  return methodsAt(pack, placement).some(
    (m) => isUsable(m) && (!known || m.formats.length === 0 || m.formats.some((f) => ids.includes(f))),
  );
}

/** The credential's format is one the pack ties only to non-Authorization placements (an API-key header, `?key=`). */
export function belongsElsewhere(pack: ProviderPack, credential: Credential): boolean {
  const own = methodsForFormat(pack, credential).filter(isUsable);
  return own.length > 0 && !own.some(isAuthorizationMethod);
}

/** Whether any credential of the request sits where the pack says a usable method takes it. */
export function requestHasUsablePlacement(pack: ProviderPack, view: RequestView): boolean {
  return view.credentials.some((c) => {
    const at = occurrenceIn(c, view);
    const placement = at && placementOf(c, at);
    return !!placement && acceptsAt(pack, placement, c);
  });
}

/** What goes where, for curlExample. */
export interface ExampleAuth {
  header?: string;
  basic?: string;
  query?: { name: string; value: string };
}

/** A method as an example for the user's own request, with a placeholder for the secret. */
export function exampleFor(method: AuthMethod, pack: ProviderPack): ExampleAuth {
  const secret = placeholderFor(pack);
  switch (method.in) {
    case 'basic':
      return { basic: basicExample(method.basicShape, pack) };
    case 'query':
      return { query: { name: method.name ?? 'api_key', value: secret } };
    case 'header': {
      const name = method.name ?? 'Authorization';
      return { header: method.scheme ? `${name}: ${method.scheme} ${secret}` : `${name}: ${secret}` };
    }
    default:
      return {};
  }
}

/** A method in words: "`Authorization: Bearer <YOUR_GITHUB_TOKEN>`", "the `key` query parameter". */
export function describeMethod(method: AuthMethod, pack: ProviderPack): string {
  const secret = placeholderFor(pack);
  switch (method.in) {
    case 'basic':
      return `HTTP Basic auth (\`-u ${basicExample(method.basicShape, pack)}\`${method.basicShape ? `, i.e. ${method.basicShape}` : ''})`;
    case 'query':
      return `the \`${method.name ?? 'api_key'}\` query parameter`;
    case 'body':
      return `the \`${method.name ?? 'token'}\` field of the request body`;
    case 'cookie':
      return `the \`${method.name ?? 'session'}\` cookie`;
    default: {
      const name = method.name ?? 'Authorization';
      return `\`${name}: ${method.scheme ? `${method.scheme} ` : ''}${secret}\``;
    }
  }
}

/** Parts of a Basic shape that stand for a value rather than being typed literally (Mailgun's `api` is literal). */
const SHAPE_PLACEHOLDER =
  /^(?:<[^<>]{1,60}>|e-?mail|user(?:name)?|login|account(?:[_-]?sid)?|sid|client[_-]?id|client[_-]?secret|api[_-]?key|key|api[_-]?token|token|password|pass|secret|app[_-]?password|auth[_-]?token|access[_-]?token|id|key[_-]?id|key[_-]?secret|pat)$/i;

/** `user:password` at the start of a shape; packs may explain it after a space (`email:api_token (the …)`). */
const SHAPE_PAIR = /^\s{0,8}([^\s:]{1,80}):([^\s:]{0,80})(?:\s|$)/;

function shapePart(part: string): string {
  if (part.startsWith('<')) return part;
  return SHAPE_PLACEHOLDER.test(part) ? `<${part.toUpperCase().replace(/[^A-Z0-9]+/g, '_')}>` : part;
}

/**
 * `email:api_token` → `<EMAIL>:<API_TOKEN>`, `api:<API_KEY>` → `api:<API_KEY>`, `email/token:api_token` →
 * `<EMAIL>/token:<API_TOKEN>`; prose shapes ("api key as username, empty password") become `<KEY>:`.
 */
export function basicExample(shape: string | undefined, pack?: ProviderPack): string {
  if (!shape) return '<USERNAME>:<PASSWORD>';
  const pair = SHAPE_PAIR.exec(shape);
  if (pair) {
    const [, user = '', password = ''] = pair;
    const userPart = user
      .split('/')
      .map((seg, i) => (i === 0 ? shapePart(seg) : seg))
      .join('/');
    return `${userPart}:${password === '' ? '' : shapePart(password)}`;
  }
  if (/empty password|no password|password empty/i.test(shape)) return `${placeholderFor(pack, 'KEY')}:`;
  return '<USERNAME>:<PASSWORD>';
}

/** What a Basic shape requires of the username and password, as far as a shape can say. */
export interface ShapeNeeds {
  /** The username must be an email address. */
  email?: boolean;
  /** The username must end with this literal (`/token` for Zendesk). */
  userSuffix?: string;
  /** The username must be exactly this literal (`api` for Mailgun). */
  userLiteral?: string;
  /** The password must be empty (the key is the username). */
  emptyPassword?: boolean;
}

const LITERAL_USER = /^(?!.*(?:any|user|name|account|client|id|key|token|login|email))[a-z0-9.-]{1,16}$/i;

export function shapeNeeds(shape: string | undefined): ShapeNeeds | undefined {
  if (!shape) return undefined;
  const pair = SHAPE_PAIR.exec(shape);
  if (!pair) return /empty password|no password/i.test(shape) ? { emptyPassword: true } : undefined;
  const [, user = '', password = ''] = pair;
  const needs: ShapeNeeds = {};
  const [first = '', ...rest] = user.split('/');
  // `email`, `<e-mail>`, `atlassian_account_email`: an address is wanted. A literal user is a short plain word
  // (`api`); descriptive names (`account_name`, `anystring`) describe what goes there.
  if (/(?:^|[<_-])e-?mail>?$/i.test(first)) needs.email = true;
  else if (!SHAPE_PLACEHOLDER.test(first) && LITERAL_USER.test(first)) needs.userLiteral = user;
  if (rest.length > 0) needs.userSuffix = `/${rest.join('/')}`;
  if (password === '') needs.emptyPassword = true;
  return needs;
}

// ---------------------------------------------------------------------------------------------------------
// Header names.

/** Names people write when they mean `Authorization` (other than plain typos, which the distance catches). */
const AUTHORIZATION_STAND_INS = new Set([
  'authentication',
  'authentification',
  'authorisation',
  'authorization-token',
  'authorization_token',
  'authorizationtoken',
  'authorization-header',
  'auth',
  'bearer',
  'bearer-token',
  'http-authorization',
  'http_authorization',
]);

/** A scheme word at the start of a header value: evidence that the header was meant to be `Authorization`. */
export const SCHEME_WORD =
  /^\s{0,8}["']?(?:Bearer|Basic|Token|Bot|SSWS|Digest|ApiKey|JWT|Negotiate|NTLM)(?:\s|:|$)/i;

/**
 * Whether `name` is a slip for `Authorization`: a stand-in word, a near-miss spelling, or the right word
 * with stray quotes or spaces around it. `Proxy-Authorization` and real API-key headers are not.
 */
export function authorizationSlip(name: string): 'spelling' | 'stand_in' | 'decorated' | undefined {
  const bare = name.toLowerCase();
  if (bare === 'authorization' || bare === 'proxy-authorization') return undefined;
  const stripped = bare.replace(/^[\s"'`]+/, '').replace(/(?<![\s"'`:])[\s"'`:]+$/, '');
  if (stripped !== bare && (stripped === 'authorization' || editDistance(stripped, 'authorization', 2) <= 2))
    return 'decorated';
  if (AUTHORIZATION_STAND_INS.has(bare)) return 'stand_in';
  if (bare.length >= 10 && editDistance(bare, 'authorization', 2) <= 2) return 'spelling';
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Schemes some credentials need whatever the pack says (used when no pack names the format).

/** Credential formats whose scheme is fixed by the provider, for when no detected pack lists them. */
export const FORMAT_SCHEMES: Readonly<Record<string, { scheme: string; provider: string; docs: string }>> = {
  'discord.bot_token': {
    scheme: 'Bot',
    provider: 'Discord',
    docs: 'https://discord.com/developers/docs/reference#authentication',
  },
  'okta.api_token': {
    scheme: 'SSWS',
    provider: 'Okta',
    docs: 'https://developer.okta.com/docs/guides/create-an-api-token/main/',
  },
};

/** `ZXlK…` is base64 of `eyJ`: a JWT that was base64-encoded once more. */
export function decodeBase64Text(value: string): string | undefined {
  const text = value.trim();
  if (text.length < 8 || text.length > 16_384 || !/^[A-Za-z0-9+/]+={0,2}$/.test(text)) return undefined;
  if (text.replace(/(?<!=)=+$/, '').length % 4 === 1) return undefined;
  const decoded = Buffer.from(text, 'base64').toString('utf8');
  // Printable ASCII only (a trailing newline from `echo | base64` allowed): anything else is binary.
  return /^[\x20-\x7e]+\n?$/.test(decoded) ? decoded : undefined;
}

/** A username safe to show: an email or a short word, never something that could be a key. */
export function showableUser(user: string): string | undefined {
  if (/^[^\s@:]{1,64}@[^\s@:]{1,255}$/.test(user)) return user;
  if (/^[A-Za-z][A-Za-z._-]{0,23}[0-9]{0,3}$/.test(user)) return user;
  return undefined;
}

/** Capitalises the first letter, for details that start with a place ("the Authorization header …"). */
export function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** "a GitHub token", "an Okta API token", "an OpenAI key": the article for a credential's name. */
export function withArticle(name: string): string {
  return `${/^[aeiou]/i.test(name) ? 'an' : 'a'} ${name}`;
}
