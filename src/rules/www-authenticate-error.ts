/**
 * What the server's `WWW-Authenticate` challenge says. RFC 6750 Bearer challenges carry an error code
 * (`invalid_token`, `insufficient_scope`, `invalid_request`) and often a description naming the reason
 * ("The token expired at …", "The audience 'x' is invalid"); DPoP (RFC 9449) has its own codes. The schemes
 * a challenge offers also tell when the request used the wrong one (a Bearer token answered with `Basic`,
 * Windows authentication) or sent nothing at all.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { RequestView } from '../diagnose/facts.js';
import { CAUSES, type Cause, type Severity } from '../diagnose/taxonomy.js';
import type { Challenge, Credential } from '../intake/evidence.js';
import { classifyText } from './catalogue/library-errors.js';
import { refineCause } from './catalogue/refine.js';
import { isReal, quote, retryExample, sentState } from './catalogue/scan.js';
import type { LibraryError } from './catalogue/schema.js';
import { curlExample, pointerOf } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

const RFC6750 = 'https://www.rfc-editor.org/rfc/rfc6750#section-3.1';
const RFC9449 = 'https://www.rfc-editor.org/rfc/rfc9449#section-7.1';
const RFC9110 = 'https://www.rfc-editor.org/rfc/rfc9110#name-www-authenticate';

/** A group of challenges from one response (or pasted on their own), with the request they answered. */
interface ChallengeGroup {
  challenges: Challenge[];
  pointer: string;
  /** The request of the same exchange; for a challenge pasted alone, the paste's only request. */
  view?: RequestView;
}

interface Classified {
  cause: Cause;
  severity: Severity;
  confidence: number;
  explain: string;
  fix: string[];
}

/** Fallback reading of an `error_description` no catalogue entry recognises; the first family that matches wins. */
const DESCRIPTION_KEYWORDS: { match: RegExp; result: Classified }[] = [
  {
    match:
      /\bnot (?:yet )?valid (?:before|yet)\b|\bnot yet valid\b|\bnbf\b|\bin the future\b|\bused before\b/i,
    result: {
      cause: 'not_yet_valid_or_clock_skew',
      severity: 'error',
      confidence: 0.85,
      explain:
        "The token is not valid yet: its `nbf`/`iat` lies in the future by the server's clock, so the issuer's and the server's clocks disagree.",
      fix: ['Sync the clocks of the issuer and the API server (NTP); allow a little clock skew on the API.'],
    },
  },
  {
    match: /\bexpired?\b|\bexpir(?:y|ation|es)\b|\blifetime\b/i,
    result: {
      cause: 'expired_token',
      severity: 'error',
      confidence: 0.88,
      explain: 'The token has expired.',
      fix: [
        'Get a new token (refresh it or sign in again) and send that; refresh before `exp` instead of reusing a cached token.',
      ],
    },
  },
  {
    match: /\baud(?:ience)?\b/i,
    result: {
      cause: 'wrong_audience_or_issuer',
      severity: 'error',
      confidence: 0.88,
      explain:
        "The token's audience (`aud`) is not this API: it was issued for another API or client (an ID token's `aud` is the client ID).",
      fix: [
        'Request the access token for this API (its identifier as `audience`/`resource`/scope) and send that.',
      ],
    },
  },
  {
    match: /\biss(?:uer)?\b/i,
    result: {
      cause: 'wrong_audience_or_issuer',
      severity: 'error',
      confidence: 0.88,
      explain:
        "The token's issuer (`iss`) is not one this API trusts: another tenant, realm or environment, or another URL for the same identity server.",
      fix: ["Compare the token's `iss` with the API's configured issuer/authority, character for character."],
    },
  },
  {
    match: /\bsignature\b|\bkid\b|\bsigning key\b|\bkey (?:was )?not found\b/i,
    result: {
      cause: 'signature_or_key_mismatch',
      severity: 'error',
      confidence: 0.86,
      explain:
        "The token's signature does not verify with the API's keys: it was signed by another issuer or key.",
      fix: [
        'Decode the token header: its `kid` must be in the JWKS of the issuer the API trusts; get a token from that issuer for this API.',
      ],
    },
  },
  {
    match: /\brevoked\b|\binactive\b|\bnot active\b/i,
    result: {
      cause: 'invalid_credentials',
      severity: 'error',
      confidence: 0.82,
      explain: 'The token was revoked or is no longer active (logout, or replaced by a newer one).',
      fix: ['Get a new token (sign in again or use the refresh token) and send that.'],
    },
  },
  {
    match: /\bmalformed\b|\bnot well[- ]formed\b|\bcould not be (?:decoded|parsed)\b|\bsegments?\b|\bdecod/i,
    result: {
      cause: 'wrong_header_format',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'The server could not parse the token: what arrived after `Bearer ` is not the bare token (quotes, `Bearer` twice, a truncated copy, `undefined`) or is an opaque token where a JWT is expected.',
      fix: [
        'Send exactly `Authorization: Bearer <YOUR_TOKEN>`, with the bare token; if the token has no dots, request a JWT access token for this API.',
      ],
    },
  },
];

