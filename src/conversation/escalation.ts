/** The escalation packet: everything a human needs to take over, drawn from redacted state only. */
import { STEPS } from '../checklist/steps.js';
import type { EscalationPacket } from './effects.js';
import type { SessionState } from './state.js';

export function buildPacket(
  state: SessionState,
  reason: EscalationPacket['reason'],
  at: number,
): EscalationPacket {
  const latest = state.attempts.at(-1);
  const top = latest?.findings.find((f) => f.severity === 'error') ?? latest?.findings[0];
  const plan = new Map(state.walk?.plan.map((p) => [p.step, p]) ?? []);
  const latestStatus = new Map(latest?.checklist.map((s) => [s.step, s]) ?? []);
  const steps = STEPS.map((step) => {
    const answers = state.answers.filter((a) => a.step === step.id).map((a) => a.answer);
    const planned = plan.get(step.id);
    const assessed = latestStatus.get(step.id);
    const status = planned?.status ?? assessed?.status ?? 'unknown';
    const reason = planned?.reason ?? assessed?.reason;
    return { step: step.id, title: step.title, status, ...(reason ? { reason } : {}), answers };
  });
  const host = latest?.guide.request?.host;
  const headline = `${top ? top.title : 'No certain cause found'}${host ? ` (${host})` : ''}`;
  return {
    id: `esc-${state.session}-${state.turn}`,
    session: state.session,
    user: state.user,
    reason,
    at,
    provider: latest?.provider ?? null,
    headline,
    findings: latest?.findings ?? [],
    attempts: state.attempts,
    steps,
    timings: {
      startedAt: state.createdAt,
      ...(state.firstReplyAt !== undefined ? { firstReplyAt: state.firstReplyAt } : {}),
      escalatedAt: at,
      durationMs: at - state.createdAt,
    },
  };
}
