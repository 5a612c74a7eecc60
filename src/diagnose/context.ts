/**
 * What every rule gets besides the Evidence: the clock, the provider knowledge and the detected provider,
 * precomputed facts, tunables, and the results of the optional JWKS signature check (the only I/O in a
 * diagnosis, done before the rules so that the rules stay pure).
 */
import { z } from 'zod';
import type { Evidence } from '../intake/evidence.js';
import { detectProvider, type ProviderDetection } from '../providers/detect.js';
import type { ProviderKnowledge } from '../providers/knowledge.js';
import { computeFacts, type Facts } from './facts.js';

export const DiagnoseOptionsSchema = z.object({
  /** A token that expires within this many seconds gets a warning. */
  expiringSoonSeconds: z.number().int().nonnegative().default(300),
  /** Clock differences below this are normal and not reported as skew. */
  clockSkewToleranceSeconds: z.number().int().nonnegative().default(60),
});
export type DiagnoseOptions = z.infer<typeof DiagnoseOptionsSchema>;

/** The outcome of checking one JWT's signature against its issuer's JWKS. */
export const SignatureVerdictSchema = z.object({
  credential: z.string(),
  issuer: z.string(),
  outcome: z.enum([
    'valid',
    'bad_signature',
    'kid_not_found',
    'alg_not_allowed',
    'unreachable',
    'not_allowlisted',
  ]),
  detail: z.string(),
  kid: z.string().optional(),
  alg: z.string().optional(),
});
export type SignatureVerdict = z.infer<typeof SignatureVerdictSchema>;

export interface Clock {
  /** Milliseconds since the epoch. */
  now: number;
  /**
   * How far the real moment may be from `now`, in milliseconds: 0 for an exact instant, a day for a date
   * such as `--now 2019-09-15`. Time rules only claim what holds for every moment in the window.
   */
  uncertaintyMs: number;
}

export interface DiagnosisContext {
  clock: Clock;
  knowledge: ProviderKnowledge;
  provider: ProviderDetection | undefined;
  facts: Facts;
  options: DiagnoseOptions;
  signatures: readonly SignatureVerdict[];
}

export function createContext(
  evidence: Evidence,
  init: {
    clock: Clock;
    knowledge: ProviderKnowledge;
    options?: Partial<DiagnoseOptions>;
    signatures?: readonly SignatureVerdict[];
  },
): DiagnosisContext {
  const facts = computeFacts(evidence);
  return {
    clock: init.clock,
    knowledge: init.knowledge,
    provider: detectProvider(evidence, facts, init.knowledge),
    facts,
    options: DiagnoseOptionsSchema.parse(init.options ?? {}),
    signatures: init.signatures ?? [],
  };
}

/**
 * Reads `--now`: a full ISO timestamp is an instant; a bare date (`2019-09-15`) means "some time that day",
 * so the window spans the whole day.
 */
export function parseClock(text: string | undefined, fallback: Date = new Date()): Clock | undefined {
  if (text === undefined) return { now: fallback.getTime(), uncertaintyMs: 0 };
  const trimmed = text.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(trimmed)) {
    const start = Date.parse(`${trimmed}T00:00:00Z`);
    if (Number.isNaN(start)) return undefined;
    const half = 12 * 3600 * 1000;
    return { now: start + half, uncertaintyMs: half };
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(trimmed)) return undefined;
  const ms = Date.parse(trimmed);
  return Number.isNaN(ms) ? undefined : { now: ms, uncertaintyMs: 0 };
}
