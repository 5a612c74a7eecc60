import { apiName, code, type GuideBuilder, httpUrl, type Link, links, plain } from './shared.js';

/** Public status pages, by pack id: an incident there explains a 401 nothing on your side can fix. */
const STATUS_PAGES: Readonly<Record<string, string>> = {
  github: 'https://www.githubstatus.com/',
  gitlab: 'https://status.gitlab.com/',
  stripe: 'https://status.stripe.com/',
  openai: 'https://status.openai.com/',
  anthropic: 'https://status.anthropic.com/',
  slack: 'https://status.slack.com/',
  discord: 'https://discordstatus.com/',
  twilio: 'https://status.twilio.com/',
  cloudflare: 'https://www.cloudflarestatus.com/',
  'google-cloud': 'https://status.cloud.google.com/',
  heroku: 'https://status.heroku.com/',
  npm: 'https://status.npmjs.org/',
  datadog: 'https://status.datadoghq.com/',
  sentry: 'https://status.sentry.io/',
  digitalocean: 'https://status.digitalocean.com/',
};

export const contactSupport: GuideBuilder = (ctx) => {
  const name = apiName(ctx);
  const status = ctx.provider ? STATUS_PAGES[ctx.provider.id] : undefined;
  const supportUrl = httpUrl(ctx.support?.url);
  const channel = ctx.support?.channel ? plain(ctx.support.channel, 80) : undefined;
  const where: string[] = [];
  if (status) where.push(`Check ${name}'s status page first: an incident can cause 401s for everyone.`);
  if (channel) where.push(`Ask in ${code(channel)} with the summary and the details above.`);
  if (supportUrl) where.push(`${channel ? 'Or open' : 'Open'} a request at ${code(supportUrl)}.`);
  if (ctx.provider)
    where.push(`For ${name} itself, use its developer support or community forum, linked from its docs.`);
  if (where.length === 0)
    where.push(
      "Use the API's developer support or community forum; for your own company's API, its owning team's channel.",
    );
  const extra: (Link | undefined)[] = [
    supportUrl ? { label: 'Support', url: supportUrl } : undefined,
    status ? { label: `${name}: status`, url: status } : undefined,
  ];
  return {
    why: 'If every check passes, the cause may be on the API side (account state, a bug, a configuration only they can see). A precise, redacted report gets a fast answer.',
    check: [
      'Send the redacted summary authdoctor prepared, not raw logs.',
      'Include request id headers from the 401 response and the time of the call in UTC.',
      'Never send the credential itself: its name or last 4 characters identify it.',
    ],
    howTo: [
      {
        title: 'What to send',
        steps: [
          'The summary authdoctor prepared: the request, the response and the findings, with credentials replaced by fingerprints.',
          'Request id headers from the 401 response, such as `x-request-id`, `request-id`, `cf-ray` or `x-amzn-requestid`.',
          'The time of the failing call in UTC (`date -u +%Y-%m-%dT%H:%M:%SZ`), the method and endpoint, and what you already checked.',
          'Which key or token: its name in the dashboard or its last 4 characters, never the value.',
        ],
        code: { text: 'date -u +%Y-%m-%dT%H:%M:%SZ', language: 'bash' },
      },
      { title: 'Where to ask', steps: where },
    ],
    links: links(...extra),
  };
};
