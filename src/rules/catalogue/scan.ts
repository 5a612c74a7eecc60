/**
 * Shared reading of what servers, clients and users said: which texts to scan (capped, so a rule never
 * scans megabytes), how to quote a match back to the user, when a phrase in prose is negated or asked
 * rather than reported, and what the paste shows about the credential that was sent.
 */
import type { DiagnosisContext } from '../../diagnose/context.js';
import type { RequestView, TextView } from '../../diagnose/facts.js';
import type { Severity } from '../../diagnose/taxonomy.js';
import type { Credential, Request } from '../../intake/evidence.js';
import { curlExample, placeholderFor } from '../helpers/fix.js';

/** No single text is scanned past this; logs longer than that carry the error near the top anyway. */
export const MAX_TEXT = 64 * 1024;
/** All texts together are scanned up to this much (a few milliseconds for a whole catalogue). */
const MAX_TOTAL = 160 * 1024;

export interface ScanText extends TextView {
  /** The text as scanned (capped). */
  scan: string;
}

/**
 * The answers (error bodies, client errors, response bodies, and challenges unless excluded) and the prose,
 * capped. Prose lines that are only a `WWW-Authenticate:` header are dropped when the challenge rule reads them.
 */
export function scanTexts(
  ctx: DiagnosisContext,
  opts: { challenges?: boolean; prose?: boolean } = {},
): ScanText[] {
  const out: ScanText[] = [];
  let budget = MAX_TOTAL;
  const take = (view: TextView, text: string) => {
    if (budget <= 0 || text.trim() === '') return;
    const scan = text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text;
    budget -= scan.length;
    out.push({ ...view, scan });
  };
  for (const view of ctx.facts.answers) {
    if (view.kind === 'challenge' && opts.challenges === false) continue;
    take(view, view.text);
  }
  if (opts.prose !== false) {
    for (const view of ctx.facts.prose) {
      const text = opts.challenges === false ? view.text.replace(CHALLENGE_LINE, '') : view.text;
      take(view, text);
    }
  }
  return out;
}

const CHALLENGE_LINE = /^[ \t>]*(?:www|proxy)-authenticate:[^\n]*$/gim;

/** The line holding a match, trimmed to about 160 characters around it, for quoting back. */
export function excerpt(text: string, index: number, length: number): string {
  const lineStart = text.lastIndexOf('\n', index) + 1;
  let lineEnd = text.indexOf('\n', index + length);
  if (lineEnd < 0) lineEnd = text.length;
  let start = lineStart;
  let end = lineEnd;
  if (end - start > 160) {
    start = Math.max(lineStart, index - 60);
    end = Math.min(lineEnd, Math.max(index + length, start) + 100);
  }
  const body = text
    .slice(start, end)
    .replace(/^[\s>]+/, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return `${start > lineStart ? '…' : ''}${body}${end < lineEnd ? '…' : ''}`;
}

/** `"text"`, with embedded backticks neutralised so chat markup cannot break out of the quote. */
export function quote(text: string): string {
  return `"${text.replace(/`/g, "'")}"`;
}

/**
 * Negations in the languages users write in: English, and the cheap ones of Spanish, Portuguese, German,
 * French and Italian ("no", "não", "nicht", "kein", "pas", "jamais", "non"; "non-" as in "non-prod" is a prefix).
 */
const NEGATION =
  /\b(?:not|never|no longer|without|nor|isn't|wasn't|aren't|doesn't|didn't|don't|no|nunca|nicht|nie|kein(?:e|en|er)?|pas|jamais|non(?![-\w])|ni)\b|\bn[aã]o(?![\w-])|n't\b/i;

/**
 * True when the user's own sentence negates the phrase found at `index` ("the token is not expired",
 * "I no longer get jwt expired"): the words between the start of the sentence and the match are checked.
 */
export function negatedBefore(text: string, index: number): boolean {
  const window = text.slice(Math.max(0, index - 48), index);
  let clause = 0;
  for (const m of window.matchAll(CLAUSE_BREAK)) clause = m.index + m[0].length;
  return NEGATION.test(window.slice(clause));
}

