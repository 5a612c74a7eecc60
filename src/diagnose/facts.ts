/**
 * Views over Evidence that many rules need, computed once per diagnosis: the requests and responses with
 * their evidence pointers, which credentials each request carried, the statuses seen, and every piece of
 * text a server or client produced (for signature matching) apart from what the user wrote.
 */
import type {
  Challenge,
  Credential,
  Evidence,
  Exchange,
  Field,
  Occurrence,
  Request,
  Response,
} from '../intake/evidence.js';

/** Pointers into exchange 0 are written without the `exchanges[0].` prefix (`request.headers.authorization`). */
export function exchangePrefix(index: number): string {
  return index === 0 ? '' : `exchanges[${index}].`;
}

export function shortenPointer(pointer: string): string {
  return pointer.startsWith('exchanges[0].') ? pointer.slice('exchanges[0].'.length) : pointer;
}

export interface RequestView {
  index: number;
  exchange: Exchange;
  request: Request;
  /** `request` or `exchanges[2].request`. */
  pointer: string;
  /** Credentials this request carried (header, query, cookie, userinfo, -u, body). */
  credentials: Credential[];
}

export interface ResponseView {
  index: number;
  exchange: Exchange;
  response: Response;
  pointer: string;
}

export type TextKind = 'error_body' | 'client_error' | 'response_body' | 'challenge' | 'prose';

export interface TextView {
  kind: TextKind;
  text: string;
  pointer: string;
  status?: number;
  line?: number;
}

/** Occurrence locations where a credential leaves the client as part of a request. */
const SENT: ReadonlySet<string> = new Set([
  'authorization',
  'header',
  'query',
  'cookie',
  'userinfo',
  'basic_flag',
  'bearer_flag',
  'body',
]);

export interface Facts {
  requests: RequestView[];
  responses: ResponseView[];
  /** Distinct HTTP statuses from responses, error bodies and client errors. */
  statuses: Set<number>;
  /** A 401 (or "Unauthorized") is in the paste somewhere. */
  saw401: boolean;
  /** Credentials that went out in some request, as opposed to ones only mentioned in text, code or env. */
  sentCredentials: Credential[];
  /** What servers and clients said: error bodies, client errors, response bodies, challenges. */
  answers: TextView[];
  /** What the user wrote around the paste. */
  prose: TextView[];
  /** All challenges, with pointers. */
  challenges: { challenge: Challenge; pointer: string }[];
  credentialById: Map<string, Credential>;
}

export function header(fields: readonly Field[], name: string): Field | undefined {
  const lower = name.toLowerCase();
  return fields.find((f) => f.name.toLowerCase() === lower);
}

export function headers(fields: readonly Field[], name: string): Field[] {
  const lower = name.toLowerCase();
  return fields.filter((f) => f.name.toLowerCase() === lower);
}

/**
 * An occurrence in a request. A value in a response (an error body quoting `Authorization: Bearer YOUR_KEY`
 * as help text) was never sent by the user.
 */
export function wentOut(w: Occurrence): boolean {
  return SENT.has(w.location) && !w.pointer.includes('.response.');
}

