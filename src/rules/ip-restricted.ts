/**
 * The credential is fine but the caller is not allowed to use it from here: an IP allowlist (on the key, the
 * token, the organization or the resource's firewall), a key restricted to certain HTTP referrers, apps or
 * APIs, or a country restriction. Providers say so in many words; this rule reads the whole family from what
 * servers and clients said, and names the IP address the message gives. A pasted access policy with a
 * network condition (`aws:SourceIp`, `aws:SourceVpce`, Azure `networkAcls`) next to a refusal explains it too.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { TextView } from '../diagnose/facts.js';
import { LiteralIndex } from '../providers/literal.js';
import { ipIn, looksQuoted, proseTexts, quoteAround, scanTexts } from './helpers/hosts.js';
import { networkPolicy } from './helpers/network-policy.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

type Kind = 'ip' | 'key' | 'referrer' | 'app' | 'api' | 'network' | 'perimeter' | 'geo' | 'local';

interface Pattern {
  kind: Kind;
  match: RegExp;
  /** Wording that also fits other causes (a deny-all policy, a generic "not authorized"): a warning only. */
  ambiguous?: boolean;
}

const IP = String.raw`\b(?:client |remote |source |caller(?:'s)? |originating |your |request(?:ing)? |public |calling )?IP(?:v[46])?(?: address)?\b`;
const PATTERNS: Pattern[] = [
  {
    kind: 'referrer',
    match:
      /\breferr?er\b[^.\n]{0,60}\b(?:not allowed|not authori[sz]ed|blocked|denied|restricted|does not match|doesn't match)\b|\bRefererNotAllowed\w*|\bAPI_KEY_HTTP_REFERRER_BLOCKED\b|\bRequests from referr?er\b[^.\n]{0,80}\bare blocked\b|\bHTTP referr?er restriction/i,
  },
  {
    kind: 'app',
    match:
      /\bRequests from this (?:Android|iOS) client application\b[^.\n]{0,80}\bare blocked\b|\bAPI_KEY_(?:ANDROID|IOS)_APP_BLOCKED\b/i,
  },
  {
    kind: 'key',
    match: /\bThis IP, site or mobile application is not authori[sz]ed to use this API key\b/i,
  },
  {
    kind: 'api',
    match:
      /\bAPI_KEY_SERVICE_BLOCKED\b|\bRequests to this API\b[^.\n]{0,120}\bare blocked\b|\bAPI key (?:is )?restricted to (?!(?:specific |certain |the |these |other )?(?:IP|referr|HTTP|Android|iOS|apps?\b|websites?|sites?))|\bkey (?:is )?not (?:allowed|authori[sz]ed|permitted) (?:to (?:call|access|use) )?(?:this|for this) (?:API|service|method)\b/i,
  },
  {
    kind: 'network',
    match:
      /\bClient address is not authori[sz]ed\b|\bForbiddenByFirewall\b|\bForbiddenByConnection\b|\bdenied due to (?:Virtual Network|VNet)\/?Firewall rules\b|\bPublic (?:network )?access is disabled\b|\bnot allowed to access the server\b[^.\n]{0,40}\bfirewall\b|\bClient with IP address '[^'\n]{1,60}' is not allowed\b|\bfirewall rules?\b[^.\n]{0,60}\b(?:block|deny|denied|not allow)/i,
  },
  {
    kind: 'perimeter',
    match:
      /\bvpcServiceControlsUniqueIdentifier\b|\bSECURITY_POLICY_VIOLATED\b|\bVPC_SERVICE_CONTROLS\b|\bVPC Service Controls\b[^.\n]{0,60}\b(?:violat|denied|block)/i,
  },
  {
    kind: 'network',
    match:
      /\bblocked by (?:your |the )?[\w ]{0,40}firewall settings?\b|\bThe web app you have attempted to reach has blocked your access\b|\bIp Forbidden\b/i,
  },
  {
    kind: 'local',
    match:
      /\bcan only (?:log ?in|connect|be used|access|authenticate) (?:via|from|on|through) (?:localhost|the loopback(?: interface)?)\b|\bonly (?:allowed|permitted|accessible|available) (?:from|via|on) (?:localhost|127\.0\.0\.1|the loopback(?: interface)?)\b|\bloopback_users\b|\bremote (?:access|login|logins|connections?) (?:is |are )?(?:not allowed|disabled|denied|forbidden|refused)\b|\baccess from (?:this|your|remote) (?:host|address|location|machine|network) (?:is )?(?:not allowed|denied|forbidden)\b/i,
  },
  {
    kind: 'local',
    match:
      /\b(?:client |remote |your |requesting )?host (?:is )?not (?:allowed|permitted|authori[sz]ed)(?: to connect)?\b/i,
    ambiguous: true,
  },
  {
    kind: 'perimeter',
    match: /\bRequest is prohibited by organi[sz]ation'?s policy\b/i,
    ambiguous: true,
  },
  {
    kind: 'network',
    match:
      /\bThis request is not authori[sz]ed to perform this operation\.?(?!\s*using this permission)|\bwith an explicit deny in a resource-based policy\b|\bInvalid API-key, IP, or permissions for action\b/i,
    ambiguous: true,
  },
  {
    kind: 'geo',
    match:
      /\bunsupported_country(?:_region_territory)?\b|\bCountry,? region,? or territory not supported\b|\bnot available in your (?:country|region)\b|\b(?:country|region|location) (?:is )?not (?:supported|allowed|permitted)\b|\bgeo[- ]?(?:blocked|restricted|restriction)\b/i,
  },
  {
    kind: 'ip',
    match: new RegExp(
      `${IP}(?:[^.\\n]|\\.(?=\\S)){0,80}\\b(?:is |was |are )?(?:not (?:allowed|authori[sz]ed|permitted|whitelisted|allowlisted|in (?:the |your |an? )?(?:allow|white|access|trusted)[ -]?list|on (?:the |your )?(?:allow|white)[ -]?list|in (?:the |an? )?(?:allowed|authori[sz]ed|trusted|permitted) (?:IP )?(?:range|ranges|list|addresses))|blocked|denied|forbidden|rejected|restricted|blacklisted|banned)\\b`,
      'i',
    ),
  },
  {
    kind: 'ip',
    match:
      /\b(?:request|requests|access|call|calls|connection)s? from (?:this |your |the |an? )?(?:IP|IP address|address|location)\b[^.\n]{0,60}\b(?:not allowed|not authori[sz]ed|blocked|denied|forbidden|rejected|restricted)\b/i,
  },
  {
    kind: 'ip',
    match:
      /\bIP (?:address )?(?:restriction|restrictions|allow ?list|whitelist|filter(?:ing)?|access management)\b|\brestricted to (?:specific |certain |these |the following |allowed |trusted )?IP(?:v[46])?(?: address(?:es)?| ranges?)?\b|\bForbidden by IP\b|\bIP[_ ]?(?:NOT[_ ]?ALLOWED|NOT[_ ]?AUTHORI[SZ]ED|ADDRESS[_ ]?BLOCKED|RESTRICTED|FORBIDDEN|BLOCKED)\b|\bIpAddress(?:NotAllowed|Blocked|Rejected)\b|\bAPI_KEY_IP_ADDRESS_BLOCKED\b|\binvalid[_ ]ip\b|\bunauthori[sz]ed ip\b/i,
  },
  {
    kind: 'ip',
    match:
      /\bnot included in (?:the |your )?[^.\n]{0,30}\b(?:IP )?(?:white|allow)[ -]?list\b|\bunmatched IP\b|\bviolates (?:this|the) restriction\b|\bnot (?:in|on) (?:the |your )?(?:IP )?(?:allow|white)[ -]?list\b|\b(?:allow|white)[ -]?list(?:ed)? IPs?\b[^.\n]{0,60}\bnot\b|\bCannot use the access token from location\b|\bhas an IP allow list enabled\b/i,
  },
];

