import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectPlaceholder } from '../../src/intake/credentials/placeholder.js';
import { EvidenceSchema } from '../../src/intake/evidence.js';
import { intake } from '../../src/intake/index.js';
import { pasteArb } from '../support/paste-arbitraries.js';

const BROKEN = ['intake.parser_failed'];

function expectSound(text: string): string {
  const evidence = intake(text);
  const check = EvidenceSchema.safeParse(evidence);
  expect(check.success).toBe(true);
  expect(evidence.notes.filter((n) => BROKEN.includes(n.code))).toEqual([]);
  return JSON.stringify(evidence);
}

describe('intake never breaks', () => {
  it('on random strings', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        expectSound(text);
      }),
      { numRuns: 300 },
    );
  });

  it('on random combinations of real paste pieces', () => {
    fc.assert(
      fc.property(pasteArb, (text) => {
        expectSound(text);
      }),
      { numRuns: 1500 },
    );
  });

  it.each([
    ['empty', ''],
    ['whitespace', ' \n\t\n'],
    ['binary', '\u0000\u0001\u0002\u00ff\ufffd'.repeat(100)],
    ['unterminated quote', `curl -H 'Authorization: Bearer abc ${'x'.repeat(100)}`],
    ['truncated trace', '> GET /v1 HTTP/1.1\n> Host: a.test\n> Authorization: Bea'],
    ['malformed JWT', 'Authorization: Bearer eyJhbGciOiJI.eyJzdWIi'],
    ['a lone brace', '{'],
    ['deep JSON', `${'['.repeat(5000)}${']'.repeat(5000)}`],
  ])('on %s input', (_name, text) => {
    expectSound(text);
  });
});

// Credential values drawn from an alphabet with no separators, long enough not to occur by chance.
const token = (min: number, max: number) =>
  fc.string({
    unit: fc.constantFrom(...'ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789'),
    minLength: min,
    maxLength: max,
  });

const formatCredentialArb = fc.oneof(
  token(36, 36).map((t) => `ghp_${t}`),
  token(24, 40).map((t) => `sk_live_${t}`),
  token(24, 40).map((t) => `sk_test_${t}`),
  fc
    .tuple(
      fc.bigInt({ min: 10n ** 10n, max: 10n ** 12n }),
      fc.bigInt({ min: 10n ** 11n, max: 10n ** 13n }),
      token(24, 24),
    )
    .map(([a, b, c]) => `xoxb-${a}-${b}-${c}`),
  token(16, 16).map((t) => `AKIA${t.toUpperCase().replace(/[^A-Z2-7]/g, 'Q')}`),
  token(40, 60).map((t) => `sk-proj-${t}`),
  fc.tuple(token(10, 30), token(10, 60), token(20, 43)).map(([a, b, c]) => `eyJ${a}.eyJ${b}.${c}`),
);
// Opaque keys with no recognisable format are found only by where they stand.
// A value such as AAAAAAAA… is a masked placeholder, shown as sent on purpose; real secrets are not.
const notPlaceholder = (s: string) => detectPlaceholder(s) === undefined;
const credentialArb = fc.oneof(formatCredentialArb, token(20, 48)).filter(notPlaceholder);

type Template = (secret: string) => string;
const templates: [string, Template][] = [
  ['curl header', (s) => `curl -H "Authorization: Bearer ${s}" https://api.example.test/v1/me`],
  ['curl api key header', (s) => `curl -H 'X-API-Key: ${s}' https://api.example.test/v1/me`],
  ['curl -u', (s) => `curl -u "me@example.test:${s}" https://api.example.test`],
  ['curl -u key as user', (s) => `curl https://api.example.test/v1/charges -u ${s}:`],
  ['curl query', (s) => `curl 'https://api.example.test/v1/me?api_key=${s}&x=1'`],
  ['curl cookie', (s) => `curl -b 'session=${s}' https://app.example.test/`],
  ['curl oauth2', (s) => `curl --oauth2-bearer ${s} https://api.example.test/`],
  ['userinfo', (s) => `curl https://me:${s}@api.example.test/`],
  [
    'trace',
    (s) =>
      `> GET /v1/me HTTP/2\n> Host: api.example.test\n> authorization: Bearer ${s}\n>\n< HTTP/2 401\n< www-authenticate: Bearer error="invalid_token"\n<\n{"message":"Bad credentials"}`,
  ],
  [
    'raw http',
    (s) =>
      `GET /v1/me HTTP/1.1\nHost: api.example.test\nX-Api-Key: ${s}\n\nHTTP/1.1 401 Unauthorized\n\n{"error":"unauthorized"}`,
  ],
  [
    'devtools',
    (s) =>
      `:authority: api.example.test\n:method: GET\n:path: /v1/me\n:scheme: https\nauthorization: Bearer ${s}\ncookie: sid=${s}`,
  ],
  ['httpie', (s) => `http GET https://api.example.test/v1/me "Authorization:Bearer ${s}"`],
  [
    'powershell',
    (s) =>
      `Invoke-RestMethod -Uri "https://api.example.test/v1/me" -Headers @{ "Authorization" = "Bearer ${s}" }`,
  ],
  ['fetch', (s) => `fetch("https://api.example.test/v1/me", { headers: { Authorization: "Bearer ${s}" } })`],
  [
    'python',
    (s) =>
      `import requests\nr = requests.get("https://api.example.test/v1/me", headers={"X-Api-Key": "${s}"})`,
  ],
  ['env', (s) => `API_TOKEN=${s}\nBASE_URL=https://api.example.test`],
  [
    'log',
    (s) =>
      `AxiosError: Request failed with status code 401\n  config: { headers: { Authorization: 'Bearer ${s}' } }`,
  ],
  ['json body', (s) => `{"access_token": "${s}", "token_type": "Bearer"}`],
  [
    'slack formatted',
    (s) =>
      `<@U0ABCDEFG> curl -H “Authorization: Bearer ${s}” <https://api.example.test/v1/me|api.example.test/v1/me>`,
  ],
];

describe('secrets never reach the output', () => {
  it.each(templates)('%s', (_name, template) => {
    fc.assert(
      fc.property(credentialArb, (secret) => {
        const json = expectSound(template(secret));
        expect(json).not.toContain(secret);
      }),
      { numRuns: 60 },
    );
  });

  it('in prose, for every format with a recognisable shape', () => {
    fc.assert(
      fc.property(formatCredentialArb.filter(notPlaceholder), (secret) => {
        expect(expectSound(`I'm using the token ${secret} and it keeps failing with 401`)).not.toContain(
          secret,
        );
      }),
      { numRuns: 100 },
    );
  });

  it('in a paste that mixes them all', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...templates), credentialArb), { minLength: 1, maxLength: 6 }),
        (parts) => {
          const json = expectSound(parts.map(([[, t], s]) => t(s)).join('\n\n'));
          for (const [, secret] of parts) expect(json).not.toContain(secret);
        },
      ),
      { numRuns: 150 },
    );
  });
});
