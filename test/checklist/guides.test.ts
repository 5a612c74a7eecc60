import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { type Guide, type GuideContext, GuideSchema } from '../../src/checklist/guide.js';
import { guideFor } from '../../src/checklist/guides.js';
import { STEP_IDS, type StepId, stepById } from '../../src/checklist/steps.js';
import { builtinKnowledge } from '../../src/providers/knowledge.js';

const GITHUB: NonNullable<GuideContext['provider']> = {
  id: 'github',
  name: 'GitHub REST API',
  docs: [
    {
      title: 'Authenticating to the REST API',
      url: 'https://docs.github.com/en/rest/authentication/authenticating-to-the-rest-api',
    },
    { title: 'Token formats', url: 'https://github.blog/changelog/2021-03-31-authentication-token-format' },
  ],
  pitfalls: ['Fine-grained tokens only see the repositories chosen when they were created.'],
  dashboard: 'https://github.com/settings/tokens',
};

const EXAMPLE = "curl -H 'Authorization: Bearer <YOUR_TOKEN>' https://api.github.com/user/repos";

const FULL: GuideContext = {
  provider: GITHUB,
  request: { method: 'GET', url: 'https://api.github.com/user/repos', host: 'api.github.com' },
  example: EXAMPLE,
  support: { url: 'https://support.example.com/new', channel: '#api-support' },
};

/** Every piece of prose a user reads (code blocks apart). */
function prose(guide: Guide): string[] {
  return [
    guide.title,
    guide.why,
    ...guide.check,
    ...guide.howTo.flatMap((h) => [h.title, ...h.steps]),
    ...guide.links.map((l) => l.label),
  ];
}

function codeOf(guide: Guide, title: string): string {
  const part = guide.howTo.find((h) => h.title === title);
  expect(part?.code, `code under ${title}`).toBeDefined();
  return part!.code!.text;
}

function run(script: string, env: Record<string, string>): string {
  return execFileSync('bash', ['-c', script], { env: { ...process.env, ...env }, encoding: 'utf8' });
}

