import rule from '../../../src/rules/publishable-key.js';
import { ALNUM, generator, HEX } from '../../support/credential-fakes.js';
import { defineCases } from '../../support/rule-cases.js';

// A generator of this file's own, so its fakes do not depend on which files loaded before it.
const random = generator(103);

const pkTest = `pk_test_${random(ALNUM, 24)}`;
const pkLive = `pk_live_${random(ALNUM, 99)}`;
const whsec = `whsec_${random(ALNUM, 32)}`;
const akia = `AKIA${random('ABCDEFGHIJKLMNOPQRSTUVWXYZ234567', 16)}`;
const shpss = `shpss_${random(HEX, 32)}`;
const accountSid = `AC${random(HEX, 32)}`;

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a Stripe publishable key for a charge',
      paste: `curl https://api.stripe.com/v1/charges -u ${pkTest}: -d amount=2000 -d currency=usd`,
      expect: {
        cause: 'wrong_token_type',
        severity: 'error',
        evidence: 'request.auth',
        detail: ['Stripe test publishable key', 'POST /v1/charges'],
        fix: ['sk_test_', 'https://dashboard.stripe.com/test/apikeys', "-u '<YOUR_STRIPE_SECRET_KEY>:'"],
      },
    },
    {
      name: 'a live publishable key as the bearer',
      paste: `curl -H "Authorization: Bearer ${pkLive}" https://api.stripe.com/v1/customers`,
      expect: { severity: 'error', fix: ['sk_live_', 'https://dashboard.stripe.com/apikeys'] },
    },
    {
      name: 'a webhook signing secret as the API key',
      paste: `curl https://api.stripe.com/v1/events -H "Authorization: Bearer ${whsec}"`,
      expect: { severity: 'error', detail: ['webhook signing secret'], fix: ['constructEvent'] },
    },
    {
      name: 'an AWS access key ID as a bearer token',
      paste: `curl -H "Authorization: Bearer ${akia}" https://abc123.execute-api.us-east-1.amazonaws.com/prod/items`,
      expect: { severity: 'error', detail: ['AWS access key ID', 'identifier'], fix: ['--aws-sigv4'] },
    },
    {
      name: 'a Shopify app secret as the access token',
      paste: `curl -H "X-Shopify-Access-Token: ${shpss}" https://demo-store.myshopify.com/admin/api/2024-10/shop.json`,
      expect: {
        detail: ['client (application) secret'],
        fix: ['shpat_', 'X-Shopify-Access-Token: <ACCESS_TOKEN>'],
      },
    },
  ],
  valid: [
    {
      name: 'a publishable key creating a token',
      paste: `curl https://api.stripe.com/v1/tokens -u ${pkTest}: -d "card[number]=4242424242424242"`,
    },
    {
      name: 'a publishable key sent to your own backend',
      paste: `curl -H "X-Stripe-Key: ${pkTest}" https://shop.example.com/api/config`,
    },
    {
      name: 'a Twilio Account SID as the Basic username',
      paste: `curl -u ${accountSid}:${random(HEX, 32)} https://api.twilio.com/2010-04-01/Accounts.json`,
    },
    {
      name: "Stripe's documented example key",
      paste: 'curl https://api.stripe.com/v1/charges -u pk_test_TYooMQauvdEDq54NiTphI7jx:',
    },
    { name: 'a webhook secret in an env file', paste: `STRIPE_WEBHOOK_SECRET=${whsec}` },
    {
      name: 'a client secret at the token endpoint',
      paste: `curl -X POST https://demo-store.myshopify.com/admin/oauth/access_token -H "X-Client-Secret: ${shpss}" -d code=abc`,
    },
  ],
});
