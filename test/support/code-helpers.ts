/** Shared expectations for the code reader's table tests. */
import { expect } from 'vitest';
import { parseCode } from '../../src/intake/parsers/code/index.js';
import type { Fragment, RawHeader, RawRequest, ValueOrigin } from '../../src/intake/raw.js';
import { noteCodes, segmentOf } from './segments.js';

export interface RequestCase {
  name: string;
  code: string;
  url?: string;
  method?: string;
  methodExplicit?: boolean;
  /** Header name → value as reported (names compared case-insensitively). */
  headers?: Record<string, string>;
  /** Header name → origin. `null` means no origin (a literal). */
  origins?: Record<string, ValueOrigin | null>;
  basic?: { user: string; password?: string };
  /** Header names that must not be present. */
  absent?: string[];
  notes?: string[];
}

export function parse(code: string, startLine = 1): Fragment {
  return parseCode(segmentOf('code', code, startLine));
}

export function requestsOf(code: string): RawRequest[] {
  return (parse(code).exchanges ?? []).map((e) => e.request!).filter(Boolean);
}

export function header(req: RawRequest, name: string): RawHeader | undefined {
  return req.headers.find((h) => h.name.toLowerCase() === name.toLowerCase());
}

/** Asserts the paste builds exactly one request with what the case says. */
export function checkRequest(c: RequestCase): void {
  const fragment = parse(c.code);
  const exchanges = fragment.exchanges ?? [];
  expect(exchanges, 'exactly one request').toHaveLength(1);
  const ex = exchanges[0]!;
  expect(ex.source).toBe('code');
  const req = ex.request!;
  if (c.url !== undefined) expect(req.url).toBe(c.url);
  if (c.method !== undefined) expect(req.method).toBe(c.method);
  if (c.methodExplicit !== undefined) expect(req.methodExplicit).toBe(c.methodExplicit);
  for (const [name, value] of Object.entries(c.headers ?? {})) {
    expect(header(req, name)?.value, `header ${name}`).toBe(value);
  }
  for (const [name, origin] of Object.entries(c.origins ?? {})) {
    expect(header(req, name)?.origin, `origin of ${name}`).toEqual(origin ?? undefined);
  }
  for (const name of c.absent ?? []) expect(header(req, name), `no ${name}`).toBeUndefined();
  if (c.basic) expect(req.basicAuth).toMatchObject(c.basic);
  for (const code of c.notes ?? []) expect(noteCodes(fragment)).toContain(code);
}
