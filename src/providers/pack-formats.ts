/**
 * Names credentials by the formats user packs declare. Intake only knows the built-in format table, so an
 * `acme_live_…` key arrives unnamed; once named, provider detection, environment checks and token-type checks
 * treat it like any built-in key.
 *
 * Runs between intake and diagnosis. Raw values are read here only to test them against the patterns; nothing
 * derived from them but the format's own description is stored.
 */
import type { TextFormat } from '../intake/credentials/text-formats.js';
import type { Credential, CredentialFormat, Evidence } from '../intake/evidence.js';
import type { ProviderKnowledge } from './knowledge.js';

interface CompiledFormat {
  whole: RegExp;
  format: CredentialFormat;
}

/** Longer than any real key or token; testing megabytes of pasted text against every pattern helps no one. */
const MAX_VALUE_LENGTH = 8 * 1024;

const compiled = new WeakMap<ProviderKnowledge, readonly CompiledFormat[]>();

/** Every pack's credential formats, in pack order (user packs first), anchored to match whole values. */
export function packFormats(knowledge: ProviderKnowledge): readonly CompiledFormat[] {
  let formats = compiled.get(knowledge);
  if (!formats) {
    formats = knowledge.packs.flatMap((pack) =>
      pack.credentialFormats.map(
        (f): CompiledFormat => ({
          // A pack's pattern is unanchored source; a format describes the whole value, not a part of it.
          whole: new RegExp(`^(?:${f.pattern.source})$`, f.pattern.flags.replace(/[gy]/g, '')),
          format: {
            id: f.id,
            provider: pack.id,
            name: f.name,
            ...(f.tokenType ? { tokenType: f.tokenType } : {}),
            ...(f.environment ? { environment: f.environment } : {}),
          },
        }),
      ),
    );
    compiled.set(knowledge, formats);
  }
  return formats;
}

const textFormats = new WeakMap<ProviderKnowledge, readonly TextFormat[]>();

/** The pack formats with a literal prefix, for intake to find in free text (it cannot name them). */
export function packTextFormats(knowledge: ProviderKnowledge): readonly TextFormat[] {
  let formats = textFormats.get(knowledge);
  if (!formats) {
    const whole = packFormats(knowledge);
    formats = knowledge.packs
      .flatMap((pack) => pack.credentialFormats)
      .flatMap((f, i) => {
        const compiled = whole[i]?.whole;
        return f.prefix && compiled ? [{ prefix: f.prefix, whole: compiled }] : [];
      });
    textFormats.set(knowledge, formats);
  }
  return formats;
}

/**
 * Sets `format` on credentials intake could not name whose value matches a pack format, on a copy of the
 * evidence (the input is not changed). Returns `evidence` itself when no pack declares formats or nothing
 * matched. A match also clears `lookalike`: a value that is exactly some API's key shape is not a damaged
 * copy of another provider's key that happens to share a prefix.
 */
export function applyPackFormats(evidence: Evidence, knowledge: ProviderKnowledge): Evidence {
  const formats = packFormats(knowledge);
  if (formats.length === 0) return evidence;
  let credentials: Credential[] | undefined;
  evidence.credentials.forEach((credential, i) => {
    if (credential.format) return;
    const format = formatOf(credential, formats);
    if (!format) return;
    credentials ??= [...evidence.credentials];
    const named: Credential = { ...credential, format: { ...format } };
    delete named.lookalike;
    credentials[i] = named;
  });
  return credentials ? { ...evidence, credentials } : evidence;
}

function formatOf(credential: Credential, formats: readonly CompiledFormat[]): CredentialFormat | undefined {
  for (const value of candidates(credential)) {
    if (value.length === 0 || value.length > MAX_VALUE_LENGTH) continue;
    for (const { whole, format } of formats) if (whole.test(value)) return format;
  }
  return undefined;
}

/**
 * The value itself, and for HTTP Basic the parts of it that can be a key: the password, or the username when
 * the password is empty (the "API key as username" style several APIs use).
 */
function candidates(credential: Credential): string[] {
  if (!credential.secret) return [];
  const values = [credential.secret.reveal()];
  const basic = credential.basic;
  if (basic?.password) values.push(basic.password.reveal());
  else if (basic) {
    // Intake shows a key sent as the username only as a fingerprint; the raw pair is in the Basic blob.
    const pair = credential.scheme?.toLowerCase() === 'basic' ? decodedPair(values[0]!) : undefined;
    if (pair !== undefined) values.push(pair.slice(0, Math.max(0, pair.indexOf(':'))) || pair);
    else if (basic.username !== credential.display) values.push(basic.username);
  }
  return values;
}

function decodedPair(blob: string): string | undefined {
  const text = Buffer.from(blob.trim(), 'base64')
    .toString('utf8')
    .replace(/\r?\n$/, '');
  return text.includes(':') ? text : undefined;
}
