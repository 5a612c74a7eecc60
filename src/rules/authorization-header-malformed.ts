/**
 * The credential is there but written so that the server cannot read it: `Bearer: x`, `Bearer Bearer x`,
 * quotes around the token, whitespace or a line break inside it, typographic quotes or other non-ASCII
 * characters, a token still percent-encoded from a URL. Each of these is a different slip with a different
 * fix, so each gets its own detail; the scheme word itself missing is `authorization-scheme-missing`.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { RequestView } from '../diagnose/facts.js';
import type { Credential, Evidence } from '../intake/evidence.js';
import {
  type CredentialUse,
  failed,
  hasNote,
  SCHEME_WORD,
  sentence,
  sentUses,
} from './helpers/credentials.js';
import { curlExample, describePlace } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

/** Names for the characters that most often sneak into tokens through chat apps, editors and PDFs. */
const CHAR_NAMES: Record<string, string> = {
  '\u201c': 'left double quotation mark “',
  '\u201d': 'right double quotation mark ”',
  '\u2018': 'left single quotation mark ‘',
  '\u2019': 'right single quotation mark ’',
  '\u2013': 'en dash –',
  '\u2014': 'em dash —',
  '\u2026': 'ellipsis …',
  '\u00a0': 'non-breaking space',
  '\u200b': 'zero-width space',
  '\u200c': 'zero-width non-joiner',
  '\u200d': 'zero-width joiner',
  '\ufeff': 'byte-order mark',
  '\u00ad': 'soft hyphen',
};

const MAX_SCAN = 16_384;

