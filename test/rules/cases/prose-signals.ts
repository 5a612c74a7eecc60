import rule from '../../../src/rules/prose-signals.js';
import { defineCases } from '../../support/rule-cases.js';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'works again after a restart',
      paste:
        'Our webhook worker calls the CRM fine all morning. Then it gets 401s, and it works again after restarting the container.',
      expect: {
        cause: 'expired_token',
        severity: 'warning',
        evidence: 'prose[0]',
        detail: ['works again after restarting the container', 'cached'],
        fix: ['refresh it before it runs out'],
      },
    },
    {
      name: 'fails after about an hour',
      paste: 'The sync job is fine at first but fails with Unauthorized after about an hour.',
      expect: { cause: 'expired_token', severity: 'warning' },
    },
    {
      name: 'switching to the ID token makes it work',
      paste:
        'My API gateway rejects the access_token with 401, but when I switch to the id_token it works. Why?',
      expect: { cause: 'wrong_token_type', severity: 'warning', minConfidence: 0.6, detail: ['ID token'] },
    },
    {
      name: 'sending the ID token as a bearer token',
      paste: 'I am passing the idToken in the Authorization header and the resource server says 401',
      expect: { cause: 'wrong_token_type', severity: 'warning' },
    },
    {
      name: "the token's audience is the client ID",
      paste: 'Decoded the JWT and the aud is the client id of my React app, not the API',
      expect: { cause: 'wrong_token_type', detail: ['client'] },
    },
    {
      name: 'works in Postman, not in the code',
      paste: 'Same token works in Insomnia but my fetch() call from the frontend gets a 401.',
      expect: { cause: 'wrong_header_format', severity: 'warning', fix: ['httpbin.org/headers'] },
    },
    {
      name: 'works locally, not once deployed',
      paste: 'Everything is fine on localhost but not on the staging server behind nginx.',
      expect: { cause: 'credentials_dropped_in_transit', severity: 'warning', fix: ['CGIPassAuth On'] },
    },
    {
      name: 'the gateway drops the header',
      paste: 'looks like the Authorization header is not forwarded by the ingress to the pod',
      expect: { cause: 'credentials_dropped_in_transit' },
    },
    {
      name: 'a clock that is off',
      paste: 'turns out the build agent clock is 4 minutes behind the identity server',
      expect: { cause: 'not_yet_valid_or_clock_skew', severity: 'warning', fix: ['NTP'] },
    },
  ],
  valid: [
    { name: 'a restart that did not help', paste: 'I restarted the server but it still fails with 401.' },
    {
      name: 'negated: it does not work after a restart either',
      paste: 'It does not work after a restart either.',
    },
    {
      name: 'an access token alone',
      paste: 'I get an access token from the token endpoint and send it as Bearer.',
    },
    { name: 'Postman fails too', paste: 'Postman also returns 401 for this call.' },
    { name: 'clocks in sync', paste: 'I checked, the clocks are in sync on both machines.' },
    {
      name: 'stopped after a change, not after time',
      paste: 'It stopped working after I changed the header name.',
    },
  ],
});
