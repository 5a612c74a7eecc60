/**
 * A token from one environment's identity provider sent to another environment's API: a staging or local
 * login used against production, or a production token against a staging API. Each environment's API
 * trusts only its own issuer (and keys), so the token is rejected even though it is valid.
 *
 * Environments are read from provider packs (issuers and hosts with an environment), from host labels and
 * Keycloak realm names (`staging`, `dev`, `qa`, `uat`, `sandbox`…), and from localhost. Tenant names that an
 * IdP generates (`dev-123456.okta.com`, `dev-abc.us.auth0.com`) say nothing about the environment and are
 * ignored.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { Environment } from '../providers/schema.js';
import { claimsOf, isInternalHost, siteOf, stringClaim, urlHost } from './helpers/jwt.js';
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

type How = 'pack' | 'label' | 'local' | 'sibling';
interface EnvReading {
  env: Environment;
  how: How;
}

const KEYWORDS: Record<string, Environment> = {
  prod: 'production',
  prd: 'production',
  production: 'production',
  staging: 'staging',
  stage: 'staging',
  stg: 'staging',
  preprod: 'staging',
  preproduction: 'staging',
  dev: 'development',
  develop: 'development',
  development: 'development',
  local: 'development',
  test: 'test',
  testing: 'test',
  qa: 'test',
  uat: 'test',
  sandbox: 'sandbox',
};

/** Multi-tenant IdP domains whose tenant labels are generated or arbitrary. */
const TENANT_DOMAINS =
  /(?:^|\.)(?:auth0\.com|okta\.com|okta-emea\.com|onelogin\.com|b2clogin\.com|amazoncognito\.com|ciamlogin\.com)$/;
/** Okta's preview cell hosts sandbox orgs only. */
const OKTA_PREVIEW = /(?:^|\.)oktapreview\.com$/;

const ISSUER_COMPLAINT =
  /\biss(?:uer)?\b[^\n]{0,40}(?:invalid|mismatch|not (?:allowed|valid|match|trusted)|expected|unknown|failed)|invalid[_ ]?iss(?:uer)?|IDX10205|IDX10204|InvalidIssuer|issuer validation failed|untrusted issuer/i;

