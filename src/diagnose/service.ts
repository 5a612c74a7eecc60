/**
 * The diagnoser a running process uses: provider knowledge (built-in plus `AUTHDOCTOR_PACKS`) loaded once at
 * start-up, the JWKS allowlist from config, and one call per paste. Adapters (CLI, chat, Slack, Discord)
 * all diagnose through this, so they answer alike.
 */
import type { Config } from '../config.js';
import type { Evidence } from '../intake/evidence.js';
import type { IntakeOptions } from '../intake/index.js';
import { outboundPolicy } from '../net/outbound.js';
import type { ProviderKnowledge } from '../providers/knowledge.js';
import { loadKnowledge } from '../providers/load.js';
import type { Clock, DiagnoseOptions } from './context.js';
import { examine } from './diagnose.js';
import type { Diagnosis } from './finding.js';

export interface Diagnoser {
  readonly knowledge: ProviderKnowledge;
  /** Intake reads this much of a paste; the rest is neither read nor scanned for secrets. */
  readonly maxInputBytes: number;
  /** Intake, the optional signature check, the rules. */
  diagnose(input: string | Uint8Array, init?: { clock?: Clock; intake?: IntakeOptions }): Promise<Diagnosis>;
  /** The same, with the evidence it was drawn from. */
  examine(
    input: string | Uint8Array,
    init?: { clock?: Clock; intake?: IntakeOptions },
  ): Promise<{ evidence: Evidence; diagnosis: Diagnosis }>;
}

export interface DiagnoserInit {
  options?: Partial<DiagnoseOptions>;
}

type DiagnoserConfig = Pick<
  Config,
  | 'AUTHDOCTOR_PACKS'
  | 'AUTHDOCTOR_JWKS_ISSUERS'
  | 'AUTHDOCTOR_JWKS_TIMEOUT_MS'
  | 'AUTHDOCTOR_MAX_INPUT_BYTES'
  | 'AUTHDOCTOR_OUTBOUND_ALLOW'
>;

export function createDiagnoser(config: DiagnoserConfig, init: DiagnoserInit = {}): Diagnoser {
  const knowledge = loadKnowledge(config);
  const issuers = config.AUTHDOCTOR_JWKS_ISSUERS;
  const outbound = outboundPolicy({ allow: config.AUTHDOCTOR_OUTBOUND_ALLOW });
  const examineOne: Diagnoser['examine'] = (input, call = {}) =>
    examine(input, {
      knowledge,
      intake: { maxBytes: config.AUTHDOCTOR_MAX_INPUT_BYTES, ...call.intake },
      signatureCheck: {
        issuers,
        timeoutMs: config.AUTHDOCTOR_JWKS_TIMEOUT_MS,
        outbound,
      },
      ...(call.clock ? { clock: call.clock } : {}),
      ...(init.options ? { options: init.options } : {}),
    });
  return {
    knowledge,
    maxInputBytes: config.AUTHDOCTOR_MAX_INPUT_BYTES,
    examine: examineOne,
    diagnose: async (input, call) => (await examineOne(input, call)).diagnosis,
  };
}
