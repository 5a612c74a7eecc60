/**
 * The credential is valid, but the account or project behind it may not use the API right now: the API is
 * not enabled for the project, billing is off or past due, the account is suspended or deactivated, the
 * trial or subscription ended, or the quota is exhausted (when that comes back as 401/403 rather than 429).
 * 402 Payment Required on an API call says the same (a frozen store, an unpaid plan), except on payment APIs,
 * where it is the end customer's declined card. No new key fixes this; the account's state has to change.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { TextView } from '../diagnose/facts.js';
import type { Evidence } from '../intake/evidence.js';
import { LiteralIndex } from '../providers/literal.js';
import { looksQuoted, proseTexts, quoteAround, scanTexts } from './helpers/hosts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

type Kind = 'api_disabled' | 'billing' | 'suspended' | 'subscription' | 'quota' | 'verification';

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
      /\b(?:account|organi[sz]ation|workspace|team|tenant|project|subscription|user)\b[^.\n]{0,40}\b(?:has been |is |was )(?:suspended|deactivated|disabled|locked|closed|banned|terminated|frozen|blocked|deleted|inactive)\b|\baccount_(?:inactive|deactivated|suspended|disabled|locked)\b|\b(?:AccountSuspended|AccountDisabled|OrganizationDisabled|SubscriptionNotFound|ReadOnlyDisabledSubscription|PendingVerification|OptInRequired|SubscriptionRequiredException)\b|\bYour account is not active\b|\b(?:Unavailable|Frozen|Paused|Closed) (?:Shop|Store)\b|\b(?:shop|store) (?:is )?(?:unavailable|frozen|paused)\b|\baccount (?:is )?pending (?:verification|activation|approval)\b/i,
  },
  {
    kind: 'subscription',
    match:
      /\b(?:free )?trial(?: period)? (?:has )?(?:expired|ended|is over)\b|\bsubscription (?:has )?(?:expired|ended|lapsed|been cancell?ed|is (?:inactive|not active|cancell?ed|required|expired))\b|\bsubscription[ _](?:inactive|expired|lapsed|cancell?ed|suspended)\b|\b(?:inactive|expired|lapsed|cancell?ed) subscription\b|\b(?:no|without an?) active subscription\b|\blicen[cs]e (?:has )?(?:expired|is (?:invalid|not valid|required))\b|\bneeds a subscription for the service\b/i,
  },
  {
    kind: 'subscription',
    match:
      /\brequires? (?:a |an )?(?:separate |paid |active |valid |higher |premium |pro |enterprise |business |professional |dedicated )?(?:subscription|plan|licen[cs]e)\b|\b(?:not (?:available|included|supported)|unavailable) (?:on|in|with|for) (?:your|the|this) (?:current )?(?:plan|subscription|tier|pricing plan|account type)\b|\bonly available (?:on|to|for|with) (?:paid|premium|pro|enterprise|business|higher)(?: plans?| tiers?| accounts?| subscriptions?)?\b|\bsubscription (?:is )?required\b/i,
  },
  {
    kind: 'subscription',
    match:
      /\b(?:your|the current) plan does(?: not|n't) (?:include|allow|support)\b|\bupgrade your (?:plan|subscription|account) to\b/i,
    weak: true,
  },
  {
    kind: 'verification',
    match:
      /\b(?:verify|confirm|activate) your (?:account|email(?: address)?|e-mail(?: address)?|phone(?: number)?|identity)\b|\b(?:account|email(?: address)?|e-mail|user|phone(?: number)?) (?:is |has )?not (?:yet )?(?:been )?(?:verified|confirmed|activated)\b|\bunverified (?:account|email|e-mail|user)\b|\bverification_required\b|\b(?:email|account|user)_not_(?:verified|confirmed|activated)\b|\bemail_not_confirmed\b|\b(?:account|email|e-mail|identity) verification (?:is )?required\b|\brequires? (?:a )?verified (?:account|email)\b/i,
  },
  {
    kind: 'quota',
    match:
      /\bquota (?:has been )?exceeded\b|\bexceeded (?:your|the) (?:current )?quota\b|\b(?:daily|monthly) (?:limit|quota) (?:has been )?(?:exceeded|reached)\b|\bdailyLimitExceeded\b|\binsufficient_quota\b|\bOut of call volume quota\b|\busage limit (?:has been )?(?:exceeded|reached)\b|\bcheck your plan and billing details\b/i,
    needsAuthStatus: true,
  },
];

/** One pass over a text finds the few patterns worth running. */
const PATTERN_INDEX = new LiteralIndex(PATTERNS, (p) => p.match);

const TITLES: Record<Kind, string> = {
  api_disabled: 'The API is not enabled for this project or account',
  billing: 'Billing is not active for this account or project',
  suspended: 'The account is suspended or deactivated',
  subscription: 'The subscription, plan or trial does not cover this call',
  quota: 'The quota is exhausted',
  verification: 'The account is not verified yet',
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
  verification:
    'The credential is valid, but the account behind it has not finished verification (e-mail, phone, identity or a payment card), and the provider refuses this call until it has.',
};

