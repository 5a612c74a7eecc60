import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCliWith } from './support/cli.js';

const dir = mkdtempSync(path.join(tmpdir(), 'authdoctor-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const token = `ghp_${'Zq8'.repeat(12)}`;
const paste = `curl -H "Authorization: token ${token}" https://api.github.com/user\n< HTTP/2 401\n`;

describe('authdoctor parse', () => {
  it('prints the evidence as JSON from a file, with the token fingerprinted', async () => {
    const file = path.join(dir, 'paste.txt');
    writeFileSync(file, paste);
    const run = await runCliWith(['parse', file, '--json']);
    expect(run.code).toBe(0);
    const evidence = JSON.parse(run.stdout);
    expect(evidence.kinds).toContain('curl');
    expect(evidence.exchanges[0].request.url.host).toBe('api.github.com');
    expect(evidence.credentials[0].display).toMatch(/^ghp_….{4} \(40 chars\)$/);
    expect(run.stdout).not.toContain(token);
  });

  it('reads stdin with - and prints a readable summary', async () => {
    const run = await runCliWith(['parse', '-'], { stdin: paste });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('GET https://api.github.com/user');
    expect(run.stdout).toContain('1 secret value was replaced by fingerprints.');
    expect(run.stdout).not.toContain(token);
  });

  it('reads only up to the configured cap and says so', async () => {
    const file = path.join(dir, 'big.txt');
    writeFileSync(file, `${paste}\n${'x'.repeat(3 * 1024 * 1024)}`);
    const run = await runCliWith(['parse', file, '--json'], { env: { AUTHDOCTOR_MAX_INPUT_BYTES: '65536' } });
    expect(run.code).toBe(0);
    const evidence = JSON.parse(run.stdout);
    expect(evidence.input.truncated).toBe(true);
    expect(evidence.notes.map((n: { code: string }) => n.code)).toContain('input.too_large');
    expect(evidence.notes.find((n: { code: string }) => n.code === 'input.too_large').message).toContain(
      '3.0 MB',
    );
  });

  it('answers empty input with what to paste', async () => {
    const run = await runCliWith(['parse'], { stdin: '' });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Paste the failing curl command');
  });

  it.each([
    [['parse', 'a', 'b'], 'parse takes one FILE'],
    [['frobnicate'], 'unknown command "frobnicate"'],
    [['parse', '--nope'], "Unknown option '--nope'"],
  ])('exits 2 on a usage error: %j', async (argv, message) => {
    const run = await runCliWith(argv);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(run.stderr).toContain('authdoctor help');
  });

  it('exits 1 with a clear message for a missing file', async () => {
    const run = await runCliWith(['parse', path.join(dir, 'missing.txt')]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('No such file');
  });

  it('refuses to start with an invalid configuration and names every bad variable', async () => {
    const run = await runCliWith(['serve'], { env: { PORT: 'x', LOG_LEVEL: 'loud' } });
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('PORT:');
    expect(run.stderr).toContain('LOG_LEVEL:');
  });
});

describe('authdoctor chat without a terminal', () => {
  it('answers one piped paste and exits', async () => {
    const run = await runCliWith(['chat'], { stdin: paste });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('GitHub REST API');
    expect(run.stdout).toContain('walk through the rest of the 401 checklist');
    expect(run.stdout).not.toContain(token);
  });

  it('is what serve opens when no platform is configured', async () => {
    const run = await runCliWith(['serve'], { stdin: paste });
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Read: curl command');
  });
});

describe('the authdoctor binary', () => {
  it('runs as a real process', () => {
    const bin = path.resolve(import.meta.dirname, '..', 'bin', 'authdoctor.js');
    const result = spawnSync(process.execPath, [bin, 'parse', '--json'], { input: paste, encoding: 'utf8' });
    expect(result.status).toBe(0);
    expect(JSON.parse(result.stdout).kinds).toContain('curl');
    expect(result.stdout).not.toContain(token);
  });
});
