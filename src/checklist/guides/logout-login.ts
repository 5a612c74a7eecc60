import { apiName, code, type GuideBuilder, type HowToPart, httpUrl, links } from './shared.js';

/** Login commands of the CLIs users most often run into a stale session with, by pack id. */
const CLI_LOGIN: Readonly<Record<string, { tool: string; login: string[]; status?: string; note?: string }>> =
  {
    github: { tool: 'GitHub CLI', login: ['gh auth login'], status: 'gh auth status' },
    gitlab: { tool: 'GitLab CLI', login: ['glab auth login'], status: 'glab auth status' },
    'google-cloud': {
      tool: 'Google Cloud CLI',
      login: ['gcloud auth login', 'gcloud auth application-default login'],
      status: 'gcloud auth list',
    },
    firebase: { tool: 'Firebase CLI', login: ['firebase login --reauth'] },
    'azure-entra-graph': { tool: 'Azure CLI', login: ['az login'], status: 'az account show' },
    'azure-openai': { tool: 'Azure CLI', login: ['az login'], status: 'az account show' },
    'azure-devops': { tool: 'Azure CLI', login: ['az login'], status: 'az account show' },
    aws: {
      tool: 'AWS CLI',
      login: ['aws sso login'],
      status: 'aws sts get-caller-identity',
      note: 'With IAM Identity Center (SSO) profiles; for access keys, run `aws configure` with the new key instead.',
    },
    npm: { tool: 'npm', login: ['npm login'], status: 'npm whoami' },
    heroku: { tool: 'Heroku CLI', login: ['heroku login'], status: 'heroku auth:whoami' },
    'docker-hub': { tool: 'Docker', login: ['docker logout', 'docker login'] },
    stripe: { tool: 'Stripe CLI', login: ['stripe login'] },
    vercel: { tool: 'Vercel CLI', login: ['vercel logout', 'vercel login'], status: 'vercel whoami' },
    netlify: { tool: 'Netlify CLI', login: ['netlify logout', 'netlify login'], status: 'netlify status' },
    cloudflare: { tool: 'Wrangler', login: ['wrangler logout', 'wrangler login'], status: 'wrangler whoami' },
    digitalocean: { tool: 'doctl', login: ['doctl auth init'], status: 'doctl account get' },
    supabase: { tool: 'Supabase CLI', login: ['supabase login'] },
    sentry: { tool: 'sentry-cli', login: ['sentry-cli login'], status: 'sentry-cli info' },
  };

export const logoutLogin: GuideBuilder = (ctx) => {
  const cli = ctx.provider ? CLI_LOGIN[ctx.provider.id] : undefined;
  const dashboard = httpUrl(ctx.provider?.dashboard);
  const cliHowTo: HowToPart = cli
    ? {
        title: cli.tool,
        steps: [
          `Log in again with ${cli.login.map((c) => code(c)).join(' and ')}; it stores a fresh token.`,
          ...(cli.note ? [cli.note] : []),
          ...(cli.status ? [`Check which account it now uses with ${code(cli.status)}.`] : []),
        ],
        code: { text: [...cli.login, ...(cli.status ? [cli.status] : [])].join('\n'), language: 'bash' },
      }
    : {
        title: 'Command-line tools',
        steps: [
          "Run the tool's login command again, for example `gh auth login`, `gcloud auth login`, `az login` or `npm login`.",
          'Then check which account it uses with its status command (`gh auth status`, `gcloud auth list`, `az account show`, `npm whoami`).',
          'Tools keep tokens in their own config or the OS keychain; logging in again replaces the stored one.',
        ],
      };
  return {
    why: 'A session or stored token can be stale or revoked in ways you cannot see. Signing out and back in, or issuing a new token, rules that out quickly.',
    check: [
      'Log out and back in to get a fresh session.',
      'Revoke the old token, issue a new one and update every place that stores it.',
      'With SSO, re-authorize the app or token for the organization.',
      'In a command-line tool, run its login command again.',
    ],
    howTo: [
      {
        title: 'Web apps and SSO',
        steps: [
          'Log out, close the tab and log in again; a private window rules out old cookies.',
          'With SSO (Okta, Microsoft Entra ID, Google), sign out of the identity provider too, or the old session signs you straight back in.',
          "For OAuth apps, remove the app's access in your account settings and authorize it again so it gets new tokens.",
        ],
      },
      cliHowTo,
      {
        title: 'Tokens and keys',
        steps: [
          dashboard
            ? `Revoke the old token and create a new one at ${code(dashboard)}.`
            : `Revoke the old token where it was issued (${apiName(ctx)}'s dashboard or console) and create a new one.`,
          'Update it in `.env` files, CI secrets and secret managers.',
          'Restart long-running processes: many read the token only at start.',
        ],
      },
    ],
    links: links(dashboard ? { label: `${apiName(ctx)}: credentials`, url: dashboard } : undefined),
  };
};
