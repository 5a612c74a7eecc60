/**
 * What users say that points at a cause, as phrase families. Each family is a lead (a warning), never a
 * verdict: it says what the words usually mean and what to check. Patterns stay within one sentence
 * (`[^.!?\n]{0,n}`), and the rule skips a phrase the user negates ("it does not work after a restart").
 */

import { lowered, mayMatch } from '../../providers/literal.js';
import { negatedBefore } from './scan.js';
import { compileCatalogue, type PhraseFamily, PhraseFamilySchema } from './schema.js';

/** Tools where hand-made requests usually work. */
const TOOLS =
  '(?:postman|insomnia|swagger(?:[ -]?ui)?|the swagger page|thunder client|hoppscotch|httpie|bruno|curl)';
const FAILS =
  "(?:401|unauthori[sz]ed|fails?|failing|failed|doesn't work|does not work|not working|won't work|rejected)";
const LOCAL =
  '(?:locally|on localhost|on my (?:machine|laptop|computer|pc|mac)|in dev(?:elopment)?|on dev|directly)';
const FRONT =
  '(?:load[ -]?balancer|reverse[ -]?proxy|proxy|nginx|apache|iis|cloudfront|cloudflare|api[ -]?gateway|ingress|alb|elb|front ?door|application gateway|cdn|traefik|haproxy|envoy)';
const TOKEN_ID = 'id[_ -]?tokens?';
const TOKEN_ACCESS = 'access[_ -]?tokens?';

