/**
 * Table tests for rules, in the manner of ESLint's RuleTester: each rule has a cases file
 * (`test/rules/cases/<rule-id>.ts`) listing pastes on which it must fire (with what it must say) and pastes on
 * which it must stay silent. `test/rules/rules.test.ts` runs them all; `npm run docs` turns them into the
 * examples in `docs/rules/<id>.md`. Pastes go through the real intake, so a case is what a user would paste.
 */
import {
  type Clock,
  createContext,
  type DiagnoseOptions,
  type SignatureVerdict,
} from '../../src/diagnose/context.js';
import type { Finding } from '../../src/diagnose/finding.js';
import type { Cause, Severity } from '../../src/diagnose/taxonomy.js';
import { intake } from '../../src/intake/index.js';
import { builtinKnowledge, type ProviderKnowledge } from '../../src/providers/knowledge.js';
import { applyPackFormats } from '../../src/providers/pack-formats.js';
import { toFinding } from '../../src/rules/run.js';
import type { Rule } from '../../src/rules/types.js';

/** The default clock for cases: fixed, so time-based cases never rot. */
export const CASE_NOW = '2026-01-15T12:00:00Z';

export interface RuleCase {
  /** What the case shows, in a few words (it becomes the example's heading in the docs). */
  name: string;
  paste: string;
  /** ISO instant or date; default CASE_NOW. */
  now?: string;
  options?: Partial<DiagnoseOptions>;
  signatures?: SignatureVerdict[];
  knowledge?: ProviderKnowledge;
}

export interface InvalidCase extends RuleCase {
  /** What the first report of the rule must say. */
  expect: {
    cause?: Cause;
    severity?: Severity;
    /** An evidence pointer the finding must include (shortened form: `request.headers.authorization`). */
    evidence?: string;
    /** Substrings (or patterns) the detail must contain. */
    detail?: (string | RegExp)[];
    /** Substrings (or patterns) the fix steps, joined, must contain. */
    fix?: (string | RegExp)[];
    /** Minimum confidence. */
    minConfidence?: number;
  };
}

export interface RuleCases {
  rule: Rule;
  /** Pastes on which the rule must fire. */
  invalid: InvalidCase[];
  /** Pastes on which the rule must stay silent. */
  valid: RuleCase[];
}

export function clockOf(now: string | undefined): Clock {
  const text = now ?? CASE_NOW;
  if (/^\d{4}-\d{2}-\d{2}$/.test(text)) {
    const start = Date.parse(`${text}T00:00:00Z`);
    return { now: start + 43_200_000, uncertaintyMs: 43_200_000 };
  }
  return { now: Date.parse(text), uncertaintyMs: 0 };
}

/** Runs one rule on one paste through the real intake and context, as `diagnose` would. */
export function runRule(rule: Rule, c: RuleCase): { findings: Finding[]; secrets: string[] } {
  const knowledge = c.knowledge ?? builtinKnowledge();
  const evidence = applyPackFormats(intake(c.paste), knowledge);
  const ctx = createContext(evidence, {
    clock: clockOf(c.now),
    knowledge,
    ...(c.options ? { options: c.options } : {}),
    ...(c.signatures ? { signatures: c.signatures } : {}),
  });
  const findings = rule.check(evidence, ctx).map((r) => toFinding(rule, r));
  const secrets = evidence.credentials.flatMap((cred) => {
    const raw = cred.secret?.reveal();
    return raw && raw.length >= 8 ? [raw] : [];
  });
  return { findings, secrets };
}

export function defineCases(cases: RuleCases): RuleCases {
  return cases;
}