export default defineRule({
  meta: {
    id: 'www-authenticate-error',
    cause: 'invalid_credentials',
    otherCauses: CAUSES.filter((c) => c !== 'invalid_credentials'),
    severity: 'error',
    title: 'The WWW-Authenticate challenge says why',
    description:
      "Reads the server's `WWW-Authenticate` challenge: the RFC 6750 error code (`invalid_token`, `insufficient_scope`, `invalid_request`) and its description, DPoP errors, and the schemes it offers compared with the one the request used.",
    docs: [RFC6750, RFC9110],
    checklist: ['header-format', 'token-expiry', 'permissions'],
  },
  check(evidence, ctx) {
    const groups: ChallengeGroup[] = [];
    for (const view of ctx.facts.responses) {
      if (view.response.challenges.length === 0) continue;
      const request = ctx.facts.requests.find((r) => r.index === view.index);
      groups.push({
        challenges: view.response.challenges,
        pointer: `${view.pointer}.headers.www-authenticate`,
        ...(request ? { view: request } : {}),
      });
    }
    const only = ctx.facts.requests.length === 1 ? ctx.facts.requests[0] : undefined;
    evidence.challenges.forEach((challenge, i) => {
      groups.push({ challenges: [challenge], pointer: `challenges[${i}]`, ...(only ? { view: only } : {}) });
    });
    const reports: RuleReport[] = [];
    for (const group of groups) reports.push(...readGroup(group, ctx));
    return reports;
  },
});

function readGroup(group: ChallengeGroup, ctx: DiagnosisContext): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const challenge of group.challenges) {
    const report = readError(challenge, group, ctx);
    if (report) reports.push(report);
  }
  // A challenge with an error code was read (or is one this rule does not know): the schemes say no more.
  if (reports.length > 0 || group.challenges.some((c) => c.params.error)) return reports;
  const mismatch = readSchemes(group, ctx);
  return mismatch ? [mismatch] : [];
}

