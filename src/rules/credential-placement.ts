/**
 * The credential is in the query string or the body where the provider no longer takes it there (Slack's
 * `token` parameter, GitHub's `?access_token=`, HubSpot's `hapikey`), or where it never read one. The pack
 * marks placements `deprecated` or `rejected`; the fix moves the credential to the header the pack prefers.
 * Code that builds the request (`requests.post(url, data={'token': …})`) counts when intake read it, and,
 * more weakly, when it only appears in what the user wrote. A body token inside a JSON body is lost on APIs
 * whose body method reads only form-encoded bodies (Slack): the pack's method says so in its note.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { isCredentialKey } from '../intake/credentials/names.js';
import type { Evidence } from '../intake/evidence.js';
import type { AuthMethod, ProviderPack } from '../providers/schema.js';
import {
  acceptsAt,
  bestMethod,
  type CredentialUse,
  describeMethod,
  exampleFor,
  failed,
  isUsable,
  methodsAt,
  type Placement,
  packFor,
  placementOf,
  requestHasUsablePlacement,
  sentence,
  sentUses,
  weakened,
  withArticle,
} from './helpers/credentials.js';
import { curlExample, describePlace } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

/** `data={'token': …}`, `params = {"api_key": …}`, `json={"access_token": …}` on a line that also names the URL. */
const CODE_FIELD =
  /\b(data|params|json|form|body|payload|query|qs)[ \t]{0,4}[=:][ \t]{0,4}(JSON\.stringify\([ \t]{0,4})?\{[ \t]{0,4}['"]?([A-Za-z_][\w-]{0,40})['"]?[ \t]{0,4}:/gi;
const URL_IN_LINE = /https?:\/\/([a-z0-9-]{1,63}(?:\.[a-z0-9-]{1,63}){1,8})/i;
const MAX_LINES = 2000;
/** The paste shows the call was refused as unauthenticated. */
const AUTH_FAILED = /\b(?:invalid_auth|not_authed|401|unauthori[sz]ed|unauthenticated)\b/i;

export default defineRule({
  meta: {
    id: 'credential-placement',
    cause: 'wrong_header_format',
    severity: 'error',
    title: 'The credential is in a place this API does not read',
    description:
      'The credential is sent as a query parameter or a body field where the provider has stopped accepting it (or never did). Slack, GitHub and HubSpot all moved from token parameters to the Authorization header; a token left in the URL or the form body is then ignored and the call fails as unauthenticated.',
    docs: ['https://www.rfc-editor.org/rfc/rfc6750#section-2'],
    checklist: ['header-format', 'provider-docs'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const uses = sentUses(
      ctx,
      (u) => (u.at.location === 'query' || u.at.location === 'body') && failed(u.view, ctx) !== 'no',
    );
    for (const use of uses) {
      const found = packFor(ctx, use.view);
      const report = found && fromRequest(use, found.pack, ctx, found.strong);
      if (found && report) reports.push(weakened(report, found.strong));
    }
    if (reports.length === 0) {
      const prose = fromCodeInText(evidence, ctx);
      if (prose) reports.push(prose);
    }
    return reports;
  },
});

function placeWords(placement: Placement): string {
  return placement.in === 'query'
    ? `the \`${placement.name}\` query parameter`
    : `the \`${placement.name}\` body field`;
}

function fromRequest(
  use: CredentialUse,
  pack: ProviderPack,
  ctx: DiagnosisContext,
  strong: boolean,
): RuleReport | undefined {
  const { credential, at, view } = use;
  const placement = placementOf(credential, at);
  if (!placement) return undefined;
  const matching = methodsAt(pack, placement);
  // A body token the API reads only from form-encoded bodies is no token at all inside a JSON body.
  const formOnly = placement.in === 'body' && jsonBody(view.request) ? formOnlyMethod(matching) : undefined;
  if (!formOnly && acceptsAt(pack, placement, credential)) return undefined;
  if (formOnly) return jsonBodyReport(use, pack, placement);
  const refused = matching.find((m) => !isUsable(m));
  // Unlisted placements only matter when nothing else in the request is where the API looks, and only for a
  // request that surely goes to this API (a pack guessed from the credential says nothing about localhost).
  if (!refused && (!strong || requestHasUsablePlacement(pack, view))) return undefined;
  // Token endpoints take client credentials in the body by design; only judge unlisted body fields elsewhere.
  if (!refused && placement.in === 'body' && /token|oauth|login|auth/i.test(view.request.url?.path ?? ''))
    return undefined;
  const target = headerTarget(pack, credential);
  if (!target) return undefined;
  const rejected = refused?.status === 'rejected';
  const outcome = failed(view, ctx);
  const severity = rejected ? 'error' : 'warning';
  const confidence = rejected ? 0.85 : refused ? (outcome === 'yes' ? 0.7 : 0.65) : 0.55;
  const status = refused
    ? `${pack.name} ${rejected ? 'no longer accepts' : 'has deprecated'} credentials in ${placeWords(placement)}${refused.note ? ` (${refused.note})` : ''}`
    : `${pack.name} does not document credentials in ${placeWords(placement)}`;
  return {
    severity,
    confidence,
    detail: `${sentence(describePlace({ ...credential, where: [at] }))} carries ${credential.format ? withArticle(credential.format.name) : 'the credential'} (${credential.display}). ${status}; it expects ${describeMethod(target, pack)}.`,
    evidence: [at.pointer],
    fix: [
      `Move the credential out of ${placeWords(placement)} and into ${describeMethod(target, pack)}.`,
      curlExample(withoutCredential(view.request, placement), exampleFor(target, pack)),
    ],
    ...(pack.docs[0] ? { docs: [pack.docs[0].url] } : {}),
  };
}

/** `x-www-form-urlencoded` / `multipart/form-data` / "form-encoded": where a method says its body must be a form. */
const FORM_ONLY = /\bform[- ]?encoded\b|x-www-form-urlencoded|multipart\/form-data/i;

/** The body is JSON: parsed as such, declared by Content-Type, or built with `JSON.stringify(` / `json=`. */
function jsonBody(request: CredentialUse['view']['request']): boolean {
  const body = request.body;
  if (!body || body.kind === 'form' || body.kind === 'multipart') return false;
  if (body.kind === 'json') return true;
  const type = request.headers.find((h) => h.name.toLowerCase() === 'content-type')?.value ?? '';
  if (/\bjson\b/i.test(type)) return true;
  if (/form-urlencoded|multipart/i.test(type)) return false;
  return /^\s*(?:\{|JSON\.stringify\(|json\s*=)/.test(body.text ?? '');
}

/** The usable body method, when every usable one at this placement reads only form-encoded bodies. */
function formOnlyMethod(matching: readonly AuthMethod[]): AuthMethod | undefined {
  const usable = matching.filter(isUsable);
  if (usable.length === 0 || !usable.every((m) => FORM_ONLY.test(`${m.note ?? ''} ${m.credential}`)))
    return undefined;
  return usable[0];
}

function jsonBodyReport(
  use: CredentialUse,
  pack: ProviderPack,
  placement: Placement,
): RuleReport | undefined {
  const { credential, at, view } = use;
  const target = headerTarget(pack, credential);
  if (!target) return undefined;
  const type = view.request.headers.find((h) => h.name.toLowerCase() === 'content-type');
  return {
    severity: 'error',
    confidence: 0.85,
    title: 'The token is in a JSON body, where this API does not read it',
    detail: `${sentence(describePlace({ ...credential, where: [at] }))} carries ${credential.format ? withArticle(credential.format.name) : 'the credential'} (${credential.display}) inside a JSON body${type ? ` (\`${type.name}: ${type.value}\`)` : ''}. ${pack.name} reads ${placeWords(placement)} only from form-encoded bodies (\`application/x-www-form-urlencoded\` or \`multipart/form-data\`), never from JSON, so this request reaches it with no credential at all.`,
    evidence: [at.pointer, ...(type ? [`${view.pointer}.headers.content-type`] : [])],
    fix: [
      `Keep the JSON body but move the token into ${describeMethod(target, pack)}, and drop the \`${placement.name ?? 'token'}\` field.`,
      curlExample(withoutCredential(view.request, placement), exampleFor(target, pack)),
      `Or send the body form-encoded (\`application/x-www-form-urlencoded\`) with the \`${placement.name ?? 'token'}\` field.`,
    ],
    ...(pack.docs[0] ? { docs: [pack.docs[0].url] } : {}),
  };
}

/** The preferred header method for the credential (a query placement is what is being moved away from). */
function headerTarget(pack: ProviderPack, credential: CredentialUse['credential']): AuthMethod | undefined {
  const best = bestMethod(pack, credential);
  if (best && (best.in === 'header' || best.in === 'basic')) return best;
  return pack.auth.find((m) => isUsable(m) && (m.in === 'header' || m.in === 'basic'));
}

/** The request without the misplaced credential, so the example does not repeat it. */
function withoutCredential(
  request: CredentialUse['view']['request'],
  placement: Placement,
): CredentialUse['view']['request'] {
  const name = placement.name ?? '';
  if (placement.in === 'query' && request.url?.valid) {
    try {
      const url = new URL(request.url.raw);
      url.searchParams.delete(name);
      return { ...request, url: { ...request.url, raw: decodeURI(url.toString()) } };
    } catch {
      return request;
    }
  }
  if (placement.in === 'body' && request.body) {
    const { text, ...body } = request.body;
    // A form body keeps its other fields (`channel=…`); a JSON body is left out rather than half-edited.
    if (body.kind === 'form' && text !== undefined) {
      const rest = text
        .split('&')
        .filter((pair) => pair !== '' && pair.split('=')[0] !== name)
        .join('&');
      if (rest !== '') return { ...request, body: { ...body, text: rest } };
    }
    return { ...request, body };
  }
  return request;
}

/**
 * `requests.post('https://slack.com/api/…', data={'token': token})` in what the user wrote: the host names
 * the provider, the keyword the placement. Weaker than a parsed request, so a warning.
 */
function fromCodeInText(evidence: Evidence, ctx: DiagnosisContext): RuleReport | undefined {
  let lines = 0;
  for (const [index, prose] of evidence.prose.entries()) {
    for (const line of prose.text.split('\n')) {
      if (++lines > MAX_LINES) return undefined;
      if (line.length > 2000) continue;
      const host = URL_IN_LINE.exec(line)?.[1];
      if (!host) continue;
      const pack = ctx.knowledge.matchHost(host)?.pack;
      if (!pack) continue;
      CODE_FIELD.lastIndex = 0;
      for (let m = CODE_FIELD.exec(line); m !== null; m = CODE_FIELD.exec(line)) {
        const keyword = (m[1] ?? '').toLowerCase();
        const name = m[3] ?? '';
        if (!isCredentialKey(name)) continue;
        const placement: Placement = {
          in: keyword === 'params' || keyword === 'query' || keyword === 'qs' ? 'query' : 'body',
          name,
        };
        const matching = methodsAt(pack, placement);
        const json = placement.in === 'body' && (keyword === 'json' || m[2] !== undefined);
        const headerMethod = pack.auth.find((x) => isUsable(x) && (x.in === 'header' || x.in === 'basic'));
        if (json && headerMethod && formOnlyMethod(matching)) {
          return {
            severity: 'warning',
            confidence: 0.65,
            title: 'The token is in a JSON body, where this API does not read it',
            detail: `The code in the paste sends the credential as the \`${name}\` field of a JSON body (\`${m[0].trim()} …\`) to ${host}. ${pack.name} reads a body token only from form-encoded bodies, never from JSON, so the call arrives with no credential.`,
            evidence: [`prose[${index}]`],
            fix: [
              `Send the credential in ${describeMethod(headerMethod, pack)} and keep the JSON body without the \`${name}\` field, e.g. in Python: \`${pythonExample(headerMethod).replace('data=…', 'json=…')}\`.`,
            ],
            ...(pack.docs[0] ? { docs: [pack.docs[0].url] } : {}),
          };
        }
        const refused = matching.find((x) => !isUsable(x));
        const target = pack.auth.find((x) => isUsable(x) && (x.in === 'header' || x.in === 'basic'));
        if (!target) continue;
        if (!refused || matching.some(isUsable)) {
          const lesser = matching.find((x) => x.status === 'accepted');
          if (
            lesser &&
            target.status === 'preferred' &&
            AUTH_FAILED.test(evidence.prose.map((p) => p.text).join('\n'))
          ) {
            return {
              severity: 'warning',
              confidence: 0.45,
              detail: `The code in the paste sends the credential as ${placeWords(placement)} (\`${m[0].trim()} …\`) to ${host}, and the call was refused. ${pack.name} still reads it there in some cases${lesser.note ? ` (${lesser.note})` : ''}, but the place it documents first is ${describeMethod(target, pack)}; methods and newer apps that do not read the ${placement.in === 'query' ? 'query string' : 'body'} answer as if no credential was sent.`,
              evidence: [`prose[${index}]`],
              fix: [
                `Send the credential in ${describeMethod(target, pack)} instead of the \`${name}\` field, e.g. in Python: \`${pythonExample(target)}\`.`,
              ],
              ...(pack.docs[0] ? { docs: [pack.docs[0].url] } : {}),
            };
          }
          continue;
        }
        const rejected = refused.status === 'rejected';
        return {
          severity: 'warning',
          confidence: rejected ? 0.7 : 0.6,
          detail: `The code in the paste sends the credential as ${placeWords(placement)} (\`${m[0].trim()} …\`) to ${host}. ${pack.name} ${rejected ? 'no longer accepts' : 'has deprecated'} credentials there${refused.note ? ` (${refused.note})` : ''}; it expects ${describeMethod(target, pack)}.`,
          evidence: [`prose[${index}]`],
          fix: [
            `Send the credential in ${describeMethod(target, pack)} instead of the \`${name}\` field, e.g. in Python: \`${pythonExample(target)}\`.`,
          ],
          ...(pack.docs[0] ? { docs: [pack.docs[0].url] } : {}),
        };
      }
    }
  }
  return undefined;
}

function pythonExample(target: AuthMethod): string {
  if (target.in === 'basic') return 'requests.post(url, auth=(username, password), data=…)';
  const name = target.name ?? 'Authorization';
  return `requests.post(url, headers={"${name}": f"${target.scheme ? `${target.scheme} ` : ''}{token}"}, data=…)`;
}
