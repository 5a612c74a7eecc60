/**
 * What users say about where it works and where it does not: from a tool but not from the code, locally but
 * not deployed (a hop drops the header), from one machine or network but not from a new one (an address
 * restriction), or only on the server itself (a host restriction such as "localhost only").
 */
import type { PhraseFamilyInput } from '../schema.js';
import { BUT, FAILS, FRONT, HOSTS, LOCAL, NOT, R, TOOLS, WORKS } from './words.js';

/** Verbs of moving a client to another machine or network. */
const MOVED =
  '(?:moved|migrated|switched|transferred|deployed|ported|relocated|mudei|mudamos|migrei|migramos|cambi[eé]|cambiamos|migr[eé]|umgezogen|verschoben|d[eé]plac[eé]|spostato|migrato)';
/** Machines and networks, after "new" or "another". */
const MACHINE =
  '(?:vps|server|host|machine|box|droplet|instance|computer|pc|network|office|location|datacenter|data center|provider|hosting|vpn|servidor|serveur|rechner|server)';
/** Places that are another machine by name. */
const PROVIDER =
  '(?:hetzner|digitalocean|linode|vultr|ovh|contabo|aws|azure|gcp|google cloud|heroku|render|railway|fly\\.io|vercel|netlify|lambda|cloud run|ec2|lightsail|kubernetes|k8s|the cloud|a vps|a droplet|a server)';
const NEW =
  '(?:new|another|different|other|novo|nova|nuevo|nueva|otro|otra|neue[nmr]?|anderen?|nouveau|nouvelle|autre|nuovo|nuova|altro)';

