/** `authdoctor diagnose` and `authdoctor triage` as a user runs them: the DESIGN.md JSON contract, the
 * terminal form, exit codes, bad input, and no secret in any output. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { DiagnosisSchema } from '../src/diagnose/finding.js';
import { runCliWith } from './support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'authdoctor-diagnose-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const b64url = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
const signature = 'Qm9ndXNTaWduYXR1cmVGb3JUZXN0c09ubHlfXzEyMzQ1Njc4OTA'.repeat(8);
const jwt = (claims: object) => `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url(claims)}.${signature}`;
const expired = jwt({ sub: 'u1', iat: 1_768_470_000, exp: 1_768_473_600 }); // 2026-01-15 09:40 → 10:40 UTC
const bareJwtPaste = `curl -H "Authorization: ${expired}" https://api.example.test/v1/me\n< HTTP/1.1 401 Unauthorized\n`;

describe('authdoctor diagnose --json', () => {
  it('prints one object in the DESIGN.md shape, most likely cause first', async () => {
    const file = path.join(dir, 'bare.txt');
    writeFileSync(file, bareJwtPaste);
    const run = await runCliWith(['diagnose', file, '--json', '--now', '2026-01-15T12:00:00Z']);
    expect(run.code).toBe(0);
    const d = DiagnosisSchema.parse(JSON.parse(run.stdout));
    expect(Object.keys(d).sort()).toEqual([
      'checklist',
      'findings',
      'kinds',
      'notes',
      'provider',
      'redactions',
    ]);
    expect(d.kinds).toContain('curl');
    expect(d.findings[0]?.rule).toBe('authorization-scheme-missing');
    expect(d.findings[0]?.evidence).toContain('request.headers.authorization');
    expect(d.checklist.find((s) => s.step === 'header-format')?.status).toBe('suspect');
    expect(d.redactions).toBe(1);
    expect(run.stdout).not.toContain(signature);
  });

  it('reads stdin with - and judges expiry against --now', async () => {
    const run = await runCliWith(['diagnose', '-', '--json', '--now', '2026-01-15T12:00:00Z'], {
      stdin: bareJwtPaste,
    });
    const d = DiagnosisSchema.parse(JSON.parse(run.stdout));
    expect(d.findings.map((f) => f.cause)).toContain('expired_token');
    const earlier = await runCliWith(['diagnose', '-', '--json', '--now', '2026-01-15T10:00:00Z'], {
      stdin: bareJwtPaste,
    });
    expect(DiagnosisSchema.parse(JSON.parse(earlier.stdout)).findings.map((f) => f.cause)).not.toContain(
      'expired_token',
    );
  });

  it('rejects a --now that is not a date, with exit status 2 and what to write instead', async () => {
    const run = await runCliWith(['diagnose', '-', '--now', 'yesterday'], { stdin: bareJwtPaste });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--now must be an ISO-8601 date or time');
  });

  it('answers empty, binary and huge input without crashing', async () => {
    const empty = await runCliWith(['diagnose', '-', '--json'], { stdin: '' });
    expect(empty.code).toBe(0);
    expect(DiagnosisSchema.parse(JSON.parse(empty.stdout)).notes.join(' ')).toMatch(/paste/i);
    const binary = await runCliWith(['diagnose', '-', '--json'], {
      stdin: Buffer.from([0, 255, 1, 2, 0xc3, 0x28, 0, 0]),
    });
    expect(binary.code).toBe(0);
    DiagnosisSchema.parse(JSON.parse(binary.stdout));
    const huge = await runCliWith(['diagnose', '-', '--json'], {
      stdin: `${bareJwtPaste}${'Authorization: Bearer '.repeat(200_000)}`,
      env: { AUTHDOCTOR_MAX_INPUT_BYTES: '1048576' },
    });
    expect(huge.code).toBe(0);
    expect(DiagnosisSchema.parse(JSON.parse(huge.stdout)).notes.join(' ')).toMatch(/I read the first/);
  });

  it('says what it could not tell rather than inventing a cause', async () => {
    const run = await runCliWith(['diagnose', '-', '--json'], { stdin: 'HTTP/1.1 401 Unauthorized\n\n' });
    const d = DiagnosisSchema.parse(JSON.parse(run.stdout));
    expect(d.findings.filter((f) => f.severity === 'error')).toEqual([]);
    expect(d.notes.join(' ')).toMatch(/could not tell|No cause is certain/);
  });
});

describe('authdoctor diagnose (terminal)', () => {
  it('prints findings, the checklist and the fix, without colours when not a TTY', async () => {
    const run = await runCliWith(['diagnose', '-', '--now', '2026-01-15T12:00:00Z'], { stdin: bareJwtPaste });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('The Authorization header has no scheme');
    expect(run.stdout).toContain('Checklist');
    expect(run.stdout).toContain('Authorization: Bearer <YOUR_TOKEN>');
    expect(run.stdout).not.toContain('\x1b[');
    expect(run.stdout).not.toContain(signature);
  });

  it('uses colours on a TTY unless NO_COLOR is set', async () => {
    const tty = await runCliWith(['diagnose', '-'], { stdin: bareJwtPaste, stdoutTty: true });
    expect(tty.stdout).toContain('\x1b[');
    const noColor = await runCliWith(['diagnose', '-'], {
      stdin: bareJwtPaste,
      stdoutTty: true,
      env: { NO_COLOR: '1' },
    });
    expect(noColor.stdout).not.toContain('\x1b[');
  });
});

describe('authdoctor triage', () => {
  it('diagnoses every line, skips bad ones with a reason, and prints a histogram of causes', async () => {
    const file = path.join(dir, 'tickets.jsonl');
    const lines = [
      JSON.stringify({ id: 'T-1', text: bareJwtPaste, now: '2026-01-15T12:00:00Z' }),
      'not json',
      JSON.stringify({
        id: 'T-2',
        text: "curl -H 'Authorization: Bearer $API_TOKEN' https://api.example.test/v1/me",
      }),
      JSON.stringify({ nottext: 1 }),
      '',
      JSON.stringify({ id: 'T-3', text: 'HTTP/1.1 401 Unauthorized' }),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);
    const run = await runCliWith(['triage', file]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/1 \(T-1\)\s+wrong_header_format/);
    expect(run.stdout).toMatch(/2\s+skipped: not valid JSON/);
    expect(run.stdout).toMatch(/3 \(T-2\)\s+placeholder_or_unexpanded/);
    expect(run.stdout).toMatch(/4\s+skipped: expected an object/);
    expect(run.stdout).toContain('Causes over 3 pastes (2 lines skipped)');
    expect(run.stdout).not.toContain(signature);

    const json = await runCliWith(['triage', file, '--json']);
    const report = JSON.parse(json.stdout);
    expect(report.summary.diagnosed).toBe(3);
    expect(report.summary.histogram.wrong_header_format).toBe(1);
    expect(json.stdout).not.toContain(signature);
  });

  it('needs a file', async () => {
    const run = await runCliWith(['triage']);
    expect(run.code).toBe(2);
    const missing = await runCliWith(['triage', path.join(dir, 'nope.jsonl')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('Cannot read');
  });
});
