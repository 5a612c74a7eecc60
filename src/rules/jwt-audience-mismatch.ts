/**
 * A JWT minted for another API: its `aud` names Microsoft Graph, an IdP's /userinfo, the client app itself
 * or some other host, while the request goes elsewhere. Audiences are often logical names that need not be
 * the URL called ("my-api", an Auth0 identifier, a GUID), so only a well-known foreign audience is an error
 * on its own; a URL that merely differs from the host is a warning unless the server also complains about
 * the audience.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import {
  audiences,
  type Claims,
  claimsOf,
  isInternalHost,
  looksLikeIdToken,
  relatedHosts,
  scopesOf,
  stringClaim,
  urlHost,
} from './helpers/jwt.js';
import {
  answerMatching,
  code,
  describeToken,
  type Placement,
  placements,
  sentAsToken,
  succeeded,
} from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

interface KnownAudience {
  match: RegExp;
  name: string;
  /** Whether a request to `host` is one this audience is for (`audHost`: the audience's own host). */
  serves(host: string, audHost: string | undefined): boolean;
}

/** Audiences of well-known APIs (Entra ID resource URIs and their application ids) and IdP-internal ones. */
const KNOWN: readonly KnownAudience[] = [
  {
    match: /^(?:00000003-0000-0000-c000-000000000000|https:\/\/graph\.microsoft\.com\/?)$/i,
    name: 'Microsoft Graph',
    serves: (h) => h === 'graph.microsoft.com',
  },
  {
    match: /^(?:00000002-0000-0000-c000-000000000000|https:\/\/graph\.windows\.net\/?)$/i,
    name: 'Azure AD Graph (retired)',
    serves: (h) => h === 'graph.windows.net',
  },
  {
    match:
      /^(?:797f4846-ba00-4fd7-ba43-dac1f8f63013|https:\/\/management\.(?:azure\.com|core\.windows\.net)\/?)$/i,
    name: 'Azure Resource Manager',
    serves: (h) => /^management\.(?:azure\.com|core\.windows\.net)$/.test(h),
  },
  {
    match: /^(?:e406a681-f3d4-42a8-90b6-c2b029497af1|https:\/\/storage\.azure\.com\/?)$/i,
    name: 'Azure Storage',
    serves: (h) => h.endsWith('.core.windows.net'),
  },
  {
    match: /^(?:cfa8b339-82a2-471a-a3c9-0fc0be7a4093|https:\/\/vault\.azure\.net\/?)$/i,
    name: 'Azure Key Vault',
    serves: (h) => h.endsWith('.vault.azure.net'),
  },
  {
    match: /^https:\/\/database\.windows\.net\/?$/i,
    name: 'Azure SQL Database',
    serves: (h) => h.endsWith('.database.windows.net'),
  },
  {
    match: /^https:\/\/[^/\s]{1,253}\/userinfo\/?$/i,
    name: "the identity provider's /userinfo endpoint",
    serves: (h, own) => h === own,
  },
  {
    match: /^https:\/\/[^/\s]{1,253}\.auth0\.com\/api\/v2\/?$/i,
    name: 'the Auth0 Management API',
    serves: (h, own) => h === own,
  },
];