/** One pass over a text finds the few patterns worth running. */
const PATTERN_INDEX = new LiteralIndex(PATTERNS, (p) => p.match);

const FIX: Record<Kind, (ip: string | undefined) => string[]> = {
  ip: (ip) => [
    ip
      ? `Add ${ip} to the allowlist of the key, token or account (or call from an address that is on it).`
      : 'Find the public IP your requests leave from (`curl https://ifconfig.me` on the calling machine) and add it to the allowlist of the key, token or account.',
    'Servers, containers and serverless functions leave from different addresses than your laptop, and often from changing ones: give them a fixed egress IP (NAT gateway, static outbound IP) and allowlist that.',
    'If IPv6 is used, allowlist the IPv6 address too, or force IPv4 (`curl -4`).',
  ],
  key: (ip) => [
    `The key has application restrictions (IP addresses, HTTP referrers or apps) that this request does not meet: in the key's settings, add ${ip ?? 'the caller’s IP address'} for server-side calls, or the site/app for browser and mobile calls — or use a separate, suitably restricted key per kind of caller.`,
  ],
  referrer: () => [
    'A key restricted to HTTP referrers only works from browsers on those sites: add the site (e.g. `https://example.com/*`) to the key’s referrer list, or use a separate key with an IP restriction for server-side calls.',
  ],
  app: () => [
    'The key is restricted to specific apps (or the request does not carry the app’s identity): add the app’s package name and signing-certificate fingerprint (iOS: bundle id) to the key, or use a key meant for this kind of caller.',
  ],
  api: () => [
    'The key is restricted to other APIs: add this API to the key’s API restrictions (Google Cloud: APIs & Services → Credentials → the key → API restrictions), or use a key allowed for it.',
  ],
  network: () => [
    'The resource’s network rules (firewall, private endpoint, resource policy) reject this caller: add the caller’s IP or virtual network to the allowed networks, or call through the private endpoint.',
  ],
  perimeter: () => [
    'The project is inside a VPC Service Controls perimeter and this caller is outside it: call from a network or identity the perimeter allows (an authorized VPC, an access level with the caller’s IP range), or add an ingress rule for this caller. The `vpcServiceControlsUniqueIdentifier` in the error finds the exact violation in the audit logs.',
  ],
  local: () => [
    "The user or key may only be used from the machine the service runs on (or from listed hosts): create a dedicated user or key for remote callers with the rights they need (RabbitMQ: a new user with the `monitoring`/`management` tag instead of `guest`; MySQL: `CREATE USER 'app'@'10.0.%'`), rather than lifting the restriction on a built-in default account.",
    'If the service itself only listens or admits locally (a bind address, a host allowlist), add the caller’s host to what it admits.',
  ],
  geo: () => [
    'The provider does not serve the country or region the request comes from: call from a supported region (server location), as the provider’s terms allow.',
  ],
};

