/**
 * The JWKS check against real servers on 127.0.0.1: discovery, key set, verdicts, and the guard (no request
 * to a non-allowlisted issuer, to a loopback address AUTHDOCTOR_OUTBOUND_ALLOW does not list, or through
 * a redirect).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { exportJWK, generateKeyPair, type JWK, SignJWT, UnsecuredJWT } from 'jose';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SignatureVerdict } from '../../src/diagnose/context.js';
import { diagnose } from '../../src/diagnose/diagnose.js';
import { intake } from '../../src/intake/index.js';
import { outboundPolicy } from '../../src/net/outbound.js';
import {
  checkSignatures,
  clearJwksCache,
  normaliseIssuer,
  type SignatureCheckOptions,
} from '../../src/providers/jwks.js';

type SigningKey = Parameters<SignJWT['sign']>[0];

/** What the tests' servers need: 127.0.0.1 listed, as an operator lists an internal identity provider. */
const LOOPBACK_ALLOWED = outboundPolicy({ allow: ['127.0.0.1'] });
const PUBLIC_ONLY = outboundPolicy({ allow: [] });
type Handler = (req: IncomingMessage, res: ServerResponse, base: string) => void;

interface FakeServer {
  base: string;
  port: number;
  /** Paths requested, in order. */
  requests: string[];
  connections: number;
  handler: Handler;
  close(): Promise<void>;
}

const servers: FakeServer[] = [];

