import { describe, expect, it } from 'vitest';
import { intake } from '../../src/intake/index.js';
import { FROM_CACHE_HEADER, MAX_KEPT_ENTRIES, parseHar } from '../../src/intake/parsers/har.js';
import type { Fragment } from '../../src/intake/raw.js';
import { headerValue, noteCodes, segmentOf } from '../support/segments.js';

const SEGMENT = segmentOf('har', '{}');

function parse(har: unknown): Fragment {
  return parseHar(SEGMENT, har);
}

interface EntryOptions {
  method?: string;
  requestHeaders?: { name: string; value: string }[];
  responseHeaders?: { name: string; value: string }[];
  body?: string;
  encoding?: string;
  mimeType?: string;
  redirectURL?: string;
  cookies?: { name: string; value: string }[];
  postData?: unknown;
}

/** One HAR 1.2 entry as Chrome writes it, Chrome's private fields included. */
function entry(url: string, status: number, options: EntryOptions = {}) {
  return {
    _initiator: { type: 'script', stack: { callFrames: [] } },
    _priority: 'High',
    _resourceType: 'fetch',
    cache: {},
    connection: '443',
    pageref: 'page_1',
    startedDateTime: '2024-03-05T10:00:00.000Z',
    time: 42.5,
    request: {
      method: options.method ?? 'GET',
      url,
      httpVersion: 'http/2.0',
      headers: options.requestHeaders ?? [{ name: 'accept', value: '*/*' }],
      queryString: [],
      cookies: options.cookies ?? [],
      headersSize: -1,
      bodySize: 0,
      ...(options.postData === undefined ? {} : { postData: options.postData }),
    },
    response: {
      status,
      statusText: '',
      httpVersion: 'http/2.0',
      headers: options.responseHeaders ?? [],
      cookies: [],
      content: {
        size: options.body?.length ?? 0,
        mimeType: options.mimeType ?? 'application/json',
        ...(options.body === undefined ? {} : { text: options.body }),
        ...(options.encoding === undefined ? {} : { encoding: options.encoding }),
      },
      redirectURL: options.redirectURL ?? '',
      headersSize: -1,
      bodySize: -1,
      _transferSize: 100,
      _error: null,
    },
    serverIPAddress: '203.0.113.10',
    timings: { blocked: 1, dns: -1, ssl: -1, connect: -1, send: 0, wait: 40, receive: 1.5 },
  };
}

function har(entries: unknown[]) {
  return {
    log: {
      version: '1.2',
      creator: { name: 'WebInspector', version: '537.36' },
      pages: [
        { startedDateTime: '2024-03-05T10:00:00.000Z', id: 'page_1', title: 'https://app.example.com/' },
      ],
      entries,
    },
  };
}

const AUTH = [{ name: 'authorization', value: 'Bearer test_FAKE_har_token' }];

/** A page load: 28 assets and API calls that worked, plus one redirect to a CDN that answered 401. */
function pageLoad() {
  const entries: unknown[] = [];
  for (let i = 0; i < 14; i++)
    entries.push(entry(`https://app.example.com/static/chunk-${i}.js`, 200, { body: 'x' }));
  entries.push(
    entry('https://api.example.com/v1/reports/7/download', 302, {
      requestHeaders: [...AUTH, { name: ':authority', value: 'api.example.com' }],
      responseHeaders: [{ name: 'location', value: 'https://files.examplecdn.net/r/7?sig=FAKE' }],
      redirectURL: 'https://files.examplecdn.net/r/7?sig=FAKE',
    }),
  );
  entries.push(
    entry('https://files.examplecdn.net/r/7?sig=FAKE', 401, {
      responseHeaders: [{ name: 'www-authenticate', value: 'Bearer realm="files"' }],
      body: '{"error":"missing_token"}',
    }),
  );
  for (let i = 0; i < 10; i++) entries.push(entry(`https://app.example.com/img/${i}.png`, 304));
  entries.push(entry('https://api.example.com/v1/me', 200, { requestHeaders: AUTH, body: '{"id":"u_1"}' }));
  entries.push(
    entry('https://app.example.com/favicon.ico', 404, { body: 'Not Found', mimeType: 'text/plain' }),
  );
  entries.push(entry('https://telemetry.example.com/collect', 204));
  entries.push(entry('https://app.example.com/manifest.json', 200, { body: '{"name":"app"}' }));
  return har(entries);
}

