/**
 * The leak corpus: a fake of every credential format the bot knows, each inside a paste a developer would
 * write (a curl command, a `curl -v` trace, a raw HTTP exchange, a .env file, code, a log line), plus the
 * credential shapes that have no format of their own (JWTs, HTTP Basic in its three spellings, session
 * cookies, keys in query strings, PEM and OpenSSH private keys, AWS key pairs, opaque bearer tokens,
 * x-api-key headers). Each item lists the raw strings that must never leave the bot.
 *
 * The format list is read from the code: the intake table (CREDENTIAL_FORMATS) and every provider pack's own
 * `credentialFormats`. Each fake is drawn from the format's pattern with a generator seeded by the format id
 * (./regex-sample.ts), and put where the provider's pack says that credential goes (header, scheme, query
 * parameter, Basic username or password) on the pack's host. A format added later is in the corpus without
 * an edit here; `uncoveredFormats()` names any the corpus misses.
 */
import { CREDENTIAL_FORMATS, type FormatEntry } from '../../src/intake/credentials/formats.js';
import { builtinKnowledge } from '../../src/providers/knowledge.js';
import type { AuthMethod, ProviderPack } from '../../src/providers/schema.js';
import { ALNUM, B64, B64URL, checksummedToken, generator, HEX, pem } from '../support/credential-fakes.js';
import { at, fakeJwt } from '../support/jwt-fakes.js';
import { type Random, sampleMatching } from './regex-sample.js';

/** Where the paste came from, in the words a reader of a failure message needs. */
export type Shape = 'curl' | 'curl -v' | 'http' | 'env' | 'code' | 'log';

export interface CorpusSecret {
  /** The raw string that must not appear anywhere the bot writes. */
  value: string;
  /** What it is: `token`, `password`, `basic blob`, `user:pass`, `private key`. */
  role: string;
  /** A part of the value that is public and may be shown (a format prefix, a JWT header). */
  publicPrefix?: string;
  /** Look for the whole value only: its parts are listed as secrets of their own (a PEM block's lines). */
  wholeOnly?: boolean;
}

export interface CorpusItem {
  /** Unique and stable: `stripe.secret_key_live`, `stripe.secret_key_live/prose`, `basic/header`. */
  id: string;
  /** The format ids this item exercises (for the coverage check); a category for the rest. */
  formats: string[];
  shape: Shape;
  paste: string;
  secrets: CorpusSecret[];
}

/** Every credential format id the bot knows: the intake table and the packs' own formats. */
export function knownFormatIds(): string[] {
  const packFormats = builtinKnowledge().packs.flatMap((p) => p.credentialFormats.map((f) => f.id));
  return [...new Set([...CREDENTIAL_FORMATS.map((f) => f.id), ...packFormats])].sort();
}

/** Format ids no corpus item exercises: empty, or the corpus is behind the code. */
export function uncoveredFormats(corpus: readonly CorpusItem[]): string[] {
  const covered = new Set(corpus.flatMap((item) => item.formats));
  return knownFormatIds().filter((id) => !covered.has(id));
}

// ---------------------------------------------------------------------------------------------------------
// Fakes of the table's formats

/** FNV-1a of the format id: each format's fake is its own, whatever order the table lists them in. */
function seedOf(id: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    h ^= id.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h || 1;
}

/** A structural format that the hand-built items below cover (a JWT or a PEM block is not one random run). */
const STRUCTURAL = new Set(['generic.jwt', 'generic.base64_jwt', 'generic.private_key']);

interface FormatSpec {
  id: string;
  provider: string;
  /** Literal prefix shown in fingerprints. */
  prefix?: string;
  pattern: RegExp;
  checksum?: FormatEntry['checksum'];
  /** Only named under a telling variable or header name. */
  needsContext: boolean;
  /** Recognisable in free text by its prefix alone. */
  scannable: boolean;
}

function formatSpecs(): FormatSpec[] {
  const fromTable = CREDENTIAL_FORMATS.filter((f) => !STRUCTURAL.has(f.id)).map(
    (f): FormatSpec => ({
      id: f.id,
      provider: f.provider,
      ...(f.visiblePrefix ? { prefix: f.visiblePrefix } : {}),
      pattern: f.pattern,
      ...(f.checksum ? { checksum: f.checksum } : {}),
      needsContext: f.context !== undefined,
      scannable: f.scan !== undefined,
    }),
  );
  const fromPacks = builtinKnowledge().packs.flatMap((pack) =>
    pack.credentialFormats.map(
      (f): FormatSpec => ({
        id: f.id,
        provider: pack.id,
        ...(f.prefix ? { prefix: f.prefix } : {}),
        // Pack patterns are case-insensitive; the fake keeps the case the pattern is written in.
        pattern: new RegExp(`^(?:${f.pattern.source})$`),
        needsContext: false,
        scannable: f.prefix !== undefined,
      }),
    ),
  );
  return [...fromTable, ...fromPacks];
}

