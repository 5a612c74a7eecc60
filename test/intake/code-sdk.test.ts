import { describe, expect, it } from 'vitest';
import type { RawLooseCredential } from '../../src/intake/raw.js';
import { parse } from '../support/code-helpers.js';

interface LooseCase {
  name: string;
  code: string;
  /** Expected loose credentials (matched as subsets, in order). */
  loose: Partial<RawLooseCredential>[];
}

const cases: LooseCase[] = [
  {
    name: 'new Stripe with a literal key',
    code: `const stripe = new Stripe('sk_test_51Habc', { apiVersion: '2023-10-16' });`,
    loose: [{ name: 'Stripe(apiKey)', value: 'sk_test_51Habc', context: 'code' }],
  },
  {
    name: "require('stripe')(key)",
    code: `const stripe = require('stripe')(process.env.STRIPE_SECRET_KEY);`,
    loose: [
      {
        name: 'Stripe(apiKey)',
        value: 'process.env.STRIPE_SECRET_KEY',
        origin: { kind: 'env', names: ['STRIPE_SECRET_KEY'] },
      },
    ],
  },
  {
    name: 'stripe.api_key assignment (Python)',
    code: `import stripe\nstripe.api_key = "sk_live_abc"\nstripe.Charge.list()`,
    loose: [{ name: 'stripe.api_key', value: 'sk_live_abc' }],
  },
  {
    name: 'new OpenAI({ apiKey: process.env… })',
    code: `const openai = new OpenAI({ apiKey: process.env.OPENAI_API_KEY });`,
    loose: [{ name: 'OpenAI(apiKey)', origin: { kind: 'env', names: ['OPENAI_API_KEY'] } }],
  },
  {
    name: 'OpenAI(api_key=…) and Anthropic(api_key=…)',
    code: `client = OpenAI(api_key="sk-proj-abc")\nclaude = Anthropic(api_key=os.environ["ANTHROPIC_API_KEY"])`,
    loose: [
      { name: 'OpenAI(api_key)', value: 'sk-proj-abc' },
      { name: 'Anthropic(api_key)', origin: { kind: 'env', names: ['ANTHROPIC_API_KEY'] } },
    ],
  },
  {
    name: 'new Octokit({ auth })',
    code: `const octokit = new Octokit({ auth: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a' });`,
    loose: [{ name: 'Octokit(auth)', value: 'ghp_16C7e42F292c6912E7710c838347Ae178B4a' }],
  },
  {
    name: 'Slack WebClient with a token variable',
    code: `const token = process.env.SLACK_BOT_TOKEN;\nconst web = new WebClient(token);`,
    loose: [
      { name: 'Slack WebClient(token)', value: 'token', origin: { kind: 'env', names: ['SLACK_BOT_TOKEN'] } },
      {
        name: 'token',
        value: 'process.env.SLACK_BOT_TOKEN',
        origin: { kind: 'env', names: ['SLACK_BOT_TOKEN'] },
      },
    ],
  },
  {
    name: 'twilio(accountSid, authToken)',
    code: `const client = twilio('AC123', 'auth-token-value');`,
    loose: [
      { name: 'twilio(accountSid)', value: 'AC123' },
      { name: 'twilio(authToken)', value: 'auth-token-value' },
    ],
  },
  {
    name: 'sgMail.setApiKey',
    code: `sgMail.setApiKey(process.env.SENDGRID_API_KEY);`,
    loose: [{ name: 'sgMail.setApiKey(apiKey)', origin: { kind: 'env', names: ['SENDGRID_API_KEY'] } }],
  },
  {
    name: 'Client(token=…) and Configuration(access_token=…)',
    code: `client = Client(token="xoxb-123")\nconfiguration = Configuration(access_token=ACCESS_TOKEN, host="https://api.example.com")`,
    loose: [
      { name: 'Client(token)', value: 'xoxb-123' },
      {
        name: 'Configuration(access_token)',
        value: 'ACCESS_TOKEN',
        origin: { kind: 'variable', names: ['ACCESS_TOKEN'] },
      },
    ],
  },
  {
    name: 'PHP \\Stripe\\Stripe::setApiKey',
    code: `<?php\n\\Stripe\\Stripe::setApiKey('sk_test_xyz');`,
    loose: [{ name: 'Stripe::setApiKey(apiKey)', value: 'sk_test_xyz' }],
  },
  {
    name: 'credential-named variables: literal, env and empty',
    code: `const apiKey = 'abc123';\nconst GITHUB_TOKEN = process.env.GITHUB_TOKEN;\nlet password = "";`,
    loose: [
      { name: 'apiKey', value: 'abc123' },
      { name: 'GITHUB_TOKEN', origin: { kind: 'env', names: ['GITHUB_TOKEN'] } },
      { name: 'password', value: '', origin: { kind: 'literal' } },
    ],
  },
  {
    name: 'os.environ set from code',
    code: `os.environ["OPENAI_API_KEY"] = "sk-abc"`,
    loose: [{ name: 'OPENAI_API_KEY', value: 'sk-abc' }],
  },
];

describe('parseCode: SDK keys and credential variables', () => {
  it.each(cases)('$name', ({ code, loose }) => {
    const found = parse(code).looseCredentials ?? [];
    expect(found).toHaveLength(loose.length);
    for (const [k, want] of loose.entries()) expect(found[k]).toMatchObject(want);
  });

  it.each([
    ['a URL constant', `const API_URL = 'https://api.example.com';`],
    ['a token TTL', `TOKEN_TTL = 3600`],
    ['a call result', `const token = await getToken();`],
    ['a key id', `AWS_ACCESS_KEY_ID = "AKIAEXAMPLE"`],
  ])('ignores %s', (_name, code) => {
    expect(parse(code).looseCredentials ?? []).toEqual([]);
  });
});