/** What validators say when `aud` is wrong (jsonwebtoken, PyJWT, python-jose, .NET, Spring, Go). */
const AUDIENCE_COMPLAINT =
  /\baud(?:ience)?\b[^\n]{0,40}(?:invalid|mismatch|not (?:allowed|valid|match)|expected|failed)|invalid[_ ]?aud(?:ience)?|IDX10214|IDX10208|IDX10231|InvalidAudience|audience validation failed|unexpected ["']?aud|jwt audience invalid/i;

const AUDIENCE_FIX = [
  'Request the token for this API: pass its identifier as `audience` (Auth0, Okta and most OAuth servers), as `resource` (ADFS, Entra ID v1), or ask for one of its scopes (`api://<api-client-id>/.default` or `api://<api-client-id>/<scope>` in Entra ID v2) — not Graph scopes like `User.Read`.',
  "Decode the new token and check that `aud` names this API before sending it; if the API should accept another audience, add it to the API's allowed audiences (`audience` option, `ValidAudiences`, `spring.security.oauth2.resourceserver.jwt.audiences`).",
];

export default defineRule({
  meta: {
    id: 'jwt-audience-mismatch',
    cause: 'wrong_audience_or_issuer',
    severity: 'warning',
    title: 'The JWT was issued for another API (`aud`)',
    description:
      "The `aud` claim names the API a token is meant for, and an API must reject tokens meant for another one. A token requested for Microsoft Graph, for the IdP's /userinfo, or for the client application itself is refused by your API even though it is valid.",
    docs: [
      'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.3',
      'https://www.rfc-editor.org/rfc/rfc8725#section-3.9',
    ],
    checklist: ['provider-docs', 'right-credential'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const candidates = evidence.credentials.filter((c) => c.jwt?.claims && !looksLikeIdToken(c));
    for (const p of placements(candidates, ctx)) {
      const host = p.view?.request.url?.host?.toLowerCase();
      if (!host || !sentAsToken(p) || succeeded(p.view, ctx)) continue;
      const report = audienceReport(p, host, ctx);
      if (report) reports.push(report);
    }
    return reports;
  },
});

function audienceReport(p: Placement, host: string, ctx: DiagnosisContext): RuleReport | undefined {
  const claims = claimsOf(p.credential.jwt);
  const auds = audiences(claims);
  if (auds.length === 0) return undefined;
  const complaint = answerMatching(ctx, AUDIENCE_COMPLAINT);
  const evidence = complaint ? [p.pointer, complaint.pointer] : [p.pointer];
  const token = describeToken(p, 'The JWT sent');
  const audWords =
    auds.length === 1 ? `\`aud\` ${code(auds[0] ?? '')}` : `\`aud\` [${auds.map((a) => code(a)).join(', ')}]`;
  const serverWords = complaint ? " The server's answer also names the audience." : '';

  const known = auds.map((a) => ({ aud: a, known: KNOWN.find((k) => k.match.test(a)), own: urlHost(a) }));
  if (
    known.some((k) =>
      k.known ? k.known.serves(host, k.own) : k.own !== undefined && relatedHosts(k.own, host),
    )
  )
    return undefined;

  const foreign = known.filter((k) => k.known);
  if (foreign.length === known.length) {
    const names = [...new Set(foreign.map((k) => k.known?.name ?? ''))].join(' and ');
    return {
      severity: 'error',
      confidence: complaint ? 0.9 : 0.8,
      title: `The JWT was issued for ${names}, not for ${host}`,
      detail: `${token} has ${audWords}: it was issued for ${names}, but the request goes to ${host}. ${host} only accepts tokens whose \`aud\` names it.${serverWords}`,
      evidence,
      fix: AUDIENCE_FIX,
    };
  }

  const client = clientItself(claims, auds);
  if (client) {
    return {
      severity: complaint ? 'error' : 'warning',
      confidence: complaint ? 0.8 : 0.55,
      title: 'The JWT was issued to the client app, not for an API',
      detail: `${token} has ${audWords}, the same value as its \`${client}\` claim — the application that requested it — and carries no scopes: it was issued to the client itself, not for the API at ${host}.${serverWords}`,
      evidence,
      fix: AUDIENCE_FIX,
    };
  }

  if (clientIdShaped(claims, auds)) {
    return {
      severity: complaint ? 'error' : 'warning',
      confidence: complaint ? 0.75 : 0.4,
      title: 'The JWT looks issued to a client app, not for an API',
      detail: `${token} has ${audWords}, which looks like an application's client ID rather than an API identifier, and it carries no scopes or roles — the mark of an ID token or a token for the client itself. Many APIs do use an ID as their audience, so compare it with the audience ${host} expects.${serverWords}`,
      evidence,
      fix: AUDIENCE_FIX,
    };
  }

  const urlHosts = known.map((k) => k.own).filter((h): h is string => h !== undefined);
  if (urlHosts.length === known.length && !isInternalHost(host)) {
    const calledPack = ctx.knowledge.matchHost(host)?.pack;
    const audPack = urlHosts.map((h) => ctx.knowledge.matchHost(h)?.pack).find((pk) => pk !== undefined);
    const otherProvider = audPack !== undefined && audPack.id !== calledPack?.id;
    return {
      severity: complaint ? 'error' : 'warning',
      confidence: complaint ? 0.85 : otherProvider ? 0.7 : 0.45,
      detail: `${token} has ${audWords}${otherProvider ? ` (${audPack.name})` : ''}, which does not name ${host}, the host it was sent to. ${complaint ? 'The token was requested for a different API.' : 'If this API identifies itself by another name that is fine; otherwise the token was requested for a different API.'}${serverWords}`,
      evidence,
      fix: AUDIENCE_FIX,
    };
  }

  if (complaint) {
    return {
      confidence: 0.6,
      detail: `The server rejected the audience; ${token.charAt(0).toLowerCase()}${token.slice(1)} has ${audWords}. Compare it with the audience the API is configured to accept.`,
      evidence,
      fix: AUDIENCE_FIX,
    };
  }
  return undefined;
}

/** The claim naming the requesting client, when the only audience is that client and no scope was granted. */
function clientItself(claims: Claims, auds: string[]): string | undefined {
  if (auds.length !== 1 || scopesOf(claims).hasClaim) return undefined;
  for (const name of ['azp', 'appid', 'client_id', 'cid']) {
    if (stringClaim(claims, name) === auds[0]) return name;
  }
  return undefined;
}

/** GUIDs and the random client IDs of Auth0, Okta, Cognito and Google: an app, not an API name. */
const CLIENT_ID =
  /^(?:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|0oa[0-9A-Za-z]{17}|[a-z0-9]{26}|[A-Za-z0-9]{32}|[0-9]{6,30}-[0-9a-z]{32}\.apps\.googleusercontent\.com)$/;

/** One client-ID-shaped audience and no scope or role claim (and not an issuer that puts IDs there by design). */
function clientIdShaped(claims: Claims, auds: string[]): boolean {
  if (auds.length !== 1 || scopesOf(claims).hasClaim) return false;
  const aud = auds[0] ?? '';
  // A random-looking 26/32-character ID has both letters and digits; a word or slug of that length is a name.
  return (
    CLIENT_ID.test(aud) &&
    /\d/.test(aud) &&
    /[a-z]/i.test(aud) &&
    !/^https:\/\/securetoken\.google\.com\//.test(stringClaim(claims, 'iss') ?? '')
  );
}
