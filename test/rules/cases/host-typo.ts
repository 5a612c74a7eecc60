import { compilePacks, ProviderKnowledge } from '../../../src/providers/knowledge.js';
import rule from '../../../src/rules/host-typo.js';
import { defineCases } from '../../support/rule-cases.js';

const knowledge = new ProviderKnowledge(
  compilePacks([
    {
      origin: 'test:parcelhub',
      pack: {
        id: 'parcelhub',
        name: 'Parcelhub API',
        hosts: [{ host: 'api.parcelhub.com' }, { host: '*.parcelhubapis.com' }],
        auth: [
          {
            in: 'header',
            scheme: 'Bearer',
            credential: 'an API key (ph_live_…)',
            formats: ['parcelhub.key'],
          },
        ],
        credentialFormats: [
          { id: 'parcelhub.key', name: 'Parcelhub API key', pattern: 'ph_live_[a-z0-9]{24}' },
        ],
        docs: [{ title: 'Authentication', url: 'https://docs.parcelhub.com/auth' }],
      },
    },
  ]),
);

const GHP = 'ghp_Zx9Yw8Vu7Ts6Rq5Po4Nm3Lk2Ji1Hg0FeDcBa';
const OPAQUE = 'c0ffee1234567890deadbeef12345678';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a GitHub token sent to api.githbu.com, which does not resolve',
      paste: `curl -H "Authorization: Bearer ${GHP}" https://api.githbu.com/user/repos
curl: (6) Could not resolve host: api.githbu.com`,
      expect: {
        cause: 'wrong_url_or_endpoint',
        severity: 'error',
        evidence: 'request.url',
        detail: ['api.githbu.com', 'one character', 'api.github.com', 'does not resolve'],
        fix: ['https://api.github.com/user/repos', 'Authorization: Bearer <YOUR_TOKEN>'],
      },
    },
    {
      name: 'a one-letter slip in a pack host, from a client error',
      paste: `axios error: Request failed with status code 401 (GET https://api.parcelhb.com/v1/shipments)`,
      knowledge,
      expect: {
        severity: 'warning',
        detail: ['api.parcelhb.com', 'Parcelhub API'],
        fix: ['https://api.parcelhub.com/v1/shipments'],
      },
    },
    {
      name: 'a wrong top-level domain',
      paste: `curl -i -H "Authorization: Bearer ${OPAQUE}" https://api.parcelhub.io/v1/shipments
HTTP/1.1 401 Unauthorized`,
      knowledge,
      expect: {
        detail: ['wrong top-level domain'],
        fix: ['https://api.parcelhub.com/v1/shipments', 'revoke'],
      },
    },
    {
      name: 'a typo in a wildcard domain keeps the subdomain',
      paste: `curl -H "Authorization: Bearer ${OPAQUE}" https://eu.parcelhubapi.com/v1/rates`,
      knowledge,
      expect: { fix: ['https://eu.parcelhubapis.com/v1/rates'] },
    },
    {
      name: 'the website domain instead of the API host',
      paste: `curl -H "Authorization: Bearer ${OPAQUE}" https://parcelhub.com/v1/shipments
{"status":401}`,
      knowledge,
      expect: {
        detail: ["website's domain", 'api.parcelhub.com'],
        fix: ['https://api.parcelhub.com/v1/shipments'],
      },
    },
    {
      name: "two slips, but the key is that provider's own",
      paste: `curl -H "Authorization: Bearer ph_live_abcdefghijklmnopqrstuvwx" https://api.pracelhb.com/v1/shipments`,
      knowledge,
      expect: { severity: 'error', detail: ['Parcelhub API credential'] },
    },
  ],
  valid: [
    {
      name: 'the right host',
      paste: `curl -H "Authorization: Bearer ${OPAQUE}" https://api.parcelhub.com/v1/shipments`,
      knowledge,
    },
    {
      name: 'a numbered sibling host is real, not a slip',
      paste: `curl -H "Authorization: Bearer ${OPAQUE}" https://api2.parcelhub.com/v1/shipments`,
      knowledge,
    },
    {
      name: 'two slips and nothing else pointing at the provider',
      paste: `curl -H "Authorization: Bearer ${OPAQUE}" https://api.pracelhb.com/v1/shipments`,
      knowledge,
    },
    {
      name: 'a short host: too many real ones are one letter apart',
      paste: `curl -H "Authorization: Bearer ${OPAQUE}" https://api.box.co/v1/files`,
      knowledge: new ProviderKnowledge(
        compilePacks([
          {
            origin: 'test:box',
            pack: {
              id: 'boxy',
              name: 'Boxy',
              hosts: [{ host: 'box.co' }],
              auth: [{ in: 'header', scheme: 'Bearer', credential: 'a token' }],
              docs: [{ title: 'Auth', url: 'https://box.co/docs' }],
            },
          },
        ]),
      ),
    },
    {
      name: 'localhost',
      paste: `curl -H "Authorization: Bearer ${OPAQUE}" http://localhost:3000/v1/shipments`,
      knowledge,
    },
  ],
});
