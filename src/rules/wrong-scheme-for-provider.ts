/**
 * The credential is in the Authorization header, with a scheme this API does not take for it: `token` where
 * a GitHub App JWT needs `Bearer`, `Bearer` for a Discord bot token (`Bot`) or an Okta API token (`SSWS`),
 * `Bearer` to a Basic-only API, Basic to a Bearer-only one. The provider pack says which schemes it
 * accepts (and which it rejects, per credential format); the server's own challenge and a few formats whose
 * scheme is fixed whatever the pack say the rest.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { Challenge } from '../intake/evidence.js';
import type { AuthMethod, ProviderPack } from '../providers/schema.js';
import {
  type CredentialUse,
  decodeBase64Text,
  describeMethod,
  exampleFor,
  FORMAT_SCHEMES,
  failed,
  formatIdsFor,
  isAuthorizationMethod,
  isUsable,
  lower,
  methodsAt,
  type Placement,
  packFor,
  placementOf,
  sentence,
  sentUses,
  weakened,
  withArticle,
} from './helpers/credentials.js';
import { curlExample, describePlace, placeholderFor } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

export default defineRule({
  meta: {
    id: 'wrong-scheme-for-provider',
    cause: 'wrong_header_format',
    severity: 'error',
    title: 'The Authorization scheme is not the one this API takes',
    description:
      'The credential is in the Authorization header, but the scheme word in front of it is not one the API accepts for that credential: `token` instead of `Bearer` for a GitHub App JWT, `Bearer` instead of `Bot` for a Discord bot token or `SSWS` for an Okta API token, `Bearer` to a Basic-only API or Basic to a Bearer-only one. The server does not recognise the scheme and treats the request as unauthenticated.',
    docs: ['https://www.rfc-editor.org/rfc/rfc9110#name-authorization'],
    checklist: ['header-format', 'provider-docs'],
  },
  check(_evidence, ctx) {
    const reports: RuleReport[] = [];
    const uses = sentUses(
      ctx,
      (u) =>
        (u.at.location === 'authorization' ||
          u.at.location === 'bearer_flag' ||
          u.at.location === 'basic_flag') &&
        failed(u.view, ctx) !== 'no' &&
        !u.credential.placeholder &&
        u.credential.length > 0 &&
        !u.credential.problems.includes('scheme_missing'),
    );
    for (const use of uses) {
      const report = fixedFormat(use, ctx) ?? fromPack(use, ctx) ?? basicAsBearer(use) ?? fromChallenge(use);
      if (report) reports.push(report);
    }
    return reports;
  },
});

function schemeWords(placement: Placement): string {
  return placement.in === 'basic' ? 'Basic' : (placement.scheme ?? '(none)');
}

function example(use: CredentialUse, header: string): string {
  return curlExample(use.view.request, { header });
}

/** Formats whose scheme is fixed by their provider: a Discord bot token is always `Bot`, Okta's API token `SSWS`. */
function fixedFormat(use: CredentialUse, ctx: DiagnosisContext): RuleReport | undefined {
  const { credential, at } = use;
  const found = packFor(ctx, use.view);
  const pack = found?.pack;
  const id = formatIdsFor(pack, credential).find((f) => FORMAT_SCHEMES[f]);
  const fixed = id ? FORMAT_SCHEMES[id] : undefined;
  const placement = placementOf(credential, at);
  if (!id || !fixed || !placement || lower(placement.scheme) === lower(fixed.scheme)) return undefined;
  // A pack that lists the format with this very scheme knows better.
  if (pack && methodsAt(pack, placement).some((m) => isUsable(m) && m.formats.includes(id))) return undefined;
  // The shape alone is not proof: the request must go to that provider (by pack or by host name).
  const provider = id.split('.')[0] ?? '';
  const host = use.view.request.url?.host ?? '';
  if (!(found?.strong && found.pack.id === provider) && !host.includes(provider)) return undefined;
  const name = at.name ?? 'Authorization';
  const what = credential.format?.name ?? `${fixed.provider} API token`;
  return {
    confidence: 0.9,
    detail: `${sentence(describePlace({ ...credential, where: [at] }))} sends ${withArticle(what)} (${credential.display}) with the scheme \`${schemeWords(placement)}\`. ${fixed.provider} only accepts this kind of token as \`${name}: ${fixed.scheme} <token>\`.`,
    evidence: [at.pointer],
    fix: [
      `Use the \`${fixed.scheme}\` scheme: \`${name}: ${fixed.scheme} <YOUR_TOKEN>\`.`,
      example(use, `${name}: ${fixed.scheme} <YOUR_TOKEN>`),
    ],
    docs: [fixed.docs],
  };
}

