/**
 * What users say about the account behind the credential: which environment or region it belongs to
 * ("sandbox key", "we moved to the EU region"), and its state (not verified yet, on a free plan, trial over).
 */
import type { PhraseFamilyInput } from '../schema.js';

/** Region words users write; the rule compares them with the request host's labels. */
const REGION_NAMES =
  '(?:emea|apac|ie1|au1|us1|us2|us3|us5|eu1|eu2|ap1|europe|european|frankfurt|ireland|dublin|sydney|australia|india|mumbai|japan|tokyo|canada|singapore|london|brazil|s[aã]o paulo|eu-[a-z]{2,10}-\\d)';

export const ACCOUNT_FAMILIES: PhraseFamilyInput[] = [
  {
    id: 'sandbox-or-live-credentials',
    cause: 'wrong_environment',
    confidence: 0.5,
    against: 'host-environment',
    match: [
      '\\b(?<env>sandbox|testnet|test[ -]?mode|test environment|developer sandbox|live mode|production|prod|live)[ _-](?:api[ _-])?(?:keys?|tokens?|credentials?|secrets?|client[ _-]?id|access[ _-]?tokens?)\\b',
      '\\b(?:toggle|switch|selector|mode|tab|environment|env|dropdown)\\b[^.!?\\n]{0,30}\\b(?:on|at|to|set to|is|was|in) ["\'“]?(?<env>sandbox|test|live|production|prod|testnet)\\b',
      '\\b(?:from|in|on) (?:the )?(?<env>sandbox|testnet|test mode|live mode) (?:dashboard|console|portal|tab|environment|section)\\b',
      '\\b(?:token|chave|clave|credenciales|credenciais|schl[uü]ssel|cl[eé]|chiave)s? (?:de |do |da |del |des |di )?(?<env>sandbox|teste|test|prueba|produ[cç][aã]o|producci[oó]n|produktion|production|produzione)\\b',
      '\\b(?:works?|worked|working|fine)\\b[^.!?\\n]{0,40}\\b(?:in|on|with|against) (?:the )?(?:sandbox|test ?mode|testnet|live|production|prod)\\b[^.!?\\n]{0,60}\\b(?:but|not|fails?|401|403)\\b',
    ],
    strongConfidence: 0.74,
    title: 'Sandbox and production may be mixed',
    explain:
      'Sandbox (test) and production (live) are separate worlds at most providers: their keys and tokens only work against their own host, and an app created in one does not exist in the other.',
    fix: [
      "Use the credentials of the environment you call: sandbox credentials with the sandbox host, production credentials with the production host (the provider's dashboard usually has a toggle that switches which credentials it shows).",
    ],
    examples: [
      'I copied the sandbox access token from the dashboard',
      'the environment switch in the portal was set to Sandbox when I copied it',
      'estou usando o token de sandbox',
      'it works in the sandbox but not in production',
      'we are using the production keys from the live mode dashboard',
    ],
    near: ['we test in a sandbox VM', 'production is down'],
  },
  {
    id: 'region-of-the-account',
    cause: 'wrong_environment',
    confidence: 0.5,
    against: 'host-region',
    match: [
      `\\b(?<region>${REGION_NAMES})\\b[^.!?\\n]{0,20}\\b(?:region|data ?cent(?:er|re)|datacenter|instance|site|cluster|edge|residency)\\b`,
      '\\b(?<region>us|eu|uk|au)[ -](?:region|data ?cent(?:er|re)|datacenter|instance|site)\\b',
      `\\bregion\\b[^.!?\\n]{0,30}\\b(?:on|to|set to|is|was|=|:) ["'“(]?(?<region>${REGION_NAMES}|eu|us|uk|au|jp)\\b`,
      '\\b(?:different|another|wrong|other|new) (?:region|data ?cent(?:er|re)|datacenter)\\b',
    ],
    strongConfidence: 0.72,
    title: 'The account or key may belong to another region',
    explain:
      "Many providers run separate regions (US, EU, AU, …) with their own hosts, and keys, accounts and data live in one of them: a key created in one region is unknown to another region's host, and SDKs call the default (usually US) host unless told otherwise.",
    fix: [
      "Call the host of the region where the key or account was created (set the SDK's region/edge/base URL option), or create the key in the region you call.",
    ],
    examples: [
      'our workspace lives in the Frankfurt data center',
      'we created the key in the AU1 region',
      'the account is on the EU instance',
      'region is set to "eu-central-1" in the console',
    ],
    near: ['the region variable is unset', 'regional managers'],
  },
  {
    id: 'account-state-said',
    cause: 'account_or_billing_state',
    confidence: 0.5,
    match: [
      "\\b(?:account|email|e-mail|phone(?: number)?|identity)\\b[^.!?\\n]{0,20}\\b(?:is not|isn't|was not|wasn't|has not been|hasn't been|not yet|still not|never got|never been) (?:yet )?(?:been )?(?:verified|confirmed|activated|approved)\\b",
      "\\b(?:haven't|have not|didn't|did not|never) (?:yet )?(?:verified|confirmed|activated)\\b[^.!?\\n]{0,20}\\b(?:my |the |our )?(?:account|email|e-mail|phone)\\b",
      '\\b(?:unverified|unconfirmed) (?:account|email|e-mail|user)\\b|\\b(?:account|signup|registration|application) (?:is )?(?:still )?pending (?:approval|verification|review|activation)\\b',
      '\\b(?:free )?trial\\b[^.!?\\n]{0,15}\\b(?:has )?(?:expired|ended|ran out|is over)\\b',
      "\\b(?:haven't|have not|didn't|did not|never) (?:added|entered|set up|provided|attached) (?:a |any |my |the )?(?:credit card|card|payment method|billing(?: details| info)?)\\b",
      '\\b(?:on|using) (?:the |a |our )?(?:free|trial|basic|starter|hobby) (?:plan|tier|account|subscription)\\b',
    ],
    title: 'The account state may block the call',
    explain:
      'A valid key on an account that is not verified or activated yet, has no payment method, or is on a plan or trial that does not include this API is refused until the account changes; a new key does not help.',
    fix: [
      "Open the provider's dashboard as the account owner: finish e-mail or account verification, add a payment method, or switch to a plan that includes this API; then retry with the same key.",
    ],
    examples: [
      "I haven't verified my email yet",
      'my account is still pending approval',
      'we are on the free plan',
      'the trial ended last week',
    ],
    near: ['my account is verified', 'I verified my email yesterday'],
  },
];
