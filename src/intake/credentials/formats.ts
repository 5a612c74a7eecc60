/**
 * Credential formats as data: what a provider's keys and tokens look like, so a pasted value can be named
 * ("a Stripe live secret key") and its environment and token type read off it.
 *
 * Order matters: the first entry whose `pattern` matches a whole value wins, so more specific shapes come
 * before looser ones (`sk-ant-…` and `sk-proj-…` before OpenAI's legacy `sk-…`).
 *
 * `scan` patterns are for free text. Each starts with a literal prefix and has bounded repetition, so one
 * pass over a megabyte stays linear; formats without a distinctive prefix have no `scan` and are only
 * recognised as whole values (and, when `context` is set, only under a name or scheme that says what they are).
 *
 * Shapes come from the providers' documentation, `/work/shared/knowledge/providers.json`, and public secret
 * scanner rule sets (gitleaks' default config was the main cross-check); the table itself is written here.
 */
import { z } from 'zod';
import { CredentialFormatSchema } from '../evidence.js';
import { matchPrefix } from './prefix-index.js';

const GITLEAKS = 'https://github.com/gitleaks/gitleaks/blob/master/config/gitleaks.toml';

export const FormatEntrySchema = z
  .object({
    /** `provider.kind`, stable: rules and docs refer to it. */
    id: z.string().regex(/^[a-z0-9-]+\.[a-z0-9_]+$/),
    provider: z.string().min(1),
    name: z.string().min(1),
    /** Whole-value match, anchored `^…$`. */
    pattern: z.instanceof(RegExp),
    /** Free-text match (global flag), starting with a literal prefix. */
    scan: z.instanceof(RegExp).optional(),
    /** The public, format-defined prefix that may be shown in fingerprints. */
    visiblePrefix: z.string().min(1).optional(),
    tokenType: CredentialFormatSchema.shape.tokenType.unwrap().optional(),
    environment: CredentialFormatSchema.shape.environment.unwrap().optional(),
    checksum: z.enum(['github-crc32', 'npm-crc32']).optional(),
    /**
     * For shapes too generic to name on their own (40 base64 characters, 32 hex digits): the value is only
     * this format when the variable, header, parameter name or auth scheme it came with matches.
     */
    context: z.instanceof(RegExp).optional(),
    source: z.url(),
  })
  .superRefine((entry, ctx) => {
    const { source, flags } = entry.pattern;
    if (!source.startsWith('^') || !source.endsWith('$') || flags.includes('g')) {
      ctx.addIssue({ code: 'custom', message: `${entry.id}: pattern must be anchored ^…$ and not global` });
    }
    if (entry.scan && !entry.scan.flags.includes('g')) {
      ctx.addIssue({ code: 'custom', message: `${entry.id}: scan must be global` });
    }
    // scanText looks for a format only where the first two characters of its prefix occur.
    if (entry.scan && !/^[\x20-\x7E]{2}/.test(matchPrefix(entry.scan))) {
      ctx.addIssue({
        code: 'custom',
        message: `${entry.id}: scan must start with two literal ASCII characters`,
      });
    }
    if (entry.scan && entry.context) {
      ctx.addIssue({ code: 'custom', message: `${entry.id}: a format that needs context cannot be scanned` });
    }
  });
export type FormatEntry = z.infer<typeof FormatEntrySchema>;

const TOKEN_EDGE = '[\\w-]';

/**
 * Builds the whole-value pattern and the free-text pattern from one body, so the two never drift apart.
 * `edge` is the set of characters that may not touch the token on either side (a longer run of token
 * characters means this is not the token, or is a token cut out of something else).
 */
function shape(body: RegExp, edge = TOKEN_EDGE): { pattern: RegExp; scan: RegExp } {
  return {
    pattern: new RegExp(`^(?:${body.source})$`),
    scan: new RegExp(`(?<!${edge})(?:${body.source})(?!${edge})`, 'g'),
  };
}

function whole(body: RegExp): { pattern: RegExp } {
  return { pattern: new RegExp(`^(?:${body.source})$`) };
}