export function fakeFor(spec: Pick<FormatSpec, 'id' | 'pattern' | 'checksum' | 'prefix'>): string {
  const random: Random = generator(seedOf(spec.id));
  // A checksummed token with a wrong checksum reads as a typo; the fake is a token that would be accepted.
  if (spec.checksum && spec.prefix) return checksummedToken(spec.prefix, random(ALNUM, 30));
  return sampleMatching(spec.pattern, random);
}

// ---------------------------------------------------------------------------------------------------------
// Where a credential goes, from the provider pack

type Placement =
  | { in: 'header'; name: string; scheme?: string }
  | { in: 'query'; name: string }
  | { in: 'basic'; user: string; password: string }
  | { in: 'cookie'; name: string }
  | { in: 'body'; name: string };

interface Target {
  host: string;
  path: string;
  placement: Placement;
  /** Other secrets the placement needed (the password beside a key sent as the Basic username). */
  companions: CorpusSecret[];
}

const knowledge = builtinKnowledge();

function hostOf(pack: ProviderPack | undefined): { host: string; path: string } {
  const host = pack?.hosts[0];
  if (!host) return { host: 'api.internal.example.com', path: '/v1/me' };
  return { host: host.host.replace(/^\*\./, 'acme-prod.'), path: `${host.basePath ?? ''}/me` };
}

/** The Basic username a pack's `basicShape` asks for, when the key is the password. */
function basicUser(shape: string): string {
  const user = shape.split(':')[0]?.trim() ?? '';
  if (/email/i.test(user)) return 'dev@example.com';
  if (/^[a-z]{2,12}$/.test(user)) return user;
  return 'deploy-bot';
}

function targetFor(spec: FormatSpec, value: string, random: Random): Target {
  const pack = knowledge.packListingFormat(spec.id);
  const method: AuthMethod | undefined = pack?.auth.find((a) => a.formats.includes(spec.id));
  const { host, path } = hostOf(pack);
  const companions: CorpusSecret[] = [];
  const kind = spec.id.split('.')[1] ?? '';
  let placement: Placement = { in: 'header', name: 'Authorization', scheme: 'Bearer' };
  switch (method?.in) {
    case 'header':
      placement = {
        in: 'header',
        name: method.name ?? 'Authorization',
        ...(method.scheme ? { scheme: method.scheme } : {}),
      };
      break;
    case 'query':
      placement = { in: 'query', name: method.name ?? 'key' };
      break;
    case 'cookie':
      placement = { in: 'cookie', name: method.name ?? 'session' };
      break;
    case 'body':
      placement = { in: 'body', name: method.name ?? 'token' };
      break;
    case 'basic': {
      const shape = method.basicShape ?? '';
      if (/empty password/i.test(shape)) placement = { in: 'basic', user: value, password: '' };
      else if ((shape.split(':')[0] ?? '').includes(kind)) {
        // The format is the username half (an account or key SID); the other half is a secret too.
        const password = random(HEX, 32);
        companions.push({ value: password, role: 'password' });
        placement = { in: 'basic', user: value, password };
      } else placement = { in: 'basic', user: basicUser(shape), password: value };
      break;
    }
  }
  return { host, path, placement, companions };
}

function headerValue(placement: Extract<Placement, { in: 'header' }>, value: string, random: Random): string {
  if (placement.scheme === 'AWS4-HMAC-SHA256')
    return `AWS4-HMAC-SHA256 Credential=${value}/20260115/us-east-1/s3/aws4_request, SignedHeaders=host;x-amz-date, Signature=${random(HEX, 64)}`;
  return placement.scheme ? `${placement.scheme} ${value}` : value;
}

const basicBlob = (user: string, password: string) => Buffer.from(`${user}:${password}`).toString('base64');

const RESPONSE_BODY = '{"error":"unauthorized","message":"Invalid credentials"}';

