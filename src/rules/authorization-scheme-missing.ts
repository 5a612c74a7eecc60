/**
 * `Authorization: eyJ…` — the token sent without the scheme word. Servers look for `Bearer <token>` (or the
 * scheme their docs give) and treat a bare token as no credential at all. The scheme suggested is the one
 * the provider takes for this kind of credential (`Bot` for a Discord bot token, `SSWS` for an Okta API
 * token), `Basic` when the bare value is base64 of `user:password`, and `Bearer` otherwise.
 */
import type { Credential } from '../intake/evidence.js';
import type { ProviderPack } from '../providers/schema.js';
import {
  bestMethod,
  decodeBase64Text,
  FORMAT_SCHEMES,
  formatIdsFor,
  isAuthorizationMethod,
  isUsable,
  packFor,
  sentence,
  withArticle,
} from './helpers/credentials.js';
import { curlExample, describePlace } from './helpers/fix.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'authorization-scheme-missing',
    cause: 'wrong_header_format',
    severity: 'error',
    title: 'The Authorization header has no scheme',
    description:
      'An `Authorization` header must start with an authentication scheme (`Bearer`, `Basic`, `token`, …) followed by the credential. A bare token is not understood by servers that follow RFC 9110, so the request counts as unauthenticated.',
    docs: [
      'https://www.rfc-editor.org/rfc/rfc9110#name-authorization',
      'https://www.rfc-editor.org/rfc/rfc6750#section-2.1',
    ],
    checklist: ['header-format'],
  },
  check(_evidence, ctx) {
    const seen = new Set<string>();
    return ctx.facts.requests.flatMap((view) => {
      const found = packFor(ctx, view);
      // An API that takes no Authorization header at all (an `x-api-key` API) is wrong-header-name's finding.
      if (found?.strong && !found.pack.auth.some((m) => isUsable(m) && isAuthorizationMethod(m))) return [];
      return view.credentials
        .filter(
          (c) =>
            c.problems.includes('scheme_missing') &&
            !c.placeholder &&
            c.where.some((w) => w.exchange === view.exchange.id && w.location === 'authorization'),
        )
        .filter((c) => {
          if (seen.has(c.id)) return false;
          seen.add(c.id);
          return true;
        })
        .map((credential) => {
          const at = credential.where.find(
            (w) => w.exchange === view.exchange.id && w.location === 'authorization',
          );
          const scheme = schemeFor(credential, found?.pack);
          const name = at?.name ?? 'Authorization';
          return {
            confidence: 0.9,
            detail: `${sentence(describePlace({ ...credential, where: at ? [at] : credential.where }))} holds ${credential.format ? withArticle(credential.format.name) : 'a credential'} (${credential.display}) with no scheme in front of it; the server expects \`${name}: ${scheme.word} <${scheme.what}>\`.`,
            evidence: [at?.pointer ?? `${view.pointer}.headers.authorization`],
            fix: [
              `Put the scheme before the ${scheme.what === 'BASE64' ? 'encoded credentials' : 'token'}: \`${name}: ${scheme.word} <YOUR_${scheme.what}>\`.`,
              curlExample(view.request, { header: `${name}: ${scheme.word} <YOUR_${scheme.what}>` }),
            ],
          };
        });
    });
  },
});

/** The scheme to put in front: the provider's for this credential, Basic for an encoded pair, else Bearer. */
function schemeFor(credential: Credential, pack: ProviderPack | undefined): { word: string; what: string } {
  const fixed = formatIdsFor(pack, credential)
    .map((id) => FORMAT_SCHEMES[id])
    .find(Boolean);
  if (fixed) return { word: fixed.scheme, what: 'TOKEN' };
  const method = pack ? bestMethod(pack, credential) : undefined;
  if (method && method.in === 'header' && isAuthorizationMethod(method) && method.scheme)
    return { word: method.scheme, what: 'TOKEN' };
  const decoded = decodeBase64Text(credential.secret?.reveal() ?? '');
  if (decoded && /^[^:\s]{1,256}:\S{0,512}$/.test(decoded) && !decoded.startsWith('eyJ'))
    return { word: 'Basic', what: 'BASE64' };
  if (method?.in === 'basic') return { word: 'Basic', what: 'BASE64' };
  return { word: 'Bearer', what: 'TOKEN' };
}
