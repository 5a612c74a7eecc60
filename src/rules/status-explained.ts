/**
 * What the status code itself says here: 401 is about authentication (no credential seen, or not accepted),
 * 403 about authorization (known caller, not allowed), 407 about a proxy's own login, 419/440/498 about an
 * expired session or token in some frameworks, 511 about a captive portal, and `ok: false` on HTTP 200 about
 * APIs that put their errors in the body.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { header } from '../diagnose/facts.js';
import { CAUSES } from '../diagnose/taxonomy.js';
import type { Evidence } from '../intake/evidence.js';
import { classifyText } from './catalogue/library-errors.js';
import { signatureHits } from './catalogue/pack-signatures.js';
import { quote, scanTexts } from './catalogue/scan.js';
import { defineRule, type RuleReport } from './types.js';

const RFC = (name: string) => `https://www.rfc-editor.org/rfc/rfc9110#name-${name}`;
/** A 403 body that talks about networks, quotas or billing is about those (other rules' field), not scopes. */
const ELSEWHERE_WORDS =
  /\b(?:ip(?:v[46])? address|your ip|client address|firewall|waf|cloudflare|captcha|blocked|geo|country|allowlist|whitelist|quota|billing|plan|subscription|payment|trial|suspended|not (?:enabled|activated)|rate limit)\b/i;

export default defineRule({
  meta: {
    id: 'status-explained',
    cause: 'other',
    otherCauses: CAUSES.filter((c) => c !== 'other'),
    severity: 'info',
    title: 'What the status code means here',
    description:
      'Explains the status the server answered with: 401 (authentication failed: no credential seen or not accepted) versus 403 (authenticated but not allowed), 407 (a proxy wants its own credentials), 419/440/498 (an expired session or token in some frameworks), 511 (a captive portal), and `ok: false` on HTTP 200.',
    docs: [RFC('401-unauthorized'), RFC('403-forbidden')],
    checklist: ['permissions', 'credentials-present'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const statuses = ctx.facts.statuses;
    const pointer = (status: number) => pointerFor(ctx, status);

    if (statuses.has(401)) reports.push(explain401(ctx, pointer(401)));

    if (statuses.has(403)) {
      const explained = explained403(ctx);
      const only403 = !statuses.has(401);
      reports.push({
        cause: 'insufficient_scope_or_permissions',
        severity: only403 && !explained ? 'warning' : 'info',
        confidence: only403 && !explained ? 0.45 : 0.25,
        title: '403 Forbidden: authenticated, but not allowed',
        detail: `The server answered 403 Forbidden: it ${only403 ? 'knows who is calling (the credential was read)' : 'read a credential on that request'} but will not let it do this. That points at scopes, roles or resource permissions (or an IP/key restriction), not at the token's format.${explained ? ' The error message in the paste says more.' : ''}`,
        evidence: [pointer(403)],
        fix: [
          `Check which scope, role or permission ${routeOf(ctx, 403) ?? 'this endpoint'} needs (the API's docs for this route) and whether the credential's user, app or key has it; request a new token after granting it.`,
          'If the API restricts keys by IP, referrer or app, check those restrictions too.',
        ],
        docs: [RFC('403-forbidden')],
      });
    }

    if (statuses.has(407))
      reports.push({
        cause: 'credentials_dropped_in_transit',
        severity: 'warning',
        confidence: 0.6,
        title: '407: a proxy wants its own credentials',
        detail:
          "The answer was 407 Proxy Authentication Required: it came from a proxy between you and the API, not from the API, which never saw the request. The proxy wants its own credentials in `Proxy-Authorization`, separate from the API's `Authorization`.",
        evidence: [pointer(407)],
        fix: [
          proxyFix(ctx),
          'Or bypass the proxy for this host (`NO_PROXY`) if the API is reachable directly.',
        ],
        docs: [RFC('407-proxy-authentication-re')],
      });

    for (const [status, text] of EXPIRED_STATUSES)
      if (statuses.has(status))
        reports.push({
          cause: 'expired_token',
          severity: 'warning',
          confidence: status === 498 ? 0.45 : 0.5,
          title: `${status}: ${text.title}`,
          detail: text.detail,
          evidence: [pointer(status)],
          fix: text.fix,
        });

    if (statuses.has(511))
      reports.push({
        cause: 'credentials_dropped_in_transit',
        severity: 'warning',
        confidence: 0.45,
        title: '511: the network wants you to log in',
        detail:
          'The answer was 511 Network Authentication Required: a captive portal (hotel, office guest Wi-Fi) intercepted the request before it reached the API.',
        evidence: [pointer(511)],
        fix: ['Log in to the network in a browser (or use another network), then retry.'],
        docs: ['https://www.rfc-editor.org/rfc/rfc6585#section-6'],
      });

    reports.push(...okFalse(evidence, ctx));
    return reports;
  },
});

const EXPIRED_STATUSES: [number, { title: string; detail: string; fix: string[] }][] = [
  [
    419,
    {
      title: 'the session or CSRF token expired',
      detail:
        'The answer was 419 (Laravel\'s "Page Expired"): the session, or the CSRF token that belongs to it, is no longer valid, or a single-page app did not send the session and XSRF cookies back.',
      fix: [
        'Reload to get a fresh session and CSRF token; an SPA using Sanctum must call `GET /sanctum/csrf-cookie` first and send cookies (`withCredentials: true`) with the `X-XSRF-TOKEN` header.',
      ],
    },
  ],
  [
    440,
    {
      title: 'the login session timed out',
      detail: 'The answer was 440 Login Time-out (IIS, Exchange/Outlook Web Access): the session expired.',
      fix: ["Sign in again; if it happens too soon, check the server's session timeout."],
    },
  ],
  [
    498,
    {
      title: 'the token is invalid or expired',
      detail:
        'The answer was 498 Invalid Token (ArcGIS and a few other servers): the token expired or is not valid for this server.',
      fix: [
        'Generate a new token (ArcGIS: `generateToken` or a new API key) for this server and referer, and retry.',
      ],
    },
  ],
];

function explain401(ctx: DiagnosisContext, pointer: string): RuleReport {
  const view = ctx.facts.responses.find((r) => r.response.status === 401);
  const noChallenge =
    view !== undefined &&
    view.response.headers.length > 0 &&
    !header(view.response.headers, 'www-authenticate');
  const schemes = view?.response.challenges.map((c) => c.scheme) ?? [];
  const extra = noChallenge
    ? ' The response has no `WWW-Authenticate` header, which a standard 401 must carry: this 401 probably comes from the application code or a gateway rather than an HTTP auth layer, so its body is the best clue.'
    : schemes.length > 0
      ? ` The server says which scheme it wants: ${[...new Set(schemes)].map((s) => `\`${s}\``).join(', ')}.`
      : '';
  return {
    cause: 'other',
    severity: 'info',
    confidence: 0.2,
    title: '401 Unauthorized: the credential was missing or not accepted',
    detail: `401 Unauthorized is about authentication: the server did not receive a credential it could use, or did not accept the one it got (wrong, expired, for another API, or sent in a form it does not read). Permissions are not the question yet; a credential that is valid but not allowed gets 403.${extra}`,
    evidence: [pointer],
    fix: [
      'Walk the checklist: is a credential sent, is it the right one, in the right header and format, and still valid?',
    ],
    docs: [RFC('401-unauthorized')],
  };
}

/** A 403 whose text (or the prose around it) a pack or the library catalogue explains, or that names another rule's field. */
function explained403(ctx: DiagnosisContext): boolean {
  for (const text of scanTexts(ctx)) {
    if (text.status !== undefined && text.status !== 403) continue;
    if (ELSEWHERE_WORDS.test(text.scan)) return true;
    if (classifyText(text.scan).length > 0 || signatureHits(ctx, text).length > 0) return true;
  }
  return false;
}

/** Slack-style APIs answer HTTP 200 with `{"ok": false, "error": "…"}`: the status hides the failure. */
function okFalse(evidence: Evidence, ctx: DiagnosisContext): RuleReport[] {
  const reports: RuleReport[] = [];
  for (const view of ctx.facts.responses) {
    const error = view.response.error;
    if (error?.ok !== false) continue;
    reports.push(okFalseReport(error.error, `${view.pointer}.body`, view.response.status));
    break;
  }
  if (reports.length === 0) {
    const i = evidence.errorBodies.findIndex((b) => b.ok === false);
    const body = evidence.errorBodies[i];
    if (body) reports.push(okFalseReport(body.error, `errorBodies[${i}]`, body.status));
  }
  return reports;
}

function okFalseReport(error: string | undefined, pointer: string, status: number | undefined): RuleReport {
  return {
    cause: 'other',
    severity: 'info',
    confidence: 0.3,
    title: '`ok: false`: the error is in the body, not the status',
    detail: `The API answered${status === undefined ? '' : ` HTTP ${status}`} with \`"ok": false\`${error ? ` and \`"error": ${quote(error)}\`` : ''}: APIs in this style (Slack's Web API and others) report failures in the body and keep the status at 200, so a 200 here is not a success. The \`error\` code is what to look up.`,
    evidence: [pointer],
    fix: [
      "Look up the `error` code in the API method's docs (Slack: the method page's Errors table) and check `ok` in code, not the HTTP status.",
    ],
    docs: ['https://api.slack.com/web#evaluating_responses'],
  };
}

