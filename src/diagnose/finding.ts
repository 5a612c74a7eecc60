/**
 * Findings and the diagnosis: the `diagnose --json` contract from DESIGN.md, as zod schemas.
 */
import { z } from 'zod';
import { StepStatusSchema } from '../checklist/assess.js';
import { KindSchema } from '../intake/kinds.js';
import { CauseSchema, SeveritySchema } from './taxonomy.js';

export const FindingSchema = z.object({
  rule: z.string(),
  cause: CauseSchema,
  severity: SeveritySchema,
  confidence: z.number().min(0).max(1),
  title: z.string(),
  detail: z.string(),
  evidence: z.array(z.string()),
  fix: z.array(z.string()),
  docs: z.array(z.string()),
});
export type Finding = z.infer<typeof FindingSchema>;

export const DiagnosisSchema = z.object({
  kinds: z.array(KindSchema),
  /** The detected provider's pack id, or null. */
  provider: z.string().nullable(),
  findings: z.array(FindingSchema),
  checklist: z.array(StepStatusSchema),
  notes: z.array(z.string()),
  redactions: z.number().int().nonnegative(),
});
export type Diagnosis = z.infer<typeof DiagnosisSchema>;