const TITLE: Record<Kind, string> = {
  ip: 'The caller’s IP address is not on the allowlist',
  key: 'The key’s application restrictions reject this caller',
  referrer: 'The key is restricted to other HTTP referrers',
  app: 'The key is restricted to other apps',
  api: 'The key is not allowed to call this API',
  network: 'A network restriction (firewall, resource policy) rejects the caller',
  perimeter: 'A service perimeter (VPC Service Controls) rejects the caller',
  geo: 'The request comes from a region the API does not serve',
  local: 'The user or service only accepts local (or listed) hosts',
};

export default defineRule({
  meta: {
    id: 'ip-restricted',
    cause: 'ip_blocked_or_restricted',
    severity: 'error',
    title: 'The credential is restricted to other IPs, referrers, apps or APIs',
    description:
      'The server recognises the credential but refuses it from where the request came from: an IP allowlist, a key restricted to certain referrers, apps or APIs, a firewall or resource policy, or a country restriction. Changing the key does not help; the restriction or the caller’s address must change.',
    docs: ['https://cloud.google.com/docs/authentication/api-keys#adding-api-restrictions'],
    checklist: ['network-restrictions'],
  },
  check(_evidence, ctx) {
    const hit = find(scanTexts(ctx, { prose: false })) ?? find(proseTexts(ctx));
    if (!hit || hit.pattern.ambiguous) {
      const policy = policyReport(ctx);
      if (policy) return [policy];
    }
    if (!hit) return [];
    const { view, pattern, words } = hit;
    const fromProse = view.kind === 'prose' && !looksQuoted(view.text, hit.index ?? 0);
    const ip = ipIn(view.text.slice(Math.max(0, (hit.index ?? 0) - 200), (hit.index ?? 0) + 400));
    const ipText = ip ? (ip.ip.toLowerCase() === 'x.x.x.x' ? undefined : ip.ip) : undefined;
    const strong = !pattern.ambiguous && !fromProse;
    const named = ip
      ? ipText
        ? `, naming the caller's address ${ipText}`
        : ' (the address is masked in the paste)'
      : '';
    const detail = `${fromProse ? 'The paste says' : 'The server says'} “${words}”${named}. ${explain(pattern.kind)}${ip?.version === 6 ? ' The request went out over IPv6, which an IPv4-only allowlist never matches.' : ''}`;
    return [
      {
        severity: strong ? 'error' : 'warning',
        confidence: strong ? 0.85 : pattern.ambiguous ? 0.5 : 0.65,
        title: TITLE[pattern.kind],
        detail,
        evidence: [view.pointer],
        fix: FIX[pattern.kind](ipText),
      },
    ];
  },
});

