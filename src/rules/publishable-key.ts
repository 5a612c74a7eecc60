/**
 * A key of the wrong kind sent as the API credential, where the key's own format says what it is for:
 * a publishable key (Stripe `pk_`, Mailgun `pubkey-`) used for a server-side call, a webhook signing secret
 * (`whsec_`) sent as an API key, an identifier (AWS access key ID, Twilio SID, Square application ID) sent
 * instead of the secret, or an OAuth client secret sent where an access token belongs.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { Credential, CredentialFormat } from '../intake/evidence.js';
import { packForFormat } from '../providers/detect.js';
import { curlExample } from './helpers/fix.js';
import { siteOf } from './helpers/jwt.js';
import { article, describeToken, type Placement, placementOf, succeeded } from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

type Kind = 'publishable' | 'webhook' | 'identifier' | 'client_secret';

/** Endpoints a publishable key may call (client-side tokenization and confirmation). */
const PUBLISHABLE_PATHS: Record<string, RegExp> = {
  stripe:
    /^\/v1\/(?:tokens|payment_methods|sources|confirmation_tokens|elements|3ds2|radar|payment_pages|consumers)(?:\/|$)|^\/v1\/(?:payment_intents|setup_intents)\/[^/]+(?:\/confirm)?$/,
  mailgun: /\/address\/(?:validate|parse)/,
};

/** Token endpoints, where identifiers and client secrets legitimately go. */
const TOKEN_ENDPOINT = /token|oauth|\/authorize|\/login/i;

interface KindText {
  what: string;
  fix(format: CredentialFormat): string;
}

const TEXT: Record<Kind, KindText> = {
  publishable: {
    what: 'publishable keys are meant to be public, in browser or mobile code, and only allow client-side calls such as creating payment tokens; server-side calls need the secret key',
    fix: (f) =>
      f.provider === 'stripe'
        ? `Use the secret key (\`sk_${f.environment ?? 'test'}_…\`, or a restricted key \`rk_${f.environment ?? 'test'}_…\`) from https://dashboard.stripe.com/${f.environment === 'live' ? '' : 'test/'}apikeys, on the server only.`
        : `Use the account's private/secret API key for server-side calls; keep the public key for browser code.`,
  },
  webhook: {
    what: 'it verifies the signatures on webhooks you receive and is not an API key',
    fix: (f) =>
      f.provider === 'stripe'
        ? 'Authenticate API calls with the secret key (`sk_…`) from https://dashboard.stripe.com/apikeys; keep `whsec_…` for `stripe.webhooks.constructEvent(payload, signature, whsec)`.'
        : 'Authenticate API calls with an API key or access token; keep the webhook secret for verifying incoming webhook signatures.',
  },
  identifier: {
    what: 'an identifier, the public half of a credential — it names the key or account but proves nothing on its own, and the secret that goes with it was not sent',
    fix: (f) => {
      if (f.provider === 'aws')
        return 'AWS requests are signed (SigV4) with the secret access key, not sent a key ID: use an AWS SDK or CLI profile, or curl `--aws-sigv4 "aws:amz:<region>:<service>" -u "<ACCESS_KEY_ID>:<SECRET_ACCESS_KEY>"` (plus `x-amz-security-token` for ASIA… keys).';
      if (f.provider === 'twilio')
        return 'Twilio uses Basic auth: the SID is the username and the auth token (or API key secret) the password: `curl -u "<ACCOUNT_SID>:<AUTH_TOKEN>" …`.';
      return 'Send the secret or access token that goes with this identifier, as the API documents; the identifier alone is not a credential.';
    },
  },
  client_secret: {
    what: 'a client (application) secret obtains access tokens, together with the client ID, at the token endpoint; APIs do not accept it as a token',
    fix: (f) =>
      f.provider === 'shopify'
        ? "Send the Admin API access token (`shpat_…`, from the app's API credentials or the OAuth exchange) in `X-Shopify-Access-Token`; the `shpss_` secret only signs and verifies (HMAC) and exchanges the OAuth code."
        : 'Exchange the client ID and secret for an access token (`grant_type=client_credentials` or the authorization-code flow) and send that token.',
  },
};

