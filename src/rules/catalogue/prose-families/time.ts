/**
 * What users say about time: it stops working after a while (or works again after a restart or a new
 * login), the clocks disagree, the token has expired (in the user's own language).
 */
import type { PhraseFamilyInput } from '../schema.js';
import { FAILS, L, R } from './words.js';

const RESTART =
  '(?:restart(?:ing|ed|s)?|reboot(?:ing|ed|s)?|redeploy(?:ing|ed|s)?|relaunch(?:ing|ed|es)?|re-?log(?:ging)? ?in|log(?:ging)? (?:out and (?:back )?in|in again)|sign(?:ing)? (?:out and )?in again|re-?authenticat(?:e|ed|ing))';
const SPAN =
  '(?:a (?:while|day|few (?:hours|minutes|days))|some (?:time|hours|minutes)|(?:~|about |around |roughly |exactly |approximately |~ ?)?(?:an|one|two|three|several|a few|\\d{1,3}) ?(?:hours?|hrs?|minutes?|mins?|days?|weeks?)|running for a while|a period of time)';

export const TIME_FAMILIES: PhraseFamilyInput[] = [
  {
    id: 'fails-after-a-while',
    cause: 'expired_token',
    confidence: 0.55,
    match: [
      `\\b(?:works?|working|worked|fine|ok(?:ay)?)\\b[^.!?\\n]{0,40}\\b(?:after|when|if|once)\\b[^.!?\\n]{0,24}\\b${RESTART}\\b`,
      '\\b(?:restart(?:ing)?|reboot(?:ing)?|redeploy(?:ing)?)\\b[^.!?\\n]{0,40}\\b(?:fix(?:es|ed)?|solves?|solved|helps?|helped|resolves?|resolved)\\b',
      `\\b${RESTART}\\b[^.!?\\n]{0,40}\\b(?:and|then)\\b[^.!?\\n]{0,25}\\b(?:it(?:'s| is)? |everything(?:'s| is)? )?(?:works?|working|fine|ok(?:ay)?|good)(?: again)?\\b`,
      `\\b(?:stops?|stopped|starts? failing|started failing|breaks?|broke|${FAILS})\\b[^.!?\\n]{0,60}\\bafter ${SPAN}\\b`,
      `\\bafter ${SPAN}\\b[^.!?\\n]{0,60}\\b(?:stops?|stopped|starts? failing|started failing|breaks?|broke|fails?|failing|401|403|unauthori[sz]ed|permission denied|rejected)\\b`,
      '\\b(?:stops?|stopped|breaks?|broke|fails?|failed|failing|dies|died)\\b[^.!?\\n]{0,40}\\b(?:overnight|the next (?:day|morning)|every (?:morning|night|day|hour|\\d{1,3} ?(?:minutes?|mins?|hours?)))\\b',
      '\\b(?:a |the )?(?:restart|reboot|redeploy|re-?login)\\b[^.!?\\n]{0,20}\\b(?:makes|gets|brings) (?:it|everything|things)\\b[^.!?\\n]{0,15}\\b(?:work(?:ing)?|fine|ok(?:ay)?|back)\\b',
      '\\b(?:been )?running for (?:a while|some time|hours|days|(?:a few|several|\\d{1,3}) (?:hours?|days?))\\b',
      // Spanish, Portuguese, German, French, Italian.
      '\\b(?:deja de funcionar|dej[oó] de funcionar|falla|da 401)\\b[^.!?\\n]{0,40}\\b(?:despu[eé]s de|tras) (?:una hora|un rato|un tiempo|unos minutos|\\d{1,3} ?(?:minutos|horas|d[ií]as))',
      '\\b(?:funciona|vuelve a funcionar)\\b[^.!?\\n]{0,30}\\b(?:despu[eé]s de|tras|al) (?:reiniciar|un reinicio|volver a (?:iniciar sesi[oó]n|entrar))',
      '\\b(?:para de funcionar|parou de funcionar|falha|d[aá] 401)\\b[^.!?\\n]{0,40}\\b(?:depois de|ap[oó]s) (?:uma hora|um tempo|alguns minutos|\\d{1,3} ?(?:minutos|horas|dias))',
      '\\b(?:funciona|volta a funcionar)\\b[^.!?\\n]{0,30}\\b(?:depois de|ap[oó]s|ao) (?:reiniciar|um restart|reinicializar|fazer login de novo|logar de novo)',
      '\\b(?:funktioniert (?:es )?nicht mehr|schl[aä]gt fehl|401)\\b[^.!?\\n]{0,40}\\bnach (?:einer Stunde|einiger Zeit|ein paar Minuten|\\d{1,3} ?(?:Minuten|Stunden|Tagen))',
      '\\bnach (?:einem |dem )?(?:Neustart|Neu-?Login|erneuten Login)\\b[^.!?\\n]{0,30}\\bfunktioniert (?:es |alles )?wieder\\b',
      `${L}(?:ne (?:marche|fonctionne) plus|[eé]choue|401)${R}[^.!?\\n]{0,40}\\bapr[eè]s (?:une heure|un moment|quelques minutes|\\d{1,3} ?(?:minutes|heures|jours))`,
      `\\bapr[eè]s (?:un |le )?red[eé]marrage\\b[^.!?\\n]{0,30}${L}(?:[çc]a (?:re)?marche|[çc]a fonctionne|(?:re)?fonctionne)\\b`,
      `\\b(?:smette di funzionare|non funziona pi[uù]|fallisce|401)${R}[^.!?\\n]{0,40}\\bdopo (?:un'ora|un po'|qualche minuto|\\d{1,3} ?(?:minuti|ore|giorni))`,
      '\\bdopo (?:il |un )?riavvio\\b[^.!?\\n]{0,30}\\bfunziona\\b',
    ],
    title: 'It stops working after a while: an expired token that is not refreshed',
    explain:
      'A request that works at first and fails after some time (or works again after a restart or a new login) is the signature of a token that was fetched once and cached: access tokens usually live 5 minutes to an hour, sessions a few hours, and some (Vault tokens, refresh tokens) end at a hard maximum days or weeks later.',
    fix: [
      "Check the token's lifetime (`expires_in` in the token response, the JWT's `exp`, `vault token lookup`), and refresh it before it runs out instead of reusing the one fetched at start-up.",
      'Let the SDK or an auth library manage the token (most refresh on a 401 or ahead of expiry); with a long-lived client object (a singleton), make sure it re-authenticates when renewal stops extending the token.',
    ],
    examples: [
      'It starts working again if the server is restarted.',
      'The bot stops working after about an hour with 401s',
      'restarting the app fixes it for a while',
      'When the server has been running for a while the calls fail',
      'every couple of weeks the sync dies; we redeploy and it is fine again',
      'after 9 days the agent starts failing with 403',
      'roughly every two weeks the daemon gets permission denied; a restart makes it fine again',
      'the nightly import fails every morning',
      'La API deja de funcionar después de una hora y vuelve si reinicio.',
      'O app para de funcionar depois de uma hora.',
      'Nach einem Neustart funktioniert es wieder, aber nach einer Stunde kommt 401.',
      'Après un redémarrage ça remarche pendant un moment.',
      'Il client smette di funzionare dopo un’ora, dopo il riavvio funziona.',
    ],
    near: [
      'it stopped working after I changed the header',
      'I restarted the server but it still fails',
      'it does not work after a restart either',
      'after I restarted it still fails every time',
    ],
  },
  {
    id: 'clocks-disagree',
    cause: 'not_yet_valid_or_clock_skew',
    confidence: 0.55,
    match: [
      "\\b(?:server|machine|host|vm|container|system|pc|laptop|phone|device|computer|pi|box|node|agent|runner)(?:'s)? (?:clock|time)\\b[^.!?\\n]{0,30}\\b(?:is |was |seems |looks )?(?:off|wrong|behind|ahead|out of sync|not (?:in )?sync(?:ed|hroni[sz]ed)?|drift(?:s|ed|ing)?|different|skewed|incorrect|fast|slow)\\b",
      '\\bclocks?\\b[^.!?\\n]{0,40}\\b(?:out of sync|not in sync|drift(?:s|ed|ing)?|skew(?:ed)?|differ(?:s|ent)?|behind|ahead|off by|wrong|fast|slow)\\b',
      '\\b(?:system|local|server) (?:time|date)\\b[^.!?\\n]{0,20}\\b(?:is |was )?(?:off|wrong|behind|ahead|incorrect)\\b',
      '\\btime (?:difference|drift|offset) (?:between|of)\\b',
      '\\b\\d{1,4} ?(?:min(?:ute)?s?|seconds?|secs?|hours?|hrs?) (?:ahead|behind|fast|slow)\\b',
      '\\b(?:ntpd?|chronyd?|timesyncd|w32time|time ?sync(?:hroni[sz]ation)?|clock sync)\\b[^.!?\\n]{0,30}\\b(?:is |was |got |had been |has been )?(?:disabled|inactive|off|stopped|not running|turned off|broken|failing|dead|not (?:enabled|active|working|installed|synced|synchroni[sz]ed))\\b',
      '\\b(?:disabled|stopped|turned off|removed|uninstalled)\\b[^.!?\\n]{0,20}\\b(?:ntpd?|chronyd?|timesyncd|time ?sync)\\b',
      // Spanish, Portuguese, German, French, Italian.
      '\\b(?:reloj|hora)\\b[^.!?\\n]{0,30}\\b(?:atrasad[oa]|adelantad[oa]|desfasad[oa]|desincronizad[oa]|mal)\\b',
      '\\b(?:rel[oó]gio|hor[aá]rio|hora)\\b[^.!?\\n]{0,30}\\b(?:atrasad[oa]|adiantad[oa]|errad[oa]|dessincronizad[oa])\\b',
      '\\b(?:Uhr|Uhrzeit|Systemzeit)\\b[^.!?\\n]{0,30}\\b(?:geht (?:vor|nach)|ist falsch|stimmt nicht|nicht synchron)',
      `\\b(?:horloge|heure)\\b[^.!?\\n]{0,30}\\b(?:en avance|en retard|d[eé]cal[eé]e?|d[eé]synchronis[eé]e?|fausse)${R}`,
      '\\b(?:orologio|ora di sistema|orario)\\b[^.!?\\n]{0,30}\\b(?:avanti|indietro|sbagliat[oa]|non sincronizzat[oa])\\b',
    ],
    title: 'Clocks that disagree',
    explain:
      'Token checks compare timestamps (`iat`, `nbf`, `exp`, signed-request dates, Kerberos tickets) with the local clock; when the issuer and the verifier (or the signer and the API, or two servers behind a balancer) disagree by more than the allowed leeway, valid credentials are refused as not yet valid or expired.',
    fix: [
      'Sync every machine involved with NTP (`timedatectl`, `chronyc tracking`, `w32tm /query /status`) and compare `date -u` on each.',
      'Allow a small leeway (30–60 s) in the verifying library; for signed API requests, sync the clock rather than widening the window.',
    ],
    examples: [
      'the clock on the second server is 1 second behind',
      'the VM clock was off by 5 minutes',
      'time difference between the two servers',
      'someone stopped chronyd on the build host',
      "the NUC's clock is 12 minutes ahead",
      'NTP service was not running on the box',
      'el reloj del servidor está atrasado',
      'o relógio do servidor está adiantado',
      'die Uhrzeit auf dem Server geht vor',
      "l'horloge du serveur est en retard",
      "l'orologio del server è avanti",
    ],
    near: ['the clocks are in sync', 'the server time is correct', 'NTP is enabled and synced'],
  },
  {
    id: 'expired-in-other-words',
    cause: 'expired_token',
    confidence: 0.5,
    negationWithin: true,
    match: [
      `\\b(?:token|jeton|sesi[oó]n|sess[aã]o|sitzung|sessione|session)\\b[^.!?\\n]{0,30}\\b(?:expirad[oa]|expir[oó]|expirou|caducad[oa]|caduc[oó]|vencid[oa]|venci[oó]|venceu|abgelaufen|expir[eé]e?|scadut[oa]|scade)${R}`,
      `\\b(?:expirad[oa]|caducad[oa]|vencid[oa]|abgelaufene[nrs]?|expir[eé]e?|scadut[oa])${R} (?:token|jeton|sesi[oó]n|sess[aã]o|sitzung|sessione|session)\\b`,
    ],
    title: 'You say the token or session has expired',
    explain:
      'An expired access token or session is refused until a new one is fetched: whatever caches it must refresh it before it runs out.',
    fix: [
      "Get a new token (refresh it or sign in again) and check its lifetime (`expires_in`, the JWT's `exp`); refresh ahead of expiry instead of reusing the cached one.",
    ],
    examples: [
      'me sale que el token está expirado',
      'o token expirou e não sei renovar',
      'das Token ist abgelaufen',
      'le jeton a expiré',
      'la sessione è scaduta',
    ],
    near: ['el token no ha expirado', 'das Token ist nicht abgelaufen', "le jeton n'a pas expiré"],
  },
];
