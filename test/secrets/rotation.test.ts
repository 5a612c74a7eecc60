import { describe, expect, it } from 'vitest';
import { builtinKnowledge, checkPacks, knowledgeWith } from '../../src/providers/knowledge.js';
import { ProviderPackSchema } from '../../src/providers/schema.js';
import { rotationAdvice } from '../../src/secrets/rotation.js';

const knowledge = builtinKnowledge();

const GENERIC_START = /^Revoke the credential where it was issued/;

describe('rotationAdvice', () => {
  it("gives the provider's own page and steps when its pack knows them", () => {
    const advice = rotationAdvice(knowledge, { providerId: 'github', formatProvider: 'github' });
    expect(advice.provider).toBe('GitHub REST API');
    expect(advice.url).toBe('https://github.com/settings/tokens');
    expect(advice.steps).toEqual(knowledge.byId('github')!.rotate!.steps);
    expect(advice.steps.join(' ')).toContain('Personal access tokens');
  });

  it('works from the API the paste was about when the credential has no known format', () => {
    const advice = rotationAdvice(knowledge, { providerId: 'stripe' });
    expect(advice.url).toBe('https://dashboard.stripe.com/apikeys');
    expect(advice.steps.join(' ')).toContain('Roll key');
  });

  it("prefers the credential's own issuer over the API the paste was about", () => {
    const advice = rotationAdvice(knowledge, { providerId: 'firebase', formatProvider: 'google' });
    expect(advice.provider).toBe(knowledge.byId('google-cloud')!.name);
    expect(advice.url).toBe('https://console.cloud.google.com/apis/credentials');
  });

  it('maps format-table provider names that differ from pack ids', () => {
    expect(rotationAdvice(knowledge, { formatProvider: 'linear' }).provider).toBe(
      knowledge.byId('linear-app')!.name,
    );
    expect(rotationAdvice(knowledge, { formatProvider: 'google' }).url).toBeDefined();
  });

  it('falls back to the API the paste was about when the format names no pack', () => {
    const advice = rotationAdvice(knowledge, { providerId: 'openai', formatProvider: 'generic' });
    expect(advice.url).toBe('https://platform.openai.com/api-keys');
  });

  it("gives generic steps with the provider's name when its pack has no rotation page", () => {
    const pack = knowledge.packs.find((p) => !p.rotate)!;
    const advice = rotationAdvice(knowledge, { providerId: pack.id });
    expect(advice.provider).toBe(pack.name);
    expect(advice.url).toBeUndefined();
    expect(advice.steps[0]).toMatch(GENERIC_START);
    expect(advice.steps[0]).toContain(pack.name);
  });

  it.each([
    ['nothing', {}],
    ['a null provider', { providerId: null }],
    ['an unknown provider', { providerId: 'no-such-api', formatProvider: 'huggingface' }],
    ['a generic format', { formatProvider: 'generic' }],
  ])('gives generic steps for %s', (_name, hint) => {
    const advice = rotationAdvice(knowledge, hint);
    expect(advice.provider).toBeUndefined();
    expect(advice.url).toBeUndefined();
    expect(advice.steps).toHaveLength(4);
    expect(advice.steps[0]).toMatch(GENERIC_START);
    expect(advice.steps.join(' ')).toMatch(/Create a new credential/);
    expect(advice.steps.join(' ')).toMatch(/CI secrets/);
    expect(advice.steps.join(' ')).toMatch(/audit or access log/);
  });

  it('hands out a copy: changing the advice does not change the pack', () => {
    const advice = rotationAdvice(knowledge, { providerId: 'github' });
    advice.steps.push('tampered');
    expect(knowledge.byId('github')!.rotate!.steps).not.toContain('tampered');
  });

  it('follows a user pack that replaces a built-in one', () => {
    const [custom] = checkPacks([
      {
        origin: 'test',
        pack: {
          id: 'github',
          name: 'GitHub Enterprise (Acme)',
          auth: [{ in: 'header', scheme: 'Bearer', credential: 'a token' }],
          docs: [{ title: 'Auth', url: 'https://ghe.acme.example/docs/auth' }],
          rotate: { url: 'https://ghe.acme.example/settings/tokens', steps: ['Ask #platform to rotate it.'] },
        },
      },
    ]).packs;
    const advice = rotationAdvice(knowledgeWith([custom!]), { providerId: 'github' });
    expect(advice).toEqual({
      provider: 'GitHub Enterprise (Acme)',
      url: 'https://ghe.acme.example/settings/tokens',
      steps: ['Ask #platform to rotate it.'],
    });
  });
});

describe('pack rotation pages', () => {
  const rotating = knowledge.packs.filter((p) => p.rotate);

  it('are known for the major providers', () => {
    const ids = rotating.map((p) => p.id);
    for (const id of [
      'github',
      'gitlab',
      'stripe',
      'slack',
      'openai',
      'anthropic',
      'aws',
      'google-cloud',
      'twilio',
    ])
      expect(ids, id).toContain(id);
    expect(rotating.length).toBeGreaterThanOrEqual(40);
  });

  it('are https links with short plain-text steps', () => {
    for (const pack of rotating) {
      expect(pack.rotate!.url, pack.id).toMatch(/^https:\/\/[a-z0-9.-]+\//);
      for (const step of pack.rotate!.steps) {
        expect(step.length, `${pack.id}: ${step}`).toBeLessThanOrEqual(300);
        expect(step.split('`').length % 2, `${pack.id}: ${step}`).toBe(1);
        expect(step, pack.id).not.toMatch(/\*\*|\[[^\]]*\]\(|\n/);
      }
    }
  });

  it('are validated like the rest of a pack', () => {
    const base = {
      id: 'acme',
      name: 'Acme',
      auth: [{ in: 'header', credential: 'a key' }],
      docs: [{ title: 'Auth', url: 'https://docs.acme.example/auth' }],
    };
    expect(ProviderPackSchema.safeParse(base).success).toBe(true);
    expect(
      ProviderPackSchema.safeParse({
        ...base,
        rotate: { url: 'https://acme.example/keys', steps: ['Roll it.'] },
      }).success,
    ).toBe(true);
    expect(
      ProviderPackSchema.safeParse({ ...base, rotate: { url: 'not a url', steps: ['Roll it.'] } }).success,
    ).toBe(false);
    expect(
      ProviderPackSchema.safeParse({ ...base, rotate: { url: 'https://acme.example/keys', steps: [] } })
        .success,
    ).toBe(false);
  });
});
