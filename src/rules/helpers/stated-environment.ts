/**
 * What the user's own words say about the credential's environment: "my Sandbox client id", "test keys",
 * "the API token we generated in our sandbox org", "the token comes from dev-123.oktapreview.com and works
 * there". Only statements about where the credential comes from or works count; "I pointed the job at
 * production" is about the request, which the request itself shows better. Negated, hypothetical and failing
 * clauses ("not the sandbox key", "should I use live keys?", "it fails on the sandbox too") say nothing.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import type { TextView } from '../../diagnose/facts.js';
import type { Environment, ProviderPack } from '../../providers/schema.js';
import { proseTexts } from './hosts.js';

export interface CredentialStatement {
  environment: Environment;
  /** The words as written, for a detail. */
  said: string;
  view: TextView;
  /** `words`: an environment word tied to a credential; `host`: a host some pack tags with an environment. */
  via: 'words' | 'host';
  /** For `host`: the pack that tags the host (the statement only speaks about that provider's hosts). */
  pack?: ProviderPack;
}

const ENV = '(live|production|prod|sandbox|preview|test|testing|staging|stage|uat|dev|development)';
const CRED =
  '(?:api[ _-]?)?(?:keys?|credentials?|creds|client[ _-]?(?:id|secret)s?|secrets?|(?:access[ _-]?|bearer[ _-]?|api[ _-]?)?tokens?)';

/** "Sandbox client id", "test secret key", "live API credentials", "sandbox app's client id" (≤ 2 words between). */
const ENV_THEN_CRED = new RegExp(
  String.raw`(?<![\w-])${ENV}((?:\s+[\w'’-]{1,20}){0,2}?)\s+${CRED}(?![\w-])`,
  'gi',
);
/** "the token … in our sandbox org", "client id and secret … under the Sandbox toggle", "key from test mode". */
const CRED_THEN_ENV = new RegExp(
  String.raw`(?<![\w-])(${CRED})(?![\w-])[^\n;]{0,100}?\b((?:from|in|of|under|for|on|at|inside|within)\s+(?:(?:the|our|my|their|your|a|an)\s+)?${ENV})(?![\w-])`,
  'gi',
);
const ANY_ENV = new RegExp(`(?<![\\w-])${ENV}(?![\\w-])`, 'i');
const ENV_WORD = new RegExp(String.raw`(?<![\w-])${ENV}(?![\w-])`, 'gi');
const CRED_WORD = new RegExp(String.raw`(?<![\w-])${CRED}(?![\w-])`, 'i');
/** A hostname written in prose (with or without a scheme). */
const HOST = /(?<![\w.-])(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.){1,6}[a-z]{2,24}(?![\w-])/gi;
/** Words tying a host to the credential: where it was made or where it works. */
const HOST_TIE =
  /\b(?:works?|worked|working|succeeds?|succeeded|generated|created|issued|minted|comes?\s+from|came\s+from|copied|got|from\s+(?:our|my|the)|org|tenant|account)\b/i;
/** A clause that reports a failure does not say where the credential is valid. */
const FAILING =
  /\b(?:fail(?:s|ed|ing)?|40[13]|unauthori[sz]ed|forbidden|reject(?:s|ed)?|denied|invalid|error|doesn[’']?t\s+work|does\s+not\s+work|didn[’']?t\s+work|not\s+work(?:ing)?|won[’']?t|can[’']?t|cannot)\b/i;
