/**
 * parseCurl against curlconverter's expected outputs for its 108 fixture commands. Deliberate differences
 * are listed, with their reason, in curl-conformance-differences.json; a difference not listed fails, and so
 * does a listed one that no longer occurs.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCurl } from '../../src/intake/parsers/curl/index.js';
import type { RawRequest } from '../../src/intake/raw.js';
import {
  compareWithExpected,
  type Difference,
  fixtureNames,
  fixturesDir,
  type ListedDifference,
} from '../support/curl-expected.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = fixturesDir(repoRoot);
const present = existsSync(path.join(dir, 'curl_commands'));
const listed = JSON.parse(
  readFileSync(path.join(repoRoot, 'test', 'intake', 'curl-conformance-differences.json'), 'utf8'),
) as ListedDifference[];

function requestsFor(fixture: string): RawRequest[] {
  const text = readFileSync(path.join(dir, 'curl_commands', `${fixture}.sh`), 'utf8');
  const fragment = parseCurl({ kind: 'curl', text, startLine: 1, endLine: text.split('\n').length });
  return (fragment.exchanges ?? []).flatMap((e) => (e.request === undefined ? [] : [e.request]));
}

const key = (d: { fixture: string; check: string }) => `${d.fixture} ${d.check}`;

const title = present ? 'curlconverter fixtures' : `curlconverter fixtures (skipped: no fixtures at ${dir})`;

describe.skipIf(!present)(title, () => {
  const names = present ? fixtureNames(dir) : [];
  const found: Difference[] = names.flatMap((name) => compareWithExpected(dir, name, requestsFor(name)));

  it('has the whole fixture set', () => {
    expect(names.length).toBeGreaterThanOrEqual(100);
  });

  it.each(names)('%s parses to at least one request', (name) => {
    expect(requestsFor(name).length).toBeGreaterThan(0);
  });

  it('differs from the expected outputs only where the differences file says so', () => {
    const allowed = new Set(listed.map(key));
    expect(found.filter((d) => !allowed.has(key(d)))).toEqual([]);
  });

  it('lists no difference that no longer occurs', () => {
    const occurring = new Set(found.map(key));
    expect(listed.filter((d) => !occurring.has(key(d)))).toEqual([]);
  });

  it('notices a request that differs from the expected output', () => {
    const wrong: RawRequest = {
      method: 'GET',
      url: 'http://localhost:28139/other',
      headers: [{ name: 'X-Extra', value: '1' }],
    };
    expect(compareWithExpected(dir, 'delete', [wrong]).map((d) => d.check)).toEqual([
      'http:method',
      'http:target',
      'http:headers',
    ]);
    const basic: RawRequest = { ...wrong, method: 'GET', url: 'http://localhost:28139/', headers: [] };
    basic.basicAuth = { user: 'some_username', password: 'wrong' };
    expect(compareWithExpected(dir, 'get_basic_auth', [basic]).map((d) => d.check)).toEqual(['http:headers']);
  });

  it('gives every listed difference a reason', () => {
    for (const d of listed) expect(d.reason.length).toBeGreaterThan(40);
  });
});
