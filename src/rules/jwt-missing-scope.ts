/**
 * The token authenticates but lacks the scope this call needs. What it has comes from its claims (`scope`,
 * `scp`, `roles`, `permissions`, Keycloak realm roles) or GitHub's `X-OAuth-Scopes` header; what it needs
 * from the server's `WWW-Authenticate: Bearer error="insufficient_scope", scope="…"`, GitHub's
 * `X-Accepted-OAuth-Scopes`, or a provider pack's scope requirement for the request path.
 *
 * Scope names are compared leniently (case, `api://…/` prefixes, `admin:` ⊇ `write:` ⊇ `read:`, `repo` ⊇
 * `repo:status`, `ReadWrite` ⊇ `Read`) so that a finding means the scope is really absent.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { header } from '../diagnose/facts.js';
import type { ScopeRequirement } from '../providers/schema.js';
import { claimsOf, scopesOf } from './helpers/jwt.js';
import {
  code,
  describeToken,
  type Placement,
  placements,
  responseTo,
  sentAsToken,
  succeeded,
} from './helpers/token-placement.js';
import { defineRule, type RuleReport } from './types.js';

interface Requirement {
  /** All of these (a challenge) or any one of them (a pack, GitHub). */
  scopes: string[];
  mode: 'all' | 'any';
  source: string;
  pointer?: string;
  strength: 'server' | 'pack';
}

