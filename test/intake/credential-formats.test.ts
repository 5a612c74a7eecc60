import { describe, expect, it } from 'vitest';
import { type CredentialHint, classifyCredential } from '../../src/intake/credentials/classify.js';
import { CREDENTIAL_FORMATS, FormatEntrySchema } from '../../src/intake/credentials/formats.js';
import {
  ALNUM,
  B64,
  B64URL,
  b64url,
  checksummedToken,
  DIGITS,
  HEX,
  LETTERS,
  pem,
  random,
  UPPER,
  uuid,
} from '../support/credential-fakes.js';

interface Example {
  value: string;
  hint?: CredentialHint;
}

const upperAlnum = UPPER + DIGITS;
const lowerAlnum = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** One fake per format id. Every format in the table must have one (checked below). */
const EXAMPLES: Record<string, Example> = {
  'github.classic_pat': { value: checksummedToken('ghp_') },
  'github.oauth_token': { value: checksummedToken('gho_') },
  'github.user_token': { value: checksummedToken('ghu_') },
  'github.installation_token': { value: checksummedToken('ghs_') },
  'github.refresh_token': { value: checksummedToken('ghr_') },
  'github.fine_grained_pat': { value: `github_pat_${random(ALNUM, 22)}_${random(ALNUM, 59)}` },
  'github.legacy_token': { value: random(HEX, 40), hint: { name: 'GITHUB_TOKEN' } },
  'gitlab.pat': { value: `glpat-${random(ALNUM, 20)}` },
  'gitlab.deploy_token': { value: `gldt-${random(ALNUM, 20)}` },
  'gitlab.pipeline_trigger_token': { value: `glptt-${random(HEX, 40)}` },
  'gitlab.runner_token': { value: `glrt-${random(ALNUM, 20)}` },
  'gitlab.ci_job_token': { value: `glcbt-${random(ALNUM, 3)}_${random(ALNUM, 20)}` },
  'gitlab.feed_token': { value: `glft-${random(ALNUM, 20)}` },
  'gitlab.oauth_app_secret': { value: `gloas-${random(ALNUM, 64)}` },
  'gitlab.scim_token': { value: `glsoat-${random(ALNUM, 20)}` },
  'gitlab.agent_token': { value: `glagent-${random(ALNUM, 50)}` },
  'stripe.secret_key_live': { value: `sk_live_${random(ALNUM, 99)}` },
  'stripe.secret_key_test': { value: `sk_test_${random(ALNUM, 24)}` },
  'stripe.restricted_key_live': { value: `rk_live_${random(ALNUM, 99)}` },
  'stripe.restricted_key_test': { value: `rk_test_${random(ALNUM, 99)}` },
  'stripe.publishable_key_live': { value: `pk_live_${random(ALNUM, 99)}` },
  'stripe.publishable_key_test': { value: `pk_test_${random(ALNUM, 24)}` },
  'stripe.webhook_secret': { value: `whsec_${random(ALNUM, 32)}` },
  'slack.bot_token': { value: `xoxb-${random(DIGITS, 12)}-${random(DIGITS, 13)}-${random(ALNUM, 24)}` },
  'slack.user_token': {
    value: `xoxp-${random(DIGITS, 12)}-${random(DIGITS, 12)}-${random(DIGITS, 13)}-${random(HEX, 32)}`,
  },
  'slack.app_token': {
    value: `xapp-1-${random(upperAlnum, 11)}-${random(DIGITS, 13)}-${random(lowerAlnum, 64)}`,
  },
  'slack.rotating_bot_token': { value: `xoxe.xoxb-1-${random(ALNUM, 150)}` },
  'slack.rotating_user_token': { value: `xoxe.xoxp-1-${random(ALNUM, 164)}` },
  'slack.refresh_token': { value: `xoxe-1-${random(ALNUM, 146)}` },
  'slack.workspace_access_token': { value: `xoxa-2-${random(ALNUM, 40)}` },
  'slack.workspace_refresh_token': { value: `xoxr-${random(ALNUM, 40)}` },
  'slack.webhook_url': {
    value: `https://hooks.slack.com/services/T${random(upperAlnum, 10)}/B${random(upperAlnum, 10)}/${random(ALNUM, 24)}`,
  },
  'anthropic.api_key': { value: `sk-ant-api03-${random(B64URL, 93)}AA` },
  'anthropic.admin_key': { value: `sk-ant-admin01-${random(B64URL, 93)}AA` },
  'anthropic.oauth_token': { value: `sk-ant-oat01-${random(B64URL, 95)}` },
  'anthropic.oauth_refresh_token': { value: `sk-ant-ort01-${random(B64URL, 95)}` },
  'openai.project_key': { value: `sk-proj-${random(B64URL, 156)}` },
  'openai.service_account_key': { value: `sk-svcacct-${random(B64URL, 156)}` },
  'openai.admin_key': { value: `sk-admin-${random(B64URL, 156)}` },
  'openai.legacy_key': { value: `sk-${random(ALNUM, 20)}T3BlbkFJ${random(ALNUM, 20)}` },
  'google.api_key': { value: `AIza${random(B64URL, 35)}` },
  'google.oauth_access_token': { value: `ya29.${random(B64URL, 150)}` },
  'google.oauth_refresh_token': { value: `1//0${random(B64URL, 99)}` },
  'aws.access_key_id': { value: `AKIA${random(upperAlnum, 16)}` },
  'aws.temporary_access_key_id': { value: `ASIA${random(upperAlnum, 16)}` },
  'aws.bearer_key_id': { value: `ABIA${random(upperAlnum, 16)}` },
  'aws.secret_access_key': { value: random(B64, 40), hint: { name: 'AWS_SECRET_ACCESS_KEY' } },
  'twilio.account_sid': { value: `AC${random(HEX, 32)}` },
  'twilio.api_key_sid': { value: `SK${random(HEX, 32)}` },
  'twilio.auth_token': { value: random(HEX, 32), hint: { name: 'TWILIO_AUTH_TOKEN' } },
  'sendgrid.api_key': { value: `SG.${random(B64URL, 22)}.${random(B64URL, 43)}` },
  'mailgun.api_key': { value: `key-${random(HEX, 32)}` },
  'mailgun.public_key': { value: `pubkey-${random(HEX, 32)}` },
  'shopify.admin_access_token': { value: `shpat_${random(HEX, 32)}` },
  'shopify.custom_app_token': { value: `shpca_${random(HEX, 32)}` },
  'shopify.private_app_password': { value: `shppa_${random(HEX, 32)}` },
  'shopify.shared_secret': { value: `shpss_${random(HEX, 32)}` },
  'atlassian.api_token': { value: `ATATT3${random(B64URL, 177)}=${random(HEX, 8)}` },
  'okta.api_token': { value: `00${random(B64URL, 40)}`, hint: { scheme: 'SSWS' } },
  'square.access_token': { value: `EAAA${random(B64URL, 60)}` },
  'square.legacy_access_token': { value: `sq0atp-${random(B64URL, 22)}` },
  'square.application_secret': { value: `sq0csp-${random(B64URL, 43)}` },
  'square.sandbox_application_id': { value: `sandbox-sq0idb-${random(B64URL, 22)}` },
  'square.application_id': { value: `sq0idp-${random(B64URL, 22)}` },
  'paypal.access_token': { value: `A21AA${random(B64URL, 92)}` },
  'digitalocean.personal_access_token': { value: `dop_v1_${random(HEX, 64)}` },
  'digitalocean.oauth_token': { value: `doo_v1_${random(HEX, 64)}` },
  'digitalocean.refresh_token': { value: `dor_v1_${random(HEX, 64)}` },
  'docker.personal_access_token': { value: `dckr_pat_${random(B64URL, 27)}` },
  'npm.access_token': { value: checksummedToken('npm_') },
  'hubspot.private_app_token': { value: `pat-na1-${uuid()}` },
  'notion.integration_secret': { value: `ntn_${random(DIGITS, 11)}${random(ALNUM, 35)}` },
  'notion.legacy_integration_secret': { value: `secret_${random(ALNUM, 43)}` },
  'airtable.personal_access_token': { value: `pat${random(ALNUM, 14)}.${random(HEX, 64)}` },
  'linear.api_key': { value: `lin_api_${random(ALNUM, 40)}` },
  'postman.api_key': { value: `PMAK-${random(HEX, 24)}-${random(HEX, 34)}` },
  'cloudflare.origin_ca_key': { value: `v1.0-${random(HEX, 24)}-${random(HEX, 146)}` },
  'cloudflare.global_api_key': { value: random(HEX, 37), hint: { name: 'X-Auth-Key' } },
  'cloudflare.api_token': { value: random(B64URL, 40), hint: { name: 'CLOUDFLARE_API_TOKEN' } },
  'grafana.service_account_token': { value: `glsa_${random(ALNUM, 32)}_${random(HEX, 8)}` },
  'grafana.cloud_token': { value: `glc_${random(B64, 120)}==` },
  'grafana.legacy_api_key': { value: `eyJrIjoi${random(ALNUM, 90)}=` },
  'heroku.api_key': { value: `HRKU-AA${random(B64URL, 58)}` },
  'heroku.legacy_api_key': { value: uuid(), hint: { name: 'HEROKU_API_KEY' } },
  'databricks.personal_access_token': { value: `dapi${random(HEX, 32)}` },
  'huggingface.access_token': { value: `hf_${random(LETTERS, 34)}` },
  'huggingface.org_token': { value: `api_org_${random(LETTERS, 34)}` },
  'azure.storage_account_key': { value: `${random(B64, 86)}==`, hint: { name: 'AZURE_STORAGE_KEY' } },
  'azure.entra_client_secret': { value: `${random(ALNUM, 3)}8Q~${random(`${ALNUM}_~.-`, 34)}` },
  'x-twitter.app_bearer_token': { value: `${'A'.repeat(22)}${random(ALNUM, 90)}` },
  'salesforce.session_id': { value: `00D${random(ALNUM, 15)}!${random(`${ALNUM}._`, 96)}` },
  'discord.bot_token': { value: `M${random(B64URL, 23)}.${random(B64URL, 6)}.${random(B64URL, 38)}` },
  'generic.jwt': {
    value: `${b64url({ alg: 'HS256', typ: 'JWT' })}.${b64url({ sub: 'u1', exp: 2_000_000_000 })}.${random(B64URL, 43)}`,
  },
  'generic.base64_jwt': {
    value: Buffer.from(
      `${b64url({ alg: 'RS256', typ: 'JWT' })}.${b64url({ sub: 'system:serviceaccount:ns:robot' })}.${random(B64URL, 86)}`,
    ).toString('base64'),
  },
  'generic.private_key': { value: pem('PRIVATE KEY', random(B64, 64)) },
};

