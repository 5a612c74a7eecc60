import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { looksLikeEnv, parseEnvLines } from '../../src/intake/parsers/env-lines.js';
import type { RawLooseCredential } from '../../src/intake/raw.js';
import { segmentOf } from '../support/segments.js';

function parse(text: string, startLine = 1) {
  return parseEnvLines(segmentOf('env', text, startLine));
}

interface Case {
  name: string;
  text: string;
  loose: Partial<RawLooseCredential>[];
}

const cases: Case[] = [
  {
    name: '.env with quotes, comments and a non-credential',
    text: `# Stripe
STRIPE_SECRET_KEY=sk_test_123
STRIPE_API_URL=https://api.stripe.com
GITHUB_TOKEN="ghp_abc" # personal
OPENAI_API_KEY='sk-proj-x'`,
    loose: [
      { name: 'STRIPE_SECRET_KEY', value: 'sk_test_123', context: 'env', line: 2 },
      { name: 'GITHUB_TOKEN', value: 'ghp_abc', line: 4 },
      { name: 'OPENAI_API_KEY', value: 'sk-proj-x', line: 5 },
    ],
  },
  {
    name: 'empty values and references to other variables',
    text: `API_KEY=
AUTH_TOKEN=""
SECRET=\${OTHER_SECRET}
DB_PASSWORD=$PGPASSWORD
LITERAL_TOKEN='$NOT_EXPANDED'`,
    loose: [
      { name: 'API_KEY', value: '', origin: { kind: 'literal' } },
      { name: 'AUTH_TOKEN', value: '', origin: { kind: 'literal' } },
      {
        name: 'SECRET',
        value: '${OTHER_SECRET}',
        origin: { kind: 'shell_variable', names: ['OTHER_SECRET'] },
      },
      { name: 'DB_PASSWORD', origin: { kind: 'shell_variable', names: ['PGPASSWORD'] } },
      {
        name: 'LITERAL_TOKEN',
        value: '$NOT_EXPANDED',
        origin: { kind: 'shell_literal_variable', names: ['NOT_EXPANDED'] },
      },
    ],
  },
  {
    name: 'shell export with command substitution',
    text: `export GH_TOKEN=$(gh auth token)
export API_KEY="abc def"`,
    loose: [
      { name: 'GH_TOKEN', value: '$(gh auth token)', origin: { kind: 'command_substitution' } },
      { name: 'API_KEY', value: 'abc def' },
    ],
  },
  {
    name: 'Windows cmd set and setx',
    text: `set API_KEY=abc123
set "AUTH_TOKEN=tok en"
setx SERVICE_PASSWORD "p@ss"
set BEARER=%OTHER%`,
    loose: [
      { name: 'API_KEY', value: 'abc123' },
      { name: 'AUTH_TOKEN', value: 'tok en' },
      { name: 'SERVICE_PASSWORD', value: 'p@ss' },
      { name: 'BEARER', origin: { kind: 'shell_variable', names: ['OTHER'] } },
    ],
  },
  {
    name: 'PowerShell $env:',
    text: `$env:OPENAI_API_KEY = "sk-abc"
$Env:GITHUB_TOKEN='ghp_x'
[Environment]::SetEnvironmentVariable("SLACK_BOT_TOKEN", "xoxb-1", "User")`,
    loose: [
      { name: 'OPENAI_API_KEY', value: 'sk-abc' },
      { name: 'GITHUB_TOKEN', value: 'ghp_x' },
      { name: 'SLACK_BOT_TOKEN', value: 'xoxb-1' },
    ],
  },
  {
    name: 'docker run -e flags',
    text: `docker run --rm -e API_KEY=abc -e "AUTH_TOKEN=x y" --env=DB_PASSWORD=pw -e LOG_LEVEL=debug myimage`,
    loose: [
      { name: 'API_KEY', value: 'abc' },
      { name: 'AUTH_TOKEN', value: 'x y' },
      { name: 'DB_PASSWORD', value: 'pw' },
    ],
  },
  {
    name: 'GitHub Actions env block with secrets',
    text: `jobs:
  build:
    steps:
      - run: npm publish
        env:
          NODE_AUTH_TOKEN: \${{ secrets.NPM_TOKEN }}
          API_KEY: "literal-key"
          REGION: us-east-1
      - run: echo done`,
    loose: [
      { name: 'NODE_AUTH_TOKEN', origin: { kind: 'template', names: ['secrets.NPM_TOKEN'] }, line: 6 },
      { name: 'API_KEY', value: 'literal-key', line: 7 },
    ],
  },
  {
    name: 'docker compose environment list and Kubernetes env',
    text: `services:
  api:
    environment:
      - "API_TOKEN=abc"
      - DEBUG=1
containers:
  - name: app
    env:
      - name: CLIENT_SECRET
        value: "s3cr3t"
      - name: PORT
        value: "8080"`,
    loose: [
      { name: 'API_TOKEN', value: 'abc' },
      { name: 'CLIENT_SECRET', value: 's3cr3t' },
    ],
  },
  {
    name: 'Dockerfile ENV, fish and .npmrc',
    text: `ENV API_KEY=abc
set -gx GITHUB_TOKEN ghp_y
//registry.npmjs.org/:_authToken=npm_abc`,
    loose: [
      { name: 'API_KEY', value: 'abc' },
      { name: 'GITHUB_TOKEN', value: 'ghp_y' },
      { name: '//registry.npmjs.org/:_authToken', value: 'npm_abc' },
    ],
  },
];

