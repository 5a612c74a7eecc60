/** Checks every pack test file runs on its packs: hosts resolve to their own pack and no host has two owners. */
import type { ProviderKnowledge } from '../../src/providers/knowledge.js';
import type { ProviderPack } from '../../src/providers/schema.js';

/** Hosts that do not resolve to their own pack and environment (a wildcard is tried with a tenant label). */
export function misresolvedHosts(packs: readonly ProviderPack[], knowledge: ProviderKnowledge): string[] {
  const wrong: string[] = [];
  for (const pack of packs) {
    for (const host of pack.hosts) {
      const name = host.host.startsWith('*.') ? `example-tenant${host.host.slice(1)}` : host.host;
      const match = knowledge.matchHost(name);
      if (match?.pack.id !== pack.id || match.host.environment !== host.environment)
        wrong.push(
          `${name} → ${match?.pack.id ?? 'nothing'}/${match?.host.environment ?? '-'}, expected ${pack.id}/${host.environment}`,
        );
    }
  }
  return wrong;
}

/** Hosts that two packs both list. */
export function hostClashes(packs: readonly ProviderPack[]): string[] {
  const owner = new Map<string, string>();
  const clashes: string[] = [];
  for (const pack of packs) {
    for (const { host } of pack.hosts) {
      const previous = owner.get(host);
      if (previous && previous !== pack.id) clashes.push(`${host}: ${previous} and ${pack.id}`);
      owner.set(host, pack.id);
    }
  }
  return clashes;
}
