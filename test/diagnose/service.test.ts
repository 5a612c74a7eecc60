/** The diagnoser a running bot uses, with the example user pack from examples/packs/ loaded through config. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createDiagnoser } from '../../src/diagnose/service.js';
import { runCliWith } from '../support/cli.js';

const PACKS = path.resolve(import.meta.dirname, '..', '..', 'examples', 'packs');
const clock = { now: Date.parse('2026-01-15T12:00:00Z'), uncertaintyMs: 0 };
const liveKey = `acme_live_${'k3v9q2m7x1z8w4r6t0y5u2i9o3p7a1s6'}`;
const testKey = `acme_test_${'b8n2m5k7j3h9g1f4d6s0a2q8w5e7r3t1'}`;

describe('a user pack from AUTHDOCTOR_PACKS', () => {
  const diagnoser = createDiagnoser(loadConfig({ AUTHDOCTOR_PACKS: PACKS }));

  it('names the API, reads its error codes and cites its docs', async () => {
    const d = await diagnoser.diagnose(
      `curl -H "Authorization: Bearer ${liveKey}" https://api.acme-rockets.example/v2/rockets
HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"error": {"type": "authentication_error", "code": "key_revoked", "message": "This API key was revoked."}}`,
      { clock },
    );
    expect(d.provider).toBe('acme-rockets');
    const top = d.findings[0]!;
    expect(top).toMatchObject({ cause: 'invalid_credentials', severity: 'error' });
    expect(top.docs.join(' ')).toContain('docs.acme-rockets.example');
    expect(JSON.stringify(d)).not.toContain(liveKey);
  });

  it("knows the API's own key shapes: a test key sent to the production host", async () => {
    const d = await diagnoser.diagnose(
      `curl -H "Authorization: Bearer ${testKey}" https://api.acme-rockets.example/v2/rockets\n< HTTP/1.1 401 Unauthorized`,
      {
        clock,
      },
    );
    expect(d.provider).toBe('acme-rockets');
    expect(d.findings.map((f) => f.cause)).toContain('wrong_environment');
    expect(JSON.stringify(d)).not.toContain(testKey);
  });

  it('stops the CLI with every problem of a bad pack folder named at once', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'authdoctor-packs-'));
    try {
      writeFileSync(path.join(dir, 'broken.yaml'), 'id: Broken Pack\nname: x\nauth: []\ndocs: []\n');
      const run = await runCliWith(['diagnose', '-', '--json'], {
        stdin: 'curl https://x.example',
        env: { AUTHDOCTOR_PACKS: dir },
      });
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('broken.yaml');
      expect(run.stderr).toMatch(/id:/);
      expect(run.stderr).toMatch(/auth:/);
      expect(run.stderr).toMatch(/docs:/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
