/**
 * What users say about the credential itself: ID token vs access token, an audience that is the client's ID,
 * a refresh token used as the bearer token, a login that moved to SSO or 2FA (so the password no longer
 * works for the API), and a key that was rotated or regenerated (the old one still configured somewhere).
 */
import type { PhraseFamilyInput } from '../schema.js';
import { CREDENTIAL, R, TOKEN_ACCESS, TOKEN_ID } from './words.js';

const SSO =
  '(?:sso|saml|single sign-?on|okta|azure ad|entra(?: id)?|adfs|keycloak|oidc|openid connect|google (?:workspace|sso) login|onelogin|ping(?:federate|one)?|2fa|two[- ]factor(?: authentication)?|mfa|multi[- ]factor(?: authentication)?|2-step verification)';
const TURNED_ON =
  '(?:enabl(?:e|ed|ing)|turn(?:ed|ing)? on|switch(?:ed|ing)?|mov(?:ed|ing)|migrat(?:ed|ing)|enforc(?:e|ed|es|ing)|requir(?:e|ed|es|ing)|activat(?:e|ed|ing)|introduc(?:e|ed|ing)|roll(?:ed|ing) out|set up|added|ativamos|ativei|activamos|activ[eé]|aktiviert|eingef[uü]hrt|activ[eé]|attivato)';
const ROTATED =
  '(?:rotat(?:e|ed|ing)|regenerat(?:e|ed|ing)|re-?generat(?:e|ed|ing)|reset(?:ting)?|recreat(?:e|ed|ing)|re-?creat(?:e|ed|ing)|revok(?:e|ed|ing)|roll(?:ed|ing)|renew(?:ed|ing)?|cycl(?:e|ed|ing)|replac(?:e|ed|ing)|regenerei|regenerar|rotar|rotacionar|resetear|regener[eé]|neu generiert|neu erstellt|r[eé]g[eé]n[eé]r[eé]|rigenerat[oa])';

