/**
 * Which API was called. Several signals vote, strongest first: the request host, a credential whose format
 * belongs to one provider, a JWT `iss`, a header only one API uses, an error body only one API writes, a
 * provider host named in an error message or the user's words. The answer says which signals agreed.
 */
import { type Facts, HOSTNAME_IN_TEXT, mentionedHosts } from '../diagnose/facts.js';
import type { Evidence } from '../intake/evidence.js';
import type { ProviderKnowledge } from './knowledge.js';
import type { Environment, Host, ProviderPack } from './schema.js';

export type DetectionSignal = 'host' | 'credential' | 'issuer' | 'header' | 'error' | 'mention';

export interface ProviderDetection {
  pack: ProviderPack;
  via: DetectionSignal[];
  /** The host entry of the request, when the host matched. */
  host?: Host;
  /** The environment the request went to, when the host says so. */
  environment?: Environment;
  confidence: number;
}

const WEIGHT: Record<DetectionSignal, number> = {
  host: 1,
  credential: 0.8,
  issuer: 0.7,
  header: 0.6,
  error: 0.5,
  mention: 0.4,
};

/** Error texts are read up to this much: the signature is near the top of any real error. */
const MAX_SCAN = 64 * 1024;

export function detectProvider(
  evidence: Evidence,
  facts: Facts,
  knowledge: ProviderKnowledge,
): ProviderDetection | undefined {
  const votes = new Map<string, { pack: ProviderPack; via: Set<DetectionSignal>; host?: Host }>();
  const vote = (pack: ProviderPack | undefined, signal: DetectionSignal, host?: Host) => {
    if (!pack) return;
    let entry = votes.get(pack.id);
    if (!entry) {
      entry = { pack, via: new Set() };
      votes.set(pack.id, entry);
    }
    entry.via.add(signal);
    if (host && !entry.host) entry.host = host;
  };

  for (const { request } of facts.requests) {
    const match = knowledge.matchHost(request.url?.host);
    if (match) vote(match.pack, 'host', match.host);
    for (const field of request.headers) {
      for (const pack of knowledge.packsForHeader(field.name.toLowerCase())) vote(pack, 'header');
    }
  }
  // Gateways and CDNs sign their answers with headers of their own (`x-amz-apigw-id`, `x-github-request-id`).
  for (const { response } of facts.responses) {
    for (const field of response.headers) {
      for (const pack of knowledge.packsForHeader(field.name.toLowerCase())) vote(pack, 'header');
    }
  }
  for (const credential of evidence.credentials) {
    const format = credential.format ?? credential.lookalike;
    if (format) vote(packForFormat(knowledge, format.id, format.provider), 'credential');
    const iss = credential.jwt?.claims?.iss;
    if (typeof iss === 'string') {
      for (const pack of knowledge.packs)
        if (pack.issuers.some((i) => i.match.test(iss))) vote(pack, 'issuer');
    }
  }
  const signatures = knowledge.signatureIndex();
  for (const answer of facts.answers) {
    const text = answer.text.length > MAX_SCAN ? answer.text.slice(0, MAX_SCAN) : answer.text;
    for (const { pack, signature } of signatures.candidates(text)) {
      if (signature.match.test(text)) vote(pack, 'error');
    }
  }
  // The URL a client error names is the one the client called: as good as a request host.
  for (const error of evidence.clientErrors) {
    if (error.url) voteHostsIn(error.url, knowledge, vote, 'host');
  }
  for (const host of mentionedHosts(facts)) vote(knowledge.matchHost(host)?.pack, 'mention');

  let best: ProviderDetection | undefined;
  for (const { pack, via, host } of votes.values()) {
    const signals = [...via].sort((a, b) => WEIGHT[b] - WEIGHT[a]);
    // Agreeing signals add up, with diminishing returns; one strong signal beats several weak ones.
    const confidence = 1 - signals.reduce((miss, s) => miss * (1 - WEIGHT[s]), 1);
    if (!best || confidence > best.confidence) {
      best = {
        pack,
        via: signals,
        confidence,
        ...(host ? { host, environment: host.environment } : {}),
      };
    }
  }
  // A lone mention in prose is too weak to name a provider.
  if (best && best.via.length === 1 && best.via[0] === 'mention') return undefined;
  return best;
}

function voteHostsIn(
  text: string,
  knowledge: ProviderKnowledge,
  vote: (pack: ProviderPack | undefined, signal: DetectionSignal, host?: Host) => void,
  signal: DetectionSignal = 'mention',
): void {
  if (text.length > 64 * 1024) text = text.slice(0, 64 * 1024);
  for (const m of text.matchAll(HOSTNAME_IN_TEXT)) {
    const match = knowledge.matchHost(m[0]);
    if (match) vote(match.pack, signal, signal === 'host' ? match.host : undefined);
  }
}

/** The pack a credential format belongs to: the one listing the format id, else the one named like its provider. */
export function packForFormat(
  knowledge: ProviderKnowledge,
  formatId: string,
  provider: string,
): ProviderPack | undefined {
  return knowledge.packListingFormat(formatId) ?? knowledge.byId(provider);
}
