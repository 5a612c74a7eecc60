import rule from '../../../src/rules/credential-checksum-invalid.js';
import { ALNUM, checksummedToken, generator } from '../../support/credential-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

// A generator of this file's own, so its fakes do not depend on which files loaded before it.
const random = generator(101);

const good = checksummedToken('ghp_', random(ALNUM, 30));
// One character changed in the random part: the checksum no longer matches.
const typo = `${good.slice(0, 10)}${good[10] === 'Q' ? 'R' : 'Q'}${good.slice(11)}`;
const npmTypo = (() => {
  const t = checksummedToken('npm_', random(ALNUM, 30));
  return `${t.slice(0, -1)}${t.endsWith('0') ? '1' : '0'}`;
})();
const cutShort = good.slice(0, 37);
const stripeCut = `sk_live_${random(ALNUM, 12)}`;

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a mistyped GitHub token, and GitHub says Bad credentials',
      paste: `curl -H "Authorization: Bearer ${typo}" https://api.github.com/user\n{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest","status":"401"}`,
      expect: {
        cause: 'invalid_credentials',
        severity: 'error',
        evidence: 'request.headers.authorization',
        detail: ['GitHub classic personal access token', 'checksum', 'do not match'],
        fix: ['https://github.com/settings/tokens', 'wc -c'],
      },
    },
    {
      name: 'a damaged npm token in .npmrc style, not sent',
      paste: `//registry.npmjs.org/:_authToken=${npmTypo}`,
      expect: { severity: 'warning', detail: ['npm'], fix: ['npm token create'] },
    },
    {
      name: 'a GitHub token cut to 37 characters',
      paste: `curl -H "Authorization: token ${cutShort}" https://api.github.com/repos/octo/app`,
      expect: { severity: 'warning', detail: ['is 37 characters long; those are 40', 'cut short'] },
    },
    {
      name: 'a Stripe key cut short',
      paste: `curl https://api.stripe.com/v1/customers -u ${stripeCut}:\n{"error":{"message":"Invalid API Key provided: sk_live_****","type":"invalid_request_error"}}`,
      expect: {
        severity: 'error',
        detail: ['Stripe live secret key', 'is 20 characters long; those are at least 32'],
      },
    },
  ],
  valid: [
    {
      name: 'a GitHub token with a valid checksum',
      paste: `curl -H "Authorization: Bearer ${good}" https://api.github.com/user`,
    },
    {
      name: 'a masked token',
      paste:
        'curl -H "Authorization: Bearer ghp_XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX" https://api.github.com/user',
    },
    {
      name: 'a fine-grained token (no checksum)',
      paste: `curl -H "Authorization: Bearer github_pat_${random(ALNUM, 22)}_${random(ALNUM, 59)}" https://api.github.com/user`,
    },
    {
      name: 'an opaque token of no known format',
      paste: `curl -H "Authorization: Bearer ${random(ALNUM, 40)}" https://api.example.com/user`,
    },
  ],
});