export const CREDENTIAL_FAMILIES: PhraseFamilyInput[] = [
  {
    id: 'id-token-vs-access-token',
    cause: 'wrong_token_type',
    confidence: 0.5,
    match: [
      `\\b${TOKEN_ID}\\b[^\\n]{0,120}\\b${TOKEN_ACCESS}\\b|\\b${TOKEN_ACCESS}\\b[^\\n]{0,120}\\b${TOKEN_ID}\\b`,
      `\\b(?:send(?:ing)?|us(?:e|ing)|pass(?:ing)?|put(?:ting)?|attach(?:ing)?)\\b (?:the |my |an |our )?${TOKEN_ID}\\b|\\b${TOKEN_ID}\\b (?:as (?:a |the )?(?:bearer|access token)|in (?:the )?(?:authorization|auth) header)`,
    ],
    strong: [
      `\\bswitch(?:ed|ing)? (?:to|over to|back to)\\b[^.!?\\n]{0,40}\\b(?:id|access)[_ -]?tokens?\\b[^.!?\\n]{0,60}\\b(?:works?|worked|no longer|fine|ok|200|succeeds?)\\b`,
      `\\b(?:id|access)[_ -]?tokens?\\b[^.!?\\n]{0,40}\\b(?:works?|worked)\\b[^.!?\\n]{0,40}\\b(?:but|while|whereas)\\b[^.!?\\n]{0,40}\\b(?:id|access)[_ -]?tokens?\\b`,
    ],
    strongConfidence: 0.65,
    title: 'ID token and access token may be swapped',
    explain:
      "An API normally wants the access token issued for it (its `aud` is the API); the ID token tells the client app who signed in (its `aud` is the client ID) and is refused by most APIs. Some gateways do the opposite: an Amazon Cognito User Pool authorizer without OAuth scopes validates the ID token. Send the one the API's validator is configured for.",
    fix: [
      "Decode both tokens: the one whose `aud` is the API's identifier (and, for Cognito, `token_use: access`) is the access token; send that unless the API's authorizer is configured for ID tokens.",
      'For Cognito: an authorizer with OAuth scopes wants the access token; without scopes, the ID token.',
    ],
    docs: ['https://openid.net/specs/openid-connect-core-1_0.html#IDToken'],
    examples: [
      'when using the accessToken JWT I get 401s and if I switch to using idToken it works',
      'I am sending the id_token in the Authorization header',
      'should I use the ID token or the access token for the API?',
    ],
    near: ['the user id tokenizer', 'I get an access token from the token endpoint'],
  },
  {
    id: 'audience-is-client-id',
    cause: 'wrong_token_type',
    confidence: 0.55,
    match: [
      '\\baud(?:ience)?\\b[^.!?\\n]{0,50}\\b(?:client[ _-]?id|app(?:lication)?[ _-]?id|id of (?:the |my |our )?(?:spa|app|application|front-?end|client|web app|mobile app))\\b',
    ],
    title: "The token's audience is the client's ID: an ID token",
    explain:
      'A token whose `aud` is the client (application) ID is an OpenID Connect ID token, made for the app that signed the user in, not for an API; APIs check for their own identifier in `aud`.',
    fix: [
      "Request an access token for the API (pass the API's identifier as `audience`/`resource`, or its scope) and send that instead of the ID token.",
    ],
    docs: ['https://openid.net/specs/openid-connect-core-1_0.html#IDToken'],
    examples: ['the audience is actually the ID of my SPA client', 'aud claim equals my client_id'],
    near: ['the audience should be my API identifier'],
  },
  {
    id: 'refresh-token-as-bearer',
    cause: 'wrong_token_type',
    confidence: 0.6,
    match: [
      `\\b(?:us(?:e|ed|ing)|pick(?:ed|ing)?|chose|choose|went with|switched to|send(?:ing|s)?|sent|pass(?:ed|ing)?|put(?:ting)?|tried|trying)\\b[^.!?\\n]{0,20}\\b(?:the |my |a |our )?(?:refresh[_ -]?token|long[- ]lived (?:one|token)|refresh one)\\b[^.!?\\n]{0,40}\\b(?:as (?:a |the )?(?:bearer|access token|token)|in (?:the )?(?:authorization|auth) header|for (?:the )?(?:api|requests?|calls?)|because|since|instead|so (?:that )?it)\\b`,
      '\\brefresh[_ -]?tokens?\\b[^.!?\\n]{0,30}\\b(?:as (?:a |the )?(?:bearer|access token)|in (?:the )?(?:authorization|auth) header)\\b',
      '\\b(?:picked|chose|use|used|using)\\b[^.!?\\n]{0,20}\\bthe long[- ]lived (?:one|token)\\b',
    ],
    strong: [
      '\\b(?:long[- ]lived|refresh)\\b[^.!?\\n]{0,60}\\b(?:because|since|as) the (?:other|short(?:[- ]lived)?|access) (?:one |token )?(?:stopped working|stops working|expired|expires|only lasts|dies|times out)\\b',
    ],
    strongConfidence: 0.72,
    title: 'A refresh token used as the bearer token',
    explain:
      'The long-lived token in a token response is the refresh token: it is only for getting new access tokens from the token endpoint, and APIs refuse it as a bearer token. The short-lived one that "stops working after an hour" is the access token, and the fix is to refresh it, not to replace it.',
    fix: [
      "Send the `access_token`; when it expires, POST the refresh token to the issuer's token endpoint with `grant_type=refresh_token` (or let the client library refresh) and send the new access token.",
    ],
    docs: ['https://www.rfc-editor.org/rfc/rfc6749#section-1.5'],
    examples: [
      'I went with the long-lived token since the short one expires after 60 minutes',
      'I am sending the refresh_token as the bearer token',
      'we put the refresh token in the Authorization header',
    ],
    near: ['I use the refresh token to get a new access token', 'the refresh token is stored in a cookie'],
  },
  {
    id: 'sso-or-2fa-enabled',
    cause: 'wrong_token_type',
    confidence: 0.62,
    negationWithin: true,
    match: [
      `\\b${TURNED_ON}${R}[^.!?\\n]{0,40}\\b${SSO}\\b`,
      `\\b${SSO}\\b[^.!?\\n]{0,30}\\b(?:is |was |got |has been |became |now )?(?:enabled|enforced|required|turned on|mandatory|activated|rolled out|ativad[oa]|activad[oa]|aktiviert|activ[eé]e?|attivat[oa])${R}`,
      `\\b(?:log ?in|sign[- ]?in|login page|authentication|auth)\\b[^.!?\\n]{0,30}\\b(?:goes|go|went|is|now) (?:through|via|over) ${SSO}\\b`,
    ],
    title: 'Sign-in moved to SSO or 2FA: the password no longer works for the API',
    explain:
      'Once an account signs in through SSO (SAML, OIDC, Okta, Entra ID) or needs a second factor, its password stops being a credential scripts can use: Basic authentication and password grants with it fail, and the service expects an API token, personal access token or app password instead (with SAML enforced on a GitHub organization, the token must also be authorized for SSO).',
    fix: [
      'Create an API token for the account in the service itself (Jenkins: User → Security → API Token; GitHub/GitLab/Atlassian: personal access token or API token; Google: app password) and use it where the password was.',
      'With SAML SSO enforced for an organization, authorize the token for that organization (GitHub: Configure SSO on the token).',
    ],
    examples: [
      'since IT moved our Jenkins sign-in to Azure AD the API calls fail',
      'after enabling 2FA on the account the script gets 401',
      'SSO is enforced for our org since Monday',
      'our login now goes through Okta',
      'Ativamos o SSO com Azure AD na semana passada',
    ],
    near: ['SSO is not enabled for us', 'we do not use SAML'],
  },
  {
    id: 'rotated-or-regenerated-key',
    cause: 'invalid_credentials',
    confidence: 0.58,
    match: [
      `\\b(?:after|since|when|once|seit|desde|depuis|dopo|ap[oó]s|depois de|despu[eé]s de)\\b[^.!?\\n]{0,30}\\b${ROTATED}${R}[^.!?\\n]{0,30}\\b${CREDENTIAL}\\b`,
      `\\b(?:we|i|they|someone|admin|ops|security)\\b[^.!?\\n]{0,15}\\b${ROTATED}${R} (?:the |our |my |all |its |a |their |all the |every |each |both )?(?:old )?${CREDENTIAL}\\b[^.!?\\n]{0,60}\\b(?:and (?:now|since)|since then|now|401|403|unauthori[sz]ed|fails?|failing|broke|broken)\\b`,
      `\\b${CREDENTIAL}\\b[^.!?\\n]{0,20}\\b(?:was|were|got|has been|have been) ${ROTATED}${R}`,
    ],
    negationWithin: true,
    unless: [
      "\\b(?:same (?:thing|error|result|problem|response)|still (?:fails|failing|the same|401|403|doesn't|does not|get|getting|returns)|didn't help|did not help|no (?:luck|change|difference)|not the key|nothing changed|doesn't help|does not help|n[aã]o adiantou|no sirvi[oó]|hat nicht geholfen|[çc]a n'a rien chang[eé])\\b",
    ],
    title: 'It broke when the key was rotated: the old value is still configured somewhere',
    explain:
      'A credential that was rotated, regenerated or revoked invalidates the old value at once, and everything that still holds the old one fails: an environment variable or secret not updated in every environment, a process or pod that was not restarted (it read the secret at start-up), a CI secret, a cached config, or a second service that shared the key. Some providers also take a few minutes to activate a new key.',
    fix: [
      'Compare the fingerprint of the value the failing process really uses (log its last four characters or its length, not the value) with the new key, update every place that holds it, and restart the processes that read it at start-up.',
    ],
    examples: [
      'after rotating the client secret yesterday the nightly job gets 401',
      'security rotated all API keys on Friday and since then the integration fails',
      'the token was regenerated last week',
      'Depois de regenerar a chave da API começou o erro 401',
    ],
    near: [
      'I already regenerated the key, same thing',
      'I deleted the key and made a new one but it still fails',
      'I rotate the keys every month',
    ],
  },
];
