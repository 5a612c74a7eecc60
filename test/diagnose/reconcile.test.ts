/** Symptom findings give way to the finding that explains them; unrelated findings are left alone. */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/diagnose/finding.js';
import { reconcile } from '../../src/diagnose/reconcile.js';
import type { Cause, Severity } from '../../src/diagnose/taxonomy.js';

const f = (rule: string, cause: Cause, severity: Severity = 'error'): Finding => ({
  rule,
  cause,
  severity,
  confidence: 0.9,
  title: `${rule} title`,
  detail: `${rule} detail.`,
  evidence: ['request'],
  fix: ['x'],
  docs: [],
});

const severities = (findings: Finding[]) => Object.fromEntries(findings.map((x) => [x.rule, x.severity]));

describe('reconcile', () => {
  it.each([
    [
      'a dropped header explains "no credential" on the next hop and the http URL that redirected',
      [
        f('redirect-dropped-credentials', 'credentials_dropped_in_transit'),
        f('no-credentials', 'missing_credentials'),
        f('http-not-https', 'wrong_url_or_endpoint'),
      ],
      { 'redirect-dropped-credentials': 'error', 'no-credentials': 'warning', 'http-not-https': 'warning' },
    ],
    [
      "a header the server does not read explains the server's invalid-key answer",
      [f('wrong-header-name', 'wrong_header_format'), f('provider-error', 'invalid_credentials')],
      { 'wrong-header-name': 'error', 'provider-error': 'warning' },
    ],
    [
      'a server that judged the token expired did read it, so a bare token was not what stopped it',
      [f('authorization-scheme-missing', 'wrong_header_format'), f('library-error', 'expired_token')],
      { 'authorization-scheme-missing': 'warning', 'library-error': 'error' },
    ],
    [
      "a key from the other environment explains the server's invalid-key answer",
      [f('environment-mismatch', 'wrong_environment'), f('provider-error', 'invalid_credentials')],
      { 'environment-mismatch': 'error', 'provider-error': 'warning' },
    ],
    [
      'two causes found in the request itself both stand',
      [f('authorization-scheme-missing', 'wrong_header_format'), f('jwt-expired', 'expired_token')],
      { 'authorization-scheme-missing': 'error', 'jwt-expired': 'error' },
    ],
    [
      'a warning explains nothing',
      [
        f('redirect-dropped-credentials', 'credentials_dropped_in_transit', 'warning'),
        f('no-credentials', 'missing_credentials'),
      ],
      { 'redirect-dropped-credentials': 'warning', 'no-credentials': 'error' },
    ],
  ])('%s', (_name, findings, expected) => {
    const out = reconcile(findings);
    expect(severities(out)).toEqual(expected);
    for (const x of out)
      if (x.severity !== findings.find((y) => y.rule === x.rule)?.severity)
        expect(x.detail).toContain('consequence of another finding');
  });
});
