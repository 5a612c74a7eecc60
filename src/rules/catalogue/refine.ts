/**
 * What the rest of the paste says about a message's cause. A server's "invalid audience" while the token
 * sent is visibly an ID token is a token-type mistake; a server's "invalid signature" while the token was
 * checked against its issuer's published keys and verifies means the server holds stale or wrong keys.
 * The same holds when the user says the token's audience is their client's ID. A signature or audience
 * failure for a token that is visibly a refresh token is a token-type mistake too, and "invalid password"
 * after the user says the login moved to SSO means the password is the wrong kind of credential now.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import type { Cause, Severity } from '../../diagnose/taxonomy.js';
import type { Credential } from '../../intake/evidence.js';
import { claimsOf, looksLikeIdToken } from '../helpers/jwt.js';
import { findPhrase, PROSE_PHRASES } from './prose-phrases.js';
import { type ContextRefinementInput, refineFromContext } from './refine-context.js';
import { excerpt, isReal, MAX_TEXT, quote } from './scan.js';

export interface Refinement {
  cause: Cause;
  note: string;
  fix: string[];
  /** The entry's own fix steps contradict the refinement and are dropped. */
  replacesFix: boolean;
  /** How firmly the refined finding is said, when the refinement knows better than the entry. */
  severity?: Severity;
  confidence?: number;
}

const AUDIENCE_WORDS = /\baud(?:ience)?s?\b/i;

export function refineCause(
  ctx: DiagnosisContext,
  cause: Cause,
  said: string,
  context?: ContextRefinementInput,
): Refinement | undefined {
  return (
    nearMatchRefinement(cause, context?.text.scan ?? said) ??
    tokenRefinement(ctx, cause, said, context?.text.scan) ??
    ssoRefinement(ctx, cause) ??
    (context ? refineFromContext(ctx, cause, context) : undefined)
  );
}

/**
 * IdentityModel prints both sides of a failed audience or issuer check ("Audiences: 'api1'. Did not match:
 * validationParameters.ValidAudience: 'api1 '"). When they differ only by whitespace, case or a trailing slash,
 * the token is right and the server's configured value carries the stray character.
 */