/** `GET /api/v2/projects/42/members`, for the request that got this status. */
function routeOf(ctx: DiagnosisContext, status: number): string | undefined {
  const view = ctx.facts.responses.find((r) => r.response.status === status);
  const request = view && ctx.facts.requests.find((r) => r.index === view.index)?.request;
  const path = request?.url?.valid ? request.url.path : undefined;
  return request && path ? `\`${request.method} ${path}\`` : undefined;
}

function proxyFix(ctx: DiagnosisContext): string {
  const view = ctx.facts.requests.find((r) => r.request.options.proxy);
  const proxy = view?.request.options.proxy ?? 'http://proxy.example:3128';
  const url = view?.request.url?.valid ? view.request.url.raw : 'https://api.example.com/…';
  const host = proxy.replace(/^[a-z]+:\/\//i, '');
  return `Give the proxy its credentials: \`curl --proxy ${proxy} --proxy-user USERNAME:<PROXY_PASSWORD> ${url}\` (or \`HTTPS_PROXY=http://USERNAME:<PROXY_PASSWORD>@${host}\`).`;
}

/** The evidence for a status: the response that carried it, else the error body or client error that named it. */
function pointerFor(ctx: DiagnosisContext, status: number): string {
  const view = ctx.facts.responses.find((r) => r.response.status === status);
  if (view) return `${view.pointer}.status`;
  const text = ctx.facts.answers.find((t) => t.status === status);
  return text?.pointer ?? 'response.status';
}