async function startServer(handler: Handler): Promise<FakeServer> {
  const server: Server = createServer((req, res) => {
    fake.requests.push(req.url ?? '');
    fake.handler(req, res, fake.base);
  });
  const fake: FakeServer = {
    base: '',
    port: 0,
    requests: [],
    connections: 0,
    handler,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  server.on('connection', () => {
    fake.connections += 1;
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.port = (server.address() as AddressInfo).port;
  fake.base = `http://127.0.0.1:${fake.port}`;
  servers.push(fake);
  return fake;
}

const json = (res: ServerResponse, body: unknown, status = 200) => {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
};

let rsa: Awaited<ReturnType<typeof generateKeyPair>>;
let rsaOther: Awaited<ReturnType<typeof generateKeyPair>>;
let ec: Awaited<ReturnType<typeof generateKeyPair>>;
let keys: JWK[];
let idp: FakeServer;
/** Every raw token made in this file: no verdict may contain one. */
const rawTokens: string[] = [];
const allVerdicts: SignatureVerdict[] = [];

/** The standard issuer: discovery names itself and a key set with one RSA and one EC key. */
const issuerHandler: Handler = (req, res, base) => {
  if (req.url === '/.well-known/openid-configuration')
    return json(res, { issuer: base, jwks_uri: `${base}/jwks` });
  if (req.url === '/jwks') return json(res, { keys });
  json(res, { error: 'not_found' }, 404);
};

beforeAll(async () => {
  rsa = await generateKeyPair('RS256');
  rsaOther = await generateKeyPair('RS256');
  ec = await generateKeyPair('ES256');
  keys = [
    { ...(await exportJWK(rsa.publicKey)), kid: 'rsa-1', alg: 'RS256', use: 'sig' },
    { ...(await exportJWK(ec.publicKey)), kid: 'ec-1', alg: 'ES256', use: 'sig' },
  ];
  idp = await startServer(issuerHandler);
});

afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
  const printed = JSON.stringify(allVerdicts);
  for (const t of rawTokens) {
    expect(printed).not.toContain(t);
    expect(printed).not.toContain(t.split('.')[2] || t);
  }
});

beforeEach(() => {
  clearJwksCache();
  idp.requests.length = 0;
  idp.connections = 0;
});

afterEach(() => {
  vi.restoreAllMocks();
});

async function token(
  iss: string,
  sign: { alg: 'RS256' | 'ES256'; kid?: string; key?: SigningKey } = { alg: 'RS256', kid: 'rsa-1' },
  claims: Record<string, unknown> = {},
): Promise<string> {
  const key = sign.key ?? (sign.alg === 'ES256' ? ec.privateKey : rsa.privateKey);
  const t = await new SignJWT({ sub: 'user-1', aud: 'https://api.example.com', ...claims })
    .setProtectedHeader({ alg: sign.alg, typ: 'JWT', ...(sign.kid ? { kid: sign.kid } : {}) })
    .setIssuer(iss)
    .setIssuedAt()
    .setExpirationTime('1h')
    .sign(key);
  rawTokens.push(t);
  return t;
}

const paste = (t: string) => `curl -H "Authorization: Bearer ${t}" https://api.example.com/x`;

async function check(
  text: string,
  options: Partial<SignatureCheckOptions> = {},
): Promise<SignatureVerdict[]> {
  const verdicts = await checkSignatures(intake(text), {
    issuers: [idp.base],
    outbound: LOOPBACK_ALLOWED,
    timeoutMs: 2000,
    ...options,
  });
  allVerdicts.push(...verdicts);
  const printed = JSON.stringify(verdicts);
  for (const t of rawTokens) expect(printed).not.toContain(t);
  return verdicts;
}

describe('checkSignatures: verdicts', () => {
  it('a token signed by the issuer’s RSA key is valid', async () => {
    const [v, ...rest] = await check(paste(await token(idp.base)));
    expect(rest).toEqual([]);
    expect(v).toMatchObject({
      credential: 'c1',
      issuer: idp.base,
      outcome: 'valid',
      kid: 'rsa-1',
      alg: 'RS256',
    });
    expect(v?.detail).toContain('/jwks');
    expect(idp.requests).toEqual(['/.well-known/openid-configuration', '/jwks']);
  });

  it('a token signed by the issuer’s EC key is valid, and expiry is not this check’s business', async () => {
    const t = await token(
      `${idp.base}/`,
      { alg: 'ES256', kid: 'ec-1' },
      { exp: 1_000_000_000, nbf: 999_999_000 },
    );
    const [v] = await check(paste(t));
    expect(v?.outcome).toBe('valid');
  });

  it('a token without kid is tried against the keys of its algorithm', async () => {
    const [v] = await check(paste(await token(idp.base, { alg: 'ES256' })));
    expect(v?.outcome).toBe('valid');
  });

  it('another key under the same kid: bad_signature', async () => {
    const t = await token(idp.base, { alg: 'RS256', kid: 'rsa-1', key: rsaOther.privateKey });
    const [v] = await check(paste(t));
    expect(v).toMatchObject({ outcome: 'bad_signature', kid: 'rsa-1' });
    expect(v?.detail).toContain('does not verify');
  });

  it('a token whose payload was edited after signing: bad_signature', async () => {
    const t = await token(idp.base);
    const [h, , s] = t.split('.');
    const forged = `${h}.${Buffer.from(JSON.stringify({ iss: idp.base, sub: 'admin' })).toString('base64url')}.${s}`;
    rawTokens.push(forged);
    const [v] = await check(paste(forged));
    expect(v?.outcome).toBe('bad_signature');
  });

  it('an unknown kid: kid_not_found, naming the kids that are published', async () => {
    const [v] = await check(paste(await token(idp.base, { alg: 'RS256', kid: 'rsa-2019' })));
    expect(v).toMatchObject({ outcome: 'kid_not_found', kid: 'rsa-2019' });
    expect(v?.detail).toContain('"rsa-1"');
    expect(v?.detail).toContain('"ec-1"');
  });

  it('HS256 against an RSA/EC issuer: algorithm confusion', async () => {
    const secret = new TextEncoder().encode('a-shared-secret-of-at-least-32-bytes!!');
    const t = await new SignJWT({ sub: 'user-1' })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setIssuer(idp.base)
      .sign(secret);
    rawTokens.push(t);
    const [v] = await check(paste(t));
    expect(v).toMatchObject({ outcome: 'alg_not_allowed', alg: 'HS256' });
    expect(v?.detail).toContain('algorithm confusion');
  });

  it('alg: none is an unsigned token', async () => {
    const t = new UnsecuredJWT({ sub: 'user-1' }).setIssuer(idp.base).encode();
    const [v] = await check(paste(t));
    expect(v).toMatchObject({ outcome: 'alg_not_allowed', alg: 'none' });
    expect(v?.detail).toContain('unsigned');
  });

  it('an algorithm the JWK with that kid does not allow', async () => {
    // Signed with the EC key but labelled with the RSA key's kid.
    const [v] = await check(paste(await token(idp.base, { alg: 'ES256', kid: 'rsa-1' })));
    expect(v).toMatchObject({ outcome: 'alg_not_allowed', kid: 'rsa-1', alg: 'ES256' });
    expect(v?.detail).toContain('cannot verify ES256');
  });

  it('a token with a jwk header is still verified only with the issuer’s keys', async () => {
    const attacker = await generateKeyPair('RS256');
    const t = await new SignJWT({ sub: 'admin' })
      .setProtectedHeader({ alg: 'RS256', kid: 'rsa-1', jwk: await exportJWK(attacker.publicKey) })
      .setIssuer(idp.base)
      .sign(attacker.privateKey);
    rawTokens.push(t);
    const [v] = await check(paste(t));
    expect(v?.outcome).toBe('bad_signature');
  });

  it('checks each token of a paste once, with one fetch for both', async () => {
    const a = await token(idp.base);
    const b = await token(idp.base, { alg: 'RS256', kid: 'nope' });
    const verdicts = await check(
      `${paste(a)}\ncurl -H "Authorization: Bearer ${b}" https://api.example.com/y`,
    );
    expect(verdicts.map((v) => v.outcome).sort()).toEqual(['kid_not_found', 'valid']);
    expect(idp.requests).toEqual(['/.well-known/openid-configuration', '/jwks']);
  });
});

describe('checkSignatures: what is never fetched', () => {
  it('a token whose issuer is not allowlisted gets no verdict and no request', async () => {
    const verdicts = await check(paste(await token('https://login.other.example/')));
    expect(verdicts).toEqual([]);
    const lookalike = await check(paste(await token(`${idp.base}.evil.example`)));
    expect(lookalike).toEqual([]);
    const pathed = await check(paste(await token(`${idp.base}/tenant-b`)));
    expect(pathed).toEqual([]);
    expect(idp.connections).toBe(0);
  });

  it('no issuers configured: nothing at all', async () => {
    expect(await check(paste(await token(idp.base)), { issuers: [] })).toEqual([]);
    expect(idp.connections).toBe(0);
  });

  it('with 127.0.0.1 not on the allow list a loopback issuer is refused before any connection', async () => {
    const https = `https://127.0.0.1:${idp.port}`;
    const [v] = await check(paste(await token(https)), { issuers: [https], outbound: PUBLIC_ONLY });
    expect(v?.outcome).toBe('unreachable');
    expect(v?.detail).toMatch(/refused .*127\.0\.0\.1 is a loopback address/);
    expect(idp.connections).toBe(0);
  });

  it('… and so is a host name that resolves to loopback', async () => {
    const https = `https://localhost:${idp.port}`;
    const [v] = await check(paste(await token(https)), { issuers: [https], outbound: PUBLIC_ONLY });
    expect(v?.outcome).toBe('unreachable');
    expect(v?.detail).toMatch(/localhost resolves to .* loopback/);
    expect(idp.connections).toBe(0);
  });

  it('… and http is allowed only to a listed host: otherwise the issuer is not even a valid entry', async () => {
    expect(await check(paste(await token(idp.base)), { outbound: PUBLIC_ONLY })).toEqual([]);
    expect(idp.connections).toBe(0);
  });

  it('a redirecting discovery endpoint is refused and the target is never asked', async () => {
    const target = await startServer(issuerHandler);
    const redirecting = await startServer((_req, res) => {
      res.writeHead(302, { location: `${target.base}/.well-known/openid-configuration` });
      res.end();
    });
    const [v] = await check(paste(await token(redirecting.base)), { issuers: [redirecting.base] });
    expect(v?.outcome).toBe('unreachable');
    expect(v?.detail).toMatch(/HTTP 302, a redirect to .*; redirects are refused/);
    expect(redirecting.requests).toEqual(['/.well-known/openid-configuration']);
    expect(target.connections).toBe(0);
  });

  it('a jwks_uri that redirects is refused too', async () => {
    const server = await startServer((req, res, base) => {
      if (req.url === '/.well-known/openid-configuration')
        return json(res, { issuer: base, jwks_uri: `${base}/jwks` });
      res.writeHead(301, { location: 'http://169.254.169.254/latest/meta-data/' });
      res.end();
    });
    const [v] = await check(paste(await token(server.base)), { issuers: [server.base] });
    expect(v?.detail).toMatch(
      /HTTP 301, a redirect to http:\/\/169\.254\.169\.254\/latest\/meta-data\/; redirects are refused/,
    );
  });

  it('a jwks_uri with another scheme or credentials is refused without a request', async () => {
    for (const jwksUri of ['ftp://127.0.0.1/jwks', 'http://user:pw@127.0.0.1/jwks', 'not a url']) {
      clearJwksCache();
      const server = await startServer((req, res, base) => {
        if (req.url === '/.well-known/openid-configuration')
          return json(res, { issuer: base, jwks_uri: jwksUri });
        json(res, { keys });
      });
      const [v] = await check(paste(await token(server.base)), { issuers: [server.base] });
      expect(v?.outcome).toBe('unreachable');
      expect(server.requests).toEqual(['/.well-known/openid-configuration']);
    }
  });
});

describe('checkSignatures: failures become verdicts', () => {
  it('a server that never answers is unreachable within the timeout', async () => {
    const silent = await startServer(() => {});
    const started = Date.now();
    const [v] = await check(paste(await token(silent.base)), { issuers: [silent.base], timeoutMs: 150 });
    expect(Date.now() - started).toBeLessThan(1500);
    expect(v?.outcome).toBe('unreachable');
    expect(v?.detail).toContain('no answer within 150 ms');
  });

  it('a server that stops half way through the key set is unreachable within the timeout', async () => {
    const slow = await startServer((req, res, base) => {
      if (req.url === '/.well-known/openid-configuration')
        return json(res, { issuer: base, jwks_uri: `${base}/jwks` });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.write('{"keys": [');
    });
    const [v] = await check(paste(await token(slow.base)), { issuers: [slow.base], timeoutMs: 150 });
    expect(v?.outcome).toBe('unreachable');
    expect(v?.detail).toContain('no answer within 150 ms');
  });

  it('a refused connection is unreachable', async () => {
    const gone = await startServer(() => {});
    await gone.close();
    const [v] = await check(paste(await token(gone.base)), { issuers: [gone.base] });
    expect(v).toMatchObject({ outcome: 'unreachable' });
    expect(v?.detail).toContain('refused');
  });

  it.each([
    ['a 404 discovery', (res: ServerResponse) => json(res, { error: 'nope' }, 404), 'HTTP 404'],
    ['HTML instead of JSON', (res: ServerResponse) => res.end('<html>login</html>'), 'did not return JSON'],
    ['no jwks_uri', (res: ServerResponse) => json(res, { issuer: 'x' }), 'no jwks_uri'],
  ])('%s is unreachable with a reason', async (_name, reply, reason) => {
    const server = await startServer((_req, res) => reply(res));
    const [v] = await check(paste(await token(server.base)), { issuers: [server.base] });
    expect(v?.outcome).toBe('unreachable');
    expect(v?.detail).toContain(reason);
  });

  it('a discovery document naming another issuer is not used (mix-up)', async () => {
    const server = await startServer((req, res, base) => {
      if (req.url === '/.well-known/openid-configuration')
        return json(res, { issuer: 'https://login.other.example', jwks_uri: `${base}/jwks` });
      json(res, { keys });
    });
    const [v] = await check(paste(await token(server.base)), { issuers: [server.base] });
    expect(v?.detail).toContain('names a different issuer');
    expect(server.requests).toEqual(['/.well-known/openid-configuration']);
  });

  it('an oversized key set is refused', async () => {
    const big = await startServer((req, res, base) => {
      if (req.url === '/.well-known/openid-configuration')
        return json(res, { issuer: base, jwks_uri: `${base}/jwks` });
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ keys, padding: 'x'.repeat(600 * 1024) }));
    });
    const [v] = await check(paste(await token(big.base)), { issuers: [big.base] });
    expect(v?.outcome).toBe('unreachable');
    expect(v?.detail).toContain('more than 512 KB');
  });

  it('an oversized key set without content-length is cut off too', async () => {
    const big = await startServer((req, res, base) => {
      if (req.url === '/.well-known/openid-configuration')
        return json(res, { issuer: base, jwks_uri: `${base}/jwks` });
      res.writeHead(200, { 'content-type': 'application/json' });
      const chunk = 'x'.repeat(64 * 1024);
      for (let i = 0; i < 10; i += 1) res.write(chunk);
      res.end();
    });
    const [v] = await check(paste(await token(big.base)), { issuers: [big.base] });
    expect(v?.detail).toContain('more than 512 KB');
  });

  it('a key set that is not a JWK set is unreachable; malformed keys are skipped', async () => {
    const bad = await startServer((req, res, base) => {
      if (req.url === '/.well-known/openid-configuration')
        return json(res, { issuer: base, jwks_uri: `${base}/jwks` });
      json(res, { keys: 'nope' });
    });
    const [v] = await check(paste(await token(bad.base)), { issuers: [bad.base] });
    expect(v?.detail).toContain('not a JWK set');

    const mixed = await startServer((req, res, base) => {
      if (req.url === '/.well-known/openid-configuration')
        return json(res, { issuer: base, jwks_uri: `${base}/jwks` });
      json(res, { keys: [42, { kid: 'no-kty' }, ...keys] });
    });
    const [w] = await check(paste(await token(mixed.base)), { issuers: [mixed.base] });
    expect(w?.outcome).toBe('valid');
  });

  it('one failing issuer does not affect another in the same paste', async () => {
    const silent = await startServer(() => {});
    const good = await token(idp.base);
    const stuck = await token(silent.base);
    const verdicts = await check(
      `${paste(good)}\ncurl -H "Authorization: Bearer ${stuck}" https://api.example.com/y`,
      {
        issuers: [idp.base, silent.base],
        timeoutMs: 150,
      },
    );
    expect(verdicts.map((v) => v.outcome).sort()).toEqual(['unreachable', 'valid']);
  });
});

