/**
 * Verify-the-fix: a new paste compared with the previous one, in words ("Authorization is now sent; the
 * token expired 2 h ago"). Findings are matched by rule, so a rule that no longer fires is a fix.
 */
import type { FindingView } from '../reply/model.js';
import type { Attempt } from './state.js';

const matters = (f: FindingView) => f.severity !== 'info';

export function compareAttempts(previous: Attempt, latest: Attempt): string[] {
  const lines: string[] = [];
  const before = previous.findings.filter(matters);
  const after = latest.findings.filter(matters);
  const afterRules = new Set(after.map((f) => f.rule));
  const beforeRules = new Set(before.map((f) => f.rule));
  for (const f of before) if (!afterRules.has(f.rule)) lines.push(`Fixed since last time: ${f.title}`);
  for (const f of after) {
    lines.push(beforeRules.has(f.rule) ? `Still there: ${f.title}` : `New: ${f.title}`);
  }
  const was = previous.credentials.join(', ');
  const now = latest.credentials.join(', ');
  if (was && now && was !== now) lines.push(`A different credential this time (${now}; before: ${was}).`);
  else if (was && now) lines.push(`The same credential as last time (${now}).`);
  else if (!was && now) lines.push(`A credential is sent now (${now}).`);
  const status = describeStatusChange(previous.statuses, latest.statuses);
  if (status) lines.push(status);
  if (lines.length === 0) lines.push('Nothing changed that I can see: the same findings as last time.');
  return lines;
}

/** The last status seen, as the user would read it. */
export function lastStatus(attempt: Attempt): number | undefined {
  return attempt.statuses.at(-1);
}

/** The last response was a 2xx: a redirect is not success yet (it may be what drops the header). */
export function succeeded(attempt: Attempt): boolean {
  const status = lastStatus(attempt);
  return status !== undefined && status >= 200 && status < 300;
}

function describeStatusChange(before: readonly number[], after: readonly number[]): string | undefined {
  const was = before.at(-1);
  const now = after.at(-1);
  if (now === undefined || was === now) return undefined;
  if (now >= 200 && now < 300) return `The request succeeds now (HTTP ${now}${was ? `, was ${was}` : ''}).`;
  return `The server answers ${now} now${was ? ` (was ${was})` : ''}.`;
}