export default defineRule({
  meta: {
    id: 'jwt-issuer-environment',
    cause: 'wrong_environment',
    otherCauses: ['wrong_audience_or_issuer'],
    severity: 'warning',
    title: "The JWT comes from another environment's identity provider",
    description:
      "Staging, development and production usually have separate identity providers (or tenants, or realms), and each environment's API trusts only its own issuer. A token from a staging login sent to the production API — or the reverse — is rejected although it is valid where it came from.",
    docs: [
      'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.1',
      'https://www.rfc-editor.org/rfc/rfc8725#section-3.8',
    ],
    checklist: ['right-credential', 'url'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const withIssuer = evidence.credentials.filter((c) => stringClaim(claimsOf(c.jwt), 'iss') !== undefined);
    for (const p of placements(withIssuer, ctx)) {
      const host = p.view?.request.url?.host?.toLowerCase();
      if (!host || !sentAsToken(p) || succeeded(p.view, ctx)) continue;
      const report = environmentReport(p, host, ctx);
      if (report) reports.push(report);
    }
    return reports;
  },
});

function environmentReport(p: Placement, host: string, ctx: DiagnosisContext): RuleReport | undefined {
  const iss = stringClaim(claimsOf(p.credential.jwt), 'iss') ?? '';
  const issHost = urlHost(iss);
  let issEnv = issuerEnvironment(iss, issHost, ctx);
  let hostEnv = hostEnvironment(host, ctx);
  // Siblings under one domain (auth.staging.acme.com and api.acme.com): the unlabelled one is production.
  if (issHost && siteOf(issHost) === siteOf(host)) {
    if (issEnv && !hostEnv && issEnv.env !== 'production') hostEnv = { env: 'production', how: 'sibling' };
    else if (hostEnv && !issEnv && hostEnv.env !== 'production')
      issEnv = { env: 'production', how: 'sibling' };
  }
  // A local IdP's token sent to a deployed API (the reverse, a real IdP and a local API, is normal).
  if (issEnv?.how === 'local' && !hostEnv && !isInternalHost(host))
    hostEnv = { env: 'production', how: 'sibling' };
  if (!issEnv || !hostEnv || issEnv.env === hostEnv.env) return undefined;
  if (hostEnv.how === 'local') return undefined;

  const crossesProduction = (issEnv.env === 'production') !== (hostEnv.env === 'production');
  const complaint = answerMatching(ctx, ISSUER_COMPLAINT);
  let severity: RuleReport['severity'] = 'warning';
  let confidence = crossesProduction ? 0.6 : 0.4;
  if (issEnv.how === 'pack' && hostEnv.how === 'pack') {
    severity = 'error';
    confidence = 0.8;
  } else if (issEnv.how === 'pack' || hostEnv.how === 'pack') confidence = 0.7;
  else if (issEnv.how === 'sibling' || hostEnv.how === 'sibling') confidence = Math.max(confidence, 0.6);
  if (complaint && crossesProduction) {
    severity = 'error';
    confidence = Math.max(confidence, 0.8);
  }

  const deployed = issEnv.how === 'local' && hostEnv.how === 'sibling';
  const hostWords = deployed
    ? 'a deployed (non-local) host'
    : hostEnv.how === 'sibling'
      ? 'a production (unlabelled) host'
      : `a ${hostEnv.env} host`;
  return {
    severity,
    confidence,
    detail: `${describeToken(p, 'The JWT sent')} was issued by ${code(iss)}, ${envWords(issEnv)}, but was sent to ${host}, ${hostWords}${hostEnv.how === 'pack' ? ' (from the provider data)' : ''}. An API trusts only its own environment's issuer, so it rejects this token.${complaint ? " The server's answer also names the issuer." : ''}`,
    evidence: complaint ? [p.pointer, complaint.pointer] : [p.pointer],
    fix: [
      deployed
        ? `Sign in against the identity provider ${host} trusts and send that token; a token from a local IdP is only good for a local API.`
        : `Sign in against the ${hostEnv.env} identity provider — the issuer ${host} trusts — and send that token; or send this token to the ${issEnv.env} API instead.`,
      'Check that the client reads its authority/issuer URL and its API base URL from the same environment (e.g. `AUTH_ISSUER` and `API_URL` in the same .env file), and that no cached token from another environment is reused.',
    ],
  };
}

function envWords(e: EnvReading): string {
  if (e.how === 'local') return 'a local identity provider';
  if (e.how === 'sibling') return 'a production (unlabelled) issuer';
  return `a ${e.env} issuer${e.how === 'pack' ? ' (from the provider data)' : ''}`;
}

function issuerEnvironment(
  iss: string,
  issHost: string | undefined,
  ctx: DiagnosisContext,
): EnvReading | undefined {
  for (const pack of ctx.knowledge.packs) {
    const entry = pack.issuers.find((i) => i.match.test(iss));
    if (entry?.environment) return { env: entry.environment, how: 'pack' };
  }
  if (!issHost) return undefined;
  const byHost = hostEnvironment(issHost, ctx);
  if (byHost) return byHost;
  // Keycloak realms (`/realms/shop-staging`) and path segments named for an environment.
  const path = iss.slice(iss.indexOf(issHost) + issHost.length).toLowerCase();
  for (const segment of path.split('/').slice(0, 8)) {
    const env = keywordIn(segment);
    if (env) return { env, how: 'label' };
  }
  return undefined;
}

function hostEnvironment(host: string, ctx: DiagnosisContext): EnvReading | undefined {
  if (
    host === 'localhost' ||
    host.endsWith('.localhost') ||
    host.startsWith('127.') ||
    host === '[::1]' ||
    host === 'host.docker.internal'
  )
    return { env: 'development', how: 'local' };
  const match = ctx.knowledge.matchHost(host);
  if (match) return { env: match.host.environment, how: 'pack' };
  if (OKTA_PREVIEW.test(host)) return { env: 'sandbox', how: 'label' };
  if (TENANT_DOMAINS.test(host)) return undefined;
  for (const label of host.split('.').slice(0, -1)) {
    const env = keywordIn(label);
    if (env) return { env, how: 'label' };
  }
  return undefined;
}

/** `staging`, `staging2`, `api-staging`, `shop_dev`: an environment word as a whole label or a part of one. */
function keywordIn(label: string): Environment | undefined {
  for (const part of label.split(/[-_]/).slice(0, 6)) {
    const word = part.replace(/\d{1,3}$/, '');
    const env = Object.hasOwn(KEYWORDS, word) ? KEYWORDS[word] : undefined;
    if (env) return env;
  }
  return undefined;
}
