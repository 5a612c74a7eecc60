/**
 * Words the phrase families share, as regular-expression source. Besides English they take the cheap forms of
 * Spanish, Portuguese, German, French and Italian, the languages support channels see most.
 */

/** Tools where hand-made requests usually work. */
export const TOOLS =
  '(?:postman|insomnia|swagger(?:[ -]?ui)?|the swagger page|thunder client|hoppscotch|httpie|bruno|curl)';

/** It works. */
export const WORKS =
  '(?:works?|working|worked|fine|ok(?:ay)?|funciona(?:ba)?|funktioniert(?:e)?|fonctionn(?:e|ait)|marche|marchait|funziona(?:va)?)';

/** It fails. */
export const FAILS =
  "(?:401|403|unauthori[sz]ed|fails?|failing|failed|doesn't work|does not work|not working|won't work|rejected|no funciona|n[aã]o funciona|funktioniert nicht|ne (?:marche|fonctionne) (?:pas|plus)|non funziona|falla|falha)";

/** A turn in the sentence. */
export const BUT = '(?:but|however|though|whereas|while|pero|mas|aber|mais|ma)';

/**
 * Word edges for words that may begin or end with an accented letter (`échoue`, `expiré`, `più`): `\\b` only
 * knows ASCII letters.
 */
export const L = '(?<![\\w\\u00C0-\\u024F])';
export const R = '(?![\\w\\u00C0-\\u024F])';

/** A negation right after the turn ("but not from the VPS"). */
export const NOT = "(?:not|no|n[aã]o|nicht|pas|non|doesn't|does not|won't|fails?)";

export const LOCAL =
  '(?:locally|on localhost|on my (?:machine|laptop|computer|pc|mac)|in dev(?:elopment)?|on dev|directly|en local|localmente|lokal|in locale)';

export const FRONT =
  '(?:load[ -]?balancer|reverse[ -]?proxy|proxy|nginx|apache|iis|cloudfront|cloudflare|api[ -]?gateway|ingress|alb|elb|front ?door|application gateway|cdn|traefik|haproxy|envoy)';

/** Machines and places a client runs from. */
export const HOSTS =
  '(?:vps|server|host|machine|box|cloud|droplet|instance|ec2|lightsail|hetzner|digitalocean|linode|vultr|ovh|contabo|aws|azure|gcp|google cloud|heroku|render|railway|fly\\.io|vercel|netlify|lambda|kubernetes|k8s|cluster|container|docker|datacenter|data center|office|network|vpn|ci|runner|pipeline|github actions|gitlab ci|servidor|servidores|serveur|rechner)';

/** What a credential is called. */
export const CREDENTIAL =
  '(?:api[ _-]?keys?|keys?|tokens?|secrets?|client[ _-]?secrets?|passwords?|credentials?|access[ _-]?keys?|pats?|personal access tokens?|app passwords?|clave|chave|schl[uü]ssel|cl[eé]|chiave)';

export const TOKEN_ID = 'id[_ -]?tokens?';
export const TOKEN_ACCESS = 'access[_ -]?tokens?';