function nonAsciiNames(value: string): string[] {
  const names = new Set<string>();
  for (const ch of value.slice(0, MAX_SCAN)) {
    const code = ch.codePointAt(0) ?? 0;
    if (code >= 0x20 && code <= 0x7e) continue;
    const hex = `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
    names.add(CHAR_NAMES[ch] ? `${hex} (${CHAR_NAMES[ch]})` : hex);
    if (names.size >= 3) break;
  }
  return [...names];
}

const ESCAPE = /%[0-9A-Fa-f]{2}/g;
/** `name=value, name=value`: an auth-param list (HTTP Signatures, HMAC schemes), not a token. */
const PARAM_LIST = /^[A-Za-z][\w.-]{0,40}=[^,]{0,2000},/;

/** The shell or code that wrote the header, for wording the fix. */
function fromCommand(view: RequestView): boolean {
  return ['curl', 'httpie', 'powershell'].includes(view.exchange.source);
}

export default defineRule({
  meta: {
    id: 'authorization-header-malformed',
    cause: 'wrong_header_format',
    severity: 'error',
    title: 'The Authorization header is malformed',
    description:
      'The credential is sent, but the header around it is written in a way servers do not parse: a colon after the scheme (`Bearer: x`), the scheme twice (`Bearer Bearer x`), quotes around the token, whitespace or a line break inside it, typographic quotes or other non-ASCII characters, or a token still percent-encoded. The server then sees no valid credential and answers 401.',
    docs: [
      'https://www.rfc-editor.org/rfc/rfc9110#name-authorization',
      'https://www.rfc-editor.org/rfc/rfc6750#section-2.1',
    ],
    checklist: ['header-format'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const uses = sentUses(
      ctx,
      (u) =>
        (u.at.location === 'authorization' || u.at.location === 'header') &&
        failed(u.view, ctx) !== 'no' &&
        !u.credential.problems.includes('empty'),
    );
    for (const use of uses) reports.push(...problemsOf(use, evidence));
    const smart = smartQuotes(evidence, ctx, uses);
    if (smart) reports.push(smart);
    return reports;
  },
});

function problemsOf(use: CredentialUse, evidence: Evidence): RuleReport[] {
  const { credential, view, at } = use;
  const name = at.name ?? 'Authorization';
  const isAuth = at.location === 'authorization';
  const scheme = credential.scheme ?? 'Bearer';
  const place = sentence(describePlace({ ...credential, where: [at] }));
  const evidencePointer = [at.pointer];
  const fixed = isAuth ? `${name}: ${normalScheme(scheme)} <YOUR_TOKEN>` : `${name}: <YOUR_KEY>`;
  const example = curlExample(view.request, { header: fixed });
  const literal = !credential.placeholder && (!credential.origin || credential.origin.kind === 'literal');
  const problems = new Set(isAuth ? credential.problems : headerProblems(credential));
  const raw = credential.secret?.reveal() ?? '';
  // `Signature keyId="…", algorithm="…"` and other parameter lists have quotes and spaces by design.
  if (PARAM_LIST.test(raw)) {
    problems.delete('quoted');
    problems.delete('inner_whitespace');
  }
  // A token the user cut short with `…` for the paste is not a token that was sent that way.
  if (/^[\x20-\x7e]*…$/.test(raw)) problems.delete('non_ascii');
  const out: RuleReport[] = [];

  if (isAuth && scheme.toLowerCase() === 'authorization') {
    out.push({
      confidence: 0.9,
      title: 'The header name is repeated inside the Authorization value',
      detail: `${place} reads \`${name}: Authorization: …\`: the value repeats the header name, so the server sees the scheme \`Authorization:\` instead of \`Bearer\`.`,
      evidence: evidencePointer,
      fix: [
        'Give the header name once: the value starts with the scheme (`Bearer <YOUR_TOKEN>`), not with `Authorization:`.',
        'In code, set `headers["Authorization"] = "Bearer " + token`, not `"Authorization: Bearer " + token`.',
        curlExample(view.request, { header: `${name}: Bearer <YOUR_TOKEN>` }),
      ],
    });
    return out;
  }

  if (problems.has('scheme_colon')) {
    out.push({
      confidence: 0.9,
      title: `A colon follows the \`${scheme}\` scheme`,
      detail: `${place} reads \`${name}: ${scheme}: …\`. The colon belongs only after the header name; with it, the scheme is \`${scheme}:\`, which no server recognises, so the token (${credential.display}) is not read.`,
      evidence: evidencePointer,
      fix: [`Drop the colon after the scheme: \`${name}: ${normalScheme(scheme)} <YOUR_TOKEN>\`.`, example],
    });
  }
  if (problems.has('scheme_repeated')) {
    const shown = view.request.headers.find((h) => h.credential === credential.id)?.value ?? '';
    const second = /^\s*\S+\s+([A-Za-z][\w-]{0,30}):?\s/.exec(shown)?.[1] ?? scheme;
    out.push({
      confidence: 0.9,
      title: 'The scheme is written twice',
      detail: `${place} starts with two scheme words (\`${scheme} ${second} …\`): the server takes \`${second}\` as the token, not ${credential.display}.`,
      evidence: evidencePointer,
      fix: [
        `Send the scheme once: \`${name}: ${normalScheme(scheme)} <YOUR_TOKEN>\`.`,
        'This usually means the stored value already includes `Bearer ` (a saved header value, or `token_type` joined to the token) and the code adds it again: store the bare token, or stop prefixing it.',
        example,
      ],
    });
  }
  if (literal && problems.has('quoted')) {
    out.push({
      confidence: 0.85,
      title: 'The token is sent with quotes around it',
      detail: `${place} carries the token (${credential.display}) wrapped in quote characters, and the quotes are sent as part of it. Quotes often come from a \`.env\` line (\`TOKEN="…"\` read by \`docker --env-file\` or a loader that keeps them), a JSON value copied with its quotes, or nested quoting in a shell command.`,
      evidence: evidencePointer,
      fix: [
        `Send the bare value: \`${fixed}\`.`,
        'Where the value is stored (`.env`, secret store, config), remove the quotes around it; in a shell, quote the whole header once: `-H "Authorization: Bearer $TOKEN"`.',
        example,
      ],
    });
  }
  if (literal && problems.has('newline')) {
    out.push({
      confidence: 0.9,
      title: 'The credential contains a line break',
      detail: `${place} contains a line break inside or after the token (${credential.display}). A header value cannot contain one: clients refuse to send it or the server cuts the header there. This usually comes from reading the token from a file or command output without trimming it.`,
      evidence: evidencePointer,
      fix: [
        'Trim the value before building the header: `.strip()` in Python, `.trim()` in JavaScript/Java/C#, `strings.TrimSpace` in Go, `$(tr -d "\\n" < token.txt)` in a shell.',
        example,
      ],
    });
  }
  if (literal && problems.has('inner_whitespace')) {
    out.push({
      confidence: 0.8,
      title: 'The credential has whitespace inside it',
      detail: `${place} has whitespace inside the value after \`${scheme}\`, so the server reads only the first part as the token. Tokens never contain spaces: this is a token copied across a line break, two values joined, or a token with a stray space.`,
      evidence: evidencePointer,
      fix: [
        `Send exactly one space between the scheme and the token, and none inside it: \`${fixed}\`.`,
        example,
      ],
    });
  }
  if (literal && problems.has('non_ascii')) {
    const chars = nonAsciiNames(raw);
    const smart = hasNote(evidence, 'normalize.smart_quotes');
    out.push({
      confidence: 0.85,
      title: 'The credential contains non-ASCII characters',
      detail: `${place} contains ${chars.length > 0 ? chars.join(', ') : 'non-ASCII characters'}. Header values must be plain ASCII; a token never contains these, so it was changed on the way (a chat app, word processor or PDF turning quotes and dashes typographic${smart ? ', as happened in this paste' : ''}).`,
      evidence: evidencePointer,
      fix: [
        'Copy the token again from its source (the provider dashboard or a plain-text file), not from a chat message, document or web page that reformats text.',
        'Type quotes in the command yourself in a plain-text editor or terminal.',
        example,
      ],
    });
  }
  if (literal && problems.has('url_encoded')) {
    const escapes = [...new Set(raw.slice(0, MAX_SCAN).match(ESCAPE) ?? [])].slice(0, 4);
    const base64ish = escapes.some((e) => /^%(2B|2F|3D)$/i.test(e));
    out.push({
      severity: base64ish ? 'error' : 'warning',
      confidence: base64ish ? 0.75 : 0.5,
      title: 'The token is still URL-encoded',
      detail: `${place} contains percent-escapes (${escapes.map((e) => `\`${e}\``).join(', ')}). Tokens copied from a URL (an OAuth redirect, a query string) or a cookie are percent-encoded there; sent as is, the server compares \`%2B\` with \`+\` and the token does not match.`,
      evidence: evidencePointer,
      fix: [
        'Decode the value before sending it (`decodeURIComponent` in JavaScript, `urllib.parse.unquote` in Python), or copy the token from the JSON response instead of the URL.',
        example,
      ],
    });
  }
  if (literal && problems.has('edge_whitespace') && out.length === 0) {
    out.push({
      severity: 'info',
      confidence: 0.2,
      title: 'Whitespace around the credential',
      detail: `${place} has leading or trailing whitespace around the value. Most servers strip it, but a strict one (or a signature check over the header) will not.`,
      evidence: evidencePointer,
      fix: [`Send the value without surrounding whitespace: \`${fixed}\`.`],
    });
  }
  return out;
}