/** A challenge with an `error` parameter. */
function readError(
  challenge: Challenge,
  group: ChallengeGroup,
  ctx: DiagnosisContext,
): RuleReport | undefined {
  const code = challenge.params.error?.toLowerCase();
  if (!code) return undefined;
  const description = challenge.params.error_description;
  const shown = `\`WWW-Authenticate: ${render(challenge)}\``;
  const docs = [...(isUrl(challenge.params.error_uri) ? [challenge.params.error_uri] : [])];
  const evidence = [group.pointer];
  const credential = sentCredentialOf(group, ctx);
  if (credential) evidence.push(pointerOf(credential));
  const token = credential ? ` The token sent was ${credential.display}.` : '';
  switch (code) {
    case 'invalid_token': {
      const read = description ? readDescription(description) : undefined;
      if (read) {
        const refined = refineCause(ctx, read.cause, description ?? '');
        const cause = refined?.cause ?? read.cause;
        const retry = needsNewToken(cause) ? retryExample(ctx) : undefined;
        const fix = [
          ...(refined?.fix ?? []),
          ...(refined?.replacesFix ? [] : read.fix),
          ...(retry ? [retry] : []),
        ];
        return {
          cause,
          severity: read.severity,
          confidence: read.confidence,
          title: `The server's challenge: invalid_token (${cause.replace(/_/g, ' ')})`,
          detail: `The server answered ${shown}. ${read.explain}${refined ? ` ${refined.note}` : token}`,
          evidence,
          fix,
          docs: [...docs, RFC6750],
        };
      }
      const retry = retryExample(ctx);
      return {
        cause: 'invalid_credentials',
        severity: 'warning',
        confidence: 0.6,
        title: "The server's challenge: invalid_token",
        detail: `The server answered ${shown}: it read the token and refused it${description ? ` (${quote(description)})` : ''} without saying why — expired, revoked, signed by another key, or issued for another API.${token}`,
        evidence,
        fix: [
          'Decode the token (for a JWT: `exp`, `aud`, `iss`, and `kid` in the header) and compare it with what this API expects; get a fresh token for this API.',
          ...(retry ? [retry] : []),
        ],
        docs: [...docs, RFC6750],
      };
    }
    case 'insufficient_scope': {
      const scopes = challenge.params.scope?.trim();
      const needed = scopes ? scopes.split(/[\s,]+/).filter(Boolean) : [];
      return {
        cause: 'insufficient_scope_or_permissions',
        severity: 'error',
        confidence: 0.9,
        title: "The server's challenge: insufficient_scope",
        detail: `The server answered ${shown}: the token is valid but lacks a scope this request needs${needed.length ? ` — it asks for ${needed.map((s) => `\`${s}\``).join(needed.length > 1 ? ' / ' : '')}` : ''}.${description ? ` ${quote(description)}` : ''}${token}`,
        evidence,
        fix: [
          needed.length
            ? `Grant ${needed.length > 1 ? 'the scopes' : 'the scope'} ${needed.map((s) => `\`${s}\``).join(', ')} to the app or key, and request a new token with \`scope=${needed.join(' ')}\`.`
            : 'Find the scope this endpoint needs in its docs, grant it, and request a new token with it.',
          "Check the new token's `scope`/`scp` claim before retrying.",
        ],
        docs: [...docs, RFC6750],
      };
    }
    case 'invalid_request': {
      const read = description ? readDescription(description) : undefined;
      return {
        cause: read?.cause ?? 'wrong_header_format',
        severity: read ? read.severity : 'warning',
        confidence: read ? read.confidence : 0.55,
        title: "The server's challenge: invalid_request",
        detail: `The server answered ${shown}. ${read ? read.explain : 'The request is malformed for the server (a missing parameter, the token sent in more than one place, or a token in the query string where only the header is accepted).'}`,
        evidence,
        fix: read?.fix ?? [
          'Send the token once, as `Authorization: Bearer <YOUR_TOKEN>`, and nowhere else (no `access_token` query or form parameter).',
        ],
        docs: [...docs, RFC6750],
      };
    }
    case 'invalid_dpop_proof':
      return {
        cause: 'signature_or_key_mismatch',
        severity: 'warning',
        confidence: 0.7,
        title: "The server's challenge: invalid_dpop_proof",
        detail: `The server answered ${shown}: the DPoP proof was refused — signed with another key than the token is bound to, or with the wrong \`htm\`/\`htu\` (method and URL), a stale \`iat\`, or a missing \`ath\` (token hash).`,
        evidence,
        fix: [
          'Create a fresh DPoP proof per request with the key the token was bound to, `htm`/`htu` equal to this method and URL (no query), `iat` now, and `ath` = base64url(SHA-256(token)).',
        ],
        docs: [...docs, RFC9449],
      };
    case 'use_dpop_nonce':
      return {
        cause: 'other',
        severity: 'info',
        confidence: 0.5,
        title: 'The server wants a DPoP nonce',
        detail: `The server answered ${shown}: it requires a server-provided nonce in the DPoP proof. This is a normal step, not a failure.`,
        evidence,
        fix: ['Read the `DPoP-Nonce` response header and retry with a new proof that carries it as `nonce`.'],
        docs: [...docs, RFC9449],
      };
    case 'invalid_client':
      return {
        cause: 'invalid_credentials',
        severity: 'error',
        confidence: 0.8,
        title: "The server's challenge: invalid_client",
        detail: `The server answered ${shown}: the client ID or secret was not accepted (wrong, regenerated, from another tenant, or sent as Basic where the client is registered for form fields or the reverse).`,
        evidence,
        fix: [
          'Copy the client ID and secret again for this environment and send them as the client is registered: `curl -u "<CLIENT_ID>:<CLIENT_SECRET>" …` or as form fields.',
        ],
        docs: [...docs, 'https://www.rfc-editor.org/rfc/rfc6749#section-5.2'],
      };
    default:
      return undefined;
  }
}

/** The description read with the library catalogue (ASP.NET, Spring, Doorkeeper wordings), then by keyword. */
function readDescription(description: string): Classified | undefined {
  const text = description.slice(0, 2000);
  const hits = classifyText(text);
  const specific = hits.find((h) => h.entry.tier === 'specific');
  if (specific) return fromEntry(specific.entry);
  for (const { match, result } of DESCRIPTION_KEYWORDS) if (match.test(text)) return result;
  return hits[0] ? fromEntry(hits[0].entry) : undefined;
}

