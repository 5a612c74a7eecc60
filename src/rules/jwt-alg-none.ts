/**
 * `alg: none`: an unsigned JWT. Accepting one lets anyone forge tokens, so every maintained library refuses
 * it unless explicitly told otherwise; such a token reaching an API is either hand-built for a test or
 * produced by a signing call that was given no key.
 */
import { headerOf } from './helpers/jwt.js';
import { describeToken, placements, succeeded } from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

export default defineRule({
  meta: {
    id: 'jwt-alg-none',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    title: 'The JWT is unsigned (`alg: none`)',
    description:
      'A JWT whose header says `"alg": "none"` has no signature. APIs verify the signature with the key or JWKS they trust and reject unsigned tokens; accepting them is a well-known vulnerability (CVE-2015-9235 and its relatives).',
    docs: [
      'https://www.rfc-editor.org/rfc/rfc8725#section-3.1',
      'https://www.rfc-editor.org/rfc/rfc7518#section-3.6',
    ],
    checklist: ['right-credential'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const unsigned = evidence.credentials.filter((c) => {
      const alg = headerOf(c.jwt).alg;
      return c.jwt && c.jwt.parts === 3 && typeof alg === 'string' && alg.toLowerCase() === 'none';
    });
    for (const p of placements(unsigned, ctx)) {
      const accepted = p.sent && succeeded(p.view, ctx);
      reports.push({
        severity: accepted ? 'warning' : p.sent ? 'error' : 'warning',
        confidence: accepted ? 0.5 : p.sent ? 0.9 : 0.6,
        detail: `${describeToken(p, p.sent ? 'The JWT sent' : 'The JWT')} has \`"alg": "${String(headerOf(p.credential.jwt).alg)}"\` in its header${p.credential.jwt?.signaturePresent ? '' : ' and no signature'}: nothing proves who issued it, so the API refuses it.${accepted ? ' This server accepted it anyway — it does not verify signatures, which is a security hole to fix.' : ''}`,
        evidence: [p.pointer],
        fix: [
          'Use a token issued by the identity provider the API trusts instead of building one by hand.',
          "If your code mints it, sign with the algorithm and key the API expects, e.g. jsonwebtoken `jwt.sign(claims, privateKey, { algorithm: 'RS256' })`, PyJWT `jwt.encode(claims, private_key, algorithm='RS256')`; a missing key or `algorithm: 'none'` yields an unsigned token.",
        ],
      });
    }
    return reports;
  },
});
