/**
 * What a pack file is checked for beyond ProviderPackSchema. The schema strips keys it does not know, so a
 * typo (`sheme:`, `basepath:`) would silently make the pack mean less; here every unknown key is a problem,
 * with the key it was probably meant to be. The schema also validates each field on its own, so references
 * between fields (an `auth` entry naming a format no one defines) are checked here too.
 */
import { z } from 'zod';
import { CREDENTIAL_FORMATS } from '../intake/credentials/formats.js';
import { PatternSchema, ProviderPackSchema } from './schema.js';

export interface PackIssue {
  path: (string | number)[];
  message: string;
}

type Data = Record<string, unknown>;

const isData = (v: unknown): v is Data => typeof v === 'object' && v !== null && !Array.isArray(v);
const listAt = (data: Data, key: string): unknown[] => {
  const v = data[key];
  return Array.isArray(v) ? v : [];
};
const stringAt = (v: unknown, key: string): string | undefined =>
  isData(v) && typeof v[key] === 'string' ? v[key] : undefined;

/**
 * HTTP header and host names are case-insensitive, and people write `X-Acme-Key`; the schema wants them
 * lowercase, so they are lowered here rather than rejected. Returns a copy; the input is left alone.
 */
export function normalizePack(value: unknown): unknown {
  if (!isData(value)) return value;
  const out: Data = { ...value };
  if (Array.isArray(value.headerNames)) {
    out.headerNames = value.headerNames.map((h) => (typeof h === 'string' ? h.trim().toLowerCase() : h));
  }
  if (Array.isArray(value.hosts)) {
    out.hosts = value.hosts.map((h) =>
      isData(h) && typeof h.host === 'string' ? { ...h, host: h.host.trim().toLowerCase() } : h,
    );
  }
  return out;
}

/** Problems the schema cannot see. Defensive about types: a wrongly typed field is the schema's to report. */
export function checkPack(value: unknown): PackIssue[] {
  const issues: PackIssue[] = [];
  unknownKeys(ProviderPackSchema, value, [], issues);
  if (!isData(value)) return issues;
  checkFormats(value, issues);
  checkUnique(value, 'errors', 'id', issues);
  checkUnique(value, 'hosts', 'host', issues);
  checkEndpointHosts(value, issues);
  return issues;
}

function unknownKeys(schema: z.ZodType, value: unknown, path: (string | number)[], out: PackIssue[]): void {
  const inner = unwrap(schema);
  if (inner instanceof z.ZodObject && isData(value)) {
    const shape = inner.shape as Record<string, z.ZodType>;
    const known = Object.keys(shape);
    for (const [key, child] of Object.entries(value)) {
      const field = shape[key];
      if (field) unknownKeys(field, child, [...path, key], out);
      else out.push({ path: [...path, key], message: unknownKeyMessage(key, known) });
    }
  } else if (inner instanceof z.ZodArray && Array.isArray(value)) {
    value.forEach((item, i) => {
      unknownKeys(inner.element as z.ZodType, item, [...path, i], out);
    });
  }
}

/** Down to the schema that says what the value looks like: past defaults, optionals and transforms. */
function unwrap(schema: z.ZodType): z.ZodType {
  let current: z.ZodType = schema;
  for (let depth = 0; depth < 8; depth++) {
    if (current instanceof z.ZodDefault || current instanceof z.ZodOptional) {
      current = current.unwrap() as z.ZodType;
    } else if (current instanceof z.ZodPipe) {
      current = current.in as z.ZodType;
    } else {
      break;
    }
  }
  return current;
}

function unknownKeyMessage(key: string, known: readonly string[]): string {
  const guess = closest(key, known);
  return guess
    ? `unknown key "${key}" (did you mean "${guess}"?)`
    : `unknown key "${key}"; expected one of: ${known.join(', ')}`;
}

const BUILTIN_FORMAT_IDS: readonly string[] = CREDENTIAL_FORMATS.map((f) => f.id);
const FORMAT_ID = /^[a-z0-9-]+\.[a-z0-9_]+$/;

