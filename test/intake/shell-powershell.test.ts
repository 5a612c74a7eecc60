// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell source, where ${X} is meant literally
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expandWord } from '../../src/intake/shell/expand.js';
import { tokenizePowerShell } from '../../src/intake/shell/powershell.js';
import type { ShellCommand } from '../../src/intake/shell/types.js';

const argvs = (commands: ShellCommand[]) => commands.map((cmd) => cmd.argv.map((w) => w.value));

const chromeSample = [
  '$session = New-Object Microsoft.PowerShell.Commands.WebRequestSession',
  'Invoke-WebRequest -UseBasicParsing -Uri "https://api.example.com/v1/me" `',
  '-WebSession $session `',
  '-Headers @{',
  '"authorization"="Bearer abc.def"',
  '  "accept"="*/*"',
  '  "x-note"="a } b; c"',
  '} `',
  '-ContentType "application/json"',
].join('\n');

describe('tokenizePowerShell: words', () => {
  const cases: [string, string, string[][]][] = [
    [
      'curl.exe with backtick continuations',
      'curl.exe -s `\n  -H "Accept: */*" `\n  https://h',
      [['curl.exe', '-s', '-H', 'Accept: */*', 'https://h']],
    ],
    [
      "single quotes: literal, '' is a quote",
      `curl.exe -d 'it''s $x \`n'`,
      [['curl.exe', '-d', "it's $x `n"]],
    ],
    ['double quotes: `" and "" escapes', 'curl.exe -d "a`"b""c `$x `t"', [['curl.exe', '-d', 'a"b"c $x \t']]],
    [
      'variables keep their source text',
      'curl.exe -H "Bearer $env:TOKEN" $token ${my var}',
      [['curl.exe', '-H', 'Bearer $env:TOKEN', '$token', '${my var}']],
    ],
    [
      'subexpressions',
      'curl.exe -H "X: $(Get-Token -Name "a)")"',
      [['curl.exe', '-H', 'X: $(Get-Token -Name "a)")']],
    ],
    [
      "Chrome's Copy as PowerShell keeps the hashtable whole",
      chromeSample,
      [
        ['$session', '=', 'New-Object', 'Microsoft.PowerShell.Commands.WebRequestSession'],
        [
          'Invoke-WebRequest',
          '-UseBasicParsing',
          '-Uri',
          'https://api.example.com/v1/me',
          '-WebSession',
          '$session',
          '-Headers',
          '@{\n"authorization"="Bearer abc.def"\n  "accept"="*/*"\n  "x-note"="a } b; c"\n}',
          '-ContentType',
          'application/json',
        ],
      ],
    ],
    [
      'nested hashtables, arrays and parentheses are one word each',
      `iwr -Headers @{ a = @{ b = 'x}' }; c = "y" } -Body @( 1, '2' ) -X (Get-Date)`,
      [['iwr', '-Headers', `@{ a = @{ b = 'x}' }; c = "y" }`, '-Body', "@( 1, '2' )", '-X', '(Get-Date)']],
    ],
    ['; newline and pipes separate', 'a; b\nc | d && e', [['a'], ['b'], ['c'], ['d'], ['e']]],
    ['call operator is not argv', '& "C:\\Tools\\curl.exe" -s x', [['C:\\Tools\\curl.exe', '-s', 'x']]],
    [
      'comments',
      '# note\ncurl.exe x # trailing\n<# block\ncurl.exe no #> curl.exe y',
      [
        ['curl.exe', 'x'],
        ['curl.exe', 'y'],
      ],
    ],
    [
      'here-strings',
      '$b = @\'\n{"a": "$x"}\n\'@\ncurl.exe -d $b',
      [
        ['$b', '=', '{"a": "$x"}'],
        ['curl.exe', '-d', '$b'],
      ],
    ],
    ['empty input', '', []],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(argvs(tokenizePowerShell(text).commands)).toEqual(expected);
  });
});

