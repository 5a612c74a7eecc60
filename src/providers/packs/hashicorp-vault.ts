import type { ProviderPackInput } from '../schema.js';

const TOKENS_DOC = 'https://developer.hashicorp.com/vault/docs/concepts/tokens';
const API_DOC = 'https://developer.hashicorp.com/vault/api-docs';
const APPROLE_DOC = 'https://developer.hashicorp.com/vault/docs/auth/approle';
const NAMESPACES_DOC = 'https://developer.hashicorp.com/vault/docs/enterprise/namespaces';
const LEASES_DOC = 'https://developer.hashicorp.com/vault/docs/concepts/lease';
/** Vault answers an unknown, revoked or expired token and a missing policy with the same 403 in older versions. */
const INVALID_TOKEN_DOC_PR = 'https://github.com/hashicorp/vault/pull/26687';

export const hashicorpVault = {
  id: 'vault',
  name: 'HashiCorp Vault HTTP API',
  // Self-hosted (and HCP Vault Dedicated clusters with generated hostnames): recognised by its headers, token
  // shapes and error wording, not by a host.
  hosts: [],
  auth: [
    {
      in: 'header',
      name: 'X-Vault-Token',
      credential: 'a Vault token (hvs.… service token, hvb.… batch token)',
      formats: ['vault.service_token', 'vault.batch_token'],
      status: 'preferred',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'a Vault token in the Authorization header',
      formats: ['vault.service_token', 'vault.batch_token'],
      status: 'accepted',
    },
    {
      in: 'body',
      name: 'role_id',
      credential: 'AppRole role_id and secret_id, posted to auth/approle/login to obtain a token',
      status: 'accepted',
      note: 'Login endpoints take credentials in the body and answer with a token; every other path needs that token.',
    },
  ],
  headerNames: ['x-vault-token', 'x-vault-namespace', 'x-vault-request', 'x-vault-wrap-ttl'],
  credentialFormats: [
    {
      id: 'vault.service_token',
      name: 'Vault service token (hvs.)',
      pattern: String.raw`hvs\.[A-Za-z0-9_-]{24,300}`,
      prefix: 'hvs.',
      tokenType: 'access_token',
    },
    {
      id: 'vault.batch_token',
      name: 'Vault batch token (hvb.)',
      pattern: String.raw`hvb\.[A-Za-z0-9_-]{24,400}`,
      prefix: 'hvb.',
      tokenType: 'access_token',
    },
    {
      id: 'vault.recovery_token',
      name: 'Vault recovery token (hvr.; only for sys/raw in recovery mode)',
      pattern: String.raw`hvr\.[A-Za-z0-9_-]{24,300}`,
      prefix: 'hvr.',
      tokenType: 'access_token',
    },
  ],
  errors: [
    {
      id: 'missing-client-token',
      situation: 'no token reached Vault',
      match: String.raw`\bmissing client token\b`,
      status: [400, 403],
      cause: 'missing_credentials',
      confidence: 0.9,
      explain:
        'Vault received no token: VAULT_TOKEN is unset for this process (or for this user: `vault login` stores the token in ~/.vault-token of the user who ran it), the client sent it in a header Vault does not read, or a proxy dropped X-Vault-Token.',
      fix: [
        'Send the token as `X-Vault-Token: <VAULT_TOKEN>` (or `Authorization: Bearer <VAULT_TOKEN>`).',
        'For the CLI, export VAULT_TOKEN in the same shell (and user) that runs the command, or run `vault login` as that user.',
      ],
      docs: [API_DOC],
    },
    {
      id: 'permission-denied-invalid-token',
      situation: 'the token is unknown, revoked or past its TTL',
      // The CLI prints the pair on two lines; the JSON body holds it as one string with \n\t escapes.
      match: String.raw`\*\s{0,4}permission denied(?:\s|\\[nt]){1,20}\*\s{0,4}invalid token|"permission denied"\s*,\s*"invalid token"|"invalid token"\s*,\s*"permission denied"`,
      status: [403],
      cause: 'expired_token',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'Recent Vault versions add "invalid token" to the 403 when the token itself is no good: it expired (its TTL or max_ttl ran out), was revoked (a parent token or lease was revoked with it), or never existed on this cluster or namespace.',
      fix: [
        'Check the token with `vault token lookup` (as the same identity); if it is gone, log in again (AppRole, Kubernetes, OIDC…) rather than renewing.',
        'Long-running clients (Vault Agent, apps) must re-authenticate when a token reaches max_ttl; renewing cannot extend it past that.',
      ],
      docs: [TOKENS_DOC, INVALID_TOKEN_DOC_PR],
    },
    {
      id: 'permission-denied',
      situation: 'Vault refused the request with 403 permission denied',
      // Vault's own shapes: the CLI's "Code: 403. Errors: * permission denied" and the JSON errors array.
      match: String.raw`Code: 403\. Errors:\s{1,20}\*\s{0,4}(?:1 error occurred:\s{1,20}\*\s{0,4})?permission denied|\{\s*"errors"\s*:\s*\[\s*"(?:1 error occurred:(?:\\n|\\t|\s){1,8}\* )?permission denied(?:\\n)*"\s*\]\s*\}`,
      status: [403],
      cause: 'insufficient_scope_or_permissions',
      severity: 'warning',
      confidence: 0.55,
      explain:
        'Vault says "permission denied" both when the token’s policies do not grant this capability on this path and — before 1.17, or without the extra "invalid token" line — when the token is invalid, revoked or expired. Common policy slips: KV v2 paths need the data/ segment (secret/data/app, not secret/app), and Enterprise/HCP requests need X-Vault-Namespace.',
      fix: [
        'Run `vault token lookup` with the same token: if it fails, the token is the problem (log in again); if it works, compare its policies with the path.',
        'Check the capability with `vault token capabilities <path>`; for KV v2 write policies on secret/data/<path> and secret/metadata/<path>.',
        'On Vault Enterprise or HCP Vault, send `X-Vault-Namespace: <namespace>` (HCP clusters start at admin).',
      ],
      docs: [TOKENS_DOC, NAMESPACES_DOC],
    },
    {
      id: 'ttl-capped-by-max-ttl',
      situation: 'a token or lease renewal capped by max_ttl: it will expire and cannot be renewed further',
      match: 'TTL of "?[0-9hms.]{1,20}"? exceeded the effective max_ttl of "?[0-9hms.]{1,20}"?',
      cause: 'expired_token',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Vault capped the requested TTL at the remaining max_ttl. A renewable token or lease still dies at max_ttl (32 days by default): after that every call with it fails, and only a fresh login issues a new one. Clients that only renew (rather than re-authenticate) break on a fixed schedule.',
      fix: [
        'Let the client re-authenticate when the token nears max_ttl (Vault Agent auto-auth does this when its auth method can log in again), or use a periodic token (role `token_period`) for long-lived services.',
        'Raise token_max_ttl on the role (or the mount’s max-lease-ttl) only if a longer lifetime is acceptable.',
      ],
      docs: [TOKENS_DOC, LEASES_DOC],
    },
    {
      id: 'approle-invalid-credentials',
      situation: 'AppRole login with an unknown role_id or a wrong, used-up or expired secret_id',
      match: String.raw`invalid role or secret ID|\binvalid role ID\b|\binvalid secret id\b|failed to validate SecretID: failed to find secondary index for role_id`,
      status: [400, 403],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'The AppRole login was refused: the role_id does not belong to any role on this mount, or the secret_id is wrong, was already used up (secret_id_num_uses), expired (secret_id_ttl) or belongs to another role.',
      fix: [
        'Read the role_id again (`vault read auth/approle/role/<role>/role-id`) and generate a fresh secret_id (`vault write -f auth/approle/role/<role>/secret-id`).',
        'If secret IDs expire or run out by design, have the deployment fetch a new one for each login.',
      ],
      docs: [APPROLE_DOC],
    },
    {
      id: 'approle-cidr-restricted',
      situation: 'AppRole login from an address outside the role’s or secret ID’s CIDR list',
      match: String.raw`source address \\?"?[0-9a-f.:]{2,45}\\?"? unauthorized (?:by|through) CIDR restrictions on the (?:role|secret ID)`,
      cause: 'ip_blocked_or_restricted',
      confidence: 0.9,
      explain:
        'The role (secret_id_bound_cidrs) or the secret ID (cidr_list) only allows logins from certain addresses, and Vault saw this request come from another one — often a NAT gateway, proxy or a new node.',
      fix: [
        'Add the client’s real source address to the role’s secret_id_bound_cidrs (or issue a secret ID with a matching cidr_list); behind a proxy, check which address Vault actually sees.',
      ],
      docs: [APPROLE_DOC],
    },
  ],
  tokenLifetimes: [
    {
      token: 'service token max TTL',
      seconds: 2_764_800,
      text: 'system max TTL 768 hours (32 days) unless the mount or role sets another max_ttl',
    },
  ],
  requiresHttps: false,
  docs: [
    { title: 'Tokens', url: TOKENS_DOC },
    { title: 'HTTP API (X-Vault-Token, X-Vault-Namespace)', url: API_DOC },
    { title: 'AppRole auth method', url: APPROLE_DOC },
    { title: 'Namespaces', url: NAMESPACES_DOC },
  ],
  pitfalls: [
    'Vault answers 403 "permission denied" for a missing policy and (before 1.17) for an invalid or expired token alike; `vault token lookup` tells which.',
    'Tokens cannot be renewed past max_ttl (768 h by default): services must log in again, or use periodic tokens.',
    'KV version 2 paths include data/ in the API and in policies (secret/data/app), though the CLI hides it.',
    'Vault Enterprise and HCP Vault need X-Vault-Namespace (HCP starts at admin); without it the same token gets 403.',
    'hvs./hvb. tokens (Vault 1.10+) replaced the older s./b. prefixes; both still work where the server issued them.',
  ],
  rotate: {
    url: 'https://developer.hashicorp.com/vault/docs/concepts/tokens',
    steps: [
      'Revoke the token by its accessor, which keeps the token itself out of your shell history: `vault token revoke -accessor ACCESSOR` (child tokens are revoked with it).',
      'Log in again with your auth method (`vault login -method=METHOD`) to get a new token.',
      'Check the audit device log for requests made with the old accessor.',
    ],
  },
} satisfies ProviderPackInput;