function fromEntry(entry: LibraryError): Classified {
  return {
    cause: entry.cause,
    severity: entry.severity,
    confidence: entry.confidence,
    explain: entry.explain,
    fix: entry.fix,
  };
}

const WINDOWS = new Set(['negotiate', 'ntlm', 'kerberos']);

/** No error code: compare the schemes offered with the one the request used (or that nothing was sent). */
function readSchemes(group: ChallengeGroup, ctx: DiagnosisContext): RuleReport | undefined {
  const offered = [...new Set(group.challenges.map((c) => c.scheme.toLowerCase()))];
  if (offered.length === 0) return undefined;
  const shown = group.challenges.map((c) => `\`WWW-Authenticate: ${render(c)}\``).join(', ');
  const request = group.view?.request;
  const credential = sentCredentialOf(group, ctx);
  const sent = sentScheme(group, credential);
  if (!request && !credential) return undefined;

  if (!sent) {
    // Nothing went out: say what the server asks for, in a command for the user's own URL.
    if (!group.view || group.view.credentials.length > 0 || sentState(ctx) === 'placeholder')
      return undefined;
    const example = exampleFor(offered[0]!, group.view);
    return {
      cause: 'missing_credentials',
      severity: 'warning',
      confidence: 0.65,
      title: `The server asks for ${offered.map(titleCase).join(' or ')} authentication`,
      detail: `The request carries no credential, and the server answered ${shown}: it wants ${offered.map(titleCase).join(' or ')} credentials.`,
      evidence: [group.pointer, group.view.pointer],
      fix: [example],
      docs: [RFC9110],
    };
  }

  if (offered.includes(sent)) {
    if (WINDOWS.has(sent) && offered.every((s) => WINDOWS.has(s)))
      return {
        cause: 'credentials_dropped_in_transit',
        severity: 'warning',
        confidence: 0.5,
        title: 'The Windows authentication handshake did not complete',
        detail: `The request used ${titleCase(sent)} and the server answered with another challenge (${shown}): the handshake did not finish. NTLM and Negotiate are tied to one connection, so a proxy or load balancer that does not keep it breaks them; with Kerberos, a missing ticket or a wrong service principal (SPN) does the same.`,
        evidence: [group.pointer],
        fix: [
          'Call the server directly (not through the proxy or balancer), or make that hop keep connections (sticky sessions, no connection pooling per request).',
          'With Kerberos, run `klist` to see a ticket for `HTTP/<host>`; `kinit` first, and use the host name (not an IP or alias) the SPN was registered for.',
        ],
        docs: ['https://www.rfc-editor.org/rfc/rfc4559'],
      };
    if (sent === 'bearer' && credential)
      return {
        cause: 'credentials_dropped_in_transit',
        severity: 'info',
        confidence: 0.3,
        title: 'The server answered as if no token had arrived',
        detail: `The request sent a Bearer token (${credential.display}) and the server answered ${shown} without an error code. Under RFC 6750 that means "no credentials seen"; many servers answer like that for any refusal, but if this one follows the RFC, the token did not reach it or was not read.`,
        evidence: [group.pointer, pointerOf(credential)],
        fix: [
          'Check whether a proxy, redirect or server module in front of the API drops the `Authorization` header (log the headers the app receives).',
        ],
        docs: [RFC6750],
      };
    return undefined;
  }

  // The server does not offer the scheme that was sent.
  const onlyOne = offered.length === 1 ? offered[0]! : undefined;
  let severity: Severity = 'warning';
  let confidence = 0.55;
  let why = `it does not offer the ${titleCase(sent)} scheme the request used.`;
  if (onlyOne === 'basic' && sent === 'bearer') {
    severity = 'error';
    confidence = 0.75;
    why =
      'it only accepts Basic credentials (user and password, or whatever its docs put there), not the Bearer token the request sent. If a proxy in front of the API (a password-protected staging site) asks for Basic, that proxy answered, not the API.';
  } else if (onlyOne === 'bearer' && sent === 'basic') {
    severity = 'error';
    confidence = 0.7;
    why =
      'it only accepts Bearer tokens, but the request sent Basic credentials: exchange them for a token first (the login or token endpoint), then send the token.';
  } else if (onlyOne === 'dpop' && sent === 'bearer') {
    severity = 'error';
    confidence = 0.8;
    why =
      'the token is DPoP-bound: it must be sent as `Authorization: DPoP <token>` together with a `DPoP:` proof header signed with the bound key, not as a Bearer token.';
  } else if (onlyOne && WINDOWS.has(onlyOne)) {
    severity = 'warning';
    confidence = 0.6;
    why = `it only accepts Windows integrated authentication (${titleCase(onlyOne)}), not ${titleCase(sent)}.`;
  }
  const view = group.view;
  const fix = view
    ? [exampleFor(onlyOne ?? offered[0]!, view)]
    : [`Use the ${titleCase(onlyOne ?? offered[0]!)} scheme the server offers.`];
  return {
    cause: 'wrong_header_format',
    severity,
    confidence,
    title: `The server does not accept ${titleCase(sent)} here`,
    detail: `The request sent ${titleCase(sent)} credentials${credential ? ` (${credential.display})` : ''} and the server answered ${shown}: ${why}`,
    evidence: [group.pointer, ...(credential ? [pointerOf(credential)] : [])],
    fix,
    docs: [RFC9110, ...(onlyOne === 'dpop' ? [RFC9449] : [])],
  };
}

