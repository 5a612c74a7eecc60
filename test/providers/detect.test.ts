import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { computeFacts } from '../../src/diagnose/facts.js';
import type { Evidence } from '../../src/intake/evidence.js';
import { intake } from '../../src/intake/index.js';
import { detectProvider } from '../../src/providers/detect.js';
import {
  builtinKnowledge,
  compilePacks,
  knowledgeWith,
  type ProviderKnowledge,
} from '../../src/providers/knowledge.js';
import { loadUserPacks } from '../../src/providers/load.js';
import { applyPackFormats } from '../../src/providers/pack-formats.js';
import { checksummedToken, DIGITS, generator, LOWER } from '../support/credential-fakes.js';

const EXAMPLES = fileURLToPath(new URL('../../examples/packs', import.meta.url));
const knowledge = knowledgeWith(loadUserPacks(EXAMPLES));

const random = generator(11);
const liveKey = () => `acme_live_${random(LOWER + DIGITS, 32)}`;
const testKey = () => `acme_test_${random(LOWER + DIGITS, 32)}`;

/** What diagnose does: intake, then the pack formats, then detection. */
function detect(paste: string, using: ProviderKnowledge = knowledge) {
  const evidence: Evidence = applyPackFormats(intake(paste), using);
  return detectProvider(evidence, computeFacts(evidence), using);
}

/** The Acme error body shape from the example pack. */
const acmeError = (code: string, message: string) =>
  JSON.stringify({ error: { type: 'authentication_error', code, message, request_id: 'req_8f2k' } });

describe('detectProvider with the example pack', () => {
  it('by host, with the environment of that host', () => {
    const live = detect('curl https://api.acme-rockets.example/v2/rockets');
    expect(live?.pack.id).toBe('acme-rockets');
    expect(live?.via).toEqual(['host']);
    expect(live?.environment).toBe('production');
    expect(live?.host?.basePath).toBe('/v2');
    expect(live?.confidence).toBe(1);

    const sandbox = detect('curl https://sandbox.acme-rockets.example/v2/rockets');
    expect(sandbox?.pack.id).toBe('acme-rockets');
    expect(sandbox?.environment).toBe('sandbox');

    const eu = detect('curl https://API.EU.acme-rockets.example./v2/rockets');
    expect(eu?.host?.region).toBe('eu');
  });

  it('by host through a wildcard entry', () => {
    const dedicated = detect('curl https://orbital.dedicated.acme-rockets.example/v2/rockets');
    expect(dedicated?.pack.id).toBe('acme-rockets');
    expect(dedicated?.host?.host).toBe('*.dedicated.acme-rockets.example');
    expect(dedicated?.environment).toBe('production');
  });

  it('by credential format, once applyPackFormats has named the key', () => {
    const paste = `curl https://rockets-proxy.internal.example/v2/rockets -H "Authorization: Bearer ${liveKey()}"`;
    const found = detect(paste);
    expect(found?.pack.id).toBe('acme-rockets');
    expect(found?.via).toEqual(['credential']);
    expect(found?.confidence).toBeCloseTo(0.8);
    // No host entry: the environment comes from the host only.
    expect(found?.environment).toBeUndefined();

    // Intake alone cannot name the key, so without the pack formats nothing points at Acme.
    const raw = intake(paste);
    expect(detectProvider(raw, computeFacts(raw), knowledge)).toBeUndefined();
  });

  it('by credential format and host together, with the sandbox environment from the host', () => {
    const found = detect(
      `curl https://sandbox.acme-rockets.example/v2/rockets -H "Authorization: Bearer ${testKey()}"`,
    );
    expect(found?.via).toEqual(['host', 'credential']);
    expect(found?.environment).toBe('sandbox');
  });

  it('by a header name only this API uses', () => {
    const found = detect('curl https://gateway.internal.example/rockets -H "Acme-Version: 2025-06-01"');
    expect(found?.pack.id).toBe('acme-rockets');
    expect(found?.via).toEqual(['header']);

    const both = detect(`curl https://gateway.internal.example/rockets -H "X-Acme-Key: ${liveKey()}"`);
    expect(both?.via).toEqual(['credential', 'header']);
  });

  it('by an error signature in a pasted response or error body', () => {
    const response = detect(
      `HTTP/1.1 401 Unauthorized\nContent-Type: application/json\n\n${acmeError('key_revoked', 'This API key was revoked on 2025-11-02.')}`,
    );
    expect(response?.pack.id).toBe('acme-rockets');
    expect(response?.via).toEqual(['error']);

    const body = detect(acmeError('test_key_on_live', 'Test keys cannot be used on the live API.'));
    expect(body?.pack.id).toBe('acme-rockets');
    expect(body?.via).toContain('error');
  });

  it('does not name Acme for an unrelated paste', () => {
    expect(
      detect('curl https://api.example.com/v1/things -H "Authorization: Bearer abcdef0123456789abcdef"'),
    ).toBeUndefined();
    expect(detect('HTTP/1.1 401 Unauthorized\n\n{"error": "invalid_token"}')?.pack.id).not.toBe(
      'acme-rockets',
    );
  });

  it('still detects GitHub by host and by a ghp_ token, with user packs loaded', () => {
    for (const k of [knowledge, builtinKnowledge()]) {
      const byHost = detect('curl https://api.github.com/user', k);
      expect(byHost?.pack.id).toBe('github');
      expect(byHost?.via).toEqual(['host']);
      expect(byHost?.environment).toBe('production');

      const byToken = detect(
        `curl https://ci.internal.example/hook -H "Authorization: token ${checksummedToken('ghp_')}"`,
        k,
      );
      expect(byToken?.pack.id).toBe('github');
      expect(byToken?.via).toEqual(['credential']);
    }
  });

  it('follows a user pack that replaces the built-in GitHub pack', () => {
    const enterprise = compilePacks([
      {
        origin: 'github.yaml',
        pack: {
          id: 'github',
          name: 'GitHub Enterprise Server',
          hosts: [{ host: 'github.corp.example', basePath: '/api/v3' }],
          auth: [{ in: 'header', scheme: 'Bearer', credential: 'a PAT', formats: ['github.classic_pat'] }],
          docs: [{ title: 'Auth', url: 'https://docs.github.com/en/enterprise-server/rest' }],
        },
      },
    ]);
    const k = knowledgeWith(enterprise);
    const found = detect(
      `curl https://github.corp.example/api/v3/user -H "Authorization: Bearer ${checksummedToken('ghp_')}"`,
      k,
    );
    expect(found?.pack.name).toBe('GitHub Enterprise Server');
    expect(found?.via).toEqual(['host', 'credential']);
    expect(detect('curl https://api.github.com/user', k)).toBeUndefined();
  });
});

describe('detectProvider from the answer alone', () => {
  it("recognises an API by a header only its responses carry (a gateway's request id)", () => {
    const gateway = knowledgeWith(
      compilePacks([
        {
          origin: 'test',
          pack: {
            id: 'orbit-gateway',
            name: 'Orbit Gateway',
            auth: [{ in: 'header', scheme: 'Bearer', credential: 'an access token' }],
            headerNames: ['x-orbit-request-id'],
            docs: [{ title: 'Auth', url: 'https://docs.orbit.example/auth' }],
          },
        },
      ]),
    );
    const found = detect(
      'HTTP/1.1 401 Unauthorized\nX-Orbit-Request-Id: 7f3e\nContent-Length: 0\n\n',
      gateway,
    );
    expect(found?.pack.id).toBe('orbit-gateway');
    expect(found?.via).toEqual(['header']);
  });
});
