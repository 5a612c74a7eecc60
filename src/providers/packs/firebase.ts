import type { ProviderPackInput } from '../schema.js';

const SESSIONS_DOCS = 'https://firebase.google.com/docs/auth/admin/manage-sessions';
const VERIFY_DOCS = 'https://firebase.google.com/docs/auth/admin/verify-id-tokens';
const FCM_MIGRATE_DOCS = 'https://firebase.google.com/docs/cloud-messaging/migrate-v1';
const REST_DOCS = 'https://firebase.google.com/docs/reference/rest/auth';
const ADMIN_ERRORS_DOCS = 'https://firebase.google.com/docs/auth/admin/errors';

export const firebase = {
  id: 'firebase',
  name: 'Firebase (Auth, FCM, Realtime Database)',
  hosts: [
    {
      host: 'identitytoolkit.googleapis.com',
      note: 'Firebase Auth REST (accounts:signIn…, accounts:lookup)',
    },
    { host: 'securetoken.googleapis.com', note: 'ID token refresh (/v1/token)' },
    { host: 'fcm.googleapis.com', note: 'Cloud Messaging; HTTP v1 at /v1/projects/PROJECT_ID/messages:send' },
    { host: 'firebaseinstallations.googleapis.com' },
    { host: 'firebasestorage.googleapis.com' },
    { host: '*.firebaseio.com', note: 'Realtime Database (default US instances)' },
    { host: '*.firebasedatabase.app', note: 'Realtime Database (regional instances)' },
  ],
  auth: [
    {
      in: 'query',
      name: 'key',
      credential: 'the Web API key (AIza…), for Firebase Auth REST',
      formats: ['google.api_key'],
      status: 'preferred',
      note: 'The Web API key identifies the project and is public by design; it is not an admin credential.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an OAuth access token for a service account (scope firebase.messaging), for FCM HTTP v1',
      formats: ['google.oauth_access_token'],
      status: 'preferred',
    },
    {
      in: 'header',
      name: 'Authorization',
      credential: 'a legacy FCM server key, written `Authorization: key=<SERVER_KEY>`',
      status: 'rejected',
      note: 'The legacy FCM APIs (/fcm/send) were deprecated on 2023-06-20 and shut down from 2024-07-22.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential:
        'a Firebase ID token, sent to your own backend or callable functions and verified there with the Admin SDK',
      status: 'accepted',
    },
    {
      in: 'query',
      name: 'auth',
      credential: 'a Firebase ID token (Realtime Database REST); OAuth tokens go in access_token',
      status: 'accepted',
    },
  ],
  headerNames: ['x-firebase-appcheck', 'x-firebase-gmpid'],
  issuers: [{ match: '^https://securetoken\\.google\\.com/[a-z0-9-]{1,64}$' }],
  errors: [
    {
      id: 'fcm-legacy-invalid-key',
      situation: 'a legacy server key on the shut-down /fcm/send API',
      match: String.raw`\b401 INVALID_KEY\b|<title>INVALID_KEY</title>|<h1>INVALID_KEY</h1>`,
      status: [401],
      cause: 'wrong_url_or_endpoint',
      severity: 'warning',
      confidence: 0.75,
      explain:
        'The legacy FCM endpoint refused the server key. The legacy HTTP and XMPP APIs were shut down in 2024, so server keys no longer work at all.',
      fix: [
        'Migrate to HTTP v1: POST https://fcm.googleapis.com/v1/projects/PROJECT_ID/messages:send with `Authorization: Bearer <access token>` minted from a service account.',
      ],
      docs: [FCM_MIGRATE_DOCS],
    },
    {
      id: 'fcm-sender-id-mismatch',
      situation: 'a registration token that belongs to another Firebase project',
      match: String.raw`\bSENDER_ID_MISMATCH\b`,
      status: [403],
      cause: 'wrong_environment',
      explain:
        'The device token was issued for another Firebase project than the one the service account sends for.',
      fix: [
        'Send with credentials of the project the app is registered in (check PROJECT_ID and the google-services file of the app).',
      ],
      docs: ['https://firebase.google.com/docs/reference/fcm/rest/v1/ErrorCode'],
    },
    {
      id: 'id-token-expired',
      situation: 'an expired Firebase ID token verified by the Admin SDK',
      match: 'Firebase ID token has expired|auth/id-token-expired',
      cause: 'expired_token',
      explain: 'Firebase ID tokens live one hour; the client sent a stored token instead of a fresh one.',
      fix: [
        'On the client, call `getIdToken()` before each request (it refreshes automatically) instead of storing the token once.',
      ],
      docs: [VERIFY_DOCS, SESSIONS_DOCS],
    },
    {
      id: 'id-token-revoked',
      situation: "an ID token issued before the user's refresh tokens were revoked",
      match: 'auth/id-token-revoked|Firebase ID token has been revoked',
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        "The user's sessions were revoked (password change, admin action), and verification ran with checkRevoked.",
      fix: ['Have the user sign in again to get new tokens.'],
      docs: [SESSIONS_DOCS],
    },
    {
      id: 'id-token-wrong-audience',
      situation: 'an ID token from another Firebase project, or not a Firebase ID token',
      match: String.raw`Firebase ID token has incorrect "aud" \(audience\) claim|ID token has invalid 'aud' \(audience\) claim`,
      cause: 'wrong_audience_or_issuer',
      confidence: 0.85,
      explain:
        'The token was issued for another project than the one the Admin SDK is initialised with, or it is another kind of token (a Google OAuth ID token, a custom token).',
      fix: [
        'Initialise the Admin SDK with credentials of the same project as the client app, and send `user.getIdToken()` from the client.',
      ],
      docs: [VERIFY_DOCS],
    },
    {
      id: 'id-token-wrong-issuer',
      situation: 'an ID token whose issuer is not securetoken.google.com/PROJECT_ID',
      match: String.raw`Firebase ID token has incorrect "iss" \(issuer\) claim|ID token has invalid 'iss' \(issuer\) claim`,
      cause: 'wrong_audience_or_issuer',
      confidence: 0.85,
      explain:
        'The token was not issued by Firebase Auth for this project (another project, or another identity provider).',
      fix: [
        'Send the Firebase ID token (`user.getIdToken()`), not the identity provider token, and use the same project on both sides.',
      ],
      docs: [VERIFY_DOCS],
    },
    {
      id: 'custom-token-instead-of-id-token',
      situation: 'a custom token (or another JWT without kid) passed where an ID token is expected',
      match: 'expects an ID token, but was given a custom token|Firebase ID token has no "kid" claim',
      cause: 'wrong_token_type',
      confidence: 0.85,
      explain:
        'Custom tokens are only for signInWithCustomToken on the client; the backend must receive the ID token the client gets after signing in.',
      fix: ['Sign in on the client with the custom token, then send `user.getIdToken()` to the backend.'],
      docs: [VERIFY_DOCS],
    },
    {
      id: 'id-token-invalid-signature',
      situation: 'an ID token whose signature does not verify',
      match: 'Firebase ID token has invalid signature',
      cause: 'signature_or_key_mismatch',
      explain:
        "The token signature does not match Google's public keys: it was altered, truncated, or signed by something else.",
      fix: ['Send the token exactly as returned by `getIdToken()`; do not re-sign or modify it.'],
      docs: [VERIFY_DOCS],
    },
    {
      id: 'rest-token-expired',
      situation: "Firebase Auth REST: the user's credential is no longer valid",
      match: String.raw`"message"\s*:\s*"TOKEN_EXPIRED\b`,
      status: [400],
      cause: 'expired_token',
      severity: 'warning',
      confidence: 0.75,
      explain:
        "The user's session is no longer valid (a major account change such as a password reset revoked it), and the user must sign in again.",
      fix: ['Sign the user in again.'],
      docs: [REST_DOCS, SESSIONS_DOCS],
    },
    {
      id: 'rest-invalid-id-token',
      situation: 'Firebase Auth REST: an invalid or stale ID token',
      match: String.raw`"message"\s*:\s*"INVALID_ID_TOKEN\b`,
      status: [400],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.75,
      explain:
        "The ID token sent to the Auth REST API is not valid anymore (the user's credential changed, or the token is malformed).",
      fix: ['Sign the user in again to get a new ID token.'],
      docs: [REST_DOCS],
    },
    {
      id: 'rest-invalid-refresh-token',
      situation: 'Firebase Auth REST: an invalid refresh token',
      match: String.raw`"message"\s*:\s*"INVALID_REFRESH_TOKEN\b`,
      status: [400],
      cause: 'invalid_credentials',
      confidence: 0.85,
      explain:
        'The refresh token sent to securetoken.googleapis.com is not valid (truncated, from another project, or revoked).',
      fix: ['Sign the user in again to obtain a new refresh token.'],
      docs: [REST_DOCS],
    },
    {
      id: 'user-disabled',
      situation: 'the user account was disabled',
      match: String.raw`"message"\s*:\s*"USER_DISABLED\b|auth/user-disabled`,
      cause: 'account_or_billing_state',
      explain: 'An administrator disabled this user; their refresh tokens stop working.',
      fix: ['Re-enable the user in the Firebase console (Authentication › Users) if that was a mistake.'],
      docs: [SESSIONS_DOCS],
    },
    {
      id: 'project-mismatch',
      situation: 'a token or custom token from another Firebase project',
      match: String.raw`"message"\s*:\s*"(?:CREDENTIAL_MISMATCH|PROJECT_NUMBER_MISMATCH)\b`,
      status: [400],
      cause: 'wrong_environment',
      confidence: 0.85,
      explain: 'The token belongs to another Firebase project than the Web API key in the request.',
      fix: ['Use the Web API key and service account of the same project that issued the token.'],
      docs: [REST_DOCS],
    },
    {
      id: 'client-invalid-api-key',
      situation: 'the client SDK was configured with an invalid Web API key',
      match: 'auth/invalid-api-key',
      cause: 'invalid_credentials',
      explain: 'The Firebase config of the app holds an invalid API key.',
      fix: ['Copy the firebaseConfig again from Project settings › General › Your apps.'],
      docs: ['https://firebase.google.com/docs/reference/js/v8/firebase.auth.Error'],
    },
    {
      id: 'client-app-not-authorized',
      situation: 'the hosting domain is not authorized for the API key',
      match: 'auth/app-not-authorized',
      cause: 'ip_blocked_or_restricted',
      explain:
        'The domain the app runs on is not authorized to use Firebase Authentication with this API key.',
      fix: [
        'Add the domain under Authentication › Settings › Authorized domains, and check the API key restrictions in the Cloud Console.',
      ],
      docs: ['https://firebase.google.com/docs/reference/js/v8/firebase.auth.Error'],
    },
  ],
  tokenLifetimes: [
    { token: 'Firebase ID token', seconds: 3600, text: '1 hour' },
    {
      token: 'Firebase refresh token',
      text: 'until the user is deleted or disabled, a major account change (password, email), or revocation',
    },
    { token: 'FCM HTTP v1 OAuth access token', seconds: 3600, text: 'about 1 hour' },
  ],
  endpoints: [
    {
      path: '^/fcm/send$',
      host: 'fcm.googleapis.com',
      status: 'removed',
      message: 'The legacy FCM HTTP API (/fcm/send with Authorization: key=…) was shut down in 2024.',
      cause: 'wrong_url_or_endpoint',
      fix: [
        'Send to POST https://fcm.googleapis.com/v1/projects/PROJECT_ID/messages:send with an OAuth access token from a service account (scope https://www.googleapis.com/auth/firebase.messaging).',
      ],
      docs: [FCM_MIGRATE_DOCS],
    },
  ],
  docs: [
    { title: 'Manage user sessions', url: SESSIONS_DOCS },
    { title: 'Verify ID tokens', url: VERIFY_DOCS },
    { title: 'Migrate from legacy FCM APIs to HTTP v1', url: FCM_MIGRATE_DOCS },
    { title: 'Firebase Auth REST API', url: REST_DOCS },
    { title: 'Admin Authentication API errors', url: ADMIN_ERRORS_DOCS },
  ],
  pitfalls: [
    'ID tokens expire hourly; clients must call getIdToken() (which refreshes automatically) instead of storing the token once.',
    "FCM 'Authorization: key=…' server keys no longer work; HTTP v1 needs a short-lived OAuth token from a service account.",
    'Revoking refresh tokens does not kill ID tokens already issued; they stay valid until their 1-hour expiry unless the backend verifies with checkRevoked.',
    'The Firebase Web API key is not a secret and not an admin credential.',
  ],
} satisfies ProviderPackInput;
