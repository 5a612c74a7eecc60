/**
 * Collects every credential found in a paste, once per distinct value, with every place it was seen.
 * This is where raw values become Secrets: after this, only fingerprints are handed on.
 */
import { Secret } from '../../secrets/secret.js';
import type { Credential, Occurrence } from '../evidence.js';
import type { ValueOrigin } from '../raw.js';
import { decodeBasic } from './basic.js';
import { classifyCredential } from './classify.js';

export interface RegisterHints {
  scheme?: string;
  origin?: ValueOrigin;
  problems?: string[];
}

/** Origins whose text is a reference to a value held elsewhere, not the value itself. */
const REFERENCE_ORIGINS = new Set(['shell_variable', 'command_substitution', 'env', 'variable']);

const TRAILING_SEPARATORS = new Set([':', ';', ',', '.']);

// A value this short would, if replaced everywhere, wreck unrelated text ("123" in a URL); such values are
// still hidden in the field that holds them.
const MIN_GLOBAL_REDACTION = 6;
const MAX_CREDENTIALS = 200;

export class CredentialRegistry {
  readonly credentials: Credential[] = [];
  readonly #byRaw = new Map<string, Credential>();
  /** Raw strings to scrub from every other string in the evidence, with what replaces them. */
  readonly #scrub = new Map<string, string>();
  dropped = 0;

  get size(): number {
    return this.credentials.length;
  }

  has(raw: string): boolean {
    return this.#byRaw.has(raw);
  }

  /** Registers a value seen at `occurrence`; returns the credential (existing when the value was seen). */
  register(raw: string, occurrence: Occurrence, hints: RegisterHints = {}): Credential | undefined {
    const known = this.#byRaw.get(raw);
    if (known) {
      if (!known.where.some((w) => w.pointer === occurrence.pointer)) known.where.push(occurrence);
      for (const p of hints.problems ?? []) if (!known.problems.includes(p)) known.problems.push(p);
      return known;
    }
    if (this.credentials.length >= MAX_CREDENTIALS) {
      this.dropped++;
      return undefined;
    }
    const credential = this.#create(raw, occurrence, hints);
    this.#byRaw.set(raw, credential);
    this.credentials.push(credential);
    return credential;
  }