/** The env variable a developer would name this credential: `STRIPE_SECRET_KEY_LIVE`. */
export function envName(id: string): string {
  return id.toUpperCase().replace(/[^A-Z0-9]+/g, '_');
}

function renderShape(shape: Shape, target: Target, value: string, id: string, random: Random): string {
  const { host, path, placement } = target;
  const query = placement.in === 'query' ? `?${placement.name}=${value}` : '';
  const url = `https://${host}${path}${query}`;
  const requestLine = `GET ${path}${query} HTTP/1.1`;
  const headerLines = (): string[] => {
    switch (placement.in) {
      case 'header':
        return [`${placement.name}: ${headerValue(placement, value, random)}`];
      case 'basic':
        return [`Authorization: Basic ${basicBlob(placement.user, placement.password)}`];
      case 'cookie':
        return [`Cookie: ${placement.name}=${value}`];
      default:
        return [];
    }
  };
  switch (shape) {
    case 'curl': {
      const flags =
        placement.in === 'header'
          ? `-H '${headerLines()[0]}'`
          : placement.in === 'basic'
            ? `-u '${placement.user}:${placement.password}'`
            : placement.in === 'cookie'
              ? `-b '${placement.name}=${value}'`
              : placement.in === 'body'
                ? `-d '${placement.name}=${value}'`
                : '';
      return [
        `$ curl -sS -X ${placement.in === 'body' ? 'POST' : 'GET'} '${url}' ${flags}`.trimEnd(),
        RESPONSE_BODY,
      ].join('\n');
    }
    case 'curl -v':
    case 'http': {
      const mark =
        shape === 'curl -v'
          ? (dir: '>' | '<', line: string) => `${dir} ${line}`
          : (_: string, l: string) => l;
      const body = placement.in === 'body' ? `${placement.name}=${value}` : undefined;
      const request = [
        mark('>', body ? `POST ${path} HTTP/1.1` : requestLine),
        mark('>', `Host: ${host}`),
        mark('>', 'User-Agent: curl/8.5.0'),
        mark('>', 'Accept: */*'),
        ...headerLines().map((l) => mark('>', l)),
        ...(body ? [mark('>', 'Content-Type: application/x-www-form-urlencoded')] : []),
        mark('>', ''),
      ];
      const response = [
        mark('<', 'HTTP/1.1 401 Unauthorized'),
        mark('<', 'Content-Type: application/json'),
        mark('<', ''),
        RESPONSE_BODY,
      ];
      if (shape === 'curl -v')
        return [
          `* Connected to ${host} (203.0.113.10) port 443`,
          ...request,
          ...(body ? [`} [${body.length} bytes data]`] : []),
          ...response,
        ].join('\n');
      return [...request, ...(body ? [body, ''] : []), ...response].join('\n');
    }
    case 'env':
      return [
        '# .env',
        `${envName(id)}=${value}`,
        ...target.companions.map((c, i) => `${envName(id)}_SECRET${i || ''}=${c.value}`),
        '',
        '$ npm start',
        `Error: Request failed with status code 401 (GET ${url.replace(query, '')})`,
      ].join('\n');
    case 'code': {
      const call =
        placement.in === 'header'
          ? `headers={"${placement.name}": "${headerValue(placement, value, random)}"}`
          : placement.in === 'basic'
            ? `auth=("${placement.user}", "${placement.password}")`
            : placement.in === 'cookie'
              ? `cookies={"${placement.name}": "${value}"}`
              : placement.in === 'body'
                ? `data={"${placement.name}": "${value}"}`
                : `params={"${placement.name}": "${value}"}`;
      return [
        'import requests',
        '',
        `resp = requests.${placement.in === 'body' ? 'post' : 'get'}("https://${host}${path}", ${call})`,
        'print(resp.status_code, resp.text)',
        '',
        `401 ${RESPONSE_BODY}`,
      ].join('\n');
    }
    case 'log':
      return [
        `2026-01-15T09:46:00Z INFO  starting sync worker, credential ${value}`,
        `2026-01-15T09:46:01Z ERROR GET https://${host}${path} failed: 401 Unauthorized`,
        'why does it say unauthorized? the key is the one from the dashboard',
      ].join('\n');
  }
}

const STRUCTURED_SHAPES: Shape[] = ['curl', 'curl -v', 'http', 'env', 'code'];

