/**
 * What the auth library or framework on the other side said: jsonwebtoken's "jwt expired", IdentityModel's
 * IDX10214, Spring's "The iss claim is not valid", DRF's "Authentication credentials were not provided." —
 * read from the message catalogue (src/rules/catalogue/library-errors.ts). Server and client texts count
 * at full strength; the user's prose (where stack traces and log lines usually land) a little less, and a
 * generic phrase there only as a lead. Texts a provider pack already explains with the same cause are left
 * to the provider-error rule, and `WWW-Authenticate` challenges to the www-authenticate-error rule.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { CAUSE_TITLES, CAUSES, type Cause, type Severity } from '../diagnose/taxonomy.js';
import { classifyText, type LibraryHit } from './catalogue/library-errors.js';
import { signatureHits } from './catalogue/pack-signatures.js';
import { refineCause } from './catalogue/refine.js';
import {
  asked,
  demote,
  excerpt,
  negatedBefore,
  quote,
  retryExample,
  type ScanText,
  type SentState,
  scanTexts,
  sentState,
  soleCredential,
} from './catalogue/scan.js';
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
      'Recognises the messages that JWT libraries, auth frameworks, SDKs and gateways write when they refuse a request (jsonwebtoken, jose, PyJWT, Microsoft.IdentityModel, Spring Security, golang-jwt, Laravel, Django REST framework, AWS SDKs, OAuth token endpoints, …) and says what each one means for this request.',
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
    return [...best.values()].map(({ hit, text }) => report(hit, text, sentState(ctx, text), ctx));
  },
});

function report(hit: LibraryHit, text: ScanText, state: SentState, ctx: DiagnosisContext): RuleReport {
  const { entry } = hit;
  const prose = text.kind === 'prose';
  const sent = state === 'sent' && entry.whenSent ? entry.whenSent : undefined;
  const said = excerpt(text.scan, hit.index, hit.length);
  const refined = refineCause(ctx, sent?.cause ?? entry.cause, said);
  const cause = refined?.cause ?? sent?.cause ?? entry.cause;
  let severity: Severity = sent?.severity ?? entry.severity;
  let confidence = sent?.confidence ?? entry.confidence;
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
