/**
 * What the request and the rest of the paste say about a library message's cause. "No token" from the
 * server's own auth middleware on its login or sign-up route means the middleware guards a route that must
 * stay public. A Maven 401 while settings.xml holds no `<server>` with the repository's id means the upload
 * went out without credentials; with a matching `<server>`, the credentials there are what was refused.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import type { Cause } from '../../diagnose/taxonomy.js';
import type { Refinement } from './refine.js';
import { requestOf, type ScanText } from './scan.js';

export interface ContextRefinementInput {
  /** The text the message was found in. */
  text: ScanText;
  /** Every text of the paste (capped), for configuration pasted next to the error. */
  texts: readonly ScanText[];
  /** The message is a library's own wording (the server's stack), not a phrase any API may use. */
  specific: boolean;
}

export function refineFromContext(
  ctx: DiagnosisContext,
  cause: Cause,
  input: ContextRefinementInput,
): Refinement | undefined {
  return publicRoute(ctx, cause, input) ?? mavenServerId(cause, input);
}

/** Routes that hand out credentials, so no credential can be asked of them. */
const PUBLIC_ROUTE =
  /\/(?:log-?in|sign-?in|sign-?up|register|registration|forgot[-_]?password|reset[-_]?password|password\/(?:reset|forgot)|verify[-_]?email|confirm[-_]?email|activate)\/?$/i;

function publicRoute(
  ctx: DiagnosisContext,
  cause: Cause,
  input: ContextRefinementInput,
): Refinement | undefined {
  if (!input.specific || (cause !== 'missing_credentials' && cause !== 'credentials_dropped_in_transit'))
    return undefined;
  const own = requestOf(ctx, input.text);
  const view = own ?? (ctx.facts.requests.length === 1 ? ctx.facts.requests[0] : undefined);
  const url = view?.request.url;
  if (!url?.valid || !url.path || !PUBLIC_ROUTE.test(url.path)) return undefined;
  return {
    cause: 'server_misconfiguration',
    note: `The request went to \`${url.path}\`, a route that issues credentials and cannot require one: the server's authentication middleware covers this route although it should be public (an exclusion list that does not match the mounted path, middleware applied before the public routes, or a global policy without an anonymous exception).`,
    fix: [
      'Exclude the route from the authentication middleware with the path the middleware really sees: express-jwt/express-unless compares `req.originalUrl`, so a middleware mounted on `/api` needs `/api/auth/login`; or mount the public routes before the middleware.',
      'Elsewhere: Spring `requestMatchers("/auth/**").permitAll()` before `anyRequest().authenticated()`; ASP.NET Core `[AllowAnonymous]`; DRF `permission_classes = [AllowAny]` and `authentication_classes = []`; Laravel: keep the route outside the `auth` middleware group.',
    ],
    replacesFix: true,
    severity: 'warning',
    confidence: 0.7,
  };
}

const SERVER_ID = /<server>\s{0,40}<id>\s{0,10}([^<\s]{1,120})\s{0,10}<\/id>/gi;
/** The repository id Maven names in a failed transfer: `from/to nexus-releases (https://…)`. */
const FAILED_REPO = /\bfrom\/to ([\w.-]{1,120}) \(/;
const MAX_SCAN = 64 * 1024;

function mavenServerId(cause: Cause, input: ContextRefinementInput): Refinement | undefined {
  if (cause !== 'missing_credentials') return undefined;
  const repo = FAILED_REPO.exec(input.text.scan)?.[1];
  if (!repo) return undefined;
  const servers = new Set<string>();
  for (const t of input.texts)
    for (const m of t.scan.slice(0, MAX_SCAN).matchAll(SERVER_ID)) servers.add(m[1]!);
  if (servers.size === 0) return undefined;
  const listed = [...servers].map((s) => `\`${s}\``).join(', ');
  if (servers.has(repo))
    return {
      cause: 'invalid_credentials',
      note: `settings.xml has a \`<server>\` with the id \`${repo}\`, so Maven did send its credentials: the user name or password there is what the repository refused (or that settings.xml is not the one the build reads).`,
      fix: [
        'Check the user and password in that `<server>` (log in to the repository with them), and that the build reads this settings.xml (`mvn help:effective-settings`).',
      ],
      replacesFix: true,
      severity: 'warning',
      confidence: 0.6,
    };
  return {
    cause: 'missing_credentials',
    note: `The transfer names the repository id \`${repo}\`, but the pasted settings.xml only has \`<server>\` ids ${listed}: Maven attaches credentials only to a repository whose id equals a server id, so this request went out anonymously.`,
    fix: [
      `Rename the \`<server><id>\` to \`${repo}\` (or add a \`<server>\` with that id) so it matches the repository in the POM, then deploy again.`,
    ],
    replacesFix: true,
    severity: 'error',
    confidence: 0.88,
  };
}
