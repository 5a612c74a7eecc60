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

  #create(raw: string, occurrence: Occurrence, hints: RegisterHints): Credential {
    const id = `c${this.credentials.length + 1}`;
    const problems = [...(hints.problems ?? [])];
    const base = {
      id,
      where: [occurrence],
      problems,
      ...(hints.scheme === undefined ? {} : { scheme: hints.scheme }),
      ...(hints.origin === undefined || hints.origin.kind === 'literal' ? {} : { origin: hints.origin }),
    };
    if (raw === '') {
      if (!problems.includes('empty')) problems.push('empty');
      return { ...base, display: '(empty)', length: 0 };
    }
    if (hints.origin && REFERENCE_ORIGINS.has(hints.origin.kind) && isReferenceText(raw)) {
      return { ...base, display: raw, length: raw.length };
    }
    const found = classifyCredential(raw, {
      location: occurrence.location,
      ...(occurrence.name === undefined ? {} : { name: occurrence.name }),
      ...(hints.scheme === undefined ? {} : { scheme: hints.scheme }),
    });
    const facts = {
      ...(found.format ? { format: found.format } : {}),
      ...(found.lookalike ? { lookalike: found.lookalike } : {}),
      ...(found.jwt ? { jwt: found.jwt } : {}),
    };
    if (found.placeholder) {
      return { ...base, ...facts, display: raw, length: raw.length, placeholder: found.placeholder };
    }
    const secret = new Secret(raw, {
      ...(found.visiblePrefix ? { visiblePrefix: found.visiblePrefix } : {}),
      ...(found.jwt ? { label: 'JWT' } : {}),
    });
    this.#addScrub(raw, secret.fingerprint);
    const credential: Credential = {
      ...base,
      ...facts,
      secret,
      display: secret.fingerprint,
      length: raw.length,
    };
    if (hints.scheme?.toLowerCase() === 'basic') credential.basic = this.#basic(raw);
    return credential;
  }

  /** `Authorization: Basic <base64>`: decode, and hide the password on its own too (it may be pasted raw). */
  #basic(blob: string): NonNullable<Credential['basic']> {
    const decoded = decodeBasic(blob);
    const out: NonNullable<Credential['basic']> = { username: decoded.username, hasColon: decoded.hasColon };
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
  }

  /** Whether any value needs scrubbing from free text at all. */
  get scrubs(): boolean {
    return this.#scrub.size > 0;
  }

  /** Replaces every scrubbed raw value in `text`; longest first so a token inside a longer one is not split. */
  scrub(text: string): string {
    if (this.#scrub.size === 0 || text === '') return text;
    let out = text;
    for (const [raw, replacement] of this.#sorted()) {
      if (out.includes(raw)) out = out.split(raw).join(replacement);
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

/** Stripe, Mailgun and others take the API key as the Basic username (`-u sk_test_…:`). */
function looksLikeKeyAsUsername(user: string, password: string | undefined): boolean {
  if (user.includes('@') || /\s/.test(user)) return false;
  return user.length >= 16 || (password === '' && user.length >= 8);
}

function isReferenceText(text: string): boolean {
  return /[$%{}]|^[A-Za-z_][\w.[\]'"()]*$/.test(text);
}

function safeEncode(raw: string): string {
  try {
    return encodeURIComponent(raw);
  } catch {
    return raw;
  }
}
