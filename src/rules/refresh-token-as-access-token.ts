/**
 * A refresh token sent where an access token belongs. A refresh token is only ever presented to the
 * authorization server's token endpoint, to get a new access token; resource servers reject it. Known by
 * its format (`ghr_`, Slack `xoxe-1-`, `xoxr-`, `sk-ant-ort01-`…) or, for JWTs, by the claim issuers use
 * to mark it (Keycloak `typ: Refresh`, Cognito `token_use: refresh`, simplejwt `token_type: refresh`,
 * flask-jwt-extended `type: refresh`).
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { Credential } from '../intake/evidence.js';
import { claimsOf, storedAs, stringClaim } from './helpers/jwt.js';
import {
  describeToken,
  type Placement,
  placementOf,
  resendExample,
  succeeded,
} from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

/** Endpoints where a refresh token is the right thing to send. */
const TOKEN_ENDPOINT =
  /token|refresh|oauth\.(?:v2\.)?access|\/authorize|\/login\/oauth|\/session|\/logout|\/revoke|\/introspect/i;

/** Where providers take refresh tokens. */
const REFRESH_AT: Record<string, string> = {
  github:
    'POST https://github.com/login/oauth/access_token with `grant_type=refresh_token`, `refresh_token`, `client_id` and `client_secret`',
  slack:
    'POST https://slack.com/api/oauth.v2.access with `grant_type=refresh_token`, `refresh_token`, `client_id` and `client_secret` (configuration tokens: `tooling.tokens.rotate`)',
  digitalocean:
    'POST https://cloud.digitalocean.com/v1/oauth/token with `grant_type=refresh_token` and `refresh_token`',
};

export default defineRule({
  meta: {
    id: 'refresh-token-as-access-token',
    cause: 'wrong_token_type',
    severity: 'error',
    title: 'A refresh token was sent instead of an access token',
    description:
      "A refresh token is exchanged at the authorization server's token endpoint for a new access token; it is never accepted by an API as a credential. Sending it in the Authorization header (or as `token=`) gets a 401.",
    docs: [
      'https://www.rfc-editor.org/rfc/rfc6749#section-1.5',
      'https://www.rfc-editor.org/rfc/rfc6749#section-6',
    ],
    checklist: ['right-credential'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    for (const credential of evidence.credentials) {
      const kind = refreshKind(credential);
      if (!kind || credential.placeholder) continue;
      const p = placementOf(credential, ctx);
      if (!usedAsAccessToken(p) || succeeded(p.view, ctx)) continue;
      reports.push(report(p, kind, ctx));
    }
    return reports;
  },
});

interface RefreshKind {
  why: string;
  sure: boolean;
}

function refreshKind(credential: Credential): RefreshKind | undefined {
  const format = credential.format;
  const claims = claimsOf(credential.jwt);
  if (claims.typ === 'Refresh' || claims.typ === 'Offline')
    return { why: `its \`typ\` claim is \`${claims.typ}\` (Keycloak)`, sure: true };
  if (claims.token_use === 'refresh') return { why: 'its `token_use` claim is `refresh`', sure: true };
  if (claims.token_type === 'refresh')
    return { why: 'its `token_type` claim is `refresh` (Django simplejwt)', sure: true };
  if (claims.type === 'refresh')
    return { why: 'its `type` claim is `refresh` (flask-jwt-extended)', sure: true };
  if (format?.tokenType === 'refresh_token' && !credential.jwt)
    return { why: `it is a ${format.name}`, sure: true };
  if (storedAs(credential, /refresh/i))
    return { why: 'it is stored under a `refresh_token` name', sure: false };
  return undefined;
}

/** Sent as the request's credential (not as a `refresh_token` field, not to a token endpoint, not a cookie). */
function usedAsAccessToken(p: Placement): boolean {
  const w = p.where;
  if (!p.sent || !w || !p.view) return false;
  const path = p.view.request.url?.path ?? '';
  if (TOKEN_ENDPOINT.test(path)) return false;
  switch (w.location) {
    case 'authorization':
      return !/^basic$/i.test(p.credential.scheme ?? '');
    case 'bearer_flag':
    case 'header':
    case 'query':
      return !/refresh/i.test(w.name ?? '');
    case 'body':
      return /^(?:token|access_?token)$/i.test(w.name ?? '');
    default:
      return false;
  }
}

function report(p: Placement, kind: RefreshKind, ctx: DiagnosisContext): RuleReport {
  const provider = p.credential.format?.provider ?? '';
  const iss = stringClaim(claimsOf(p.credential.jwt), 'iss');
  const exchange =
    REFRESH_AT[provider] ??
    (iss
      ? `POST it to the token endpoint of \`${iss.slice(0, 120)}\` (see its /.well-known/openid-configuration) with \`grant_type=refresh_token\``
      : 'POST it to the token endpoint with `grant_type=refresh_token`');
  return {
    severity: kind.sure ? 'error' : 'warning',
    confidence: kind.sure ? 0.9 : 0.55,
    detail: `${describeToken(p, 'The token sent')} is a refresh token: ${kind.why}. A refresh token only buys a new access token at the authorization server; ${p.view?.request.url?.host ?? 'the API'} does not accept it as a credential.`,
    evidence: [p.pointer],
    fix: [
      `Exchange it for an access token — ${exchange} — and send the \`access_token\` from the response.`,
      resendExample(p, '<ACCESS_TOKEN>'),
      ...(ctx.provider?.pack.docs[0] ? [`Reference: ${ctx.provider.pack.docs[0].url}`] : []),
    ],
  };
}
