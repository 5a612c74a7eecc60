import { compilePacks, knowledgeWith } from '../../../src/providers/knowledge.js';
import rule from '../../../src/rules/credential-placement.js';
import { defineCases } from '../../support/rule-cases.js';

const BOT = 'xoxb-1234567890-1234567890123-abcdefghijABCDEFGHIJ1234';

const packs = knowledgeWith(
  compilePacks(
    [
      {
        id: 'slack',
        name: 'Slack Web API',
        hosts: [{ host: 'slack.com' }],
        auth: [
          { in: 'header', scheme: 'Bearer', credential: 'a bot or user token', status: 'preferred' },
          {
            in: 'body',
            name: 'token',
            credential: 'a token as a form field',
            status: 'deprecated',
            note: 'many methods and newer apps no longer read it',
          },
          {
            in: 'query',
            name: 'token',
            credential: 'a token in the URL',
            status: 'rejected',
            note: 'not accepted for apps created after February 2021',
          },
        ],
        docs: [{ title: 'Authentication', url: 'https://api.slack.com/web#authentication' }],
      },
      {
        id: 'github',
        name: 'GitHub REST API',
        hosts: [{ host: 'api.github.com' }],
        auth: [
          { in: 'header', scheme: 'Bearer', credential: 'a token', status: 'preferred' },
          {
            in: 'query',
            name: 'access_token',
            credential: 'a token in the URL',
            status: 'rejected',
            note: 'removed in 2021',
          },
        ],
        docs: [
          {
            title: 'Authentication',
            url: 'https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api',
          },
        ],
      },
      {
        id: 'ledgerline',
        name: 'Ledgerline API',
        hosts: [{ host: 'api.ledgerline.test' }],
        auth: [
          { in: 'header', scheme: 'Bearer', credential: 'an API token', status: 'preferred' },
          {
            in: 'body',
            name: 'api_token',
            credential: 'the token as a body field',
            status: 'accepted',
            note: 'read only from application/x-www-form-urlencoded bodies',
          },
        ],
        docs: [{ title: 'Auth', url: 'https://api.ledgerline.test/docs/auth' }],
      },
      {
        id: 'jsonbody',
        name: 'Jsonbody API',
        hosts: [{ host: 'api.jsonbody.test' }],
        auth: [
          { in: 'header', scheme: 'Bearer', credential: 'an API token', status: 'preferred' },
          { in: 'body', name: 'api_token', credential: 'the token as a body field', status: 'accepted' },
        ],
        docs: [{ title: 'Auth', url: 'https://api.jsonbody.test/docs/auth' }],
      },
      {
        id: 'orders-test',
        name: 'Orders Test API',
        hosts: [{ host: 'orders.api.test' }],
        auth: [{ in: 'header', name: 'X-Api-Key', credential: 'an API key', status: 'preferred' }],
        docs: [{ title: 'Auth', url: 'https://orders.api.test/docs' }],
      },
    ].map((pack) => ({ origin: 'test', pack })),
  ),
);

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a Slack token in the query string',
      paste: `curl "https://slack.com/api/conversations.list?token=${BOT}&limit=50"`,
      knowledge: packs,
      expect: {
        cause: 'wrong_header_format',
        severity: 'error',
        evidence: 'request.url.query.token',
        detail: ['no longer accepts credentials in the `token` query parameter', 'February 2021'],
        fix: [
          "curl -H 'Authorization: Bearer <YOUR_SLACK_TOKEN>' 'https://slack.com/api/conversations.list?limit=50'",
        ],
      },
    },
    {
      name: 'a Slack token as a form field',
      paste: `curl -X POST https://slack.com/api/chat.postMessage -d "token=${BOT}&channel=C024BE91L&text=hi"\n{"ok":false,"error":"invalid_auth"}`,
      knowledge: packs,
      expect: {
        severity: 'warning',
        evidence: 'request.body.token',
        detail: ['has deprecated credentials in the `token` body field'],
        fix: ["--data 'channel=C024BE91L&text=hi'"],
      },
    },
    {
      name: 'Python code posting the token as form data',
      paste: `import requests\nr = requests.post("https://slack.com/api/users.list", data={"token": "${BOT}"})\nprint(r.json())  # {'ok': False, 'error': 'invalid_auth'}`,
      knowledge: packs,
      expect: { severity: 'warning', detail: ['`token` body field'], fix: ['Authorization: Bearer'] },
    },
    {
      name: 'the placement only described in the question',
      paste: `Error: invalid_auth when I call requests.post('https://slack.com/api/chat.postMessage', data = {'token': tok, 'channel': c})\nThe same token works in the tester.`,
      knowledge: packs,
      expect: {
        severity: 'warning',
        evidence: 'prose[0]',
        detail: ['The code in the paste', 'slack.com'],
        fix: ['headers={"Authorization": f"Bearer {token}"}'],
      },
    },
    {
      name: 'a form-field token the API still reads, on a call that was refused (built-in Slack pack)',
      paste: `Got invalid_auth from requests.post('https://slack.com/api/conversations.list', data={'token': tok})\nthe token is right, auth.test says so`,
      expect: {
        severity: 'warning',
        evidence: 'prose[0]',
        detail: ['the call was refused', 'documents first is'],
        fix: ['headers={"Authorization": f"Bearer {token}"}'],
      },
    },
    {
      name: 'GitHub access_token in the URL',
      paste: 'curl "https://api.github.com/user?access_token=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789"',
      knowledge: packs,
      expect: { severity: 'error', detail: ['removed in 2021'] },
    },
    {
      name: 'a key in the URL of an API that reads only a header',
      paste:
        'curl "https://orders.api.test/v1/orders?api_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0"\nHTTP/1.1 401 Unauthorized\n',
      knowledge: packs,
      expect: {
        severity: 'warning',
        detail: ['does not document credentials in the `api_key` query parameter'],
        fix: ['X-Api-Key: <YOUR_ORDERS_TEST_TOKEN>'],
      },
    },
    {
      name: 'a Slack token in a JSON body (built-in Slack pack)',
      paste: `curl -s -X POST https://slack.com/api/chat.postMessage -H 'Content-Type: application/json' -d '{"token":"${BOT}","channel":"C0123ABCD","text":"build green"}'
{"ok":false,"error":"not_authed"}`,
      expect: {
        cause: 'wrong_header_format',
        severity: 'error',
        evidence: 'request.body.token',
        detail: ['JSON body', 'form-encoded'],
        fix: [
          'Authorization: Bearer <YOUR_SLACK_TOKEN>',
          'https://slack.com/api/chat.postMessage',
          'x-www-form-urlencoded',
        ],
      },
    },
    {
      name: 'fetch with JSON.stringify({ token }) to Slack',
      paste: `const r = await fetch("https://slack.com/api/conversations.history", {
  method: "POST",
  headers: { "Content-Type": "application/json" },
  body: JSON.stringify({
    token: process.env.SLACK_TOKEN,
    channel: "C0123ABCD",
  }),
});
console.log(await r.json()); // { ok: false, error: 'not_authed' }`,
      expect: { severity: 'error', detail: ['JSON body'], fix: ['Authorization: Bearer'] },
    },
    {
      name: 'Python requests json= with the token, to Slack',
      paste: `resp = requests.post("https://slack.com/api/chat.postMessage", json={"token": bot_token, "channel": cid, "text": msg})
print(resp.json())  # {'ok': False, 'error': 'not_authed'}`,
      expect: { severity: 'error', detail: ['JSON body'] },
    },
    {
      name: 'a one-line fetch intake does not read: a JSON body in the text',
      paste: `await fetch("https://slack.com/api/chat.postMessage", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ token: botToken, channel: cid }) }); // ok:false not_authed`,
      expect: {
        severity: 'warning',
        evidence: 'prose[0]',
        detail: ['JSON body', 'slack.com'],
        fix: ['json=…'],
      },
    },
    {
      name: "a user pack's form-only body method and a JSON body",
      paste: `curl -X POST https://api.ledgerline.test/v2/entries -H "Content-Type: application/json" -d '{"api_token":"ll_4f9a8b7c6d5e4f3a2b1c","amount":12}'
HTTP/1.1 401 Unauthorized`,
      knowledge: packs,
      expect: {
        severity: 'error',
        detail: ['Ledgerline API', 'JSON body'],
        fix: ['Authorization: Bearer <YOUR_LEDGERLINE_TOKEN>'],
      },
    },
  ],
  valid: [
    {
      name: 'the Slack token in the Authorization header',
      paste: `curl -H "Authorization: Bearer ${BOT}" https://slack.com/api/users.list`,
      knowledge: packs,
    },
    {
      name: 'an unknown API with a key parameter',
      paste: 'curl "https://api.acme.test/v2/orders?api_key=9f8e7d6c5b4a39281706f5e4d3c2b1a0"',
    },
    {
      name: 'a stray key parameter next to the documented header',
      paste:
        'curl -H "X-Api-Key: 9f8e7d6c5b4a39281706f5e4d3c2b1a0" "https://orders.api.test/v1/orders?api_key=abc123abc123abc1"',
      knowledge: packs,
    },
    {
      name: 'client credentials in the body of a token endpoint',
      paste:
        'curl -X POST https://orders.api.test/oauth/token -d "grant_type=client_credentials&client_id=abc&client_secret=s3cr3t-s3cr3t-s3cr3t"',
      knowledge: packs,
    },
    {
      name: 'code with a header token to Slack',
      paste:
        'requests.post("https://slack.com/api/users.list", headers={"Authorization": f"Bearer {tok}"}, data={"limit": 5})',
      knowledge: packs,
    },
    {
      name: 'a form-field token the API still reads, with no sign the call failed (built-in Slack pack)',
      paste: `requests.post('https://slack.com/api/conversations.list', data={'token': tok})`,
    },
    {
      name: 'a data= token to a host no pack knows',
      paste: "requests.post('https://api.acme.test/v2/login', data={'token': tok})",
      knowledge: packs,
    },
    {
      name: 'a Slack token in a form-encoded body',
      paste: `curl -s https://slack.com/api/chat.postMessage -d "token=${BOT}" -d channel=C0123ABCD -d text=hi`,
    },
    {
      name: 'a JSON body token to an API whose body method says nothing about forms',
      paste: `curl -X POST https://api.jsonbody.test/v2/entries -H "Content-Type: application/json" -d '{"api_token":"jb_4f9a8b7c6d5e4f3a2b1c","amount":12}'
HTTP/1.1 401 Unauthorized`,
      knowledge: packs,
    },
  ],
});
