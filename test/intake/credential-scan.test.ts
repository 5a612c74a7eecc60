import { describe, expect, it } from 'vitest';
import { classifyCredential, scanText } from '../../src/intake/credentials/classify.js';
import { CREDENTIAL_FORMATS } from '../../src/intake/credentials/formats.js';
import {
  ALNUM,
  B64,
  B64URL,
  b64url,
  checksummedToken,
  DIGITS,
  HEX,
  pem,
  random,
  uuid,
} from '../support/credential-fakes.js';

const ghp = checksummedToken('ghp_');
const stripeLive = `sk_live_${random(ALNUM, 24)}`;
const openai = `sk-proj-${random(B64URL, 120)}`;
const slackBot = `xoxb-${random(DIGITS, 11)}-${random(DIGITS, 12)}-${random(ALNUM, 24)}`;
const awsId = `AKIA${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
const jwt = `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'u1', exp: 1 })}.${random(B64URL, 43)}`;
const key = pem('RSA PRIVATE KEY', `${random(B64, 64)}\n${random(B64, 64)}`);

/** The values found, each checked against the offsets it claims. */
function found(text: string): [string, string][] {
  return scanText(text).map((m) => {
    expect(text.slice(m.start, m.end)).toBe(m.value);
    return [m.formatId, m.value];
  });
}

describe('scanText finds credentials in prose and logs', () => {
  it('finds tokens in a mixed paste, in order, without the punctuation around them', () => {
    const text = [
      `I exported GITHUB_TOKEN=${ghp} and ran:`,
      `curl -H "Authorization: Bearer ${stripeLive}" https://api.stripe.com/v1/charges`,
      `export OPENAI_API_KEY='${openai}'`,
      `[2024-05-01T10:00:00Z] slack client init token=${slackBot}, retrying`,
      `aws_access_key_id = ${awsId}`,
      `The JWT was ${jwt}.`,
      `commit ${random(HEX, 40)} (HEAD -> main) request-id ${uuid()}`,
    ].join('\n');
    expect(found(text)).toEqual([
      ['github.classic_pat', ghp],
      ['stripe.secret_key_live', stripeLive],
      ['openai.project_key', openai],
      ['slack.bot_token', slackBot],
      ['aws.access_key_id', awsId],
      ['generic.jwt', jwt],
    ]);
  });

  it('finds tokens inside JSON, query strings and URLs', () => {
    const text = `{"token":"${ghp}"} GET /search?q=x&api_key=${stripeLive}&page=2 (${awsId})`;
    expect(found(text).map(([id]) => id)).toEqual([
      'github.classic_pat',
      'stripe.secret_key_live',
      'aws.access_key_id',
    ]);
  });

  it('finds a Slack webhook URL', () => {
    const url = `https://hooks.slack.com/services/T${random(DIGITS, 9)}/B${random(DIGITS, 9)}/${random(ALNUM, 24)}`;
    expect(found(`POST ${url} -> 404 no_service`)).toEqual([['slack.webhook_url', url]]);
  });

  it('finds a private key block, and a block whose END line was cut off', () => {
    expect(found(`key.pem:\n${key}\n\nthen ssh failed`)).toEqual([['generic.private_key', key]]);
    const cut = key.slice(0, key.indexOf('-----END'));
    expect(found(`${cut}\nnext paragraph`)[0]?.[0]).toBe('generic.private_key');
  });

  it('finds JWTs: signed, unsigned, cut before the signature, and encrypted', () => {
    const [h, p] = jwt.split('.');
    const none = `${b64url({ alg: 'none' })}.${b64url({ sub: 'u' })}.`;
    const jwe = `${b64url({ alg: 'dir', enc: 'A256GCM' })}..${random(B64URL, 16)}.${random(B64URL, 40)}.${random(B64URL, 22)}`;
    expect(found(`Authorization: Bearer ${jwt}`)).toEqual([['generic.jwt', jwt]]);
    expect(found(`token=${none} next`)).toEqual([['generic.jwt', none]]);
    expect(found(`pasted ${h}.${p}. and it failed`)).toEqual([['generic.jwt', `${h}.${p}`]]);
    expect(found(`cookie: ${jwe};`)).toEqual([['generic.jwt', jwe]]);
  });
});

describe('scanText leaves look-alikes alone', () => {
  it.each([
    ['sk- inside a word', `the task-${random(ALNUM, 48)} ran`],
    ['a token run into more characters', `${ghp}${random(ALNUM, 5)}`],
    ['a token glued to a preceding word', `xghp_${random(ALNUM, 36)}`],
    ['commit hashes and UUIDs', `${random(HEX, 40)} ${uuid()} ${random(HEX, 64)}`],
    ['base64 blobs', random(B64, 200)],
    ['a prefix in capitals', `GHP_${random(ALNUM, 36)}`],
    ['eyJ that is not a JWT', `eyJ${random(B64URL, 30)} and eyJhbGciOiJ.abc`],
    ['a BEGIN line that is not a private key', pem('CERTIFICATE', random(B64, 64))],
    ['context-only formats (an AWS secret needs its name)', `secret ${random(B64, 40)} here`],
  ])('%s', (_label, text) => {
    expect(scanText(text)).toEqual([]);
  });

  it('lets the earlier format win when two claim the same text', () => {
    const rotating = `xoxe.xoxb-1-${random(ALNUM, 150)}`;
    expect(found(`token: ${rotating}`)).toEqual([['slack.rotating_bot_token', rotating]]);
  });
});

describe('scanText stays linear on a megabyte', () => {
  const MB = 1_000_000;

  it.each([
    ['ordinary log text with tokens', () => `INFO request ok ${ghp} user=42 ${uuid()}\n`.repeat(MB / 90)],
    ['one long run of token characters', () => 'a'.repeat(MB)],
    ['a repeated Stripe prefix', () => 'sk_live_'.repeat(MB / 8)],
    [
      'a repeated long token prefix without a valid tail',
      () => `sk_live_${'a'.repeat(300)}-`.repeat(MB / 310),
    ],
    ['repeated eyJ', () => 'eyJ.'.repeat(MB / 4)],
    ['repeated BEGIN lines without END', () => '-----BEGIN PRIVATE KEY-----\nabc\n'.repeat(MB / 33)],
    ['repeated dotted base64url', () => `eyJhbGciOiJIUzI1NiJ9.${'A'.repeat(50)}.`.repeat(MB / 72)],
    ['one long run of A (the X bearer prefix)', () => 'A'.repeat(MB)],
    [
      'every format prefix followed by an almost-valid tail',
      () => {
        const unit = CREDENTIAL_FORMATS.flatMap((f) =>
          f.visiblePrefix ? [`${f.visiblePrefix}${'a1'.repeat(160)}-`] : [],
        );
        const block = unit.join(' ');
        return block.repeat(Math.ceil(MB / block.length));
      },
    ],
  ])('%s', (_label, build) => {
    const text = build();
    const started = performance.now();
    scanText(text);
    expect(performance.now() - started).toBeLessThan(3000);
  });
});

describe('classifyCredential on huge values', () => {
  it.each([
    ['a megabyte of token characters', 'a'.repeat(1_000_000)],
    ['a megabyte that starts like a JWT', `eyJ${'a'.repeat(1_000_000)}`],
    ['a megabyte that starts like a Stripe key', `sk_live_${'a'.repeat(1_000_000)}`],
  ])('%s', (_label, value) => {
    const started = performance.now();
    expect(classifyCredential(value).format).toBeUndefined();
    expect(performance.now() - started).toBeLessThan(1000);
  });
});
