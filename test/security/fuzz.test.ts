/**
 * The fuzz harness of `npm run fuzz` (test/support/fuzz/) on 2,000 inputs with a fixed seed: random and
 * mutated real pastes through intake, the diagnoser, prepareMessage and the reducer over a short
 * conversation. Nothing may throw, every state must be valid, and no raw credential intake found may come
 * back out. Timing is the script's business (docs/fuzzing.md); this test only checks the invariants.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { PASTES } from '../support/conversation.js';
import { checksummedToken } from '../support/credential-fakes.js';
import { loadCorpus } from '../support/fuzz/corpus.js';
import { generateInput } from '../support/fuzz/generate.js';
import { checkInvariants, createFuzzContext, runInput, runPipeline } from '../support/fuzz/harness.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const SEED = 20_260_115;
const RUNS = 2_000;

describe('fuzzing intake, diagnosis and the conversation engine', () => {
  it(`survives ${RUNS} random and mutated pastes (seed ${SEED}) with every invariant holding`, async () => {
    const corpus = loadCorpus(repoRoot);
    expect(corpus.pastes.length).toBeGreaterThan(100);
    const ctx = createFuzzContext();
    const failures: string[] = [];
    const kinds = new Set<string>();
    let secrets = 0;
    for (let index = 0; index < RUNS; index++) {
      const input = generateInput(SEED, index, corpus);
      kinds.add(input.kind.split(':')[0]!);
      const outcome = await runInput(ctx, input);
      secrets += outcome.secrets;
      // The index is enough to reproduce: `npm run fuzz -- --seed SEED --input INDEX`.
      for (const p of outcome.problems) failures.push(`input ${index} (${input.kind}): ${p.split('\n')[0]}`);
    }
    expect(failures).toEqual([]);
    // The leak invariant had something to look for.
    expect(secrets).toBeGreaterThan(100);
    // Every generator ran, so a change that stops one from producing inputs does not pass unnoticed.
    expect([...kinds].sort()).toEqual(
      expect.arrayContaining([
        'arb-paste',
        'credential',
        'jwt',
        'long-line',
        'mutated',
        'nesting',
        'raw',
        'unicode',
        'unterminated',
      ]),
    );
  }, 300_000);

  it('reports a raw credential that reaches a reply (the leak invariant is not vacuous)', async () => {
    const ctx = createFuzzContext();
    const token = checksummedToken('ghp_');
    const trace = await runPipeline(ctx, { index: 1, kind: 'test', text: PASTES.githubRejected(token) });
    expect(checkInvariants(trace)).toEqual({ problems: [], secrets: 1 });
    trace.results[0]!.replies.push({
      visibility: 'public',
      summary: 'echo',
      parts: [{ type: 'text', tone: 'plain', text: `your token ${token}` }],
    });
    expect(checkInvariants(trace).problems).toEqual(['a raw credential (40 chars) reached the output']);
  });

  // Found by the fuzzer: the header credential is read with its whitespace collapsed, so the header value,
  // which keeps the line break, was not scrubbed past the first half of the token.
  it('hides every piece of a token wrapped onto two lines or split by spaces', async () => {
    const ctx = createFuzzContext();
    const token = checksummedToken('ghp_');
    const [head, tail] = [token.slice(0, 20), token.slice(20)];
    for (const gap of ['\n', '  ', '\t']) {
      const text = `curl -i -H "Authorization: Bearer ${head}${gap}${tail}" https://api.github.com/user\nHTTP/2 401`;
      const trace = await runPipeline(ctx, { index: 1, kind: 'test', text });
      const out = JSON.stringify([trace.events, trace.results, trace.evidence]);
      expect(out).not.toContain(head);
      expect(out).not.toContain(tail);
    }
  });

  it('gives the same input for the same seed and index, whatever ran before', () => {
    const corpus = loadCorpus(repoRoot);
    const late = generateInput(SEED, 1234, corpus);
    for (let i = 0; i < 50; i++) generateInput(SEED, i, corpus);
    expect(generateInput(SEED, 1234, corpus)).toEqual(late);
    expect(generateInput(SEED + 1, 1234, corpus).text).not.toEqual(late.text);
  });
});