export default defineRule({
  meta: {
    id: 'publishable-key',
    cause: 'wrong_token_type',
    severity: 'error',
    title: 'A key of the wrong kind was sent',
    description:
      'Providers issue several keys per account, each for one job: publishable keys for browsers, secret keys for servers, webhook secrets for verifying webhooks, identifiers that name a key, client secrets that obtain tokens. The key format says which one was sent; an API call made with the wrong one fails with 401.',
    docs: ['https://docs.stripe.com/keys'],
    checklist: ['right-credential'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    for (const credential of evidence.credentials) {
      const kind = kindOf(credential);
      if (!kind || !credential.format || credential.placeholder) continue;
      const p = placementOf(credential, ctx);
      const report = reportFor(p, kind, credential.format, ctx);
      if (report) reports.push(report);
    }
    return reports;
  },
});

function kindOf(credential: Credential): Kind | undefined {
  const f = credential.format;
  if (!f) return undefined;
  if (f.tokenType === 'publishable_key') return 'publishable';
  // A Slack webhook URL is the URL itself, not a key sent in a header.
  if (f.tokenType === 'webhook_secret' && !f.id.endsWith('_url')) return 'webhook';
  if (f.tokenType === 'key_id' || f.id.endsWith('application_id')) return 'identifier';
  if (f.tokenType === 'client_secret') return 'client_secret';
  return undefined;
}

/** Sent as the request's credential: a bearer or API-key header, query parameter, or Basic username/password. */
function sentAsKey(p: Placement, kind: Kind): boolean {
  const w = p.where;
  if (!p.sent || !w) return false;
  switch (w.location) {
    case 'authorization':
    case 'bearer_flag':
    case 'header':
    case 'query':
      return true;
    // Twilio SIDs and client IDs belong in the Basic username; a publishable or webhook key does not.
    case 'basic_flag':
    case 'userinfo':
      return (
        kind === 'publishable' || kind === 'webhook' || (kind !== 'client_secret' && w.name === 'password')
      );
    default:
      return false;
  }
}

function reportFor(
  p: Placement,
  kind: Kind,
  format: CredentialFormat,
  ctx: DiagnosisContext,
): RuleReport | undefined {
  if (!sentAsKey(p, kind) || succeeded(p.view, ctx)) return undefined;
  const request = p.view?.request;
  const host = request?.url?.host?.toLowerCase();
  const path = request?.url?.path ?? '';
  if (!host) return undefined;
  const providerHost = isProviderHost(host, format, ctx);

  if (kind === 'publishable') {
    // Only the provider's own API says anything: a publishable key sent to your backend is your business.
    if (!providerHost) return undefined;
    if (PUBLISHABLE_PATHS[format.provider]?.test(path)) return undefined;
  }
  if ((kind === 'identifier' || kind === 'client_secret') && TOKEN_ENDPOINT.test(path)) return undefined;

  const text = TEXT[kind];
  const sure = providerHost || kind === 'identifier';
  return {
    severity: sure ? 'error' : 'warning',
    confidence: sure ? 0.85 : 0.55,
    title: titleFor(kind, format),
    detail: `${describeToken(p, 'The key sent')} is ${article(format.name)} ${format.name}: ${text.what}.${kind === 'publishable' ? ` ${request?.method ?? 'GET'} ${path} is not one of the calls it may make.` : ''}`,
    evidence: [p.pointer],
    fix: format.provider === 'aws' ? [text.fix(format)] : [text.fix(format), example(p, kind, format)],
    ...(format.source && !format.source.includes('gitleaks') ? { docs: [format.source] } : {}),
  };
}

function titleFor(kind: Kind, format: CredentialFormat): string {
  switch (kind) {
    case 'publishable':
      return `A publishable key was used for a server-side ${format.provider === 'stripe' ? 'Stripe ' : ''}call`;
    case 'webhook':
      return 'A webhook signing secret was sent as an API key';
    case 'identifier':
      return 'An identifier was sent instead of the secret';
    default:
      return 'A client secret was sent instead of an access token';
  }
}

function isProviderHost(host: string, format: CredentialFormat, ctx: DiagnosisContext): boolean {
  const pack = ctx.knowledge.matchHost(host)?.pack;
  if (pack && pack.id === packForFormat(ctx.knowledge, format.id, format.provider)?.id) return true;
  // Without a pack: the provider's name in the registrable domain (api.stripe.com, shop.myshopify.com).
  return (siteOf(host).split('.')[0] ?? '').includes(format.provider);
}

function example(p: Placement, kind: Kind, format: CredentialFormat): string {
  const request = p.view?.request;
  if (format.provider === 'stripe') return curlExample(request, { basic: '<YOUR_STRIPE_SECRET_KEY>:' });
  if (format.provider === 'twilio') return curlExample(request, { basic: '<ACCOUNT_SID>:<AUTH_TOKEN>' });
  const w = p.where;
  const placeholder = kind === 'client_secret' ? '<ACCESS_TOKEN>' : '<SECRET_KEY>';
  if (w?.location === 'header' && w.name)
    return curlExample(request, { header: `${w.name}: ${placeholder}` });
  if (w?.location === 'query' && w.name)
    return curlExample(request, { query: { name: w.name, value: placeholder } });
  return curlExample(request, { header: `Authorization: Bearer ${placeholder}` });
}
