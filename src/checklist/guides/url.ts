import { authReference, code, commandUrl, type GuideBuilder, hostOf, links, requestUrl } from './shared.js';

export const url: GuideBuilder = (ctx) => {
  const own = requestUrl(ctx);
  const host = hostOf(ctx);
  const target = commandUrl(ctx);
  const yours: string[] = [];
  if (own)
    yours.push(
      `You called ${code(own)}. Compare it character by character with the base URL in the API's docs.`,
    );
  else if (host) yours.push(`You called host ${code(host)}. Compare it with the host in the API's docs.`);
  if (own?.toLowerCase().startsWith('http://'))
    yours.push(
      'This URL uses plain `http`: use `https`, since a redirect from `http` may drop the credential.',
    );
  if (host)
    yours.push(
      `Check that ${code(host)} is the host for your environment (sandbox or production) and region, and that your key belongs there.`,
    );
  return {
    why: 'Credentials are valid only for certain hosts and paths. A typo, the wrong version or environment, or plain `http` can give a 401, and a redirect to another host silently drops the `Authorization` header.',
    check: [
      'Check the host, including sandbox vs production and regional hosts.',
      'Check the version path (`/v1`, `/api/v4`) and the endpoint path, including trailing slashes.',
      'Use `https`: an `http` URL is often redirected, and the header lost.',
      'Look for redirects: the URL that answered 401 may not be the one you called.',
    ],
    howTo: [
      ...(yours.length > 0
        ? [
            {
              title: 'Your URL',
              steps: [
                ...yours,
                'If the API has a version prefix (for example `/v1`), check that the path starts with it.',
              ],
            },
          ]
        : []),
      {
        title: 'Redirects',
        steps: [
          'The command below prints the status and, for a redirect, where it points; any `3xx` status means the request went somewhere else.',
          'curl `-L` follows redirects but drops `Authorization` when the host changes (since curl 7.58); browsers and most HTTP libraries do the same.',
          '`--location-trusted` sends the credential to every host in the chain, including ones you do not control: call the final URL directly instead.',
        ],
        code: {
          text: `curl -sS -o /dev/null -w '%{http_code} %{redirect_url}\\n' ${target}`,
          language: 'bash',
        },
      },
      {
        title: 'Paths and trailing slashes',
        steps: [
          '`/users` and `/users/` can be different routes; a redirect that adds or removes the slash may drop the header or turn a `POST` into a `GET`.',
          'A missing or doubled version segment (`/v1/v1/`, no `/v1`) can reach a different service that does not know your credential.',
        ],
      },
    ],
    links: links(
      authReference(ctx),
      { label: 'curl: --location', url: 'https://curl.se/docs/manpage.html#-L' },
      { label: 'curl: --location-trusted', url: 'https://curl.se/docs/manpage.html#--location-trusted' },
    ),
  };
};