describe('the format table', () => {
  it('parses through its schema and has unique ids', () => {
    for (const entry of CREDENTIAL_FORMATS) expect(() => FormatEntrySchema.parse(entry)).not.toThrow();
    const ids = CREDENTIAL_FORMATS.map((f) => f.id);
    expect(new Set(ids).size).toBe(ids.length);
  });

  it('has an example for every format and no example for a format it lacks', () => {
    expect(Object.keys(EXAMPLES).sort()).toEqual(CREDENTIAL_FORMATS.map((f) => f.id).sort());
  });

  it('starts every scan pattern with the literal prefix it advertises', () => {
    for (const entry of CREDENTIAL_FORMATS.filter((f) => f.scan)) {
      expect(entry.visiblePrefix, entry.id).toBeDefined();
      const afterGuard = entry.scan?.source.replace(/^\(\?<!\[[^\]]+\]\)\(\?:/, '') ?? '';
      const literal = (entry.visiblePrefix ?? '').replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
      expect(afterGuard.startsWith(literal) || afterGuard.startsWith('A{22}'), entry.id).toBe(true);
    }
  });

  it('rejects an unanchored pattern', () => {
    const bad = { ...CREDENTIAL_FORMATS[0], pattern: /ghp_[A-Za-z0-9]{36}/ };
    expect(FormatEntrySchema.safeParse(bad).success).toBe(false);
  });
});