describe('checkSignatures: cache', () => {
  it('fetches discovery and the key set once for two pastes', async () => {
    await check(paste(await token(idp.base)));
    await check(paste(await token(idp.base, { alg: 'ES256', kid: 'ec-1' })));
    expect(idp.requests).toEqual(['/.well-known/openid-configuration', '/jwks']);
  });

  it('shares one fetch between pastes checked at the same time', async () => {
    const [a, b] = await Promise.all([
      check(paste(await token(idp.base))),
      check(paste(await token(idp.base))),
    ]);
    expect([a[0]?.outcome, b[0]?.outcome]).toEqual(['valid', 'valid']);
    expect(idp.requests).toEqual(['/.well-known/openid-configuration', '/jwks']);
  });

  it('refetches after the cache expires', async () => {
    const t = await token(idp.base);
    await check(paste(t));
    const now = Date.now();
    vi.spyOn(Date, 'now').mockReturnValue(now + 6 * 60_000);
    await check(paste(t));
    expect(idp.requests).toHaveLength(4);
  });

  it('an unknown kid refetches a set older than a minute once, picking up a newly published key', async () => {
    const fresh = await generateKeyPair('RS256');
    const t = await token(idp.base, { alg: 'RS256', kid: 'rsa-2', key: fresh.privateKey });
    const [before] = await check(paste(t));
    expect(before?.outcome).toBe('kid_not_found');
    const saved = keys;
    keys = [...keys, { ...(await exportJWK(fresh.publicKey)), kid: 'rsa-2', alg: 'RS256' }];
    try {
      // Within the cooldown the cached set answers.
      const [soon] = await check(paste(t));
      expect(soon?.outcome).toBe('kid_not_found');
      expect(idp.requests).toHaveLength(2);
      const now = Date.now();
      vi.spyOn(Date, 'now').mockReturnValue(now + 90_000);
      const [later] = await check(paste(t));
      expect(later?.outcome).toBe('valid');
      expect(idp.requests).toHaveLength(4);
    } finally {
      keys = saved;
    }
  });

  it('remembers a failing issuer briefly instead of waiting on it for every paste', async () => {
    const silent = await startServer(() => {});
    const t = await token(silent.base);
    await check(paste(t), { issuers: [silent.base], timeoutMs: 100 });
    const started = Date.now();
    const [v] = await check(paste(t), { issuers: [silent.base], timeoutMs: 100 });
    expect(Date.now() - started).toBeLessThan(90);
    expect(v?.outcome).toBe('unreachable');
    expect(silent.requests).toHaveLength(1);
  });
});

