/**
 * Secrets never leak from a conversation: credentials of many formats, pasted in many shapes in a shared
 * channel, walked through and escalated; then every place the engine writes — replies, stored state in
 * Redis (keys and values), queue payloads, escalation packets, outcomes, log lines — is scanned for the raw
 * values and their usual encodings.
 */
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { prepareMessage } from '../../src/conversation/prepare.js';
import { createDiagnoser } from '../../src/diagnose/service.js';
import { createLogger } from '../../src/log.js';
import { RedisSessionStore } from '../../src/store/redis.js';
import { ALNUM, checksummedToken, DIGITS, HEX, random } from '../support/credential-fakes.js';
import { harness, message, summaries } from '../support/engine-harness.js';
import { fakeJwt } from '../support/jwt-fakes.js';

const jwt = fakeJwt({ iss: 'https://auth.example.com/', sub: 'u1', aud: 'api', exp: 1_768_478_400 });
const SECRETS = {
  github: checksummedToken('ghp_'),
  stripe: `sk_live_${random(ALNUM, 99)}`,
  slack: `xoxb-${random(DIGITS, 12)}-${random(DIGITS, 13)}-${random(ALNUM, 24)}`,
  openai: `sk-proj-${random(ALNUM, 48)}`,
  jwtSignature: jwt.split('.')[2]!,
  password: `Pw-${random(ALNUM, 18)}`,
  cookie: random(HEX, 48),
  queryKey: random(ALNUM, 39),
  aws: random(ALNUM, 40),
};

const PASTES = [
  `curl -H "Authorization: token ${SECRETS.github}" https://api.github.com/user\nHTTP/2 401\n\n{"message":"Bad credentials"}`,
  `curl https://api.stripe.com/v1/charges -u ${SECRETS.stripe}:\n{"error":{"type":"invalid_request_error","message":"Invalid API Key provided"}}`,
  `curl -X POST https://slack.com/api/chat.postMessage -H "Authorization: Bearer ${SECRETS.slack}"\n{"ok":false,"error":"invalid_auth"}`,
  `OPENAI_API_KEY=${SECRETS.openai}\ncurl https://api.openai.com/v1/models -H "Authorization: Bearer $OPENAI_API_KEY"\n401 Incorrect API key provided`,
  `curl -v -H "Authorization: Bearer ${jwt}" https://api.example.com/v1/orders\n< HTTP/1.1 401 Unauthorized\n< WWW-Authenticate: Bearer error="invalid_token"`,
  `curl -u admin:${SECRETS.password} https://jenkins.example.com/api/json\nHTTP/1.1 401 Unauthorized`,
  `curl -b "session=${SECRETS.cookie}" https://app.example.com/api/me\nHTTP/1.1 401 Unauthorized`,
  `curl "https://maps.googleapis.com/maps/api/geocode/json?address=x&key=AIza${SECRETS.queryKey.slice(0, 35)}"\n{"error_message":"The provided API key is invalid.","status":"REQUEST_DENIED"}`,
  `export AWS_ACCESS_KEY_ID=AKIA${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}\nexport AWS_SECRET_ACCESS_KEY=${SECRETS.aws}\naws s3 ls\nAn error occurred (InvalidAccessKeyId)`,
];

/** A value and the encodings it travels in. */
function forms(raw: string): string[] {
  return [raw, encodeURIComponent(raw), Buffer.from(raw).toString('base64').replace(/=+$/, '')];
}

const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true });
const prefix = `authdoctor-test:secrets:${process.pid}:${Date.now()}:`;

afterAll(async () => {
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length > 0) await redis.del(...keys);
  redis.disconnect();
});

describe('secrets never leak from a conversation', () => {
  it('not in replies, Redis, queue payloads, escalations, outcomes or logs', async () => {
    const logs: string[] = [];
    const store = new RedisSessionStore('redis://127.0.0.1:6379', { keyPrefix: prefix, ttlMs: 60_000 });
    const h = harness({ store, log: createLogger('trace', (line) => logs.push(line)) });
    let n = 0;
    for (const paste of PASTES) {
      await h.engine.accept(message(`P${++n}`, paste, { shared: true }));
      h.clock.now += 10_000;
      for (const typed of ['walk', 'how', 'still 401']) await h.engine.accept(message(`P${++n}`, typed));
      h.clock.now += 10_000;
    }
    await h.engine.accept(message(`P${++n}`, 'human'));
    await h.engine.accept(message(`P${++n}`, 'resume'));
    await h.engine.accept(message(`P${++n}`, 'fixed'));
    await h.engine.drain();

    // The conversation really happened: warnings, diagnoses, an escalation and an outcome.
    expect(summaries(h).filter((s) => /rotate it/.test(s)).length).toBeGreaterThanOrEqual(5);
    expect(h.packets).toHaveLength(1);
    expect(h.outcomes).toHaveLength(1);

    await redis.connect();
    const stored: string[] = [];
    for (const key of await redis.keys(`${prefix}*`)) {
      stored.push(key);
      const type = await redis.type(key);
      if (type === 'string') stored.push((await redis.get(key)) ?? '');
      if (type === 'set') stored.push(...(await redis.smembers(key)));
    }
    expect(stored.length).toBeGreaterThan(1);

    const places: Record<string, string> = {
      replies: JSON.stringify(h.sent),
      redis: stored.join('\n'),
      queue: JSON.stringify(h.queued),
      escalations: JSON.stringify(h.packets),
      outcomes: JSON.stringify(h.outcomes),
      logs: logs.join('\n'),
    };
    const leaks: string[] = [];
    for (const [place, text] of Object.entries(places))
      for (const [name, raw] of Object.entries(SECRETS))
        for (const form of forms(raw)) if (text.includes(form)) leaks.push(`${name} in ${place}`);
    expect(leaks).toEqual([]);
    // The escalation still lets a human see what was pasted, fingerprinted.
    expect(JSON.stringify(h.packets)).toMatch(/JWT …|AIza…/);
  });

  it('nothing beyond the part of a paste that intake read (and scanned) is kept', async () => {
    const small = createDiagnoser(loadConfig({ AUTHDOCTOR_MAX_INPUT_BYTES: '1024' }));
    const token = checksummedToken('ghp_');
    const text = `curl https://api.github.com/user\nHTTP/2 401\n${'# filler line\n'.repeat(100)}Authorization: token ${token}\n`;
    const prepared = await prepareMessage(small, { text, at: Date.now() });
    expect(prepared.paste).toBeDefined();
    expect(JSON.stringify(prepared)).not.toContain(token);
    expect(JSON.stringify(prepared)).not.toContain(token.slice(4, 20));
  });
});
