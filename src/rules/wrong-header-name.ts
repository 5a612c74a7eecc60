/**
 * The credential is in a header the server does not read: a slip for `Authorization` (`Authorisation`,
 * `Authorizaton`, `Authentication`, `Auth`, `Bearer:`, `"Authorization"` with its quotes, `Authorization `
 * with a space before the colon), or a real header that this API does not use for credentials (`X-API-Key`
 * where the pack says `Authorization: Bearer`, `Authorization` where it says `x-api-key`).
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { RequestView } from '../diagnose/facts.js';
import type { Field } from '../intake/evidence.js';
import type { AuthMethod, ProviderPack } from '../providers/schema.js';
import {
  acceptsAt,
  authorizationSlip,
  belongsElsewhere,
  bestMethod,
  type CredentialUse,
  describeMethod,
  exampleFor,
  failed,
  formatIdsFor,
  isAuthorizationMethod,
  isUsable,
  lower,
  methodsAt,
  methodsForFormat,
  packFor,
  placementOf,
  requestHasUsablePlacement,
  requestWords,
  SCHEME_WORD,
  sentence,
  sentUses,
  weakened,
  withArticle,
} from './helpers/credentials.js';
import { curlExample, placeholderFor } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

export default defineRule({
  meta: {
    id: 'wrong-header-name',
    cause: 'wrong_header_format',
    severity: 'error',
    title: 'The credential is in a header the server does not read',
    description:
      'Servers look for the credential in one header (`Authorization`, or the API-key header their docs name) and ignore every other. A misspelling (`Authorisation`, `Authorizaton`), a stand-in (`Authentication`, `Auth`), stray quotes or a space before the colon, or an API-key header this API does not use all leave the request unauthenticated.',
    docs: ['https://www.rfc-editor.org/rfc/rfc9110#name-authorization'],
    checklist: ['header-format', 'provider-docs'],
  },
  check(_evidence, ctx) {
    const reports: RuleReport[] = [];
    const seen = new Set<string>();
    for (const view of ctx.facts.requests) {
      if (failed(view, ctx) === 'no') continue;
      for (const field of view.request.headers) {
        const report = slip(view, field, ctx);
        const key = `${field.name}\u0000${view.request.url?.raw ?? ''}`;
        if (report && !seen.has(key)) {
          seen.add(key);
          reports.push(report);
        }
      }
    }
    reports.push(...againstPack(ctx));
    return reports;
  },
});

/** `Authorisation: Bearer …` and friends. The value may be unredacted (intake does not know the name): never shown. */
function slip(view: RequestView, field: Field, ctx: DiagnosisContext): RuleReport | undefined {
  const kind = authorizationSlip(field.name);
  if (!kind) return undefined;
  const pack = packFor(ctx, view)?.pack;
  // The API may really use this header (some do use `Authentication` or `Auth`).
  if (pack?.auth.some((m) => m.in === 'header' && lower(m.name) === lower(field.name.trim())))
    return undefined;
  const schemeWord = SCHEME_WORD.test(field.value);
  const strong = schemeWord || kind !== 'stand_in';
  const method = pack ? bestMethod(pack) : undefined;
  const target =
    method && pack && method.in !== 'query'
      ? exampleFor(method, pack)
      : {
          header: `Authorization: ${schemeWord ? (/^\s*["']?(\w+)/.exec(field.value)?.[1] ?? 'Bearer') : 'Bearer'} ${placeholderFor(pack)}`,
        };
  const why =
    kind === 'decorated'
      ? `The header name \`${field.name}\` has ${/["'`]/.test(field.name) ? 'quotes' : 'whitespace'} around it, so it is not \`Authorization\` to the server (a space before the colon makes the line invalid; quotes become part of the name).`
      : kind === 'spelling'
        ? `\`${field.name}\` is a misspelling of \`Authorization\`; servers match the name exactly (apart from case), so they ignore it.`
        : `\`${field.name}\` is not the standard header: credentials go in \`Authorization\`${pack ? '' : ' unless the API documents this name'}.`;
  return {
    severity: strong ? 'error' : 'warning',
    confidence: schemeWord ? 0.9 : strong ? 0.8 : 0.55,
    title:
      kind === 'decorated'
        ? 'The Authorization header name has stray quotes or spaces'
        : `The credential is in \`${field.name.trim()}\`, not \`Authorization\``,
    detail: `${sentence(requestWords(view))} sends its credential in the \`${field.name}\` header${schemeWord ? ' (the value starts with an auth scheme, so it was meant for `Authorization`)' : ''}. ${why}`,
    evidence: [`${view.pointer}.headers.${lower(field.name.trim()).replace(/["'`\s]/g, '')}`],
    fix: [
      `Rename the header: ${target.header ? `\`${target.header}\`` : pack && method ? describeMethod(method, pack) : '`Authorization: Bearer <YOUR_TOKEN>`'}.`,
      curlExample(view.request, target),
    ],
    ...(pack?.docs[0] ? { docs: [pack.docs[0].url] } : {}),
  };
}

/**
 * Credentials only in headers this API does not read: `X-API-Key` where the pack says `Authorization: Bearer`,
 * or `Authorization` where it says `x-api-key`.
 */
function againstPack(ctx: DiagnosisContext): RuleReport[] {
  if (!ctx.provider) return [];
  const out: RuleReport[] = [];
  const uses = sentUses(
    ctx,
    (u) =>
      (u.at.location === 'header' || u.at.location === 'authorization' || u.at.location === 'bearer_flag') &&
      failed(u.view, ctx) !== 'no',
  );
  for (const use of uses) {
    const found = packFor(ctx, use.view);
    if (!found || requestHasUsablePlacement(found.pack, use.view)) continue;
    const report = misplacedHeader(use, found.pack, found.strong);
    if (report) out.push(weakened(report, found.strong));
  }
  return out;
}

function misplacedHeader(use: CredentialUse, pack: ProviderPack, hostKnown: boolean): RuleReport | undefined {
  const { credential, at } = use;
  const placement = placementOf(credential, at);
  if (!placement) return undefined;
  const matching = methodsAt(pack, placement);
  if (acceptsAt(pack, placement, credential)) return undefined;
  const isAuthorization = placement.name ? lower(placement.name) === 'authorization' : false;
  // A wrong scheme in Authorization, where the API does take this credential in Authorization, is
  // wrong-scheme-for-provider's; a key the pack only takes elsewhere (`?key=`, an API-key header) is ours.
  if (
    isAuthorization &&
    pack.auth.some((m) => isUsable(m) && isAuthorizationMethod(m)) &&
    !belongsElsewhere(pack, credential)
  )
    return undefined;
  const target = bestMethod(pack, credential);
  if (!target) return undefined;
  const alternatives = alternativesFor(pack, credential, target);
  const refused = matching.find((m) => !isUsable(m));
  const ids = formatIdsFor(pack, credential);
  // Without an explicit refusal or a credential of this API's own format, only the API's own host counts.
  if (!refused && !hostKnown && !belongsElsewhere(pack, credential)) return undefined;
  const ours = ids.length > 0 && pack.auth.some((m) => m.formats.some((f) => ids.includes(f)));
  const strong = ours || (refused !== undefined && refused.status === 'rejected');
  const sentName = placement.name ?? 'Authorization';
  return {
    severity: strong ? 'error' : 'warning',
    confidence: strong ? 0.85 : 0.6,
    title: `${pack.name} does not read the credential from \`${sentName}\``,
    detail: `${sentence(requestWords(use.view))} sends ${credential.format ? withArticle(credential.format.name) : 'its credential'} (${credential.display}) in \`${sentName}\`${placement.scheme ? ` with \`${placement.scheme}\`` : ''}. ${pack.name} ${refused ? `${refused.status === 'deprecated' ? 'has deprecated' : 'rejects'} \`${sentName}${placement.scheme ? ` ${placement.scheme}` : ''}\`${refused.formats.length > 0 ? ' for this credential' : ''}` : 'does not read credentials from that header'}${refused?.note ? ` (${refused.note})` : ''}; it expects ${describeMethod(target, pack)}${alternatives}.`,
    evidence: [at.pointer],
    fix: [
      `Send it as ${describeMethod(target, pack)}.`,
      curlExample(use.view.request, exampleFor(target, pack)),
    ],
    ...(pack.docs[0] ? { docs: [pack.docs[0].url] } : {}),
  };
}

/** Other usable places for the same credential, in words: " (or `X-Goog-Api-Key: …`)". */
function alternativesFor(
  pack: ProviderPack,
  credential: CredentialUse['credential'],
  target: AuthMethod,
): string {
  const own = methodsForFormat(pack, credential).filter((m) => isUsable(m) && m !== target);
  const words = [...new Set(own.map((m) => describeMethod(m, pack)))].slice(0, 2);
  return words.length > 0 ? ` (or ${words.join(' or ')})` : '';
}
