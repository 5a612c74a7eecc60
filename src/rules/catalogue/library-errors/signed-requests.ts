/**
 * APIs that sign each request with an HMAC of a timestamp or nonce (crypto exchanges and their SDKs such as
 * ccxt, payment and webhook APIs, S3-compatible stores): requests outside the server's time window, nonces
 * out of order, and signatures that do not match; plus the time-sync status tools print when the user checks
 * the clock (`timedatectl`, `chronyc`, `w32tm`).
 */
import type { LibraryErrorInput } from '../schema.js';
import { SIGNATURE_FIX } from './shared.js';

const BINANCE_TIMING =
  'https://developers.binance.com/docs/binance-spot-api-docs/rest-api/endpoint-security-type';
const NTP_FIX = [
  'Turn on time sync on the machine that signs the requests (`timedatectl set-ntp true`, `systemctl enable --now chronyd` or `systemd-timesyncd`, Windows: `w32tm /resync`) and compare `date -u` with the server time the API publishes.',
  'Many SDKs can correct for an offset they measure (ccxt `adjustForTimeDifference`, python-binance `Client(..., ping=True)` / server time); widening the receive window only hides a drifting clock.',
];

export const SIGNED_REQUEST_ERRORS: LibraryErrorInput[] = [
  {
    id: 'binance-recv-window',
    library: 'Binance API (and exchanges that copy it)',
    match:
      '\\bTimestamp for this request is outside of the recvWindow\\b|\\bTimestamp for this request was \\d{1,9}ms ahead of the server\'s time\\b|"code"\\s?:\\s?-1021\\b|\\bAPIError\\(code=-1021\\)',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.93,
    explain:
      "The request's `timestamp` is too far from the exchange's clock (more than `recvWindow`, 5 s by default, or more than 1 s ahead): the signing machine's clock is off, or requests sit too long in a queue before they are sent.",
    fix: NTP_FIX,
    docs: [BINANCE_TIMING],
    examples: [
      '{"code":-1021,"msg":"Timestamp for this request is outside of the recvWindow."}',
      "binance.exceptions.BinanceAPIException: APIError(code=-1021): Timestamp for this request was 1000ms ahead of the server's time.",
    ],
  },
  {
    id: 'binance-signature',
    library: 'Binance API',
    match: '\\bSignature for this request is not valid\\b|"code"\\s?:\\s?-1022\\b',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.86,
    explain:
      'The HMAC signature does not match the one the exchange computes: the secret key is wrong (or has a stray space or newline), or the signed string differs from what was sent (parameters encoded or ordered differently, the body signed but sent as query, or the other way round).',
    fix: [
      'Sign exactly the query string (and body) that is sent, byte for byte, with the secret that belongs to this API key; prefer the official SDK or ccxt over hand-rolled signing.',
    ],
    docs: [BINANCE_TIMING],
    examples: ['{"code":-1022,"msg":"Signature for this request is not valid."}'],
  },
  {
    id: 'exchange-timestamp-expired',
    library: 'Crypto exchange APIs (Coinbase, OKX, Bybit, KuCoin, Gate.io and others)',
    match:
      '\\brequest timestamp expired\\b|\\bTimestamp request expired\\b|"code"\\s?:\\s?"50102"|\\bcheck your (?:server )?timestamp (?:and|or) recv_window\\b|\\bKC-API-TIMESTAMP Invalid\\b|\\bREQUEST_EXPIRED\\b|\\bgap between request Timestamp and server time\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.92,
    explain:
      'The exchange rejected the signed request because its timestamp is outside the allowed window (typically 5–30 seconds): the clock of the machine that signs is off. Bots on a Raspberry Pi, a VPS or a container whose host stopped syncing time hit this suddenly after months of working; a new API key does not help.',
    fix: NTP_FIX,
    docs: ['https://docs.cdp.coinbase.com/exchange/docs/rest-auth'],
    examples: [
      'ERROR cbpro: POST (401) https://api.exchange.example/orders - request timestamp expired',
      '{"msg":"Timestamp request expired","code":"50102"}',
      '{"ret_code":10002,"ret_msg":"invalid request, please check your server timestamp or recv_window param"}',
    ],
  },
  {
    id: 'exchange-invalid-nonce',
    library: 'Crypto exchange APIs (Kraken, Bitfinex and others)',
    match: '\\bE?API:Invalid nonce\\b|\\bnonce: small\\b|\\bInvalidNonce\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'warning',
    confidence: 0.65,
    explain:
      "The request's nonce is not larger than the last one the exchange saw for this key. Usually two programs (or threads) share one API key, a nonce is built from a clock that jumped back, or another tool once sent a much larger nonce (milliseconds vs microseconds).",
    fix: [
      'Give every bot or process its own API key, generate nonces from one increasing counter per key, and sync the clock; Kraken lets you widen the nonce window in the key settings.',
    ],
    docs: ['https://docs.kraken.com/api/docs/guides/spot-rest-auth'],
    examples: ['{"error":["EAPI:Invalid nonce"]}', 'kraken {"error":["EAPI:Invalid nonce"]}'],
  },
  {
    id: 'exchange-invalid-signature',
    library: 'Crypto exchange APIs (Kraken, OKX, KuCoin, Bybit and others)',
    match: '\\bE?API:Invalid signature\\b|\\bInvalid Sign\\b|\\bKC-API-SIGN Invalid\\b|\\berror sign!',
    cause: 'signature_or_key_mismatch',
    severity: 'error',
    confidence: 0.85,
    explain:
      'The exchange computed another signature than the one sent: the secret (or passphrase) does not belong to this key, has a stray character, or the signed string (timestamp, method, path, body) differs from the request.',
    fix: SIGNATURE_FIX.slice(0, 1).concat([
      'Sign exactly timestamp + method + path (with query) + body as sent, with the secret of this API key (base64-decoded where the exchange says so).',
    ]),
    docs: ['https://docs.kraken.com/api/docs/guides/spot-rest-auth'],
    examples: ['{"error":["EAPI:Invalid signature"]}', '{"msg":"Invalid Sign","code":"50113"}'],
  },
  {
    id: 'generic-timestamp-window',
    library: 'the server',
    tier: 'generic',
    match:
      '\\b(?:request |signature |signed |message |webhook )?timestamp (?:is |was |has )?(?:expired|too old|too far (?:in|from)|stale|outside (?:of )?(?:the )?(?:allowed |acceptable |valid |tolerance |time |receive )?(?:window|range|tolerance))\\b|\\btimestamp (?:is )?out of (?:range|window|bounds|tolerance)\\b|\\btime (?:is )?too skewed\\b|\\b(?:request )?time too skewed\\b|\\bstale request\\b|\\brequest (?:is )?too old\\b|\\bdate header (?:is )?(?:too old|expired|out of range|too far)\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'error',
    confidence: 0.72,
    explain:
      "The server refused a signed request because its timestamp is outside the window it accepts: the clock of the machine that signs differs from the server's (or the request was replayed or queued too long).",
    fix: NTP_FIX,
    examples: [
      '{"error":"Request timestamp is outside the allowed window"}',
      'Unauthorized: timestamp too old',
      'time too skewed',
      '{"message":"stale request"}',
    ],
    near: ['the timestamp is 1698152324'],
  },
  {
    id: 'generic-timestamp-invalid',
    library: 'the server',
    tier: 'generic',
    match:
      '\\binvalid (?:request )?timestamp\\b|\\btimestamp (?:is )?invalid\\b|\\binvalid nonce\\b|\\bnonce (?:is )?(?:too (?:small|low)|already used|has already been used|must be (?:greater|larger|increasing))\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'warning',
    confidence: 0.5,
    explain:
      'The server did not accept the timestamp or nonce of a signed request: usually a clock that is off (or seconds sent where milliseconds are expected), or nonces reused or out of order.',
    fix: [
      "Compare the timestamp you send with the server's time and unit (seconds vs milliseconds), sync the clock (NTP), and use a fresh, increasing nonce per request.",
    ],
    examples: ['{"message":"invalid timestamp"}', 'nonce too small'],
  },
  {
    id: 'time-sync-off',
    library: 'timedatectl / chrony / w32tm',
    match:
      '\\bSystem clock synchronized: no\\b|\\bNTP (?:service|synchronized): (?:inactive|no)\\b|\\bLeap status\\s{0,8}: Not synchronised\\b|\\bThe computer did not resync because no time data was available\\b|\\bclock_gettime[^\\n]{0,40}unsynchronized\\b|\\bntpd?: (?:time )?(?:not synchronized|unsynchronised)\\b',
    cause: 'not_yet_valid_or_clock_skew',
    severity: 'warning',
    confidence: 0.6,
    explain:
      "The machine's clock is not being synchronised. Anything that compares timestamps (signed requests, JWT `iat`/`nbf`/`exp`, Kerberos, TOTP) fails once the clock has drifted past the server's tolerance.",
    fix: [
      'Enable time sync (`timedatectl set-ntp true`; or install and start chrony / systemd-timesyncd; Windows: `w32tm /resync`), then compare `date -u` with a reference (`curl -sI https://www.google.com | grep -i ^date`).',
    ],
    examples: [
      'System clock synchronized: no\n              NTP service: inactive',
      'Leap status     : Not synchronised',
    ],
  },
];
