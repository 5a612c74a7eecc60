/**
 * Every regular expression intake, the rules, secrets, providers, typed intents and the diagnoser can run is
 * linear-time. Regex literals and `RegExp(…)` call sites are found with the TypeScript compiler; the regexes
 * call sites build (from pack data, format tables, escaped literals) are recorded while that code runs on
 * real pastes. Each regex is checked by scslre (super-linear backtracking, and the quadratic "move" case of an
 * unanchored pattern tried at every position), then fed adversarial input: a 100,000-character run of what
 * each unbounded quantifier accepts, after what it takes to reach that quantifier, with a failing tail.
 * A super-linear regex would take minutes on that, so the test timeout catches it; nothing here is timed.
 */
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { attacksOn, linearityReports } from '../support/regex-attacks.js';
import {
  type Constructed,
  findRegexSites,
  recordConstructions,
  sourceFiles,
} from '../support/regex-inventory.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

const ROOTS = [
  'src/intake',
  'src/rules',
  'src/secrets',
  'src/providers',
  'src/conversation/intents.ts',
  'src/diagnose',
] as const;

/**
 * A quadratic regex needs billions of steps on a run this long (tens of seconds per attack, minutes per
 * regex), while every linear one together takes seconds: the adversarial test's timeout is the verdict.
 */
const ATTACK_CHARS = 100_000;
const ADVERSARIAL_TIMEOUT_MS = 90_000;

/**
 * Reports that are not a risk where the regex is used, keyed by `/source/flags`. `maxInput` is the most the
 * caller ever hands the regex (the adversarial run is cut to it), so the entry says why it is safe.
 */
const ALLOWED: Record<string, { reason: string; maxInput: number }> = {};

interface Regex {
  source: string;
  flags: string;
  /** `file:line` of every place it is written or built. */
  where: string[];
}

const files = sourceFiles(repoRoot, ROOTS);
const sites = findRegexSites(repoRoot, files);
let constructed: Constructed[] = [];
let regexes: Regex[] = [];

beforeAll(async () => {
  constructed = await recordConstructions(repoRoot, ['src/'], exercise);
  const byKey = new Map<string, Regex>();
  const add = (source: string, flags: string, where: string) => {
    const key = keyOf(source, flags);
    const entry = byKey.get(key) ?? { source, flags, where: [] };
    if (!entry.where.includes(where)) entry.where.push(where);
    byKey.set(key, entry);
  };
  for (const s of sites) if (s.kind === 'literal') add(s.source!, s.flags!, `${s.file}:${s.line}`);
  // Only what the checked code builds: the workload also runs code outside ROOTS (the conversation).
  const inRoots = (file: string) => ROOTS.some((r) => file === r || file.startsWith(`${r}/`));
  for (const c of constructed) if (inRoots(c.file)) add(c.source, c.flags, `${c.file}:${c.line} (built)`);
  regexes = [...byKey.values()];
}, 180_000);

/** Loads every checked module and runs the code that builds regexes at run time on real pastes. */
async function exercise(): Promise<void> {
  for (const file of files) await import(pathToFileURL(path.join(repoRoot, file)).href);
  const { loadConfig } = await import('../../src/config.js');
  const { createDiagnoser } = await import('../../src/diagnose/service.js');
  const { loadCorpus } = await import('../support/fuzz/corpus.js');
  const corpus = loadCorpus(repoRoot);
  const clock = { now: Date.parse('2026-01-15T12:00:00Z'), uncertaintyMs: 0 };
  // The example packs bring user-pack patterns (credential formats, error matches, issuers, scopes).
  for (const packs of [undefined, path.join(repoRoot, 'examples', 'packs')]) {
    const diagnoser = createDiagnoser(loadConfig(packs ? { AUTHDOCTOR_PACKS: packs } : {}));
    const pastes = corpus.pastes.map((p) => p.text);
    // A key of each pack format sent to each of the pack's hosts, and to a misspelt one: the rules that
    // compare a key with a host build the pack formats' whole-value patterns.
    for (const pack of diagnoser.knowledge.packs) {
      for (const format of pack.credentialFormats) {
        const key = sampleKey(format.pattern);
        if (key === undefined) continue;
        for (const { host } of pack.hosts) {
          const concrete = host.replace('*.', 'api.');
          for (const target of [concrete, concrete.replace(/^(\w+)\w\./, '$1.')]) {
            pastes.push(
              `curl -i -H "Authorization: Bearer ${key}" https://${target}/v1/me\nHTTP/1.1 401 Unauthorized`,
            );
          }
        }
      }
    }
    for (const text of pastes) await diagnoser.examine(text, { clock });
  }
}

