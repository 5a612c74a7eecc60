import { authReference, type GuideBuilder, links } from './shared.js';

const NODE_DECODE =
  'node -e \'const p=JSON.parse(Buffer.from(process.argv[1].split(".")[1],"base64url"));console.log(p,p.exp?new Date(p.exp*1000).toISOString():"no exp")\' "$TOKEN"';
const PYTHON_DECODE =
  'python3 -c \'import sys,json,base64;s=sys.argv[1].split(".")[1];print(json.dumps(json.loads(base64.urlsafe_b64decode(s+"="*(-len(s)%4))),indent=2))\' "$TOKEN"';

export const tokenExpiry: GuideBuilder = (ctx) => ({
  why: 'Access tokens, JWTs and sessions expire, often within an hour, and an expired token gets a 401 even though it worked before. A clock that is off by minutes makes a valid token look expired or not yet valid.',
  check: [
    "Decode the token's `exp` (and `nbf`, `iat`) and compare them with the current UTC time.",
    'Make sure your app gets a fresh token before the old one expires instead of reusing a stored one.',
    "Make sure the machine's clock is synchronised (NTP), including containers and VMs.",
  ],
  howTo: [
    {
      title: 'Decode a JWT locally (bash, zsh)',
      steps: [
        'A JWT has three parts separated by dots; the middle one holds the claims, with `exp` in seconds since 1970 (UTC).',
        'Decode it on your own machine with one of the commands below. Do not paste production tokens into websites such as jwt.io.',
        'Compare `exp` with the current time: `date -u +%s` prints it in the same unit.',
      ],
      code: { text: [NODE_DECODE, PYTHON_DECODE, 'date -u +%s'].join('\n'), language: 'bash' },
    },
    {
      title: 'Refresh tokens in time',
      steps: [
        'Request a new access token before `exp`, with the refresh token (`grant_type=refresh_token`) or the client credentials again.',
        'Refresh a little early (for example 60 seconds before `exp`) and, on a 401, refresh once and retry.',
        'Never send a refresh token to the API itself: it is only for the token endpoint.',
        'Some providers rotate refresh tokens: store the new one each time, or the next refresh fails.',
      ],
    },
    {
      title: 'Linux',
      steps: [
        '`timedatectl` should show `System clock synchronized: yes`.',
        'If not, turn on NTP synchronisation with `sudo timedatectl set-ntp true`.',
      ],
      code: { text: ['timedatectl', 'sudo timedatectl set-ntp true'].join('\n'), language: 'bash' },
    },
    {
      title: 'Windows',
      steps: [
        'Open Command Prompt or PowerShell as Administrator.',
        'Check the time source with `w32tm /query /status`, then resynchronise with `w32tm /resync`.',
      ],
      code: { text: ['w32tm /query /status', 'w32tm /resync'].join('\n'), language: 'powershell' },
    },
    {
      title: 'macOS',
      steps: [
        'Make sure System Settings › General › Date & Time › Set time and date automatically is on.',
        'Force a sync now with `sudo sntp -sS time.apple.com`.',
      ],
      code: { text: 'sudo sntp -sS time.apple.com', language: 'bash' },
    },
    {
      title: 'Containers and VMs',
      steps: [
        "Containers use the host's clock: fix the host.",
        'VMs and laptops that were suspended often drift; resynchronise after resuming.',
      ],
    },
  ],
  links: links(authReference(ctx), {
    label: 'RFC 7519: the exp claim',
    url: 'https://www.rfc-editor.org/rfc/rfc7519#section-4.1.4',
  }),
});
