/**
 * A diagnosis: intake → provider detection → rules → ranking → checklist. `diagnoseEvidence` is pure and
 * synchronous (what the bench measures); `diagnose` adds intake and, when issuers are allowlisted, the JWKS
 * signature check before the rules run.
 */
import { assessChecklist } from '../checklist/assess.js';
import type { Evidence } from '../intake/evidence.js';
import { type IntakeOptions, intake } from '../intake/index.js';
import { checkSignatures, type SignatureCheckOptions } from '../providers/jwks.js';
import { builtinKnowledge, type ProviderKnowledge } from '../providers/knowledge.js';
import { applyPackFormats, packTextFormats } from '../providers/pack-formats.js';
import { RULES } from '../rules/index.js';
import { runRules } from '../rules/run.js';
import type { Rule } from '../rules/types.js';
import { type Clock, createContext, type DiagnoseOptions, type SignatureVerdict } from './context.js';
import type { Diagnosis, Finding } from './finding.js';

export interface DiagnoseEvidenceInit {
  clock?: Clock;
  knowledge?: ProviderKnowledge;
  rules?: readonly Rule[];
  options?: Partial<DiagnoseOptions>;
  signatures?: readonly SignatureVerdict[];
}

export function diagnoseEvidence(read: Evidence, init: DiagnoseEvidenceInit = {}): Diagnosis {
  const knowledge = init.knowledge ?? builtinKnowledge();
  // User packs may name credential shapes intake does not know; name them before anything looks.
  const evidence = applyPackFormats(read, knowledge);
  const ctx = createContext(evidence, {
    clock: init.clock ?? { now: Date.now(), uncertaintyMs: 0 },
    knowledge,
    ...(init.options ? { options: init.options } : {}),
    ...(init.signatures ? { signatures: init.signatures } : {}),
  });
  const { findings, failures } = runRules(init.rules ?? RULES, evidence, ctx);
  const notes = evidence.notes.map((n) => (n.line ? `line ${n.line}: ${n.message}` : n.message));
  for (const failure of failures)
    notes.push(`rule ${failure.rule} failed on this paste and was skipped (${failure.message})`);
  notes.push(...uncertainty(evidence, findings, ctx.facts.saw401));
  return {
    kinds: evidence.kinds,
    provider: ctx.provider?.pack.id ?? null,
    findings,
    checklist: assessChecklist(evidence, ctx, findings),
    notes,
    redactions: evidence.redactions,
  };
}

export interface DiagnoseInit extends DiagnoseEvidenceInit {
  intake?: IntakeOptions;
  /** JWKS signature checking; skipped when no issuer is allowlisted. */
  signatureCheck?: SignatureCheckOptions;
}

export async function diagnose(input: string | Uint8Array, init: DiagnoseInit = {}): Promise<Diagnosis> {
  return (await examine(input, init)).diagnosis;
}

/** The diagnosis and the evidence it was drawn from (the conversation keeps both, redacted). */
export async function examine(
  input: string | Uint8Array,
  init: DiagnoseInit = {},
): Promise<{ evidence: Evidence; diagnosis: Diagnosis }> {
  // Pack formats with a prefix are credentials in free text too: intake must know them to hide them.
  const textFormats = packTextFormats(init.knowledge ?? builtinKnowledge());
  const evidence = intake(input, { ...init.intake, textFormats });
  const signatures =
    init.signatureCheck && init.signatureCheck.issuers.length > 0
      ? await checkSignatures(evidence, init.signatureCheck)
      : [];
  const diagnosis = diagnoseEvidence(evidence, {
    ...init,
    signatures: [...(init.signatures ?? []), ...signatures],
  });
  return { evidence, diagnosis };
}

/** Says what the paste could not show, instead of letting silence read as "nothing is wrong". */
function uncertainty(evidence: Evidence, findings: readonly Finding[], saw401: boolean): string[] {
  const notes: string[] = [];
  if (evidence.input.bytes === 0 || evidence.kinds.length === 0) {
    notes.push(
      'Nothing to diagnose: paste the failing curl command (devtools "Copy as cURL"), its `curl -v` output, or the error log.',
    );
    return notes;
  }
  if (!findings.some((f) => f.severity === 'error')) {
    const missing: string[] = [];
    if (!evidence.exchanges.some((x) => x.request))
      missing.push('the request (the curl command or code that sends it)');
    if (!evidence.exchanges.some((x) => x.response) && evidence.errorBodies.length === 0)
      missing.push("the server's response (status, headers and body, e.g. from `curl -v`)");
    notes.push(
      findings.length === 0
        ? `authdoctor could not tell the cause from this paste alone${saw401 ? ' of the 401' : ''}.${missing.length ? ` It would help to see ${missing.join(' and ')}.` : ''} The checklist below shows what is left to check.`
        : `No cause is certain from this paste; the findings are leads, most likely first.${missing.length ? ` It would help to see ${missing.join(' and ')}.` : ''}`,
    );
  }
  return notes;
}
