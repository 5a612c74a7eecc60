/**
 * The catalogue of messages auth libraries, frameworks, SDKs and gateways produce when they refuse a
 * request, each mapped to a cause with an honest severity (a library that names the reason is an `error`;
 * "Invalid token" alone is a low-confidence `warning`). Entries live in one file per ecosystem; this module
 * validates them once and answers "which entries explain this text".
 */

import { SEVERITY_RANK } from '../../diagnose/taxonomy.js';
import { LiteralIndex } from '../../providers/literal.js';
import { API_LAYER_ERRORS } from './library-errors/api-layers.js';
import { AWS_ERRORS } from './library-errors/aws.js';
import { BROWSER_ERRORS } from './library-errors/browser.js';
import { DOCKER_ERRORS } from './library-errors/docker.js';
import { DOTNET_ERRORS } from './library-errors/dotnet.js';
import { ENTRA_ERRORS } from './library-errors/entra.js';
import { FRONT_END_ERRORS } from './library-errors/front-ends.js';
import { GENERIC_ERRORS } from './library-errors/generic.js';
import { GO_ERRORS } from './library-errors/go.js';
import { JVM_ERRORS } from './library-errors/jvm.js';
import { KERBEROS_ERRORS } from './library-errors/kerberos.js';
import { NODE_ERRORS } from './library-errors/node.js';
import { OAUTH_ERRORS } from './library-errors/oauth.js';
import { PHP_RUBY_ERRORS } from './library-errors/php-ruby.js';
import { PYTHON_ERRORS } from './library-errors/python.js';
import { SERVER_ERRORS } from './library-errors/servers.js';
import { SIGNED_REQUEST_ERRORS } from './library-errors/signed-requests.js';
import { WEBHOOK_ERRORS } from './library-errors/webhooks.js';
import { compileCatalogue, type LibraryError, LibraryErrorSchema } from './schema.js';

export const LIBRARY_ERRORS: readonly LibraryError[] = compileCatalogue(
  LibraryErrorSchema,
  'library-errors',
  [
    ...NODE_ERRORS,
    ...PYTHON_ERRORS,
    ...DOTNET_ERRORS,
    ...JVM_ERRORS,
    ...GO_ERRORS,
    ...PHP_RUBY_ERRORS,
    ...AWS_ERRORS,
    ...OAUTH_ERRORS,
    ...ENTRA_ERRORS,
    ...API_LAYER_ERRORS,
    ...KERBEROS_ERRORS,
    ...SERVER_ERRORS,
    ...SIGNED_REQUEST_ERRORS,
    ...FRONT_END_ERRORS,
    ...WEBHOOK_ERRORS,
    ...DOCKER_ERRORS,
    ...BROWSER_ERRORS,
    ...GENERIC_ERRORS,
  ],
);

const INDEXES = new WeakMap<readonly LibraryError[], LiteralIndex<LibraryError>>();

function indexOf(catalogue: readonly LibraryError[]): LiteralIndex<LibraryError> {
  let index = INDEXES.get(catalogue);
  if (!index) {
    index = new LiteralIndex(catalogue, (entry) => entry.match);
    INDEXES.set(catalogue, index);
  }
  return index;
}

export interface LibraryHit {
  entry: LibraryError;
  index: number;
  length: number;
  /** What the message names (scopes, a claim), from the entry's `detail` group. */
  detail?: string;
}

/**
 * The entries that explain a text. A library's own wording beats a generic phrasing of the same text; of two
 * entries naming the same cause, the longer match (the more specific wording) wins, so one message yields
 * one explanation per cause.
 */
export function classifyText(
  text: string,
  catalogue: readonly LibraryError[] = LIBRARY_ERRORS,
): LibraryHit[] {
  const hits: LibraryHit[] = [];
  for (const entry of indexOf(catalogue).candidates(text)) {
    const m = entry.match.exec(text);
    // An entry whose `unless` the same text matches gives way before choosing one entry per cause.
    if (!m || entry.unless?.test(text)) continue;
    const detail = m.groups?.detail?.trim();
    hits.push({ entry, index: m.index, length: m[0].length, ...(detail ? { detail } : {}) });
  }
  const specific = hits.filter((h) => h.entry.tier === 'specific');
  const pool = specific.length > 0 ? specific : hits;
  const byCause = new Map<string, LibraryHit>();
  for (const hit of pool) {
    const held = byCause.get(hit.entry.cause);
    if (!held || better(hit, held)) byCause.set(hit.entry.cause, hit);
  }
  return [...byCause.values()].sort((a, b) => a.index - b.index);
}

/**
 * Of two specific entries the one that names the reason (an `error`) beats a lead (a log line that only
 * hints at it), then the longer match is the sharper wording; of two generic ones, the surer.
 */
function better(a: LibraryHit, b: LibraryHit): boolean {
  if (a.entry.tier === 'generic' && a.entry.confidence !== b.entry.confidence)
    return a.entry.confidence > b.entry.confidence;
  if (a.entry.severity !== b.entry.severity)
    return SEVERITY_RANK[a.entry.severity] < SEVERITY_RANK[b.entry.severity];
  if (a.length !== b.length) return a.length > b.length;
  return a.entry.confidence > b.entry.confidence;
}
