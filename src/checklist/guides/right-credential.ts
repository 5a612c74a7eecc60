import { apiName, authReference, code, type GuideBuilder, httpUrl, links } from './shared.js';

export const rightCredential: GuideBuilder = (ctx) => {
  const dashboard = httpUrl(ctx.provider?.dashboard);
  const reference = authReference(ctx);
  const where = dashboard
    ? `Open ${code(dashboard)}, signed in to the account, organization and project your app should use.`
    : reference
      ? `Open ${apiName(ctx)}'s dashboard or console where keys are listed; ${code(reference.url)} says where it is.`
      : "Open the API's dashboard or console where keys are created, signed in to the account your app should use.";
  return {
    why: 'A well-formed credential can still be the wrong one: mistyped, revoked or regenerated, a test key against live, or a key from another account or project. The server answers all of these with the same 401.',
    check: [
      'Compare the last 4 characters and the length of the credential you send with the one in the dashboard.',
      'Make sure it has not been revoked, rolled or regenerated since it was copied.',
      'Use test or sandbox keys with test hosts and live keys with live hosts.',
      'Make sure it belongs to the account, organization or project you are calling.',
    ],
    howTo: [
      {
        title: 'Compare fingerprints, not values',
        steps: [
          where,
          'Find the credential there: most dashboards show its name, its first or last characters, and when it was last used.',
          'Print the same characters of the credential your app uses and compare; never paste the whole value anywhere.',
          'A different length usually means a character was lost or added when copying (a space, a newline, a quote).',
        ],
        code: {
          text: ['printf \'%s\' "$TOKEN" | wc -c', 'printf \'%s\' "$TOKEN" | tail -c 4; echo'].join('\n'),
          language: 'bash',
        },
      },
      {
        title: 'Common mix-ups',
        steps: [
          'Regenerated or rolled keys: the old value stops working, often at once; every place that stores it needs the new one.',
          'Test vs live: many APIs keep separate keys per mode (`sk_test_` vs `sk_live_`), each valid only there.',
          "Another account: a colleague's key, another organization, or another project in the same account.",
          'Stale copies: an old value in a `.env` file, CI secret or secret manager can win over the new one; check what the running process actually loaded.',
          'If in doubt, create a new credential, try it once with curl, then update your app.',
        ],
      },
    ],
    links: links(
      dashboard ? { label: `${apiName(ctx)}: credentials`, url: dashboard } : undefined,
      reference,
    ),
  };
};
