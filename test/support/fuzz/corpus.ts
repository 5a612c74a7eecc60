/**
 * What the fuzzer starts from: real pastes (curlconverter's fixtures, the eval set, the platform tests' bad
 * inputs and conversation pastes) and fake credentials of every format intake knows, in the places people
 * put them. Everything here is public or generated; no live-looking literal sits in a file.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { CREDENTIAL_FORMATS } from '../../../src/intake/credentials/formats.js';
import { BAD_INPUTS, HUGE_PASTE } from '../bad-inputs.js';
import { PASTES } from '../conversation.js';
import { ALNUM, B64URL, checksummedToken, generator, HEX } from '../credential-fakes.js';
import { fixturesDir } from '../fixtures.js';
import { at, fakeJwt } from '../jwt-fakes.js';

export interface Seed {
  name: string;
  text: string;
}

export interface Corpus {
  /** Real pastes, each small enough to mutate cheaply (the huge one is `huge`). */
  pastes: readonly Seed[];
  /** Fake credentials, one or more per known format plus JWTs. */
  credentials: readonly string[];
  /** About a megabyte of trace, for the few inputs that test the size cap. */
  huge: string;
}

/** Fixture files larger than this are not seeds: mutating them would make every input slow. */
const MAX_SEED_BYTES = 64 * 1024;
const SKIP_FILES = new Set(['LICENSE.curlconverter', 'README.md']);

/** The eval set lives next to the fixtures: `shared/eval/dev.jsonl`. */
export function evalFile(repoRoot: string): string {
  return path.resolve(repoRoot, '..', 'shared', 'eval', 'dev.jsonl');
}

export function loadCorpus(repoRoot: string): Corpus {
  const pastes: Seed[] = [];
  const fixtures = fixturesDir(repoRoot);
  for (const file of filesUnder(fixtures)) {
    if (SKIP_FILES.has(path.basename(file)) || statSync(file).size > MAX_SEED_BYTES) continue;
    pastes.push({ name: `fixture:${path.relative(fixtures, file)}`, text: readFileSync(file, 'utf8') });
  }
  const evalPath = evalFile(repoRoot);
  if (existsSync(evalPath)) {
    for (const line of readFileSync(evalPath, 'utf8').split('\n')) {
      if (line.trim() === '') continue;
      const row = JSON.parse(line) as { id?: unknown; input?: unknown };
      if (typeof row.input === 'string') pastes.push({ name: `eval:${String(row.id)}`, text: row.input });
    }
  }
  for (const bad of BAD_INPUTS) pastes.push({ name: `bad:${bad.name}`, text: bad.text });
  const credentials = fakeCredentials(20_260_115);
  pastes.push(
    { name: 'paste:missingHeader', text: PASTES.missingHeader },
    { name: 'paste:unexplained', text: PASTES.unexplained },
    { name: 'paste:githubRejected', text: PASTES.githubRejected(checksummedToken('ghp_')) },
    { name: 'paste:jwtCall', text: PASTES.jwtCall('2026-01-15T11:00:00Z') },
  );
  credentials.forEach((credential, i) => {
    const place = PLACES[i % PLACES.length]!;
    pastes.push({ name: `credential:${i}`, text: place(credential) });
  });
  return { pastes, credentials, huge: HUGE_PASTE };
}

function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .sort()
    .flatMap((name) => {
      const full = path.join(dir, name);
      return statSync(full).isDirectory() ? filesUnder(full) : [full];
    });
}

/**
 * A value of every credential format (drawn from its own pattern, seeded), GitHub tokens with a valid
 * checksum, and JWTs with ordinary and odd claims.
 */
export function fakeCredentials(seed: number): string[] {
  const out: string[] = [];
  CREDENTIAL_FORMATS.forEach((format, i) => {
    try {
      out.push(...fc.sample(fc.stringMatching(format.pattern), { seed: seed + i, numRuns: 2 }));
    } catch {
      // A pattern fast-check cannot generate from is covered by the mutated pastes instead.
    }
  });
  const random = generator(seed);
  out.push(
    checksummedToken('ghp_', random(ALNUM, 30)),
    checksummedToken('npm_', random(ALNUM, 30)),
    random(HEX, 40),
    fakeJwt({ iss: 'https://auth.example.com/', sub: 'u1', aud: 'api', exp: at('2026-01-15T11:00:00Z') }),
    fakeJwt(
      { iss: 'https://login.example.test/', scope: 'read', exp: at('2030-01-01T00:00:00Z') },
      { alg: 'HS256' },
    ),
    fakeJwt({ sub: 'x', nbf: at('2027-01-01T00:00:00Z') }, { alg: 'none' }),
    `${random(B64URL, 20)}.${random(B64URL, 40)}.${random(B64URL, 43)}`,
  );
  return out.filter((c) => c.length > 0);
}

/** Where people put credentials: headers, query strings, env files, code, logs. */
export const PLACES: readonly ((credential: string) => string)[] = [
  (c) => `curl -i -H "Authorization: Bearer ${c}" https://api.example.com/v1/me\nHTTP/1.1 401 Unauthorized`,
  (c) => `curl 'https://api.example.com/v2/items?api_key=${c}&page=2'`,
  (c) => `export API_KEY=${c}\ncurl -H "X-Api-Key: $API_KEY" https://api.example.com/`,
  (c) => `import requests\nrequests.get(url, headers={"Authorization": "token ${c}"})\n401 Client Error`,
  (c) => `> GET /v1/me HTTP/1.1\n> Host: api.example.com\n> Authorization: Bearer ${c}\n< HTTP/1.1 401`,
  (c) => `API_TOKEN="${c}"\nError: Request failed with status code 401`,
  (c) => `curl -u me@example.com:${c} https://api.example.com/rest/api/2/myself`,
  (c) => `Invoke-WebRequest -Uri https://api.example.com -Headers @{ "Authorization" = "Bearer ${c}" }`,
  (c) => `http GET api.example.com/me "Authorization:Bearer ${c}"`,
  (c) => `fetch("https://api.example.com/x", { headers: { "x-api-key": "${c}" } })`,
  (c) => `my key is ${c} and it says 401 unauthorized`,
  (c) =>
    `{"log":{"entries":[{"request":{"method":"GET","url":"https://api.example.com/me","headers":[{"name":"Authorization","value":"Bearer ${c}"}]},"response":{"status":401,"headers":[]}}]}}`,
];
