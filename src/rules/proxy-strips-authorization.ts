/**
 * The client sends the credential but the application never sees it: something in between removes the
 * `Authorization` header. Each component has its own switch — CloudFront forwards it only when it is part of
 * the cache key, mod_wsgi only with `WSGIPassAuthorization On`, Apache + PHP-FPM/CGI only with `CGIPassAuth`
 * or a rewrite rule, nginx drops headers with underscores and can be told to blank the header, Zuul treats it
 * as a sensitive header, Istio and Envoy remove a validated JWT — and a CORS preflight never carries it at all.
 * The signals are in what the user pasted: the config, the server-side symptom, or an OPTIONS answered 401.
 */
import type { DiagnosisContext } from '../diagnose/context.js';
import { header, type TextView } from '../diagnose/facts.js';
import type { Evidence } from '../intake/evidence.js';
import { proseTexts, quoteAround, scanTexts } from './helpers/hosts.js';
import type { RuleReport } from './types.js';
import { defineRule } from './types.js';

interface Component {
  name: string;
  /** This component is in the path (named, or its configuration is pasted). */
  present: RegExp;
  /** The paste shows the setting or symptom that removes the header here. */
  stripping?: RegExp;
  /** The paste shows the fix already applied: stay silent. */
  fixed?: RegExp;
  /** The component removes the header unless told otherwise. */
  byDefault: boolean;
  /** A stripping match is outright proof (an explicit "remove Authorization" setting). */
  explicit?: boolean;
  explain: string;
  fix: string[];
  docs: string[];
}