const RAW_FORMATS: unknown[] = [
  // GitHub — https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/
  {
    id: 'github.classic_pat',
    provider: 'github',
    name: 'GitHub classic personal access token',
    ...shape(/ghp_[A-Za-z0-9]{36}/),
    visiblePrefix: 'ghp_',
    tokenType: 'personal_token',
    checksum: 'github-crc32',
    source: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
  },
  {
    id: 'github.oauth_token',
    provider: 'github',
    name: 'GitHub OAuth App access token',
    ...shape(/gho_[A-Za-z0-9]{36}/),
    visiblePrefix: 'gho_',
    tokenType: 'access_token',
    checksum: 'github-crc32',
    source: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
  },
  {
    id: 'github.user_token',
    provider: 'github',
    name: 'GitHub App user access token',
    ...shape(/ghu_[A-Za-z0-9]{36}/),
    visiblePrefix: 'ghu_',
    tokenType: 'user_token',
    checksum: 'github-crc32',
    source: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
  },
  {
    id: 'github.installation_token',
    provider: 'github',
    name: 'GitHub App installation token (or Actions GITHUB_TOKEN)',
    ...shape(/ghs_[A-Za-z0-9]{36}/),
    visiblePrefix: 'ghs_',
    tokenType: 'app_token',
    checksum: 'github-crc32',
    source: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
  },
  {
    id: 'github.refresh_token',
    provider: 'github',
    name: 'GitHub App refresh token',
    ...shape(/ghr_[A-Za-z0-9]{36}/),
    visiblePrefix: 'ghr_',
    tokenType: 'refresh_token',
    checksum: 'github-crc32',
    source:
      'https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/refreshing-user-access-tokens',
  },
  {
    id: 'github.fine_grained_pat',
    provider: 'github',
    name: 'GitHub fine-grained personal access token',
    ...shape(/github_pat_[A-Za-z0-9]{22}_[A-Za-z0-9]{59}/),
    visiblePrefix: 'github_pat_',
    tokenType: 'personal_token',
    source: 'https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api',
  },
  {
    id: 'github.legacy_token',
    provider: 'github',
    name: 'GitHub token in the pre-2021 40-hex format',
    ...whole(/[0-9a-f]{40}/),
    context: /git_?hub|\bgh_|gh_?(?:token|pat)/i,
    tokenType: 'access_token',
    source: 'https://github.blog/2021-04-05-behind-githubs-new-authentication-token-formats/',
  },

  // GitLab — https://docs.gitlab.com/ee/security/tokens/
  {
    id: 'gitlab.pat',
    provider: 'gitlab',
    name: 'GitLab personal, project or group access token',
    ...shape(/glpat-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{2}\.?[0-9a-z]{7})?/),
    visiblePrefix: 'glpat-',
    tokenType: 'personal_token',
    source: 'https://docs.gitlab.com/ee/user/profile/personal_access_tokens.html',
  },
  {
    id: 'gitlab.deploy_token',
    provider: 'gitlab',
    name: 'GitLab deploy token (git, registry and packages only)',
    ...shape(/gldt-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{2}\.?[0-9a-z]{7})?/),
    visiblePrefix: 'gldt-',
    tokenType: 'other',
    source: GITLEAKS,
  },
  {
    id: 'gitlab.pipeline_trigger_token',
    provider: 'gitlab',
    name: 'GitLab pipeline trigger token',
    ...shape(/glptt-[0-9a-f]{40}/),
    visiblePrefix: 'glptt-',
    tokenType: 'other',
    source: GITLEAKS,
  },
  {
    id: 'gitlab.runner_token',
    provider: 'gitlab',
    name: 'GitLab runner authentication token',
    ...shape(/glrt-[A-Za-z0-9_-]{20,300}(?:\.[0-9a-z]{2}\.?[0-9a-z]{7})?/),
    visiblePrefix: 'glrt-',
    tokenType: 'other',
    source: GITLEAKS,
  },
  {
    id: 'gitlab.ci_job_token',
    provider: 'gitlab',
    name: 'GitLab CI/CD job token',
    ...shape(/glcbt-[0-9a-zA-Z]{1,5}_[0-9a-zA-Z_-]{20}/),
    visiblePrefix: 'glcbt-',
    tokenType: 'access_token',
    source: GITLEAKS,
  },
  {
    id: 'gitlab.feed_token',
    provider: 'gitlab',
    name: 'GitLab feed token (RSS/calendar only)',
    ...shape(/glft-[0-9a-zA-Z_-]{20}/),
    visiblePrefix: 'glft-',
    tokenType: 'other',
    source: GITLEAKS,
  },
  {
    id: 'gitlab.oauth_app_secret',
    provider: 'gitlab',
    name: 'GitLab OAuth application secret',
    ...shape(/gloas-[0-9a-zA-Z_-]{64}/),
    visiblePrefix: 'gloas-',
    tokenType: 'client_secret',
    source: GITLEAKS,
  },
  {
    id: 'gitlab.scim_token',
    provider: 'gitlab',
    name: 'GitLab SCIM token',
    ...shape(/glsoat-[0-9a-zA-Z_-]{20}/),
    visiblePrefix: 'glsoat-',
    tokenType: 'other',
    source: GITLEAKS,
  },
  {
    id: 'gitlab.agent_token',
    provider: 'gitlab',
    name: 'GitLab agent for Kubernetes token',
    ...shape(/glagent-[0-9a-zA-Z_-]{50}/),
    visiblePrefix: 'glagent-',
    tokenType: 'other',
    source: GITLEAKS,
  },

  // Stripe — https://docs.stripe.com/keys
  ...(['live', 'test'] as const).flatMap((environment) =>
    (
      [
        ['sk', 'secret'],
        ['rk', 'restricted'],
        ['pk', 'publishable'],
      ] as const
    ).map(([prefix, key]) => ({
      id: `stripe.${key}_key_${environment}`,
      provider: 'stripe',
      name: `Stripe ${environment} ${key} key`,
      ...shape(new RegExp(`${prefix}_${environment}_[A-Za-z0-9]{24,247}`)),
      visiblePrefix: `${prefix}_${environment}_`,
      tokenType: `${key}_key`,
      environment,
      source: 'https://docs.stripe.com/keys',
    })),
  ),
  {
    id: 'stripe.webhook_secret',
    provider: 'stripe',
    name: 'Stripe webhook signing secret (verifies webhooks; not an API key)',
    ...shape(/whsec_[A-Za-z0-9]{24,80}/),
    visiblePrefix: 'whsec_',
    tokenType: 'webhook_secret',
    source: 'https://docs.stripe.com/webhooks/signature',
  },

  // Slack — https://api.slack.com/authentication/token-types
  {
    id: 'slack.bot_token',
    provider: 'slack',
    name: 'Slack bot token',
    ...shape(/xoxb-[0-9]{8,14}-(?:[0-9]{8,14}-)?[A-Za-z0-9]{18,40}/),
    visiblePrefix: 'xoxb-',
    tokenType: 'bot_token',
    source: 'https://api.slack.com/authentication/token-types',
  },
  {
    id: 'slack.user_token',
    provider: 'slack',
    name: 'Slack user token',
    ...shape(/xoxp-[0-9]{8,14}(?:-[0-9]{8,14}){2}-[A-Za-z0-9]{28,34}/),
    visiblePrefix: 'xoxp-',
    tokenType: 'user_token',
    source: 'https://api.slack.com/authentication/token-types',
  },
  {
    id: 'slack.app_token',
    provider: 'slack',
    name: 'Slack app-level token (Socket Mode; not for Web API methods)',
    ...shape(/xapp-[0-9]-[A-Z0-9]{8,14}-[0-9]{8,16}-[a-z0-9]{32,80}/),
    visiblePrefix: 'xapp-',
    tokenType: 'app_token',
    source: 'https://api.slack.com/authentication/token-types',
  },
  {
    id: 'slack.rotating_bot_token',
    provider: 'slack',
    name: 'Slack bot token with token rotation (expires after 12 hours)',
    ...shape(/xoxe\.xoxb-[0-9]-[A-Za-z0-9]{100,200}/),
    visiblePrefix: 'xoxe.xoxb-',
    tokenType: 'bot_token',
    source: 'https://docs.slack.dev/authentication/using-token-rotation',
  },
  {
    id: 'slack.rotating_user_token',
    provider: 'slack',
    name: 'Slack rotating user token or app configuration token',
    ...shape(/xoxe\.xoxp-[0-9]-[A-Za-z0-9]{100,200}/),
    visiblePrefix: 'xoxe.xoxp-',
    tokenType: 'user_token',
    source: 'https://docs.slack.dev/authentication/using-token-rotation',
  },
  {
    id: 'slack.refresh_token',
    provider: 'slack',
    name: 'Slack refresh token (only for oauth.v2.access or tooling.tokens.rotate)',
    ...shape(/xoxe-[0-9]-[A-Za-z0-9]{100,200}/),
    visiblePrefix: 'xoxe-',
    tokenType: 'refresh_token',
    source: 'https://docs.slack.dev/authentication/using-token-rotation',
  },
  {
    id: 'slack.workspace_access_token',
    provider: 'slack',
    name: 'Slack legacy workspace app access token',
    ...shape(/xoxa-[A-Za-z0-9-]{8,200}/),
    visiblePrefix: 'xoxa-',
    tokenType: 'access_token',
    source: GITLEAKS,
  },
  {
    id: 'slack.workspace_refresh_token',
    provider: 'slack',
    name: 'Slack legacy workspace app refresh token',
    ...shape(/xoxr-[A-Za-z0-9-]{8,200}/),
    visiblePrefix: 'xoxr-',
    tokenType: 'refresh_token',
    source: GITLEAKS,
  },
  {
    id: 'slack.webhook_url',
    provider: 'slack',
    name: 'Slack incoming webhook URL (posts messages; not a Web API token)',
    ...shape(
      /https:\/\/hooks\.slack\.com\/(?:services|workflows|triggers)\/[A-Za-z0-9_+/-]{20,120}/,
      '[\\w+/-]',
    ),
    visiblePrefix: 'https://hooks.slack.com/',
    tokenType: 'webhook_secret',
    source: 'https://api.slack.com/messaging/webhooks',
  },

  // Anthropic before OpenAI: both start `sk-`.
  {
    id: 'anthropic.api_key',
    provider: 'anthropic',
    name: 'Anthropic API key',
    ...shape(/sk-ant-api03-[A-Za-z0-9_-]{93}AA/),
    visiblePrefix: 'sk-ant-api03-',
    tokenType: 'api_key',
    source: 'https://docs.anthropic.com/en/api/getting-started',
  },
  {
    id: 'anthropic.admin_key',
    provider: 'anthropic',
    name: 'Anthropic Admin API key (admin, usage and cost APIs only)',
    ...shape(/sk-ant-admin01-[A-Za-z0-9_-]{93}AA/),
    visiblePrefix: 'sk-ant-admin01-',
    tokenType: 'api_key',
    source: 'https://docs.anthropic.com/en/api/getting-started',
  },
  {
    id: 'anthropic.oauth_token',
    provider: 'anthropic',
    name: 'Claude subscription OAuth access token (not a Console API key)',
    ...shape(/sk-ant-oat01-[A-Za-z0-9_-]{20,300}/),
    visiblePrefix: 'sk-ant-oat01-',
    tokenType: 'access_token',
    source: 'https://docs.anthropic.com/en/api/getting-started',
  },
  {
    id: 'anthropic.oauth_refresh_token',
    provider: 'anthropic',
    name: 'Claude subscription OAuth refresh token',
    ...shape(/sk-ant-ort01-[A-Za-z0-9_-]{20,300}/),
    visiblePrefix: 'sk-ant-ort01-',
    tokenType: 'refresh_token',
    source: 'https://docs.anthropic.com/en/api/getting-started',
  },

  // OpenAI — https://platform.openai.com/docs/api-reference/authentication
  {
    id: 'openai.project_key',
    provider: 'openai',
    name: 'OpenAI project API key',
    ...shape(/sk-proj-[A-Za-z0-9_-]{40,300}/),
    visiblePrefix: 'sk-proj-',
    tokenType: 'api_key',
    source: 'https://platform.openai.com/docs/api-reference/authentication',
  },
  {
    id: 'openai.service_account_key',
    provider: 'openai',
    name: 'OpenAI service account key',
    ...shape(/sk-svcacct-[A-Za-z0-9_-]{40,300}/),
    visiblePrefix: 'sk-svcacct-',
    tokenType: 'api_key',
    source: 'https://platform.openai.com/docs/api-reference/authentication',
  },
  {
    id: 'openai.admin_key',
    provider: 'openai',
    name: 'OpenAI admin key (organization admin APIs only, not model calls)',
    ...shape(/sk-admin-[A-Za-z0-9_-]{40,300}/),
    visiblePrefix: 'sk-admin-',
    tokenType: 'api_key',
    source: 'https://platform.openai.com/docs/api-reference/authentication',
  },
  {
    id: 'openai.legacy_key',
    provider: 'openai',
    name: 'OpenAI legacy user API key',
    ...shape(/sk-[A-Za-z0-9]{48}/),
    visiblePrefix: 'sk-',
    tokenType: 'api_key',
    source: 'https://platform.openai.com/docs/api-reference/authentication',
  },

  // Google — https://cloud.google.com/docs/authentication
  {
    id: 'google.api_key',
    provider: 'google',
    name: 'Google API key',
    ...shape(/AIza[A-Za-z0-9_-]{35}/),
    visiblePrefix: 'AIza',
    tokenType: 'api_key',
    source: 'https://cloud.google.com/docs/authentication',
  },
  {
    id: 'google.oauth_access_token',
    provider: 'google',
    name: 'Google OAuth access token',
    ...shape(/ya29\.[A-Za-z0-9_-]{20,2048}(?:\.[A-Za-z0-9_-]{1,2048}){0,3}/),
    visiblePrefix: 'ya29.',
    tokenType: 'access_token',
    source: 'https://developers.google.com/identity/protocols/oauth2#expiration',
  },
  {
    // `1//0` then about a hundred characters (`1//03…`, `1//0g…`); lives until revoked or unused for six months.
    id: 'google.oauth_refresh_token',
    provider: 'google',
    name: 'Google OAuth refresh token',
    ...shape(/1\/\/0[A-Za-z0-9_-]{40,512}/),
    visiblePrefix: '1//0',
    tokenType: 'refresh_token',
    source: 'https://developers.google.com/identity/protocols/oauth2#expiration',
  },

  // AWS — https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html
  {
    id: 'aws.access_key_id',
    provider: 'aws',
    name: 'AWS access key ID (long-term)',
    ...shape(/AKIA[A-Z0-9]{16}/),
    visiblePrefix: 'AKIA',
    tokenType: 'key_id',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html',
  },
  {
    id: 'aws.temporary_access_key_id',
    provider: 'aws',
    name: 'AWS temporary access key ID (STS; needs its session token)',
    ...shape(/ASIA[A-Z0-9]{16}/),
    visiblePrefix: 'ASIA',
    tokenType: 'key_id',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html',
  },
  {
    id: 'aws.bearer_key_id',
    provider: 'aws',
    name: 'AWS STS service bearer token key ID',
    ...shape(/ABIA[A-Z0-9]{16}/),
    visiblePrefix: 'ABIA',
    tokenType: 'key_id',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html',
  },
  {
    id: 'aws.secret_access_key',
    provider: 'aws',
    name: 'AWS secret access key (signs requests; never sent itself)',
    ...whole(/[A-Za-z0-9/+]{40}/),
    context: /aws.?secret|secret.?access.?key/i,
    tokenType: 'secret_key',
    source: 'https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_identifiers.html',
  },

  // Twilio — https://www.twilio.com/docs/iam/api
  {
    id: 'twilio.account_sid',
    provider: 'twilio',
    name: 'Twilio Account SID (the Basic auth username, not a secret)',
    ...shape(/AC[0-9a-fA-F]{32}/),
    visiblePrefix: 'AC',
    tokenType: 'key_id',
    source: 'https://www.twilio.com/docs/iam/api',
  },
  {
    id: 'twilio.api_key_sid',
    provider: 'twilio',
    name: 'Twilio API key SID (the Basic auth username for an API key)',
    ...shape(/SK[0-9a-fA-F]{32}/),
    visiblePrefix: 'SK',
    tokenType: 'key_id',
    source: 'https://www.twilio.com/docs/iam/api',
  },
  {
    id: 'twilio.auth_token',
    provider: 'twilio',
    name: 'Twilio auth token or API key secret',
    ...whole(/[0-9a-f]{32}/),
    context: /twilio/i,
    tokenType: 'secret_key',
    source: 'https://www.twilio.com/docs/iam/api',
  },

  // SendGrid, Mailgun
  {
    id: 'sendgrid.api_key',
    provider: 'sendgrid',
    name: 'SendGrid API key',
    ...shape(/SG\.[A-Za-z0-9_-]{16,32}\.[A-Za-z0-9_-]{16,64}/),
    visiblePrefix: 'SG.',
    tokenType: 'api_key',
    source:
      'https://www.twilio.com/docs/sendgrid/api-reference/how-to-use-the-sendgrid-v3-api/authentication',
  },
  {
    id: 'mailgun.api_key',
    provider: 'mailgun',
    name: 'Mailgun private API key',
    ...shape(/key-[0-9a-f]{32}/),
    visiblePrefix: 'key-',
    tokenType: 'api_key',
    source: GITLEAKS,
  },
  {
    id: 'mailgun.public_key',
    provider: 'mailgun',
    name: 'Mailgun public validation key (email validation only)',
    ...shape(/pubkey-[0-9a-f]{32}/),
    visiblePrefix: 'pubkey-',
    tokenType: 'publishable_key',
    source: GITLEAKS,
  },

  // Shopify — https://shopify.dev/docs/apps/build/authentication-authorization
  {
    id: 'shopify.admin_access_token',
    provider: 'shopify',
    name: 'Shopify Admin API access token',
    ...shape(/shpat_[a-fA-F0-9]{32}/),
    visiblePrefix: 'shpat_',
    tokenType: 'access_token',
    source:
      'https://shopify.dev/docs/apps/build/authentication-authorization/access-token-types/generate-app-access-tokens-admin',
  },
  {
    id: 'shopify.custom_app_token',
    provider: 'shopify',
    name: 'Shopify custom app access token',
    ...shape(/shpca_[a-fA-F0-9]{32}/),
    visiblePrefix: 'shpca_',
    tokenType: 'access_token',
    source: GITLEAKS,
  },
  {
    id: 'shopify.private_app_password',
    provider: 'shopify',
    name: 'Shopify legacy private app password',
    ...shape(/shppa_[a-fA-F0-9]{32}/),
    visiblePrefix: 'shppa_',
    tokenType: 'password',
    source: GITLEAKS,
  },
  {
    id: 'shopify.shared_secret',
    provider: 'shopify',
    name: 'Shopify app shared secret (HMAC verification; not an access token)',
    ...shape(/shpss_[a-fA-F0-9]{32}/),
    visiblePrefix: 'shpss_',
    tokenType: 'client_secret',
    source: GITLEAKS,
  },

  // Atlassian, Okta
  {
    id: 'atlassian.api_token',
    provider: 'atlassian',
    name: 'Atlassian API token (Basic auth with the account email)',
    ...shape(/ATATT3[A-Za-z0-9_=-]{100,250}/, '[\\w=-]'),
    visiblePrefix: 'ATATT3',
    tokenType: 'api_key',
    source:
      'https://support.atlassian.com/atlassian-account/docs/manage-api-tokens-for-your-atlassian-account/',
  },
  {
    id: 'okta.api_token',
    provider: 'okta',
    name: 'Okta API token (sent as `SSWS`, not `Bearer`)',
    ...whole(/00[A-Za-z0-9_-]{40}/),
    context: /okta|^ssws$/i,
    tokenType: 'api_key',
    source: 'https://developer.okta.com/docs/api/openapi/okta-management/guides/overview',
  },

  // Square — https://developer.squareup.com/docs/build-basics/access-tokens
  {
    id: 'square.access_token',
    provider: 'square',
    name: 'Square access token (sandbox and production look the same)',
    ...shape(/EAAA[A-Za-z0-9_-]{22,100}/),
    visiblePrefix: 'EAAA',
    tokenType: 'access_token',
    source: 'https://developer.squareup.com/docs/build-basics/access-tokens',
  },
  {
    id: 'square.legacy_access_token',
    provider: 'square',
    name: 'Square legacy personal access token',
    ...shape(/sq0atp-[A-Za-z0-9_-]{22}/),
    visiblePrefix: 'sq0atp-',
    tokenType: 'access_token',
    source: GITLEAKS,
  },
  {
    id: 'square.application_secret',
    provider: 'square',
    name: 'Square application secret (OAuth only; not an access token)',
    ...shape(/sq0csp-[A-Za-z0-9_-]{43}/),
    visiblePrefix: 'sq0csp-',
    tokenType: 'client_secret',
    source: GITLEAKS,
  },
  {
    id: 'square.sandbox_application_id',
    provider: 'square',
    name: 'Square sandbox application ID (identifies the app; not a credential)',
    ...shape(/sandbox-sq0idb-[A-Za-z0-9_-]{22,43}/),
    visiblePrefix: 'sandbox-sq0idb-',
    tokenType: 'other',
    environment: 'sandbox',
    source: 'https://developer.squareup.com/docs/build-basics/access-tokens',
  },
  {
    id: 'square.application_id',
    provider: 'square',
    name: 'Square production application ID (identifies the app; not a credential)',
    ...shape(/sq0idp-[A-Za-z0-9_-]{22,43}/),
    visiblePrefix: 'sq0idp-',
    tokenType: 'other',
    environment: 'production',
    source: 'https://developer.squareup.com/docs/build-basics/access-tokens',
  },

  // PayPal, DigitalOcean, Docker Hub, npm
  {
    id: 'paypal.access_token',
    provider: 'paypal',
    name: 'PayPal OAuth access token',
    ...shape(/A21AA[A-Za-z0-9_-]{50,300}/),
    visiblePrefix: 'A21AA',
    tokenType: 'access_token',
    source: 'https://developer.paypal.com/api/rest/authentication/',
  },
  {
    id: 'digitalocean.personal_access_token',
    provider: 'digitalocean',
    name: 'DigitalOcean personal access token',
    ...shape(/dop_v1_[a-f0-9]{64}/),
    visiblePrefix: 'dop_v1_',
    tokenType: 'personal_token',
    source: 'https://docs.digitalocean.com/reference/api/api-reference/#section/Authentication',
  },
  {
    id: 'digitalocean.oauth_token',
    provider: 'digitalocean',
    name: 'DigitalOcean OAuth access token',
    ...shape(/doo_v1_[a-f0-9]{64}/),
    visiblePrefix: 'doo_v1_',
    tokenType: 'access_token',
    source: 'https://docs.digitalocean.com/reference/api/api-reference/#section/Authentication',
  },
  {
    id: 'digitalocean.refresh_token',
    provider: 'digitalocean',
    name: 'DigitalOcean OAuth refresh token',
    ...shape(/dor_v1_[a-f0-9]{64}/),
    visiblePrefix: 'dor_v1_',
    tokenType: 'refresh_token',
    source: 'https://docs.digitalocean.com/reference/api/api-reference/#section/Authentication',
  },
  {
    id: 'docker.personal_access_token',
    provider: 'docker-hub',
    name: 'Docker Hub personal access token',
    ...shape(/dckr_pat_[A-Za-z0-9_-]{20,60}/),
    visiblePrefix: 'dckr_pat_',
    tokenType: 'personal_token',
    source: 'https://docs.docker.com/go/access-tokens/',
  },
  {
    id: 'npm.access_token',
    provider: 'npm',
    name: 'npm access token',
    ...shape(/npm_[A-Za-z0-9]{36}/),
    visiblePrefix: 'npm_',
    tokenType: 'access_token',
    checksum: 'npm-crc32',
    source: 'https://docs.npmjs.com/about-access-tokens/',
  },

  // HubSpot, Notion, Airtable, Linear, Postman
  {
    id: 'hubspot.private_app_token',
    provider: 'hubspot',
    name: 'HubSpot private app access token',
    ...shape(/pat-[a-z]{2}[0-9]-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/),
    visiblePrefix: 'pat-',
    tokenType: 'access_token',
    source: 'https://developers.hubspot.com/docs/api/private-apps',
  },
  {
    id: 'notion.integration_secret',
    provider: 'notion',
    name: 'Notion internal integration secret',
    ...shape(/ntn_[0-9]{11}[A-Za-z0-9]{35}/),
    visiblePrefix: 'ntn_',
    tokenType: 'api_key',
    source: GITLEAKS,
  },
  {
    id: 'notion.legacy_integration_secret',
    provider: 'notion',
    name: 'Notion integration secret (older `secret_` format)',
    ...shape(/secret_[A-Za-z0-9]{43}/),
    visiblePrefix: 'secret_',
    tokenType: 'api_key',
    source: GITLEAKS,
  },
  {
    id: 'airtable.personal_access_token',
    provider: 'airtable',
    name: 'Airtable personal access token',
    ...shape(/pat[A-Za-z0-9]{14}\.[a-f0-9]{64}/),
    visiblePrefix: 'pat',
    tokenType: 'personal_token',
    source: 'https://airtable.com/developers/web/guides/personal-access-tokens',
  },
  {
    id: 'linear.api_key',
    provider: 'linear',
    name: 'Linear personal API key',
    ...shape(/lin_api_[A-Za-z0-9]{40}/),
    visiblePrefix: 'lin_api_',
    tokenType: 'api_key',
    source: GITLEAKS,
  },
  {
    id: 'postman.api_key',
    provider: 'postman',
    name: 'Postman API key',
    ...shape(/PMAK-[a-fA-F0-9]{24}-[a-fA-F0-9]{34}/),
    visiblePrefix: 'PMAK-',
    tokenType: 'api_key',
    source: GITLEAKS,
  },

  // Cloudflare — https://developers.cloudflare.com/fundamentals/api/get-started/
  {
    id: 'cloudflare.origin_ca_key',
    provider: 'cloudflare',
    name: 'Cloudflare Origin CA key (Origin CA certificate API only)',
    ...shape(/v1\.0-[a-f0-9]{24}-[a-f0-9]{146}/),
    visiblePrefix: 'v1.0-',
    tokenType: 'api_key',
    source: GITLEAKS,
  },
  {
    id: 'cloudflare.global_api_key',
    provider: 'cloudflare',
    name: 'Cloudflare Global API Key (needs X-Auth-Email; not a Bearer token)',
    ...whole(/[0-9a-f]{37}/),
    context: /cloudflare|x-auth-key|\bcf_/i,
    tokenType: 'api_key',
    source: GITLEAKS,
  },
  {
    id: 'cloudflare.api_token',
    provider: 'cloudflare',
    name: 'Cloudflare API token',
    ...whole(/[A-Za-z0-9_-]{40}/),
    context: /cloudflare|\bcf_/i,
    tokenType: 'api_key',
    source: 'https://developers.cloudflare.com/fundamentals/api/get-started/create-token/',
  },

  // Grafana — https://grafana.com/docs/grafana/latest/administration/service-accounts/
  {
    id: 'grafana.service_account_token',
    provider: 'grafana',
    name: 'Grafana service account token',
    ...shape(/glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}/),
    visiblePrefix: 'glsa_',
    tokenType: 'api_key',
    source: 'https://grafana.com/docs/grafana/latest/administration/service-accounts/',
  },
  {
    id: 'grafana.cloud_token',
    provider: 'grafana',
    name: 'Grafana Cloud access policy token (not for the instance HTTP API)',
    ...shape(/glc_[A-Za-z0-9+/]{32,400}={0,3}/, '[\\w+/=-]'),
    visiblePrefix: 'glc_',
    tokenType: 'api_key',
    source: 'https://grafana.com/docs/grafana/latest/developers/http_api/auth/',
  },
  {
    id: 'grafana.legacy_api_key',
    provider: 'grafana',
    name: 'Grafana legacy API key (retired; migrated to service account tokens)',
    ...shape(/eyJrIjoi[A-Za-z0-9]{70,400}={0,3}/, '[\\w+/=-]'),
    visiblePrefix: 'eyJrIjoi',
    tokenType: 'api_key',
    source: GITLEAKS,
  },

  // Heroku, Databricks, Hugging Face
  {
    id: 'heroku.api_key',
    provider: 'heroku',
    name: 'Heroku API key',
    ...shape(/HRKU-AA[0-9a-zA-Z_-]{58}/),
    visiblePrefix: 'HRKU-AA',
    tokenType: 'api_key',
    source: GITLEAKS,
  },
  {
    id: 'heroku.legacy_api_key',
    provider: 'heroku',
    name: 'Heroku API key (older UUID format)',
    ...whole(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/),
    context: /heroku/i,
    tokenType: 'api_key',
    source: GITLEAKS,
  },
  {
    id: 'databricks.personal_access_token',
    provider: 'databricks',
    name: 'Databricks personal access token',
    ...shape(/dapi[a-f0-9]{32}(?:-[0-9])?/),
    visiblePrefix: 'dapi',
    tokenType: 'personal_token',
    source: GITLEAKS,
  },
  {
    id: 'huggingface.access_token',
    provider: 'huggingface',
    name: 'Hugging Face user access token',
    ...shape(/hf_[A-Za-z]{34}/),
    visiblePrefix: 'hf_',
    tokenType: 'access_token',
    source: GITLEAKS,
  },
  {
    id: 'huggingface.org_token',
    provider: 'huggingface',
    name: 'Hugging Face organization API token',
    ...shape(/api_org_[A-Za-z]{34}/),
    visiblePrefix: 'api_org_',
    tokenType: 'api_key',
    source: GITLEAKS,
  },

  // Azure, X, Salesforce, Discord
  {
    id: 'azure.storage_account_key',
    provider: 'azure',
    name: 'Azure storage account key',
    ...whole(/[A-Za-z0-9+/]{86}==/),
    context: /azure|storage|account_?key/i,
    tokenType: 'secret_key',
    source: 'https://learn.microsoft.com/azure/storage/common/storage-account-keys-manage',
  },
  {
    id: 'azure.entra_client_secret',
    provider: 'azure-entra-graph',
    name: 'Microsoft Entra app client secret (token endpoint only)',
    ...whole(/[A-Za-z0-9_~.]{3}[0-9]Q~[A-Za-z0-9_~.-]{31,34}/),
    tokenType: 'client_secret',
    source: GITLEAKS,
  },
  {
    id: 'x-twitter.app_bearer_token',
    provider: 'x-twitter',
    name: 'X (Twitter) app-only bearer token',
    // The 22 A's spelled out, not `A{22}`: a literal prefix is what the scanner looks for.
    ...shape(new RegExp(`${'A'.repeat(22)}[A-Za-z0-9%]{80,100}`), '[\\w%-]'),
    visiblePrefix: 'A'.repeat(22),
    tokenType: 'app_token',
    source: GITLEAKS,
  },
  {
    id: 'salesforce.session_id',
    provider: 'salesforce',
    name: 'Salesforce access token / session ID (starts with the org ID)',
    ...shape(/00D[A-Za-z0-9]{12}(?:[A-Za-z0-9]{3})?![A-Za-z0-9._]{20,300}/, '[\\w.!-]'),
    visiblePrefix: '00D',
    tokenType: 'access_token',
    source: 'https://developer.salesforce.com/docs/atlas.en-us.api_rest.meta/api/quickstart_oauth.htm',
  },
  {
    id: 'discord.bot_token',
    provider: 'discord',
    name: 'Discord bot token',
    ...whole(/[MNO][A-Za-z0-9_-]{22,27}\.[A-Za-z0-9_-]{6,7}\.[A-Za-z0-9_-]{27,38}/),
    tokenType: 'bot_token',
    source: 'https://github.com/Rapptz/discord.py/blob/master/docs/token.rst',
  },

  // Structural formats: found in free text by dedicated scanners (see classify.ts), not by `scan`.
  {
    id: 'generic.jwt',
    provider: 'generic',
    name: 'JSON Web Token (JWT)',
    pattern: /^eyJ[A-Za-z0-9_-]+(?:\.[A-Za-z0-9_-]*){1,4}$/,
    source: 'https://www.rfc-editor.org/rfc/rfc7519',
  },
  {
    // `kubectl get secret … {{.data.token}}` and similar hand out a JWT base64-encoded once more.
    id: 'generic.base64_jwt',
    provider: 'generic',
    name: 'base64-encoded JSON Web Token',
    ...shape(/ZXlK[A-Za-z0-9+/]{60,8192}={0,2}/, '[A-Za-z0-9+/=]'),
    visiblePrefix: 'ZXlK',
    tokenType: 'other',
    source: 'https://kubernetes.io/docs/concepts/configuration/secret/#service-account-token-secrets',
  },
  {
    id: 'generic.private_key',
    provider: 'generic',
    name: 'Private key (PEM block)',
    pattern:
      /^-----BEGIN [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----[\s\S]{0,65536}-----END [A-Z0-9 ]{0,40}PRIVATE KEY(?: BLOCK)?-----$/,
    tokenType: 'private_key',
    source: 'https://www.rfc-editor.org/rfc/rfc7468',
  },
];

/** The table, validated once: a malformed entry is a programming error and stops the process at start-up. */
export const CREDENTIAL_FORMATS: readonly FormatEntry[] = Object.freeze(
  z.array(FormatEntrySchema).parse(RAW_FORMATS),
);

export const JWT_FORMAT_ID = 'generic.jwt';
export const PRIVATE_KEY_FORMAT_ID = 'generic.private_key';

const BY_ID = new Map(CREDENTIAL_FORMATS.map((f) => [f.id, f]));

export function formatById(id: string): FormatEntry | undefined {
  return BY_ID.get(id);
}