describe('parseHar', () => {
  it('keeps the 2 entries that matter out of 30: a redirect and the 401 it led to', () => {
    const fragment = parse(pageLoad());
    expect(fragment.kinds).toEqual(['har']);
    expect(
      fragment.exchanges?.map((e) => ({
        source: e.source,
        hop: e.hop,
        url: e.request?.url,
        authorization: headerValue(e.request?.headers, 'authorization'),
        status: e.response?.status,
      })),
    ).toEqual([
      {
        source: 'har',
        hop: 0,
        url: 'https://api.example.com/v1/reports/7/download',
        authorization: 'Bearer test_FAKE_har_token',
        status: 302,
      },
      {
        source: 'har',
        hop: 1,
        url: 'https://files.examplecdn.net/r/7?sig=FAKE',
        authorization: undefined,
        status: 401,
      },
    ]);
    expect(fragment.notes).toEqual([
      {
        code: 'har.skipped_entries',
        message:
          'Read 2 of 30 requests in the HAR (the failing ones and the redirects that led to them); skipped 28.',
      },
    ]);
    const [redirect, failure] = fragment.exchanges ?? [];
    expect(redirect?.request?.headers.map((h) => h.name)).toEqual(['authorization']);
    expect(failure?.response).toEqual({
      httpVersion: 'http/2.0',
      status: 401,
      headers: [{ name: 'www-authenticate', value: 'Bearer realm="files"' }],
      body: '{"error":"missing_token"}',
    });
  });

  const selection: { name: string; entry: ReturnType<typeof entry>; kept: boolean }[] = [
    { name: '403', entry: entry('https://api.example.com/a', 403), kept: true },
    { name: '407 from a proxy', entry: entry('https://api.example.com/b', 407), kept: true },
    {
      name: '400 invalid_grant from a token endpoint',
      entry: entry('https://auth.example.com/oauth/token', 400, { body: '{"error":"invalid_grant"}' }),
      kept: true,
    },
    {
      name: '500 that says the token expired',
      entry: entry('https://api.example.com/c', 500, { body: '{"message":"JWT expired at 2024-03-05"}' }),
      kept: true,
    },
    {
      name: '400 with a challenge header and an unrelated body',
      entry: entry('https://api.example.com/d', 400, {
        responseHeaders: [{ name: 'WWW-Authenticate', value: 'Bearer error="invalid_request"' }],
        body: '{"message":"bad"}',
      }),
      kept: true,
    },
    {
      name: 'Slack-style 200 with ok:false',
      entry: entry('https://slack.com/api/auth.test', 200, { body: '{"ok":false,"error":"invalid_auth"}' }),
      kept: true,
    },
    {
      name: '404 Not Found',
      entry: entry('https://api.example.com/e', 404, { body: 'Not Found' }),
      kept: false,
    },
    {
      name: '500 without a word about auth',
      entry: entry('https://api.example.com/f', 500, { body: 'Internal Server Error' }),
      kept: false,
    },
    {
      name: '200 with ok:true',
      entry: entry('https://slack.com/api/x', 200, { body: '{"ok":true}' }),
      kept: false,
    },
    {
      name: '200 with broken JSON mentioning ok',
      entry: entry('https://slack.com/api/y', 200, { body: '{"ok":false,' }),
      kept: false,
    },
    {
      name: 'a redirect that led nowhere failing',
      entry: entry('http://app.example.com/', 301),
      kept: false,
    },
  ];

  it.each(selection)('$name: kept=$kept', ({ entry: e, kept }) => {
    const fragment = parse(har([entry('https://app.example.com/', 200), e]));
    expect(fragment.exchanges?.map((x) => x.request?.url)).toEqual(kept ? [e.request.url] : []);
    expect(noteCodes(fragment)).toEqual(kept ? ['har.skipped_entries'] : ['har.no_failure']);
  });

  it('follows a 3-hop chain with relative and header-only redirects', () => {
    const fragment = parse(
      har([
        entry('http://api.example.com/v1/me', 307, { redirectURL: 'https://api.example.com/v1/me' }),
        entry('https://app.example.com/other.css', 200),
        entry('https://api.example.com/v1/me', 302, {
          responseHeaders: [{ name: 'Location', value: '/v2/me' }],
        }),
        entry('https://api.example.com/v2/me', 401),
      ]),
    );
    expect(fragment.exchanges?.map((e) => [e.hop, e.request?.url, e.response?.status])).toEqual([
      [0, 'http://api.example.com/v1/me', 307],
      [1, 'https://api.example.com/v1/me', 302],
      [2, 'https://api.example.com/v2/me', 401],
    ]);
  });

  it('stops at a redirect loop', () => {
    const fragment = parse(
      har([
        entry('https://a.example.com/', 302, { redirectURL: 'https://b.example.com/' }),
        entry('https://b.example.com/', 302, { redirectURL: 'https://a.example.com/' }),
        entry('https://a.example.com/', 401),
      ]),
    );
    expect(fragment.exchanges?.map((e) => [e.hop, e.response?.status])).toEqual([
      [0, 302],
      [1, 302],
      [2, 401],
    ]);
  });

  it('decodes base64 bodies', () => {
    const body = '{"error":"invalid_token","error_description":"The access token expired"}';
    const fragment = parse(
      har([
        entry('https://api.example.com/v1/me', 401, {
          body: Buffer.from(body).toString('base64'),
          encoding: 'base64',
        }),
      ]),
    );
    expect(fragment.exchanges?.[0]?.response?.body).toBe(body);
  });

  it('drops pseudo headers and uses the cookies list only when no Cookie header was sent', () => {
    const fragment = parse(
      har([
        entry('https://app.example.com/api/a', 401, {
          requestHeaders: [
            { name: ':method', value: 'GET' },
            { name: 'cookie', value: 'session=FAKE_session' },
          ],
          cookies: [{ name: 'session', value: 'FAKE_session' }],
        }),
        entry('https://app.example.com/api/b', 401, { cookies: [{ name: 'session', value: 'FAKE_other' }] }),
      ]),
    );
    const [withHeader, withoutHeader] = fragment.exchanges ?? [];
    expect(withHeader?.request).toEqual({
      method: 'GET',
      url: 'https://app.example.com/api/a',
      headers: [{ name: 'cookie', value: 'session=FAKE_session' }],
    });
    expect(withoutHeader?.request?.cookies).toEqual([{ name: 'session', value: 'FAKE_other' }]);
  });

  it.each([
    [
      'JSON text',
      { mimeType: 'application/json', text: '{"refresh_token":"FAKE"}' },
      { kind: 'json', text: '{"refresh_token":"FAKE"}' },
    ],
    [
      'form params',
      {
        mimeType: 'application/x-www-form-urlencoded',
        params: [{ name: 'grant_type', value: 'refresh_token' }],
      },
      { kind: 'form', fields: [{ name: 'grant_type', value: 'refresh_token' }] },
    ],
    [
      'multipart with a file',
      { mimeType: 'multipart/form-data; boundary=x', params: [{ name: 'file', fileName: 'a.txt' }] },
      { kind: 'multipart', fields: [{ name: 'file', value: '', file: 'a.txt' }] },
    ],
  ])('request body from postData: %s', (_name, postData, expected) => {
    const fragment = parse(har([entry('https://auth.example.com/token', 401, { method: 'POST', postData })]));
    expect(fragment.exchanges?.[0]?.request?.body).toEqual(expected);
  });

  it(`keeps at most ${MAX_KEPT_ENTRIES} exchanges`, () => {
    const entries = Array.from({ length: 25 }, (_, i) => entry(`https://api.example.com/items/${i}`, 401));
    const fragment = parse(har(entries));
    expect(fragment.exchanges).toHaveLength(MAX_KEPT_ENTRIES);
    expect(fragment.exchanges?.[0]?.request?.url).toBe('https://api.example.com/items/0');
    expect(noteCodes(fragment)).toEqual(['har.capped', 'har.skipped_entries']);
  });

  it('skips malformed entries with a note and reads the rest', () => {
    const fragment = parse(
      har([
        { request: { method: 'GET', url: 'https://x.example/' } },
        'not an entry',
        entry('https://api.example.com/v1/me', 401),
      ]),
    );
    expect(fragment.exchanges?.map((e) => e.response?.status)).toEqual([401]);
    expect(noteCodes(fragment)).toContain('har.invalid_entry');
  });

  it.each([
    ['null', null],
    ['a string', 'HAR'],
    ['an array', []],
    ['log without entries', { log: {} }],
    ['entries not a list', { log: { entries: {} } }],
  ])('not a HAR (%s): a note, no exchange, no throw', (_name, value) => {
    const fragment = parse(value);
    expect(fragment.exchanges).toEqual([]);
    expect(noteCodes(fragment)).toEqual(['har.invalid']);
  });

  it('an empty HAR yields nothing and no misleading note', () => {
    expect(parse(har([]))).toEqual({ kinds: ['har'], exchanges: [], notes: [] });
  });
});

