/**
 * What the auth library or framework on the other side said: jsonwebtoken's "jwt expired", IdentityModel's
 * IDX10214, Spring's "The iss claim is not valid", DRF's "Authentication credentials were not provided." —
 * read from the message catalogue (src/rules/catalogue/library-errors.ts). Server and client texts count
 * at full strength; the user's prose (where stack traces and log lines usually land) a little less, and a
 * generic phrase there only as a lead. Texts a provider pack already explains with the same cause are left
 * to the provider-error rule, and `WWW-Authenticate` challenges to the www-authenticate-error rule.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { header } from '../diagnose/facts.js';
import { CAUSE_TITLES, CAUSES, type Cause, type Severity } from '../diagnose/taxonomy.js';
import { STRIPPED_FIX, STRIPPED_HEADER } from './catalogue/library-errors/shared.js';
import { classifyText, type LibraryHit } from './catalogue/library-errors.js';
import { signatureHits } from './catalogue/pack-signatures.js';
import { refineCause } from './catalogue/refine.js';
import {
  asked,
  demote,
  excerpt,
  isReal,
  negatedBefore,
  quote,
  requestOf,
  retryExample,
  type ScanText,
  type SentState,
  scanTexts,
  sentState,
  soleCredential,
} from './catalogue/scan.js';
import type { LibraryError } from './catalogue/schema.js';
import { pointerOf } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

const PROSE_WEIGHT = 0.9;
const GENERIC_PROSE_WEIGHT = 0.8;
const RETRY_CAUSES = new Set<Cause>([
  'invalid_credentials',
  'expired_token',
  'wrong_token_type',
  'wrong_audience_or_issuer',
]);
/** A message about the credential says little when what was sent is a placeholder: that is the cause then. */
const ABOUT_THE_CREDENTIAL = new Set<Cause>([
  'missing_credentials',
  'invalid_credentials',
  'wrong_header_format',
  'expired_token',
  'signature_or_key_mismatch',
]);

const SOURCE_WORDS: Record<ScanText['kind'], string> = {
  error_body: 'The error response says',
  response_body: 'The response says',
  client_error: 'The client error says',
  challenge: 'The challenge says',
  prose: 'Your paste shows',
};

export default defineRule({
  meta: {
    id: 'library-error',
    cause: 'other',
    otherCauses: CAUSES.filter((c) => c !== 'other'),
    severity: 'error',
    title: 'An auth library or framework says why it refused the request',
    description:
      'Recognises the messages that JWT libraries, auth frameworks, SDKs, gateways and servers write when they refuse a request (jsonwebtoken, jose, PyJWT, Microsoft.IdentityModel, Spring Security, golang-jwt, Laravel, Django REST framework, AWS SDKs, OAuth token endpoints and Entra ID, Hasura, PostgREST, GraphQL and gRPC servers, Envoy and Istio, Firebase, Kerberos/SPNEGO, Vault, RabbitMQ, Jenkins, registries and build tools, databases, signed-request APIs, …) and says what each one means for this request, with what the rest of the paste adds (a refresh token sent, a public route guarded, a Maven server id that does not match).',
    docs: ['https://www.rfc-editor.org/rfc/rfc6750#section-3.1'],
    checklist: ['right-credential', 'token-expiry', 'provider-docs'],
  },
  check(_evidence, ctx) {
    const best = new Map<string, { hit: LibraryHit; text: ScanText }>();
    const texts = scanTexts(ctx, { challenges: false });
    for (const text of texts) {
      const prose = text.kind === 'prose';
      let packCauses: Set<Cause> | undefined;
      for (const hit of classifyText(text.scan)) {
        if (prose && negatedBefore(text.scan, hit.index)) continue;
        // What explains the refusal better may be logged in another part of the paste.
        if (hit.entry.unless && texts.some((t) => hit.entry.unless!.test(t.scan))) continue;
        if (hit.entry.notWhenNoneSent && sentState(ctx, text) === 'none') continue;
        if (prose && hit.entry.tier === 'generic' && asked(text.scan, hit.index + hit.length)) continue;
        packCauses ??= new Set(signatureHits(ctx, text).map((h) => h.signature.cause));
        if (packCauses.has(hit.entry.cause)) continue;
        const held = best.get(hit.entry.id);
        if (!held || (held.text.kind === 'prose' && !prose)) best.set(hit.entry.id, { hit, text });
      }
    }
    if (best.size === 0) return [];
    return [...best.values()].map(({ hit, text }) => report(hit, text, texts, sentState(ctx, text), ctx));
  },
});

