/**
 * `Authorization: eyJ…` — the token sent without the scheme word. Servers look for `Bearer <token>` (or the
 * scheme their docs give) and treat a bare token as no credential at all. The scheme suggested is the one
 * the provider takes for this kind of credential (`Bot` for a Discord bot token, `SSWS` for an Okta API
 * token), `Basic` when the bare value is base64 of `user:password`, and `Bearer` otherwise. When the API's pack
 * documents the bare token in Authorization (API Gateway's Cognito authorizer), the missing scheme is right.
 */
import type { Credential } from '../intake/evidence.js';
import type { AuthMethod, ProviderPack } from '../providers/schema.js';
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
            // `$(cat token)` or `$TOKEN`: what the shell put there may well start with the scheme.
            !(c.origin && c.origin.kind !== 'literal') &&
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
          const bare = found ? rawMethod(found.pack, credential) : undefined;
          if (bare && found) {
            // The API documents the bare token in Authorization (a Cognito user pool authorizer): no error here.
            return {
              severity: 'info' as const,
              confidence: 0.2,
              title: 'The Authorization header has no scheme, which this API accepts',
              detail: `${sentence(describePlace({ ...credential, where: at ? [at] : credential.where }))} holds ${credential.format ? withArticle(credential.format.name) : 'a credential'} (${credential.display}) with no scheme in front of it. ${found.pack.name} documents exactly that for ${bare.credential}, so the missing scheme is not the problem; only if this API uses another kind of authorizer would it expect \`${name}: Bearer <TOKEN>\`.`,
              evidence: [at?.pointer ?? `${view.pointer}.headers.authorization`],
              fix: [
                `Keep the bare token if the API is configured as ${found.pack.name} documents; if its authorizer expects a scheme, send \`${name}: Bearer <YOUR_TOKEN>\`.`,
              ],
            };
          }
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

/**
 * The pack's usable Authorization method that takes the token with no scheme word (a Cognito user pool
 * authorizer reads the raw JWT), when it could be this credential's: it names no formats, or names this one.
 */
function rawMethod(pack: ProviderPack, credential: Credential): AuthMethod | undefined {
  const ids = formatIdsFor(pack, credential);
  return pack.auth.find(
    (m) =>
      m.in === 'header' &&
      isUsable(m) &&
      isAuthorizationMethod(m) &&
      !m.scheme &&
      (m.formats.length === 0 || m.formats.some((f) => ids.includes(f))),
  );
}
