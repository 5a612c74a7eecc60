import { apiName, authReference, code, type GuideBuilder, links, plain, providerLinks } from './shared.js';

const GENERIC = [
  'Header: which one carries the credential (`Authorization`, `X-API-Key`, a query parameter).',
  'Scheme: the word before the credential (`Bearer`, `Basic`, `token`), or none.',
  'Token type: API key, OAuth access token, personal token, app or bot token, and how to get one.',
  'Environment: separate sandbox and production keys and hosts, and which goes with which.',
  'Base URL: the host and version path the keys are valid for, including regional hosts.',
  'Expiry: how long tokens live and how to renew them.',
];

const MAX_PITFALLS = 8;

export const providerDocs: GuideBuilder = (ctx) => {
  const provider = ctx.provider;
  const reference = authReference(ctx);
  if (!provider) {
    return {
      why: 'Every API documents how it wants to be authenticated, and a request that differs in any detail (header, scheme, token type, host) gets a 401.',
      check: [
        "Find the API's authentication page (often called Authentication, Authorization or API keys).",
        'Compare its example request with yours: header name, scheme, token type.',
        'Check that your key matches the environment and base URL you call.',
      ],
      howTo: [{ title: "What to look for in any API's auth docs", steps: GENERIC }],
      links: links({
        label: 'MDN: HTTP authentication',
        url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Authentication',
      }),
    };
  }
  const name = apiName(ctx);
  const pitfalls = provider.pitfalls
    .map((p) => plain(p, 400))
    .filter((p) => p !== '')
    .slice(0, MAX_PITFALLS);
  return {
    why: `${name} documents exactly which header, scheme and kind of credential it accepts; comparing your request with its authentication reference catches what generic checks miss.`,
    check: [
      `Read ${name}'s authentication reference and compare its example request with yours.`,
      'Check the header name, the scheme and the kind of token this endpoint takes.',
      'Check the environment and base URL the key belongs to.',
      ...(pitfalls.length > 0 ? ['Go through the known pitfalls below.'] : []),
    ],
    howTo: [
      {
        title: name,
        steps: [
          reference
            ? `Open ${code(reference.url)} and find the example request.`
            : `Open ${name}'s authentication docs and find the example request.`,
          'Compare the header, the scheme and the token type with what you send, character by character.',
          'Check that the host you call is the one the docs give for your environment and region.',
        ],
      },
      ...(pitfalls.length > 0 ? [{ title: `Known ${name} pitfalls`, steps: pitfalls }] : []),
      { title: 'What else to look for', steps: GENERIC },
    ],
    links: links(...providerLinks(ctx)),
  };
};