describe('classifyCredential names each format from a fake of it', () => {
  it.each(Object.entries(EXAMPLES))('%s', (id, { value, hint }) => {
    const entry = CREDENTIAL_FORMATS.find((f) => f.id === id);
    const result = classifyCredential(value, hint);
    expect(result.format?.id).toBe(id);
    expect(result.format?.provider).toBe(entry?.provider);
    expect(result.format?.environment).toBe(entry?.environment);
    if (id !== 'generic.jwt') expect(result.format?.tokenType).toBe(entry?.tokenType);
    expect(result.placeholder).toBeUndefined();
    if (entry?.visiblePrefix) expect(result.visiblePrefix).toBe(entry.visiblePrefix);
  });

  it.each(Object.entries(EXAMPLES).filter(([id]) => CREDENTIAL_FORMATS.find((f) => f.id === id)?.scan))(
    'scan pattern finds %s inside text',
    (id, { value }) => {
      const entry = CREDENTIAL_FORMATS.find((f) => f.id === id);
      const found = [...`token: "${value}", next`.matchAll(entry?.scan ?? /$^/g)].map((m) => m[0]);
      expect(found).toEqual([value]);
    },
  );
});

describe('environment and token type that users act on', () => {
  it.each([
    [`sk_live_${random(ALNUM, 24)}`, 'stripe', 'live', 'secret_key'],
    [`sk_test_${random(ALNUM, 24)}`, 'stripe', 'test', 'secret_key'],
    [`pk_live_${random(ALNUM, 24)}`, 'stripe', 'live', 'publishable_key'],
    [`rk_test_${random(ALNUM, 24)}`, 'stripe', 'test', 'restricted_key'],
    [`sandbox-sq0idb-${random(B64URL, 22)}`, 'square', 'sandbox', 'other'],
    [
      `xoxb-${random(DIGITS, 10)}-${random(DIGITS, 12)}-${random(ALNUM, 24)}`,
      'slack',
      undefined,
      'bot_token',
    ],
    [`xoxe-1-${random(ALNUM, 146)}`, 'slack', undefined, 'refresh_token'],
    [checksummedToken('ghr_'), 'github', undefined, 'refresh_token'],
    [`sk-proj-${random(B64URL, 100)}`, 'openai', undefined, 'api_key'],
  ])('%s → %s %s %s', (value, provider, environment, tokenType) => {
    const format = classifyCredential(value).format;
    expect([format?.provider, format?.environment, format?.tokenType]).toEqual([
      provider,
      environment,
      tokenType,
    ]);
  });

  it('puts the most specific format first where prefixes share a start', () => {
    expect(classifyCredential(`sk-proj-${random(ALNUM, 48)}`).format?.id).toBe('openai.project_key');
    expect(classifyCredential(`sk-ant-api03-${random(ALNUM, 93)}AA`).format?.id).toBe('anthropic.api_key');
    expect(classifyCredential(`sk-${random(ALNUM, 48)}`).format?.id).toBe('openai.legacy_key');
    expect(classifyCredential(`sk_live_${random(ALNUM, 48)}`).format?.provider).toBe('stripe');
    expect(classifyCredential(`xoxe.xoxb-1-${random(ALNUM, 150)}`).format?.id).toBe(
      'slack.rotating_bot_token',
    );
    for (const routable of [
      `glpat-${random(ALNUM, 27)}.01.${random(lowerAlnum, 7)}`,
      `glpat-${random(ALNUM, 27)}.${random(lowerAlnum, 9)}`,
    ]) {
      expect(classifyCredential(routable).format?.id).toBe('gitlab.pat');
    }
  });

  it('reads the token type of a JWT from the conventions of its issuer', () => {
    const jwt = (header: object, claims: object) =>
      `${b64url(header)}.${b64url(claims)}.${random(B64URL, 43)}`;
    const type = (header: object, claims: object) =>
      classifyCredential(jwt(header, claims)).format?.tokenType;
    expect(type({ alg: 'HS256', typ: 'at+jwt' }, { sub: 'a' })).toBe('access_token');
    expect(type({ alg: 'HS256' }, { token_use: 'id' })).toBe('id_token');
    expect(type({ alg: 'HS256' }, { typ: 'Refresh' })).toBe('refresh_token');
    expect(type({ alg: 'HS256' }, { nonce: 'n', aud: 'client' })).toBe('id_token');
    expect(type({ alg: 'HS256' }, { sub: 'a' })).toBeUndefined();
  });
});

