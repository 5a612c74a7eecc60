/**
 * Per paste, each checklist step is `suspect` (a finding points at it), `ruled_out` (the evidence shows it
 * is fine, with the reason) or `unknown` (the paste cannot tell; the walk will ask).
 */
import { z } from 'zod';
import type { DiagnosisContext } from '../diagnose/context.js';
import type { Finding } from '../diagnose/finding.js';
import type { Evidence } from '../intake/evidence.js';
import { STEPS, type StepId, StepIdSchema } from './steps.js';

export const StepStatusSchema = z.object({
  step: StepIdSchema,
  status: z.enum(['suspect', 'ruled_out', 'unknown']),
  /** Why: the finding that points here, or what rules it out. */
  reason: z.string().optional(),
});
export type StepStatus = z.infer<typeof StepStatusSchema>;

type RuledOut = (evidence: Evidence, ctx: DiagnosisContext) => string | undefined;

const RULED_OUT: Partial<Record<StepId, RuledOut>> = {
  'credentials-present': (_e, ctx) => {
    const real = ctx.facts.sentCredentials.filter((c) => c.secret && !c.placeholder);
    return real.length > 0 ? `a credential was sent (${real[0]!.display})` : undefined;
  },
  'token-expiry': (_e, ctx) => {
    const now = ctx.clock.now / 1000;
    const margin = ctx.clock.uncertaintyMs / 1000;
    const jwts = ctx.facts.sentCredentials.filter((c) => c.jwt?.claims);
    if (jwts.length === 0) return undefined;
    const fine = jwts.every((c) => {
      const claims = c.jwt!.claims!;
      const exp = typeof claims.exp === 'number' ? claims.exp : undefined;
      const nbf = typeof claims.nbf === 'number' ? claims.nbf : undefined;
      return exp !== undefined && exp > now + margin && (nbf === undefined || nbf < now - margin);
    });
    return fine ? 'the token sent is within its validity period' : undefined;
  },
  url: (_e, ctx) => {
    const request = ctx.facts.requests[0]?.request;
    if (!request?.url?.valid || !ctx.provider?.host) return undefined;
    return request.url.scheme === 'https'
      ? `https to ${request.url.host}, a known ${ctx.provider.pack.name} host`
      : undefined;
  },
};

export function assessChecklist(
  evidence: Evidence,
  ctx: DiagnosisContext,
  findings: readonly Finding[],
): StepStatus[] {
  return STEPS.map((step) => {
    const pointing = findings.find((f) => f.severity !== 'info' && step.causes.includes(f.cause));
    if (pointing) return { step: step.id, status: 'suspect', reason: pointing.title };
    const reason = RULED_OUT[step.id]?.(evidence, ctx);
    if (reason) return { step: step.id, status: 'ruled_out', reason };
    return { step: step.id, status: 'unknown' };
  });
}
