/**
 * Reads the verdicts of the optional JWKS check (src/providers/jwks.ts, done before the rules so this stays
 * pure): a JWT whose signature does not verify against the keys its own issuer publishes is rejected by
 * every API that trusts that issuer, whatever its claims say. Four ways it happens, four fixes: the kid is
 * not published (another environment, a retired key), the signature does not match the key (an edited
 * token, another key under the same kid), the algorithm is wrong (`alg: none`, HS256 where the issuer signs
 * with RSA/EC keys, a key published for another algorithm), or the check could not be done (info).
 * The reverse is reported too: a token that verifies while the API complains about its signature points at
 * the API's keys (a stale JWKS cache after a rotation, another environment's issuer).
 */

import type { SignatureVerdict } from '../diagnose/context.js';
import type { RequestView, TextView } from '../diagnose/facts.js';
import type { Credential } from '../intake/evidence.js';
import { curlExample, describePlace, pointerOf } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

/** What APIs say when a signature or key does not check out (jsonwebtoken, jose, PyJWT, golang-jwt, jjwt,
 * Nimbus/Spring, Microsoft.IdentityModel, jwks-rsa, API gateways). */
const SIGNATURE_COMPLAINTS: readonly RegExp[] = [
  /\bsignature\b[^\n]{0,40}?\b(?:invalid|failed|fail|mismatch|does not match|doesn't match|not valid|verification error|validation failed|could not be verified|was not found)/i,
  /\b(?:invalid|bad|wrong|incorrect)[ _-]?(?:jwt[ _-]|token[ _-])?signature\b/i,
  /\bIDX10(?:50[0-3]|51[0-9])\b/,
  /\bkid\b[^\n]{0,40}?\b(?:not found|unknown|no match|not match)/i,
  /\b(?:no matching|unable to find a signing|no signing) key/i,
  /\bsigning key[^\n]{0,30}?\bnot found/i,
  /\bERR_JW(?:S_SIGNATURE_VERIFICATION_FAILED|KS_NO_MATCHING_KEY)\b/,
  /\bJWSInvalidSignature\b|\bverification error\b/i,
];
const SCAN_LIMIT = 4096;

/** An issuer URL that is safe to put in a shell command as is. */
const PLAIN_URL = /^https?:\/\/[\w.:~%/-]{1,300}$/;

export default defineRule({
  meta: {
    id: 'jwt-signature-invalid',
    cause: 'signature_or_key_mismatch',
    otherCauses: ['server_misconfiguration'],
    severity: 'error',
    title: "The JWT's signature does not match its issuer's published keys",
    description:
      "When the token's issuer is on the operator's allowlist, authdoctor fetches the issuer's published signing keys (OpenID Connect discovery, then its `jwks_uri`) and verifies the pasted JWT against them. A `kid` the issuer does not publish, a signature that does not verify, or an algorithm the issuer's key does not allow (`alg: none`, HS256 on an RSA/EC issuer) is rejected by every API that trusts that issuer.",
    docs: [
      'https://www.rfc-editor.org/rfc/rfc7515#section-4.1.4',
      'https://www.rfc-editor.org/rfc/rfc8725#section-3.1',
      'https://openid.net/specs/openid-connect-discovery-1_0.html#ProviderMetadata',
    ],
    checklist: ['right-credential'],
  },
  check(_evidence, ctx) {
    const reports: RuleReport[] = [];
    for (const verdict of ctx.signatures) {
      const credential = ctx.facts.credentialById.get(verdict.credential);
      // A verdict about a token that is not in this paste is stale: say nothing rather than guess.
      if (!credential) continue;
      const view = ctx.facts.requests.find((v) => v.credentials.some((c) => c.id === credential.id));
      // `alg: none` is jwt-alg-none's finding, made from the header alone; saying it twice adds nothing.
      if (verdict.outcome === 'alg_not_allowed' && isNone(verdict.alg ?? headerText(credential, 'alg')))
        continue;
      const report = explain(verdict, credential, view, ctx.facts.answers);
      if (report) reports.push(report);
    }
    return reports;
  },
});

function explain(
  verdict: SignatureVerdict,
  credential: Credential,
  view: RequestView | undefined,
  answers: readonly TextView[],
): RuleReport | undefined {
  const kid = verdict.kid ?? headerText(credential, 'kid');
  const alg = verdict.alg ?? headerText(credential, 'alg');
  const seen = `${capitalise(describePlace(credential))} holds ${credential.display}, issued by ${verdict.issuer}`;
  const evidence = [pointerOf(credential)];
  const retry = retryStep(credential, view);
  const fresh = `Get a fresh token from ${verdict.issuer} itself (the environment this API trusts) and send it unchanged.`;

  switch (verdict.outcome) {
    case 'kid_not_found':
      return {
        confidence: 0.85,
        title: "The JWT's signing key (kid) is not published by its issuer",
        detail: `${seen}; ${verdict.detail}. An API that trusts this issuer cannot find the key to verify it with.`,
        evidence,
        fix: [
          `The token was signed with a key the issuer does not publish — was it minted by another environment (staging vs production, another tenant or region) or with an old signing key? ${fresh}`,
          `Keys rotate: a token signed with a retired key${kid ? ` ("${kid}")` : ''} stops verifying once the issuer drops that key from its JWKS. Sign in again or request a new token instead of reusing a stored one.`,
          "If your own code signs these tokens, sign with the private key whose public half the issuer publishes, and put that key's `kid` in the header.",
          ...retry,
        ],
      };
    case 'bad_signature':
      return {
        confidence: 0.9,
        title: "The JWT's signature does not verify with its issuer's key",
        detail: `${seen}; ${verdict.detail}. The token was changed after it was signed, or signed by a different key${kid ? ` that uses the same kid ("${kid}")` : ''}.`,
        evidence,
        fix: [
          'Do not edit a token: changing a claim, re-encoding it or cutting it breaks the signature. Copy it unchanged from the response that issued it.',
          `Another environment (a dev or staging issuer, a test signer with a fixed kid) can sign with a key under the same kid that this issuer's key cannot verify. ${fresh}`,
          `If your own code signs these tokens, its private key must be the pair of the public key published${kid ? ` under kid "${kid}"` : ''}: check that it did not load another environment's key, or a key replaced in a rotation.`,
          ...retry,
        ],
      };
    case 'alg_not_allowed':
      return algProblem(verdict, alg, seen, evidence, retry, fresh);
    case 'unreachable':
      return {
        severity: 'info',
        confidence: 0.2,
        title: "The JWT's signature could not be checked",
        detail: `authdoctor could not check the signature of ${credential.display} against the keys of ${verdict.issuer}: ${verdict.detail}. This says nothing about the token either way.`,
        evidence,
        fix: manualCheck(verdict.issuer, kid),
      };
    case 'valid':
      return staleKeys(verdict, kid, seen, evidence, answers);
    default:
      return undefined;
  }
}

function algProblem(
  verdict: SignatureVerdict,
  alg: string | undefined,
  seen: string,
  evidence: string[],
  retry: string[],
  fresh: string,
): RuleReport {
  // `none` itself is left to jwt-alg-none (see check); what is left is a header that names no algorithm.
  if (alg === undefined || isNone(alg)) {
    return {
      confidence: 0.9,
      title: "The JWT's header names no signing algorithm",
      detail: `${seen}; ${verdict.detail}.`,
      evidence,
      fix: [
        `Send a token the issuer signed: a header without \`alg\` is built by hand or by a broken signer, and no API that verifies tokens accepts it. ${fresh}`,
        ...retry,
      ],
    };
  }
  if (/^HS\d{3}$/i.test(alg)) {
    return {
      confidence: 0.85,
      title: `The JWT is signed with ${alg} but its issuer signs with public keys (algorithm confusion)`,
      detail: `${seen}; ${verdict.detail}.`,
      evidence,
      fix: [
        `${alg} means the token was signed with a shared secret (e.g. \`jwt.sign(payload, secret)\` in your own code), but ${verdict.issuer} signs its tokens with a private RSA/EC key and publishes only the public half. ${fresh}`,
        "If your code mints tokens on purpose, it must use the issuer's algorithm and key (or the API must be configured for your secret): an API that verifies against the issuer's JWKS accepts only tokens signed with those keys.",
        'API side: pin the accepted algorithms to the issuer\'s (e.g. `algorithms: ["RS256"]`); a verifier that lets the token choose HS256 can be fooled into using the public key as an HMAC secret.',
        ...retry,
      ],
    };
  }
  return {
    confidence: 0.85,
    title: `The JWT's algorithm (${alg}) does not match its issuer's key`,
    detail: `${seen}; ${verdict.detail}.`,
    evidence,
    fix: [
      `The header says \`"alg": "${alg}"\`, which the issuer's published key does not allow: the signer is configured with another algorithm than the key it publishes (compare the token's header with the key's \`kty\`, \`crv\` and \`alg\` in the JWKS). ${fresh}`,
      'If your own code signs these tokens, set its algorithm to the one the published key is for (its `alg` member), not a library default.',
      ...retry,
    ],
  };
}

/** The token is fine by its issuer's keys, yet the API says the signature or key is wrong. */
function staleKeys(
  verdict: SignatureVerdict,
  kid: string | undefined,
  seen: string,
  evidence: string[],
  answers: readonly TextView[],
): RuleReport | undefined {
  const complaint = answers.find((a) => {
    const text = a.text.length > SCAN_LIMIT ? a.text.slice(0, SCAN_LIMIT) : a.text;
    return SIGNATURE_COMPLAINTS.some((re) => re.test(text));
  });
  if (!complaint) return undefined;
  return {
    cause: 'server_misconfiguration',
    severity: 'warning',
    confidence: 0.6,
    title: "The API rejects a signature that verifies with the issuer's current keys",
    detail: `${seen}; ${verdict.detail}, yet the API's answer complains about the signature or key. The API verifies with other keys than the issuer publishes now.`,
    evidence: [...evidence, complaint.pointer],
    fix: [
      `If ${verdict.issuer} rotated its keys recently, the API is using a stale copy of its JWKS${kid ? ` (without "${kid}")` : ''}: make it refetch (restart it, or shorten its JWKS cache; good libraries refetch on an unknown kid).`,
      `Check that the API is configured for this issuer (${verdict.issuer}) and its jwks_uri, not another environment's or tenant's.`,
      "If the API verifies with a shared secret (HS256), it cannot accept tokens signed with the issuer's private key: configure it with the issuer's JWKS.",
    ],
  };
}

function manualCheck(issuer: string, kid: string | undefined): string[] {
  const base = issuer.replace(/\/$/, '');
  const steps = PLAIN_URL.test(base)
    ? [
        `Check it by hand: \`curl -s ${base}/.well-known/openid-configuration\` shows the \`jwks_uri\`; \`curl -s <jwks_uri>\` lists the published keys${kid ? `, and the token's kid "${kid}" should be one of them` : ''}.`,
      ]
    : [
        `Check it by hand: open the issuer's /.well-known/openid-configuration, follow its \`jwks_uri\`, and look for the token's kid${kid ? ` ("${kid}")` : ''}.`,
      ];
  steps.push(
    'Operator: the issuer must answer over https from a public address within the timeout (AUTHDOCTOR_JWKS_TIMEOUT_MS), without redirects, with a discovery document that names it as the issuer.',
  );
  return steps;
}

function retryStep(credential: Credential, view: RequestView | undefined): string[] {
  if (!view) return [];
  const w = credential.where.find((o) => o.exchange === view.exchange.id) ?? credential.where[0];
  const name =
    w && (w.location === 'authorization' || w.location === 'header') && w.name ? w.name : 'Authorization';
  const scheme = name.toLowerCase() === 'authorization' ? `${credential.scheme ?? 'Bearer'} ` : '';
  return [`Then retry: ${curlExample(view.request, { header: `${name}: ${scheme}<NEW_TOKEN>` })}`];
}

function isNone(alg: string | undefined): boolean {
  return alg !== undefined && alg.toLowerCase() === 'none';
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function headerText(credential: Credential, name: 'kid' | 'alg'): string | undefined {
  const value = credential.jwt?.header?.[name];
  return typeof value === 'string' ? value.slice(0, 64) : undefined;
}
