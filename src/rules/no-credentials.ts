/**
 * A request that failed (or is about to) and carries no credential at all: no Authorization header, no
 * API-key header, no cookie, query parameter or `-u`. Also the commands that throw the header away
 * themselves: `-H 'Authorization:'` (curl's "remove this header"), a `-H` value without a colon that curl
 * silently drops, an unquoted HTTPie item split by the shell. The fix says what to send, from the server's
 * own `WWW-Authenticate` challenge or from what the provider's pack says it expects. A later hop of a redirect
 * whose first request carried the credential is redirect-dropped-credentials' case, not this one.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { RequestView } from '../diagnose/facts.js';
import { isCredentialHeader } from '../intake/credentials/names.js';
import type { Challenge, Evidence } from '../intake/evidence.js';
import type { ProviderPack } from '../providers/schema.js';
import {
  authorizationSlip,
  bestMethod,
  describeMethod,
  type ExampleAuth,
  exampleFor,
  failed,
  isObserved,
  noteLines,
  packFor,
  requestWords,
  SCHEME_WORD,
  sentence,
  urlOf,
} from './helpers/credentials.js';
import { curlExample, placeholderFor } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

/** Notes saying the credential may come from somewhere the paste does not show: absence proves nothing. */
const HIDDEN_SOURCES = [
  'curl.config_not_read',
  'curl.header_file',
  'curl.netrc',
  'httpie.session',
  'powershell.unknown_headers',
  'powershell.unknown_session',
  'powershell.credential_unknown',
  'intake.parser_failed',
  'normalize.binary',
];
/** Notes saying what was read is partial: absence is weaker evidence. */
const PARTIAL = [
  'curl_trace.truncated',
  'http_message.provisional_headers',
  'http_message.truncated',
  'input.too_large',
];
/** Notes saying the user tried to send a header and wrote it so it was dropped. */
const DROPPED_HEADER = ['curl.header_malformed', 'httpie.header_unset', 'httpie.bad_item'];

const KEYISH = /key|token|secret|auth|sig|pass|session|jwt|bearer|credential/i;
/** Headers whose names contain those words without carrying a credential. */
const NOT_KEY_HEADER =
  /^(?:access-control-|sec-|www-authenticate|x-frame|x-content-type)|^(?:content-|accept)/i;

const AUTH_HEADERS_REMOVED = (name: string) => name === 'authorization' || isCredentialHeader(name);

