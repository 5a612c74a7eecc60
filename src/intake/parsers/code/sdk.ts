/**
 * Credentials handed to API SDKs rather than put in a request: `new Stripe('sk_…')`, `OpenAI(api_key=…)`,
 * `new Octokit({ auth })`, `sgMail.setApiKey(…)`, `stripe.api_key = …`, and credential-named variables.
 * Each becomes a loose credential whose name carries the SDK (`Stripe(apiKey)`) so provider rules can match.
 */
import type { Collector } from './collector.js';
import { isCredentialName } from './credential-names.js';
import type { Arg, Chain } from './program.js';

interface Sdk {
  re: RegExp;
  /** Provider hint used in the credential name. */
  label: string;
  /** Names of the positional arguments that are credentials. */
  positional: string[];
}

const SDKS: Sdk[] = [
  {
    re: /^(?:new )?(?:Stripe|StripeClient|stripe\.StripeClient|Stripe\\StripeClient)$/,
    label: 'Stripe',
    positional: ['apiKey'],
  },
  { re: /^(?:\\?Stripe\\)?Stripe::setApiKey$/, label: 'Stripe::setApiKey', positional: ['apiKey'] },
  {
    re: /^(?:new )?(?:OpenAI|AsyncOpenAI|AzureOpenAI|openai\.OpenAI|OpenAIClient)$/,
    label: 'OpenAI',
    positional: ['apiKey'],
  },
  {
    re: /^(?:new )?(?:Anthropic|AsyncAnthropic|anthropic\.Anthropic)$/,
    label: 'Anthropic',
    positional: ['apiKey'],
  },
  { re: /^(?:new )?Octokit$/, label: 'Octokit', positional: ['auth'] },
  { re: /^(?:github\.)?Github$|^Auth\.Token$/, label: 'Github', positional: ['token'] },
  {
    re: /^(?:new )?(?:WebClient|AsyncWebClient|slack_sdk\.WebClient)$/,
    label: 'Slack WebClient',
    positional: ['token'],
  },
  { re: /^(?:new )?Twilio$|^twilio$/, label: 'twilio', positional: ['accountSid', 'authToken'] },
  { re: /^(?:sgMail|sendgrid|mail|client)\.setApiKey$/, label: 'sgMail.setApiKey', positional: ['apiKey'] },
  { re: /^(?:new )?(?:SendGridAPIClient|SendGridClient)$/, label: 'SendGrid', positional: ['apiKey'] },
  { re: /^(?:client|bot)\.(?:login|run)$/, label: 'Discord', positional: ['token'] },
  {
    re: /^(?:new )?(?:Resend|Groq|Mistral|Cohere|CohereClient|Replicate|HfInference|GoogleGenerativeAI|Pinecone|Mailgun|Postmark\.ServerClient|ServerClient)$/,
    label: '',
    positional: ['apiKey'],
  },
];

/** Node modules called directly with a key: `require('stripe')('sk_…')`. */
const REQUIRE_SDKS: Record<string, Sdk> = {
  stripe: { re: /^$/, label: 'Stripe', positional: ['apiKey'] },
  twilio: { re: /^$/, label: 'twilio', positional: ['accountSid', 'authToken'] },
};

const CREDENTIAL_KEYS = /^(?:auth|token|key|apiKey|api_key|secret|password|accessToken|access_token|bearer)$/;

/** Loose credentials passed to an SDK constructor or call; true when the call was one. */
export function sdkCall(c: Collector, ch: Chain): boolean {
  const s = ch.segs[0]!;
  const callee = ch.isNew ? `new ${s.path}` : s.path;
  const second = ch.segs[1];
  if (s.path === 'require' && second?.name === '()' && s.args[0]) {
    const mod = c.value(s.args[0].s, s.args[0].e).text;
    const sdk = REQUIRE_SDKS[mod];
    if (!sdk) return false;
    positional(c, sdk, second.args);
    return true;
  }
  const sdk = SDKS.find((x) => x.re.test(callee));
  if (sdk) {
    const label = sdk.label || s.path;
    positional(c, { ...sdk, label }, s.args);
    keyed(c, label, s.args);
    return true;
  }
  return keyed(c, s.path, s.args);
}

function positional(c: Collector, sdk: Sdk, args: Arg[]): void {
  const plain = args.filter((a) => !a.name);
  sdk.positional.forEach((param, k) => {
    const a = plain[k];
    if (!a || c.v.obj(a.s, a.e)) return;
    c.addLoose(`${sdk.label}(${param})`, c.value(a.s, a.e), c.line(a.s));
  });
}

/** `OpenAI(api_key=…)`, `new OpenAI({ apiKey })`, `Configuration(access_token=…)`. */
function keyed(c: Collector, label: string, args: Arg[]): boolean {
  let found = false;
  const consider = (key: string, s: number, e: number) => {
    if (!(CREDENTIAL_KEYS.test(key) || isCredentialName(key))) return;
    if (c.v.obj(s, e)) return;
    c.addLoose(`${label}(${key})`, c.value(s, e), c.line(s));
    found = true;
  };
  for (const a of args) {
    if (a.name) {
      consider(a.name, a.s, a.e);
      continue;
    }
    if (!c.p.is(a.s, '{') && !c.p.is(a.s, '[')) continue;
    for (const en of c.v.obj(a.s, a.e) ?? []) consider(en.key, en.s, en.e);
  }
  return found;
}

/**
 * `const apiKey = 'sk_…'`, `STRIPE_KEY = os.environ["STRIPE_KEY"]`, `stripe.api_key = "…"`: assignments
 * of a string, an environment read or nothing to a credential-named target.
 */
export function credentialAssignments(c: Collector): void {
  const p = c.p;
  for (const a of p.assignList) {
    if (a.index) {
      // `os.environ["OPENAI_API_KEY"] = "sk-…"`: setting the environment from code.
      if (!/^(?:os\.environ|process\.env|ENV|\$_ENV)$/.test(a.name)) continue;
      const key = c.value(a.index[0], a.index[1]).text;
      if (isCredentialName(key)) c.addLoose(key, c.value(a.s, a.e), a.line);
      continue;
    }
    const last = a.name
      .split(/\.|->|::/)
      .at(-1)!
      .replace(/^[$@]/, '');
    if (!isCredentialName(last)) continue;
    const first = p.tok(a.s);
    if (!first) continue;
    const v = c.value(a.s, a.e);
    const stringy =
      first.k === 'str' || v.nullish || v.origin?.kind === 'env' || v.origin?.kind === 'template';
    if (!stringy) continue;
    c.addLoose(a.name, v, a.line);
  }
}
