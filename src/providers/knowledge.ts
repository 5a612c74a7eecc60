/**
 * The provider packs in force (built-in plus user packs), indexed for the questions rules ask: which API
 * does this host belong to, in which environment, and which pack owns a credential format.
 */
import { AuthdoctorError, ErrorCodes } from '../errors.js';
import { LiteralIndex } from './literal.js';
import { BUILTIN_PACKS } from './packs/index.js';
import {
  type ErrorSignature,
  type Host,
  type ProviderPack,
  type ProviderPackInput,
  ProviderPackSchema,
} from './schema.js';

export interface SignatureEntry {
  pack: ProviderPack;
  signature: ErrorSignature;
}

export interface HostMatch {
  pack: ProviderPack;
  host: Host;
}

export class ProviderKnowledge {
  readonly packs: readonly ProviderPack[];
  readonly #byId = new Map<string, ProviderPack>();
  readonly #exact = new Map<string, HostMatch>();
  /** Wildcard suffixes (`.googleapis.com`), longest first so the most specific wins. */
  readonly #wildcards: { suffix: string; match: HostMatch }[] = [];

  constructor(packs: readonly ProviderPack[]) {
    this.packs = packs;
    for (const pack of packs) {
      this.#byId.set(pack.id, pack);
      for (const host of pack.hosts) {
        const match = { pack, host };
        if (host.host.startsWith('*.')) this.#wildcards.push({ suffix: host.host.slice(1), match });
        else if (!this.#exact.has(host.host)) this.#exact.set(host.host, match);
      }
    }
    this.#wildcards.sort((a, b) => b.suffix.length - a.suffix.length);
  }

  #signatures: LiteralIndex<SignatureEntry> | undefined;
  #byHeader: Map<string, ProviderPack[]> | undefined;
  #byFormat: Map<string, ProviderPack> | undefined;

  /** Packs that name this header (lowercase) as theirs alone. */
  packsForHeader(name: string): readonly ProviderPack[] {
    if (!this.#byHeader) {
      this.#byHeader = new Map();
      for (const pack of this.packs)
        for (const header of pack.headerNames)
          this.#byHeader.set(header, [...(this.#byHeader.get(header) ?? []), pack]);
    }
    return this.#byHeader.get(name) ?? [];
  }

  /** The first pack that lists a credential format id in its auth methods or its own formats. */
  packListingFormat(formatId: string): ProviderPack | undefined {
    if (!this.#byFormat) {
      this.#byFormat = new Map();
      for (const pack of this.packs) {
        const ids = [...pack.auth.flatMap((a) => a.formats), ...pack.credentialFormats.map((f) => f.id)];
        for (const id of ids) if (!this.#byFormat.has(id)) this.#byFormat.set(id, pack);
      }
    }
    return this.#byFormat.get(formatId);
  }

  /** Every pack's error signatures, indexed so one pass over a text finds the few that may match. */
  signatureIndex(): LiteralIndex<SignatureEntry> {
    this.#signatures ??= new LiteralIndex(
      this.packs.flatMap((pack) => pack.errors.map((signature) => ({ pack, signature }))),
      (entry) => entry.signature.match,
    );
    return this.#signatures;
  }

  byId(id: string): ProviderPack | undefined {
    return this.#byId.get(id);
  }

  /** The pack and host entry for a request host (case-insensitive, trailing dot ignored). */
  readonly #hostAnswers = new Map<string, HostMatch | null>();

  matchHost(hostname: string | undefined): HostMatch | undefined {
    if (!hostname) return undefined;
    const known = this.#hostAnswers.get(hostname);
    if (known !== undefined) return known ?? undefined;
    const found = this.#matchHost(hostname);
    if (this.#hostAnswers.size >= 4096) this.#hostAnswers.clear();
    this.#hostAnswers.set(hostname, found ?? null);
    return found;
  }

  #matchHost(hostname: string): HostMatch | undefined {
    const host = hostname.toLowerCase().replace(/\.$/, '');
    const exact = this.#exact.get(host);
    if (exact) return exact;
    for (const { suffix, match } of this.#wildcards) if (host.endsWith(suffix)) return match;
    return undefined;
  }

  /** Every exact host any pack names, for typo checks. */
  knownHosts(): IterableIterator<[string, HostMatch]> {
    return this.#exact.entries();
  }
}

export interface PackProblem {
  origin: string;
  /** Data path inside the pack (`errors.0.match`), empty for the pack as a whole. */
  path: (string | number)[];
  message: string;
}

/** Validates packs and reports every problem in every pack, each with its pack and path. */
export function checkPacks(inputs: readonly { origin: string; pack: unknown }[]): {
  packs: ProviderPack[];
  problems: PackProblem[];
} {
  const packs: ProviderPack[] = [];
  const problems: PackProblem[] = [];
  const seen = new Map<string, string>();
  for (const { origin, pack } of inputs) {
    const result = ProviderPackSchema.safeParse(pack);
    if (!result.success) {
      for (const issue of result.error.issues) {
        problems.push({
          origin,
          path: issue.path.map((k) => (typeof k === 'number' ? k : String(k))),
          message: issue.message,
        });
      }
      continue;
    }
    const previous = seen.get(result.data.id);
    if (previous) {
      problems.push({
        origin,
        path: ['id'],
        message: `"${result.data.id}" is already defined by ${previous}`,
      });
      continue;
    }
    seen.set(result.data.id, origin);
    packs.push(result.data);
  }
  return { packs, problems };
}

/** Validates packs; throws one error listing every problem. */
export function compilePacks(inputs: readonly { origin: string; pack: unknown }[]): ProviderPack[] {
  const { packs, problems } = checkPacks(inputs);
  if (problems.length > 0) {
    const lines = problems.map(
      (p) => `  ${p.origin}: ${p.path.length ? p.path.join('.') : '(pack)'}: ${p.message}`,
    );
    throw new AuthdoctorError(
      ErrorCodes.CONFIG_INVALID,
      `Invalid provider pack${problems.length === 1 ? '' : 's'} (${problems.length} ${problems.length === 1 ? 'problem' : 'problems'}):\n${lines.join('\n')}`,
      { hint: 'Fix the pack files named above (docs/packs.md describes the format) and start again.' },
    );
  }
  return packs;
}

let builtin: ProviderKnowledge | undefined;

/** The built-in packs, compiled once. */
export function builtinKnowledge(): ProviderKnowledge {
  builtin ??= new ProviderKnowledge(
    compilePacks(BUILTIN_PACKS.map((pack: ProviderPackInput) => ({ origin: `builtin:${pack.id}`, pack }))),
  );
  return builtin;
}

/**
 * Built-in packs plus user packs; a user pack with the id of a built-in one replaces it (a team that runs
 * GitHub Enterprise knows its hosts better than we do).
 */
export function knowledgeWith(userPacks: readonly ProviderPack[]): ProviderKnowledge {
  if (userPacks.length === 0) return builtinKnowledge();
  const replaced = new Set(userPacks.map((p) => p.id));
  return new ProviderKnowledge([
    ...userPacks,
    ...builtinKnowledge().packs.filter((p) => !replaced.has(p.id)),
  ]);
}