export default defineRule({
  meta: {
    id: 'no-credentials',
    cause: 'missing_credentials',
    otherCauses: ['wrong_header_format'],
    severity: 'error',
    title: 'No credential was sent',
    description:
      'The request carries no credential at all: no Authorization header, API-key header, cookie, query parameter or `-u` option. The server cannot tell who is calling and answers 401. This also covers commands that drop the header themselves (`-H "Authorization:"` removes it in curl; a `-H` value without a colon is silently ignored).',
    docs: ['https://www.rfc-editor.org/rfc/rfc9110#name-401-unauthorized'],
    checklist: ['credentials-present'],
  },
  check(evidence, ctx) {
    if (evidence.notes.some((n) => HIDDEN_SOURCES.includes(n.code))) return [];
    const reports: RuleReport[] = [];
    const seen = new Set<string>();
    const candidates = ctx.facts.requests
      .filter((view) => sendsNothing(view))
      // Observed requests and those with their own response speak for the command that produced them.
      .sort((a, b) => weight(b) - weight(a));
    // Requests whose own response is not shown share the paste's 401: one finding for them, not one each.
    let sharedReported = false;
    for (const view of candidates) {
      const key = urlOf(view) ?? `#${view.index}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const shared = view.exchange.response === undefined;
      if (shared && sharedReported) continue;
      const report = reportFor(view, evidence, ctx);
      if (report) {
        reports.push(report);
        if (shared) sharedReported = true;
      }
    }
    if (ctx.facts.requests.length === 0) {
      const challenged = challengeOnly(evidence, ctx);
      if (challenged) reports.push(challenged);
    }
    return reports;
  },
});

/** An earlier request of the same redirect chain (hop numbers counting up to this one) sent a credential. */
function sentEarlierInChain(view: RequestView, evidence: Evidence, ctx: DiagnosisContext): boolean {
  const exchanges = evidence.exchanges;
  for (let i = view.index; i > 0; i--) {
    const hop = exchanges[i]?.hop;
    if (hop === undefined || hop === 0 || (exchanges[i - 1]?.hop ?? 0) !== hop - 1) return false;
    const earlier = ctx.facts.requests.find((r) => r.index === i - 1);
    if (earlier && earlier.credentials.length > 0) return true;
  }
  return false;
}

function weight(view: RequestView): number {
  return (isObserved(view) ? 2 : 0) + (view.exchange.response ? 1 : 0);
}

function removedAuth(view: RequestView): string[] {
  return (view.request.removedHeaders ?? []).filter(AUTH_HEADERS_REMOVED);
}

/** No credential goes out: none was given, or the only ones ride in an Authorization header curl was told to drop. */
function sendsNothing(view: RequestView): boolean {
  const { request } = view;
  if (request.method === 'CONNECT') return false;
  const removed = removedAuth(view);
  const flagOnly = view.credentials.every((c) =>
    c.where.some(
      (w) => w.exchange === view.exchange.id && (w.location === 'basic_flag' || w.location === 'bearer_flag'),
    ),
  );
  if (view.credentials.length > 0 && !(removed.includes('authorization') && flagOnly)) return false;
  if (request.auth && !removed.includes('authorization')) return false;
  if (request.options.cookieFiles?.length || request.cookies.length > 0) return false;
  // A parameter or header named like a key that intake did not register (`hapikey`, `X-Api-Secret`) still
  // carries something: the request is not without credentials, only unrecognised.
  if (request.url?.query.some((q) => q.value !== '' && KEYISH.test(q.name))) return false;
  if (
    request.headers.some((h) => h.value.trim() !== '' && KEYISH.test(h.name) && !NOT_KEY_HEADER.test(h.name))
  )
    return false;
  // A header that was meant to carry one (misspelled, or empty) is another rule's finding.
  return !request.headers.some(
    (h) =>
      authorizationSlip(h.name) !== undefined ||
      (isCredentialHeader(h.name) && h.value.trim() === '') ||
      SCHEME_WORD.test(h.value),
  );
}

function reportFor(view: RequestView, evidence: Evidence, ctx: DiagnosisContext): RuleReport | undefined {
  const outcome = failed(view, ctx);
  if (outcome === 'no') return undefined;
  // A later hop of a redirect whose first request carried the credential: the client dropped it on the
  // redirect (redirect-dropped-credentials), the user did send one.
  if (sentEarlierInChain(view, evidence, ctx)) return undefined;
  // In a paste with several requests, one without a 401 of its own next to others that carry credentials is
  // usually a login or preflight step, not the failing call.
  const othersCarry = ctx.facts.requests.some(
    (v) => v !== view && v.credentials.length > 0 && urlOf(v) !== urlOf(view),
  );
  if (outcome !== 'yes' && othersCarry) return undefined;

  const found = packFor(ctx, view);
  const pack = found?.pack;
  const challenges = challengesFor(view, ctx);
  const removed = removedAuth(view);
  const dropped = DROPPED_HEADER.flatMap((code) => noteLines(evidence, code).map((line) => ({ code, line })));
  const droppedAny = dropped.length > 0 || evidence.notes.some((n) => DROPPED_HEADER.includes(n.code));

  let severity: RuleReport['severity'];
  let confidence: number;
  const source = view.exchange.source;
  if (outcome === 'unknown') {
    if (!pack || !found?.strong || !ctx.provider?.via.includes('host')) return undefined;
    severity = 'warning';
    confidence = 0.4;
  } else if (source === 'har') {
    // Chrome exports "sanitized" HAR files without Authorization and Cookie headers.
    severity = 'warning';
    confidence = 0.45;
  } else if (source === 'code') {
    severity = outcome === 'yes' ? 'error' : 'warning';
    confidence = outcome === 'yes' ? 0.75 : 0.55;
  } else {
    severity = 'error';
    confidence = outcome === 'yes' ? 0.9 : 0.85;
  }
  if (evidence.notes.some((n) => PARTIAL.includes(n.code))) {
    severity = 'warning';
    confidence = Math.min(confidence, 0.5);
  }

  const parts: string[] = [];
  if (removed.length > 0) {
    parts.push(
      `${sentence(requestWords(view))} removes its own ${removed.map((h) => `\`${capitalise(h)}\``).join(' and ')} header: \`-H '${capitalise(removed[0] ?? 'authorization')}:'\` (a name with nothing after the colon) tells curl not to send that header at all${view.request.auth ? ', including the one `-u`/`--oauth2-bearer` would have built' : ''}.`,
    );
  } else {
    parts.push(
      `${sentence(requestWords(view))} carries no credential: no Authorization header, no API-key header, cookie or query parameter, no \`-u\`.`,
    );
  }
  if (droppedAny) {
    parts.push(
      evidence.notes.some((n) => n.code === 'curl.header_malformed')
        ? `A \`-H\` value in the command has no colon${lineWords(dropped, 'curl.header_malformed')}, so curl dropped it without a word: if it was the credential (\`-H 'Authorization Bearer …'\`), it never reached the server.`
        : `An HTTPie item was split or emptied${lineWords(dropped)}: unquoted, \`Authorization: Bearer …\` becomes the item \`Authorization:\` (which removes the header) and stray words.`,
    );
  }
  if (source === 'har')
    parts.push(
      '(Browsers export "sanitized" HAR files without Authorization and Cookie headers, so check the live request too.)',
    );
  if (outcome === 'yes') parts.push('The server answered 401.');
  else if (outcome === 'likely') parts.push('The paste shows a 401 for it.');

  const { words: challengeWords, auth: challengeAuth, extra } = fromChallenges(challenges);
  if (challengeWords) parts.push(challengeWords);
  const method = pack ? bestMethod(pack) : undefined;
  if (pack && method) parts.push(`${pack.name} expects ${describeMethod(method, pack)}.`);
  else if (outcome === 'unknown' && pack) parts.push(`${pack.name} requires authentication.`);

  // With `-u` given and only the removal at fault, the fix keeps `-u`.
  const given =
    view.request.auth?.scheme === 'basic' && removed.length > 0
      ? { basic: `${view.request.auth.user ?? '<USERNAME>'}:<PASSWORD>` }
      : undefined;
  const auth: ExampleAuth =
    given ??
    challengeAuth ??
    (pack && method ? exampleFor(method, pack) : { header: `Authorization: Bearer ${placeholderFor(pack)}` });
  const fix: string[] = [];
  if (removed.length > 0)
    fix.push(`Remove \`-H '${capitalise(removed[0] ?? 'authorization')}:'\` from the command.`);
  if (droppedAny)
    fix.push(
      'Write each header as one quoted `Name: value` argument: `-H "Authorization: Bearer $TOKEN"` (HTTPie: `"Authorization: Bearer $TOKEN"`).',
    );
  fix.push(`Send the credential: ${describeAuth(auth)}.`);
  fix.push(
    source === 'httpie' && auth.header
      ? `http ${view.request.method === 'GET' ? '' : `${view.request.method} `}${urlOf(view) ?? '…'} "${auth.header}"`
      : `${extra ?? ''}${curlExample(view.request, auth)}`,
  );

  return {
    // An emptied HTTPie `Authorization:` item shows the header was meant; a colon-less curl -H may be any header.
    cause:
      removed.length === 0 && evidence.notes.some((n) => n.code === 'httpie.header_unset')
        ? 'wrong_header_format'
        : 'missing_credentials',
    severity,
    confidence,
    detail: parts.join(' '),
    evidence: [view.pointer, ...(challenges[0] ? [challenges[0].pointer] : [])],
    fix,
    docs: pack?.docs[0] ? [pack.docs[0].url] : [],
  };
}

function lineWords(dropped: { code: string; line: number }[], code?: string): string {
  const lines = dropped.filter((d) => !code || d.code === code).map((d) => d.line);
  return lines.length > 0 ? ` (line ${[...new Set(lines)].join(', ')})` : '';
}

function capitalise(s: string): string {
  return s.replace(/(^|-)([a-z])/g, (_, dash: string, c: string) => dash + c.toUpperCase());
}

function describeAuth(auth: ExampleAuth): string {
  if (auth.basic) return `HTTP Basic, \`-u ${auth.basic}\``;
  if (auth.query) return `the \`${auth.query.name}\` query parameter`;
  return `\`${auth.header ?? 'Authorization: Bearer <YOUR_TOKEN>'}\``;
}

/** The challenges that answered this request: its own response's, or the paste's when it holds one request. */
function challengesFor(
  view: RequestView,
  ctx: DiagnosisContext,
): { challenge: Challenge; pointer: string }[] {
  const own = view.exchange.response?.challenges ?? [];
  if (own.length > 0) {
    const prefix = view.pointer.replace(/request$/, 'response');
    return own.map((challenge) => ({ challenge, pointer: `${prefix}.headers.www-authenticate` }));
  }
  const requests = new Set(ctx.facts.requests.map((v) => urlOf(v) ?? `#${v.index}`));
  return requests.size === 1 ? ctx.facts.challenges : [];
}

const lower = (s: string) => s.toLowerCase();

/** What the server's challenge asks for, and a curl example that answers it. */
function fromChallenges(challenges: { challenge: Challenge }[]): {
  words?: string;
  auth?: ExampleAuth;
  extra?: string;
} {
  const first = challenges[0]?.challenge;
  if (!first) return {};
  const schemes = [...new Set(challenges.map((c) => c.challenge.scheme))];
  const realm = first.params.realm ? ` realm="${first.params.realm}"` : '';
  const words = `The 401 carries \`WWW-Authenticate: ${first.scheme}${realm}\`${schemes.length > 1 ? ` (also ${schemes.slice(1).join(', ')})` : ''}, so the server wants ${schemeWords(first.scheme)}.`;
  switch (lower(first.scheme)) {
    case 'basic':
      return { words, auth: { basic: '<USERNAME>:<PASSWORD>' } };
    case 'digest':
      return { words, auth: { basic: '<USERNAME>:<PASSWORD>' }, extra: 'With --digest: ' };
    case 'negotiate':
    case 'ntlm':
      return {
        words,
        auth: {},
        extra: `With --${lower(first.scheme)} -u : (your logged-in Kerberos/Windows identity): `,
      };
    case 'apikey':
      return { words, auth: { header: 'Authorization: ApiKey <BASE64_OF_ID:API_KEY>' } };
    case 'bearer':
      return { words, auth: { header: 'Authorization: Bearer <YOUR_TOKEN>' } };
    default:
      return { words, auth: { header: `Authorization: ${first.scheme} <YOUR_CREDENTIALS>` } };
  }
}

function schemeWords(scheme: string): string {
  switch (lower(scheme)) {
    case 'basic':
      return 'HTTP Basic credentials (a username and password)';
    case 'bearer':
      return 'a bearer token in the Authorization header';
    case 'digest':
      return 'HTTP Digest credentials (curl `--digest -u user:password`)';
    case 'negotiate':
      return 'Kerberos/SPNEGO (`--negotiate`)';
    case 'ntlm':
      return 'NTLM (`--ntlm`)';
    case 'apikey':
      return 'an API key (`Authorization: ApiKey …`)';
    default:
      return `\`${scheme}\` credentials`;
  }
}

/** Errors in a Bearer challenge mean a token was sent and refused; no error means none arrived (RFC 6750 §3.1). */
const TOKEN_REFUSED = /^(?:invalid_token|insufficient_scope|invalid_request)$/i;

/**
 * Only a response was pasted: its challenge asks for credentials and nothing anywhere in the paste shows any.
 * Server messages ("missing authentication credentials") are the answer rules' to read.
 */
function challengeOnly(evidence: Evidence, ctx: DiagnosisContext): RuleReport | undefined {
  if (evidence.credentials.length > 0 || ctx.facts.challenges.length === 0) return undefined;
  const found = ctx.facts.challenges.find((c) => !TOKEN_REFUSED.test(c.challenge.params.error ?? ''));
  if (!found) return undefined;
  const { words, auth } = fromChallenges([found]);
  const pack: ProviderPack | undefined = ctx.provider?.pack;
  return {
    severity: 'warning',
    confidence: 0.6,
    detail: `${words ?? ''} Nothing in the paste shows a credential being sent with the request.`.trim(),
    evidence: [found.pointer],
    fix: [
      `Send the credential the challenge asks for: ${describeAuth(auth ?? { header: `Authorization: Bearer ${placeholderFor(pack)}` })}.`,
      curlExample(undefined, auth ?? {}),
      'If you did send one, paste the request (`curl -v` output or the code) so the header can be checked.',
    ],
  };
}