/** Where a new clause starts: punctuation, or a "but" that turns the sentence ("not sure why, but …"). */
const CLAUSE_BREAK = /[.!?;,:\n]|\b(?:but|pero|mas|aber|mais|ma)\b/gi;

/** True when the matched words themselves hold a negation ("Token ist nicht abgelaufen"). */
export function negatedWithin(text: string, index: number, length: number): boolean {
  return NEGATION.test(text.slice(index, index + Math.min(length, 400)));
}

/** True when the sentence holding the match ends in a question mark ("could the token be expired?"). */
export function asked(text: string, end: number): boolean {
  const tail = text.slice(end, end + 80);
  const stop = tail.search(/[.!\n]/);
  const question = tail.indexOf('?');
  return question >= 0 && (stop < 0 || question < stop);
}

/**
 * What the paste shows about the credential: a real one went out (`sent`), only placeholders or empty
 * values went out (`placeholder`), requests went out with none (`none`), or no request is shown (`unknown`).
 */
export type SentState = 'sent' | 'placeholder' | 'none' | 'unknown';

export function sentState(ctx: DiagnosisContext, text?: TextView): SentState {
  // A response body answers its own request: judge by what that request sent.
  const view = text ? requestOf(ctx, text) : undefined;
  const sent = view ? view.credentials : ctx.facts.sentCredentials;
  if (sent.some(isReal)) return 'sent';
  if (sent.length > 0) return 'placeholder';
  return view || ctx.facts.requests.length > 0 ? 'none' : 'unknown';
}

/** The request whose response a text belongs to (`response.body`, `exchanges[2].response.body`). */
export function requestOf(ctx: DiagnosisContext, text: TextView): RequestView | undefined {
  const m = /^(?:exchanges\[(\d+)\]\.)?response\b/.exec(text.pointer);
  if (!m) return undefined;
  const index = m[1] === undefined ? 0 : Number(m[1]);
  return ctx.facts.requests.find((r) => r.index === index);
}

/** `***`, `[...]`, `<redacted>`: the user hid a real value for the paste; something real was sent. */
const ELLIPSIS_ONLY = /^[[(<{]?\s*(?:\.{2,}|…|\*+)\s*[\])>}]?$/;

/** A credential with a real value, or one the user masked for the paste (so a real one was sent). */
export function isReal(credential: Credential): boolean {
  if (credential.secret && !credential.placeholder) return true;
  const placeholder = credential.placeholder;
  if (!placeholder) return false;
  return placeholder.reason === 'masked' || ELLIPSIS_ONLY.test(placeholder.text.trim());
}

/**
 * The credential a finding can name by fingerprint: the one the text's own request sent, else the paste's
 * only real one.
 */
export function soleCredential(ctx: DiagnosisContext, text?: TextView): Credential | undefined {
  const own = text ? requestOf(ctx, text)?.credentials.filter(isReal) : undefined;
  const real = own && own.length > 0 ? own : ctx.facts.sentCredentials.filter(isReal);
  return real.length === 1 ? real[0] : undefined;
}

export function demote(severity: Severity): Severity {
  return severity === 'error' ? 'warning' : 'info';
}

/**
 * A retry of the user's own request with a placeholder where the new credential goes, when the paste shows
 * the request and how the credential was sent in a header.
 */
export function retryExample(ctx: DiagnosisContext, what = 'TOKEN'): string | undefined {
  const view = ctx.facts.requests.find((r) => r.request.url?.valid);
  if (!view) return undefined;
  const placeholder = placeholderFor(ctx.provider?.pack, what);
  const header = authHeaderOf(view.request, view.credentials, placeholder);
  if (!header) return undefined;
  return `Then retry: \`${curlExample(view.request, { header })}\``;
}

function authHeaderOf(request: Request, credentials: Credential[], placeholder: string): string | undefined {
  for (const credential of credentials) {
    for (const where of credential.where) {
      if (where.location === 'authorization')
        return `${where.name ?? 'Authorization'}: ${credential.scheme ?? 'Bearer'} ${placeholder}`;
      if (where.location === 'header' && where.name) return `${where.name}: ${placeholder}`;
    }
  }
  if (request.auth?.scheme === 'bearer') return `Authorization: Bearer ${placeholder}`;
  return undefined;
}
