/**
 * What to tell someone whose credential has leaked (pasted into a shared channel): where to revoke it and
 * how to replace it. A provider pack that knows its rotation page gives exact steps; otherwise the steps
 * are the ones that hold for any API.
 */
import type { ProviderKnowledge } from '../providers/knowledge.js';
import type { ProviderPack } from '../providers/schema.js';

export interface RotationAdvice {
  /** The provider's display name, when known. */
  provider?: string;
  /** Where the credential is revoked and re-issued, when known. */
  url?: string;
  steps: string[];
}

export interface RotationHint {
  /** The pack id of the API the paste was about. */
  providerId?: string | null;
  /** The provider named by the credential's format (`github` for `github.classic_pat`). */
  formatProvider?: string;
}

/**
 * Format-table provider names that differ from pack ids. `generic` formats (JWTs, private keys) say
 * nothing about who issued them.
 */
const ALIASES: Readonly<Record<string, string>> = {
  google: 'google-cloud',
  linear: 'linear-app',
  'hashicorp-vault': 'vault',
};
const NO_PROVIDER = new Set(['generic', '']);

export function rotationAdvice(knowledge: ProviderKnowledge, hint: RotationHint): RotationAdvice {
  // The credential's own format says best where it was issued; the API the paste was about comes next.
  const packs = [hint.formatProvider, hint.providerId].flatMap((id) => {
    const pack = packFor(knowledge, id);
    return pack ? [pack] : [];
  });
  const rotating = packs.find((p) => p.rotate);
  if (rotating?.rotate) {
    return { provider: rotating.name, url: rotating.rotate.url, steps: [...rotating.rotate.steps] };
  }
  const known = packs[0];
  return known ? { provider: known.name, steps: genericSteps(known.name) } : { steps: genericSteps() };
}

function packFor(knowledge: ProviderKnowledge, id: string | null | undefined): ProviderPack | undefined {
  if (typeof id !== 'string') return undefined;
  const key = id.trim().toLowerCase();
  if (NO_PROVIDER.has(key)) return undefined;
  return knowledge.byId(key) ?? (ALIASES[key] ? knowledge.byId(ALIASES[key]) : undefined);
}

function genericSteps(provider?: string): string[] {
  const where = provider
    ? `in ${provider}'s dashboard, console or admin settings`
    : "in the provider's dashboard, console or admin settings";
  const whose = provider ? `${provider}'s` : "the provider's";
  return [
    `Revoke the credential where it was issued (${where}), so the leaked value stops working.`,
    'Create a new credential with only the permissions it needs.',
    'Update it wherever it is stored (environment variables, `.env` files, CI secrets, secret managers) and restart what reads it.',
    `Check ${whose} audit or access log for use of the old credential.`,
  ];
}