describe('near misses are not given a format', () => {
  it.each([
    ['GitHub token one character short', `ghp_${random(ALNUM, 35)}`],
    ['GitHub token one character long', `ghp_${random(ALNUM, 37)}`],
    ['GitHub prefix in capitals', `GHP_${random(ALNUM, 36)}`],
    ['Stripe environment in capitals', `sk_LIVE_${random(ALNUM, 24)}`],
    ['Stripe key with a hyphen prefix', `sk-live-${random(ALNUM, 24)}`],
    ['Stripe key too short', `sk_live_${random(ALNUM, 10)}`],
    ['OpenAI legacy key one short', `sk-${random(ALNUM, 47)}`],
    ['DeepSeek-style sk- key is not OpenAI', `sk-${random(HEX, 32)}`],
    ['sk- inside a word', `task-${random(ALNUM, 48)}`],
    ['AWS key id in lower case', `akia${random(upperAlnum, 16)}`],
    ['AWS key id one short', `AKIA${random(upperAlnum, 15)}`],
    ['Google key one short', `AIza${random(B64URL, 34)}`],
    ['DigitalOcean token not hex', `dop_v1_${random(UPPER, 64)}`],
    ['npm token one short', `npm_${random(ALNUM, 35)}`],
    ['Anthropic key without its AA ending', `sk-ant-api03-${random(ALNUM, 95)}`],
    ['commit hash', random(HEX, 40)],
    ['UUID', uuid()],
    ['32 hex without a Twilio name', random(HEX, 32)],
    ['Okta-shaped value without an Okta name or SSWS', `00${random(B64URL, 40)}`],
    ['40 base64 characters without an AWS name', random(B64, 40)],
    ['Slack bot prefix with garbage', 'xoxb-not-a-token'],
  ])('%s', (_label, value) => {
    expect(classifyCredential(value).format).toBeUndefined();
  });

  it('reports a value with a distinctive prefix and the wrong shape as a lookalike', () => {
    const short = classifyCredential(`ghp_${random(ALNUM, 30)}`);
    expect(short.format).toBeUndefined();
    expect(short.lookalike?.id).toBe('github.classic_pat');
    expect(short.visiblePrefix).toBe('ghp_');
    expect(classifyCredential(`sk-ant-api03-${random(ALNUM, 95)}`).lookalike?.id).toBe('anthropic.api_key');
    expect(classifyCredential(`secret_${random(ALNUM, 10)}`).lookalike).toBeUndefined();
  });

  it('needs the right name for a context-only format', () => {
    const value = random(B64, 40);
    expect(classifyCredential(value, { name: 'AWS_SECRET_ACCESS_KEY' }).format?.id).toBe(
      'aws.secret_access_key',
    );
    expect(classifyCredential(value, { name: 'aws_secret_access_key' }).format?.id).toBe(
      'aws.secret_access_key',
    );
    expect(classifyCredential(value, { name: 'password' }).format).toBeUndefined();
  });

  it('still names a quoted token', () => {
    const token = checksummedToken('ghp_');
    expect(classifyCredential(`"${token}"`).format?.id).toBe('github.classic_pat');
    expect(classifyCredential(` '${token}' `).format?.id).toBe('github.classic_pat');
  });
});