describe('normaliseIssuer', () => {
  it('drops one trailing slash and refuses what is not an issuer', () => {
    expect(normaliseIssuer('https://login.example.com/', false)).toBe('https://login.example.com');
    expect(normaliseIssuer('https://LOGIN.example.com:443/t/v2.0/', false)).toBe(
      'https://login.example.com/t/v2.0',
    );
    expect(normaliseIssuer('http://login.example.com', false)).toBeUndefined();
    expect(normaliseIssuer('http://login.example.com', true)).toBe('http://login.example.com');
    expect(normaliseIssuer('https://u:p@login.example.com', false)).toBeUndefined();
    expect(normaliseIssuer('https://login.example.com/?x=1', false)).toBeUndefined();
    expect(normaliseIssuer('https://login.example.com/#', false)).toBeUndefined();
    expect(normaliseIssuer('login.example.com', false)).toBeUndefined();
  });
});

describe('diagnose with the signature check', () => {
  it('reports a token signed with an unpublished key as an error finding', async () => {
    const t = await token(idp.base, { alg: 'RS256', kid: 'legacy-2019' });
    const diagnosis = await diagnose(paste(t), {
      signatureCheck: { issuers: [idp.base], outbound: LOOPBACK_ALLOWED, timeoutMs: 2000 },
    });
    const finding = diagnosis.findings.find((f) => f.rule === 'jwt-signature-invalid');
    expect(finding).toMatchObject({ cause: 'signature_or_key_mismatch', severity: 'error' });
    expect(finding?.detail).toContain('legacy-2019');
    expect(JSON.stringify(diagnosis)).not.toContain(t.split('.')[2]);
  });
});