function report(
  hit: LibraryHit,
  text: ScanText,
  texts: readonly ScanText[],
  state: SentState,
  ctx: DiagnosisContext,
): RuleReport {
  const { entry } = hit;
  const prose = text.kind === 'prose';
  const sent =
    state === 'sent' && entry.whenSent ? (sentAsRead(ctx, text, entry) ?? entry.whenSent) : undefined;
  const said = excerpt(text.scan, hit.index, hit.length);
  const refined = refineCause(ctx, sent?.cause ?? entry.cause, said, {
    text,
    texts,
    specific: entry.tier === 'specific',
  });
  const cause = refined?.cause ?? sent?.cause ?? entry.cause;
  let severity: Severity = refined?.severity ?? sent?.severity ?? entry.severity;
  let confidence = refined?.confidence ?? sent?.confidence ?? entry.confidence;
  const notes: string[] = refined ? [refined.note] : [];
  if (prose) {
    confidence *= entry.tier === 'generic' ? GENERIC_PROSE_WEIGHT : PROSE_WEIGHT;
    if (entry.tier === 'generic') severity = demote(severity);
  }
  // "No credential" from the server, but the paste does not show the request: it may have sent one.
  const unsure = state === 'unknown' && entry.whenSent !== undefined;
  if (unsure) {
    severity = demote(severity);
    confidence *= 0.85;
    notes.push(
      `If the request did carry a credential, the server never saw it; then the likelier cause is this: ${entry.whenSent!.explain}`,
    );
  }
  // "No credential" although one was sent, on a response a cache may keep: a stored answer to an earlier
  // request (sent without one) explains the contradiction as well as a lost header does.
  if (sent && !refined && cacheable(ctx, text)) {
    confidence *= 0.65;
    notes.push(
      'This response is marked cacheable, so it may be a stored answer to an earlier request rather than the answer to this one; see the cache finding.',
    );
  }
  if (state === 'placeholder' && ABOUT_THE_CREDENTIAL.has(cause)) {
    severity = demote(severity);
    notes.push('The request sent a placeholder or empty value, so this message is most likely about that.');
  }
  const credential = soleCredential(ctx, text);
  const evidence = [text.pointer];
  if (sent && credential) evidence.push(pointerOf(credential));
  if (credential && !refined && (sent || RETRY_CAUSES.has(cause) || cause === 'not_yet_valid_or_clock_skew'))
    notes.push(`The credential sent was ${credential.display}.`);
  const who = entry.tier === 'generic' ? '' : ` — ${entry.library}`;
  const names = hit.detail ? ` It names: ${hit.detail}.` : '';
  const retry = RETRY_CAUSES.has(cause) ? retryExample(ctx) : undefined;
  const fix = [
    ...(refined?.fix ?? []),
    ...(refined?.replacesFix ? [] : (sent?.fix ?? entry.fix)),
    ...(unsure ? entry.whenSent!.fix : []),
  ];
  return {
    cause,
    severity,
    confidence,
    title: `${CAUSE_TITLES[cause]}${entry.tier === 'generic' ? '' : refined ? `, behind a ${entry.library} error` : `, says ${entry.library}`}`,
    detail: `${SOURCE_WORDS[text.kind]} ${quote(said)}${who}.${names} ${sent?.explain ?? entry.explain}${notes.length ? ` ${notes.join(' ')}` : ''}`,
    evidence,
    fix: retry ? [...fix, retry] : fix,
    docs: entry.docs,
  };
}

type WhenSent = NonNullable<LibraryError['whenSent']>;

/**
 * The request sent the credential exactly where and how the library reads it (`Authorization: Bearer …`),
 * yet the library saw none: the form was right, so the header was lost between the client and the app.
 */
function sentAsRead(ctx: DiagnosisContext, text: ScanText, entry: LibraryHit['entry']): WhenSent | undefined {
  const reads = entry.reads;
  if (!reads) return undefined;
  const own = requestOf(ctx, text)?.credentials;
  const credentials = (own && own.length > 0 ? own : ctx.facts.sentCredentials).filter(isReal);
  const exact = credentials.some(
    (c) =>
      c.where.some((w) =>
        reads.header === 'authorization'
          ? w.location === 'authorization' || w.location === 'bearer_flag'
          : w.location === 'header' && w.name?.toLowerCase() === reads.header,
      ) &&
      (!reads.scheme || c.scheme?.toLowerCase() === reads.scheme),
  );
  if (!exact) return undefined;
  const form = `\`${reads.header === 'authorization' ? 'Authorization' : reads.header}:${reads.scheme ? ` ${reads.scheme[0]!.toUpperCase()}${reads.scheme.slice(1)}` : ''} …\``;
  return {
    cause: 'credentials_dropped_in_transit',
    severity: 'warning',
    confidence: 0.62,
    explain: `${entry.library} reads the credential from ${form}, and that is how the request sends it, yet it saw none: the header did not reach the app. A redirect the client followed (http→https, a trailing slash) drops \`Authorization\`, and so do proxies and server modules in front of the app. ${STRIPPED_HEADER}`,
    fix: [
      'Call the final URL directly (exact scheme, host and trailing slash) so no redirect happens, and log the headers the app receives.',
      ...STRIPPED_FIX,
    ],
  };
}

/** The response a text belongs to may be stored by a cache: `public`, `s-maxage`, or a `max-age` above zero. */
function cacheable(ctx: DiagnosisContext, text: ScanText): boolean {
  const view = ctx.facts.responses.find((r) => text.pointer.startsWith(`${r.pointer}.`));
  const cc = view && header(view.response.headers, 'cache-control')?.value;
  if (!cc || /\b(?:no-store|private|no-cache)\b/i.test(cc)) return false;
  return /\bpublic\b|\bs-maxage\s*=\s*"?[1-9]|\bmax-age\s*=\s*"?[1-9]/i.test(cc);
}
