/**
 * The credential is valid, but the account or project behind it may not use the API right now: the API is
 * not enabled for the project, billing is off or past due, the account is suspended or deactivated, the
 * trial or subscription ended, or the quota is exhausted (when that comes back as 401/403 rather than 429).
 * No new key fixes this; the account's state has to change.
 */
import type { TextView } from '../diagnose/facts.js';
import { looksQuoted, proseTexts, quoteAround, scanTexts } from './helpers/hosts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

type Kind = 'api_disabled' | 'billing' | 'suspended' | 'subscription' | 'quota';

interface Pattern {
  kind: Kind;
  match: RegExp;
  /** Only meaningful with an authentication failure around it (quota messages also come with 429). */
  needsAuthStatus?: boolean;
  /** Also fits other causes (plan limits vs permissions): a warning only. */
  weak?: boolean;
}

const PATTERNS: Pattern[] = [
  {
    kind: 'api_disabled',
    match:
      /\bhas not been used in project\b[^\n]{0,120}\b(?:before or it is disabled)\b|\bSERVICE_DISABLED\b|\baccessNotConfigured\b|\bAccess Not Configured\b|\bThis API project is not authori[sz]ed to use this API\b|\b(?:API|service)\b[^.\n]{0,60}\b(?:is not|isn't|has not been) (?:enabled|activated)\b|\b(?:API|service) (?:is )?disabled for (?:this|your) (?:project|account)\b|\bPlease ensure that this API is activated\b|\benable (?:it|the API) by visiting\b/i,
  },
  {
    kind: 'billing',
    match:
      /\bBILLING_DISABLED\b|\bbillingNotEnabled\b|\b(?:You must )?enable Billing on the (?:Google Cloud )?Project\b|\bbilling (?:account )?(?:is |has been )?(?:not enabled|disabled|closed|inactive|not active|suspended|past due|overdue)\b|\bassociated with (?:an absent|a closed|a disabled) billing account\b|\bbilling_not_active\b|\bbilling_hard_limit_reached\b|\brequires billing to be enabled\b|\benable billing on (?:the )?project\b|\bcredit balance is too low\b|\b(?:invoice|payment|account)s? (?:is |are )?(?:past due|overdue|unpaid)\b|\bpayment (?:method )?(?:failed|declined|required)\b|\binsufficient (?:funds|balance|credits?)\b|\bout of credits?\b/i,
  },
  {
    kind: 'suspended',
    match:
      /\b(?:account|organi[sz]ation|workspace|team|tenant|project|subscription|user)\b[^.\n]{0,40}\b(?:has been |is |was )(?:suspended|deactivated|disabled|locked|closed|banned|terminated|frozen|blocked|deleted|inactive)\b|\baccount_(?:inactive|deactivated|suspended|disabled|locked)\b|\b(?:AccountSuspended|AccountDisabled|OrganizationDisabled|SubscriptionNotFound|ReadOnlyDisabledSubscription|PendingVerification|OptInRequired|SubscriptionRequiredException)\b|\bYour account is not active\b|\baccount (?:is )?pending (?:verification|activation|approval)\b/i,
  },
  {
    kind: 'subscription',
    match:
      /\b(?:free )?trial(?: period)? (?:has )?(?:expired|ended|is over)\b|\bsubscription (?:has )?(?:expired|ended|lapsed|been cancell?ed|is (?:inactive|not active|cancell?ed|required))\b|\b(?:no|without an?) active subscription\b|\blicen[cs]e (?:has )?(?:expired|is (?:invalid|not valid|required))\b|\bneeds a subscription for the service\b/i,
  },
  {
    kind: 'subscription',
    match:
      /\b(?:your|the current) plan does(?: not|n't) (?:include|allow|support)\b|\bupgrade your (?:plan|subscription|account) to\b/i,
    weak: true,
  },
  {
    kind: 'quota',
    match:
      /\bquota (?:has been )?exceeded\b|\bexceeded (?:your|the) (?:current )?quota\b|\b(?:daily|monthly) (?:limit|quota) (?:has been )?(?:exceeded|reached)\b|\bdailyLimitExceeded\b|\binsufficient_quota\b|\bOut of call volume quota\b|\busage limit (?:has been )?(?:exceeded|reached)\b|\bcheck your plan and billing details\b/i,
    needsAuthStatus: true,
  },
];

const TITLES: Record<Kind, string> = {
  api_disabled: 'The API is not enabled for this project or account',
  billing: 'Billing is not active for this account or project',
  suspended: 'The account is suspended or deactivated',
  subscription: 'The subscription, plan or trial does not cover this call',
  quota: 'The quota is exhausted',
};

const EXPLAIN: Record<Kind, string> = {
  api_disabled:
    'The credential is valid, but the API is not enabled (activated) for the project or account it belongs to, so every call is refused.',
  billing:
    'The credential is valid, but the account or project has no active billing (or has run out of credit), and the provider refuses calls until that is fixed.',
  suspended:
    'The credential belongs to an account, organization or user that is suspended or deactivated: the provider rejects it no matter how it is sent.',
  subscription:
    'The credential is valid, but the plan, trial or subscription behind it does not (or no longer) cover this call.',
  quota:
    'The account or key has used up its quota; this provider reports that as an authorization failure rather than 429.',
};

const FIX: Record<Kind, string[]> = {
  api_disabled: [
    'Enable the API for the project the key or service account belongs to (Google Cloud: APIs & Services → Library → the API → Enable, or `gcloud services enable <service>.googleapis.com --project <PROJECT_ID>`), then wait a few minutes.',
    'Check that the key or token belongs to the project where you enabled the API (Google errors name the project number).',
  ],
  billing: [
    'Open the billing settings of the account or project, attach a valid payment method or billing account, and settle any past-due balance or add credit.',
    'Retry after a few minutes; billing changes take a moment to apply.',
  ],
  suspended: [
    "Sign in to the provider's console to see why the account or organization is suspended or deactivated, resolve it (or reactivate the user), or contact the provider's support.",
    'If the token belongs to a deactivated user or removed member, create a new token from an active account.',
  ],
  subscription: [
    "Check the subscription or plan in the provider's dashboard: renew it, end the trial by upgrading, or use a plan that includes this API.",
  ],
  quota: [
    "Check usage against the quota in the provider's console; raise the quota or the plan's limits, or wait for the quota window to reset.",
  ],
};

export default defineRule({
  meta: {
    id: 'account-or-billing',
    cause: 'account_or_billing_state',
    severity: 'error',
    title: 'The account, billing or API enablement blocks the call',
    description:
      'The provider says the account or project behind a valid credential may not use the API right now: the API is not enabled, billing is off or past due, the account is suspended, the trial or subscription has ended, or the quota is used up. A new key does not help; the account state must change.',
    docs: ['https://cloud.google.com/apis/docs/getting-started#enabling_apis'],
    checklist: ['permissions', 'contact-support'],
  },
  check(_evidence, ctx) {
    const authStatus = ctx.facts.statuses.has(401) || ctx.facts.statuses.has(403) || ctx.facts.saw401;
    const hit = find(scanTexts(ctx, { prose: false }), authStatus) ?? find(proseTexts(ctx), authStatus);
    if (!hit) return [];
    const fromProse = hit.view.kind === 'prose' && !looksQuoted(hit.view.text, hit.index);
    const strong = !fromProse && !hit.pattern.weak;
    const report: RuleReport = {
      severity: strong ? 'error' : 'warning',
      confidence: strong ? (hit.pattern.kind === 'quota' ? 0.7 : 0.85) : hit.pattern.weak ? 0.45 : 0.6,
      title: TITLES[hit.pattern.kind],
      detail: `${fromProse ? 'The paste says' : 'The server says'} “${hit.words}”. ${EXPLAIN[hit.pattern.kind]}`,
      evidence: [hit.view.pointer],
      fix: [...FIX[hit.pattern.kind], ...consoleLink(hit.view.text)],
    };
    return [report];
  },
});

function find(texts: readonly TextView[], authStatus: boolean) {
  for (const view of texts) {
    // Rate limiting (429) uses the same words about quotas and plans, and is not an authentication failure.
    if (view.status === 429) continue;
    for (const pattern of PATTERNS) {
      if (pattern.needsAuthStatus && !(authStatus || view.status === 401 || view.status === 403)) continue;
      const m = pattern.match.exec(view.text);
      if (m) return { view, pattern, words: quoteAround(view.text, m.index, m[0].length), index: m.index };
    }
  }
  return undefined;
}

/** A console or billing link the message itself gives is the most direct fix. */
function consoleLink(text: string): string[] {
  const m =
    /https?:\/\/[^\s"'<>)\]]{1,300}(?:console|billing|apis\/|library|dashboard|account|settings)[^\s"'<>)\]]{0,300}/i.exec(
      text,
    );
  return m ? [`The message links the place to fix it: ${m[0].replace(/[.,;:]+$/, '')}`] : [];
}
