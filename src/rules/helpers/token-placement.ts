/**
 * Where a credential went and what came back, for the token rules: the request that carried it (the failed
 * one first), the response and its `Date`, what servers said, and the wording and fix examples built from
 * that. Nothing here reveals a secret: fingerprints come from `credential.display`.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import { header, type RequestView, type TextView, wentOut } from '../../diagnose/facts.js';
import type { Credential, Occurrence, Request, Response } from '../../intake/evidence.js';
import type { ProviderPack } from '../../providers/schema.js';
import { curlExample } from './fix.js';

/** A credential and the first request that carried it (none when it was only pasted, in text, env or code). */
export interface Placement {
  credential: Credential;
  view?: RequestView;
  /** The occurrence in that request, else the first occurrence. */
  where?: Occurrence;
  pointer: string;
  sent: boolean;
}

/** Every credential once, with the request that sent it when one did. */
export function placements(credentials: readonly Credential[], ctx: DiagnosisContext): Placement[] {
  return credentials.map((credential) => placementOf(credential, ctx));
}

export function placementOf(credential: Credential, ctx: DiagnosisContext): Placement {
  // The request that failed is the one to explain; in a HAR the same token may have worked a moment before.
  let first: Placement | undefined;
  for (const view of ctx.facts.requests) {
    const where = credential.where.find((w) => w.exchange === view.exchange.id && wentOut(w));
    if (!where) continue;
    const placement: Placement = { credential, view, where, pointer: where.pointer, sent: true };
    const status = view.exchange.response?.status;
    if (status === undefined || status >= 400) return placement;
    first ??= placement;
  }
  if (first) return first;
  const sentSomewhere = credential.where.find((w) => wentOut(w));
  const where = sentSomewhere ?? credential.where[0];
  return {
    credential,
    ...(where ? { where } : {}),
    pointer: where?.pointer ?? `credentials.${credential.id}`,
    sent: sentSomewhere !== undefined,
  };
}

/** Sent as a bearer-style credential: Authorization (not Basic), --oauth2-bearer, or an auth header/query. */
export function sentAsToken(p: Placement): boolean {
  const w = p.where;
  if (!p.sent || !w) return false;
  if (w.location === 'authorization') return !/^basic$/i.test(p.credential.scheme ?? '');
  return w.location === 'bearer_flag' || w.location === 'header' || w.location === 'query';
}

/**
 * The response to a request: its own, or, when the paste holds one request and separately parsed
 * responses (a command followed by its output), the last of those.
 */
export function responseTo(view: RequestView | undefined, ctx: DiagnosisContext): Response | undefined {
  if (!view) return undefined;
  if (view.exchange.response) return view.exchange.response;
  if (ctx.facts.requests.length !== 1) return undefined;
  return ctx.facts.responses[ctx.facts.responses.length - 1]?.response;
}

/** The request went through: whatever the token looks like, this server accepted it. */
export function succeeded(view: RequestView | undefined, ctx: DiagnosisContext): boolean {
  const status = responseTo(view, ctx)?.status;
  return status !== undefined && status >= 200 && status < 400;
}

/** The moment a token is judged at: the server's own `Date` when the paste has its answer, else the clock. */
export interface TimeReference {
  now: number;
  uncertaintyMs: number;
  /** Set when the time is the server's `Date` header: its pointer and value. */
  server?: { pointer: string; value: string };
}

/** Dates outside this range are not a server clock worth trusting over ours. */
const PLAUSIBLE_DATE = { from: Date.UTC(2000, 0, 1), to: Date.UTC(2100, 0, 1) };

export function timeReference(p: Placement, ctx: DiagnosisContext): TimeReference {
  const response = responseTo(p.view, ctx);
  const date = response ? header(response.headers, 'date') : undefined;
  const ms = date ? Date.parse(date.value) : Number.NaN;
  if (date && response && ms >= PLAUSIBLE_DATE.from && ms < PLAUSIBLE_DATE.to) {
    const view = ctx.facts.responses.find((r) => r.response === response);
    // HTTP dates have one-second resolution.
    return {
      now: ms,
      uncertaintyMs: 1000,
      server: { pointer: `${view?.pointer ?? 'response'}.headers.date`, value: date.value },
    };
  }
  return { now: ctx.clock.now, uncertaintyMs: ctx.clock.uncertaintyMs };
}

const SCAN_LIMIT = 64 * 1024;

/** The first thing a server or client said (error body, client error, challenge…) that matches. */
export function answerMatching(ctx: DiagnosisContext, pattern: RegExp): TextView | undefined {
  return ctx.facts.answers.find((a) =>
    pattern.test(a.text.length > SCAN_LIMIT ? a.text.slice(0, SCAN_LIMIT) : a.text),
  );
}

