import type { ProviderPackInput } from '../schema.js';

const REST_AUTH_DOC = 'https://jfrog.com/help/r/jfrog-rest-apis/introduction-to-the-artifactory-rest-apis';
const BASIC_TOKEN_DOC =
  'https://jfrog.com/help/r/jfrog-platform-administration-documentation/basic-authentication';
const API_KEY_DEPRECATION_DOC =
  'https://jfrog.com/help/r/jfrog-platform-administration-documentation/jfrog-api-key-deprecation-process';
const ENCRYPTED_PASSWORDS_DOC =
  'https://jfrog.com/help/r/jfrog-platform-administration-documentation/centrally-secure-passwords';

export const jfrogArtifactory = {
  id: 'artifactory',
  name: 'JFrog Artifactory REST API',
  hosts: [
    {
      host: '*.jfrog.io',
      note: 'JFrog Cloud instances (<server>.jfrog.io); self-hosted Artifactory is recognised by its headers',
    },
  ],
  auth: [
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an access token (a JWT) or a reference token (cmVmdGtu…)',
      formats: ['artifactory.reference_token'],
      status: 'preferred',
    },
    {
      in: 'basic',
      credential:
        'the username with a password, an access or reference token, an identity token, or (while still enabled) an API key',
      basicShape: 'username:token_or_password (the username the token was issued for)',
      formats: ['artifactory.api_key', 'artifactory.reference_token'],
      status: 'accepted',
    },
    {
      in: 'header',
      name: 'X-JFrog-Art-Api',
      credential: 'an API key (AKCp…) or a reference token',
      formats: ['artifactory.api_key', 'artifactory.reference_token'],
      status: 'deprecated',
      note: 'API keys are deprecated: creation was disabled and their use is being removed; move to access or identity tokens.',
    },
    {
      in: 'header',
      scheme: 'Bearer',
      credential: 'an API key (AKCp…) sent as a Bearer token',
      formats: ['artifactory.api_key'],
      status: 'rejected',
      note: 'an API key is not an access token; send it in X-JFrog-Art-Api or as the Basic password',
    },
  ],
  headerNames: ['x-jfrog-art-api', 'x-jfrog-version', 'x-artifactory-id', 'x-artifactory-node-id'],
  credentialFormats: [
    {
      id: 'artifactory.api_key',
      name: 'Artifactory API key (AKCp…, deprecated)',
      pattern: 'AKCp[A-Za-z0-9]{60,80}',
      prefix: 'AKCp',
      tokenType: 'api_key',
    },
    {
      id: 'artifactory.reference_token',
      name: 'JFrog reference token (cmVmdGtu…)',
      pattern: 'cmVmdGtu[A-Za-z0-9]{40,80}',
      prefix: 'cmVmdGtu',
      tokenType: 'access_token',
    },
  ],
  errors: [
    {
      id: 'bad-credentials',
      situation: 'Artifactory did not accept the credentials it read',
      match: String.raw`"status"\s*:\s*401\s*,\s*"message"\s*:\s*"Bad credentials"`,
      status: [401],
      cause: 'invalid_credentials',
      severity: 'warning',
      confidence: 0.7,
      explain:
        'Artifactory read credentials but none of its realms accepted them: a wrong or expired password or token, a token used with another username than the one it was issued for, an API key that was revoked or disabled by the API key deprecation — or a credential sent in a place that does not take it, such as an API key (AKCp…) under `Authorization: Bearer`, which only takes access and reference tokens.',
      fix: [
        'Send an access or reference token as `Authorization: Bearer <TOKEN>`, or use Basic with the username the token belongs to: `curl -u <USER>:<TOKEN> …`.',
        'An API key goes in `X-JFrog-Art-Api: <API_KEY>` or as the Basic password, never as Bearer; better, replace it with an identity token (Edit Profile → Generate an Identity Token).',
      ],
      docs: [REST_AUTH_DOC, API_KEY_DEPRECATION_DOC],
    },
    {
      id: 'authentication-required',
      situation: 'a request Artifactory treated as anonymous where anonymous access is off',
      match: String.raw`"status"\s*:\s*401\s*,\s*"message"\s*:\s*"Authentication is required"`,
      status: [401],
      cause: 'missing_credentials',
      confidence: 0.8,
      explain:
        'No credentials Artifactory recognises reached it: none were sent, a proxy removed them, or they were in a header this version does not read (X-JFrog-Art-Api needs Artifactory 4.4.3 or later).',
      fix: [
        'Send credentials on every request: `curl -H "Authorization: Bearer <TOKEN>" …` or `curl -u <USER>:<TOKEN> …`.',
      ],
      docs: [REST_AUTH_DOC],
    },
    {
      id: 'clear-text-password-rejected',
      situation: 'a clear-text password where the Password Encryption Policy requires encrypted passwords',
      match: 'accept only encrypted passwords but received a clear text password',
      cause: 'wrong_token_type',
      confidence: 0.85,
      explain:
        'The administrator set the Password Encryption Policy to “Required”, so Artifactory refuses the account password in clear text (for example in Maven’s settings.xml). It accepts the encrypted password from the user profile, or a token.',
      fix: [
        'Use the encrypted password shown in your Artifactory profile, or an identity/access token, instead of the plain account password.',
      ],
      docs: [ENCRYPTED_PASSWORDS_DOC],
    },
  ],
  requiresHttps: false,
  docs: [
    { title: 'Artifactory REST API authentication', url: REST_AUTH_DOC },
    { title: 'Access tokens in Basic authentication', url: BASIC_TOKEN_DOC },
    { title: 'API key deprecation process', url: API_KEY_DEPRECATION_DOC },
    { title: 'Centrally secure passwords (Password Encryption Policy)', url: ENCRYPTED_PASSWORDS_DOC },
  ],
  pitfalls: [
    'An API key (AKCp…) is not a Bearer token: send it in X-JFrog-Art-Api or as the Basic password.',
    'API keys are deprecated: new ones cannot be created and existing ones stop working once the deprecation reaches the instance; use identity or access tokens.',
    'An access token used in Basic authentication must go with the username it was issued for.',
  ],
} satisfies ProviderPackInput;
