/**
 * Runs rules and ranks what they report. A rule that throws is a bug in that rule, not in the paste: it is
 * reported as a note and the other rules still answer.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { shortenPointer } from '../diagnose/facts.js';
import type { Finding } from '../diagnose/finding.js';
import { reconcile } from '../diagnose/reconcile.js';
import { CAUSE_STAGE, SEVERITY_RANK } from '../diagnose/taxonomy.js';
import type { Evidence } from '../intake/evidence.js';
import type { Rule, RuleReport } from './types.js';

export interface RuleRun {
  findings: Finding[];
  /** Rules that threw, with the error message (never user text beyond what the error says). */
  failures: { rule: string; message: string }[];
}

export function runRules(rules: readonly Rule[], evidence: Evidence, ctx: DiagnosisContext): RuleRun {
  const findings: Finding[] = [];
  const failures: RuleRun['failures'] = [];
  rules.forEach((rule, order) => {
    let reports: RuleReport[];
    try {
      reports = rule.check(evidence, ctx);
    } catch (error) {
      failures.push({ rule: rule.meta.id, message: error instanceof Error ? error.message : String(error) });
      return;
    }
    for (const report of reports) findings.push(toFinding(rule, report, order));
  });
  return { findings: rank(reconcile(findings)), failures };
}

const ORDER = Symbol('order');
type Ordered = Finding & { [ORDER]?: number };

export function toFinding(rule: Rule, report: RuleReport, order = 0): Finding {
  const { meta } = rule;
  let cause = report.cause ?? meta.cause;
  if (cause !== meta.cause && !meta.otherCauses.includes(cause)) cause = meta.cause;
  const finding: Ordered = {
    rule: meta.id,
    cause,
    severity: report.severity ?? meta.severity,
    confidence: round(report.confidence),
    title: report.title ?? meta.title,
    detail: report.detail,
    evidence: [...new Set(report.evidence.map(shortenPointer))],
    fix: report.fix,
    docs: [...new Set([...(report.docs ?? []), ...meta.docs])],
  };
  Object.defineProperty(finding, ORDER, { value: order, enumerable: false });
  return finding;
}

/**
 * Most likely cause first: severity; among errors, the cause a server checks first (CAUSE_STAGE); then
 * confidence, then the registry order (which lists the more specific rules first). Exact repeats (same
 * rule, cause and evidence) are merged, and so is a weaker finding of the same cause about the same evidence.
 */
export function rank(findings: readonly Finding[]): Finding[] {
  const seen = new Set<string>();
  const unique = findings.filter((f) => {
    const key = `${f.rule}\u0000${f.cause}\u0000${f.evidence.join(',')}\u0000${f.detail}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  const sorted = unique.sort(
    (a, b) =>
      SEVERITY_RANK[a.severity] - SEVERITY_RANK[b.severity] ||
      (a.severity === 'error' ? CAUSE_STAGE[a.cause] - CAUSE_STAGE[b.cause] : 0) ||
      b.confidence - a.confidence ||
      ((a as Ordered)[ORDER] ?? 0) - ((b as Ordered)[ORDER] ?? 0),
  );
  // A weaker finding that repeats a stronger one's cause about the same evidence adds words, not knowledge.
  return sorted.filter(
    (f, i) =>
      !sorted
        .slice(0, i)
        .some(
          (g) =>
            g.cause === f.cause &&
            SEVERITY_RANK[g.severity] < SEVERITY_RANK[f.severity] &&
            g.evidence.some((e) => f.evidence.includes(e)),
        ),
  );
}

function round(n: number): number {
  return Math.round(Math.min(1, Math.max(0, n)) * 100) / 100;
}