describe('HAR entries copied without the log.entries wrapper', () => {
  it('a single bare entry is read, even when it did not fail', () => {
    const fragment = parse(entry('https://api.example.com/v1/me', 200, { requestHeaders: AUTH }));
    expect(fragment.exchanges?.map((e) => e.response?.status)).toEqual([200]);
    expect(noteCodes(fragment)).toEqual([]);
  });

  it('an array of bare entries keeps them all, with the redirect chain hops', () => {
    const fragment = parse(pageLoad().log.entries.slice(14, 16));
    expect(fragment.exchanges?.map((e) => [e.response?.status, e.hop])).toEqual([
      [302, 0],
      [401, 1],
    ]);
  });

  it('is detected in a paste and read through intake', () => {
    const text = `this one call fails:\n${JSON.stringify(entry('https://api.example.com/v1/me', 401, { requestHeaders: AUTH }), null, 2)}`;
    const e = intake(text);
    expect(e.kinds).toContain('har');
    expect(e.exchanges[0]?.response?.status).toBe(401);
  });
});

describe('HAR _fromCache', () => {
  it.each(['disk', 'memory'])(
    'entry-level `_fromCache: %s` becomes the x-authdoctor-from-cache header',
    (where) => {
      const cached = { ...entry('https://api.example.com/v1/me', 401), _fromCache: where };
      const fragment = parse(har([cached]));
      expect(headerValue(fragment.exchanges?.[0]?.response?.headers ?? [], FROM_CACHE_HEADER)).toBe(where);
    },
  );

  it('on the response too; other values and absent markers add nothing', () => {
    const onResponse = entry('https://api.example.com/v1/a', 401);
    (onResponse.response as Record<string, unknown>)._fromCache = 'memory';
    const odd = { ...entry('https://api.example.com/v1/b', 401), _fromCache: 'yes' };
    const plain = entry('https://api.example.com/v1/c', 401);
    const fragment = parse(har([onResponse, odd, plain]));
    expect(fragment.exchanges?.map((e) => headerValue(e.response?.headers ?? [], FROM_CACHE_HEADER))).toEqual(
      ['memory', undefined, undefined],
    );
  });
});