export function computeFacts(evidence: Evidence): Facts {
  const credentialById = new Map(evidence.credentials.map((c) => [c.id, c]));
  const requests: RequestView[] = [];
  const responses: ResponseView[] = [];
  const statuses = new Set<number>();
  const answers: TextView[] = [];
  const challenges: { challenge: Challenge; pointer: string }[] = [];

  evidence.exchanges.forEach((exchange, index) => {
    const prefix = exchangePrefix(index);
    if (exchange.request) {
      const credentials = evidence.credentials.filter((c) =>
        c.where.some((w) => w.exchange === exchange.id && wentOut(w)),
      );
      requests.push({ index, exchange, request: exchange.request, pointer: `${prefix}request`, credentials });
    }
    const response = exchange.response;
    if (response) {
      const pointer = `${prefix}response`;
      responses.push({ index, exchange, response, pointer });
      statuses.add(response.status);
      if (response.error) {
        answers.push({
          kind: 'error_body',
          text: errorText(response.error),
          pointer: `${pointer}.body`,
          status: response.status,
        });
      } else if (response.body?.text) {
        answers.push({
          kind: 'response_body',
          text: response.body.text,
          pointer: `${pointer}.body`,
          status: response.status,
        });
      }
      response.challenges.forEach((challenge) => {
        challenges.push({ challenge, pointer: `${pointer}.headers.www-authenticate` });
      });
      for (const field of headers(response.headers, 'www-authenticate')) {
        answers.push({
          kind: 'challenge',
          text: field.value,
          pointer: `${pointer}.headers.www-authenticate`,
          status: response.status,
        });
      }
    }
  });

  evidence.errorBodies.forEach((body, i) => {
    if (body.status !== undefined) statuses.add(body.status);
    answers.push({
      kind: 'error_body',
      text: errorText(body),
      pointer: `errorBodies[${i}]`,
      ...optional('status', body.status),
      ...optional('line', body.line),
    });
  });
  evidence.clientErrors.forEach((error, i) => {
    if (error.status !== undefined) statuses.add(error.status);
    answers.push({
      kind: 'client_error',
      text: error.message,
      pointer: `clientErrors[${i}]`,
      ...optional('status', error.status),
      ...optional('line', error.line),
    });
  });
  evidence.challenges.forEach((challenge, i) => {
    challenges.push({ challenge, pointer: `challenges[${i}]` });
  });
  const prose = evidence.prose.map(
    (p, i): TextView => ({ kind: 'prose', text: p.text, pointer: `prose[${i}]`, line: p.line }),
  );

  const saw401 =
    statuses.has(401) || [...answers, ...prose].some((t) => /\b401\b|unauthori[sz]ed/i.test(t.text));

  const sentCredentials = evidence.credentials.filter((c) => c.where.some(wentOut));
  return {
    requests,
    responses,
    statuses,
    saw401,
    sentCredentials,
    answers,
    prose,
    challenges,
    credentialById,
  };
}

/** Every field of an error body as one searchable string (message, description, code and the raw text). */
function errorText(body: {
  error?: string | undefined;
  errorDescription?: string | undefined;
  message?: string | undefined;
  code?: string | number | undefined;
  type?: string | undefined;
  text: string;
}): string {
  const parts = [
    body.error,
    body.errorDescription,
    body.message,
    body.code === undefined ? undefined : String(body.code),
    body.type,
    body.text,
  ];
  return parts.filter((p): p is string => typeof p === 'string' && p !== '').join('\n');
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}

/** Hostnames in free text (URLs or bare `api.example.com`). */
export const HOSTNAME_IN_TEXT = /\b(?:[a-z0-9-]{1,63}\.){1,8}[a-z]{2,24}\b/gi;
const HOST_SCAN_LIMIT = 64 * 1024;
const MENTIONED = new WeakMap<Facts, string[]>();

/**
 * Hostnames named anywhere in what servers said or the user wrote (URLs or bare `api.example.com`),
 * lowercased and unique, in order of appearance. Found once per paste: detection and several rules ask.
 */
export function mentionedHosts(facts: Facts): readonly string[] {
  let hosts = MENTIONED.get(facts);
  if (!hosts) {
    const seen = new Set<string>();
    for (const view of [...facts.answers, ...facts.prose]) {
      const text = view.text.length > HOST_SCAN_LIMIT ? view.text.slice(0, HOST_SCAN_LIMIT) : view.text;
      for (const m of text.matchAll(HOSTNAME_IN_TEXT)) seen.add(m[0].toLowerCase());
    }
    hosts = [...seen];
    MENTIONED.set(facts, hosts);
  }
  return hosts;
}