export const PLACE_FAMILIES: PhraseFamilyInput[] = [
  {
    id: 'works-in-a-tool',
    cause: 'wrong_header_format',
    confidence: 0.4,
    match: [
      `\\b(?:works?|working|worked|succeeds?|fine|ok(?:ay)?|200)\\b[^.!?\\n]{0,40}\\b(?:in|with|from|using|via|through) ${TOOLS}\\b[^.!?\\n]{0,80}\\b(?:but|however|not|${FAILS})`,
      `\\b${FAILS}\\b[^.!?\\n]{0,80}\\b(?:but|while|whereas|though|yet)\\b[^.!?\\n]{0,40}\\b(?:works?|working|fine|ok(?:ay)?)\\b[^.!?\\n]{0,20}\\b(?:in|with|from|using|via) ${TOOLS}\\b`,
      `\\b(?:funciona|funktioniert|fonctionne|marche|funziona)\\b[^.!?\\n]{0,40}\\b(?:en|no|na|in|im|mit|dans|avec|con|com|sur|su) ${TOOLS}\\b[^.!?\\n]{0,80}\\b(?:pero|mas|aber|mais|ma)\\b`,
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
      'Funciona en Postman pero desde el código da 401',
      'Funktioniert mit curl, aber nicht aus dem Java-Client',
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
      `\\b(?:funciona|funktioniert|fonctionne|marche|funziona)\\b[^.!?\\n]{0,30}\\b(?:en local|localmente|lokal|in locale|(?:en|no|auf|sur|su) localhost)\\b[^.!?\\n]{0,80}\\b(?:pero|mas|aber|mais|ma)\\b`,
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
      'Funciona en local pero en producción da 401',
    ],
    near: ['I run it locally', 'the header is present in the request'],
  },
  {
    id: 'moved-to-another-host-or-network',
    cause: 'ip_blocked_or_restricted',
    confidence: 0.6,
    match: [
      `\\b${MOVED}${R}[^.!?\\n]{0,40}\\b(?:to|onto|over to|para|auf|nach|vers|sur|su|in) (?:a |an |the |my |our |um |uma |un |una |einen |eine |den |le |la |il |un )?${NEW} ${MACHINE}\\b`,
      `\\b${MOVED}${R}[^.!?\\n]{0,40}\\b(?:to|onto|over to|on|para|auf|nach|vers|sur|su) (?:a |an |the |our |my )?${PROVIDER}\\b`,
      '\\b(?:new|different|another|changed|dynamic|rotating|nueva|nova|neue|nouvelle|nuova) (?:public |egress |outbound |static )?(?:ip|ip address|ips|ipv[46] address|ip-adresse|adresse ip|indirizzo ip|direcci[oó]n ip|endere[cç]o ip)\\b',
      '\\b(?:my|our|the) (?:public |home |egress )?ip (?:address )?(?:changed|is different|rotates|is dynamic)\\b',
      `\\b(?:works?|worked|working|fine|ok(?:ay)?)\\b[^.!?\\n]{0,40}\\bfrom (?:my |the |our |a )?(?:home|laptop|pc|computer|desktop|office|old server|old vps|local machine|home network|company network)\\b[^.!?\\n]{0,60}\\b${BUT}\\b[^.!?\\n]{0,40}\\b(?:${NOT}|from)\\b[^.!?\\n]{0,40}\\b${HOSTS}\\b`,
      `\\b${WORKS}\\b[^.!?\\n]{0,30}\\b(?:on|off|without|with(?:out)? the|outside the|inside the) (?:the |our |my |a )?(?:company |corporate |office )?vpn\\b[^.!?\\n]{0,60}\\b(?:${BUT}|${FAILS})`,
      `\\b${FAILS}\\b[^.!?\\n]{0,40}\\b(?:on|off|through|over|behind|outside|without) (?:the |our |my |a )?(?:company |corporate |office )?vpn\\b`,
      '\\b(?:auf|in) (?:einen|eine|ein|den|die|das) (?:neuen?|andere[nrm]?) (?:Server|Rechner|Host|VPS|Hoster|Rechenzentrum|Netzwerk)\\b[^.!?\\n]{0,30}\\b(?:umgezogen|gewechselt|migriert|verschoben)\\b',
      `\\b(?:since|after) (?:the |our |my )?(?:move|migration|switch) (?:to|onto) (?:a |an |the |our )?(?:${NEW} ${MACHINE}|${PROVIDER})\\b`,
      '\\b(?:seit|desde|depuis|dopo)\\b[^.!?\\n]{0,30}\\b(?:mudan[cç]a de servidor|migraci[oó]n|migra[cç][aã]o|cambio de servidor|Umzug|Serverwechsel|d[eé]m[eé]nagement|changement de serveur|trasloco|cambio di server)\\b',
    ],
    strong: [
      '\\b(?:whitelist|allow ?list|trusted ips?|ip restriction|ip whitelist|ip allow ?list|restrict access to trusted ips?|ip access list)',
    ],
    strongConfidence: 0.7,
    unless: ['\\bsame (?:ip|ip address|machine|server)\\b[^.!?\\n]{0,20}\\b(?:as before|still)\\b'],
    title: 'It stopped working after a move to another machine or network: an address restriction',
    explain:
      'The same credential works from one place and fails from another (a new server or VPS, a cloud function, CI, another office, on or off the VPN): the key, account or resource is most likely restricted to the addresses it was used from before (an IP allowlist on the key, a firewall, a "trusted IPs" setting), and the new machine leaves from another public IP.',
    fix: [
      'Find the public address the new machine calls from (`curl https://ifconfig.me` on it; serverless and CI use changing ranges) and add it to the allowlist of the key, account or resource, or remove the restriction.',
      'Check for IPv6: a machine that leaves over IPv6 never matches an IPv4 allowlist (`curl -4` to test).',
    ],
    examples: [
      'last week we migrated the scraper from the office NAS to a DigitalOcean droplet',
      'since we migrated the service to AWS we get 401',
      'our office got a new public IP last week',
      'it works from my laptop but not from the GitHub Actions runner',
      'works on the VPN, fails when I am off the VPN',
      'Mudei o bot para um novo servidor e agora dá 401',
      'Seit dem Umzug auf den neuen Server kommt 401',
    ],
    near: [
      'I moved the token to an environment variable',
      'we use the same server as before',
      'the IP is in the response',
    ],
  },
  {
    id: 'only-from-the-server-itself',
    cause: 'ip_blocked_or_restricted',
    confidence: 0.58,
    match: [
      `\\b(?:works?|worked|working|fine|ok(?:ay)?|200|succeeds?)\\b[^.!?\\n]{0,40}\\b(?:on|from|inside) (?:the (?:server|box|host|machine|vm|node|instance|container|pod) itself|the same (?:machine|host|box|server|vm)|inside the (?:container|pod|vm|server)|the (?:db|database|broker|rabbit|rabbitmq|redis|mongo|postgres|mysql|server|api) (?:box|host|machine|server) itself)\\b`,
      '\\b(?:on|from|inside) (?:the (?:server|box|host|machine|vm|node|instance|container|pod) itself|the same (?:machine|host|box|server|vm)|the (?:db|database|broker|rabbit|rabbitmq|redis|mongo|postgres|mysql|api) (?:box|host|machine|server) itself)\\b[^.!?\\n]{0,40}\\b(?:works?|worked|succeeds?|fine|200)\\b',
      '\\b(?:only (?:works? |worked |succeeds? )?(?:from|via|on|through|with) localhost|works? only (?:from|via|on) localhost|from localhost only|localhost only|only locally on the (?:server|box|host))\\b',
      `\\b(?:remotely|from (?:another|other|a different|outside|any other) (?:machine|host|server|box|network|computer))\\b[^.!?\\n]{0,40}\\b(?:${FAILS}|denied|refused|not allowed)\\b`,
    ],
    title: 'Works only from the server itself: a host or loopback restriction',
    explain:
      'A request that works on the machine that runs the service but not from another one is refused for where it comes from, not for its credential: the user or key is restricted to localhost (RabbitMQ lets `guest` log in only via localhost; database users are per host), or the service, its firewall or a bind address admits only local or listed hosts.',
    fix: [
      "Look for a host restriction on the user or key (RabbitMQ `loopback_users`; MySQL `'user'@'localhost'`; PostgreSQL `pg_hba.conf`; an allowlist) and create a user or rule for the remote caller instead of loosening the built-in default account.",
    ],
    examples: [
      'if I run the request on the db host itself it succeeds',
      'it only works from localhost',
      'from another machine it fails with 401',
    ],
    near: ['I tested on my own machine first', 'remote: HTTP Basic: Access denied'],
  },
];
