import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AuthdoctorError } from '../../src/errors.js';
import { builtinKnowledge } from '../../src/providers/knowledge.js';
import { loadKnowledge, loadUserPacks } from '../../src/providers/load.js';
import { ProviderPackSchema } from '../../src/providers/schema.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/packs', import.meta.url));

const folders: string[] = [];
afterEach(() => {
  for (const dir of folders.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder holding `files` (a name ending in `/` is a subfolder). */
function folder(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'authdoctor-packs-'));
  folders.push(dir);
  for (const [name, text] of Object.entries(files)) {
    if (name.endsWith('/')) mkdirSync(path.join(dir, name), { recursive: true });
    else writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

function rejection(dir: string): AuthdoctorError {
  try {
    loadUserPacks(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(AuthdoctorError);
    expect((error as AuthdoctorError).code).toBe('ERR_CONFIG_INVALID');
    return error as AuthdoctorError;
  }
  throw new Error('expected the packs to be rejected');
}

/** The problem lines of a rejection, without the header. */
function problemLines(error: AuthdoctorError): string[] {
  return error.message
    .split('\n')
    .slice(1)
    .map((l) => l.trim());
}

const yamlPack = (id: string, extra = '') => `id: ${id}
name: ${id} API
hosts:
  - host: api.${id}.example
auth:
  - in: header
    scheme: Bearer
    credential: an API key
docs:
  - title: Authentication
    url: https://docs.${id}.example/auth
${extra}`;

const jsonPack = (id: string) =>
  JSON.stringify(
    {
      id,
      name: `${id} API`,
      hosts: [{ host: `api.${id}.example`, environment: 'sandbox' }],
      auth: [{ in: 'header', name: 'X-Api-Key', credential: 'an API key' }],
      docs: [{ title: 'Auth', url: `https://docs.${id}.example/auth` }],
    },
    null,
    2,
  );

describe('loadUserPacks', () => {
  it('loads YAML and JSON packs, in file-name order, with schema defaults applied', () => {
    const dir = folder({
      'b.json': jsonPack('beta'),
      'a.yaml': yamlPack('alpha'),
      'c.yml': yamlPack('gamma'),
    });
    const packs = loadUserPacks(dir);
    expect(packs.map((p) => p.id)).toEqual(['alpha', 'beta', 'gamma']);
    expect(packs[0]!.hosts[0]).toEqual({ host: 'api.alpha.example', environment: 'production' });
    expect(packs[1]!.hosts[0]!.environment).toBe('sandbox');
    expect(packs[1]!.auth[0]).toMatchObject({
      in: 'header',
      name: 'X-Api-Key',
      status: 'accepted',
      formats: [],
    });
    expect(packs[0]!.requiresHttps).toBe(true);
  });

  it('ignores other files, dotfiles and subfolders, and does not recurse', () => {
    const dir = folder({
      'a.yaml': yamlPack('alpha'),
      'README.md': '# not a pack',
      'notes.txt': 'id: nope',
      '.draft.yaml': 'not: [valid',
      'old.yaml/': '',
      'nested/': '',
    });
    writeFileSync(path.join(dir, 'nested', 'inner.yaml'), 'broken: [');
    expect(loadUserPacks(dir).map((p) => p.id)).toEqual(['alpha']);
  });

  it('returns no packs for an empty folder', () => {
    expect(loadUserPacks(folder({}))).toEqual([]);
  });

  it('accepts header names and hosts in any case (they are case-insensitive)', () => {
    const dir = folder({
      'a.yaml': yamlPack('alpha', 'headerNames: [X-Alpha-Key, Alpha-Version]\n').replace(
        'api.alpha.example',
        'API.Alpha.Example',
      ),
    });
    const [pack] = loadUserPacks(dir);
    expect(pack!.headerNames).toEqual(['x-alpha-key', 'alpha-version']);
    expect(pack!.hosts[0]!.host).toBe('api.alpha.example');
  });

  it('reports every problem in every file at once, each with its file and where in it', () => {
    const dir = folder({
      'acme.yaml': yamlPack(
        'acme',
        `errors:
  - id: revoked
    situation: a revoked key
    match: '(a+)+'
    cause: invalid_credentials
    explain: revoked
    fix: [make a new key]
`,
      ),
      'broken.yaml': 'id: broken\nname: [Broken\n',
      'broken.json': '{\n  "id": "broken-json",\n  "name": "x",\n}\n',
      'typo.yaml': yamlPack('typo').replace('    scheme: Bearer', '    sheme: Bearer'),
      'missing.json': JSON.stringify({ id: 'missing', name: 'Missing' }),
    });
    const error = rejection(dir);
    const lines = problemLines(error);
    expect(error.message).toMatch(/^Invalid provider packs in .+ \(6 problems in 5 files\):/);
    expect(lines).toEqual([
      'acme.yaml: errors.0.match: pattern "(a+)+" nests quantifiers (could backtrack badly) (line 15)',
      'broken.json:4:1: Expected double-quoted property name in JSON',
      'broken.yaml:3:1: Flow sequence in block collection must be sufficiently indented and end with a ]',
      'missing.json: auth: Invalid input: expected array, received undefined',
      'missing.json: docs: Invalid input: expected array, received undefined',
      'typo.yaml: auth.0.sheme: unknown key "sheme" (did you mean "scheme"?) (line 7)',
    ]);
    expect(error.hint).toContain('docs/packs.md');
  });

  it('reports unknown keys at every level, with the key probably meant or the keys allowed', () => {
    const dir = folder({
      'a.yaml': `${yamlPack('alpha')}pitfall: [one]\nhosts_extra: 1\n`.replace(
        '  - host: api.alpha.example',
        '  - host: api.alpha.example\n    base_path: /v1',
      ),
    });
    expect(problemLines(rejection(dir))).toEqual([
      'a.yaml: hosts.0.base_path: unknown key "base_path" (did you mean "basePath"?) (line 5)',
      'a.yaml: pitfall: unknown key "pitfall" (did you mean "pitfalls"?) (line 13)',
      expect.stringMatching(
        /^a\.yaml: hosts_extra: unknown key "hosts_extra"; expected one of: id, name, hosts, auth,/,
      ),
    ]);
  });

  it('checks references inside a pack: format ids, their namespace, duplicates, endpoint hosts', () => {
    const dir = folder({
      'acme.yaml': `id: acme
name: Acme
hosts:
  - host: api.acme.example
auth:
  - in: header
    scheme: Bearer
    credential: a key
    formats: [acme.live_kye, github.classic_pat]
credentialFormats:
  - id: acme.live_key
    name: live key
    pattern: 'acme_live_[a-z0-9]{32}'
  - id: other.test_key
    name: test key
    pattern: 'acme_test_[a-z0-9]*'
endpoints:
  - path: '^/v1/'
    host: api.acme.exmaple
    status: removed
    message: v1 is gone
    fix: [use v2]
docs:
  - title: Auth
    url: https://docs.acme.example
`,
    });
    expect(problemLines(rejection(dir))).toEqual([
      'acme.yaml: auth.0.formats.0: unknown credential format "acme.live_kye" (did you mean "acme.live_key"?); use an id from this pack\'s credentialFormats or a built-in format id (line 9)',
      'acme.yaml: credentialFormats.1.id: "other.test_key" must start with the pack id, like "acme.test_key" (line 14)',
      'acme.yaml: endpoints.0.host: "api.acme.exmaple" is not one of this pack\'s hosts (did you mean "api.acme.example"?) (line 19)',
    ]);
  });

  it('reports a pattern that would match an empty credential', () => {
    const dir = folder({
      'a.yaml': yamlPack(
        'alpha',
        "credentialFormats:\n  - id: alpha.key\n    name: key\n    pattern: '(?:alpha_)?[a-z]{0,40}'\n",
      ),
    });
    expect(problemLines(rejection(dir))).toEqual([
      'a.yaml: credentialFormats.0.pattern: pattern "(?:alpha_)?[a-z]{0,40}" matches an empty value; describe the whole key, e.g. "acme_live_[a-z0-9]{32}" (line 15)',
    ]);
  });

  it('explains bad enum values and the YAML ": " quoting trap', () => {
    const dir = folder({
      'a.yaml': yamlPack(
        'alpha',
        `errors:
  - id: expired
    situation: expired
    match: key_expired
    cause: expired
    explain: the key expired
    fix:
      - Send it as Authorization: Bearer <KEY>
`,
      ),
    });
    expect(problemLines(rejection(dir))).toEqual([
      expect.stringMatching(
        /^a\.yaml: errors\.0\.cause: Invalid option: expected one of .*; got "expired" \(did you mean "expired_token"\?\) \(line 16\)$/,
      ),
      'a.yaml: errors.0.fix.0: Invalid input: expected string, received object (in YAML, text containing ": " must be quoted, or it is read as a key and value) (line 19)',
    ]);
  });

  it('says what to write when a host is given as a URL', () => {
    const dir = folder({
      'a.yaml': yamlPack('alpha').replace('host: api.alpha.example', 'host: https://api.alpha.example/v1'),
    });
    expect(problemLines(rejection(dir))).toEqual([
      'a.yaml: hosts.0.host: a lowercase hostname, optionally starting with "*."; got "https://api.alpha.example/v1": write the hostname alone (the path goes in basePath) (line 4)',
    ]);
  });

  it('reports duplicate ids across files', () => {
    const dir = folder({ 'a.yaml': yamlPack('acme'), 'b.json': jsonPack('acme') });
    expect(problemLines(rejection(dir))).toEqual([
      'b.json: id: "acme" is already defined by a.yaml (line 2)',
    ]);
  });

  it('reports a duplicate id even while the first file has problems of its own', () => {
    const dir = folder({
      'a.yaml': yamlPack('acme').replace('credential: an API key', 'credential: 42'),
      'b.yaml': yamlPack('acme').replace('api.acme.example', 'api2.acme.example'),
    });
    expect(problemLines(rejection(dir))).toEqual([
      'a.yaml: auth.0.credential: Invalid input: expected string, received number (line 8)',
      'b.yaml: id: "acme" is already defined by a.yaml (line 1)',
    ]);
  });

  it('reports a host claimed by two packs', () => {
    const dir = folder({
      'a.yaml': yamlPack('alpha'),
      'b.yaml': yamlPack('beta').replace('api.beta', 'api.alpha'),
    });
    expect(problemLines(rejection(dir))).toEqual([
      'b.yaml: hosts.0.host: "api.alpha.example" is already claimed by a.yaml (line 4)',
    ]);
  });

  it('reports empty files, files that are not one pack, duplicate keys and unknown tags', () => {
    const dir = folder({
      'empty.yaml': '# nothing here yet\n',
      'list.yaml': '- id: a\n- id: b\n',
      'text.json': '"just text"',
      'dup.json': '{\n  "id": "x",\n  "id": "y"\n}',
      'dup.yaml': 'id: x\nname: X\nid: y\n',
      'tag.yaml': `${yamlPack('tagged')}pitfalls: [!secret value]\n`,
    });
    expect(problemLines(rejection(dir))).toEqual([
      'dup.json:3:3: duplicate key "id" (JSON.parse would keep only the last one)',
      'dup.yaml:3:1: Map keys must be unique',
      'empty.yaml: the file is empty; a pack needs at least id, name, auth and docs',
      'list.yaml: a pack is a mapping of fields (id, name, hosts, auth, …), but this file holds a list; put one pack in each file',
      'tag.yaml:12:12: Unresolved tag: !secret',
      'text.json: a pack is a mapping of fields (id, name, hosts, auth, …), but this file holds a string; put one pack in each file',
    ]);
  });

  it('rejects a missing folder, and a file given instead of a folder', () => {
    const dir = folder({ 'a.yaml': yamlPack('alpha') });
    const missing = rejection(path.join(dir, 'nope'));
    expect(missing.message).toBe(`Provider pack folder "${path.join(dir, 'nope')}" does not exist.`);
    expect(missing.hint).toContain('AUTHDOCTOR_PACKS');
    expect(rejection(path.join(dir, 'a.yaml')).message).toContain('is a file, not a folder');
  });

  it('never lists more than 200 problems', () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 250; i++) files[`p${String(i).padStart(3, '0')}.json`] = '{';
    const lines = problemLines(rejection(folder(files)));
    expect(lines).toHaveLength(201);
    expect(lines.at(-1)).toBe('… and 50 more');
  });
});

describe('the example pack', () => {
  it('loads and validates', () => {
    const packs = loadUserPacks(EXAMPLES);
    expect(packs.map((p) => p.id)).toEqual(['acme-rockets']);
    const pack = packs[0]!;
    expect(pack.name).toBe('Acme Rockets API');
    expect(pack.hosts.map((h) => [h.host, h.environment])).toEqual(
      expect.arrayContaining([
        ['api.acme-rockets.example', 'production'],
        ['sandbox.acme-rockets.example', 'sandbox'],
      ]),
    );
    expect(pack.credentialFormats.map((f) => [f.id, f.environment])).toEqual(
      expect.arrayContaining([
        ['acme-rockets.live_key', 'live'],
        ['acme-rockets.test_key', 'test'],
      ]),
    );
    expect(pack.errors.map((e) => e.id)).toEqual(
      expect.arrayContaining(['key-revoked', 'key-expired', 'test-key-on-live', 'ip-not-allowed']),
    );
    expect(pack.endpoints.some((e) => e.status === 'removed' && e.path.test('/v1/rockets'))).toBe(true);
    expect(pack.auth.find((a) => a.name === 'X-Acme-Key')?.status).toBe('deprecated');
  });

  it('uses every field of the schema', () => {
    const raw = parse(readFileSync(path.join(EXAMPLES, 'acme-rockets.yaml'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(Object.keys(raw).sort()).toEqual(Object.keys(ProviderPackSchema.shape).sort());
    const used = (list: string) =>
      new Set((raw[list] as Record<string, unknown>[]).flatMap((item) => Object.keys(item)));
    const keysOf = (schema: { shape: object }) => Object.keys(schema.shape).sort();
    const shape = ProviderPackSchema.shape;
    for (const [list, schema] of [
      ['hosts', shape.hosts.unwrap().element],
      ['auth', shape.auth.element],
      ['credentialFormats', shape.credentialFormats.unwrap().element],
      ['errors', shape.errors.unwrap().element],
      ['tokenLifetimes', shape.tokenLifetimes.unwrap().element],
      ['scopes', shape.scopes.unwrap().element],
      ['endpoints', shape.endpoints.unwrap().element],
      ['issuers', shape.issuers.unwrap().element],
    ] as const) {
      expect([...used(list)].sort(), list).toEqual(keysOf(schema));
    }
  });

  it('its error signatures match the error bodies the README describes', () => {
    const pack = loadUserPacks(EXAMPLES)[0]!;
    const body = (code: string) =>
      JSON.stringify({ error: { type: 'authentication_error', code, message: 'x', request_id: 'req_1' } });
    for (const code of [
      'key_revoked',
      'key_expired',
      'test_key_on_live',
      'ip_not_allowed',
      'missing_api_key',
    ]) {
      const hits = pack.errors.filter((e) => e.match.test(body(code)));
      expect(hits, code).toHaveLength(1);
    }
    expect(
      pack.errors.filter((e) => e.match.test('AcmeAuthenticationError: key_revoked: revoked')),
    ).toHaveLength(1);
    // Codes are matched as words, not inside other words.
    expect(pack.errors.filter((e) => e.match.test('{"code": "api_key_revoked_soon"}'))).toHaveLength(0);
  });
});

describe('loadKnowledge', () => {
  it('is the built-in knowledge when AUTHDOCTOR_PACKS is unset or blank', () => {
    expect(loadKnowledge({})).toBe(builtinKnowledge());
    expect(loadKnowledge({ AUTHDOCTOR_PACKS: '  ' })).toBe(builtinKnowledge());
  });

  it('adds user packs to the built-in ones', () => {
    const knowledge = loadKnowledge({ AUTHDOCTOR_PACKS: EXAMPLES });
    expect(knowledge.byId('acme-rockets')?.name).toBe('Acme Rockets API');
    expect(knowledge.byId('github')).toBe(builtinKnowledge().byId('github'));
    expect(knowledge.matchHost('sandbox.acme-rockets.example')?.host.environment).toBe('sandbox');
    expect(knowledge.matchHost('eu1.dedicated.acme-rockets.example')?.pack.id).toBe('acme-rockets');
  });

  it('lets a user pack replace the built-in pack of the same id', () => {
    const dir = folder({
      'github.yaml': yamlPack('github').replace('api.github.example', 'github.internal.example'),
    });
    const knowledge = loadKnowledge({ AUTHDOCTOR_PACKS: dir });
    expect(knowledge.byId('github')?.name).toBe('github API');
    expect(knowledge.matchHost('github.internal.example')?.pack.id).toBe('github');
    expect(knowledge.matchHost('api.github.com')).toBeUndefined();
    expect(knowledge.packs.filter((p) => p.id === 'github')).toHaveLength(1);
  });

  it('throws the pack error rather than starting with half the packs', () => {
    const dir = folder({ 'a.yaml': 'id: [' });
    expect(() => loadKnowledge({ AUTHDOCTOR_PACKS: dir })).toThrow(AuthdoctorError);
  });
});
