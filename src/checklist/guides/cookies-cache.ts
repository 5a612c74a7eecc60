import { commandUrl, type GuideBuilder, links } from './shared.js';

export const cookiesCache: GuideBuilder = (ctx) => ({
  why: 'A browser, proxy or CDN can keep serving a 401 it cached earlier, and a stale session cookie can be sent instead of your new credential, so a fix seems not to work.',
  check: [
    'Retry with the cache disabled, or with curl, to see whether the 401 is fresh.',
    "Clear the site's cookies and cached files, then log in again.",
    "Check the 401's `Age`, `X-Cache` and `Cache-Control` headers for signs of a cache.",
  ],
  howTo: [
    {
      title: 'Chrome',
      steps: [
        'Open DevTools (F12, or Cmd+Option+I on macOS), select Network, tick Disable cache and reload.',
        'Clear this site only: DevTools › Application › Storage › Clear site data.',
        'Or Settings › Privacy and security › Delete browsing data (Ctrl+Shift+Delete, Cmd+Shift+Delete on macOS) › Cookies and other site data, and Cached images and files.',
      ],
    },
    {
      title: 'Firefox',
      steps: [
        'Open DevTools (F12, or Cmd+Option+I on macOS), select Network and tick Disable Cache.',
        'Clear this site only: click the padlock in the address bar › Clear cookies and site data.',
        'Or Settings › Privacy & Security › Cookies and Site Data › Clear Data (Manage Data to pick one site).',
      ],
    },
    {
      title: 'Safari',
      steps: [
        'Turn on the Develop menu: Safari › Settings › Advanced › Show features for web developers (Show Develop menu in older versions).',
        'Choose Develop › Empty Caches (Option+Cmd+E), or Develop › Disable Caches while you test.',
        'Remove the cookies: Safari › Settings › Privacy › Manage Website Data, search for the site, Remove.',
      ],
    },
    {
      title: 'Edge',
      steps: [
        'Open DevTools (F12), select Network and tick Disable cache; Application › Storage › Clear site data clears this site only.',
        'Or Settings › Privacy, search, and services › Clear browsing data › Choose what to clear (Ctrl+Shift+Delete) › Cookies and other site data, and Cached images and files.',
      ],
    },
    {
      title: 'Hard reload',
      steps: [
        'Windows and Linux: Ctrl+Shift+R or Ctrl+F5 in Chrome, Firefox and Edge.',
        'macOS: Cmd+Shift+R in Chrome, Firefox and Edge; Option+Cmd+R in Safari.',
        'With DevTools open in Chrome or Edge, right-click the reload button › Empty Cache and Hard Reload.',
      ],
    },
    {
      title: 'Proxies and CDNs',
      steps: [
        'In the 401 response, `Age` above 0, `X-Cache: HIT` or `CF-Cache-Status: HIT` mean a cache served it.',
        'Servers should send `Cache-Control: no-store` on 401 responses, and `Cache-Control: private` or `Vary: Authorization` on authenticated ones.',
        'Purge the URL at the CDN (Cloudflare: Caching › Configuration › Purge Cache) after fixing those headers.',
      ],
    },
    {
      title: 'Bypass test with curl',
      steps: [
        'curl sends no cookies and keeps no cache, so a 200 there and a 401 in the browser points at the browser.',
        'If curl also gets a 401 with `Age` or a cache HIT header, a proxy or CDN is serving it. On Windows write `-o NUL` instead of `-o /dev/null`.',
      ],
      code: {
        text: `curl -sS -o /dev/null -D - -H 'Cache-Control: no-cache' -H "Authorization: Bearer $TOKEN" ${commandUrl(ctx)}`,
        language: 'bash',
      },
    },
  ],
  links: links({
    label: 'MDN: Cache-Control',
    url: 'https://developer.mozilla.org/en-US/docs/Web/HTTP/Headers/Cache-Control',
  }),
});
