/**
 * HTTP Basic done by hand goes wrong in a handful of ways: `echo 'user:pass' | base64` encodes the newline
 * echo adds, the pair is sent unencoded or encoded twice, the colon is missing, `-u` is given a value that is
 * already base64. And each provider wants its own pair: Atlassian an email and API token, Stripe the key as
 * the username with an empty password, Mailgun the literal user `api`. This rule reads the decoded value
 * (intake's `basic`), the pack's `basicShape`, and the `echo … | base64` commands in what the user wrote.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import type { Credential, Evidence } from '../intake/evidence.js';
import type { AuthMethod, ProviderPack } from '../providers/schema.js';
import {
  basicExample,
  type CredentialUse,
  decodeBase64Text,
  failed,
  isUsable,
  packFor,
  sentence,
  sentUses,
  shapeNeeds,
  showableUser,
  weakened,
} from './helpers/credentials.js';
import { curlExample, describePlace } from './helpers/fix.js';
import { defineRule, type RuleReport } from './types.js';

const RFC = 'https://www.rfc-editor.org/rfc/rfc7617#section-2';

/** `echo [-e] … | base64` (or openssl's base64): the flags are captured to see whether `-n` is among them. */
const ECHO_BASE64 =
  /\becho((?:[ \t]{1,8}-[neE]{1,3}){0,3})[ \t][^|\n]{0,400}\|[ \t]{0,8}(?:base64|openssl[ \t]{1,8}(?:base64|enc[ \t]{1,8}-(?:base64|a)))\b([^\n|]{0,40})/g;
/** `base64 <<< "user:pass"`: a here-string ends with a newline too. */
const HERE_STRING_BASE64 = /\bbase64(?:[ \t]{1,8}-[\w-]{1,12}){0,3}[ \t]{0,8}<<<[ \t]{0,8}\S/;
const DECODE_FLAG = /(?:^|\s)(?:-d|-D|--decode)\b/;
const BASIC_MENTION = /\bBasic\b|-u\b|--user\b|Authorization/;

const MAX_TEXT = 65_536;
/** A user name hidden for the paste: `[...]`, `<user>`, `xxx`, `***`, `…`. */
const MASKED_USER = /^[[<({].{0,60}[\]>)}]$|\.\.\.|…|^x{3,64}$|\*{3}/i;