export const PROSE_PHRASES: readonly PhraseFamily[] = compileCatalogue(PhraseFamilySchema, 'prose-phrases', [
  {
    id: 'fails-after-a-while',
    cause: 'expired_token',
    confidence: 0.55,
    match: [
      '\\b(?:works?|working|worked|fine|ok(?:ay)?)\\b[^.!?\\n]{0,40}\\b(?:after|when|if|once)\\b[^.!?\\n]{0,24}\\b(?:restart(?:ing|ed|s)?|reboot(?:ing|ed|s)?|redeploy(?:ing|ed|s)?|re-?log(?:ging)? ?in|log(?:ging)? (?:out and (?:back )?in|in again)|sign(?:ing)? in again|re-?authenticat(?:e|ed|ing))\\b',
      '\\b(?:restart(?:ing)?|reboot(?:ing)?|redeploy(?:ing)?)\\b[^.!?\\n]{0,40}\\b(?:fix(?:es|ed)?|solves?|solved|helps?|helped|resolves?|resolved)\\b',
      `\\b(?:stops?|stopped|starts? failing|started failing|breaks?|broke|${FAILS})\\b[^.!?\\n]{0,60}\\bafter (?:a (?:while|day|few (?:hours|minutes|days))|some (?:time|hours|minutes)|(?:about |around |roughly |exactly |approximately )?(?:an|one|two|three|several|a few|\\d{1,3}) ?(?:hours?|hrs?|minutes?|mins?|days?)|running for a while|a period of time)\\b`,
      '\\b(?:been )?running for (?:a while|some time|hours|days|(?:a few|several|\\d{1,3}) (?:hours?|days?))\\b',
    ],
    title: 'It stops working after a while: an expired token that is not refreshed',
    explain:
      'A request that works at first and fails after some time (or works again after a restart or a new login) is the signature of a token that was fetched once and cached: access tokens usually live 5 minutes to an hour, sessions a few hours.',
    fix: [
      "Check the token's lifetime (`expires_in` in the token response, or the JWT's `exp`), and refresh it before it runs out instead of reusing the one fetched at start-up.",
      'Let the SDK or an auth library manage the token (most refresh on a 401 or ahead of expiry); with a long-lived client object (a singleton), make sure it re-authenticates.',
    ],
    examples: [
      'It starts working again if the server is restarted.',
      'The bot stops working after about an hour with 401s',
      'restarting the app fixes it for a while',
      'When the server has been running for a while the calls fail',
    ],
    near: [
      'it stopped working after I changed the header',
      'I restarted the server but it still fails',
      'it does not work after a restart either',
    ],
  },
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
    id: 'works-in-a-tool',
    cause: 'wrong_header_format',
    confidence: 0.4,
    match: [
      `\\b(?:works?|working|worked|succeeds?|fine|ok(?:ay)?|200)\\b[^.!?\\n]{0,40}\\b(?:in|with|from|using|via|through) ${TOOLS}\\b[^.!?\\n]{0,80}\\b(?:but|however|not|${FAILS})`,
      `\\b${FAILS}\\b[^.!?\\n]{0,80}\\b(?:but|while|whereas|though|yet)\\b[^.!?\\n]{0,40}\\b(?:works?|working|fine|ok(?:ay)?)\\b[^.!?\\n]{0,20}\\b(?:in|with|from|using|via) ${TOOLS}\\b`,
    ],
    title: 'Works from a tool but not from the code',
    explain:
      'The same credential works from a tool but not from the code, so the difference is in how the code sends it: the header name, the `Bearer ` prefix, quotes or a newline in the value, an environment variable that is empty where the code runs, a redirect the HTTP library follows without the header, or (in a browser) a CORS preflight.',
    fix: [
      "Put the two requests side by side: the tool's generated code (Postman: Code → cURL) and the code's outgoing request (log its headers, or point it at https://httpbin.org/headers).",
      'Print the length of the token in the code (not the token): an empty or longer-than-expected value shows a missing variable or a trailing newline.',
    ],
    examples: [
      'It works in Postman but not in my Angular app',
      'I get 401 from axios while it works fine with curl',
      'works with Swagger UI, however the python script fails',
    ],
    near: ['I tested it in Postman too', 'Postman also returns 401'],
  },
  {
    id: 'works-locally-not-deployed',
    cause: 'credentials_dropped_in_transit',
    confidence: 0.45,
    match: [
      `\\b(?:works?|working|worked|fine|ok(?:ay)?)\\b[^.!?\\n]{0,40}\\b${LOCAL}\\b[^.!?\\n]{0,100}\\b(?:but|however|not|${FAILS})`,
      `\\b${FAILS}\\b[^.!?\\n]{0,80}\\b(?:but|while|whereas|though)\\b[^.!?\\n]{0,40}\\bworks?\\b[^.!?\\n]{0,20}\\b${LOCAL}`,
      `\\b(?:behind|through|via) (?:the |a |an |our )?${FRONT}\\b[^.!?\\n]{0,80}\\b(?:${FAILS}|no (?:auth(?:orization)? )?header|missing|stripped|dropped)`,
      '\\b(?:authorization|auth|bearer) header\\b[^.!?\\n]{0,40}\\b(?:is |gets |got |was |being )?(?:stripped|dropped|removed|lost|missing|not (?:forwarded|passed (?:on|through)|received|arriving|reaching))\\b',
      '\\bno (?:authorization |auth )?header on (?:that|the) (?:call|request)\\b',
    ],
    title: 'Works in one place but not behind the deployment: the header may be dropped',
    explain:
      'When the same request works locally or against the app directly but not once deployed or through a front end, what differs is what sits in between: a reverse proxy, load balancer, CDN or API gateway that does not forward `Authorization` (CloudFront only forwards whitelisted headers), an Apache/IIS module that consumes it, a redirect (http→https, trailing slash) that drops it — or configuration and secrets that differ in the deployed app.',
    fix: [
      'Log the headers the deployed app receives; if `Authorization` is missing, configure the hop in front to forward it (CloudFront: add it to the cache/origin request policy; Apache: `CGIPassAuth On`; nginx: do not clear it with `proxy_set_header`).',
      'Compare the deployed configuration (issuer, audience, secrets, environment variables) with the local one.',
    ],
    examples: [
      'It works locally but not in production',
      'if I call the endpoint directly the header gets through, but if I call it via cloudfront I get unauthorized',
      'The Authorization header is stripped by the load balancer',
      'getting 401 on the server while it works on localhost',
    ],
    near: ['I run it locally', 'the header is present in the request'],
  },
  {
    id: 'clocks-disagree',
    cause: 'not_yet_valid_or_clock_skew',
    confidence: 0.5,
    match: [
      "\\b(?:server|machine|host|vm|container|system|pc|laptop|phone|device|computer)(?:'s)? (?:clock|time)\\b[^.!?\\n]{0,30}\\b(?:is |was |seems )?(?:off|wrong|behind|ahead|out of sync|not (?:in )?sync(?:ed|hroni[sz]ed)?|drift(?:s|ed|ing)?|different)\\b",
      '\\bclocks?\\b[^.!?\\n]{0,40}\\b(?:out of sync|not in sync|drift(?:s|ed|ing)?|skew(?:ed)?|differ(?:s|ent)?|behind|ahead)\\b',
      '\\btime (?:difference|drift|offset) (?:between|of)\\b',
    ],
    title: 'Clocks that disagree',
    explain:
      'Token checks compare timestamps (`iat`, `nbf`, `exp`, signed-request dates) with the local clock; when the issuer and the verifier (or two servers behind a balancer) disagree by more than the allowed leeway, valid tokens are refused as not yet valid or expired.',
    fix: [
      'Sync every machine involved with NTP (`timedatectl`, `chronyc tracking`, `w32tm /query /status`) and compare `date -u` on each.',
      'Allow a small leeway (30–60 s) in the verifying library.',
    ],
    examples: [
      'the clock on the second server is 1 second behind',
      'the VM clock was off by 5 minutes',
      'time difference between the two servers',
    ],
    near: ['the clocks are in sync', 'the server time is correct'],
  },
]);

/** Where a family's phrase is in the user's text, unless the user negates it or an `unless` pattern applies. */
export function findPhrase(family: PhraseFamily, text: string): RegExpExecArray | undefined {
  const lower = lowered(text);
  if (family.unless.some((re) => mayMatch(re, lower) && re.test(text))) return undefined;
  for (const re of family.match) {
    if (!mayMatch(re, lower)) continue;
    const m = re.exec(text);
    if (m && !negatedBefore(text, m.index)) return m;
  }
  return undefined;
}
