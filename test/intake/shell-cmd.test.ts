import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeCmd } from '../../src/intake/shell/cmd.js';
import { expandWord } from '../../src/intake/shell/expand.js';
import type { ShellCommand } from '../../src/intake/shell/types.js';

const argvs = (commands: ShellCommand[]) => commands.map((cmd) => cmd.argv.map((w) => w.value));

/** How current Chrome writes one value for "Copy as cURL (cmd)" (re-stated here to test against). */
function chromeCmdQuote(value: string): string {
  const escaped = value
    .replace(/\\/g, '\\\\')
    .replace(/"/g, '\\"')
    .replace(/[^a-zA-Z0-9\s_\-:=+~'/.',?;()*`]/g, '^$&')
    .replace(/%(?=[a-zA-Z0-9_])/g, '%^')
    .replace(/\r?\n/g, '^\n\n');
  return `^"${escaped}^"`;
}

const chromeSample = [
  'curl ^"https://api.example.com/v1/items?a=1^&b=^%^5B2^%^5D^" ^',
  '  -H ^"accept: application/json^" ^',
  '  -H ^"authorization: Bearer eyJhbGciOi.abc.def^" ^',
  '  -H ^"sec-ch-ua: ^\\^"Chromium^\\^";v=^\\^"122^\\^"^" ^',
  '  --data-raw ^"^{^\\^"name^\\^":^\\^"x y^\\^"^}^" ^',
  '  --compressed',
].join('\n');

describe('tokenizeCmd: words as cmd.exe and the C runtime split them', () => {
  const cases: [string, string, string[][]][] = [
    [
      "Chrome's Copy as cURL (cmd)",
      chromeSample,
      [
        [
          'curl',
          'https://api.example.com/v1/items?a=1&b=%5B2%5D',
          '-H',
          'accept: application/json',
          '-H',
          'authorization: Bearer eyJhbGciOi.abc.def',
          '-H',
          'sec-ch-ua: "Chromium";v="122"',
          '--data-raw',
          '{"name":"x y"}',
          '--compressed',
        ],
      ],
    ],
    ['an unescaped & ends the command', 'curl http://h/?a=1&b=2', [['curl', 'http://h/?a=1'], ['b=2']]],
    ['a quoted & does not', 'curl "http://h/?a=1&b=2"', [['curl', 'http://h/?a=1&b=2']]],
    ['carets escape outside quotes only', 'curl a^&b a^^b "c^d"', [['curl', 'a&b', 'a^b', 'c^d']]],
    ['"" inside quotes is a quote', 'curl -d "{""a"":1}"', [['curl', '-d', '{"a":1}']]],
    [
      'backslashes count only before quotes',
      'curl "a\\\\\\"b" c\\\\d "e\\\\"',
      [['curl', 'a\\"b', 'c\\\\d', 'e\\']],
    ],
    ['old Firefox "%" trick', 'curl "100"%"25"', [['curl', '100%25']]],
    ['percent signs that are not variables', 'curl 100% %^HOME% a%%b', [['curl', '100%', '%HOME%', 'a%%b']]],
    ['caret continuation joins lines', 'curl ^\n  -k ^\r\n  https://h', [['curl', '-k', 'https://h']]],
    ['caret before an empty line is a newline in the value', 'curl -d ^"a^\n\nb^"', [['curl', '-d', 'a\nb']]],
    [
      'program name keeps its backslashes',
      '"C:\\Program Files\\curl.exe" -s x',
      [['C:\\Program Files\\curl.exe', '-s', 'x']],
    ],
    ['empty quoted argument', 'curl -d "" x', [['curl', '-d', '', 'x']]],
    ['blank and empty input', ' \n\r\n', []],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(argvs(tokenizeCmd(text).commands)).toEqual(expected);
  });
});

describe('tokenizeCmd: structure and parts', () => {
  it('keeps %VAR% as a variable part, quoted or not', () => {
    const [cmd] = tokenizeCmd('curl -H "Authorization: Bearer %API_TOKEN%" -u %USER%:x ^%PASS%').commands;
    expect(cmd?.argv[2]?.parts).toEqual([
      { text: 'Authorization: Bearer ', quote: 'double', kind: 'literal' },
      { text: '%API_TOKEN%', quote: 'double', kind: 'variable', name: 'API_TOKEN' },
    ]);
    expect(cmd?.argv[4]?.parts[0]).toMatchObject({ kind: 'variable', quote: 'none', name: 'USER' });
    expect(cmd?.argv[5]?.parts[0]).toMatchObject({ kind: 'variable', name: 'PASS' });
    expect(cmd && expandWord(cmd.argv[2]!, { API_TOKEN: 't0k' })).toBe('Authorization: Bearer t0k');
  });

  it('records operators between commands', () => {
    const { commands } = tokenizeCmd('a && b || c | d & e\nf');
    expect(commands.map((c) => c.joinedBy)).toEqual([undefined, '&&', '||', '|', '&', 'newline']);
  });

  it('reads redirections', () => {
    const [cmd] = tokenizeCmd('curl x > out.txt 2>&1 2>>"err log.txt" <in.txt').commands;
    expect(cmd?.argv.map((w) => w.value)).toEqual(['curl', 'x']);
    expect(cmd?.redirects.map((r) => [r.op, r.target?.value])).toEqual([
      ['>', 'out.txt'],
      ['2>&1', undefined],
      ['2>>', 'err log.txt'],
      ['<', 'in.txt'],
    ]);
  });

  it('numbers lines across continuations', () => {
    const { commands } = tokenizeCmd('curl ^\n  -k ^\n  x\necho y', 5);
    expect(commands.map((c) => [c.line, c.endLine])).toEqual([
      [5, 7],
      [8, 8],
    ]);
    expect(commands[0]?.argv.map((w) => w.line)).toEqual([5, 6, 7]);
  });
});

describe('tokenizeCmd: broken pastes', () => {
  it('notes a caret followed by trailing spaces and splits like cmd', () => {
    const { commands, notes } = tokenizeCmd('curl https://h ^  \n  -H "x: y"');
    expect(argvs(commands)).toEqual([
      ['curl', 'https://h'],
      ['-H', 'x: y'],
    ]);
    expect(notes).toEqual([expect.objectContaining({ code: 'shell.stray_continuation', line: 1 })]);
  });

  it('notes an unclosed double quote and keeps the rest in the argument', () => {
    const { commands, notes } = tokenizeCmd('curl -H "Authorization: Bearer abc');
    expect(commands[0]?.argv[2]?.value).toBe('Authorization: Bearer abc');
    expect(notes[0]).toMatchObject({ code: 'shell.unterminated_quote', line: 1 });
  });

  it('notes a redirection without a target', () => {
    expect(tokenizeCmd('curl x >').notes.map((n) => n.code)).toEqual(['shell.redirect_missing_target']);
  });
});

describe('tokenizeCmd properties', () => {
  it('never throws', () => {
    const unit = fc.constantFrom('a', ' ', '^', '"', '\\', '%', '&', '|', '<', '>', '\n', '\r', '1', 'X');
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 120 }), fc.string({ unit: 'binary' })), (text) => {
        for (const cmd of tokenizeCmd(text).commands) for (const w of cmd.argv) expandWord(w, {});
      }),
    );
  });

  it("recovers any value from Chrome's escaping (backslash- and CR-free: Chrome mangles those)", () => {
    const value = fc.string({ unit: 'binary' }).filter((s) => !s.includes('\\') && !s.includes('\r'));
    fc.assert(
      fc.property(value, (s) => {
        const { commands } = tokenizeCmd(`curl -d ${chromeCmdQuote(s)} ^\n  --compressed`);
        expect(argvs(commands)).toEqual([['curl', '-d', s, '--compressed']]);
      }),
    );
  });
});
