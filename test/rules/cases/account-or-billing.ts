import rule from '../../../src/rules/account-or-billing.js';
import { defineCases } from '../../support/rule-cases.js';

export default defineCases({
  rule,
  invalid: [
    {
      name: 'a PaaS wants the account verified (a card on file) before this plan',
      paste: `HTTP/1.1 403 Forbidden
Content-Type: application/json

{"id":"verification_required","message":"Please verify your account to install this plan (a credit card is required)."}`,
      expect: {
        cause: 'account_or_billing_state',
        severity: 'error',
        evidence: 'response.body',
        detail: ['verify your account'],
        fix: ['Finish the verification'],
      },
    },
    {
      name: 'an auth service refuses an unconfirmed e-mail',
      paste: `HTTP/1.1 400 Bad Request
Content-Type: application/json

{"error_code":"email_not_confirmed","msg":"Email not confirmed"}`,
      expect: { cause: 'account_or_billing_state', severity: 'error' },
    },
    {
      name: 'an endpoint that needs a separate subscription',
      paste: `HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"cod":401,"message":"Access to the forecast endpoint requires a separate subscription to the Pro plan."}`,
      expect: {
        cause: 'account_or_billing_state',
        severity: 'error',
        detail: ['requires a separate subscription'],
      },
    },
    {
      name: 'a feature not available on the current plan',
      paste: `HTTP/1.1 403 Forbidden

{"message":"Webhooks are not available on your current plan."}`,
      expect: { cause: 'account_or_billing_state', severity: 'error' },
    },
    {
      name: 'a geocoding key whose project has not activated the API',
      paste: `{ error_message: 'This API project is not authorized to use this API. Please ensure that this API is activated in the Google Developers Console: https://console.developers.google.com/apis/api/geocoding_backend?project=_',
  results: [],
  status: 'REQUEST_DENIED' }`,
      expect: {
        cause: 'account_or_billing_state',
        severity: 'error',
        evidence: 'errorBodies[0]',
        detail: ['not authorized to use this API', 'not enabled'],
        fix: [
          'gcloud services enable',
          'https://console.developers.google.com/apis/api/geocoding_backend?project=_',
        ],
      },
    },
    {
      name: 'a Cloud API has not been used in the project',
      paste: `{"error":{"code":403,"message":"Cloud Translation API has not been used in project 123456789012 before or it is disabled. Enable it by visiting https://console.developers.google.com/apis/api/translate.googleapis.com/overview?project=123456789012 then retry.","status":"PERMISSION_DENIED","details":[{"reason":"SERVICE_DISABLED"}]}}`,
      expect: {
        severity: 'error',
        detail: ['has not been used in project'],
        fix: ['translate.googleapis.com'],
      },
    },
    {
      name: 'billing disabled',
      paste: `{"error":{"code":403,"message":"This API method requires billing to be enabled. Please enable billing on project #4242 by visiting https://console.developers.google.com/billing/enable?project=4242 then retry.","status":"PERMISSION_DENIED","details":[{"reason":"BILLING_DISABLED"}]}}`,
      expect: {
        severity: 'error',
        detail: ['requires billing to be enabled', 'no active billing'],
        fix: ['payment method', 'https://console.developers.google.com/billing/enable?project=4242'],
      },
    },
    {
      name: 'a deactivated account',
      paste: `openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Your account has been deactivated. Please contact support.', 'type': 'invalid_request_error', 'code': 'account_deactivated'}}`,
      expect: { severity: 'error', detail: ['deactivated'], fix: ['suspended or deactivated'] },
    },
    {
      name: 'a trial that ended',
      paste: `HTTP/1.1 401 Unauthorized
Content-Type: application/json

{"error":"trial_expired","message":"Your free trial has expired. Upgrade to continue using the API."}`,
      expect: { severity: 'error', evidence: 'response.body', detail: ['trial has expired'] },
    },
    {
      name: 'quota exceeded answered with 403',
      paste: `{"error":{"code":403,"message":"Quota exceeded for quota metric 'Requests' and limit 'Requests per day' of service 'vision.googleapis.com'."}}`,
      expect: { cause: 'account_or_billing_state', detail: ['Quota exceeded'] },
    },
    {
      name: 'a plan limit is only a warning',
      paste: `{"status":403,"message":"Your plan does not include access to the Reports API."}`,
      expect: { severity: 'warning' },
    },
    {
      name: '402 Payment Required with a store-unavailable body',
      paste: `curl -i https://copper-kettle.myshopify.com/admin/api/2024-04/products.json -H "X-Shopify-Access-Token: $SHOP_TOKEN"
HTTP/2 402
content-type: application/json

{"errors":"Unavailable Shop"}`,
      expect: {
        cause: 'account_or_billing_state',
        severity: 'error',
        detail: ['Unavailable Shop', '402 Payment Required'],
        fix: ['payment method'],
      },
    },
    {
      name: 'a bare 402 on an API call',
      paste: `curl -i https://api.mapforge.io/v3/tiles/12/2048/1361 -H "Authorization: Bearer $MF_TOKEN"
HTTP/1.1 402 Payment Required
content-length: 0`,
      expect: {
        severity: 'error',
        evidence: 'response.status',
        detail: ['api.mapforge.io answered 402 Payment Required'],
        fix: ['settle the outstanding bill'],
      },
    },
    {
      name: 'a 402 from a client library',
      paste: `requests.exceptions.HTTPError: 402 Client Error: Payment Required for url: https://api.textlytics.ai/v2/classify`,
      expect: { severity: 'error', detail: ['402 Payment Required'] },
    },
    {
      name: 'an inactive subscription',
      paste: `HTTP/1.1 403 Forbidden
Content-Type: application/json

{"code":"subscription_inactive","message":"Subscription inactive for this workspace"}`,
      expect: { severity: 'error', detail: ['ubscription inactive'] },
    },
  ],
  valid: [
    {
      name: 'a verified account mentioned in prose',
      paste: 'My account is verified and on the paid plan, yet the call is refused with 401.',
    },
    {
      name: 'quota with 429 is rate limiting, not an auth failure',
      paste: `HTTP/1.1 429 Too Many Requests

{"error":{"message":"You exceeded your current quota, please check your plan and billing details.","type":"insufficient_quota"}}`,
    },
    {
      name: 'a plain bad key',
      paste: `{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}`,
    },
    {
      name: 'the key restricted by IP (another rule)',
      paste: `{"error_message":"This IP, site or mobile application is not authorized to use this API key.","status":"REQUEST_DENIED"}`,
    },
    {
      name: 'a user who is suspicious of billing but no message says so',
      paste: `maybe billing? I get 401 on every call with my token`,
    },
    {
      name: 'a declined card on a payment API is the customer’s card, not the account',
      paste: `curl https://api.stripe.com/v1/payment_intents -u "$STRIPE_KEY:" -d amount=2000 -d currency=eur -d confirm=true
HTTP/1.1 402 Payment Required

{"error":{"type":"card_error","code":"card_declined","decline_code":"generic_decline","message":"Your card was declined."}}`,
    },
    {
      name: 'a 402 the user wonders about is not an answer',
      paste: `could this be a 402 payment thing? the call fails:
curl -i https://api.mapforge.io/v3/tiles/12/2048/1361 -H "Authorization: Bearer $MF_TOKEN"
HTTP/1.1 401 Unauthorized

{"error":"invalid_token"}`,
    },
  ],
});