const NEGATION =
  /\b(?:not|never|no|without|instead\s+of|rather\s+than|neither|nor)\b|n[’']t\b|\b(?:isn|wasn|aren|weren)\b/i;
/** Questions and conditionals state nothing ("should I use sandbox keys?", "if these are test keys …"). */
const HYPOTHETICAL =
  /^\s*(?:if|unless|should|do|does|did|can|could|would|whether|maybe|perhaps|is|are|am|was|were)\b|\b(?:if|unless|whether)\b/i;
/** A sentence that is one question ("are these the live keys?"), not a statement with "any idea?" tacked on. */
const QUESTION = /^[^,;]*\?\s*$/;
/** Words that make "test" a verb or the words between an environment and a noun not an adjective phrase. */
const VERB_BEFORE_TEST = /\b(?:to|i|we|you|they|can|will|just|then|and|also|please)\s+$/i;
const NOT_ADJECTIVE =
  /\b(?:with|the|a|an|my|our|your|their|using|and|or|to|from|in|on|for|of|is|was|are|were|it|this|that|but|then|via)\b/i;
/** Clauses: a "but" or a semicolon separates a claim from its contrast ("works in sandbox but not in live"). */
const CLAUSE_SPLIT = /;|\bbut\b|\bwhereas\b|\bwhile\b|\balthough\b|\bhowever\b/i;
const SENTENCE_SPLIT = /(?<=[.!?])\s+|\n+/;
const MAX_SENTENCE = 600;

/** Statements in the user's prose about which environment the credential belongs to. */
export function credentialStatements(ctx: DiagnosisContext): CredentialStatement[] {
  const out: CredentialStatement[] = [];
  for (const view of proseTexts(ctx)) {
    for (const sentence of view.text.split(SENTENCE_SPLIT)) {
      if (sentence.length > MAX_SENTENCE || QUESTION.test(sentence)) continue;
      for (const clause of sentence.split(CLAUSE_SPLIT)) {
        if (!clause || HYPOTHETICAL.test(clause)) continue;
        // "my live keys get a 401" still says the keys are live; "the key gets a 401 in production" does not.
        const failing = FAILING.test(clause);
        if (ANY_ENV.test(clause)) fromWords(clause, view, out, failing);
        if (!failing) fromHosts(clause, view, ctx, out);
      }
    }
  }
  return out;
}

function fromWords(clause: string, view: TextView, out: CredentialStatement[], failing: boolean): void {
  for (const m of clause.matchAll(ENV_THEN_CRED)) {
    const word = m[1]!;
    const before = clause.slice(Math.max(0, m.index - 30), m.index);
    if (negated(before)) continue;
    if (/^test/i.test(word) && VERB_BEFORE_TEST.test(before)) continue;
    const between = m[2] ?? '';
    // "sandbox and live credentials" names both environments.
    if (/\b(?:and|or)\b|[&/]/i.test(between)) {
      for (const other of between.matchAll(ENV_WORD)) push(out, other[1]!, m[0], view, 'words');
      push(out, word, m[0], view, 'words');
      continue;
    }
    if (NOT_ADJECTIVE.test(between)) continue;
    push(out, word, m[0], view, 'words');
  }
  if (failing) return;
  for (const m of clause.matchAll(CRED_THEN_ENV)) {
    const [whole, noun, tail, word] = m as unknown as [string, string, string, string];
    if (negated(whole) || negated(clause.slice(Math.max(0, m.index - 30), m.index))) continue;
    push(out, word, whole.length > 60 ? `${noun} … ${tail}` : whole, view, 'words');
  }
}

function fromHosts(clause: string, view: TextView, ctx: DiagnosisContext, out: CredentialStatement[]): void {
  if (!HOST_TIE.test(clause) || !(CRED_WORD.test(clause) || /\b(?:it|same)\b/i.test(clause))) return;
  let n = 0;
  for (const m of clause.matchAll(HOST)) {
    if (++n > 10) break;
    const match = ctx.knowledge.matchHost(m[0].toLowerCase());
    if (!match || !tellsEnvironmentsApart(match.pack)) continue;
    if (negated(clause.slice(Math.max(0, m.index - 30), m.index))) continue;
    out.push({
      environment: match.host.environment,
      said: m[0],
      view,
      via: 'host',
      pack: match.pack,
    });
  }
}

/** A pack's host names an environment only when the pack lists hosts for more than one. */
export function tellsEnvironmentsApart(pack: ProviderPack): boolean {
  return (
    pack.hosts.some((h) => h.environment === 'production') &&
    pack.hosts.some((h) => h.environment !== 'production')
  );
}

function negated(text: string): boolean {
  return NEGATION.test(text);
}

function push(
  out: CredentialStatement[],
  word: string,
  said: string,
  view: TextView,
  via: CredentialStatement['via'],
): void {
  const environment = environmentWord(word);
  if (environment) out.push({ environment, said: said.trim().replace(/\s+/g, ' '), view, via });
}

function environmentWord(word: string): Environment | undefined {
  switch (word.toLowerCase()) {
    case 'live':
    case 'production':
    case 'prod':
      return 'production';
    case 'sandbox':
    case 'preview':
      return 'sandbox';
    case 'test':
    case 'testing':
      return 'test';
    case 'staging':
    case 'stage':
    case 'uat':
      return 'staging';
    case 'dev':
    case 'development':
      return 'development';
    default:
      return undefined;
  }
}