function explain(kind: Kind): string {
  switch (kind) {
    case 'ip':
      return 'The credential is only accepted from allowlisted addresses, and this request came from another one.';
    case 'key':
      return 'The key is valid but restricted to certain IP addresses, sites or apps, and this request matches none of them.';
    case 'referrer':
      return 'The key only works when the request carries an allowed `Referer` (browser requests from listed sites).';
    case 'app':
      return 'The key only works from the apps it is restricted to.';
    case 'api':
      return 'The key is valid, but restricted to other APIs.';
    case 'network':
      return 'The resource only accepts requests from allowed networks; this may also be a permissions policy, so check both.';
    case 'perimeter':
      return 'An organization policy puts the service inside a perimeter that only admits requests from allowed networks and identities; the credential itself may be fine.';
    case 'geo':
      return 'The service refuses requests from this country or region regardless of the credential.';
    case 'local':
      return 'The credential is accepted only from the machine the service runs on (or from hosts it lists), and this request came from another host; the same credential works locally.';
  }
}

function find(texts: readonly TextView[]) {
  for (const view of texts) {
    for (const pattern of PATTERN_INDEX.candidates(view.text)) {
      const m = pattern.match.exec(view.text);
      if (m) return { view, pattern, words: quoteAround(view.text, m.index, m[0].length), index: m.index };
    }
  }
  return undefined;
}

/** What a server says when a policy refused the caller (not when the credential was not understood). */
const REFUSAL =
  /\bexplicit deny\b|\bnot authori[sz]ed to (?:perform|access)\b|\bAccessDenied\w*|\bAuthorizationFailure\b|\bForbidden\w*|\bRequest is prohibited\b|\bPermission denied\b|\bPERMISSION_DENIED\b/i;
/** AWS: a Deny statement matched; Azure: the network rules themselves refused. */
const POLICY_DENIED =
  /\bexplicit deny\b|\bAuthorizationFailure\b|\bForbiddenByFirewall\b|\bnot authori[sz]ed to perform this operation\b/i;

