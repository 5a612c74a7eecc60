/**
 * Webhook and signed-request verification: the receiving side recomputes an HMAC over the request and it does
 * not match the sender's header (Stripe, GitHub, Shopify, Slack, Twilio, Svix and hand-written handlers). The
 * sender is almost never wrong; the receiver hashes the wrong bytes (a re-serialised JSON body instead of the
 * raw one) or with the wrong secret.
 */
import type { LibraryErrorInput } from '../schema.js';

const RAW_BODY_FIX = [
  'Compute the HMAC over the raw request body bytes exactly as received, before any JSON parsing or re-encoding (Laravel `$request->getContent()`, Express `express.raw({ type: "application/json" })` on the webhook route, Flask `request.get_data()`, Django `request.body`, ASP.NET `Request.Body` read before model binding). Re-serialised JSON (`json_encode($request->all())`, `JSON.stringify(req.body)`) changes spacing, key order and escaping, so the digest never matches.',
  "Use the signing secret of this endpoint and environment (each webhook endpoint, and test vs live mode, has its own; the Stripe CLI's `whsec_` differs from the dashboard's), and encode the digest the way the header does (Shopify: base64; GitHub `sha256=` + hex; Slack `v0=` + hex over `v0:<timestamp>:<body>`).",
  'Compare with a constant-time function (`hash_equals`, `crypto.timingSafeEqual`, `hmac.compare_digest`).',
];

export const WEBHOOK_ERRORS: LibraryErrorInput[] = [
  {
    id: 'webhook-signature-mismatch',
    library: 'webhook signature verification',
    match:
      "\\bNo signatures found matching the expected signature for payload\\b|\\bWebhook signature verification failed\\b|\\bwebhooks?\\b[^\\n]{0,60}\\b(?:hmac|signature)s?\\b[^\\n]{0,30}\\b(?:mismatch|do(?:es)? not match|did not match|doesn[’']t match|didn[’']t match|verification failed|validation failed|is invalid|invalid)\\b|\\b(?:hmac|signature)s?\\b[^\\n]{0,30}\\b(?:mismatch|verification failed|validation failed)\\b[^\\n]{0,40}\\bwebhooks?\\b|\\bX-Hub-Signature(?:-256)?\\b[^\\n]{0,60}\\b(?:does not match|doesn[’']t match|mismatch|invalid)\\b|\\bsignature does not match event payload and secret\\b|\\bHMAC validation failed\\b|\\bX-Shopify-Hmac-Sha256\\b[^\\n]{0,60}\\b(?:mismatch|invalid|does not match)\\b|\\bNo matching signature found\\b|\\bTwilio Request Validation Failed\\b|\\bUnable to extract timestamp and signatures from header\\b",
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The receiving code recomputed the webhook signature (an HMAC of the request body with the shared signing secret) and got a different value than the sender put in its header, so it refused the delivery. The sender signs the exact bytes it sent; a handler that hashes a parsed-and-re-encoded body, or uses another endpoint’s or environment’s secret, never matches.',
    fix: RAW_BODY_FIX,
    docs: [
      'https://docs.stripe.com/webhooks#verify-official-libraries',
      'https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries',
      'https://shopify.dev/docs/apps/build/webhooks/subscribe/https#step-5-verify-the-webhook',
    ],
    examples: [
      'Stripe\\Exception\\SignatureVerificationException: No signatures found matching the expected signature for payload',
      '⚠️  Webhook signature verification failed. No signatures found matching the expected signature for payload. Are you passing the raw request body you received from Stripe?',
      '[2025-03-04 10:00:00] production.WARNING: orders webhook hmac mismatch {"hmac":"abc="}',
      'Error: [@octokit/webhooks] signature does not match event payload and secret',
      'X-Hub-Signature-256 does not match the computed digest',
      'Shopify webhook HMAC validation failed',
      'svix.exceptions.WebhookVerificationError: No matching signature found',
    ],
    near: ['webhook delivered in 120ms', 'JsonWebTokenError: invalid signature'],
  },
  {
    id: 'slack-request-signature',
    library: 'Slack request signing',
    match:
      '\\binvalid[_ ]request[_ ]signature\\b|\\bInvalid request signature detected\\b|\\bFailed to verify authenticity\\b|\\bSlack request signing verification failed\\b|\\b(?:slack[\\w-]{0,20}|x-slack-signature|request signing)[^\\n]{0,80}\\b(?:invalid signature|signature mismatch)\\b|\\b(?:invalid signature|signature mismatch)\\b[^\\n]{0,80}\\b(?:slack|x-slack-signature|request signing)\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.85,
    explain:
      "Slack signs each request with the app's Signing Secret over `v0:<X-Slack-Request-Timestamp>:<raw body>`; the app computed another value. Usually the body was parsed before verification (the urlencoded or JSON body re-encoded), the Signing Secret is another app's (or the bot token or client secret was used instead), or the timestamp is older than five minutes.",
    fix: [
      "Verify against the raw body with the app's Signing Secret (Basic Information → App Credentials), not the bot token or client secret; with Bolt, do not add a body parser in front of its receiver.",
      ...RAW_BODY_FIX.slice(2),
    ],
    docs: ['https://api.slack.com/authentication/verifying-requests-from-slack'],
    examples: [
      '[ERROR] bolt-app Invalid request signature detected (signature: v0=abc, timestamp: 1700000000)',
      'Error: Failed to verify authenticity: signature mismatch',
      'slack_bolt: invalid signature for request',
    ],
    near: ['Slack message posted'],
  },
  {
    id: 'generic-hmac-mismatch',
    library: 'the receiving code',
    match:
      "\\b(?:hmac|signatures?)\\b[^\\n.]{0,30}\\b(?:mismatch|do(?:es)? not match|did not match|doesn[’']t match|didn[’']t match)\\b|\\b(?:hmac|signature)[_ ]mismatch\\b",
    tier: 'generic',
    cause: 'signature_or_key_mismatch',
    severity: 'warning',
    confidence: 0.6,
    explain:
      'A signature (HMAC) computed on one side does not match the one sent: the two sides hash different bytes (the raw body vs a re-encoded one, another canonical request) or use different secrets.',
    fix: RAW_BODY_FIX,
    examples: ['hmac mismatch for delivery 42', 'computed signature does not match header'],
    near: ['signature verified', 'the password does not match'],
  },
];