function sampleKey(pattern: RegExp): string | undefined {
  try {
    return fc.sample(fc.stringMatching(new RegExp(`^(?:${pattern.source})$`)), { seed: 1, numRuns: 1 })[0];
  } catch {
    return undefined; // A pattern fast-check cannot generate from; the pastes cover the rest.
  }
}

function keyOf(source: string, flags: string): string {
  return `/${source}/${flags}`;
}

describe('regular expressions in intake, rules, secrets, providers, intents and diagnose', () => {
  it('finds them all: literals by the compiler, and every RegExp() call site seen building at run time', () => {
    const calls = sites.filter((s) => s.kind === 'constructor');
    const unseen = calls.filter(
      (s) => !constructed.some((c) => c.file === s.file && c.line >= s.line && c.line <= s.endLine),
    );
    expect(unseen.map((s) => `${s.file}:${s.line} ${s.code.slice(0, 80)}`)).toEqual([]);
    expect(sites.filter((s) => s.kind === 'literal').length).toBeGreaterThan(900);
    expect(calls.length).toBeGreaterThan(25);
    // Pack patterns are data (strings in src/providers/packs and user YAML), compiled by the pack schema.
    const packPatterns = constructed.filter((c) => c.file === 'src/providers/schema.ts');
    expect(packPatterns.length).toBeGreaterThan(50);
    const perSite = calls.map((s) => {
      const built = constructed.filter((c) => c.file === s.file && c.line >= s.line && c.line <= s.endLine);
      return `${s.file}:${s.line} ×${new Set(built.map((c) => keyOf(c.source, c.flags))).size}`;
    });
    console.info(
      `regex-linear: ${sites.length - calls.length} literals, ${calls.length} RegExp() call sites (${perSite.join(', ')}), ${regexes.length} distinct regexes checked`,
    );
  });

  it('has no super-linear backtracking or quadratic moving match (scslre), bar allow-listed ones', () => {
    const flagged: string[] = [];
    const allowedUsed = new Set<string>();
    for (const re of regexes) {
      const key = keyOf(re.source, re.flags);
      const reports = linearityReports(re);
      if (reports.length === 0) continue;
      if (ALLOWED[key]) {
        allowedUsed.add(key);
        continue;
      }
      const what = reports.map(
        (r) => `${r.type}${r.exponential ? ' (exponential)' : ''} on ${JSON.stringify(r.character.pick)}`,
      );
      flagged.push(`${re.where.join(', ')}: ${key} — ${what.join('; ')}`);
    }
    expect(flagged).toEqual([]);
    // An entry for a regex that is gone or fixed would hide the next one written the same way.
    expect(Object.keys(ALLOWED).filter((k) => !allowedUsed.has(k))).toEqual([]);
  });

  it(
    'matches adversarial input in linear time (a super-linear regex would hang here)',
    () => {
      let runs = 0;
      for (const re of regexes) {
        const limit = ALLOWED[keyOf(re.source, re.flags)]?.maxInput ?? ATTACK_CHARS;
        const regex = new RegExp(re.source, re.flags);
        for (const attack of attacksOn(re, limit)) {
          regex.lastIndex = 0;
          regex.exec(attack);
          runs++;
        }
      }
      expect(runs).toBeGreaterThan(regexes.length);
    },
    ADVERSARIAL_TIMEOUT_MS,
  );
});
