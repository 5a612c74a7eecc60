/**
 * More than one credential in one request, so which one the server checks is up to it (or to curl):
 * `-u` together with an `Authorization` header (curl sends only the `-H` one), two `Authorization` headers,
 * a session cookie next to a bearer token, a key in the query string next to one in a header. None of
 * these is proof of the 401, so they are warnings: the fix is to send the one credential the API expects.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { RequestView } from '../diagnose/facts.js';
import type { Credential } from '../intake/evidence.js';
import { failed, occurrenceIn, requestWords, sentence } from './helpers/credentials.js';
import { curlExample, describePlace } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

const SESSION_COOKIE = /sess|sid|auth|token|jwt|login|identity/i;

export default defineRule({
  meta: {
    id: 'conflicting-credentials',
    cause: 'wrong_header_format',
    severity: 'warning',
    title: 'The request carries conflicting credentials',
    description:
      'One request carries two credentials: `-u` and an `Authorization` header (curl sends only the header), two `Authorization` headers (servers take the first, the last, or reject both), a session cookie and a bearer token, or a key in the query string and another in a header. The server may check the one you did not mean.',
    docs: ['https://curl.se/docs/manpage.html#-H'],
    checklist: ['header-format'],
  },
  check(_evidence, ctx) {
    const reports: RuleReport[] = [];
    const seen = new Set<string>();
    for (const view of ctx.facts.requests) {
      if (failed(view, ctx) === 'no') continue;
      for (const report of conflicts(view, ctx)) {
        const key = `${report.title}\u0000${view.request.url?.raw ?? view.index}`;
        if (seen.has(key)) continue;
        seen.add(key);
        reports.push(report);
      }
    }
    return reports;
  },
});

function at(
  view: RequestView,
  locations: string[],
): { credential: Credential; pointer: string; name?: string }[] {
  return view.credentials.flatMap((credential) => {
    const occurrence = occurrenceIn(credential, view);
    if (!occurrence || !locations.includes(occurrence.location)) return [];
    return [
      { credential, pointer: occurrence.pointer, ...(occurrence.name ? { name: occurrence.name } : {}) },
    ];
  });
}

function conflicts(view: RequestView, _ctx: DiagnosisContext): RuleReport[] {
  const out: RuleReport[] = [];
  const { request } = view;
  const words = sentence(requestWords(view));
  const authHeaders = request.headers.filter((h) => h.name.toLowerCase() === 'authorization');
  const flags = at(view, ['basic_flag', 'bearer_flag']);

  if (authHeaders.length > 0 && flags.length > 0 && view.exchange.source === 'curl') {
    const flag = flags[0];
    const option = flag?.credential.where.some((w) => w.location === 'bearer_flag')
      ? '--oauth2-bearer'
      : '-u';
    out.push({
      confidence: 0.5,
      title: `\`${option}\` and an Authorization header in one command`,
      detail: `${words} uses both \`${option}\` and \`-H "Authorization: …"\`. curl sends your own header and drops the one \`${option}\` would build, so the ${option === '-u' ? 'user name and password are' : 'token is'} not sent.`,
      evidence: [`${view.pointer}.headers.authorization`, flag?.pointer ?? `${view.pointer}.auth`],
      fix: [
        `Keep one: either \`${option}\` or the Authorization header, whichever the API documents.`,
        curlExample(request, { header: 'Authorization: Bearer <YOUR_TOKEN>' }),
      ],
    });
  }
  if (authHeaders.length > 1) {
    out.push({
      confidence: 0.6,
      title: 'Two Authorization headers',
      detail: `${words} sends ${authHeaders.length} \`Authorization\` headers. HTTP allows only one; servers and proxies take the first, take the last, join them with a comma or reject the request, so the credential checked may not be the one you meant.`,
      evidence: [`${view.pointer}.headers.authorization`],
      fix: [
        'Send a single Authorization header. In code, check for a default header set on the client (axios defaults, a requests Session, an HttpClient DefaultRequestHeaders) added on top of the per-request one.',
        curlExample(request, { header: 'Authorization: Bearer <YOUR_TOKEN>' }),
      ],
    });
  }
  const bearer = at(view, ['authorization', 'bearer_flag']);
  const sessions = at(view, ['cookie']).filter((c) => SESSION_COOKIE.test(c.name ?? ''));
  if (bearer.length > 0 && sessions.length > 0) {
    out.push({
      confidence: 0.3,
      title: 'A session cookie and a token in one request',
      detail: `${words} carries both a session cookie (\`${sessions[0]?.name}\`) and an Authorization header. Many frameworks authenticate with the cookie first (and then demand a CSRF token, or reject an expired session) without looking at the header.`,
      evidence: [
        sessions[0]?.pointer ?? `${view.pointer}.cookies`,
        bearer[0]?.pointer ?? `${view.pointer}.headers.authorization`,
      ],
      fix: [
        'Try the request with only the token (no cookies: drop `-b`/`Cookie`, or use a fresh client without a cookie jar).',
      ],
    });
  }
  const query = at(view, ['query']);
  const headerKeys = at(view, ['authorization', 'header', 'bearer_flag', 'basic_flag']);
  if (
    query.length > 0 &&
    headerKeys.length > 0 &&
    !sameValue(query[0]?.credential, headerKeys[0]?.credential)
  ) {
    out.push({
      confidence: 0.4,
      title: 'A key in the URL and another in a header',
      detail: `${words} carries a credential in the \`${query[0]?.name}\` query parameter and another in ${headerKeys[0] ? describePlace({ ...headerKeys[0].credential, where: headerKeys[0].credential.where.filter((w) => w.pointer === headerKeys[0]?.pointer) }) : 'a header'}. Some APIs read the query parameter first and never look at the header, so an old key left in the URL wins.`,
      evidence: [
        query[0]?.pointer ?? `${view.pointer}.url`,
        headerKeys[0]?.pointer ?? `${view.pointer}.headers`,
      ],
      fix: ['Send one credential, where the API documents it; remove the other from the URL or the headers.'],
    });
  }
  return out;
}

function sameValue(a: Credential | undefined, b: Credential | undefined): boolean {
  return !!a && !!b && a.id === b.id;
}