  // Built field by field, in the order the fields are shown: an object spread is a runtime call, and a
  // handful of them per value cost more than classifying it.
  #create(raw: string, occurrence: Occurrence, hints: RegisterHints): Credential {
    const head: CredentialHead = {
      id: `c${this.credentials.length + 1}`,
      where: [occurrence],
      problems: hints.problems ? [...hints.problems] : [],
    };
    if (hints.scheme !== undefined) head.scheme = hints.scheme;
    if (hints.origin !== undefined && hints.origin.kind !== 'literal') head.origin = hints.origin;
    if (raw === '') {
      if (!head.problems.includes('empty')) head.problems.push('empty');
      return shown(head, '(empty)', 0);
    }
    if (hints.origin && REFERENCE_ORIGINS.has(hints.origin.kind) && isReferenceText(raw, hints.origin.kind)) {
      return shown(head, raw, raw.length);
    }
    const found = classifyCredential(raw, {
      location: occurrence.location,
      name: occurrence.name,
      scheme: hints.scheme,
    });
    if (found.format) head.format = found.format;
    if (found.lookalike) head.lookalike = found.lookalike;
    if (found.jwt) head.jwt = found.jwt;
    if (found.placeholder) {
      const credential = shown(head, raw, raw.length);
      credential.placeholder = found.placeholder;
      return credential;
    }
    const secret = new Secret(raw, {
      visiblePrefix: found.visiblePrefix,
      label: found.jwt ? 'JWT' : undefined,
    });
    this.#addScrub(raw, secret.fingerprint);
    head.secret = secret;
    const credential = shown(head, secret.fingerprint, raw.length);
    if (hints.scheme?.toLowerCase() === 'basic') credential.basic = this.#basic(raw);
    return credential;
  }

  /** `Authorization: Basic <base64>`: decode, and hide the password on its own too (it may be pasted raw). */
  #basic(blob: string): NonNullable<Credential['basic']> {
    const decoded = decodeBasic(blob);
    // A key sent as the username (Stripe-style `KEY:`) is the secret here: show its fingerprint, never the key.
    const userIsKey =
      classifyCredential(decoded.username, { location: 'authorization', name: 'username' }).format !==
        undefined || looksLikeKeyAsUsername(decoded.username, decoded.password);
    let username = decoded.username;
    if (userIsKey && username !== '') {
      const hidden = new Secret(username);
      username = hidden.fingerprint;
      this.#addScrub(decoded.username, hidden.fingerprint);
    }
    const out: NonNullable<Credential['basic']> = { username, hasColon: decoded.hasColon };
    if (decoded.error) out.error = decoded.error;
    if (decoded.password !== undefined && decoded.password !== '') {
      const password = new Secret(decoded.password);
      out.password = password;
      out.passwordDisplay = password.fingerprint;
      this.#addScrub(decoded.password, password.fingerprint);
    }
    return out;
  }

  /**
   * `-u user:pass` and friends: the password is the credential. A username that is itself a key (Stripe's
   * `-u sk_test_…:`) is one too, and with an empty password it is the one that matters.
   */
  registerBasicPair(
    user: string,
    password: string | undefined,
    occurrence: Occurrence,
    origin?: ValueOrigin,
  ): Credential | undefined {
    const userIsKey =
      classifyCredential(user, { location: occurrence.location, name: 'username' }).format !== undefined ||
      looksLikeKeyAsUsername(user, password);
    const withOrigin = origin ? { origin } : {};
    const userCredential = userIsKey
      ? this.register(user, { ...occurrence, name: 'username' }, withOrigin)
      : undefined;
    const blob = Buffer.from(`${user}:${password ?? ''}`).toString('base64');
    if (userCredential && (password === undefined || password === '')) {
      userCredential.basic ??= { username: userCredential.display, hasColon: password !== undefined };
      if (userCredential.secret) this.#addScrub(blob, userCredential.display);
      return userCredential;
    }
    const credential = this.register(
      password ?? '',
      { ...occurrence, name: occurrence.name ?? 'password' },
      { ...withOrigin, ...(password === undefined ? { problems: ['password_missing'] } : {}) },
    );
    if (credential && !credential.basic) {
      credential.basic = {
        username: userCredential?.display ?? user,
        hasColon: password !== undefined,
        ...(credential.secret ? { password: credential.secret, passwordDisplay: credential.display } : {}),
      };
      if (credential.secret) this.#addScrub(blob, credential.display);
    }
    return credential;
  }

  displayFor(raw: string): string | undefined {
    return this.#byRaw.get(raw)?.display;
  }

  #addScrub(raw: string, replacement: string): void {
    if (raw.length < MIN_GLOBAL_REDACTION) return;
    this.#scrub.set(raw, replacement);
    const encoded = safeEncode(raw);
    if (encoded !== raw) this.#scrub.set(encoded, replacement);
    // A value read up to a separator (`KEY=abc123:`) is cut before it by another parser (a header name ends
    // at the colon): hide it without the separator too.
    let end = raw.length;
    while (end > 0 && TRAILING_SEPARATORS.has(raw[end - 1]!)) end--;
    const bare = raw.slice(0, end);
    if (bare !== raw && isKeyPiece(bare) && !this.#scrub.has(bare)) this.#scrub.set(bare, replacement);
    // A value read with its inner whitespace collapsed (a token wrapped onto two lines, `Bearer abc  def`)
    // occurs in the paste with other whitespace: hide each piece too, or the header keeps the second half.
    // Only pieces that look like part of a key: a word ("request") scrubbed everywhere would corrupt the
    // evidence itself (`http_request`), and a piece the fingerprint shows (`sk-ant-api03-`) is public.
    if (!/\s/.test(raw)) return;
    for (const piece of raw.split(/\s+/)) {
      if (isKeyPiece(piece) && !replacement.includes(piece) && !this.#scrub.has(piece))
        this.#scrub.set(piece, replacement);
    }
  }

  /** Whether any value needs scrubbing from free text at all. */
  get scrubs(): boolean {
    return this.#scrub.size > 0;
  }

  /** The raw values to scrub that occur in `text`, or inside what replaces another (a fingerprint may). */
  hiddenValuesIn(text: string): string[] {
    const replacements = [...this.#scrub.values()].join('\u0000');
    return [...this.#scrub.keys()].filter((raw) => text.includes(raw) || replacements.includes(raw));
  }

  /** Replaces every scrubbed raw value in `text`; longest first so a token inside a longer one is not split. */
  scrub(text: string): string {
    if (this.#scrub.size === 0 || text === '') return text;
    let out = text;
    for (const [raw, replacement] of this.#sorted()) {
      // The length test first: most strings are shorter than most values, and it spares a search.
      if (raw.length <= out.length && out.includes(raw)) out = out.split(raw).join(replacement);
    }
    return out;
  }

  #sortedCache: [string, string][] | undefined;
  #sortedSize = -1;
  #sorted(): [string, string][] {
    if (this.#sortedCache === undefined || this.#sortedSize !== this.#scrub.size) {
      this.#sortedCache = [...this.#scrub].sort((a, b) => b[0].length - a[0].length);
      this.#sortedSize = this.#scrub.size;
    }
    return this.#sortedCache;
  }

  /** How many distinct secret values are hidden. */
  get redactions(): number {
    let n = 0;
    for (const c of this.credentials) {
      if (c.secret) n++;
      if (c.basic?.password && c.basic.password !== c.secret) n++;
    }
    return n;
  }
}

type CredentialHead = Omit<Credential, 'display' | 'length'>;

/** Adds what is shown of a credential, last: its fields keep the order its JSON has always had. */
function shown(head: CredentialHead, display: string, length: number): Credential {
  const credential = head as Credential;
  credential.display = display;
  credential.length = length;
  return credential;
}

/** Stripe, Mailgun and others take the API key as the Basic username (`-u sk_test_…:`). */
function looksLikeKeyAsUsername(user: string, password: string | undefined): boolean {
  if (user.includes('@') || /\s/.test(user)) return false;
  return user.length >= 16 || (password === '' && user.length >= 8);
}

/**
 * Whether the value is the reference itself (`$TOKEN`, `config.apiKey`) rather than a literal. A shell word's
 * origin covers the whole word, so the literal password of `-u "$USER:hunter2pass"` has a shell origin too:
 * for shell origins only text that still holds the `$`, `%` or backtick is a reference.
 */
function isReferenceText(text: string, kind: string): boolean {
  if (kind === 'shell_variable' || kind === 'command_substitution') return /[$%`]/.test(text);
  return /[$%{}]|^[A-Za-z_][\w.[\]'"()]*$/.test(text);
}

function safeEncode(raw: string): string {
  try {
    return encodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** Part of a key rather than a word: long enough, with both letters and digits. */
export function isKeyPiece(piece: string): boolean {
  return piece.length >= 8 && /\d/.test(piece) && /[A-Za-z]/.test(piece);
}
