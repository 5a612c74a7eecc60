/**
 * Scoring a labelled set of pastes (the format of `../shared/eval/dev.jsonl`): top-1 and top-3 accuracy over
 * the cases whose cause can be read from the paste, the share with a wrong `error` finding, and for the
 * cases whose cause cannot be read from the paste, whether the checklist still leads to it.
 */
import { z } from 'zod';
import { STEPS } from '../checklist/steps.js';
import type { Clock } from '../diagnose/context.js';
import { parseClock } from '../diagnose/context.js';
import { diagnoseEvidence } from '../diagnose/diagnose.js';
import type { Diagnosis } from '../diagnose/finding.js';
import { CauseSchema } from '../diagnose/taxonomy.js';
import { intake } from '../intake/index.js';
import type { ProviderKnowledge } from '../providers/knowledge.js';

export const EvalCaseSchema = z.looseObject({
  id: z.string(),
  input: z.string(),
  observed_at: z.string().optional(),
  cause: CauseSchema,
  secondary: CauseSchema.nullable().optional(),
  evidence_in_input: z.boolean(),
});
export type EvalCase = z.infer<typeof EvalCaseSchema>;

export interface CaseResult {
  id: string;
  expected: string[];
  evidenceInInput: boolean;
  got: { rule: string; cause: string; severity: string; confidence: number }[];
  top1: boolean;
  top3: boolean;
  /** Error-severity findings naming a cause that is not the expected one. */
  wrongErrors: string[];
  /** The checklist keeps a step open (suspect or unknown) whose causes include the expected one. */
  checklistReaches: boolean;
}

export interface EvalReport {
  cases: CaseResult[];
  scored: number;
  top1: number;
  top3: number;
  wrongError: number;
  unscored: number;
  unscoredWrongError: number;
  unscoredChecklistReaches: number;
}

export function parseEvalSet(text: string): { cases: EvalCase[]; problems: string[] } {
  const cases: EvalCase[] = [];
  const problems: string[] = [];
  text.split('\n').forEach((line, i) => {
    if (line.trim() === '') return;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      problems.push(`line ${i + 1}: not valid JSON`);
      return;
    }
    const parsed = EvalCaseSchema.safeParse(json);
    if (parsed.success) cases.push(parsed.data);
    else
      problems.push(
        `line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')}: ${x.message}`).join('; ')}`,
      );
  });
  return { cases, problems };
}

export function scoreCase(c: EvalCase, diagnosis: Diagnosis): CaseResult {
  const expected: string[] = [c.cause, ...(c.secondary ? [c.secondary] : [])];
  const causes = diagnosis.findings.map((f) => f.cause as string);
  const wrongErrors = diagnosis.findings
    .filter((f) => f.severity === 'error' && !expected.includes(f.cause))
    .map((f) => `${f.rule} → ${f.cause}`);
  const open = new Set(diagnosis.checklist.filter((s) => s.status !== 'ruled_out').map((s) => s.step));
  const checklistReaches = STEPS.some(
    (s) => open.has(s.id) && s.causes.some((x: string) => expected.includes(x)),
  );
  return {
    id: c.id,
    expected,
    evidenceInInput: c.evidence_in_input,
    got: diagnosis.findings.map((f) => ({
      rule: f.rule,
      cause: f.cause,
      severity: f.severity,
      confidence: f.confidence,
    })),
    top1: causes.length > 0 && expected.includes(causes[0]!),
    top3: causes.slice(0, 3).some((x) => expected.includes(x)),
    wrongErrors,
    checklistReaches,
  };
}

export function clockFor(c: EvalCase): Clock | undefined {
  return c.observed_at ? parseClock(c.observed_at) : undefined;
}

export function runEval(cases: readonly EvalCase[], knowledge: ProviderKnowledge): EvalReport {
  const results = cases.map((c) => {
    const clock = clockFor(c);
    const diagnosis = diagnoseEvidence(intake(c.input), { knowledge, ...(clock ? { clock } : {}) });
    return scoreCase(c, diagnosis);
  });
  const scored = results.filter((r) => r.evidenceInInput);
  const unscored = results.filter((r) => !r.evidenceInInput);
  const share = (xs: CaseResult[], p: (r: CaseResult) => boolean) =>
    xs.length ? xs.filter(p).length / xs.length : 0;
  return {
    cases: results,
    scored: scored.length,
    top1: share(scored, (r) => r.top1),
    top3: share(scored, (r) => r.top3),
    wrongError: share(scored, (r) => r.wrongErrors.length > 0),
    unscored: unscored.length,
    unscoredWrongError: share(unscored, (r) => r.wrongErrors.length > 0),
    unscoredChecklistReaches: share(unscored, (r) => r.checklistReaches),
  };
}