function checkFormats(pack: Data, out: PackIssue[]): void {
  const packId = typeof pack.id === 'string' ? pack.id : undefined;
  const own: string[] = [];
  listAt(pack, 'credentialFormats').forEach((format, i) => {
    const id = stringAt(format, 'id');
    if (id !== undefined && FORMAT_ID.test(id)) {
      // The pack id as namespace keeps a user format from shadowing a built-in one (`github.classic_pat`).
      if (packId && !id.startsWith(`${packId}.`)) {
        out.push({
          path: ['credentialFormats', i, 'id'],
          message: `"${id}" must start with the pack id, like "${packId}.${id.slice(id.indexOf('.') + 1)}"`,
        });
      }
      if (own.includes(id)) {
        out.push({ path: ['credentialFormats', i, 'id'], message: `"${id}" is defined twice in this pack` });
      }
      own.push(id);
    }
    const pattern = stringAt(format, 'pattern');
    if (pattern !== undefined) {
      const compiled = PatternSchema.safeParse(pattern);
      if (compiled.success && new RegExp(`^(?:${compiled.data.source})$`, 'i').test('')) {
        out.push({
          path: ['credentialFormats', i, 'pattern'],
          message: `pattern ${JSON.stringify(pattern)} matches an empty value; describe the whole key, e.g. "acme_live_[a-z0-9]{32}"`,
        });
      }
    }
  });

  const known = [...own, ...BUILTIN_FORMAT_IDS];
  listAt(pack, 'auth').forEach((method, i) => {
    if (!isData(method)) return;
    listAt(method, 'formats').forEach((id, j) => {
      if (typeof id !== 'string' || known.includes(id)) return;
      const guess = closest(id, known);
      out.push({
        path: ['auth', i, 'formats', j],
        message: `unknown credential format "${id}"${guess ? ` (did you mean "${guess}"?)` : ''}; use an id from this pack's credentialFormats or a built-in format id`,
      });
    });
  });
}

function checkUnique(pack: Data, list: string, key: string, out: PackIssue[]): void {
  const seen = new Map<string, number>();
  listAt(pack, list).forEach((item, i) => {
    const raw = stringAt(item, key);
    if (raw === undefined) return;
    const value = raw.toLowerCase();
    const first = seen.get(value);
    if (first === undefined) seen.set(value, i);
    else out.push({ path: [list, i, key], message: `"${raw}" is already used by ${list}.${first}` });
  });
}

function checkEndpointHosts(pack: Data, out: PackIssue[]): void {
  const hosts = listAt(pack, 'hosts').flatMap((h) => stringAt(h, 'host') ?? []);
  if (hosts.length === 0) return;
  listAt(pack, 'endpoints').forEach((endpoint, i) => {
    const host = stringAt(endpoint, 'host')?.toLowerCase();
    if (host === undefined || hosts.some((h) => hostCovers(h, host))) return;
    const guess = closest(host, hosts);
    out.push({
      path: ['endpoints', i, 'host'],
      message: `"${host}" is not one of this pack's hosts${guess ? ` (did you mean "${guess}"?)` : ''}`,
    });
  });
}

function hostCovers(pattern: string, host: string): boolean {
  return pattern === host || (pattern.startsWith('*.') && host.endsWith(pattern.slice(1)));
}

/**
 * The candidate a typo most likely meant: same letters ignoring case, `_` and `-` (`base_path` for
 * `basePath`), else the nearest by edit distance when it is close enough to be a slip rather than a
 * different word.
 */
export function closest(word: string, candidates: readonly string[]): string | undefined {
  const fold = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const folded = fold(word);
  const same = candidates.find((c) => fold(c) === folded);
  if (same) return same;
  // A word cut short (`expired` for `expired_token`), when only one candidate continues it.
  if (folded.length >= 4) {
    const longer = candidates.filter((c) => fold(c).startsWith(folded));
    if (longer.length === 1) return longer[0];
  }
  const limit = word.length <= 4 ? 1 : word.length <= 12 ? 2 : 3;
  let best: string | undefined;
  let bestDistance = limit + 1;
  for (const candidate of candidates) {
    if (Math.abs(candidate.length - word.length) > limit) continue;
    const d = distance(word.toLowerCase(), candidate.toLowerCase(), limit);
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

/** Levenshtein distance, giving up (returning limit + 1) once every path is over the limit. */
function distance(a: string, b: string, limit: number): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      const value = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      current.push(value);
      if (value < rowMin) rowMin = value;
    }
    if (rowMin > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length]!;
}
