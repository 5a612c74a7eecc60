import { inspect } from 'node:util';

/**
 * A credential found in user input. Every printable form is a fingerprint, so a Secret can travel through
 * logs, JSON and replies without leaking; code that truly needs the raw value must call `reveal()`.
 */
export class Secret {
  readonly #raw: string;
  readonly fingerprint: string;
  readonly length: number;

  constructor(raw: string, options: { visiblePrefix?: string; label?: string } = {}) {
    this.#raw = raw;
    this.length = raw.length;
    this.fingerprint = fingerprint(raw, options);
  }

  /** The raw value. Only rules that must inspect the credential itself may call this. */
  reveal(): string {
    return this.#raw;
  }

  /** Constant-time-ish equality without exposing either value. */
  equals(other: Secret): boolean {
    return other.#raw === this.#raw;
  }

  toString(): string {
    return this.fingerprint;
  }

  toJSON(): string {
    return this.fingerprint;
  }

  [inspect.custom](): string {
    return `Secret(${this.fingerprint})`;
  }
}

export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}

/**
 * `ghp_…9f3a (40 chars)`. The tail is shown only when the value is long enough that four characters
 * tell nothing useful to an attacker; the prefix only when it is a public, format-defined prefix.
 */
export function fingerprint(raw: string, options: { visiblePrefix?: string; label?: string } = {}): string {
  const prefix = options.visiblePrefix && raw.startsWith(options.visiblePrefix) ? options.visiblePrefix : '';
  const tail = raw.length >= 16 ? raw.slice(-4) : '';
  const label = options.label ? `${options.label} ` : '';
  return `${label}${prefix}…${tail} (${raw.length} chars)`;
}
