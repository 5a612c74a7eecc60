/**
 * `Authorization: eyJ…` — the token sent without the scheme word. Servers look for `Bearer <token>` (or the
 * scheme their docs give) and treat a bare token as no credential at all.
 */
import { curlExample, describePlace, pointerOf } from './helpers/fix.js';
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
    return ctx.facts.requests.flatMap((view) =>
      view.credentials
        .filter(
          (c) => c.problems.includes('scheme_missing') && c.where.some((w) => w.location === 'authorization'),
        )
        .map((credential) => {
          const accepted = ctx.provider?.pack.auth.find(
            (a) =>
              a.in === 'header' && a.scheme && (a.name ?? 'Authorization').toLowerCase() === 'authorization',
          );
          const scheme =
            accepted?.scheme ??
            (credential.jwt || credential.format?.tokenType === 'access_token' ? 'Bearer' : 'Bearer');
          const name = credential.where[0]?.name ?? 'Authorization';
          return {
            confidence: 0.9,
            detail: `${describePlace(credential)} holds ${credential.format ? `a ${credential.format.name}` : 'a credential'} (${credential.display}) with no scheme in front of it; the server expects \`${name}: ${scheme} <token>\`.`,
            evidence: [pointerOf(credential)],
            fix: [
              `Put the scheme before the token: \`${name}: ${scheme} <YOUR_TOKEN>\`.`,
              curlExample(view.request, { header: `${name}: ${scheme} <YOUR_TOKEN>` }),
            ],
          };
        }),
    );
  },
});