function fromPack(use: CredentialUse, ctx: DiagnosisContext): RuleReport | undefined {
  const found = packFor(ctx, use.view);
  if (!found) return undefined;
  const { pack, strong } = found;
  const { credential, at } = use;
  const placement = placementOf(credential, at);
  if (!placement) return undefined;
  const usableAuth = pack.auth.filter((m) => isUsable(m) && isAuthorizationMethod(m));
  // An API that wants its key in another header altogether is wrong-header-name's finding.
  if (usableAuth.length === 0) return undefined;
  const ids = formatIdsFor(pack, credential);
  const names = (m: AuthMethod) => m.formats.some((f) => ids.includes(f));
  const matching = methodsAt(pack, placement);
  const usableHere = matching.filter(isUsable);
  const refusedHere = matching.filter((m) => !isUsable(m));
  const ownRefused = refusedHere.find(names);
  const ownUsable = pack.auth.filter((m) => isUsable(m) && names(m));
  const ownAuth = ownUsable.filter(isAuthorizationMethod);
  // The credential belongs in another header (an API-key header): not a scheme question.
  if (ownUsable.length > 0 && ownAuth.length === 0) return undefined;

  let why: 'refused' | 'format' | 'unlisted';
  let refused: AuthMethod | undefined;
  if (ownRefused) {
    why = 'refused';
    refused = ownRefused;
  } else if (usableHere.length > 0) {
    // A method here that takes any credential, or this one, settles it; a method listing formats only
    // excludes those that the pack ties to other schemes.
    if (ownAuth.length === 0 || ownAuth.some((m) => usableHere.includes(m))) return undefined;
    if (usableHere.some((m) => m.formats.length === 0)) return undefined;
    why = 'format';
  } else {
    refused = refusedHere.find((m) => m.formats.length === 0) ?? refusedHere[0];
    why = refused ? 'refused' : ownAuth.length > 0 ? 'format' : 'unlisted';
  }
  // A scheme refused for this format is not offered back, even where the pack accepts it for others.
  const candidates = ownAuth.length > 0 ? ownAuth : usableAuth;
  const offered = candidates.filter(
    (m) => !refused || lower(m.scheme) !== lower(refused.scheme) || m.in !== refused.in,
  );
  const targets = offered.length > 0 ? offered : candidates;
  return weakened(report(use, pack, targets, placement, why, refused), strong);
}

function report(
  use: CredentialUse,
  pack: ProviderPack,
  targets: AuthMethod[],
  placement: Placement,
  why: 'refused' | 'format' | 'unlisted',
  refused: AuthMethod | undefined,
): RuleReport {
  const { credential, at } = use;
  const sent = schemeWords(placement);
  const what = credential.format ? withArticle(credential.format.name) : 'the credential';
  const target = targets.find((m) => m.status === 'preferred') ?? (targets[0] as AuthMethod);
  const accepted = [...new Set(targets.map((m) => describeMethod(m, pack)))].join(' or ');
  const deprecated = refused?.status === 'deprecated';
  const because =
    why === 'refused'
      ? `${pack.name} ${deprecated ? 'has deprecated' : 'does not accept'} \`${sent}\`${refused?.formats.length ? ' for this kind of credential' : ''}${refused?.note ? ` (${refused.note})` : ''}; it takes ${accepted}.`
      : why === 'format'
        ? `${pack.name} takes this kind of credential as ${accepted}.`
        : `${pack.name} documents ${listAuth(pack)}; \`${sent}\` is not among them.`;
  const strong = why === 'format' || (why === 'refused' && !deprecated);
  return {
    severity: strong ? 'error' : 'warning',
    confidence: strong ? 0.85 : why === 'refused' ? 0.6 : 0.55,
    detail: `${sentence(describePlace({ ...credential, where: [at] }))} sends ${what} (${credential.display}) with the scheme \`${sent}\`. ${because}`,
    evidence: [at.pointer],
    fix: [
      `Send it as ${describeMethod(target, pack)}.`,
      curlExample(use.view.request, exampleFor(target, pack)),
    ],
    ...(pack.docs[0] ? { docs: [pack.docs[0].url] } : {}),
  };
}

