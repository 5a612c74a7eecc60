/**
 * One identity provider host, several authorization servers: Okta's org server (`https://acme.okta.com`) and
 * its custom servers (`https://acme.okta.com/oauth2/default`), Keycloak's realms (`/realms/shop`), Auth0's
 * tenants (`acme.eu.auth0.com`). Each server accepts only the tokens it issued, so a token from one sent to
 * another's endpoint (`/oauth2/v1/userinfo` with a `/oauth2/default` token, realm `shop`'s token to realm
 * `admin`) is rejected although it is valid. The token's `iss` names its server; the URL names the
 * endpoint's.
 */
import type { RequestView } from '../diagnose/facts.js';
import { curlExample } from './helpers/fix.js';
import { resend } from './helpers/hosts.js';
import { claimsOf, stringClaim } from './helpers/jwt.js';
import { code, describeToken, placements, sentAsToken, succeeded } from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

/** Which authorization server a URL (an issuer or an endpoint) belongs to, and how to say so. */
interface Server {
  /** Comparable identity: `okta:default`, `okta:org`, `realm:shop`, `auth0:acme.eu.auth0.com`. */
  id: string;
  /** In words: "the `default` custom authorization server". */
  words: string;
  /** The URL prefix of that server on its host (`/oauth2/default`, `` for the org server, `/realms/shop`). */
  base: string;
  kind: 'okta' | 'realm' | 'auth0';
}

