/**
 * A GitHub App JWT that GitHub refuses because of what is in it. GitHub accepts an App JWT only when it is
 * RS256-signed, its `iss` is the App ID or Client ID, `iat` is in the past and `exp` at most 10 minutes
 * ahead; otherwise it answers 401 "A JSON web token could not be decoded" (or names the claim), which does
 * not say which rule was broken. The token's own claims do.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { claimsOf, formatDuration, headerOf, timeClaim } from './helpers/jwt.js';
import {
  code,
  describeToken,
  type Placement,
  placements,
  sentAsToken,
  succeeded,
} from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

/** GitHub's documented maximum, used when the pack does not say. */
const DEFAULT_MAX_SECONDS = 600;
/** `iat` is commonly backdated 60 s against clock drift, as GitHub recommends. */
const BACKDATE_SECONDS = 60;
/** App IDs are numbers; Client IDs start `Iv1.` or `Iv23…`. */
const APP_ISSUER = /^(?:\d{1,12}|Iv[0-9A-Za-z.]{4,40})$/;

const SIGNING_DOCS = [
  'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app',
];

export default defineRule({
  meta: {
    id: 'github-app-jwt-claims',
    cause: 'wrong_audience_or_issuer',
    otherCauses: ['signature_or_key_mismatch', 'not_yet_valid_or_clock_skew', 'expired_token'],
    severity: 'error',
    title: 'GitHub will not accept this App JWT',
    description:
      'GitHub App JWTs must be signed with RS256 using the App\'s private key, name the App ID or Client ID in `iss`, and live at most 10 minutes (`exp` no more than 10 minutes after GitHub\'s clock). GitHub answers any violation with a 401 such as "A JSON web token could not be decoded".',
    docs: SIGNING_DOCS,
    checklist: ['right-credential', 'token-expiry'],
  },
  check(evidence, ctx) {
    const jwts = evidence.credentials.filter((c) => c.jwt?.claims && c.jwt.error === undefined);
    const reports: RuleReport[] = [];
    for (const p of placements(jwts, ctx)) {
      if (!sentAsToken(p) || !toGithub(p, ctx) || succeeded(p.view, ctx)) continue;
      reports.push(...problems(p, ctx));
    }
    return reports;
  },
});

function toGithub(p: Placement, ctx: DiagnosisContext): boolean {
  const host = p.view?.request.url?.host?.toLowerCase();
  if (!host) return false;
  return (
    host === 'api.github.com' ||
    ctx.knowledge.matchHost(host)?.pack.id === 'github' ||
    (p.view?.request.url?.path ?? '').startsWith('/api/v3/app')
  );
}

function problems(p: Placement, ctx: DiagnosisContext): RuleReport[] {
  const claims = claimsOf(p.credential.jwt);
  const alg = headerOf(p.credential.jwt).alg;
  const token = describeToken(p, 'The GitHub App JWT sent');
  const evidence = [p.pointer];
  const out: RuleReport[] = [];

  if (typeof alg === 'string' && alg !== 'RS256' && alg.toLowerCase() !== 'none')
    out.push({
      cause: 'signature_or_key_mismatch',
      confidence: 0.85,
      title: `The GitHub App JWT is signed with ${alg}, not RS256`,
      detail: `${token} is signed with \`${alg}\`. GitHub only accepts RS256 signatures made with the App's private key (the .pem downloaded from the App settings).`,
      evidence,
      fix: [
        "Sign with RS256 and the App's private key: jsonwebtoken `jwt.sign(claims, privatePem, { algorithm: 'RS256' })`, PyJWT `jwt.encode(claims, private_pem, algorithm='RS256')`, Ruby `JWT.encode(payload, private_key, 'RS256')`.",
      ],
      docs: SIGNING_DOCS,
    });

  const iss = claims.iss;
  const issText = typeof iss === 'number' ? String(iss) : typeof iss === 'string' ? iss : undefined;
  if (issText === undefined || !APP_ISSUER.test(issText))
    out.push({
      cause: 'wrong_audience_or_issuer',
      severity: issText === undefined ? 'error' : 'warning',
      confidence: issText === undefined ? 0.85 : 0.65,
      title: 'The GitHub App JWT has the wrong `iss`',
      detail: `${token} has ${issText === undefined ? 'no `iss` claim' : `\`iss\` ${code(issText)}`}. GitHub reads \`iss\` to find the App whose public key verifies the token: it must be the App ID (a number) or the App's Client ID (\`Iv1.…\`/\`Iv23…\`), not the app's name, an installation ID or an OAuth client secret.`,
      evidence,
      fix: [
        "Set `iss` to the App ID shown on the App's settings page (General → About), or to its Client ID, and sign again.",
      ],
      docs: SIGNING_DOCS,
    });

  const lifetime = lifetimeProblem(p, ctx);
  if (lifetime) out.push({ ...lifetime, evidence, docs: SIGNING_DOCS });
  return out;
}

function lifetimeProblem(p: Placement, ctx: DiagnosisContext): Omit<RuleReport, 'evidence'> | undefined {
  const claims = claimsOf(p.credential.jwt);
  const exp = timeClaim(claims, 'exp');
  const iat = timeClaim(claims, 'iat');
  const token = describeToken(p, 'The GitHub App JWT sent');
  const fix = [
    'Set `iat` to 60 seconds in the past and `exp` to at most 10 minutes after the current time (e.g. `iat: now - 60, exp: now + 540`), in seconds, and mint a fresh JWT for each batch of calls.',
  ];
  if (!exp)
    return {
      cause: 'expired_token',
      confidence: 0.8,
      title: 'The GitHub App JWT has no `exp`',
      detail: `${token} has no \`exp\` claim; GitHub requires one, at most 10 minutes ahead.`,
      fix,
    };
  const pack = ctx.knowledge.byId('github');
  const max = pack?.tokenLifetimes.find((l) => /\bJWT\b/.test(l.token))?.seconds ?? DEFAULT_MAX_SECONDS;
  const lifetimeS = iat && !iat.inMilliseconds ? (exp.ms - iat.ms) / 1000 : undefined;
  const aheadS = ctx.clock.uncertaintyMs === 0 ? (exp.ms - ctx.clock.now) / 1000 : undefined;
  const tooLong = lifetimeS !== undefined && lifetimeS > max + BACKDATE_SECONDS;
  const tooFar = aheadS !== undefined && aheadS > max + ctx.options.clockSkewToleranceSeconds;
  if (!tooLong && !tooFar) return undefined;
  const span = tooLong
    ? `is valid for ${formatDuration((lifetimeS ?? 0) * 1000)} (\`exp\` − \`iat\`)`
    : `expires ${formatDuration((aheadS ?? 0) * 1000)} from now`;
  return {
    cause: 'not_yet_valid_or_clock_skew',
    confidence: 0.85,
    title: 'The GitHub App JWT lives longer than 10 minutes',
    detail: `${token} ${span}; GitHub rejects App JWTs whose \`exp\` is more than ${formatDuration(max * 1000)} ahead of its own clock ("'Expiration time' claim ('exp') is too far in the future"). A machine clock running ahead has the same effect.`,
    fix,
  };
}
