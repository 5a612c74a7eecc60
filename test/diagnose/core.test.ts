/** The diagnosis machinery around the rules: the clock, ranking, a failing rule, and the checklist. */
import { describe, expect, it } from 'vitest';
import { parseClock } from '../../src/diagnose/context.js';
import { diagnoseEvidence } from '../../src/diagnose/diagnose.js';
import type { Cause, Severity } from '../../src/diagnose/taxonomy.js';
import { intake } from '../../src/intake/index.js';
import { defineRule } from '../../src/rules/types.js';

const probe = (id: string, severity: Severity, confidence: number, cause: Cause = 'other') =>
  defineRule({
    meta: { id, cause, severity, title: id, description: id, checklist: ['contact-support'] },
    check: () => [
      { confidence, detail: `${id} saw it`, evidence: ['exchanges[0].request.url'], fix: ['do it'] },
    ],
  });

describe('parseClock', () => {
  it('reads an instant exactly and a bare date as the whole day', () => {
    expect(parseClock('2026-01-15T12:00:00Z')).toEqual({
      now: Date.parse('2026-01-15T12:00:00Z'),
      uncertaintyMs: 0,
    });
    expect(parseClock('2019-09-15')).toEqual({
      now: Date.parse('2019-09-15T12:00:00Z'),
      uncertaintyMs: 43_200_000,
    });
    expect(parseClock('yesterday')).toBeUndefined();
    expect(parseClock('2019-13-45')).toBeUndefined();
  });
});

describe('diagnoseEvidence', () => {
  const evidence = intake('curl https://api.example.test/v1/me');

  it('ranks errors before warnings, then by confidence, and shortens pointers into exchange 0', () => {
    const d = diagnoseEvidence(evidence, {
      rules: [
        probe('low-info', 'info', 0.9, 'cached_response'),
        probe('warn', 'warning', 0.5, 'wrong_url_or_endpoint'),
        probe('err-low', 'error', 0.6),
        probe('err-high', 'error', 0.9),
      ],
    });
    expect(d.findings.map((f) => f.rule)).toEqual(['err-high', 'err-low', 'warn', 'low-info']);
    expect(d.findings[0]?.evidence).toEqual(['request.url']);
  });

  it('keeps answering when a rule throws, and says which rule was skipped', () => {
    const broken = defineRule({
      meta: {
        id: 'broken',
        cause: 'other',
        severity: 'error',
        title: 't',
        description: 'd',
        checklist: ['url'],
      },
      check: () => {
        throw new Error('boom');
      },
    });
    const d = diagnoseEvidence(evidence, { rules: [broken, probe('fine', 'warning', 0.5)] });
    expect(d.findings.map((f) => f.rule)).toEqual(['fine']);
    expect(d.notes.join('\n')).toContain('rule broken failed on this paste and was skipped (boom)');
  });

  it('marks checklist steps suspect from findings and explains what rules a step out', () => {
    const d = diagnoseEvidence(
      intake('curl -H "X-Api-Key: k8Zq2Lm4Np6Rs8Tv0Wx2Yz4Ab6Cd8Ef0" https://api.example.test/v1/me'),
      {
        rules: [probe('exp', 'error', 0.9, 'expired_token')],
      },
    );
    const step = (id: string) => d.checklist.find((s) => s.step === id);
    expect(step('token-expiry')?.status).toBe('suspect');
    expect(step('credentials-present')).toMatchObject({ status: 'ruled_out' });
    expect(step('dns')?.status).toBe('unknown');
    expect(d.checklist).toHaveLength(12);
  });
});

describe('ranking among causes the bot stands behind', () => {
  it('puts the cause a server trips over first ahead of later ones, whatever the confidence', () => {
    const evidence = intake('curl https://api.example.test/v1/me');
    const d = diagnoseEvidence(evidence, {
      rules: [
        probe('expired', 'error', 0.95, 'expired_token'),
        probe('no-scheme', 'error', 0.8, 'wrong_header_format'),
        probe('hint', 'warning', 0.99, 'missing_credentials'),
      ],
    });
    expect(d.findings.map((f) => f.rule)).toEqual(['no-scheme', 'expired', 'hint']);
  });
});

describe('repeats', () => {
  it('drops a weaker finding that repeats a stronger one about the same evidence, keeps other causes', () => {
    const evidence = intake('curl https://api.example.test/v1/me');
    const d = diagnoseEvidence(evidence, {
      rules: [
        probe('strong', 'error', 0.9, 'missing_credentials'),
        probe('echo', 'warning', 0.7, 'missing_credentials'),
        probe('other', 'warning', 0.6, 'wrong_url_or_endpoint'),
      ],
    });
    expect(d.findings.map((f) => f.rule)).toEqual(['strong', 'other']);
  });
});