const OKTA_HOST = /(?:^|\.)(?:okta|oktapreview|okta-emea|okta-gov|okta-mil)\.com$/;
const AUTH0_HOST = /^[a-z0-9-]{1,63}(?:\.[a-z]{2})?\.auth0\.com$/;
/** Okta endpoint paths: `/oauth2/v1/…` is the org server, `/oauth2/<id>/v1/…` a custom one, `/api/v1/…` needs org tokens. */
const OKTA_CUSTOM_PATH = /^\/oauth2\/(?!v1\/)([\w-]{1,64})(?:\/|$)/;
const OKTA_ORG_PATH = /^\/(?:oauth2\/v1|api\/v1)\//;
const REALM_PATH = /^(\/(?:auth\/)?realms\/)([^/?#]{1,100})(?:[/?#]|$)/;

export default defineRule({
  meta: {
    id: 'jwt-issuer-mismatch',
    cause: 'wrong_audience_or_issuer',
    severity: 'error',
    title: 'The token was issued by another authorization server than the one called',
    description:
      "An identity provider host can run several authorization servers — Okta's org server and its custom servers, Keycloak's realms, Auth0's tenants — and each accepts only the tokens it issued. A token whose `iss` names one server, sent to another server's endpoint (userinfo, introspection, the management API), is rejected although it is valid.",
    docs: [
      'https://developer.okta.com/docs/concepts/auth-servers/',
      'https://www.keycloak.org/docs/latest/server_admin/#core-concepts-and-terms',
      'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.1',
    ],
    checklist: ['right-credential', 'url'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const withIssuer = evidence.credentials.filter((c) => stringClaim(claimsOf(c.jwt), 'iss') !== undefined);
    for (const p of placements(withIssuer, ctx)) {
      const view = p.view;
      if (!view || !sentAsToken(p) || succeeded(view, ctx)) continue;
      const iss = stringClaim(claimsOf(p.credential.jwt), 'iss') ?? '';
      const issuer = parse(iss);
      const url = view.request.url;
      if (!issuer || !url?.valid || !url.host) continue;
      const token = issuerServer(issuer.host, issuer.path);
      const endpoint = endpointServer(url.host.toLowerCase(), url.path ?? '/', token);
      if (!token || !endpoint || token.kind !== endpoint.kind || token.id === endpoint.id) continue;
      if (token.kind !== 'auth0' && issuer.host !== url.host.toLowerCase()) continue;
      const status = view.exchange.response?.status;
      const refused = status === 401 || status === 403 || (status === undefined && ctx.facts.saw401);
      reports.push(report(p, view, iss, token, endpoint, fixedUrl(url.raw, token, endpoint), refused));
    }
    return reports;
  },
});

function report(
  p: ReturnType<typeof placements>[number],
  view: RequestView,
  iss: string,
  token: Server,
  endpoint: Server,
  fixed: string | undefined,
  refused: boolean,
): RuleReport {
  return {
    severity: refused ? 'error' : 'warning',
    confidence: refused ? 0.85 : 0.5,
    detail: `${describeToken(p, 'The JWT sent')} was issued by ${code(iss)}, ${token.words}, but the request went to ${endpoint.words} (${view.request.url!.raw}). That server only accepts tokens it issued itself, so it refuses (401 \`invalid_token\`) a token that is valid at its own server.`,
    evidence: [p.pointer, `${view.pointer}.url`],
    fix: [
      fixed
        ? `Call the same endpoint on the server that issued the token: ${fixed}`
        : `Call the endpoint of the server that issued the token (${token.words}).`,
      ...(fixed
        ? [curlExample({ ...view.request, url: { ...view.request.url!, raw: fixed } }, resend(p.credential))]
        : []),
      `Or get the token from ${endpoint.words} if that is the one you mean to call${endpoint.kind === 'okta' && endpoint.id === 'okta:org' ? ' (the Okta management API `/api/v1` and `/oauth2/v1/*` accept only org authorization server tokens)' : ''}: the client's issuer/authority setting decides which server mints it.`,
    ],
  };
}

function parse(iss: string): { host: string; path: string } | undefined {
  if (!/^https?:\/\//i.test(iss) || iss.length > 2048 || !URL.canParse(iss)) return undefined;
  const u = new URL(iss);
  return { host: u.hostname.toLowerCase(), path: u.pathname.replace(/(?<!\/)\/+$/, '') };
}

function issuerServer(host: string, path: string): Server | undefined {
  const realm = REALM_PATH.exec(`${path}/`);
  if (realm) return realmServer(realm[1]!, realm[2]!);
  if (AUTH0_HOST.test(host)) return auth0Server(host);
  if (OKTA_HOST.test(host) || /^\/oauth2\/[\w-]{1,64}$/.test(path)) {
    const custom = /^\/oauth2\/([\w-]{1,64})$/.exec(path);
    if (custom) return oktaCustom(custom[1]!);
    if (path === '') return OKTA_ORG;
  }
  return undefined;
}

function endpointServer(host: string, path: string, token: Server | undefined): Server | undefined {
  if (!token) return undefined;
  switch (token.kind) {
    case 'realm': {
      const realm = REALM_PATH.exec(path);
      return realm ? realmServer(realm[1]!, realm[2]!) : undefined;
    }
    case 'auth0':
      return AUTH0_HOST.test(host) ? auth0Server(host) : undefined;
    case 'okta': {
      const custom = OKTA_CUSTOM_PATH.exec(path);
      if (custom) return oktaCustom(custom[1]!);
      return OKTA_ORG_PATH.test(path) ? OKTA_ORG : undefined;
    }
  }
}

const OKTA_ORG: Server = {
  id: 'okta:org',
  words: 'the Okta org authorization server',
  base: '',
  kind: 'okta',
};

function oktaCustom(id: string): Server {
  return {
    id: `okta:${id}`,
    words: `the \`${id}\` custom authorization server`,
    base: `/oauth2/${id}`,
    kind: 'okta',
  };
}

function realmServer(prefix: string, realm: string): Server {
  return { id: `realm:${realm}`, words: `the \`${realm}\` realm`, base: `${prefix}${realm}`, kind: 'realm' };
}

function auth0Server(host: string): Server {
  return { id: `auth0:${host}`, words: `the Auth0 tenant ${host}`, base: host, kind: 'auth0' };
}

/** The user's URL moved to the token's server: another realm, custom server or tenant host. */
function fixedUrl(raw: string, token: Server, endpoint: Server): string | undefined {
  if (!URL.canParse(raw)) return undefined;
  const u = new URL(raw);
  if (token.kind === 'auth0') {
    u.hostname = token.base;
    return u.toString();
  }
  let path = u.pathname;
  if (token.kind === 'realm') path = path.replace(endpoint.base, token.base);
  else if (endpoint.id === 'okta:org') {
    // `/oauth2/v1/userinfo` → `/oauth2/default/v1/userinfo`; the management API has no custom-server twin.
    if (!path.startsWith('/oauth2/v1/')) return undefined;
    path = path.replace(/^\/oauth2\//, `${token.base}/`);
  } else if (token.id === 'okta:org') path = `/oauth2${path.slice(endpoint.base.length)}`;
  else path = `${token.base}${path.slice(endpoint.base.length)}`;
  u.pathname = path;
  return u.toString();
}
