/**
 * A JWT that is still valid but only just: by the time a retry, a queued job or a slow upstream reaches the
 * server it will have expired, and a server whose clock runs a little ahead already rejects it. A warning,
 * never the verdict: the token was valid when the paste says it was used.
 */
import { claimsOf, formatDuration, formatInstant, timeClaim } from './helpers/jwt.js';
import { describeToken, placements, timeReference } from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

export default defineRule({
  meta: {
    id: 'jwt-expiring-soon',
    cause: 'expired_token',
    severity: 'warning',
    title: 'The JWT is about to expire',
    description:
      'A token with only a few minutes left expires between being read from a cache and reaching the server, or on the first retry. Clients should renew a token shortly before `exp`, not after the first 401.',
    docs: ['https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4'],
    checklist: ['token-expiry'],
  },
  check(evidence, ctx) {
    const soonMs = ctx.options.expiringSoonSeconds * 1000;
    const skewMs = ctx.options.clockSkewToleranceSeconds * 1000;
    const reports: RuleReport[] = [];
    for (const p of placements(
      evidence.credentials.filter((c) => c.jwt?.claims),
      ctx,
    )) {
      const exp = timeClaim(claimsOf(p.credential.jwt), 'exp');
      if (!exp || exp.inMilliseconds) continue;
      const { now, uncertaintyMs, server } = timeReference(p, ctx);
      // Valid at every moment the clock allows, yet within the window at the clock's best guess.
      if (exp.ms <= now + uncertaintyMs || exp.ms - now > soonMs) continue;
      const left = exp.ms - now;
      const skewNote =
        left <= skewMs
          ? ` That is less than the usual clock-skew allowance (${ctx.options.clockSkewToleranceSeconds} s): a server whose clock is a little ahead already treats it as expired.`
          : '';
      reports.push({
        confidence: p.sent ? (left <= skewMs ? 0.45 : 0.35) : 0.25,
        detail: `${describeToken(p, p.sent ? 'The JWT sent' : 'The JWT')} ${server ? `had ${formatDuration(left)} left when the server answered` : `expires in ${formatDuration(left)}`}, at ${formatInstant(exp.ms)}.${skewNote} If the request is retried or queued, it will go out with an expired token.`,
        evidence: [p.pointer],
        fix: [
          'Renew the token before it runs out — e.g. refresh when less than a minute (or 10% of its lifetime) is left — rather than after the server answers 401.',
          'If requests are retried, get a fresh token for the retry instead of resending the one that failed.',
        ],
      });
    }
    return reports;
  },
});