export default defineRule({
  meta: {
    id: 'jwt-missing-scope',
    cause: 'insufficient_scope_or_permissions',
    severity: 'warning',
    title: 'The token lacks a scope this call needs',
    description:
      'A token only allows what its scopes (or roles) grant. When the call needs a scope the token was not issued with, the server answers 401 or 403 with `insufficient_scope`; no change to the request helps, only a new token requested with that scope.',
    docs: [
      'https://www.rfc-editor.org/rfc/rfc6750#section-3.1',
      'https://www.rfc-editor.org/rfc/rfc6749#section-3.3',
    ],
    checklist: ['permissions'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    for (const p of placements(evidence.credentials, ctx)) {
      if (p.credential.placeholder || (p.sent && (!sentAsToken(p) || succeeded(p.view, ctx)))) continue;
      // A token only pasted is judged against the server's answer only when no other token was sent.
      if (!p.sent && ctx.facts.sentCredentials.length > 0) continue;
      const report = scopeReport(p, ctx);
      if (report) reports.push(report);
    }
    return reports;
  },
});

function scopeReport(p: Placement, ctx: DiagnosisContext): RuleReport | undefined {
  const granted = grantedScopes(p, ctx);
  if (!granted) return undefined;
  for (const need of requirements(p, ctx)) {
    const missing = need.scopes.filter((s) => !granted.scopes.some((g) => covers(g, s)));
    const lacking = need.mode === 'all' ? missing.length > 0 : missing.length === need.scopes.length;
    if (!lacking || missing.length === 0) continue;
    const server = need.strength === 'server';
    const noClaim = !granted.hasClaim;
    const severity: RuleReport['severity'] = server && !noClaim && p.sent ? 'error' : 'warning';
    const confidence = server ? (noClaim ? 0.6 : p.sent ? 0.9 : 0.6) : 0.55;
    const has = granted.scopes.length
      ? `only has ${granted.scopes
          .slice(0, 12)
          .map((s) => code(s, 60))
          .join(' ')}`
      : noClaim
        ? 'carries no scope or role claim at all'
        : 'has no scopes';
    const wanted = missing.map((s) => code(s, 80)).join(need.mode === 'all' ? ' and ' : ' or ');
    return {
      severity,
      confidence,
      title: `The token lacks the ${wanted} scope`,
      detail: `${need.source} ${need.mode === 'all' || missing.length === 1 ? 'needs' : 'needs one of'} ${wanted}, but ${describeToken(p, p.sent ? 'the token sent' : 'the token')} ${has}${granted.from ? ` (${granted.from})` : ''}.`,
      evidence: need.pointer ? [p.pointer, need.pointer] : [p.pointer],
      fix: fixFor(
        p,
        need.mode === 'all' ? missing : missing.slice(0, 1),
        ctx,
        need.mode === 'any' ? missing.slice(1) : [],
      ),
    };
  }
  return undefined;
}

function grantedScopes(
  p: Placement,
  ctx: DiagnosisContext,
): { scopes: string[]; hasClaim: boolean; from?: string } | undefined {
  if (p.credential.jwt?.claims) return scopesOf(claimsOf(p.credential.jwt));
  // GitHub reports a classic token's scopes on every response.
  const response = responseTo(p.view, ctx);
  const field = response ? header(response.headers, 'x-oauth-scopes') : undefined;
  if (!field) return undefined;
  const scopes = field.value.split(/[\s,]+/).filter((s) => s !== '');
  return { scopes, hasClaim: true, from: 'per the X-OAuth-Scopes response header' };
}

function requirements(p: Placement, ctx: DiagnosisContext): Requirement[] {
  const out: Requirement[] = [];
  const own = p.view ? responseTo(p.view, ctx) : undefined;
  for (const { challenge, pointer } of ctx.facts.challenges) {
    if (challenge.params.error !== 'insufficient_scope' || !challenge.params.scope) continue;
    // A challenge answers this token's request when it is on that response or the paste has one request.
    const mine = ctx.facts.requests.length <= 1 || own?.challenges.includes(challenge) === true;
    if (!mine) continue;
    const scopes = challenge.params.scope.split(/\s+/).filter((s) => s !== '');
    if (scopes.length) out.push({ scopes, mode: 'all', source: 'The server', pointer, strength: 'server' });
  }
  const accepted = own ? header(own.headers, 'x-accepted-oauth-scopes') : undefined;
  if (accepted && own && own.status >= 400) {
    const scopes = accepted.value.split(/[\s,]+/).filter((s) => s !== '');
    const pointer = `${responseView(ctx, own)}.headers.x-accepted-oauth-scopes`;
    if (scopes.length)
      out.push({
        scopes,
        mode: 'any',
        source: 'This endpoint (X-Accepted-OAuth-Scopes)',
        pointer,
        strength: 'server',
      });
  }
  const request = p.view?.request;
  const host = request?.url?.host;
  const pack = (host ? ctx.knowledge.matchHost(host)?.pack : undefined) ?? ctx.provider?.pack;
  const path = request?.url?.path;
  if (pack && path && request) {
    const rule = pack.scopes.find(
      (r: ScopeRequirement) =>
        (!r.method || r.method.toUpperCase() === request.method.toUpperCase()) && r.path.test(path),
    );
    if (rule)
      out.push({
        scopes: rule.scopes,
        mode: 'any',
        source: `${pack.name} ${request.method} ${path}`,
        strength: 'pack',
      });
  }
  return out;
}

function responseView(ctx: DiagnosisContext, response: unknown): string {
  return ctx.facts.responses.find((r) => r.response === response)?.pointer ?? 'response';
}

/** A scope's bare name: `api://<id>/Orders.Read` and `https://graph.microsoft.com/User.Read` → the last part. */
function bare(scope: string): string {
  const m = /^(?:https?|api):\/\/[^/\s]{1,253}\/(.{1,200})$/i.exec(scope);
  return (m?.[1] ?? scope).toLowerCase();
}

const RANK: Record<string, number> = { read: 1, write: 2, admin: 3 };

/** Whether a granted scope includes the required one. */
export function covers(grantedScope: string, requiredScope: string): boolean {
  const g = bare(grantedScope);
  const r = bare(requiredScope);
  if (g === r) return true;
  // `repo` ⊇ `repo:status`, `user` ⊇ `user:email`; `user` ⊇ `read:user`.
  if (r.startsWith(`${g}:`) || r === `read:${g}` || r === `write:${g}`) return true;
  if (g === 'repo' && r === 'public_repo') return true;
  // `admin:org` ⊇ `write:org` ⊇ `read:org`.
  const gm = /^(read|write|admin):(.+)$/.exec(g);
  const rm = /^(read|write|admin):(.+)$/.exec(r);
  if (gm && rm && gm[2] === rm[2] && (RANK[gm[1] ?? ''] ?? 0) >= (RANK[rm[1] ?? ''] ?? 9)) return true;
  // Entra ID: `Files.ReadWrite.All` ⊇ `Files.Read.All` ⊇ `Files.Read`.
  const loosened = g.replace('.readwrite', '.read');
  return loosened === r || loosened.replace(/\.all$/, '') === r.replace(/\.all$/, '');
}

function fixFor(p: Placement, missing: string[], ctx: DiagnosisContext, alternatives: string[]): string[] {
  const list = missing.join(' ');
  const or = alternatives.length ? ` (or ${alternatives.map((s) => `\`${s}\``).join(', ')})` : '';
  const github = p.credential.format?.provider === 'github' || ctx.provider?.pack.id === 'github';
  if (github)
    return [
      `Classic token: edit it at https://github.com/settings/tokens and tick ${missing.map((s) => `\`${s}\``).join(', ')}${or}; fine-grained token: grant the matching repository or organization permission. OAuth and GitHub Apps: request the scope/permission and have the user authorize again.`,
    ];
  return [
    `Request a new token that includes ${missing.map((s) => `\`${s}\``).join(', ')}${or}: add it to the \`scope\` parameter of the authorization or token request (e.g. \`scope=openid ${list}\`). Existing tokens never gain scopes.`,
    'Make sure the client is allowed to get that scope: Auth0 — the API\'s permissions granted to the application (and RBAC "Add Permissions in the Access Token"); Entra ID — API permissions plus admin consent (`roles` for app-only tokens); Okta — the scope on the authorization server and an access policy rule that grants it.',
  ];
}