/**
 * A pasted policy with a network condition (source IP, VPC, firewall rules) next to a refusal: the caller is
 * outside the networks the policy admits. An AWS explicit deny with only such a Deny statement shown, or
 * Azure's network refusal with default-deny rules, is the cause; a bare 403 next to the policy is a lead.
 */
function policyReport(ctx: DiagnosisContext): RuleReport | undefined {
  const policy = networkPolicy(ctx);
  if (!policy) return undefined;
  // The refusal may share a text with the policy (pasted right under the response); only what comes before
  // counts. In the user's prose it counts when it reads as a quoted error line, not as their own words.
  let quoted = true;
  const refusal = scanTexts(ctx).find((t) => {
    const text = t.pointer === policy.view.pointer ? t.text.slice(0, policy.index) : t.text;
    const at = text.search(REFUSAL);
    if (at < 0) return false;
    if (t.kind === 'prose') quoted = looksQuoted(text, at);
    return true;
  });
  const refusedStatus = ctx.facts.statuses.has(403) || ctx.facts.statuses.has(401);
  if (!refusal && !refusedStatus) return undefined;
  const strong = policy.denies && quoted && refusal !== undefined && POLICY_DENIED.test(refusal.text);
  const where = policy.kind === 'vpc' ? 'VPCs or VPC endpoints' : 'addresses';
  const listed = policy.ranges.length ? ` (${policy.ranges.map((r) => `\`${r}\``).join(', ')})` : '';
  const words = refusal && (POLICY_DENIED.exec(refusal.text) ?? REFUSAL.exec(refusal.text));
  const said = words
    ? `The server refused the call (“${quoteAround(refusal!.text, words.index, words[0].length)}”)`
    : 'The server answered 403';
  return {
    severity: strong ? 'error' : 'warning',
    confidence: strong ? 0.85 : 0.55,
    title: 'A policy admits only certain networks, and the caller is outside them',
    detail: `${said}, and the pasted policy has a network condition, \`${policy.condition}\`${listed}, that ${policy.denies ? 'denies' : 'only admits'} callers by their source ${policy.kind === 'vpc' ? 'network' : 'address'}. A request from other ${where} (a CI runner, a serverless function, a laptop off the office VPN) is refused whatever its credentials.`,
    evidence: [...new Set([...(refusal ? [refusal.pointer] : []), policy.view.pointer])],
    fix: fixFor(policy.provider, policy.kind),
    docs: [POLICY_DOCS[policy.provider]],
  };
}

const POLICY_DOCS = {
  aws: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-keys.html#condition-keys-sourceip',
  azure: 'https://learn.microsoft.com/azure/storage/common/storage-network-security',
  gcp: 'https://cloud.google.com/sql/docs/mysql/authorize-networks',
} as const;

function fixFor(provider: 'aws' | 'azure' | 'gcp', kind: 'ip' | 'vpc'): string[] {
  const egress =
    'Find the address the failing caller leaves from (`curl https://ifconfig.me` on that machine; for hosted CI, the provider’s published runner ranges or a self-hosted runner / NAT gateway with a fixed IP).';
  switch (provider) {
    case 'aws':
      return [
        egress,
        kind === 'vpc'
          ? 'Call from the VPC or VPC endpoint named in the `aws:SourceVpc`/`aws:SourceVpce` condition, or add the caller’s network to it.'
          : 'Add that address or range to the `aws:SourceIp` list of the policy (or give this caller another way in, such as IAM-signed requests, in a separate statement).',
        'For API Gateway, redeploy the stage after changing its resource policy; the change takes effect only on deployment.',
      ];
    case 'azure':
      return [
        egress,
        'Add the address to the resource’s firewall (Networking → Firewalls and virtual networks / Access restrictions), or call from an allowed virtual network or private endpoint.',
      ];
    case 'gcp':
      return [egress, 'Add the address to the authorized networks (or the access level) the policy lists.'];
  }
}
