/**
 * Rules look at one thing each, so two of them can report one failure twice: once as its cause and once as
 * its symptom. When the cause is established (an `error`), the symptom is demoted to a `warning` and says what
 * explains it, so the answer leads with what to fix rather than with what the server said about it.
 */
import type { Finding } from './finding.js';
import type { Cause } from './taxonomy.js';

/** Rules that report what the server (or its library) said, rather than what the request shows. */
const ANSWER_RULES = new Set([
  'provider-error',
  'library-error',
  'www-authenticate-error',
  'status-explained',
]);

/** Causes that mean the server could not read the credential at all. */
const UNREAD: ReadonlySet<Cause> = new Set([
  'wrong_header_format',
  'placeholder_or_unexpanded',
  'missing_credentials',
  'credentials_dropped_in_transit',
]);

/** Causes that make a real credential look invalid to this server. */
const MISMATCHED: ReadonlySet<Cause> = new Set(['wrong_environment', 'wrong_token_type']);

/** Causes that mean the server did read the token and judged its contents. */
const READ: ReadonlySet<Cause> = new Set([
  'expired_token',
  'not_yet_valid_or_clock_skew',
  'wrong_audience_or_issuer',
  'signature_or_key_mismatch',
]);

interface Relation {
  /** The finding that explains… */
  explains: (f: Finding) => boolean;
  /** …this one. */
  symptom: (f: Finding) => boolean;
}

const RELATIONS: readonly Relation[] = [
  // A redirect or proxy dropped the header: "no credential" on the next hop is what that looks like, and an
  // http URL that redirected to https is how it happened.
  {
    explains: (f) => f.cause === 'credentials_dropped_in_transit' && !ANSWER_RULES.has(f.rule),
    symptom: (f) => f.cause === 'missing_credentials' || f.rule === 'http-not-https',
  },
  // The request shows the credential could not be read, or is the wrong kind or from the wrong environment:
  // the server's "invalid key" is the consequence.
  {
    explains: (f) => (UNREAD.has(f.cause) || MISMATCHED.has(f.cause)) && !ANSWER_RULES.has(f.rule),
    symptom: (f) =>
      ANSWER_RULES.has(f.rule) && (f.cause === 'invalid_credentials' || f.cause === 'missing_credentials'),
  },
  // The server says what is wrong with the token's contents, so it did read it: the header's form was not
  // what stopped it (some APIs take a bare token).
  {
    explains: (f) => ANSWER_RULES.has(f.rule) && READ.has(f.cause),
    symptom: (f) => f.rule === 'authorization-scheme-missing',
  },
];

export function reconcile(findings: readonly Finding[]): Finding[] {
  return findings.map((f) => {
    if (f.severity !== 'error') return f;
    const by = findings.find(
      (g) =>
        g !== f &&
        g.severity === 'error' &&
        g.cause !== f.cause &&
        RELATIONS.some((r) => r.explains(g) && r.symptom(f)),
    );
    if (!by) return f;
    return {
      ...f,
      severity: 'warning',
      confidence: Math.round(f.confidence * 0.8 * 100) / 100,
      detail: `${f.detail} This is most likely a consequence of another finding: ${by.title.replace(/\.$/, '')}.`,
    };
  });
}
