/**
 * Triage: many pastes at once (an export of past tickets, one JSON object with a `text` field per line),
 * each diagnosed, with a histogram of causes. A bad line is reported as such and never stops the run.
 */
import { z } from 'zod';
import type { Clock } from '../diagnose/context.js';
import { parseClock } from '../diagnose/context.js';
import { diagnoseEvidence } from '../diagnose/diagnose.js';
import type { Diagnosis } from '../diagnose/finding.js';
import { CAUSES, type Cause } from '../diagnose/taxonomy.js';
import { intake } from '../intake/index.js';
import type { ProviderKnowledge } from '../providers/knowledge.js';

export const TriageLineSchema = z.looseObject({
  text: z.string(),
  id: z.union([z.string(), z.number()]).optional(),
  /** Optional per-line clock (`observed_at`, `created_at`, `now`): date or ISO instant. */
  now: z.string().optional(),
  observed_at: z.string().optional(),
  created_at: z.string().optional(),
});

export type TriageResult =
  | {
      line: number;
      id?: string;
      ok: true;
      /** The top finding's cause, or null when nothing was found. */
      cause: Cause | null;
      rule: string | null;
      severity: string | null;
      provider: string | null;
      findings: number;
      diagnosis: Diagnosis;
    }
  | { line: number; id?: string; ok: false; error: string };

export interface TriageSummary {
  lines: number;
  diagnosed: number;
  failed: number;
  /** Top cause per paste; `none` when no finding. */
  histogram: Record<Cause | 'none', number>;
  providers: Record<string, number>;
}

export function triageLine(
  raw: string,
  line: number,
  init: { knowledge: ProviderKnowledge; clock?: Clock; maxBytes?: number },
): TriageResult | undefined {
  if (raw.trim() === '') return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return { line, ok: false, error: 'not valid JSON' };
  }
  const parsed = TriageLineSchema.safeParse(json);
  if (!parsed.success) return { line, ok: false, error: 'expected an object with a string "text" field' };
  const { text, id } = parsed.data;
  const when = parsed.data.now ?? parsed.data.observed_at ?? parsed.data.created_at;
  const clock = (when && parseClock(when)) || init.clock;
  const evidence = intake(text, init.maxBytes ? { maxBytes: init.maxBytes } : {});
  const diagnosis = diagnoseEvidence(evidence, { knowledge: init.knowledge, ...(clock ? { clock } : {}) });
  const top = diagnosis.findings[0];
  return {
    line,
    ...(id === undefined ? {} : { id: String(id) }),
    ok: true,
    cause: top?.cause ?? null,
    rule: top?.rule ?? null,
    severity: top?.severity ?? null,
    provider: diagnosis.provider,
    findings: diagnosis.findings.length,
    diagnosis,
  };
}

export function summarize(results: readonly TriageResult[]): TriageSummary {
  const histogram = Object.fromEntries([...CAUSES, 'none'].map((c) => [c, 0])) as Record<
    Cause | 'none',
    number
  >;
  const providers: Record<string, number> = {};
  let diagnosed = 0;
  for (const r of results) {
    if (!r.ok) continue;
    diagnosed++;
    histogram[r.cause ?? 'none']++;
    const p = r.provider ?? 'unknown';
    providers[p] = (providers[p] ?? 0) + 1;
  }
  return { lines: results.length, diagnosed, failed: results.length - diagnosed, histogram, providers };
}