const FIX: Record<Kind, string[]> = {
  verification: [
    'Finish the verification the message asks for as the account owner (confirm the e-mail, verify the phone or identity, add a payment card where the provider uses one to verify accounts), then retry with the same credential.',
  ],
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
  check(evidence, ctx) {
    const authStatus =
      ctx.facts.statuses.has(401) ||
      ctx.facts.statuses.has(402) ||
      ctx.facts.statuses.has(403) ||
      ctx.facts.saw401;
    const hit = find(scanTexts(ctx, { prose: false }), authStatus) ?? find(proseTexts(ctx), authStatus);
    if (!hit || hit.view.kind === 'prose') {
      const payment = paymentRequired(evidence, ctx);
      if (payment) return [payment];
    }
    if (!hit) return [];
    const fromProse = hit.view.kind === 'prose' && !looksQuoted(hit.view.text, hit.index);
    // With 402 Payment Required, a suspended store or lapsed plan is about an unpaid bill.
    const paid = ctx.facts.statuses.has(402) && hit.pattern.kind !== 'api_disabled';
    const kind: Kind = paid ? 'billing' : hit.pattern.kind;
    const strong = !fromProse && (!hit.pattern.weak || paid);
    const report: RuleReport = {
      severity: strong ? 'error' : 'warning',
      confidence: strong ? (kind === 'quota' ? 0.7 : 0.85) : hit.pattern.weak ? 0.45 : 0.6,
      title: TITLES[kind],
      detail: `${fromProse ? 'The paste says' : 'The server says'} “${hit.words}”${paid ? ' with 402 Payment Required' : ''}. ${EXPLAIN[kind]}`,
      evidence: [hit.view.pointer],
      fix: [...FIX[kind], ...consoleLink(hit.view.text)],
    };
    return [report];
  },
});

function find(texts: readonly TextView[], authStatus: boolean) {
  for (const view of texts) {
    // Rate limiting (429) uses the same words about quotas and plans, and is not an authentication failure.
    if (view.status === 429) continue;
    for (const pattern of PATTERN_INDEX.candidates(view.text)) {
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
  return m ? [`The message links the place to fix it: ${m[0].replace(/(?<![.,;:])[.,;:]+$/, '')}`] : [];
}

/** Payment APIs answer 402 for a declined card: the end customer's payment, not the caller's account. */
const CARD_DECLINE =
  /\bcard_(?:error|declined)\b|\bdecline_code\b|\byour card (?:was|has been) declined\b|\binsufficient_funds\b|\bINSTRUMENT_DECLINED\b/i;
/** Hosts of card-payment APIs, where 402 is the payment request's own failure. */
const PAYMENT_API =
  /(?:^|\.)(?:stripe\.com|braintreegateway\.com|adyen\.com|checkout\.com|squareup\.com|paypal\.com)$/i;

/**
 * 402 Payment Required on an API call: the provider wants the account's bill paid (a frozen store, a lapsed
 * subscription, used-up prepaid credit) before it serves the credential again.
 */
function paymentRequired(evidence: Evidence, ctx: DiagnosisContext): RuleReport | undefined {
  if (!ctx.facts.statuses.has(402)) return undefined;
  if (ctx.facts.answers.some((a) => CARD_DECLINE.test(a.text.slice(0, 64 * 1024)))) return undefined;
  const response = ctx.facts.responses.find((r) => r.response.status === 402);
  const request = response && ctx.facts.requests.find((r) => r.exchange === response.exchange);
  const host = request?.request.url?.host ?? ctx.facts.requests[0]?.request.url?.host;
  if (host && PAYMENT_API.test(host)) return undefined;
  const body = ctx.facts.answers.find((a) => a.status === 402 && a.kind !== 'challenge');
  const i = evidence.clientErrors.findIndex((e) => e.status === 402);
  const pointer = response
    ? `${response.pointer}.status`
    : body
      ? body.pointer
      : i >= 0
        ? `clientErrors[${i}]`
        : undefined;
  if (!pointer) return undefined;
  const said = body?.text.trim()
    ? ` with “${quoteAround(body.text, 0, Math.min(body.text.length, 120))}”`
    : '';
  return {
    confidence: 0.75,
    title: 'The provider wants a payment: 402 Payment Required',
    detail: `${host ? `${host} answered` : 'The API answered'} 402 Payment Required${said}. APIs use 402 when the account behind a valid credential has an unpaid bill, a lapsed subscription or no credit left; the credential is not the problem, and a new one gets the same answer.`,
    evidence: [pointer, ...(body && body.pointer !== pointer ? [body.pointer] : [])],
    fix: [
      "Sign in to the provider's dashboard as the account owner (for a store or workspace: its owner, not the app developer) and settle the outstanding bill, renew the subscription or add credit.",
      'Retry once the account shows as active again; the same credential then works.',
    ],
    docs: ['https://www.rfc-editor.org/rfc/rfc9110#name-402-payment-required'],
  };
}
