import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { classifyCredential } from '../../src/intake/credentials/classify.js';
import { CREDENTIAL_FORMATS } from '../../src/intake/credentials/formats.js';
import { detectPlaceholder } from '../../src/intake/credentials/placeholder.js';
import { ALNUM, B64URL, b64url, checksummedToken, HEX, random, uuid } from '../support/credential-fakes.js';

// Published documentation keys, assembled at run time.
const STRIPE_DOCS_KEY = ['sk_test_', '4eC39HqLyjWDarjtT1zdp7dc'].join('');
const STRIPE_DOCS_PUBLISHABLE = ['pk_test_', 'TYooMQauvdEDq54NiTphI7jx'].join('');
const AWS_DOCS_KEY_ID = ['AKIA', 'IOSFODNN7EXAMPLE'].join('');
const AWS_DOCS_SECRET = ['wJalrXUtnFEMI/K7MDENG/', 'bPxRfiCYEXAMPLEKEY'].join('');
const JWT_IO = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: '1234567890', name: 'John Doe', iat: 1516239022 })}.${random(B64URL, 43)}`;

describe('detectPlaceholder finds stand-ins', () => {
  it.each([
    ['YOUR_API_KEY', 'your_value'],
    ['your-api-key', 'your_value'],
    ['yourApiKey', 'your_value'],
    ['my_token', 'your_value'],
    ['Bearer YOUR_TOKEN', 'your_value'],
    ['<token>', 'angle_brackets'],
    ['<YOUR_TOKEN>', 'angle_brackets'],
    ['<redacted>', 'masked'],
    ['[API_KEY]', 'square_brackets'],
    ['[REDACTED]', 'masked'],
    ['{api_key}', 'template'],
    ['{{token}}', 'template'],
    ['{{ access_token }}', 'template'],
    ['${{ secrets.GITHUB_TOKEN }}', 'template'],
    ['<%= ENV["API_KEY"] %>', 'template'],
    ['#{ApiKey}', 'template'],
    ['__API_TOKEN__', 'template'],
    ['$TOKEN', 'shell_variable'],
    ['${TOKEN}', 'shell_variable'],
    ['${TOKEN:-default}', 'shell_variable'],
    ['%TOKEN%', 'shell_variable'],
    ['$env:TOKEN', 'shell_variable'],
    ['$(cat ~/.token)', 'command_substitution'],
    ['$(GRAFANA_TOKEN)', 'template'],
    ['$(System.AccessToken)', 'template'],
    ['$(whoami)', 'command_substitution'],
    ['$(gh auth token)', 'command_substitution'],
    ['$(CAT file)', 'command_substitution'],
    ['`gh auth token`', 'command_substitution'],
    ['xxx', 'masked'],
    ['xxxxxxxxxxxxxxxx', 'masked'],
    ['XXXXXXXX', 'masked'],
    ['***', 'masked'],
    ['********', 'masked'],
    ['…', 'masked'],
    ['...', 'masked'],
    ['REDACTED', 'masked'],
    ['000000000000', 'masked'],
    ['REPLACE_ME', 'instruction'],
    ['changeme', 'instruction'],
    ['INSERT_KEY_HERE', 'instruction'],
    ['paste-token-here', 'instruction'],
    ['ACCESS_TOKEN', 'name_not_value'],
    ['STRIPE_SECRET_KEY', 'name_not_value'],
    ['api_key', 'name_not_value'],
    ['apiKey', 'name_not_value'],
    ['token', 'name_not_value'],
    ['Bearer', 'name_not_value'],
    ['null', 'null_like'],
    ['undefined', 'null_like'],
    ['None', 'null_like'],
    ['nil', 'null_like'],
    ['[object Object]', 'object_string'],
    ['', 'empty'],
    ['   ', 'empty'],
    ['""', 'empty'],
    ['sk_test_xxxxxxxxxxxxxxxxxxxxxxxx', 'placeholder_tail'],
    ['sk_live_...', 'placeholder_tail'],
    ['sk_live_', 'placeholder_tail'],
    ['ghp_YOUR_TOKEN', 'placeholder_tail'],
    ['ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX', 'placeholder_tail'],
    ['xoxb-your-bot-token', 'placeholder_tail'],
    ['sk-proj-...AbCd', 'placeholder_tail'],
    [`sk-…${random(ALNUM, 4)}`, 'placeholder_tail'],
    [`${random(ALNUM, 6)}...${random(ALNUM, 4)}`, 'masked'],
    [STRIPE_DOCS_KEY, 'example_key'],
    [STRIPE_DOCS_PUBLISHABLE, 'example_key'],
    [AWS_DOCS_KEY_ID, 'example_key'],
    [AWS_DOCS_SECRET, 'example_key'],
    [`AKIA${random('ABCDEFGHIJ', 5)}EXAMPLE`, 'example_key'],
    [JWT_IO, 'example_key'],
  ])('%s → %s', (value, reason) => {
    expect(detectPlaceholder(value)).toEqual({ reason, text: value });
  });
});

describe('detectPlaceholder leaves real values alone', () => {
  it.each([
    ['a GitHub token', checksummedToken('ghp_')],
    ['a Stripe key', `sk_live_${random(ALNUM, 24)}`],
    ['an OpenAI project key', `sk-proj-${random(B64URL, 100)}`],
    ['a JWT', `${b64url({ alg: 'RS256' })}.${b64url({ sub: 'u' })}.${random(B64URL, 342)}`],
    ['a UUID', uuid()],
    ['a commit hash', random(HEX, 40)],
    ['a password with words and digits', 'Tr0ub4dor&3'],
    ['a provider name used as a password', 'github'],
    ['a long body that mentions YOUR_API_KEY', `{"error":"invalid key YOUR_API_KEY ${'x'.repeat(300)}"}`],
    ['a dollar sign inside a password', 'pa$$word1'],
    ['an email address', 'dev@example.com'],
  ])('%s', (_label, value) => {
    expect(detectPlaceholder(value)).toBeUndefined();
  });

  it('never flags random base62 strings (property)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom(...ALNUM.split('')), minLength: 16, maxLength: 64 }),
        (value) => {
          expect(detectPlaceholder(value)).toBeUndefined();
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('never flags a real prefix followed by a random tail (property)', () => {
    const prefixes = [
      ...new Set(CREDENTIAL_FORMATS.flatMap((f) => (f.visiblePrefix ? [f.visiblePrefix] : []))),
    ];
    fc.assert(
      fc.property(
        fc.constantFrom(...prefixes),
        fc.string({ unit: fc.constantFrom(...B64URL.split('')), minLength: 20, maxLength: 80 }),
        (prefix, tail) => {
          expect(detectPlaceholder(prefix + tail)).toBeUndefined();
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('placeholders where a password is expected', () => {
  it('does not call a weak but real password a placeholder', () => {
    expect(classifyCredential('password', { location: 'basic_flag' }).placeholder).toBeUndefined();
    expect(classifyCredential('changeme', { location: 'userinfo' }).placeholder).toBeUndefined();
    expect(
      classifyCredential('changeme', { name: 'DB_PASSWORD', location: 'env' }).placeholder,
    ).toBeUndefined();
  });

  it('still calls a template or a YOUR_ value a placeholder there', () => {
    expect(classifyCredential('{{password}}', { location: 'basic_flag' }).placeholder?.reason).toBe(
      'template',
    );
    expect(classifyCredential('YOUR_PASSWORD', { location: 'basic_flag' }).placeholder?.reason).toBe(
      'your_value',
    );
  });

  it('calls a bare name a placeholder in a bearer header', () => {
    expect(
      classifyCredential('ACCESS_TOKEN', { location: 'authorization', scheme: 'Bearer' }).placeholder?.reason,
    ).toBe('name_not_value');
  });

  it('keeps the format of an example key so rules can name it', () => {
    const result = classifyCredential(STRIPE_DOCS_KEY);
    expect(result.placeholder?.reason).toBe('example_key');
    expect(result.format).toMatchObject({ id: 'stripe.secret_key_test', environment: 'test' });
  });
});
