import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { intake } from '../../src/intake/index.js';
import { builtinKnowledge, compilePacks, knowledgeWith } from '../../src/providers/knowledge.js';
import { loadUserPacks } from '../../src/providers/load.js';
import { applyPackFormats } from '../../src/providers/pack-formats.js';
import type { ProviderPackInput } from '../../src/providers/schema.js';
import { checksummedToken, DIGITS, generator, LOWER } from '../support/credential-fakes.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/packs', import.meta.url));
const acme = knowledgeWith(loadUserPacks(EXAMPLES));

const random = generator(7);
const liveKey = () => `acme_live_${random(LOWER + DIGITS, 32)}`;
const testKey = () => `acme_test_${random(LOWER + DIGITS, 32)}`;

const bearer = (value: string, url = 'https://api.acme-rockets.example/v2/rockets') =>
  intake(`curl ${url} -H "Authorization: Bearer ${value}"`);

function pack(id: string, formats: ProviderPackInput['credentialFormats']): ProviderPackInput {
  return {
    id,
    name: id,
    auth: [{ in: 'header', scheme: 'Bearer', credential: 'a key' }],
    credentialFormats: formats ?? [],
    docs: [{ title: 'Auth', url: `https://docs.${id}.example/` }],
  };
}

const knowledgeOf = (...packs: ProviderPackInput[]) =>
  knowledgeWith(compilePacks(packs.map((p) => ({ origin: p.id, pack: p }))));

