import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/intake/normalize.js';

const cases: { name: string; input: string; text: string; codes: string[] }[] = [
  {
    name: 'Slack link with label keeps the URL, not the (possibly shortened) label',
    input: 'curl <https://api.example.com/v1/me?a=1&amp;b=2|api.example.com/v1/me>',
    text: 'curl https://api.example.com/v1/me?a=1&b=2',
    codes: ['normalize.chat_links', 'normalize.html_entities'],
  },
  {
    name: 'Slack bare link and mailto',
    input: 'see <https://docs.example.com> or <mailto:help@example.com|help@example.com>',
    text: 'see https://docs.example.com or help@example.com',
    codes: ['normalize.chat_links'],
  },
  {
    name: 'Slack escapes angle brackets and ampersands in pasted text',
    input: "curl -H 'Authorization: Bearer &lt;token&gt;' 'https://x.test/?a=1&amp;b=2'",
    text: "curl -H 'Authorization: Bearer <token>' 'https://x.test/?a=1&b=2'",
    codes: ['normalize.html_entities'],
  },
  {
    name: 'leading bot mention is dropped',
    input: '<@U012ABCDEF> curl https://x.test',
    text: 'curl https://x.test',
    codes: [],
  },
  {
    name: 'smart quotes become straight quotes and the user is told',
    input: 'curl -H “Authorization: Bearer abc” ‘https://x.test’',
    text: 'curl -H "Authorization: Bearer abc" \'https://x.test\'',
    codes: ['normalize.smart_quotes'],
  },
  {
    name: 'em dash before an option is two hyphens; en dash before one letter is one',
    input: 'curl —header "a: b" –H "c: d" —data-raw x',
    text: 'curl --header "a: b" -H "c: d" --data-raw x',
    codes: ['normalize.dashes'],
  },
  {
    name: 'a dash in prose is left alone',
    input: 'it fails — always',
    text: 'it fails — always',
    codes: [],
  },
  {
    name: 'code fences with a language and inline backticks around the whole line',
    input: '```bash\ncurl https://x.test\n```\n`curl -v https://y.test`',
    text: 'curl https://x.test\ncurl -v https://y.test',
    codes: ['normalize.code_fences'],
  },
  {
    name: 'fence on the same line as the command',
    input: '```curl https://x.test```',
    text: 'curl https://x.test',
    codes: ['normalize.code_fences'],
  },
  {
    name: 'zero-width characters inside a token are removed',
    input: 'Authorization: Bearer ab\u200Bc\uFEFFd',
    text: 'Authorization: Bearer abcd',
    codes: ['normalize.invisible_chars'],
  },
  {
    name: 'non-breaking spaces become spaces',
    input: 'curl\u00A0-H\u202F"a: b" https://x.test',
    text: 'curl -H "a: b" https://x.test',
    codes: ['normalize.nbsp'],
  },
  { name: 'CRLF and lone CR', input: 'a\r\nb\rc', text: 'a\nb\nc', codes: ['normalize.line_endings'] },
  {
    name: 'shell prompts are removed',
    input: '$ curl https://x.test\nPS C:\\Users\\me> curl.exe https://y.test\nme@box:~/src$ http GET z.test',
    text: 'curl https://x.test\ncurl.exe https://y.test\nhttp GET z.test',
    codes: ['normalize.prompt'],
  },
  {
    name: 'a dollar amount or variable in prose is not a prompt',
    input: '$TOKEN is set\n$ 5 per call',
    text: '$TOKEN is set\n$ 5 per call',
    codes: [],
  },
  {
    name: 'terminal colour codes are removed',
    input: '\u001b[1m< HTTP/2 401\u001b[0m',
    text: '< HTTP/2 401',
    codes: [],
  },
  {
    name: 'binary junk is reported, not fatal',
    input: 'curl https://x.test\u0000\u0001\u0002',
    text: 'curl https://x.test   ',
    codes: ['normalize.binary'],
  },
  {
    name: 'a curl -v trace keeps its > and < markers',
    input: '> GET / HTTP/1.1\n< HTTP/1.1 401 Unauthorized',
    text: '> GET / HTTP/1.1\n< HTTP/1.1 401 Unauthorized',
    codes: [],
  },
];

describe('normalize', () => {
  it.each(cases)('$name', ({ input, text, codes }) => {
    const result = normalize(input);
    expect(result.text).toBe(text);
    expect(result.notes.map((n) => n.code).sort()).toEqual([...codes].sort());
  });

  it('is linear on a megabyte of markup-heavy text', () => {
    const input = '<https://a.test|a> &amp; “x” —h \u200B '.repeat(30_000);
    const result = normalize(input);
    expect(result.text).not.toContain('&amp;');
    expect(result.text).not.toContain('\u200B');
  });
});
