/**
 * An OpenID Connect ID token sent as the bearer credential of an API call. The ID token tells the client
 * who signed in; its `aud` is the client, not the API, so an API that validates access tokens refuses it.
 *
 * Some systems do take ID tokens on purpose: Firebase backends, Google Cloud Run / IAP / Cloud Functions
 * (Google-signed ID tokens), and API Gateway Cognito authorizers without OAuth scopes. Those are skipped or
 * kept at warning with the caveat spelled out.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { audiences, claimsOf, looksLikeIdToken, stringClaim } from './helpers/jwt.js';
import {
  answerMatching,
  code,
  describeToken,
  type Placement,
  placements,
  resendExample,
  sentAsToken,
  succeeded,
} from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

/** Servers saying the token is for someone else or of the wrong kind. */
const COMPLAINT =
  /\baud(?:ience)?\b[^\n]{0,40}(?:invalid|mismatch|not (?:allowed|valid|match)|expected|failed)|invalid[_ ]?aud(?:ience)?|IDX10214|InvalidAudience|\bid[_ ]?token\b|token[_ ]?(?:use|type)\b[^\n]{0,30}(?:invalid|wrong|expected|mismatch)|wrong token type|not an access token/i;

const FIREBASE = /^https:\/\/securetoken\.google\.com\//;
const GOOGLE = /^(?:https:\/\/)?accounts\.google\.com\/?$/;

export default defineRule({
  meta: {
    id: 'id-token-as-access-token',
    cause: 'wrong_token_type',
    severity: 'warning',
    title: 'An ID token was sent instead of an access token',
    description:
      'OpenID Connect sign-in returns two tokens: the ID token, which tells the client who the user is (its `aud` is the client), and the access token, issued for an API. APIs validate access tokens; sending the ID token gets a 401, usually with an audience error.',
    docs: [
      'https://openid.net/specs/openid-connect-core-1_0.html#IDToken',
      'https://auth0.com/docs/secure/tokens/id-tokens',
    ],
    checklist: ['right-credential', 'provider-docs'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    for (const credential of evidence.credentials) {
      const idToken = credential.placeholder ? undefined : looksLikeIdToken(credential);
      if (!idToken) continue;
      const p = placementFor(credential, ctx);
      if (!p) continue;
      const report = idTokenReport(p, idToken, ctx);
      if (report) reports.push(report);
    }
    return reports;
  },
});

function placementFor(credential: Placement['credential'], ctx: DiagnosisContext): Placement | undefined {
  const [p] = placements([credential], ctx);
  if (!p || !sentAsToken(p) || succeeded(p.view, ctx)) return undefined;
  // A header named for the ID token (`X-Id-Token`) carries it on purpose.
  if (p.where?.location === 'header' && /id.?token/i.test(p.where.name ?? '')) return undefined;
  return p;
}

function idTokenReport(
  p: Placement,
  idToken: { signals: string[]; named: boolean },
  ctx: DiagnosisContext,
): RuleReport | undefined {
  const claims = claimsOf(p.credential.jwt);
  const iss = stringClaim(claims, 'iss') ?? '';
  const host = p.view?.request.url?.host?.toLowerCase() ?? '';
  if (FIREBASE.test(iss)) return undefined;
  // Google-signed ID tokens are the credential for Cloud Run, IAP, Cloud Functions and many backends;
  // only Google's own APIs want an access token instead.
  if (GOOGLE.test(iss) && !host.endsWith('googleapis.com')) return undefined;

  const cognito = claims.token_use === 'id';
  const providerApi = host !== '' && ctx.knowledge.matchHost(host) !== undefined;
  const complaint = answerMatching(ctx, COMPLAINT);
  const strong = idToken.signals.length > 0;
  let severity: RuleReport['severity'] = 'warning';
  let confidence = strong ? 0.65 : 0.5;
  if (strong && !cognito && (providerApi || complaint)) {
    severity = 'error';
    confidence = complaint ? 0.9 : 0.85;
  } else if (cognito) confidence = 0.5;

  const auds = audiences(claims);
  const why = [
    ...idToken.signals,
    ...(idToken.named ? ['it is stored under an `id_token`/`idToken` name'] : []),
  ];
  const audWords = auds.length
    ? ` Its \`aud\` is ${auds.map((a) => code(a)).join(', ')} — the client application, not ${host || 'the API'}.`
    : '';
  const caveat = cognito
    ? ' Note: an API Gateway Cognito authorizer *without* OAuth scopes validates ID tokens, so there the ID token is right; with scopes configured (or for any other API) it needs the access token.'
    : '';
  return {
    severity,
    confidence,
    detail: `${describeToken(p, 'The JWT sent')} ${strong ? 'is' : 'looks like'} an OpenID Connect ID token: ${why.join('; ')}.${audWords} ID tokens tell the client who signed in; APIs accept the access token issued alongside it.${complaint ? " The server's answer points the same way." : ''}${caveat}`,
    evidence: complaint ? [p.pointer, complaint.pointer] : [p.pointer],
    fix: [
      'Send the access token instead of the ID token: `access_token` from the token response, `getAccessTokenSilently()` (Auth0), `acquireTokenSilent({ scopes: [...] }).accessToken` (MSAL), `session.getAccessToken().getJwtToken()` (Cognito/Amplify), `user.access_token` (oidc-client).',
      'Request that access token for this API (its `audience`, or its scope such as `api://<api-client-id>/.default`), so that its `aud` names the API.',
      resendExample(p, '<ACCESS_TOKEN>'),
    ],
  };
}
