/**
 * The rule contract, ESLint-style: each rule is one file exporting `meta` (what it is about, as data) and a
 * pure `check(evidence, ctx)` that returns reports. The runner turns reports into findings, filling in what
 * `meta` already says, so a rule only writes what is specific to the paste in front of it.
 */
import { z } from 'zod';
import { StepIdSchema } from '../checklist/steps.js';
import type { DiagnosisContext } from '../diagnose/context.js';
import { CauseSchema, SeveritySchema } from '../diagnose/taxonomy.js';
import type { Evidence } from '../intake/evidence.js';

export const RuleMetaSchema = z.object({
  /** Kebab-case, stable: it appears in output, docs (`docs/rules/<id>.md`) and analytics. */
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  /** The cause this rule reports. */
  cause: CauseSchema,
  /** Other causes a report may name instead (signature catalogues map many messages to many causes). */
  otherCauses: z.array(CauseSchema).default([]),
  /** The severity of a report that does not say otherwise. */
  severity: SeveritySchema,
  title: z.string().min(1),
  /** What the rule looks for and why it matters: the opening of its docs page. */
  description: z.string().min(1),
  docs: z.array(z.url()).default([]),
  /** Checklist steps this rule's findings inform. */
  checklist: z.array(StepIdSchema).min(1),
});
export type RuleMeta = z.infer<typeof RuleMetaSchema>;
export type RuleMetaInput = z.input<typeof RuleMetaSchema>;

/** What a rule says about one thing it found. */
export const RuleReportSchema = z.object({
  /** Defaults to `meta.cause`; otherwise one of `meta.otherCauses`. */
  cause: CauseSchema.optional(),
  /** Defaults to `meta.severity`. */
  severity: SeveritySchema.optional(),
  /** 0–1: how sure the rule is that this is why the request failed. */
  confidence: z.number().min(0).max(1),
  /** Defaults to `meta.title`; set it when the paste allows a sharper one. */
  title: z.string().optional(),
  /** What was seen, in the user's terms (fingerprints, never raw secrets). */
  detail: z.string().min(1),
  /** Evidence pointers: `request.headers.authorization`, `response.headers.www-authenticate`, `prose[3]`. */
  evidence: z.array(z.string()).min(1),
  /** Steps specific to this paste: the user's own URL and header names, a placeholder for the secret. */
  fix: z.array(z.string()).min(1),
  /** Added to `meta.docs`. */
  docs: z.array(z.url()).optional(),
});
export type RuleReport = z.infer<typeof RuleReportSchema>;

export interface Rule {
  meta: RuleMeta;
  check(evidence: Evidence, ctx: DiagnosisContext): RuleReport[];
}

/** Declares a rule; `meta` is validated once, when the registry loads. */
export function defineRule(rule: {
  meta: RuleMetaInput;
  check(evidence: Evidence, ctx: DiagnosisContext): RuleReport[];
}): Rule {
  return { meta: RuleMetaSchema.parse(rule.meta), check: rule.check };
}
