import { compilePacks, ProviderKnowledge } from '../../../src/providers/knowledge.js';
import { github } from '../../../src/providers/packs/github.js';
import type { ProviderPackInput } from '../../../src/providers/schema.js';
import rule from '../../../src/rules/provider-error.js';
import { defineCases } from '../../support/rule-cases.js';

/** Packs built here, so the cases do not depend on the built-in packs (which change). */
const acme = {
  id: 'acme',
  name: 'Acme Payments API',
  hosts: [{ host: 'api.acme.test' }, { host: 'sandbox.acme.test', environment: 'sandbox' }],
  auth: [{ in: 'header', scheme: 'Bearer', credential: 'an Acme secret key' }],
  errors: [
    {
      id: 'key-revoked',
      situation: 'a key that was rolled or revoked in the dashboard',
      match: 'API key (?:has been )?revoked',
      status: [401],
      cause: 'invalid_credentials',
      explain: 'Acme no longer accepts this key: it was rolled or revoked in the dashboard.',
      fix: ['Create a new key in the Acme dashboard and replace the old one.'],
      docs: ['https://docs.acme.test/keys'],
    },
    {
      id: 'missing-scope',
      situation: 'a key without the scope this method needs',
      match: '"error"\\s?:\\s?"missing_scope"',
      status: [200],
      cause: 'insufficient_scope_or_permissions',
      explain: 'The key works but lacks the scope this method needs.',
      fix: ['Add the scope to the key in the dashboard.'],
    },
  ],
  docs: [{ title: 'Acme authentication', url: 'https://docs.acme.test/auth' }],
} satisfies ProviderPackInput;

const zeta = {
  id: 'zeta',
  name: 'Zeta Maps API',
  hosts: [{ host: 'api.zeta.test' }],
  auth: [{ in: 'query', name: 'key', credential: 'a Zeta key' }],
  errors: [
    {
      id: 'key-unknown',
      situation: 'an unknown key',
      match: 'ZETA_KEY_UNKNOWN',
      cause: 'invalid_credentials',
      explain: 'Zeta does not know this key.',
      fix: ['Copy the key again from the Zeta console.'],
    },
  ],
  docs: [{ title: 'Zeta keys', url: 'https://docs.zeta.test/keys' }],
} satisfies ProviderPackInput;

const knowledge = new ProviderKnowledge(
  compilePacks([github, acme, zeta].map((pack) => ({ origin: `test:${pack.id}`, pack }))),
);

const ACME_KEY = 'acmesk_4f9a2c7e1b8d3f6a0c5e9b2d7f1a4c8e';
const GHP = 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789';

const response = (status: string, body: string) => `HTTP/1.1 ${status}
Content-Type: application/json

${body}`;

export default defineCases({
  rule,
  invalid: [
    {
      name: "the detected provider's own words for a revoked key",
      knowledge,
      paste: `$ curl -i -H "Authorization: Bearer ${ACME_KEY}" https://api.acme.test/v1/charges
${response('401 Unauthorized', '{"error":{"message":"API key revoked","type":"auth_error"}}')}`,
      expect: {
        cause: 'invalid_credentials',
        severity: 'error',
        evidence: 'response.body',
        minConfidence: 0.85,
        detail: ['Acme Payments API answered', 'API key revoked', 'rolled or revoked'],
        fix: ['Create a new key', 'https://api.acme.test/v1/charges', '<YOUR_ACME_TOKEN>'],
      },
    },
    {
      name: 'the GitHub seed pack: Bad credentials',
      knowledge,
      paste: `curl -i -H "Authorization: token ${GHP}" https://api.github.com/user
${response('401 Unauthorized', '{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}')}`,
      expect: {
        cause: 'invalid_credentials',
        severity: 'error',
        evidence: 'response.body',
        detail: ['GitHub REST API answered', 'Bad credentials'],
        fix: ['github.com/settings/tokens', 'https://api.github.com/user'],
      },
    },
    {
      name: 'the message retyped in prose, provider named by the user',
      knowledge,
      paste: 'Our nightly Acme sync broke, the logs say "API key has been revoked" since this morning.',
      expect: {
        cause: 'invalid_credentials',
        severity: 'error',
        evidence: 'prose[0]',
        detail: ['API key has been revoked'],
      },
    },
    {
      name: "another provider's signature still counts, said less firmly",
      knowledge,
      paste: `curl -i "https://api.zeta.test/geocode?address=Main+St&key=${ACME_KEY}"
${response('401 Unauthorized', '{"status":"error","message":"API key revoked"}')}`,
      expect: {
        cause: 'invalid_credentials',
        severity: 'warning',
        evidence: 'response.body',
        detail: ["Acme Payments API's words", 'Zeta Maps API'],
      },
    },
    {
      name: 'a signature that comes with HTTP 200 (ok: false)',
      knowledge,
      paste: `curl -i -H "Authorization: Bearer ${ACME_KEY}" https://api.acme.test/v1/reports.list
${response('200 OK', '{"ok":false,"error":"missing_scope"}')}`,
      expect: { cause: 'insufficient_scope_or_permissions', severity: 'error', fix: ['Add the scope'] },
    },
    {
      name: 'a placeholder was sent: the answer is about that, so only a warning',
      knowledge,
      paste: `curl -i -H "Authorization: Bearer YOUR_API_KEY" https://api.acme.test/v1/charges
${response('401 Unauthorized', '{"error":{"message":"API key revoked"}}')}`,
      expect: { cause: 'invalid_credentials', severity: 'warning', detail: ['placeholder'] },
    },
  ],
  valid: [
    {
      name: 'the words match but the status does not (a 500 is not a 401 signature)',
      knowledge,
      paste: `curl -i -H "Authorization: Bearer ${ACME_KEY}" https://api.acme.test/v1/charges
${response('500 Internal Server Error', '{"error":{"message":"API key revoked check failed: database timeout"}}')}`,
    },
    {
      name: 'a 200-only signature on a 403',
      knowledge,
      paste: `curl -i -H "Authorization: Bearer ${ACME_KEY}" https://api.acme.test/v1/reports.list
${response('403 Forbidden', '{"ok":false,"error":"missing_scope"}')}`,
    },
    {
      name: 'the user says the message is gone',
      knowledge,
      paste: 'After rotating, I no longer see API key revoked in the Acme logs; now it is a timeout.',
    },
    {
      name: 'an answer no pack knows',
      knowledge,
      paste: `curl -i -H "Authorization: Bearer ${ACME_KEY}" https://api.acme.test/v1/charges
${response('401 Unauthorized', '{"error":"nope"}')}`,
    },
  ],
});