function formatItems(): CorpusItem[] {
  const items: CorpusItem[] = [];
  formatSpecs().forEach((spec, index) => {
    const random: Random = generator(seedOf(`${spec.id}#context`));
    const value = fakeFor(spec);
    const target = targetFor(spec, value, random);
    const token: CorpusSecret = {
      value,
      role: 'token',
      ...(spec.prefix && value.startsWith(spec.prefix) ? { publicPrefix: spec.prefix } : {}),
    };
    // A value known only by the name it is stored under is pasted under that name.
    const shape = spec.needsContext ? 'env' : (STRUCTURED_SHAPES[index % STRUCTURED_SHAPES.length] as Shape);
    const secrets = [token, ...target.companions];
    if (target.placement.in === 'basic')
      secrets.push(
        ...basicForms(target.placement.user, target.placement.password, target.placement.user === value),
      );
    items.push({
      id: spec.id,
      formats: [spec.id],
      shape,
      paste: renderShape(shape, target, value, spec.id, random),
      secrets,
    });
    // A key that names itself by its prefix must be hidden in prose too, with no header or variable around
    // it. A fake of its own, so a leak names the item it came from.
    if (spec.scannable) {
      const prose = fakeFor({ ...spec, id: `${spec.id}/prose` });
      items.push({
        id: `${spec.id}/prose`,
        formats: [spec.id],
        shape: 'log',
        paste: renderShape('log', target, prose, spec.id, random),
        secrets: [{ ...token, value: prose }],
      });
    }
  });
  return items;
}

/**
 * What a Basic pair leaks as besides its parts: `user:pass` and its base64. The username is public, unless
 * it is the key.
 */
function basicForms(user: string, password: string, userIsSecret = false): CorpusSecret[] {
  return [
    {
      value: `${user}:${password}`,
      role: 'user:pass',
      ...(userIsSecret ? {} : { publicPrefix: `${user}:` }),
    },
    { value: basicBlob(user, password), role: 'basic blob' },
  ];
}

// ---------------------------------------------------------------------------------------------------------
// Credential shapes without a format of their own

