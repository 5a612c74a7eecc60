/**
 * A JWT whose `exp` is in the past. Every JWT library rejects it, so an expired token that was sent is a
 * cause of the 401 we stand behind. The clock may be a whole day (`--now 2019-09-15`): then only a token
 * that expired before that day is called expired, and one that expires during the day gets an info saying
 * it depends on the hour.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import {
  claimsOf,
  clockWords,
  formatDuration,
  formatInstant,
  stringClaim,
  timeClaim,
} from './helpers/jwt.js';
import {
  code,
  DECODE_LOCALLY,
  describeToken,
  lifetimeFor,
  type Placement,
  packForIssuer,
  placements,
  resendExample,
  succeeded,
  timeReference,
} from './helpers/token-placement.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

export default defineRule({
  meta: {
    id: 'jwt-expired',
    cause: 'expired_token',
    severity: 'error',
    title: 'The JWT has expired',
    description:
      'A JWT carries its expiry in the `exp` claim (seconds since 1970, UTC). Once that moment has passed, every conforming server rejects the token, usually with 401 and `invalid_token`. The fix is a new token, not a change to the request.',
    docs: ['https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4'],
    checklist: ['token-expiry', 'logout-login'],
  },
  check(evidence, ctx) {
    const jwts = evidence.credentials.filter((c) => c.jwt?.claims);
    const reports: RuleReport[] = [];
    for (const p of placements(jwts, ctx)) {
      const exp = timeClaim(claimsOf(p.credential.jwt), 'exp');
      // Milliseconds in `exp` put expiry in the far future: not expired, whatever else is wrong.
      if (!exp || exp.inMilliseconds) continue;
      const report = expiryReport(p, exp.ms, ctx);
      if (report) reports.push(report);
    }
    return reports;
  },
});

function expiryReport(p: Placement, expMs: number, ctx: DiagnosisContext): RuleReport | undefined {
  const ref = timeReference(p, ctx);
  const { now, uncertaintyMs } = ref;
  const earliest = now - uncertaintyMs;
  const latest = now + uncertaintyMs;
  if (expMs > latest) return undefined;
  const claims = claimsOf(p.credential.jwt);
  const token = describeToken(p, p.sent ? 'The JWT sent' : 'The JWT');
  const issued = issuedWords(claims, expMs);

  if (expMs >= earliest && !ref.server) {
    // Only a date is known: the token expired during that day, maybe before the request, maybe after.
    return {
      severity: 'info',
      confidence: 0.3,
      title: 'The JWT expires on the day of the paste',
      detail: `${token} expires at ${formatInstant(expMs)}, ${clockWords(ctx)}.${issued} Whether it had expired when the request was made depends on the time of day, which the paste does not say.`,
      evidence: [p.pointer],
      fix: [
        `Decode the token locally (\`${DECODE_LOCALLY}\`) and compare \`exp\` with the current time (\`date -u +%s\`); if it has passed, get a new token.`,
      ],
    };
  }

  const ago = Math.max(0, ref.server ? now - expMs : earliest - expMs);
  let agoWords: string;
  if (ref.server)
    agoWords = `expired at ${formatInstant(expMs)}, ${formatDuration(ago)} before the server answered (its Date header: ${ref.server.value})`;
  else if (uncertaintyMs === 0) agoWords = `expired ${formatDuration(ago)} ago, at ${formatInstant(expMs)}`;
  else
    agoWords = `expired at ${formatInstant(expMs)}, at least ${formatDuration(ago)} before ${clockWords(ctx).replace(/^on /, '')}`;
  const tolerance = ctx.options.clockSkewToleranceSeconds * 1000;
  const justNow = ago < tolerance;
  const accepted = p.sent && succeeded(p.view, ctx);
  const severity = accepted ? 'info' : !p.sent || justNow ? 'warning' : 'error';
  const confidence = accepted ? 0.2 : !p.sent ? 0.6 : justNow ? 0.55 : ref.server ? 0.97 : 0.95;
  const pack = packForIssuer(ctx, stringClaim(claims, 'iss')) ?? ctx.provider?.pack;
  const lifetime = lifetimeFor(pack, p.credential);

  const notes: string[] = [];
  if (justNow)
    notes.push(
      ` That is within the usual clock-skew leeway (${ctx.options.clockSkewToleranceSeconds} s), so some servers still accept it — but not for long.`,
    );
  if (accepted)
    notes.push(
      ' The server still answered with success, so it does not check `exp` (or its clock is behind).',
    );
  if (!p.sent)
    notes.push(
      ' It was pasted, not seen in a request: if this is the token your client sends, that explains a 401.',
    );

  const fix = [
    `Get a new token${issuerWords(claims)} — with the refresh token (\`grant_type=refresh_token\`), by signing in again, or, if your code mints it, by signing a fresh one with a new \`iat\`/\`exp\` — and send it instead: \`${resendExample(p)}\`.`,
    'Have the client renew the token before `exp` (e.g. when less than a minute is left) instead of reusing a cached one until it fails; a restart that "fixes" the 401 is the same symptom.',
  ];
  if (lifetime) fix.push(`${pack?.name ?? 'The provider'}: ${lifetime.token} lives ${lifetime.text}.`);
  return {
    severity,
    confidence,
    title: p.sent ? 'The JWT sent has expired' : 'The JWT pasted has expired',
    detail: `${token} ${agoWords}.${issued}${notes.join('')}`,
    evidence: ref.server ? [p.pointer, ref.server.pointer] : [p.pointer],
    fix,
  };
}

function issuedWords(claims: Record<string, unknown>, expMs: number): string {
  const iat = timeClaim(claims, 'iat');
  if (!iat || iat.inMilliseconds || iat.ms > expMs) return '';
  return ` It was issued at ${formatInstant(iat.ms)}, so it was valid for ${formatDuration(expMs - iat.ms)}.`;
}

function issuerWords(claims: Record<string, unknown>): string {
  const iss = stringClaim(claims, 'iss');
  return iss ? ` from its issuer (${code(iss)})` : '';
}
