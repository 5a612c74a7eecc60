/**
 * The order of the walk: steps the findings point at first (in the order of the findings that point at
 * them), then the steps the paste cannot tell about, in checklist order. Steps the evidence rules out are
 * skipped with their reason; contacting support always comes last. Steps the user already answered in this
 * conversation are not asked again.
 */
import { STEPS, type StepId } from '../checklist/steps.js';
import type { Answer, Attempt, PlanItem } from './state.js';

export interface Plan {
  plan: PlanItem[];
  skipped: { step: StepId; reason: string }[];
}

const LAST: StepId = 'contact-support';

export function planWalk(attempt: Attempt | undefined, answered: readonly Answer[] = []): Plan {
  const done = new Set(answered.filter((a) => a.answer !== 'shown').map((a) => a.step));
  const statuses = new Map(attempt?.checklist.map((s) => [s.step, s]) ?? []);
  const rank = (step: StepId): number => {
    const causes = STEPS.find((s) => s.id === step)?.causes ?? [];
    const index = (attempt?.findings ?? []).findIndex(
      (f) => f.severity !== 'info' && (causes as readonly string[]).includes(f.cause),
    );
    return index < 0 ? Number.MAX_SAFE_INTEGER : index;
  };
  const suspect: PlanItem[] = [];
  const unknown: PlanItem[] = [];
  const skipped: Plan['skipped'] = [];
  for (const step of STEPS) {
    if (step.id === LAST || done.has(step.id)) continue;
    const status = statuses.get(step.id);
    if (status?.status === 'ruled_out')
      skipped.push({ step: step.id, reason: status.reason ?? 'the paste shows it is fine' });
    else if (status?.status === 'suspect')
      suspect.push({ step: step.id, status: 'suspect', ...(status.reason ? { reason: status.reason } : {}) });
    else unknown.push({ step: step.id, status: 'unknown' });
  }
  // A stable sort keeps checklist order among steps that the same finding points at.
  suspect.sort((a, b) => rank(a.step) - rank(b.step));
  return { plan: [...suspect, ...unknown, { step: LAST, status: 'unknown' }], skipped };
}