describe('applyPackFormats', () => {
  it('names a credential intake could not name, from the pack formats', () => {
    const evidence = bearer(liveKey());
    expect(evidence.credentials[0]!.format).toBeUndefined();
    const named = applyPackFormats(evidence, acme);
    expect(named.credentials[0]!.format).toEqual({
      id: 'acme-rockets.live_key',
      provider: 'acme-rockets',
      name: 'Acme Rockets live secret key',
      tokenType: 'secret_key',
      environment: 'live',
    });
    expect(applyPackFormats(bearer(testKey()), acme).credentials[0]!.format).toMatchObject({
      id: 'acme-rockets.test_key',
      environment: 'test',
    });
  });

  it('leaves formats without a token type or environment without those fields', () => {
    const key = `acme_pk_live_${random(LOWER + DIGITS, 24)}`;
    expect(applyPackFormats(bearer(key), acme).credentials[0]!.format).toEqual({
      id: 'acme-rockets.publishable_key',
      provider: 'acme-rockets',
      name: 'Acme Rockets publishable key',
      tokenType: 'publishable_key',
    });
  });

  it('works wherever the credential was sent: another header, -u, a Basic header', () => {
    const key = liveKey();
    const url = 'https://api.acme-rockets.example/v2/rockets';
    const basic = Buffer.from(`${key}:`).toString('base64');
    for (const paste of [
      `curl ${url} -H "X-Acme-Key: ${key}"`,
      `curl ${url} -u ${key}:`,
      `curl ${url} -H "Authorization: Basic ${basic}"`,
    ]) {
      const named = applyPackFormats(intake(paste), acme);
      expect(named.credentials[0]!.format?.id, paste).toBe('acme-rockets.live_key');
    }
  });

  it('copies: the input evidence and its credentials are not changed', () => {
    const evidence = bearer(liveKey());
    const before = structuredClone(JSON.parse(JSON.stringify(evidence)));
    const credentials = evidence.credentials;
    const named = applyPackFormats(evidence, acme);
    expect(named).not.toBe(evidence);
    expect(evidence.credentials).toBe(credentials);
    expect(evidence.credentials[0]!.format).toBeUndefined();
    expect(JSON.parse(JSON.stringify(evidence))).toEqual(before);
    // Only what changed is new; the rest is shared.
    expect(named.exchanges).toBe(evidence.exchanges);
    expect(named.credentials[0]!.secret).toBe(evidence.credentials[0]!.secret);
  });

  it('never puts the raw value anywhere', () => {
    const key = liveKey();
    const named = applyPackFormats(bearer(key), acme);
    expect(JSON.stringify(named)).not.toContain(key);
    expect(JSON.stringify(named)).not.toContain(key.slice(10, 30));
  });

  it('returns the same object when no pack declares formats', () => {
    const evidence = bearer(liveKey());
    expect(applyPackFormats(evidence, builtinKnowledge())).toBe(evidence);
    expect(applyPackFormats(evidence, knowledgeOf(pack('plain', [])))).toBe(evidence);
  });

  it('returns the same object when nothing matches', () => {
    const evidence = bearer(`other_${random(LOWER, 32)}`);
    expect(applyPackFormats(evidence, acme)).toBe(evidence);
  });

  it('matches whole values only', () => {
    const key = liveKey();
    for (const value of [`${key}x`, `x${key}`, key.slice(0, -1), `${key.slice(0, 20)}-${key.slice(21)}`]) {
      expect(applyPackFormats(bearer(value), acme).credentials[0]!.format, value).toBeUndefined();
    }
  });

  it('keeps the format intake gave (built-in formats come first)', () => {
    const token = checksummedToken('ghp_');
    const evidence = bearer(token, 'https://api.github.com/user');
    const greedy = knowledgeOf(
      pack('greedy', [{ id: 'greedy.any', name: 'anything', pattern: '[a-z0-9_]{20,60}' }]),
    );
    const named = applyPackFormats(evidence, greedy);
    expect(named).toBe(evidence);
    expect(named.credentials[0]!.format?.id).toBe('github.classic_pat');
  });

  it('skips what is not a value: placeholders, shell variables, empty values', () => {
    const anything = knowledgeOf(pack('any', [{ id: 'any.key', name: 'any', pattern: '[^ ]{1,200}' }]));
    for (const paste of [
      `curl https://api.any.example -H 'Authorization: Bearer $ACME_KEY'`,
      'curl https://api.any.example -H "Authorization: Bearer <YOUR_API_KEY>"',
      'curl https://api.any.example -H "Authorization: Bearer "',
    ]) {
      const evidence = intake(paste);
      expect(applyPackFormats(evidence, anything), paste).toBe(evidence);
    }
  });

  it('clears a lookalike: a value that is exactly a pack format is not a damaged built-in key', () => {
    const value = `ghp_${random(LOWER, 12)}`;
    const evidence = bearer(value, 'https://git.internal.example/api');
    expect(evidence.credentials[0]!.lookalike?.id).toBe('github.classic_pat');
    const internal = knowledgeOf(
      pack('internal', [{ id: 'internal.key', name: 'key', pattern: 'ghp_[a-z]{12}' }]),
    );
    const named = applyPackFormats(evidence, internal).credentials[0]!;
    expect(named.format).toMatchObject({ id: 'internal.key', provider: 'internal' });
    expect(named.lookalike).toBeUndefined();
    expect(evidence.credentials[0]!.lookalike).toBeDefined();
  });

  it('takes the first matching format, in pack order', () => {
    const first = pack('first', [{ id: 'first.key', name: 'first', pattern: 'tok_[a-z]{16}' }]);
    const second = pack('second', [{ id: 'second.key', name: 'second', pattern: 'tok_[a-z0-9]{16}' }]);
    const evidence = bearer(`tok_${random(LOWER, 16)}`, 'https://api.example.com/');
    expect(applyPackFormats(evidence, knowledgeOf(first, second)).credentials[0]!.format?.id).toBe(
      'first.key',
    );
    expect(applyPackFormats(evidence, knowledgeOf(second, first)).credentials[0]!.format?.id).toBe(
      'second.key',
    );
  });

  it('names only the credentials that match, leaving the others as they were', () => {
    const key = liveKey();
    const evidence = intake(
      `curl https://api.acme-rockets.example/v2/rockets -H "Authorization: Bearer ${key}" -H "X-Other-Token: zz_${random(LOWER, 30)}"`,
    );
    expect(evidence.credentials).toHaveLength(2);
    const named = applyPackFormats(evidence, acme);
    expect(named.credentials[0]!.format?.id).toBe('acme-rockets.live_key');
    expect(named.credentials[1]).toBe(evidence.credentials[1]);
  });
});