describe('tokenizePowerShell: parts and structure', () => {
  it('names $env: variables by their environment name', () => {
    const [cmd] = tokenizePowerShell(
      'curl.exe -H "Authorization: Bearer $env:API_KEY" -u ${env:USER}',
    ).commands;
    expect(cmd?.argv[2]?.parts).toEqual([
      { text: 'Authorization: Bearer ', quote: 'double', kind: 'literal' },
      { text: '$env:API_KEY', quote: 'double', kind: 'variable', name: 'API_KEY' },
    ]);
    expect(cmd?.argv[4]?.parts[0]).toMatchObject({ kind: 'variable', name: 'USER' });
    const env = { API_KEY: 'k', USER: 'u' };
    expect(cmd?.argv.map((w) => expandWord(w, env))).toEqual([
      'curl.exe',
      '-H',
      'Authorization: Bearer k',
      '-u',
      'u',
    ]);
  });

  it('keeps single-quoted $ as literal text', () => {
    const [cmd] = tokenizePowerShell(`curl.exe -H 'Authorization: Bearer $env:API_KEY'`).commands;
    expect(cmd?.argv[2]?.parts).toEqual([
      { text: 'Authorization: Bearer $env:API_KEY', quote: 'single', kind: 'literal' },
    ]);
  });

  it('marks $( … ) as a command substitution', () => {
    const [cmd] = tokenizePowerShell('curl.exe -H "X: $(gcloud auth print-access-token)"').commands;
    expect(cmd?.argv[2]?.parts[1]).toMatchObject({ kind: 'command_substitution', quote: 'double' });
  });

  it('records operators and redirections', () => {
    const { commands } = tokenizePowerShell('a | b\nc; d && e || f 2>&1 > out.txt');
    expect(commands.map((c) => c.joinedBy)).toEqual([undefined, '|', 'newline', ';', '&&', '||']);
    expect(commands[5]?.redirects.map((r) => [r.op, r.target?.value])).toEqual([
      ['2>&1', undefined],
      ['>', 'out.txt'],
    ]);
  });

  it('counts lines inside multi-line hashtables', () => {
    const { commands } = tokenizePowerShell(chromeSample, 3);
    expect(commands.map((c) => [c.line, c.endLine])).toEqual([
      [3, 3],
      [4, 11],
    ]);
  });
});

describe('tokenizePowerShell: broken pastes', () => {
  it('notes a backtick followed by trailing spaces', () => {
    const { commands, notes } = tokenizePowerShell('curl.exe https://h `  \n  -H "x: y"');
    expect(argvs(commands)).toEqual([
      ['curl.exe', 'https://h', ' '],
      ['-H', 'x: y'],
    ]);
    expect(notes).toEqual([expect.objectContaining({ code: 'shell.stray_continuation', line: 1 })]);
  });

  it('notes unterminated quotes with the line they opened on', () => {
    const { notes } = tokenizePowerShell('curl.exe `\n  -H "Authorization: Bearer abc');
    expect(notes[0]).toMatchObject({ code: 'shell.unterminated_quote', line: 2 });
    expect(tokenizePowerShell("curl.exe -d 'x").notes[0]?.message).toMatch(/single quote opened on line 1/);
  });

  it('notes an unclosed hashtable and keeps the rest as its text', () => {
    const { commands, notes } = tokenizePowerShell('iwr -Headers @{ "a"="b"');
    expect(commands[0]?.argv[2]?.value).toBe('@{ "a"="b"');
    expect(notes.map((n) => n.code)).toEqual(['shell.unterminated_substitution']);
  });
});

describe('tokenizePowerShell properties', () => {
  it('never throws', () => {
    const unit = fc.constantFrom(
      'a',
      ' ',
      '`',
      '"',
      "'",
      '$',
      '@',
      '{',
      '}',
      '(',
      ')',
      '#',
      '<',
      '>',
      '|',
      '&',
      ';',
      '\n',
      'e',
      ':',
    );
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit, maxLength: 120 }), fc.string({ unit: 'binary' })), (text) => {
        for (const cmd of tokenizePowerShell(text).commands) for (const w of cmd.argv) expandWord(w, {});
      }),
    );
  });

  it("round-trips any text in single quotes with '' doubling", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const [cmd] = tokenizePowerShell(`curl.exe -d '${s.replaceAll("'", "''")}'`).commands;
        expect(cmd?.argv[2]?.value).toBe(s);
      }),
    );
  });
});