const COMPONENTS: Component[] = [
  {
    name: 'CloudFront',
    present:
      /\bcloud ?front\b|\bForwardedValues\b|\bOriginRequestPolicy\b|\borigin request polic(?:y|ies)\b/i,
    stripping: /\bForwardedValues\b|\bCachingOptimized\b/i,
    fixed:
      /\b(?:Headers|WhitelistedNames|HeadersConfig)\b["']?\s*[:=][^\]]{0,200}\bAuthorization\b|\bAuthorization\b[^\n]{0,60}\bcache (?:key|policy)\b/i,
    byDefault: true,
    explain:
      'CloudFront removes the `Authorization` header before forwarding a request to the origin unless the header is part of the cache key (the cache policy, or `ForwardedValues.Headers` in legacy settings); the origin (API Gateway, an authorizer, your app) then sees no credential.',
    fix: [
      'Add `Authorization` to the headers of the cache policy of that behavior (legacy: `"ForwardedValues": { "Headers": ["Authorization"] }`), or use an origin request policy that forwards it, then redeploy.',
      'In serverless/CloudFormation, set it on the DefaultCacheBehavior (and every CacheBehavior that routes to the API).',
    ],
    docs: [
      'https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/controlling-the-cache-key.html',
      'https://repost.aws/knowledge-center/authorization-header-cloudfront',
    ],
  },
  {
    name: 'API Gateway (IAM / SigV4)',
    present: /\bx-amzn-remapped-authorization\b/i,
    stripping: /\bx-amzn-remapped-authorization\b/i,
    byDefault: true,
    explain:
      'AWS (API Gateway, Lambda function URLs) consumed the `Authorization` header for its own IAM/SigV4 check and handed it on as `x-amzn-Remapped-Authorization`: the backend does not get it under its own name.',
    fix: [
      'Read the token from `x-amzn-Remapped-Authorization` in the backend, or send your application token in a header of its own when the endpoint also uses IAM auth.',
    ],
    docs: [
      'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-develop-integrations-lambda.html',
    ],
  },
  {
    name: 'Google API Gateway / ESPv2',
    present: /\bx-forwarded-authorization\b|\bESPv2\b|\bCloud Endpoints\b/i,
    stripping: /\bx-forwarded-authorization\b/i,
    byDefault: true,
    explain:
      'Google API Gateway and ESPv2 authenticate to the backend with their own ID token in `Authorization` and move the caller’s header to `X-Forwarded-Authorization`.',
    fix: [
      'In the backend, read the caller’s token from `X-Forwarded-Authorization`, or disable backend authentication (`disable_auth: true`) if the backend checks the token itself.',
    ],
    docs: ['https://cloud.google.com/api-gateway/docs/authenticating-users-jwt'],
  },
  {
    name: 'Apache mod_wsgi',
    present: /\bmod_wsgi\b|\bWSGIPassAuthorization\b|\bWSGI(?:ScriptAlias|DaemonProcess|ProcessGroup)\b/i,
    stripping: /\bWSGIPassAuthorization\s+Off\b/i,
    fixed: /\bWSGIPassAuthorization\s+On\b/i,
    byDefault: true,
    explain:
      'Apache with mod_wsgi does not pass the `Authorization` header to the Python application unless `WSGIPassAuthorization On` is set, so Django/DRF/Flask see no credential ("Authentication credentials were not provided").',
    fix: [
      'Add `WSGIPassAuthorization On` to the VirtualHost (or the mod_wsgi-express `--pass-authorization` option) and restart Apache.',
    ],
    docs: ['https://modwsgi.readthedocs.io/en/master/configuration-directives/WSGIPassAuthorization.html'],
  },
  {
    name: 'Apache with PHP-FPM / CGI',
    // Case-sensitive: nginx's `$http_authorization` is not PHP's `HTTP_AUTHORIZATION`.
    present:
      /\bHTTP_AUTHORIZATION\b|\bPHP_AUTH_(?:USER|PW)\b|\b(?:php-?fpm|PHP-?FPM|php-cgi|PHP-CGI|mod_fcgid|FastCGI|fastcgi|CGIPassAuth)\b|\b(?:getallheaders|apache_request_headers)\s*\(/,
    stripping:
      /Undefined (?:index|array key)[^\n]{0,20}HTTP_AUTHORIZATION|HTTP_AUTHORIZATION\b[^\n]{0,60}\b(?:empty|missing|null|NULL|not set|undefined|is not)|PHP_AUTH_(?:USER|PW)\b[^\n]{0,60}\b(?:empty|missing|null|NULL|not set|undefined)/,
    fixed: /\bCGIPassAuth\s+On\b|\bE=HTTP_AUTHORIZATION\b|\bSetEnvIf\s+Authorization\b/i,
    byDefault: true,
    explain:
      'When Apache runs PHP through CGI or FastCGI (PHP-FPM, mod_fcgid, many shared hosts), it does not copy the `Authorization` header into `$_SERVER`, so `HTTP_AUTHORIZATION` is missing and the framework sees no token.',
    fix: [
      'Apache 2.4.13+: add `CGIPassAuth On` to the directory or `.htaccess`.',
      'Older Apache: `RewriteEngine On` + `RewriteRule .* - [E=HTTP_AUTHORIZATION:%{HTTP:Authorization}]` (or `SetEnvIf Authorization "(.*)" HTTP_AUTHORIZATION=$1`), then read `$_SERVER[\'HTTP_AUTHORIZATION\']` (or `REDIRECT_HTTP_AUTHORIZATION`).',
    ],
    docs: ['https://httpd.apache.org/docs/2.4/mod/core.html#cgipassauth'],
  },
  {
    name: 'nginx',
    present: /\bnginx\b|\bproxy_set_header\b|\bproxy_pass\b|\bunderscores_in_headers\b/i,
    stripping:
      /\bproxy_set_header\s+Authorization\s+(?:""|'')|\bproxy_pass_request_headers\s+off\b|\bunderscores_in_headers\s+off\b/im,
    fixed: /\bproxy_set_header\s+Authorization\s+\$http_authorization\b/i,
    byDefault: false,
    explicit: true,
    explain:
      'The nginx configuration removes the header on the way to the upstream (`proxy_set_header Authorization ""`, `proxy_pass_request_headers off`), or drops header names containing underscores (`underscores_in_headers off`, the default).',
    fix: [
      'Pass it through: `proxy_set_header Authorization $http_authorization;` in the location that proxies to the API (and remove any line that blanks it).',
      'For header names with underscores, set `underscores_in_headers on;` in the server block, or rename the header with dashes.',
    ],
    docs: ['https://nginx.org/en/docs/http/ngx_http_core_module.html#underscores_in_headers'],
  },
  {
    name: 'Zuul / Spring Cloud Gateway',
    present: /\bzuul\b|\bsensitive-?headers\b|\bRemoveRequestHeader\b/i,
    stripping: /\bRemoveRequestHeader\s*[=:,]\s*["']?Authorization\b/i,
    fixed: /\bsensitive-?headers\s*[:=][ \t]*(?:["']{2}|$|Cookie\s*,\s*Set-Cookie[ \t]*$)/im,
    byDefault: true,
    explain:
      'Zuul treats `Authorization` as a sensitive header and does not forward it to downstream services by default (`sensitiveHeaders` = Cookie, Set-Cookie, Authorization); a Spring Cloud Gateway `RemoveRequestHeader=Authorization` filter does the same.',
    fix: [
      'Set `zuul.sensitiveHeaders: Cookie,Set-Cookie` (globally or per route, without Authorization), or remove the `RemoveRequestHeader=Authorization` filter from the route.',
    ],
    docs: [
      'https://cloud.spring.io/spring-cloud-netflix/multi/multi__router_and_filter_zuul.html#_cookies_and_sensitive_headers',
    ],
  },
  {
    name: 'Istio / Envoy JWT authentication',
    present: /\bRequestAuthentication\b|\bjwtRules\b|\bjwt_authn\b|\bforwardOriginalToken\b/i,
    stripping: /\bforwardOriginalToken\s*:\s*false\b|\bforward\s*:\s*false\b/i,
    fixed: /\bforwardOriginalToken\s*:\s*true\b|\bforward\s*:\s*true\b/i,
    byDefault: true,
    explicit: true,
    explain:
      'Istio `RequestAuthentication` (and Envoy’s `jwt_authn` filter) validate the JWT at the sidecar and then remove it from the request unless told to forward it, so the application behind it sees no Authorization header.',
    fix: [
      'Set `forwardOriginalToken: true` in the `jwtRules` entry (Envoy: `forward: true` on the provider), or read the claims from `outputPayloadToHeader` instead of the token.',
    ],
    docs: ['https://istio.io/latest/docs/reference/config/security/jwt/#JWTRule'],
  },
];

/** The user says the header works one way but not through something, or the app side does not get it. */
const SYMPTOMS = [
  /\bdirectly\b[^.\n]{0,160}\b(?:but|while|whereas|however)\b[^.\n]{0,80}\b(?:via|through|behind|using|from)\b[^.,;\n]{0,40}/i,
  /\b(?:via|through|behind)\b[^.\n]{0,80}\b(?:no|without(?: the)?|missing(?: the)?) (?:authorization |auth |bearer )?header\b/i,
  /\bno (?:authorization |auth |bearer )?header on (?:that|the|this) (?:call|request)\b/i,
  /\b(?:authorization|auth|bearer|token) header\b[^.\n]{0,40}\b(?:is|gets|got|was|being|seems|appears)?\s?(?:to be )?(?:missing|stripped|removed|dropped|lost|empty|blank|not (?:forwarded|passed|present|there|received|arriving|reaching|coming through|getting through|being (?:sent|forwarded|passed)))\b/i,
  /\breq(?:uest)?\.headers(?:\.authorization|\[['"]authorization['"]\])[^\n]{0,30}\b(?:undefined|null|empty|missing)\b/i,
  /\brequest\.META(?:\.get\(|\[)['"]HTTP_AUTHORIZATION['"][^\n]{0,30}\b(?:None|missing|empty)\b/i,
  /\b(?:token|header|credentials?|bearer)\b[^.\n]{0,30}\bnever (?:gets?|got|arrives?|arrived|reach(?:es|ed)?|makes? it|made it) ?(?:through|there|to (?:the )?(?:app|application|backend|server|service|lambda|function))?/i,
  /\b(?:strip|strips|stripped|stripping|drop|drops|dropped|dropping|remov(?:e|es|ed|ing)|eat(?:s|ing)?|swallow(?:s|ed|ing)?)\b[^.\n]{0,30}\b(?:the )?authorization header\b/i,
];

/** The server says it got no credential (meaningful next to a component that strips it). */
const APP_MISSING = [
  /\bAuthentication credentials were not provided\b|\bno (?:authorization|auth) header\b|\b(?:authorization|auth) header (?:is |was )?(?:missing|not (?:found|present|provided))\b|\bmissing (?:the )?(?:authorization|auth) header\b/i,
];

const PREFLIGHT_STATUS =
  /\bpreflight\b[^\n]{0,120}\b(?:401|403)\b|\bResponse for preflight has invalid HTTP status code (?:401|403)\b/i;
/** Chrome (current and older), Firefox and Safari wording for a preflight that got a non-2xx answer. */
const PREFLIGHT_NOT_OK =
  /\bResponse to preflight request doesn[’']t pass access control check: It does not have HTTP ok status\b|\bResponse for preflight does not have HTTP ok status\b|\bCORS preflight response did not succeed\b|\bPreflight response is not successful\b/i;

export default defineRule({
  meta: {
    id: 'proxy-strips-authorization',
    cause: 'credentials_dropped_in_transit',
    severity: 'warning',
    title: 'Something between the client and the app drops the Authorization header',
    description:
      'The credential leaves the client but never reaches the application: a CDN, API gateway, reverse proxy, service mesh or app server removes the `Authorization` header on the way (CloudFront without it in the cache key, Apache mod_wsgi or PHP-FPM without pass-through, nginx rules, Zuul sensitive headers, Istio JWT rules), or the failing request is a CORS preflight, which never carries credentials.',
    docs: ['https://developer.mozilla.org/en-US/docs/Glossary/Preflight_request'],
    checklist: ['credentials-present', 'network-restrictions'],
  },
  check(evidence, ctx) {
    const reports: RuleReport[] = [];
    const preflight = preflightReport(ctx);
    if (preflight) reports.push(preflight);
    const texts = scanTexts(ctx);
    // The user's own words first: a log line that repeats them is not a better pointer.
    const symptom =
      findText(proseTexts(ctx), SYMPTOMS) ??
      findText(scanTexts(ctx, { prose: false }), [...SYMPTOMS, ...APP_MISSING]);
    let component = false;
    for (const c of COMPONENTS) {
      const present = texts.find((t) => c.present.test(t.text));
      if (!present || texts.some((t) => c.fixed?.test(t.text))) continue;
      const stripping = c.stripping ? texts.find((t) => c.stripping!.test(t.text)) : undefined;
      if (!stripping && !symptom && !(c.byDefault && ctx.facts.saw401)) continue;
      component = true;
      const outright = stripping !== undefined && c.explicit === true && ctx.facts.saw401;
      const confidence = outright ? 0.8 : stripping && symptom ? 0.7 : stripping || symptom ? 0.6 : 0.4;
      const seen = [
        `${c.name} is in the path`,
        stripping ? `the paste shows ${quote(stripping.text, c.stripping!)}` : undefined,
        symptom ? `you say ${quote(symptom.view.text, symptom.pattern)}` : undefined,
      ].filter(Boolean);
      reports.push({
        severity: outright ? 'error' : 'warning',
        confidence,
        title: `${c.name} drops the Authorization header`,
        detail: `${seen.join('; ')}. ${c.explain}`,
        evidence: [
          ...new Set(
            [present.pointer, stripping?.pointer, symptom?.view.pointer].filter((p): p is string => !!p),
          ),
        ],
        fix: c.fix,
        docs: c.docs,
      });
    }
    const underscore = underscoreReport(evidence, ctx);
    if (underscore) reports.push(underscore);
    if (!component && !underscore && !preflight && symptom && ctx.facts.saw401) {
      reports.push({
        confidence: 0.45,
        detail: `You describe the header not arriving: ${quote(symptom.view.text, symptom.pattern)}. When a request works directly but not through a proxy, CDN, gateway or load balancer, that component is removing the Authorization header on the way.`,
        evidence: [symptom.view.pointer],
        fix: [
          'Log the headers the application actually receives (or use a request bin behind the same proxy) to see where the header disappears.',
          'Check the component in between: CloudFront cache policy, nginx `proxy_set_header`, Apache `CGIPassAuth` / `WSGIPassAuthorization`, gateway header filters.',
        ],
      });
    }
    return reports;
  },
});

function preflightReport(ctx: DiagnosisContext): RuleReport | undefined {
  const options = ctx.facts.responses.find(
    (r) =>
      r.exchange.request?.method === 'OPTIONS' && (r.response.status === 401 || r.response.status === 403),
  );
  if (options) {
    const acrh = options.exchange.request
      ? header(options.exchange.request.headers, 'access-control-request-headers')
      : undefined;
    return {
      severity: 'error',
      confidence: 0.85,
      title: 'The CORS preflight (OPTIONS) is answered 401',
      detail: `The OPTIONS request to ${options.exchange.request?.url?.raw ?? 'the API'} got ${options.response.status}. Browsers send this CORS preflight without the Authorization header or cookies${acrh ? ` (it only announces \`Access-Control-Request-Headers: ${acrh.value}\`)` : ''}, so an API that requires authentication on OPTIONS always fails it, and the real request is never sent.`,
      evidence: [options.pointer, options.pointer.replace(/response$/, 'request')],
      fix: preflightFix,
    };
  }
  const text = scanTexts(ctx).find((t) => PREFLIGHT_STATUS.test(t.text) || PREFLIGHT_NOT_OK.test(t.text));
  if (!text) return undefined;
  const status = PREFLIGHT_STATUS.test(text.text);
  // The console message names the failed preflight itself; a 401 elsewhere in the paste only adds to it.
  const said = status
    ? ' with 401/403'
    : ` (it did not get a 2xx answer)${ctx.facts.saw401 ? ' while the API answers 401' : ''}`;
  return {
    severity: status ? 'error' : 'warning',
    confidence: status ? 0.8 : ctx.facts.saw401 ? 0.65 : 0.6,
    title: 'The CORS preflight is rejected for lack of credentials',
    detail: `The browser reports that the CORS preflight failed${said}. Browsers never send Authorization or cookies on the OPTIONS preflight, so an API that checks credentials on OPTIONS fails it, and the real request with the token is never sent.${status ? '' : ' (An OPTIONS route that is missing, 404/405, fails the same way; the API logs for OPTIONS tell which.)'}`,
    evidence: [text.pointer],
    fix: preflightFix,
  };
}

const preflightFix = [
  'Let OPTIONS requests through before authentication and answer them 204 with the CORS headers (`Access-Control-Allow-Origin`, `-Methods`, `-Headers: Authorization, Content-Type`).',
  'Express: register `app.use(cors())` (or `app.options("*", cors())`) before the auth middleware; Spring Security: enable `http.cors()` / permit `HttpMethod.OPTIONS`; API Gateway: enable CORS so OPTIONS has no authorizer; nginx: `if ($request_method = OPTIONS) { return 204; }` ahead of `auth_request`.',
];

/** A credential in a header whose name has an underscore (`api_key`, `X_Auth_Token`). */
function underscoreReport(evidence: Evidence, ctx: DiagnosisContext): RuleReport | undefined {
  if (!ctx.facts.saw401) return undefined;
  for (const view of ctx.facts.requests) {
    for (const credential of view.credentials) {
      const w = credential.where.find(
        (o) => o.exchange === view.exchange.id && o.location === 'header' && o.name?.includes('_'),
      );
      if (!w) continue;
      const server = ctx.facts.responses
        .map((r) => header(r.response.headers, 'server')?.value)
        .find((v) => v && /nginx|apache|openresty/i.test(v));
      const mention = evidence.prose.some((p) =>
        /\bnginx\b|\bapache\b|\bopenresty\b|\bingress\b/i.test(p.text.slice(0, 65536)),
      );
      return {
        confidence: server || mention ? 0.65 : 0.4,
        title: 'A header name with an underscore is dropped by the proxy',
        detail: `The credential (${credential.display}) is sent in the \`${w.name}\` header. nginx drops request headers whose names contain underscores unless \`underscores_in_headers on;\` is set, and Apache 2.4 drops them when passing headers to CGI/FastCGI/PHP${server ? ` — and the response comes from \`${server}\`` : ''}; the application then sees no credential.`,
        evidence: [w.pointer],
        fix: [
          `Send it as \`${(w.name ?? '').replace(/_/g, '-')}\` if the API accepts that name, or`,
          'set `underscores_in_headers on;` in the nginx server block (ingress-nginx: `enable-underscores-in-headers: "true"` in the ConfigMap).',
        ],
        docs: ['https://nginx.org/en/docs/http/ngx_http_core_module.html#underscores_in_headers'],
      };
    }
  }
  return undefined;
}

function findText(texts: readonly TextView[], patterns: readonly RegExp[]) {
  for (const view of texts) {
    for (const pattern of patterns) if (pattern.test(view.text)) return { view, pattern };
  }
  return undefined;
}

/** The line around the match, in quotes, for the detail. */
function quote(text: string, pattern: RegExp): string {
  const m = pattern.exec(text);
  return m ? `“${quoteAround(text, m.index, m[0].length)}”` : '';
}