function extraItems(): CorpusItem[] {
  const random: Random = generator(seedOf('leak-corpus/extras'));
  const jwtHeader = (token: string) => `${token.split('.')[0]}.`;
  const items: CorpusItem[] = [];

  const expiredHs = fakeJwt(
    {
      sub: 'user-4821',
      iss: 'https://auth.example.com/',
      aud: 'orders-api',
      iat: at('2026-01-14T08:00:00Z'),
      exp: at('2026-01-14T09:00:00Z'),
    },
    { alg: 'HS256', typ: 'JWT' },
  );
  items.push({
    id: 'jwt/hs256-expired',
    formats: ['generic.jwt'],
    shape: 'curl -v',
    paste: [
      '* Connected to api.example.com (203.0.113.7) port 443',
      '> GET /v2/orders HTTP/1.1',
      '> Host: api.example.com',
      `> Authorization: Bearer ${expiredHs}`,
      '>',
      '< HTTP/1.1 401 Unauthorized',
      '< WWW-Authenticate: Bearer error="invalid_token", error_description="The access token expired"',
      '<',
      '{"error":"invalid_token"}',
    ].join('\n'),
    secrets: [{ value: expiredHs, role: 'jwt', publicPrefix: jwtHeader(expiredHs) }],
  });

  const rs = fakeJwt(
    {
      sub: 'svc-billing',
      iss: 'https://login.example.org/realms/prod',
      aud: 'billing',
      scope: 'invoices:read',
      iat: at('2026-01-15T09:00:00Z'),
      exp: at('2026-01-15T10:00:00Z'),
    },
    { alg: 'RS256', typ: 'JWT', kid: random(ALNUM, 16) },
  );
  items.push({
    id: 'jwt/rs256-code',
    formats: ['generic.jwt'],
    shape: 'code',
    paste: [
      "const res = await fetch('https://billing.example.org/api/invoices', {",
      `  headers: { Authorization: 'Bearer ${rs}' },`,
      '});',
      'console.log(res.status); // 401',
    ].join('\n'),
    secrets: [{ value: rs, role: 'jwt', publicPrefix: jwtHeader(rs) }],
  });

  const expiredRs = fakeJwt(
    {
      sub: 'u-77',
      iss: 'https://acme.eu.auth0.com/',
      aud: 'https://api.acme.dev',
      iat: at('2025-12-01T00:00:00Z'),
      exp: at('2025-12-01T01:00:00Z'),
    },
    { alg: 'RS256', typ: 'JWT' },
  );
  items.push({
    id: 'jwt/rs256-expired-env',
    formats: ['generic.jwt'],
    shape: 'env',
    paste: [
      `ACCESS_TOKEN=${expiredRs}`,
      '',
      '$ python sync.py',
      'requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.acme.dev/v1/items',
    ].join('\n'),
    secrets: [{ value: expiredRs, role: 'jwt', publicPrefix: jwtHeader(expiredRs) }],
  });

  const saToken = fakeJwt(
    { iss: 'kubernetes/serviceaccount', sub: 'system:serviceaccount:ci:deployer' },
    { alg: 'RS256', kid: random(ALNUM, 20) },
  );
  const saB64 = Buffer.from(saToken).toString('base64');
  items.push({
    id: 'jwt/base64-kubectl',
    formats: ['generic.base64_jwt'],
    shape: 'log',
    paste: [
      "$ kubectl get secret deployer-token -n ci -o jsonpath='{.data.token}'",
      saB64,
      '$ kubectl --token "$TOKEN" get pods',
      'error: You must be logged in to the server (Unauthorized)',
    ].join('\n'),
    secrets: [{ value: saB64, role: 'base64 jwt' }],
  });

  // HTTP Basic, three ways.
  const user = 'ci-deployer';
  const pass1 = random(ALNUM, 20);
  items.push({
    id: 'basic/header',
    formats: ['basic'],
    shape: 'curl -v',
    paste: [
      '> GET /artifactory/api/repositories HTTP/1.1',
      '> Host: repo.example.com',
      `> Authorization: Basic ${basicBlob(user, pass1)}`,
      '>',
      '< HTTP/1.1 401 Unauthorized',
      '< WWW-Authenticate: Basic realm="Artifactory Realm"',
    ].join('\n'),
    secrets: [{ value: pass1, role: 'password' }, ...basicForms(user, pass1)],
  });
  const pass2 = random(ALNUM, 18);
  items.push({
    id: 'basic/url-userinfo',
    formats: ['basic'],
    shape: 'curl',
    paste: [
      `$ curl -i https://${user}:${pass2}@registry.example.com/v2/_catalog`,
      'HTTP/2 401',
      'www-authenticate: Basic realm="registry"',
    ].join('\n'),
    secrets: [{ value: pass2, role: 'password' }, ...basicForms(user, pass2)],
  });
  const pass3 = random(ALNUM, 22);
  items.push({
    id: 'basic/curl-u',
    formats: ['basic'],
    shape: 'curl',
    paste: [
      `curl -u ${user}:${pass3} https://jenkins.example.com/api/json`,
      '<html><body>Error 401 Unauthorized</body></html>',
    ].join('\n'),
    secrets: [{ value: pass3, role: 'password' }, ...basicForms(user, pass3)],
  });

  const session = random(HEX, 40);
  items.push({
    id: 'cookie/session',
    formats: ['cookie'],
    shape: 'http',
    paste: [
      'GET /account/settings HTTP/1.1',
      'Host: app.example.com',
      `Cookie: theme=dark; sessionid=${session}; lang=en`,
      '',
      'HTTP/1.1 401 Unauthorized',
      'Content-Type: text/plain',
      '',
      'Session expired',
    ].join('\n'),
    secrets: [{ value: session, role: 'session id' }],
  });

  const apiKey = random(HEX, 32);
  items.push({
    id: 'query/api_key',
    formats: ['query'],
    shape: 'curl',
    paste: [
      `$ curl 'https://api.weather.example.com/data/2.5/forecast?q=Oslo&api_key=${apiKey}'`,
      '{"cod":401,"message":"Invalid API key."}',
    ].join('\n'),
    secrets: [{ value: apiKey, role: 'api key' }],
  });
  const accessToken = random(B64URL, 48);
  items.push({
    id: 'query/access_token',
    formats: ['query'],
    shape: 'curl -v',
    paste: [
      `> GET /v19.0/me/accounts?fields=name&access_token=${accessToken} HTTP/1.1`,
      '> Host: graph.example.com',
      '>',
      '< HTTP/1.1 401 Unauthorized',
      '{"error":{"message":"Invalid OAuth access token.","type":"OAuthException","code":190}}',
    ].join('\n'),
    secrets: [{ value: accessToken, role: 'access token' }],
  });

  // Private keys: the block and every line of its body.
  const pemBody = () => Array.from({ length: 6 }, () => random(B64, 64)).join('\n');
  const rsa = pem('RSA PRIVATE KEY', pemBody());
  items.push({
    id: 'private-key/rsa-code',
    formats: ['generic.private_key'],
    shape: 'code',
    paste: [
      'import jwt, requests',
      `PRIVATE_KEY = """${rsa}"""`,
      "assertion = jwt.encode({'iss': 'app-42'}, PRIVATE_KEY, algorithm='RS256')",
      "r = requests.post('https://api.example.com/app/installations/1/access_tokens', headers={'Authorization': 'Bearer ' + assertion})",
      '# 401 {"message":"A JSON web token could not be decoded"}',
    ].join('\n'),
    secrets: pemSecrets(rsa),
  });
  const ec = pem('EC PRIVATE KEY', pemBody());
  items.push({
    id: 'private-key/ec-file',
    formats: ['generic.private_key'],
    shape: 'log',
    paste: [
      '$ cat signing-key.pem',
      ec,
      '',
      '$ ./client --key signing-key.pem',
      'HTTP 401: invalid_client (client assertion signature invalid)',
    ].join('\n'),
    secrets: pemSecrets(ec),
  });
  const ssh = pem('OPENSSH PRIVATE KEY', pemBody());
  items.push({
    id: 'private-key/openssh',
    formats: ['generic.private_key'],
    shape: 'log',
    paste: [
      'deploy key from the CI variables:',
      ssh,
      '',
      'remote: HTTP Basic: Access denied',
      'fatal: Authentication failed for https://git.example.com/acme/app.git',
    ].join('\n'),
    secrets: pemSecrets(ssh),
  });

  // AWS: the key id and its secret, as the CLI's environment and a SigV4 request.
  const keyId = fakeFor({ id: 'aws/extra-key', pattern: /^AKIA[A-Z0-9]{16}$/ });
  const secretKey = random(B64, 40);
  items.push({
    id: 'aws/key-pair',
    formats: ['aws.access_key_id', 'aws.secret_access_key'],
    shape: 'env',
    paste: [
      `export AWS_ACCESS_KEY_ID=${keyId}`,
      `export AWS_SECRET_ACCESS_KEY=${secretKey}`,
      '$ aws s3 ls s3://acme-builds --debug',
      `Authorization: AWS4-HMAC-SHA256 Credential=${keyId}/20260115/eu-west-1/s3/aws4_request, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=${random(HEX, 64)}`,
      'An error occurred (InvalidAccessKeyId) when calling the ListObjectsV2 operation: The AWS Access Key Id you provided does not exist in our records.',
    ].join('\n'),
    secrets: [
      { value: keyId, role: 'access key id', publicPrefix: 'AKIA' },
      { value: secretKey, role: 'secret access key' },
    ],
  });

  const opaque = random(ALNUM, 40);
  items.push({
    id: 'bearer/opaque',
    formats: ['bearer'],
    shape: 'http',
    paste: [
      'POST /graphql HTTP/1.1',
      'Host: api.internal.example.net',
      `Authorization: Bearer ${opaque}`,
      'Content-Type: application/json',
      '',
      '{"query":"{ viewer { id } }"}',
      '',
      'HTTP/1.1 401 Unauthorized',
      '{"errors":[{"message":"Token is invalid"}]}',
    ].join('\n'),
    secrets: [{ value: opaque, role: 'bearer token' }],
  });
  const xApiKey = random(ALNUM, 40);
  items.push({
    id: 'x-api-key/gateway',
    formats: ['x-api-key'],
    shape: 'curl',
    paste: [
      `curl -X POST https://a1b2c3d4e5.execute-api.eu-west-1.amazonaws.com/prod/orders -H 'x-api-key: ${xApiKey}' -d '{}'`,
      '{"message":"Forbidden"}',
    ].join('\n'),
    secrets: [{ value: xApiKey, role: 'api key' }],
  });
  return items;
}

/** A PEM block leaks whole, or line by line (a renderer that splits lines, a log that JSON-escapes them). */
function pemSecrets(block: string): CorpusSecret[] {
  const lines = block.split('\n').filter((l) => !l.startsWith('-----'));
  return [
    { value: block, role: 'private key', wholeOnly: true },
    ...lines.map((line, i) => ({ value: line, role: `private key line ${i + 1}` })),
  ];
}

let built: CorpusItem[] | undefined;

/** The whole corpus, built once per process. */
export function leakCorpus(): readonly CorpusItem[] {
  built ??= [...formatItems(), ...extraItems()];
  return built;
}
