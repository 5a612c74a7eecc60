/**
 * A JWT whose `nbf` (not before) or `iat` (issued at) lies in the future: the clock of whoever minted it is
 * ahead of the clock that judges it. Every library enforces `nbf`; many (PyJWT, tymon/jwt-auth, GitHub's App
 * JWT check) also reject a future `iat`. Seconds-since-epoch written in milliseconds (`Date.now()`) look like
 * a date thousands of years ahead and fail the same way.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { type Claims, claimsOf, formatDuration, formatInstant, timeClaim } from './helpers/jwt.js';
import {
  answerMatching,
  describeToken,
  type Placement,
  placements,
  succeeded,
  timeReference,
} from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

/** What servers and libraries say when a token is not valid yet or was issued in the future. */
const NOT_YET_VALID =
  /not yet valid|not valid (?:yet|before)|before (?:the )?(?:nbf|not.?before)|immature|\biat\b|\bnbf\b|issued in the future|used before|ValidFrom|IDX10222|NotBefore|clock skew/i;

const CLOCK_FIX = [
  'Sync the clock of the machine that mints the token and of the API server with NTP: Linux `timedatectl set-ntp true` (check with `timedatectl status` or `chronyc tracking`), Windows `w32tm /resync`, macOS `sudo sntp -sS time.apple.com`. Containers and WSL 2 take the host clock: after a laptop sleeps, `wsl --shutdown` (or `sudo hwclock -s`) resets it.',
  'Allow a little leeway where the token is checked: jsonwebtoken `clockTolerance: 60`, PyJWT `leeway=60`, .NET `TokenValidationParameters.ClockSkew`, Spring `JwtTimestampValidator(Duration.ofSeconds(60))`, tymon/jwt-auth `leeway`.',
  'If your code mints the token, set `iat`/`nbf` a few seconds in the past (GitHub recommends 60 s for App JWTs).',
];

export default defineRule({
  meta: {
    id: 'jwt-not-yet-valid',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    title: 'The JWT is not valid yet (clock skew)',
    description:
      "A JWT's `nbf` claim says when it starts to be valid and `iat` when it was issued. If either lies in the future for the server, the token is rejected until that moment comes: the issuer's clock is ahead of the server's, or the claim is in milliseconds.",
    docs: [
      'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.5',
      'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.6',
    ],
    checklist: ['token-expiry'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    for (const p of placements(
      evidence.credentials.filter((c) => c.jwt?.claims),
      ctx,
    )) {
      const report = futureReport(p, ctx);
      if (report) reports.push(report);
    }
    return reports;
  },
});

function futureReport(p: Placement, ctx: DiagnosisContext): RuleReport | undefined {
  const claims = claimsOf(p.credential.jwt);
  const millis = millisecondsClaim(claims);
  if (millis) return millisecondsReport(p, millis, ctx);

  const ref = timeReference(p, ctx);
  const { now, uncertaintyMs } = ref;
  const limit = now + uncertaintyMs + ctx.options.clockSkewToleranceSeconds * 1000;
  const nbf = timeClaim(claims, 'nbf');
  const iat = timeClaim(claims, 'iat');
  const future = (['nbf', 'iat'] as const)
    .map((name) => ({ name, t: name === 'nbf' ? nbf : iat }))
    .filter(
      (c): c is { name: 'nbf' | 'iat'; t: { ms: number; inMilliseconds: false } } =>
        c.t !== undefined && c.t.ms > limit,
    );
  const first = future[0];
  if (!first) return undefined;

  const ahead = first.t.ms - now;
  const server = answerMatching(ctx, NOT_YET_VALID);
  const accepted = p.sent && succeeded(p.view, ctx);
  const byNbf = future.some((f) => f.name === 'nbf');
  let severity: RuleReport['severity'] = 'warning';
  let confidence = 0.5;
  if (accepted) {
    severity = 'info';
    confidence = 0.2;
  } else if (p.sent && (byNbf || server)) {
    severity = 'error';
    confidence = server ? 0.9 : 0.85;
  } else if (p.sent) {
    confidence = 0.6;
  }
  const skew = ref.server
    ? `${formatDuration(ahead)} (${Math.round(ahead / 1000)} s) ahead of the server's own clock (its Date header: ${ref.server.value})`
    : uncertaintyMs === 0
      ? `${formatDuration(ahead)} (${Math.round(ahead / 1000)} s) ahead of the time of the paste`
      : `at least ${formatDuration(first.t.ms - now - uncertaintyMs)} after the end of ${new Date(now).toISOString().slice(0, 10)}`;
  const what = first.name === 'nbf' ? '`nbf` (not before)' : '`iat` (issued at)';
  const notes: string[] = [];
  if (first.name === 'iat' && !byNbf)
    notes.push(
      ' Libraries that check `iat` (PyJWT, jwt-auth, GitHub) reject a token issued in the future; others only look at `nbf`.',
    );
  if (server) notes.push(" The server's answer points the same way.");
  if (!p.sent) notes.push(' It was pasted, not seen in a request.');
  return {
    severity,
    confidence,
    detail: `${describeToken(p, p.sent ? 'The JWT sent' : 'The JWT')} has ${what} ${formatInstant(first.t.ms)}, ${skew}: the clock of the machine that issued it is ahead (or the server's is behind).${notes.join('')}`,
    evidence: [p.pointer, ...(server ? [server.pointer] : []), ...(ref.server ? [ref.server.pointer] : [])],
    fix: CLOCK_FIX,
  };
}

function millisecondsClaim(claims: Claims): 'iat' | 'nbf' | undefined {
  for (const name of ['nbf', 'iat'] as const) if (timeClaim(claims, name)?.inMilliseconds) return name;
  return undefined;
}

function millisecondsReport(p: Placement, name: 'iat' | 'nbf', ctx: DiagnosisContext): RuleReport {
  const server = answerMatching(ctx, NOT_YET_VALID);
  const sureToFail = name === 'nbf' || server !== undefined;
  return {
    severity: p.sent && sureToFail && !succeeded(p.view, ctx) ? 'error' : 'warning',
    confidence: p.sent ? (sureToFail ? 0.85 : 0.6) : 0.5,
    title: `The JWT's \`${name}\` is in milliseconds, not seconds`,
    detail: `${describeToken(p, p.sent ? 'The JWT sent' : 'The JWT')} has a 13-digit \`${name}\`: milliseconds where JWT expects seconds since 1970. Read as seconds it is tens of thousands of years in the future, so the token is "not valid yet" everywhere.`,
    evidence: server ? [p.pointer, server.pointer] : [p.pointer],
    fix: [
      `Write \`${name}\` (and \`exp\`) in seconds: \`Math.floor(Date.now() / 1000)\` in JavaScript, \`int(time.time())\` in Python, \`Instant.now().getEpochSecond()\` in Java.`,
      'Most libraries set these claims for you (jsonwebtoken `expiresIn`, PyJWT with a `datetime`): prefer that to writing the numbers by hand.',
    ],
  };
}