/** The problems intake records for Authorization, computed here for API-key headers (`X-API-Key: "…"`). */
function headerProblems(credential: Credential): string[] {
  const raw = credential.secret?.reveal();
  if (raw === undefined) return [];
  const value = raw.length > MAX_SCAN ? raw.slice(0, MAX_SCAN) : raw;
  const problems = [...credential.problems];
  // `Auth: Bearer x` is a header-name slip (wrong-header-name), not whitespace inside a key.
  if (SCHEME_WORD.test(value)) return problems;
  if (/^["'`].*["'`]$/s.test(value)) problems.push('quoted');
  if (/[\r\n]/.test(value)) problems.push('newline');
  else if (/\S\s+\S/.test(value)) problems.push('inner_whitespace');
  if (/[^\x20-\x7e\r\n]/.test(value)) problems.push('non_ascii');
  return problems;
}

/** `bearer` and `BEARER` work with most servers, but the example shows the canonical spelling. */
function normalScheme(scheme: string): string {
  const known: Record<string, string> = {
    bearer: 'Bearer',
    basic: 'Basic',
    token: 'token',
    bot: 'Bot',
    ssws: 'SSWS',
  };
  return known[scheme.toLowerCase()] ?? scheme;
}

/**
 * Typographic quotes in the paste: normalisation repaired them, so the credential now looks fine, but if the
 * command really had them the shell passed them to the server inside the header.
 */
function smartQuotes(
  evidence: Evidence,
  ctx: DiagnosisContext,
  uses: CredentialUse[],
): RuleReport | undefined {
  if (!hasNote(evidence, 'normalize.smart_quotes')) return undefined;
  const commandUse =
    uses.find((u) => fromCommand(u.view)) ??
    sentUses(
      ctx,
      (u) => fromCommand(u.view) && (u.at.location === 'authorization' || u.at.location === 'header'),
    )[0];
  if (!commandUse) return undefined;
  return {
    severity: 'warning',
    confidence: 0.45,
    title: 'The command contains typographic quotes',
    detail: `The pasted command has typographic quotes (“ ” or ‘ ’), which I read as plain quotes. A shell does not: if the command you ran had them, they were sent inside ${describePlace({ ...commandUse.credential, where: [commandUse.at] })} or split the header from its value.`,
    evidence: [commandUse.at.pointer],
    fix: [
      'Retype the quotes in a plain-text editor or directly in the terminal (chat apps, Word and web pages turn " into “ ”).',
      curlExample(commandUse.view.request, {
        header:
          commandUse.at.location === 'authorization'
            ? 'Authorization: Bearer <YOUR_TOKEN>'
            : `${commandUse.at.name ?? 'X-API-Key'}: <YOUR_KEY>`,
      }),
    ],
  };
}