describe('parseEnvLines', () => {
  it.each(cases)('$name', ({ text, loose }) => {
    const f = parse(text);
    expect(f.kinds).toEqual(['env']);
    const found = f.looseCredentials ?? [];
    expect(found.map((l) => l.name)).toEqual(loose.map((l) => l.name));
    for (const [k, want] of loose.entries()) expect(found[k]).toMatchObject(want);
  });

  it('numbers lines from the segment start', () => {
    expect(parse('X=1\nAPI_TOKEN=abc', 40).looseCredentials?.[0]?.line).toBe(41);
  });

  it('never throws', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        parse(text);
        looksLikeEnv(text);
      }),
      { numRuns: 300 },
    );
  });

  it.each([
    ['many env lines', 'API_KEY=${X}\n'.repeat(50_000)],
    ['long fish flags', `set -${'x'.repeat(3000)}\n`.repeat(200)],
    ['unclosed docker quotes', `docker run ${'-e "A='.repeat(500)}\n`.repeat(200)],
  ])('stays fast on %s', (_name, text) => {
    const start = performance.now();
    parse(text);
    looksLikeEnv(text);
    expect(performance.now() - start).toBeLessThan(3000);
  });
});

describe('looksLikeEnv', () => {
  it.each([
    ['a .env file', 'API_KEY=abc\nAPI_URL=https://x'],
    ['exports', 'export TOKEN="abc"\nexport OTHER=1'],
    ['PowerShell', '$env:API_KEY = "abc"'],
    ['a YAML env block', 'env:\n  API_KEY: abc'],
    ['a docker run command', 'docker run -e API_KEY=abc image'],
  ])('recognises %s', (_name, text) => expect(looksLikeEnv(text)).toBe(true));

  it.each([
    ['prose', 'My API key is not working since yesterday, please help.'],
    ['code', 'const apiKey = "abc";\nfetch(url);'],
    ['a command with an env prefix', 'TOKEN=abc curl -H "Authorization: Bearer $TOKEN" https://x'],
    ['JSON', '{"api_key": "abc"}'],
    ['a header line', 'Authorization: Bearer abc'],
  ])('does not fire on %s', (_name, text) => expect(looksLikeEnv(text)).toBe(false));
});
