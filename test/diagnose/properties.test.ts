/**
 * The whole diagnosis on random and mutated real pastes: it never throws, no rule fails (a failing rule is
 * swallowed into a note, so the test looks for that note), the output keeps its schema, and no credential that
 * intake found in the paste reaches the findings, the checklist, the notes or the terminal rendering.
 */
import { readdirSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PLAIN, renderDiagnosis } from '../../adapters/cli/render.js';
import { diagnoseEvidence } from '../../src/diagnose/diagnose.js';
import { DiagnosisSchema } from '../../src/diagnose/finding.js';
import { intake } from '../../src/intake/index.js';
import { PIECES, pasteArb } from '../support/paste-arbitraries.js';
import type { RuleCases } from '../support/rule-cases.js';

const clock = { now: Date.parse('2026-01-15T12:00:00Z'), uncertaintyMs: 0 };

function expectSound(text: string): void {
  const evidence = intake(text);
  const diagnosis = diagnoseEvidence(evidence, { clock });
  expect(DiagnosisSchema.safeParse(diagnosis).success).toBe(true);
  expect(diagnosis.notes.filter((n) => n.includes('failed on this paste'))).toEqual([]);
  const printed = `${JSON.stringify(diagnosis)}\n${renderDiagnosis(diagnosis, PLAIN).join('\n')}`;
  for (const credential of evidence.credentials) {
    const raw = credential.secret?.reveal();
    // A bare word (`Authorization:` read as a parameter value in a garbled paste) is also ordinary prose.
    if (raw && raw.length >= 8 && !/^[A-Za-z_-]+:?$/.test(raw)) expect(printed).not.toContain(raw);
  }
}

const dir = new URL('../rules/cases/', import.meta.url);
const cases: RuleCases[] = await Promise.all(
  readdirSync(dir)
    .filter((f) => f.endsWith('.ts'))
    .map(async (f) => (await import(new URL(f, dir).href)).default as RuleCases),
);
const realPastes = cases.flatMap((c) => [...c.invalid, ...c.valid].map((x) => x.paste));

/** A real paste cut, spliced, doubled or salted with pieces of other pastes. */
const mutatedArb = fc
  .tuple(
    fc.constantFrom(...realPastes),
    fc.constantFrom(...realPastes),
    fc.nat(),
    fc.nat(),
    fc.constantFrom('cut', 'splice', 'double', 'salt', 'truncate'),
    fc.constantFrom(...PIECES),
  )
  .map(([a, b, i, j, how, piece]) => {
    const x = i % (a.length + 1);
    const y = j % (b.length + 1);
    switch (how) {
      case 'cut':
        return a.slice(0, x) + a.slice(Math.min(a.length, x + (j % 40)));
      case 'splice':
        return a.slice(0, x) + b.slice(y);
      case 'double':
        return `${a}\n${a}`;
      case 'salt':
        return a.slice(0, x) + piece + a.slice(x);
      default:
        return a.slice(0, x);
    }
  });

describe('diagnose never breaks and never leaks', () => {
  it(`on every rule case as written (${realPastes.length} pastes)`, () => {
    for (const paste of realPastes) expectSound(paste);
  });

  it('on mutated real pastes', () => {
    fc.assert(fc.property(mutatedArb, expectSound), { numRuns: 1500 });
  });

  it('on random combinations of paste pieces', () => {
    fc.assert(fc.property(pasteArb, expectSound), { numRuns: 800 });
  });

  it('on random binary strings', () => {
    fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 400 }), expectSound), { numRuns: 300 });
  });
});