const BOTH_SIDES =
  /(Audiences?|Issuer): '([^'\n]{1,300})'\. Did not match: validationParameters\.Valid(?:Audience|Issuer)s?: '([^'\n]{0,300})'/;

function nearMatchRefinement(cause: Cause, text: string): Refinement | undefined {
  if (cause !== 'wrong_audience_or_issuer') return undefined;
  const m = BOTH_SIDES.exec(text);
  if (!m) return undefined;
  const [, what = 'Audience', token = '', expected = ''] = m;
  const loose = (v: string) =>
    v
      .trim()
      .toLowerCase()
      .replace(/(?<!\/)\/+$/, '');
  if (token === expected || loose(token) !== loose(expected)) return undefined;
  const claim = what.toLowerCase().startsWith('aud') ? 'audience' : 'issuer';
  return {
    cause: 'server_misconfiguration',
    note: `The token's ${claim} ${quote(token)} and the one the API expects ${quote(expected)} differ only by whitespace, letter case or a trailing slash: the token is right, and the API's configured value (appsettings.json, environment variable) carries the stray character.`,
    fix: [
      `Correct the API's configured valid ${claim} so it is exactly ${quote(token.trim())} (no trailing space or slash), then restart the API.`,
    ],
    replacesFix: true,
    severity: 'error',
    confidence: 0.85,
  };
}

/** Causes a refresh token sent as an access token produces: its key, audience and type are the issuer's own. */
const REFRESH_SYMPTOMS = new Set<Cause>([
  'signature_or_key_mismatch',
  'wrong_audience_or_issuer',
  'invalid_credentials',
]);
/** A decoded refresh token quoted in a log line (IdentityModel prints the token's JSON). */
const REFRESH_CLAIM_TEXT = /"(?:typ|token_use|token_type|type)"\s?:\s?"(?:Refresh|refresh|Offline)"/;

function refreshTokenIn(ctx: DiagnosisContext): Credential | undefined {
  const sent = ctx.facts.sentCredentials.filter(isReal);
  // Without a request, only a paste's single token speaks for what was sent (a token response holds two).
  const tokens = [...ctx.facts.credentialById.values()].filter((c) => c.jwt && !c.placeholder);
  const pool = sent.length > 0 ? sent : tokens.length === 1 ? tokens : [];
  return pool.find((c) => {
    const claims = claimsOf(c.jwt);
    return (
      claims.typ === 'Refresh' ||
      claims.typ === 'Offline' ||
      claims.token_use === 'refresh' ||
      claims.token_type === 'refresh' ||
      claims.type === 'refresh'
    );
  });
}

function tokenRefinement(
  ctx: DiagnosisContext,
  cause: Cause,
  said: string,
  wholeText: string | undefined,
): Refinement | undefined {
  if (REFRESH_SYMPTOMS.has(cause)) {
    const refresh = refreshTokenIn(ctx);
    const quoted = !refresh && wholeText !== undefined && REFRESH_CLAIM_TEXT.test(wholeText);
    if (refresh || quoted)
      return {
        cause: 'wrong_token_type',
        note: `${refresh ? `The token (${refresh.display}) is a refresh token` : 'The token the log prints is a refresh token'} (its claims mark it as one): it is meant for the token endpoint only, and is often signed with the issuer's own key (Keycloak signs refresh tokens with the realm's HMAC key, whose \`kid\` is in no JWKS), so an API refuses it whatever it checks first.`,
        fix: [
          "Send the `access_token` from the token response, not the `refresh_token`; exchange the refresh token at the issuer's token endpoint (`grant_type=refresh_token`) when the access token expires.",
        ],
        replacesFix: true,
      };
  }
  return audienceRefinement(ctx, cause, said);
}

function audienceRefinement(ctx: DiagnosisContext, cause: Cause, said: string): Refinement | undefined {
  const sent = ctx.facts.sentCredentials.filter(isReal);
  if (cause === 'wrong_audience_or_issuer' && AUDIENCE_WORDS.test(said)) {
    for (const credential of sent) {
      const id = looksLikeIdToken(credential);
      if (!id || id.signals.length === 0) continue;
      return {
        cause: 'wrong_token_type',
        note: `The token sent (${credential.display}) is an OpenID Connect ID token (it has ${id.signals.join(', ')}): its audience is the client app, so no API audience check accepts it.`,
        fix: [
          'Send the access token issued for this API instead of the ID token (request it with the API as `audience`/`resource`, or with one of its scopes).',
        ],
        replacesFix: false,
      };
    }
    const said = clientAudienceSaid(ctx);
    if (said)
      return {
        cause: 'wrong_token_type',
        note: `You also wrote ${quote(said)}: a token whose audience is the client app's ID is an ID token, made for the app, not for this API.`,
        fix: [
          'Send the access token issued for this API instead of the ID token (request it with the API as `audience`/`resource`, or with one of its scopes).',
        ],
        replacesFix: false,
      };
  }
  if (cause === 'signature_or_key_mismatch') {
    const ids = new Set(sent.map((c) => c.id));
    const verified = ctx.signatures.find((v) => v.outcome === 'valid' && ids.has(v.credential));
    if (verified)
      return {
        cause: 'server_misconfiguration',
        note: `The token's signature was checked against ${verified.issuer}'s published keys and it verifies, so the server is checking with stale or wrong keys (an old JWKS cache, another tenant's metadata, a hard-coded key).`,
        fix: [
          "Make the server load the issuer's current keys: restart it or let it refresh its JWKS/metadata cache, and check that its issuer/authority (or configured key) is the one that signed this token.",
        ],
        replacesFix: true,
      };
  }
  return undefined;
}

const SSO_SAID = PROSE_PHRASES.find((f) => f.id === 'sso-or-2fa-enabled');

/**
 * "Invalid password" after the user says the login moved to SSO (or 2FA was turned on): the account password
 * is no longer a credential the API takes; an API token or app password is.
 */
function ssoRefinement(ctx: DiagnosisContext, cause: Cause): Refinement | undefined {
  if (cause !== 'invalid_credentials' || !SSO_SAID) return undefined;
  const words = phraseSaid(ctx, SSO_SAID);
  if (!words) return undefined;
  return {
    cause: 'wrong_token_type',
    note: `You also wrote ${quote(words)}: once sign-in goes through SSO (or requires a second factor), the account password is no longer accepted for API or Basic authentication; scripts need an API token, personal access token or app password instead.`,
    fix: [
      'Create an API token (personal access token, app password) for the account in the service itself and use it in place of the password; with SAML SSO enforced, authorize the token for the organization too.',
    ],
    replacesFix: false,
    severity: 'warning',
    confidence: 0.7,
  };
}

const CLIENT_AUDIENCE = PROSE_PHRASES.find((f) => f.id === 'audience-is-client-id');

/** The user's words saying the token's audience is the client's ID ("aud is my SPA's client id"). */
function clientAudienceSaid(ctx: DiagnosisContext): string | undefined {
  return CLIENT_AUDIENCE ? phraseSaid(ctx, CLIENT_AUDIENCE) : undefined;
}

function phraseSaid(ctx: DiagnosisContext, family: NonNullable<typeof CLIENT_AUDIENCE>): string | undefined {
  for (const view of ctx.facts.prose) {
    const text = view.text.slice(0, MAX_TEXT);
    const m = findPhrase(family, text);
    if (m) return excerpt(text, m.index, m[0].length);
  }
  return undefined;
}