/** The first real credential the request of this group sent (or, for a challenge pasted alone, the paste's). */
function sentCredentialOf(group: ChallengeGroup, ctx: DiagnosisContext): Credential | undefined {
  const pool = group.view ? group.view.credentials : ctx.facts.sentCredentials;
  return pool.find(isReal);
}

function sentScheme(group: ChallengeGroup, credential: Credential | undefined): string | undefined {
  const auth = group.view?.request.auth?.scheme;
  if (auth && auth !== 'anyauth' && auth !== 'aws-sigv4') return auth;
  if (credential?.scheme && credential.where.some((w) => w.location === 'authorization'))
    return credential.scheme.toLowerCase();
  return undefined;
}

function exampleFor(scheme: string, view: RequestView): string {
  const url = view.request.url?.valid ? view.request.url.raw : 'https://api.example.com/…';
  switch (scheme) {
    case 'basic':
      return `Send Basic credentials: \`${curlExample(view.request, { basic: 'USERNAME:<YOUR_PASSWORD>' })}\``;
    case 'bearer':
      return `Send a Bearer token: \`${curlExample(view.request, { header: 'Authorization: Bearer <YOUR_TOKEN>' })}\``;
    case 'dpop':
      return 'Send the token as `Authorization: DPoP <YOUR_TOKEN>` with a `DPoP: <proof JWT>` header signed by the bound key (your OAuth library can build the proof).';
    case 'negotiate':
    case 'kerberos':
      return `Use Kerberos/SPNEGO: \`kinit\`, then \`curl --negotiate -u : ${url}\`.`;
    case 'ntlm':
      return `Use NTLM: \`curl --ntlm -u 'DOMAIN\\\\USERNAME' ${url}\` (curl prompts for the password).`;
    case 'digest':
      return `Use Digest: \`curl --digest -u 'USERNAME' ${url}\` (curl prompts for the password).`;
    default:
      return `Send the credential with the \`${titleCase(scheme)}\` scheme the server offers: \`${curlExample(view.request, { header: `Authorization: ${titleCase(scheme)} <YOUR_CREDENTIAL>` })}\``;
  }
}

function needsNewToken(cause: Cause): boolean {
  return cause === 'expired_token' || cause === 'wrong_audience_or_issuer' || cause === 'invalid_credentials';
}

const TITLES: Record<string, string> = { ntlm: 'NTLM', dpop: 'DPoP', apikey: 'ApiKey' };

function titleCase(scheme: string): string {
  return TITLES[scheme] ?? scheme.charAt(0).toUpperCase() + scheme.slice(1);
}

/** The challenge as a header value, capped (descriptions can be long). */
function render(challenge: Challenge): string {
  const params = Object.entries(challenge.params).map(([k, v]) => `${k}="${v}"`);
  const text = [challenge.scheme, [challenge.token68, ...params].filter(Boolean).join(', ')]
    .filter(Boolean)
    .join(' ');
  return (text.length > 240 ? `${text.slice(0, 239)}…` : text).replace(/`/g, "'");
}

function isUrl(value: string | undefined): value is string {
  return value !== undefined && /^https?:\/\//i.test(value) && URL.canParse(value);
}
