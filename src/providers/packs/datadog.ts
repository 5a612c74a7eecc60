import type { ProviderPackInput } from '../schema.js';

const KEYS_DOC = 'https://docs.datadoghq.com/account_management/api-app-keys/';
const SITES_DOC = 'https://docs.datadoghq.com/getting_started/site/';
const API_AUTH_DOC = 'https://docs.datadoghq.com/api/latest/authentication/';

/** One entry per Datadog site: keys belong to one site and are refused by the others. */
const SITES = [
  { suffix: 'datadoghq.com', region: 'us1' },
  { suffix: 'us3.datadoghq.com', region: 'us3' },
  { suffix: 'us5.datadoghq.com', region: 'us5' },
  { suffix: 'ap1.datadoghq.com', region: 'ap1' },
  { suffix: 'ap2.datadoghq.com', region: 'ap2' },
  { suffix: 'datadoghq.eu', region: 'eu1' },
  { suffix: 'ddog-gov.com', region: 'us1-fed' },
] as const;

export const datadog = {
  id: 'datadog',
  name: 'Datadog API',
  hosts: SITES.flatMap(({ suffix, region }) => [
    { host: `api.${suffix}`, region, note: `API for the ${region.toUpperCase()} site (${suffix})` },
    {
      host: `*.${suffix}`,
      region,
      note: `intake and app hosts of the ${region.toUpperCase()} site (http-intake.logs.${suffix}, app.${suffix}, …)`,
    },
  ]),
  auth: [
    {
      in: 'header',
      name: 'DD-API-KEY',
      credential: 'an API key (32 hex digits) of the organization, on its own site',
      status: 'preferred',
      note: 'Enough for submitting data (metrics, logs, events); reading and configuration endpoints also need DD-APPLICATION-KEY.',
    },
    {
      in: 'header',
      name: 'DD-APPLICATION-KEY',
      credential:
        'an application key (40 hex digits), together with DD-API-KEY, for read and management endpoints',
      status: 'accepted',
      note: 'Scoped application keys only allow their scopes (monitors_read, dashboards_write, …).',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an API key or application key as a Bearer token',
      status: 'rejected',
      note: 'Datadog reads keys from DD-API-KEY and DD-APPLICATION-KEY, not from Authorization (Bearer is for OAuth apps).',
    },
  ],
  headerNames: ['dd-api-key', 'dd-application-key'],
  errors: [
    {
      id: 'forbidden',
      situation: 'Datadog refused the API or application key',
      // Datadog's error envelope names its status page, and through it the site that answered.
      match: String.raw`"errors"\s*:\s*\[\s*"Forbidden"\s*\][^\n]{0,400}?status\.(?:[a-z0-9]{2,6}\.)?(?:datadoghq\.(?:com|eu)|ddog-gov\.com)|status\.(?:[a-z0-9]{2,6}\.)?(?:datadoghq\.(?:com|eu)|ddog-gov\.com)[^\n]{0,400}?"errors"\s*:\s*\[\s*"Forbidden"\s*\]`,
      status: [403],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.6,
      explain:
        'Datadog answers 403 “Forbidden” for every key problem: an API key from another site (keys of an EU1 organization are unknown to the US1 host, and so on — the statuspage in the answer names the site that answered), a revoked key, an application key sent as DD-API-KEY (or the reverse), a missing DD-APPLICATION-KEY on a read or management endpoint, or a scoped application key without the scope this endpoint needs.',
      fix: [
        'Call the API host of your organization’s site (api.datadoghq.eu, api.us5.datadoghq.com, …; the site is in the URL of the Datadog web app) — SDKs and agents take it as DD_SITE.',
        'Send the API key in `DD-API-KEY` and, for reads and configuration, the application key in `DD-APPLICATION-KEY`; check both still exist under Organization Settings.',
      ],
      docs: [SITES_DOC, KEYS_DOC],
    },
  ],
  docs: [
    { title: 'API and application keys', url: KEYS_DOC },
    { title: 'Datadog sites', url: SITES_DOC },
    { title: 'API authentication', url: API_AUTH_DOC },
  ],
  pitfalls: [
    'Keys belong to one Datadog site: an EU1 (datadoghq.eu) key is rejected by api.datadoghq.com and vice versa. Set DD_SITE or the API host to your site.',
    'DD-API-KEY alone only submits data; reading data and changing configuration also need DD-APPLICATION-KEY.',
    'Datadog answers every key problem with the same 403 {"errors":["Forbidden"]}.',
  ],
  rotate: {
    url: 'https://docs.datadoghq.com/account_management/api-app-keys/',
    steps: [
      'In Datadog, on the site your account uses, open Organization Settings › API Keys (or Application Keys).',
      'Create a new key, deploy it to agents and integrations, then revoke the old key.',
      'Check the Audit Trail, where enabled, for activity with the old key.',
    ],
  },
} satisfies ProviderPackInput;