function listAuth(pack: ProviderPack): string {
  const words = pack.auth
    .filter((m) => isUsable(m) && isAuthorizationMethod(m))
    .map((m) => (m.in === 'basic' ? 'Basic' : `\`${m.scheme ?? '(no scheme)'}\``));
  return [...new Set(words)].join(', ') || 'other schemes';
}

/** `Authorization: Bearer <base64 of user:password>`: Basic credentials sent under the Bearer scheme. */
function basicAsBearer(use: CredentialUse): RuleReport | undefined {
  const { credential, at } = use;
  if (at.location !== 'authorization' || lower(credential.scheme) !== 'bearer') return undefined;
  const decoded = decodeBase64Text(credential.secret?.reveal() ?? '');
  if (!decoded || !/^[^:\s]{1,256}:\S{0,512}\n?$/.test(decoded) || decoded.startsWith('eyJ'))
    return undefined;
  const challenge = (use.view.exchange.response?.challenges ?? []).some((c) => lower(c.scheme) === 'basic');
  return {
    severity: challenge ? 'error' : 'warning',
    confidence: challenge ? 0.8 : 0.6,
    detail: `${sentence(describePlace({ ...credential, where: [at] }))} sends, under \`Bearer\`, a base64 value that decodes to \`username:password\`: these are Basic credentials with the wrong scheme word${challenge ? ", and the server's challenge asks for Basic" : ''}.`,
    evidence: [at.pointer],
    fix: [
      'Send them as `Authorization: Basic <BASE64>` (or `-u username:password` and let curl encode them).',
      example(use, 'Authorization: Basic <BASE64_OF_USER:PASSWORD>'),
    ],
  };
}

/** The server's own challenge names schemes, and the one sent is not among them. */
function fromChallenge(use: CredentialUse): RuleReport | undefined {
  const { credential, at } = use;
  const response = use.view.exchange.response;
  if (response?.status !== 401 || response.challenges.length === 0) return undefined;
  const placement = placementOf(credential, at);
  if (!placement) return undefined;
  const sent = lower(schemeWords(placement));
  const offered = response.challenges.map((c: Challenge) => c.scheme);
  if (offered.some((s) => lower(s) === sent)) return undefined;
  // Only the schemes a client can simply switch to; Negotiate/NTLM challenges sit next to anything.
  const switchable = offered.filter((s) =>
    ['basic', 'bearer', 'token', 'apikey', 'bot', 'ssws'].includes(lower(s)),
  );
  const first = switchable[0];
  if (!first) return undefined;
  const header =
    lower(first) === 'basic' ? undefined : `${at.name ?? 'Authorization'}: ${first} ${placeholderFor()}`;
  return {
    severity: 'warning',
    confidence: 0.55,
    detail: `${sentence(describePlace({ ...credential, where: [at] }))} uses \`${schemeWords(placement)}\`, but the 401's \`WWW-Authenticate\` asks for ${offered.map((s) => `\`${s}\``).join(', ')}: the server does not take \`${schemeWords(placement)}\` here.`,
    evidence: [at.pointer, `${use.view.pointer.replace(/request$/, 'response')}.headers.www-authenticate`],
    fix: [
      `Send the credential with the scheme the server asks for (\`${first}\`), as its documentation describes.`,
      header ? example(use, header) : curlExample(use.view.request, { basic: '<USERNAME>:<PASSWORD>' }),
    ],
  };
}