export default defineRule({
  meta: {
    id: 'basic-credentials-malformed',
    cause: 'wrong_header_format',
    severity: 'error',
    title: 'The Basic credentials are malformed',
    description:
      'HTTP Basic sends base64 of `username:password`. Built by hand it often goes wrong: `echo` without `-n` encodes a trailing newline into the password, the pair is sent without base64 or encoded twice, the colon is missing, or `-u` is given a value that is already base64. Providers also fix what the pair must be (Atlassian: email and API token; Stripe: the key as username, empty password; Mailgun: user `api`).',
    docs: [RFC],
    checklist: ['header-format'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const uses = sentUses(ctx, (u) => failed(u.view, ctx) !== 'no' && isBasic(u));
    let newlineSeen = false;
    for (const use of uses) {
      const own = fromDecoded(use);
      if (own) {
        if (use.credential.basic?.error === 'trailing_newline') newlineSeen = true;
        reports.push(own);
        continue;
      }
      const encoded = alreadyEncoded(use);
      if (encoded) {
        reports.push(encoded);
        continue;
      }
      const shape = againstShape(use, ctx);
      if (shape) reports.push(shape);
    }
    if (!newlineSeen) {
      const text = echoWithoutN(evidence, ctx);
      if (text) reports.push(text);
    }
    return reports;
  },
});

function isBasic(use: CredentialUse): boolean {
  const { at, credential } = use;
  if (at.location === 'basic_flag' || at.location === 'userinfo') return true;
  return at.location === 'authorization' && (credential.scheme ?? '').toLowerCase() === 'basic';
}

function userWords(credential: Credential): string {
  const user = credential.basic?.username;
  const shown = user ? showableUser(user) : undefined;
  return shown ? `\`${shown}:…\`` : '`user:password`';
}

/** What intake found decoding the blob after `Basic`. */
function fromDecoded(use: CredentialUse): RuleReport | undefined {
  const { credential, view, at } = use;
  const basic = credential.basic;
  if (
    at.location !== 'authorization' ||
    !basic ||
    credential.problems.includes('empty') ||
    credential.length === 0
  )
    return undefined;
  const place = sentence(describePlace({ ...credential, where: [at] }));
  const example = curlExample(view.request, { basic: '<USERNAME>:<PASSWORD>' });
  const base = { evidence: [at.pointer] };
  switch (basic.error) {
    case 'trailing_newline':
      return {
        ...base,
        confidence: 0.95,
        title: 'The Basic credentials end with a newline',
        detail: `${place} decodes to ${userWords(credential)} followed by a newline. That is what \`echo "user:password" | base64\` produces: \`echo\` adds a newline and base64 encodes it, so the server sees a password ending in "\\n" and rejects it.`,
        fix: [
          'Encode without the newline: `echo -n "user:password" | base64` or `printf %s "user:password" | base64` (add `-w0` with GNU base64 so long values are not wrapped).',
          'Or let the client encode it: curl `-u user:password`, Python `auth=(user, password)`, `HttpClient` with `AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}")))`.',
          example,
        ],
      };
    case 'not_encoded':
      return {
        ...base,
        confidence: 0.9,
        title: 'The Basic credentials are not base64-encoded',
        detail: `${place} sends ${userWords(credential)} as plain text after \`Basic\`. Basic credentials must be base64 of \`username:password\`; the server tries to decode the plain text and fails.`,
        fix: [
          'Let the client encode the pair: `-u username:password` in curl, `auth=(username, password)` in Python requests.',
          example,
        ],
      };
    case 'not_base64':
      return {
        ...base,
        confidence: 0.85,
        title: 'The Basic credentials are not base64',
        detail: `${place} is not valid base64 (it has characters base64 never uses, or an impossible length), so the server cannot decode a \`username:password\` from it. A token sent with the \`Basic\` scheme, or a value cut short, looks like this.`,
        fix: [
          'If this is a username and password, send `-u username:password` and let curl encode it; if it is a bearer token, use `Authorization: Bearer <YOUR_TOKEN>`.',
          example,
        ],
      };
    case 'double_encoded':
      return {
        ...base,
        confidence: 0.9,
        title: 'The Basic credentials are base64-encoded twice',
        detail: `${place} decodes to another base64 string, which in turn decodes to ${userWords(credential)}: the pair was encoded twice (often an already-encoded value passed to a client that encodes again, such as curl \`-u\`).`,
        fix: [
          'Encode once: pass the plain `username:password` to `-u` (or to the client), or send `Basic` + one base64 of it.',
          example,
        ],
      };
    case 'control_chars':
      return {
        ...base,
        severity: 'warning',
        confidence: 0.6,
        title: 'The Basic value does not decode to a username and password',
        detail: `${place} decodes to binary data with control characters, not \`username:password\`: it is probably a token or key sent with the \`Basic\` scheme.`,
        fix: [
          'If it is a token, send it as the API documents (usually `Authorization: Bearer <YOUR_TOKEN>`); if the API wants Basic, encode `username:password` (or `:token`) yourself.',
        ],
      };
    case 'base64url':
      return {
        ...base,
        severity: 'warning',
        confidence: 0.55,
        title: 'The Basic credentials use the base64url alphabet',
        detail: `${place} is encoded with base64url (\`-\` and \`_\`) instead of standard base64 (\`+\` and \`/\`); many servers decode only standard base64.`,
        fix: [
          'Encode with standard base64 (`base64`, `btoa`, `Convert.ToBase64String`), not a URL-safe variant.',
          example,
        ],
      };
    case 'bad_padding':
      return {
        ...base,
        severity: 'warning',
        confidence: 0.45,
        title: 'The Basic credentials have wrong base64 padding',
        detail: `${place} has missing or extra \`=\` padding; strict servers reject it.`,
        fix: [
          'Encode with a standard base64 encoder, keeping its `=` padding, or let the client build the header (`-u user:password`).',
        ],
      };
    case 'not_utf8':
      return {
        ...base,
        severity: 'warning',
        confidence: 0.45,
        title: 'The Basic credentials are not UTF-8',
        detail: `${place} decodes to bytes that are not UTF-8 (a Latin-1 or UTF-16 encoding of the password), which servers decode differently.`,
        fix: [
          'Encode the `username:password` string as UTF-8 bytes before base64 (`Encoding.UTF8`, `.encode("utf-8")`).',
        ],
      };
    default:
      break;
  }
  if (!basic.hasColon && basic.error === undefined) {
    return {
      ...base,
      confidence: 0.8,
      title: 'The Basic credentials have no colon',
      detail: `${place} decodes to a single value with no \`:\`. Basic credentials are \`username:password\`; without the colon the server cannot split them. Token-only APIs still want the colon (\`:token\` or \`token:\`, as documented).`,
      fix: [
        'Encode `username:password` (for a token-only API, the form its docs give, e.g. `:<TOKEN>` or `<TOKEN>:`); curl does it for you with `-u`.',
        example,
      ],
    };
  }
  return undefined;
}

/** `-u dXNlcjpwYXNz`: curl base64-encodes `-u` itself, so an already encoded pair is encoded twice. */
function alreadyEncoded(use: CredentialUse): RuleReport | undefined {
  const { credential, view, at } = use;
  if (at.location !== 'basic_flag') return undefined;
  const raw = at.name === 'username' ? credential.secret?.reveal() : view.request.auth?.user;
  if (!raw || raw.includes(':')) return undefined;
  const decoded = decodeBase64Text(raw);
  if (!decoded?.includes(':')) return undefined;
  return {
    confidence: 0.85,
    title: 'An already base64-encoded value was given to -u',
    detail: `The \`-u\` option got a base64 string that decodes to \`username:password\`. curl encodes \`-u\` itself, so the server received the pair encoded twice (and curl, seeing no colon, also asked for a password).`,
    evidence: [at.pointer],
    fix: [
      'Give `-u` the plain pair: `-u username:password`. Or send the encoded value yourself as a header: `-H "Authorization: Basic <BASE64>"`.',
      curlExample(view.request, { basic: '<USERNAME>:<PASSWORD>' }),
    ],
  };
}

/** The pair against the provider's documented shape. */
function againstShape(use: CredentialUse, ctx: DiagnosisContext): RuleReport | undefined {
  const found = packFor(ctx, use.view);
  // A masked or placeholder pair (`-u '[...]:[...]'`) was redacted for the paste: its shape says nothing.
  if (!found || use.credential.placeholder) return undefined;
  const { pack } = found;
  const methods = pack.auth.filter((m) => m.in === 'basic' && isUsable(m));
  if (methods.length === 0) return undefined;
  const violations = methods.map((m) => violation(use, m, pack));
  // Only when every Basic form the provider accepts is violated (Bitbucket accepts two).
  if (violations.some((v) => v === undefined)) return undefined;
  const first = violations[0];
  const method = methods[0];
  if (!first || !method) return undefined;
  return weakened(
    {
      severity: first.strong ? 'error' : 'warning',
      confidence: first.strong ? 0.8 : 0.6,
      title: `The Basic credentials do not have the shape ${pack.name} expects`,
      detail: `${first.words} ${pack.name} expects \`-u ${basicExample(method.basicShape, pack)}\`: ${method.credential}.`,
      evidence: [use.at.pointer],
      fix: [
        `Send \`-u ${basicExample(method.basicShape, pack)}\`.`,
        curlExample(use.view.request, { basic: basicExample(method.basicShape, pack) }),
      ],
      ...(pack.docs[0] ? { docs: [pack.docs[0].url] } : {}),
    },
    found.strong,
  );
}

function violation(
  use: CredentialUse,
  method: AuthMethod,
  pack: ProviderPack,
): { words: string; strong: boolean } | undefined {
  const needs = shapeNeeds(method.basicShape);
  if (!needs) return undefined;
  const { credential, at, view } = use;
  const userIsKey = at.name === 'username';
  const user = userIsKey ? undefined : (credential.basic?.username ?? view.request.auth?.user ?? '');
  const hasPassword = userIsKey
    ? false
    : at.location === 'authorization'
      ? !!credential.basic?.passwordDisplay
      : credential.length > 0;
  const ownFormat = !!credential.format && methodsName(method, credential);
  if (needs.emptyPassword && hasPassword) {
    return {
      words: `The key is given as the password${user && showableUser(user) ? ` (user \`${showableUser(user)}\`)` : ''}, but ${pack.name} takes the key as the username with an empty password.`,
      strong: ownFormat,
    };
  }
  if (user === undefined || MASKED_USER.test(user)) return undefined;
  if (needs.userLiteral && user !== needs.userLiteral) {
    return {
      words: `The username is ${describeUser(user)}, not the literal \`${needs.userLiteral}\`.`,
      strong: true,
    };
  }
  if (needs.email && !user.includes('@')) {
    return { words: `The username is ${describeUser(user)}, not an email address.`, strong: true };
  }
  if (needs.userSuffix && !user.endsWith(needs.userSuffix)) {
    return {
      words: `The username is ${describeUser(user)}, without the \`${needs.userSuffix}\` suffix.`,
      strong: true,
    };
  }
  return undefined;
}

function methodsName(method: AuthMethod, credential: Credential): boolean {
  const id = credential.format?.id;
  return !!id && method.formats.includes(id);
}

function describeUser(user: string): string {
  if (user === '') return 'empty';
  const shown = showableUser(user);
  return shown ? `\`${shown}\`` : 'not what is expected';
}

/**
 * `echo "user:pass" | base64` (or `echo ":$PAT" | base64`) in what the user wrote or in the command that
 * built the header: echo's newline is encoded into the password.
 */
function echoWithoutN(evidence: Evidence, ctx: DiagnosisContext): RuleReport | undefined {
  const texts: { text: string; pointer: string; sent: boolean }[] = [];
  for (const use of sentUses(
    ctx,
    (u) =>
      u.credential.origin?.kind === 'command_substitution' ||
      u.credential.placeholder?.reason === 'command_substitution',
  )) {
    texts.push({ text: use.credential.display, pointer: use.at.pointer, sent: true });
  }
  ctx.facts.prose.forEach((p) => {
    texts.push({ text: p.text, pointer: p.pointer, sent: false });
  });
  const all = evidence.prose
    .map((p) => p.text)
    .join('\n')
    .slice(0, MAX_TEXT);
  for (const { text, pointer, sent } of texts) {
    const hit = echoHit(text.length > MAX_TEXT ? text.slice(0, MAX_TEXT) : text);
    if (!hit) continue;
    // A pair (`user:pass`, `:$PAT`) being encoded, with Basic named nearby, ties the echo to Basic credentials.
    const used =
      sent ||
      (hit.pair &&
        (BASIC_MENTION.test(all) ||
          ctx.facts.sentCredentials.some((c) => (c.scheme ?? '').toLowerCase() === 'basic')));
    return {
      severity: used ? 'error' : 'warning',
      confidence: used ? 0.8 : 0.55,
      title: '`echo … | base64` adds a newline to the Basic credentials',
      detail: `${hit.kind === 'here' ? 'A `base64 <<< …` here-string' : '`echo … | base64` without `-n`'} ${sent ? 'builds the credential sent in this request' : 'appears in the paste'}. ${hit.kind === 'here' ? 'A here-string' : '`echo`'} ends its output with a newline and base64 encodes it, so the decoded credentials end in "\\n" (a password or token with a newline at the end) and the server rejects them.`,
      evidence: [pointer],
      fix: [
        'Encode without the newline: `echo -n "user:password" | base64`, or `printf %s "user:password" | base64`; with GNU base64 add `-w0` so long values (API tokens) are not wrapped across lines.',
        'Or let the client build the header: curl `-u "user:$TOKEN"` (for a token-only API, `-u ":$TOKEN"`).',
      ],
      docs: [RFC],
    };
  }
  return undefined;
}

function echoHit(text: string): { kind: 'echo' | 'here'; pair: boolean } | undefined {
  ECHO_BASE64.lastIndex = 0;
  for (let m = ECHO_BASE64.exec(text); m !== null; m = ECHO_BASE64.exec(text)) {
    const flags = m[1] ?? '';
    const after = m[2] ?? '';
    if (flags.includes('n') || DECODE_FLAG.test(after)) continue;
    return { kind: 'echo', pair: m[0].slice(0, m[0].indexOf('|')).includes(':') };
  }
  const here = HERE_STRING_BASE64.exec(text);
  if (!here || DECODE_FLAG.test(here[0])) return undefined;
  const rest = text.slice(here.index, here.index + 300).split('\n')[0] ?? '';
  return { kind: 'here', pair: rest.includes(':') };
}