/** A claim value shown as inline code: bounded, and unable to break out of its backticks. */
export function code(value: string, max = 120): string {
  const clean = value.replace(/[`\r\n]/g, ' ');
  return `\`${clean.length > max ? `${clean.slice(0, max)}…` : clean}\``;
}

// ---------------------------------------------------------------------------------------------------------
// Packs and fixes

/** The pack whose issuer patterns match `iss`. */
export function packForIssuer(ctx: DiagnosisContext, iss: string | undefined): ProviderPack | undefined {
  if (!iss) return undefined;
  return ctx.knowledge.packs.find((p) => p.issuers.some((i) => i.match.test(iss)));
}

/**
 * The pack's documented lifetime for this kind of token: the entry naming the format's prefix, else one
 * naming the kind (JWT, ID token, access token), else the pack's only entry.
 */
export function lifetimeFor(
  pack: ProviderPack | undefined,
  credential: Credential,
): ProviderPack['tokenLifetimes'][number] | undefined {
  const lifetimes = pack?.tokenLifetimes ?? [];
  if (lifetimes.length === 0) return undefined;
  const prefix = /^([A-Za-z0-9]{2,12}[_-])/.exec(credential.display)?.[1];
  if (prefix) {
    const byPrefix = lifetimes.find((l) => l.token.includes(`(${prefix}`) || l.token.includes(` ${prefix}`));
    if (byPrefix) return byPrefix;
  }
  if (credential.jwt) {
    const kinds =
      credential.format?.tokenType === 'id_token' ? [/\bID token/i] : [/\bJWT\b/, /access token/i];
    for (const kind of kinds) {
      const byKind = lifetimes.find((l) => kind.test(l.token));
      if (byKind) return byKind;
    }
  }
  return lifetimes.length === 1 ? lifetimes[0] : undefined;
}

/** A command that prints a JWT's claims without sending the token anywhere. */
export const DECODE_LOCALLY =
  'node -e \'console.log(JSON.parse(Buffer.from(process.argv[1].split(".")[1], "base64url")))\' "$TOKEN"';

/** The user's request again, with the credential's own header and scheme and a placeholder for the value. */
export function resendExample(p: Placement, placeholder = '<NEW_TOKEN>'): string {
  const w = p.where;
  const request = withoutBodyCredentials(p.view?.request);
  if (!request) return `Authorization: Bearer ${placeholder}`;
  if (w?.location === 'header' && w.name)
    return curlExample(request, { header: `${w.name}: ${placeholder}` });
  if (w?.location === 'query' && w.name)
    return curlExample(request, { query: { name: w.name, value: placeholder } });
  const scheme =
    p.credential.scheme && !/^basic$/i.test(p.credential.scheme) ? p.credential.scheme : 'Bearer';
  return curlExample(request, { header: `Authorization: ${scheme} ${placeholder}` });
}

/** The request minus form fields that carried a credential (the example moves it to a header). */
function withoutBodyCredentials(request: Request | undefined): Request | undefined {
  const body = request?.body;
  if (!request || !body?.fields?.some((f) => f.credential) || body.kind !== 'form') return request;
  const fields = body.fields.filter((f) => !f.credential);
  const text = fields.map((f) => `${f.name}=${f.value}`).join('&');
  if (fields.length === 0) {
    const { body: _dropped, ...rest } = request;
    return rest;
  }
  return { ...request, body: { ...body, fields, text } };
}

/** `a` or `an` before a provider or token name ("an AWS access key ID", "an npm token", "a Stripe key"). */
export function article(word: string): string {
  return /^(?:[aeio]|u(?!s|ni)|npm|sdk|ssh|x\b)/i.test(word) ? 'an' : 'a';
}

/** "the JWT in the Authorization header (JWT …a1b2 (812 chars))". */
export function describeToken(p: Placement, what = 'the token'): string {
  const where = placeWords(p);
  return `${what} ${where} (${p.credential.display})`;
}

function placeWords(p: Placement): string {
  const w = p.where;
  if (!w) return 'in the paste';
  switch (w.location) {
    case 'authorization':
      return `in the ${w.name ?? 'Authorization'} header`;
    case 'header':
      return `in the ${w.name ?? ''} header`;
    case 'query':
      return `in the \`${w.name ?? ''}\` query parameter`;
    case 'cookie':
      return `in the \`${w.name ?? ''}\` cookie`;
    case 'userinfo':
      return 'in the URL';
    case 'basic_flag':
      return 'with -u/--user';
    case 'bearer_flag':
      return 'with --oauth2-bearer';
    case 'body':
      return `in the \`${w.name ?? ''}\` body field`;
    case 'env':
      return `in ${w.name ?? 'an environment variable'}`;
    case 'code':
      return w.name ? `in \`${w.name}\` in the code` : 'in the code';
    default:
      return 'in the paste';
  }
}
