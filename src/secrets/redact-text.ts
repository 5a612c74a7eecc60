/**
 * The user's paste with every credential intake found replaced by its fingerprint: what a human reads in an
 * escalation, and all the conversation keeps of the paste. Values are also looked for in the encodings they
 * commonly travel in (URL-encoded, base64), because the text is the paste as typed, not as parsed.
 */
import { isKeyPiece } from '../intake/credentials/registry.js';
import type { Evidence } from '../intake/evidence.js';
import type { Secret } from './secret.js';

/** Shorter values are left alone: they would match ordinary words (and tell nothing on their own). */
const MIN_LENGTH = 4;

export function redactText(text: string, evidence: Evidence): string {
  const swaps = new Map<string, string>();
  const add = (secret: Secret | undefined, display: string) => {
    if (!secret) return;
    const raw = secret.reveal();
    if (raw.length < MIN_LENGTH) return;
    for (const form of encodings(raw)) if (!swaps.has(form)) swaps.set(form, display);
    // Intake collapses inner whitespace (a token wrapped onto two lines); the paste keeps the original.
    if (!/\s/.test(raw)) return;
    for (const piece of raw.split(/\s+/))
      if (isKeyPiece(piece) && !display.includes(piece) && !swaps.has(piece)) swaps.set(piece, display);
  };
  for (const credential of evidence.credentials) {
    add(credential.secret, credential.display);
    if (credential.basic?.password)
      add(
        credential.basic.password,
        credential.basic.passwordDisplay ?? credential.basic.password.fingerprint,
      );
  }
  // Longest first, so a token is replaced whole before any value it contains.
  let out = text;
  for (const [form, display] of [...swaps].sort((a, b) => b[0].length - a[0].length)) {
    if (out.includes(form)) out = out.split(form).join(display);
  }
  return out;
}

function encodings(raw: string): string[] {
  const forms = new Set([raw]);
  const uri = encodeURIComponent(raw);
  forms.add(uri);
  forms.add(Buffer.from(raw, 'utf8').toString('base64'));
  forms.add(
    Buffer.from(raw, 'utf8')
      .toString('base64')
      .replace(/(?<!=)=+$/, ''),
  );
  forms.add(JSON.stringify(raw).slice(1, -1));
  return [...forms].filter((f) => f.length >= MIN_LENGTH);
}
