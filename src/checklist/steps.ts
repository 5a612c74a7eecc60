/**
 * The 401 checklist as data: the steps a support engineer walks through, in the order they are usually
 * worth doing, and which causes point at each. `assess.ts` decides per paste whether a step is suspect,
 * ruled out by the evidence, or unknown; the conversation issue adds each step's instructions.
 */
import { z } from 'zod';
import type { Cause } from '../diagnose/taxonomy.js';

export const STEP_IDS = [
  'credentials-present',
  'right-credential',
  'header-format',
  'token-expiry',
  'provider-docs',
  'permissions',
  'url',
  'network-restrictions',
  'dns',
  'cookies-cache',
  'logout-login',
  'contact-support',
] as const;
export const StepIdSchema = z.enum(STEP_IDS);
export type StepId = z.infer<typeof StepIdSchema>;

export interface StepDefinition {
  id: StepId;
  title: string;
  /** Findings with these causes make the step suspect. */
  causes: readonly Cause[];
}

export const STEPS: readonly StepDefinition[] = [
  {
    id: 'credentials-present',
    title: 'A credential is actually sent',
    causes: ['missing_credentials', 'placeholder_or_unexpanded', 'credentials_dropped_in_transit'],
  },
  {
    id: 'right-credential',
    title: 'It is the right credential (not mistyped, revoked, test instead of live, or another kind of key)',
    causes: ['invalid_credentials', 'wrong_environment', 'wrong_token_type', 'signature_or_key_mismatch'],
  },
  {
    id: 'header-format',
    title: 'It is in the right header, with the right scheme and encoding',
    causes: ['wrong_header_format', 'placeholder_or_unexpanded'],
  },
  {
    id: 'token-expiry',
    title: 'The token has not expired (and clocks agree)',
    causes: ['expired_token', 'not_yet_valid_or_clock_skew'],
  },
  {
    id: 'provider-docs',
    title: "The provider's authentication docs match what is sent",
    causes: [
      'wrong_audience_or_issuer',
      'wrong_token_type',
      'wrong_header_format',
      'server_misconfiguration',
    ],
  },
  {
    id: 'permissions',
    title: 'The credential has the scopes and permissions this call needs',
    causes: ['insufficient_scope_or_permissions', 'account_or_billing_state'],
  },
  {
    id: 'url',
    title: 'The URL is right: host, version, path, https, no redirect that drops the header',
    causes: ['wrong_url_or_endpoint', 'wrong_environment', 'credentials_dropped_in_transit'],
  },
  {
    id: 'network-restrictions',
    title: 'No IP allowlist, key restriction or proxy is in the way',
    causes: ['ip_blocked_or_restricted', 'credentials_dropped_in_transit'],
  },
  {
    id: 'dns',
    title: 'The host resolves to the right server (no stale DNS)',
    causes: ['wrong_url_or_endpoint'],
  },
  {
    id: 'cookies-cache',
    title: 'No stale cookie or cached 401 (browser, proxy, CDN)',
    causes: ['cached_response'],
  },
  {
    id: 'logout-login',
    title: 'Logging out and back in (a fresh session) does not help',
    causes: ['expired_token'],
  },
  {
    id: 'contact-support',
    title: "The API's support has been asked",
    causes: ['server_misconfiguration', 'account_or_billing_state', 'other'],
  },
];

export function stepById(id: StepId): StepDefinition {
  const step = STEPS.find((s) => s.id === id);
  if (!step) throw new Error(`unknown checklist step ${id}`);
  return step;
}