function hasCommand(name: string): boolean {
  try {
    execFileSync('bash', ['-c', `command -v ${name}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function jwt(claims: Record<string, unknown>): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.c2lnbmF0dXJl`;
}

describe('guideFor', () => {
  const contexts: [string, GuideContext][] = [
    ['no context', {}],
    ['a full context', FULL],
    ['a provider only', { provider: GITHUB }],
    ['a request only', { request: { method: 'POST', url: 'http://api.example.com/v1/items' } }],
  ];

  it.each(contexts)('gives every step a valid guide with %s', (_name, context) => {
    for (const step of STEP_IDS) {
      const guide = guideFor(step, context);
      expect(GuideSchema.safeParse(guide).success, step).toBe(true);
      expect(guide.step).toBe(step);
      expect(guide.title).toBe(stepById(step).title);
      expect(guide.why.length, step).toBeGreaterThan(20);
      expect(guide.check.length, step).toBeGreaterThan(0);
      for (const part of guide.howTo) expect(part.steps.length, `${step} › ${part.title}`).toBeGreaterThan(0);
      for (const link of guide.links) expect(link.url, step).toMatch(/^https:\/\//);
    }
  });

  it('writes chat-sized plain text: inline code only, balanced backticks, a sentence or two per string', () => {
    for (const step of STEP_IDS) {
      for (const context of [{}, FULL]) {
        for (const text of prose(guideFor(step, context))) {
          const outsideCode = text.replace(/`[^`]*`/g, '');
          expect(outsideCode, step).not.toMatch(/\*\*|__|\[[^\]]*\]\(|^#|<\/?[a-z]+>/);
          expect(text.split('`').length % 2, `${step}: ${text}`).toBe(1);
          expect(text.length, `${step}: ${text}`).toBeLessThanOrEqual(420);
          expect(text, step).not.toMatch(/\n/);
        }
        const why = guideFor(step, context).why;
        expect(why.split(/[.!?](?:\s|$)/).filter((s) => s.trim() !== '').length, step).toBeLessThanOrEqual(2);
      }
    }
  });

  it("links the provider's authentication reference where the credential itself is checked", () => {
    for (const step of [
      'credentials-present',
      'right-credential',
      'header-format',
      'permissions',
      'url',
    ] as const) {
      const urls = guideFor(step, { provider: GITHUB }).links.map((l) => l.url);
      expect(urls, step).toContain(GITHUB.docs[0]!.url);
    }
  });

  it('lists every provider docs link and its pitfalls in the provider-docs step, the auth reference first', () => {
    const guide = guideFor('provider-docs', { provider: GITHUB });
    expect(guide.links.map((l) => l.url)).toEqual(GITHUB.docs.map((d) => d.url));
    expect(guide.why).toContain('GitHub REST API');
    expect(guide.howTo.flatMap((h) => h.steps)).toContain(GITHUB.pitfalls?.[0]);
    expect(guide.howTo[0]!.steps.join(' ')).toContain(GITHUB.docs[0]!.url);
  });

  it('says what to look for in any API docs when the provider is unknown', () => {
    const text = prose(guideFor('provider-docs', {})).join(' ');
    for (const word of ['Header', 'Scheme', 'Token type', 'Environment', 'Base URL'])
      expect(text).toContain(word);
    expect(text).not.toContain('GitHub');
  });

  it("builds on a real pack's docs and pitfalls", () => {
    const pack = builtinKnowledge().byId('stripe')!;
    const guide = guideFor('provider-docs', {
      provider: { id: pack.id, name: pack.name, docs: pack.docs, pitfalls: pack.pitfalls },
    });
    expect(guide.links[0]!.url).toBe(pack.docs[0]!.url);
    expect(GuideSchema.safeParse(guide).success).toBe(true);
  });

  it("uses the user's example request verbatim in the header-format step", () => {
    const odd =
      "curl -X POST 'https://api.acme.example/v2/rockets?x=1&y=2' -H 'X-Acme-Key: <YOUR_API_KEY>' -d '{}'";
    for (const example of [EXAMPLE, odd]) {
      const guide = guideFor('header-format', { ...FULL, example });
      expect(guide.howTo[0]!.code?.text).toBe(example);
    }
  });

  it('shows a generic bearer example with a placeholder when there is no example', () => {
    const text = guideFor('header-format', {}).howTo[0]!.code!.text;
    expect(text).toContain("curl -H 'Authorization: Bearer <YOUR_TOKEN>' https://");
    const withUrl = guideFor('header-format', {
      request: { method: 'GET', url: 'https://api.acme.example/v1/me' },
    });
    expect(withUrl.howTo[0]!.code!.text).toBe(
      "curl -H 'Authorization: Bearer <YOUR_TOKEN>' 'https://api.acme.example/v1/me'",
    );
  });

  it('shows Basic auth with curl -u and printf, never a bare echo', () => {
    const guide = guideFor('header-format', {});
    const basic = guide.howTo.find((h) => h.title === 'Basic auth')!;
    expect(basic.code!.text).toContain("curl -u 'user:password'");
    expect(basic.code!.text).toContain("printf '%s' 'user:password' | base64");
    expect(basic.code!.text).not.toMatch(/\becho\b/);
    expect(run("printf '%s' 'user:password' | base64", {}).trim()).toBe('dXNlcjpwYXNzd29yZA==');
  });

  it('has Windows, macOS and Linux sections in the DNS guide, with the flush commands of each', () => {
    const guide = guideFor('dns', { request: { method: 'GET', host: 'api.stripe.com' } });
    const titles = guide.howTo.map((h) => h.title);
    expect(titles).toEqual(expect.arrayContaining(['Windows', 'macOS', 'Linux']));
    expect(codeOf(guide, 'Windows')).toContain('ipconfig /flushdns');
    expect(codeOf(guide, 'macOS')).toBe('sudo dscacheutil -flushcache; sudo killall -HUP mDNSResponder');
    const linux = [codeOf(guide, 'Linux'), ...guide.howTo.find((h) => h.title === 'Linux')!.steps].join('\n');
    for (const command of ['resolvectl flush-caches', 'systemd-resolve --flush-caches', 'nscd -i hosts'])
      expect(linux).toContain(command);
    expect(codeOf(guide, 'Check resolution')).toContain('dig +short api.stripe.com');
    expect(codeOf(guide, 'Check resolution')).toContain('nslookup api.stripe.com');
  });

  it('uses a placeholder host in the DNS guide when the host is unknown or unsafe for a shell', () => {
    for (const context of [{}, { request: { method: 'GET', host: 'api.x.com; rm -rf ~' } }]) {
      const guide = guideFor('dns', context);
      expect(codeOf(guide, 'Check resolution')).toContain('dig +short API_HOST');
      expect(JSON.stringify(guide)).not.toContain('rm -rf');
    }
  });

  it('has Chrome, Firefox, Safari and Edge sections in the cookies guide', () => {
    const guide = guideFor('cookies-cache', {});
    const byTitle = new Map(guide.howTo.map((h) => [h.title, h.steps.join(' ')]));
    for (const browser of ['Chrome', 'Firefox', 'Safari', 'Edge'])
      expect(byTitle.has(browser), browser).toBe(true);
    expect(byTitle.get('Chrome')).toContain('Clear site data');
    expect(byTitle.get('Chrome')).toContain('Disable cache');
    expect(byTitle.get('Safari')).toContain('Empty Caches');
    expect(byTitle.get('Hard reload')).toMatch(/Ctrl\+Shift\+R.*Cmd\+Shift\+R/);
    expect(byTitle.get('Proxies and CDNs')).toContain('Vary: Authorization');
    expect(byTitle.get('Proxies and CDNs')).toContain('no-store');
  });

  it("points the URL step at the user's own URL and host, and flags plain http", () => {
    const guide = guideFor('url', {
      request: { method: 'GET', url: 'http://api.acme.example/v1/me', host: 'api.acme.example' },
    });
    const yours = guide.howTo.find((h) => h.title === 'Your URL')!.steps.join(' ');
    expect(yours).toContain('`http://api.acme.example/v1/me`');
    expect(yours).toContain('use `https`');
    expect(codeOf(guide, 'Redirects')).toContain("'http://api.acme.example/v1/me'");
    expect(prose(guide).join(' ')).toContain('--location-trusted');
    expect(guideFor('url', {}).howTo.some((h) => h.title === 'Your URL')).toBe(false);
  });

  it('quotes a URL with a single quote safely for the shell', () => {
    const guide = guideFor('url', { request: { method: 'GET', url: "https://api.acme.example/it's" } });
    const command = codeOf(guide, 'Redirects');
    expect(command).toContain("'https://api.acme.example/it'\\''s'");
  });

  it('tells how to find the egress IP address and that ifconfig.me is a third party', () => {
    const guide = guideFor('network-restrictions', {});
    const part = guide.howTo.find((h) => h.title === 'Find your egress IP address')!;
    expect(part.code!.text).toContain('curl -s https://ifconfig.me');
    expect(part.steps.join(' ')).toMatch(/third-party/);
    expect(part.steps.join(' ')).toMatch(/network team/);
  });

  it('decodes a JWT locally with the one-liners it shows', () => {
    const exp = 1_900_000_000;
    const token = jwt({ sub: 'user-1', exp, note: 'a?b>c~' });
    const lines = codeOf(guideFor('token-expiry', {}), 'Decode a JWT locally (bash, zsh)').split('\n');
    const node = lines.find((l) => l.startsWith('node '))!;
    const nodeOut = run(node, { TOKEN: token });
    expect(nodeOut).toContain('user-1');
    expect(nodeOut).toContain(new Date(exp * 1000).toISOString());
    if (hasCommand('python3')) {
      const python = lines.find((l) => l.startsWith('python3 '))!;
      expect(JSON.parse(run(python, { TOKEN: token }))).toEqual({ sub: 'user-1', exp, note: 'a?b>c~' });
    }
    const text = prose(guideFor('token-expiry', {})).join(' ');
    expect(text).toContain('jwt.io');
    for (const command of ['timedatectl', 'w32tm /resync', 'sntp -sS time.apple.com'])
      expect(JSON.stringify(guideFor('token-expiry', {}))).toContain(command);
  });

  it('checks an empty variable by length only, never printing the value', () => {
    const check = codeOf(guideFor('credentials-present', {}), 'Shell variables and quoting').split('\n')[0]!;
    expect(run(check, { TOKEN: '' }).trim()).toBe('TOKEN is empty');
    const secret = 'sk_live_abcdefghijklmnop1234';
    const out = run(check, { TOKEN: secret });
    expect(out.trim()).toBe(`TOKEN is set (${secret.length} chars)`);
    expect(out).not.toContain(secret);
  });

  it('shows how to see what curl sent and warns about single quotes', () => {
    const guide = guideFor('credentials-present', {});
    expect(codeOf(guide, 'curl')).toMatch(/^curl -v /);
    const text = prose(guide).join(' ');
    expect(text).toContain('> Authorization:');
    expect(text).toContain("`-H 'Authorization: Bearer $TOKEN'`");
    expect(text).toContain('Request Headers');
  });

  it('compares the last characters of the credential, pointing at the dashboard when known', () => {
    const guide = guideFor('right-credential', { provider: GITHUB });
    expect(guide.links[0]!.url).toBe(GITHUB.dashboard);
    expect(prose(guide).join(' ')).toContain('`https://github.com/settings/tokens`');
    const fingerprint = codeOf(guide, 'Compare fingerprints, not values');
    const out = run(fingerprint, { TOKEN: 'ghp_0123456789abcdefWXYZ' });
    expect(out.split('\n').map((l) => l.trim())).toEqual(['24', 'WXYZ', '']);
    const noDashboard = guideFor('right-credential', { provider: { ...GITHUB, dashboard: undefined } });
    expect(prose(noDashboard).join(' ')).toContain(GITHUB.docs[0]!.url);
  });

  it('picks the login command of the known CLI, or names several when the provider is unknown', () => {
    const github = JSON.stringify(guideFor('logout-login', { provider: GITHUB }));
    expect(github).toContain('gh auth login');
    expect(github).not.toContain('gcloud auth login');
    const google = JSON.stringify(
      guideFor('logout-login', { provider: { id: 'google-cloud', name: 'Google Cloud', docs: [] } }),
    );
    expect(google).toContain('gcloud auth login');
    expect(google).not.toContain('gh auth login');
    const generic = JSON.stringify(guideFor('logout-login', {}));
    for (const command of ['gh auth login', 'gcloud auth login', 'az login', 'npm login'])
      expect(generic).toContain(command);
  });

  it('tells what to send to support and where, from config and the provider', () => {
    const guide = guideFor('contact-support', FULL);
    const text = prose(guide).join(' ');
    for (const header of ['x-request-id', 'cf-ray']) expect(text).toContain(header);
    expect(text).toContain('UTC');
    expect(text).toContain('`#api-support`');
    expect(guide.links.map((l) => l.url)).toEqual(
      expect.arrayContaining(['https://support.example.com/new', 'https://www.githubstatus.com/']),
    );
    expect(guideFor('contact-support', {}).links).toEqual([]);
  });

  it('never echoes context fields other than the documented ones', () => {
    const raw = 'ghp_R4wT0k3nTh4tMustN3v3rAppearAnyWhere00';
    const sloppy = {
      ...FULL,
      token: raw,
      credential: { value: raw },
      evidence: { headers: { authorization: `Bearer ${raw}` } },
      provider: { ...GITHUB, secret: raw, apiKey: raw },
      request: { ...FULL.request, headers: { authorization: `Bearer ${raw}` }, body: raw },
      support: { ...FULL.support, token: raw },
    } as unknown as GuideContext;
    for (const step of STEP_IDS) {
      const text = JSON.stringify(guideFor(step, sloppy));
      expect(text, step).not.toContain(raw);
      expect(text, step).not.toContain('R4wT0k3n');
    }
  });

  it('drops context fields that do not fit instead of failing, and never links a non-http URL', () => {
    const broken = {
      provider: { id: 'x', docs: 'not a list' },
      request: { method: 42 },
      example: 7,
      support: { url: 'javascript:alert(1)', channel: 'help`desk\nnow' },
    } as unknown as GuideContext;
    for (const step of STEP_IDS) {
      const guide = guideFor(step, broken);
      expect(GuideSchema.safeParse(guide).success, step).toBe(true);
      expect(JSON.stringify(guide), step).not.toContain('javascript:');
      for (const text of prose(guide)) expect(text.split('`').length % 2, step).toBe(1);
    }
    const support = prose(guideFor('contact-support', broken)).join(' ');
    expect(support).toContain("`help'desk now`");
    const badDocs = guideFor('provider-docs', {
      provider: { id: 'acme', name: 'Acme', docs: [{ title: 'Auth', url: 'javascript:alert(1)' }] },
    });
    expect(badDocs.links).toEqual([]);
  });

  it('keeps backticks in context values from breaking inline code', () => {
    const guide = guideFor('url', {
      request: { method: 'GET', host: 'api.acme.example', url: 'https://api.acme.example/`whoami`' },
    });
    for (const text of prose(guide)) expect(text.split('`').length % 2).toBe(1);
  });

  it('rejects an unknown step the way the step table does', () => {
    expect(() => guideFor('nope' as StepId, {})).toThrow(/unknown checklist step/);
  });
});
