/**
 * What the rest of the paste says about a message's cause. A server's "invalid audience" while the token
 * sent is visibly an ID token is a token-type mistake; a server's "invalid signature" while the token was
 * checked against its issuer's published keys and verifies means the server holds stale or wrong keys.
 * The same holds when the user says the token's audience is their client's ID.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import type { Cause } from '../../diagnose/taxonomy.js';
import { looksLikeIdToken } from '../helpers/jwt.js';
import { findPhrase, PROSE_PHRASES } from './prose-phrases.js';
import { excerpt, isReal, MAX_TEXT, quote } from './scan.js';

export interface Refinement {
  cause: Cause;
  note: string;
  fix: string[];
  /** The entry's own fix steps contradict the refinement and are dropped. */
  replacesFix: boolean;
}

const AUDIENCE_WORDS = /\baud(?:ience)?s?\b/i;

export function refineCause(ctx: DiagnosisContext, cause: Cause, said: string): Refinement | undefined {
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

const CLIENT_AUDIENCE = PROSE_PHRASES.find((f) => f.id === 'audience-is-client-id');

/** The user's words saying the token's audience is the client's ID ("aud is my SPA's client id"). */
function clientAudienceSaid(ctx: DiagnosisContext): string | undefined {
  if (!CLIENT_AUDIENCE) return undefined;
  for (const view of ctx.facts.prose) {
    const text = view.text.slice(0, MAX_TEXT);
    const m = findPhrase(CLIENT_AUDIENCE, text);
    if (m) return excerpt(text, m.index, m[0].length);
  }
  return undefined;
}
