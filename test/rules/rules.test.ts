/**
 * One table test per rule: every registered rule has a cases file; each invalid case makes the rule fire
 * with the expected cause, severity, evidence pointer and wording; each valid case keeps it silent. No
 * finding ever carries a raw secret from the paste.
 */
import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { type RuleCases, runRule } from '../support/rule-cases.js';

const dir = new URL('./cases/', import.meta.url);
const files = readdirSync(dir).filter((f) => f.endsWith('.ts'));
const loaded: RuleCases[] = await Promise.all(
  files.map(async (f) => (await import(new URL(f, dir).href)).default as RuleCases),
);
const byRule = new Map(loaded.map((c) => [c.rule.meta.id, c]));

describe('rule registry', () => {
  it('gives every rule a table of cases that must and must not fire', () => {
    const missing = RULES.filter((r) => {
      const c = byRule.get(r.meta.id);
      return !c || c.invalid.length === 0 || c.valid.length === 0;
    }).map((r) => r.meta.id);
    expect(missing).toEqual([]);
  });

  it('has unique rule ids', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('registers every rule that has cases', () => {
    const registered = new Set(RULES.map((r) => r.meta.id));
    expect([...byRule.keys()].filter((id) => !registered.has(id))).toEqual([]);
  });
});

for (const cases of loaded) {
  const { rule } = cases;
  describe(`rule ${rule.meta.id}`, () => {
    for (const c of cases.invalid) {
      it(`fires: ${c.name}`, () => {
        const { findings, secrets } = runRule(rule, c);
        expect(findings.length, 'the rule should fire').toBeGreaterThan(0);
        const f = findings[0]!;
        if (c.expect.cause) expect(f.cause).toBe(c.expect.cause);
        if (c.expect.severity) expect(f.severity).toBe(c.expect.severity);
        if (c.expect.evidence) expect(f.evidence).toContain(c.expect.evidence);
        if (c.expect.minConfidence !== undefined)
          expect(f.confidence).toBeGreaterThanOrEqual(c.expect.minConfidence);
        for (const d of c.expect.detail ?? []) expect(f.detail).toMatch(d);
        for (const d of c.expect.fix ?? []) expect(f.fix.join('\n')).toMatch(d);
        const printed = JSON.stringify(findings);
        for (const s of secrets) expect(printed).not.toContain(s);
      });
    }
    for (const c of cases.valid) {
      it(`stays silent: ${c.name}`, () => {
        const { findings } = runRule(rule, c);
        expect(findings.map((f) => `${f.cause}: ${f.detail}`)).toEqual([]);
      });
    }
  });
}
