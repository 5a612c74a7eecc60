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
    {
      name: 'moved the client to a new VPS: an address restriction',
      paste:
        'Last weekend we migrated the price scraper from the office NAS to a Hetzner box and now every signed call is refused.',
      expect: {
        cause: 'ip_blocked_or_restricted',
        severity: 'warning',
        evidence: 'prose[0]',
        detail: ['Hetzner', 'allowlist'],
        fix: ['ifconfig.me'],
      },
    },
    {
      name: 'a new public IP, and the key has trusted IPs: a stronger lead',
      paste: 'Our ISP gave us a new public IP on Monday. The key is set to "restrict access to trusted IPs".',
      expect: { cause: 'ip_blocked_or_restricted', severity: 'warning', minConfidence: 0.7 },
    },
    {
      name: 'works on the VPN, fails off it',
      paste: 'From the laptop it works on the corporate VPN but fails with 403 as soon as I disconnect.',
      expect: { cause: 'ip_blocked_or_restricted', severity: 'warning' },
    },
    {
      name: 'moved to a new server, in German',
      paste: 'Wir sind auf einen neuen Server umgezogen, seitdem kommt nur noch 401.',
      expect: { cause: 'ip_blocked_or_restricted', severity: 'warning' },
    },
    {
      name: 'works only on the service host itself',
      paste: 'The same request run on the database host itself succeeds; from the app servers it is refused.',
      expect: { cause: 'ip_blocked_or_restricted', severity: 'warning', fix: ['loopback_users'] },
    },
    {
      name: 'sign-in moved to SSO: an API token is needed',
      paste:
        'Since we enforced SAML single sign-on for the org, the nightly export script gets 401 with my password.',
      expect: { cause: 'wrong_token_type', severity: 'warning', detail: ['SSO'], fix: ['API token'] },
    },
    {
      name: 'two-factor turned on',
      paste: 'I turned on two-factor authentication yesterday and the backup job started failing.',
      expect: { cause: 'wrong_token_type', severity: 'warning' },
    },
    {
      name: 'SSO activated, in Portuguese',
      paste: 'Ativamos o login via Okta na empresa e o script parou.',
      expect: { cause: 'wrong_token_type', severity: 'warning' },
    },
    {
      name: 'the key was rotated: the old value is still configured somewhere',
      paste:
        'Security rotated every client secret on Friday, and since then the billing worker is unauthorized.',
      expect: { cause: 'invalid_credentials', severity: 'warning', fix: ['restart the processes'] },
    },
    {
      name: 'after regenerating the token',
      paste: 'After I regenerated the API token in the dashboard, the Zapier step returns 401.',
      expect: { cause: 'invalid_credentials', severity: 'warning' },
    },
    {
      name: 'a sandbox token sent to the production host: a strong environment lead',
      paste: `I use the sandbox access token from the developer console.
curl -i https://api.paypal.com/v1/invoicing/invoices -H "Authorization: Bearer A21AAExampleExampleExample"`,
      expect: {
        cause: 'wrong_environment',
        severity: 'warning',
        minConfidence: 0.7,
        detail: ['api.paypal.com', 'production'],
      },
    },
    {
      name: 'a region the request host does not carry',
      paste: `Our account lives in the Frankfurt data center.
Traceback: requests.exceptions.HTTPError: 401 Client Error: Unauthorized for url: https://api.example-crm.com/v3/contacts`,
      expect: {
        cause: 'wrong_environment',
        severity: 'warning',
        minConfidence: 0.7,
        detail: ['api.example-crm.com'],
      },
    },
    {
      name: 'the refresh token used as the bearer because the access token expires',
      paste:
        'I switched to the refresh token for the API calls since the access token expires after an hour.',
      expect: {
        cause: 'wrong_token_type',
        severity: 'warning',
        minConfidence: 0.7,
        fix: ['grant_type=refresh_token'],
      },
    },
    {
      name: 'an account that is not verified yet',
      paste: 'I signed up yesterday and I have not verified my email yet, is that why the key is rejected?',
      expect: { cause: 'account_or_billing_state', severity: 'warning' },
    },
    {
      name: 'stops after an hour, in Spanish',
      paste: 'La integración deja de funcionar después de una hora y hay que reiniciar.',
      expect: { cause: 'expired_token', severity: 'warning' },
    },
    {
      name: 'a restart makes it work, in French',
      paste: "Après un redémarrage ça marche de nouveau, puis l'API répond 401.",
      expect: { cause: 'expired_token', severity: 'warning' },
    },
    {
      name: 'time sync was disabled',
      paste: 'Turns out chronyd was stopped on the signing host after the VM was moved.',
      expect: { cause: 'not_yet_valid_or_clock_skew', severity: 'warning', fix: ['NTP'] },
    },
    {
      name: 'the clock is behind, in Portuguese',
      paste: 'Descobri que o relógio do servidor está atrasado uns minutos.',
      expect: { cause: 'not_yet_valid_or_clock_skew', severity: 'warning' },
    },
    {
      name: 'the token has expired, in Italian',
      paste: 'Il client dice che il token è scaduto ma l’ho appena generato.',
      expect: { cause: 'expired_token', severity: 'warning' },
    },
  ],
  valid: [
    {
      name: 'moving a value, not a machine',
      paste: 'I moved the token into an environment variable and it still fails.',
    },
    { name: 'the same server as before', paste: 'Nothing moved: same server as before, same IP still.' },
    { name: 'SSO is not in use', paste: 'SSO is not enabled for our account, we log in with a password.' },
    {
      name: 'a rotation that did not change anything',
      paste: 'I already regenerated the key twice, same thing, so it is not the key.',
    },
    {
      name: 'sandbox words, and the request goes to the sandbox host',
      paste: `I use the sandbox access token.
curl -i https://api.sandbox.paypal.com/v1/invoicing/invoices -H "Authorization: Bearer A21AAExampleExampleExample"`,
    },
    {
      name: 'the region the request host already names',
      paste: `Our account is in the EU region.
curl -i https://api.eu.example-mail.net/v3/messages -H "Authorization: Basic YXBpOmtleS0xMjM0"`,
    },
    {
      name: 'the refresh token used the right way',
      paste: 'I use the refresh token to get a new access token every hour.',
    },
    { name: 'a verified account', paste: 'My account is verified and billing is set up.' },
    { name: 'not expired, in German', paste: 'Das Token ist nicht abgelaufen, ich habe es gerade erzeugt.' },
    { name: 'not expired, in French', paste: "Le jeton n'a pas expiré, il est tout neuf." },
    { name: 'NTP is fine', paste: 'NTP is enabled and synced on every host.' },
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
