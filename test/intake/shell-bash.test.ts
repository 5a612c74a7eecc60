// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell source, where ${X} is meant literally
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenizeBash } from '../../src/intake/shell/bash.js';
import { expandWord, expandWordFields } from '../../src/intake/shell/expand.js';
import type { ShellCommand, WordPart } from '../../src/intake/shell/types.js';

const argvs = (commands: ShellCommand[]) => commands.map((cmd) => cmd.argv.map((w) => w.value));
const codes = (text: string) => tokenizeBash(text).notes.map((n) => n.code);

describe('tokenizeBash: words as bash splits them', () => {
  const cases: [string, string, string[][]][] = [
    ['plain words', 'curl -s https://api.example.com/v1', [['curl', '-s', 'https://api.example.com/v1']]],
    ['single quotes keep everything', `curl -H 'A: "x" $T \\n'`, [['curl', '-H', 'A: "x" $T \\n']]],
    ['double-quote escapes only $ ` " \\', 'curl "a\\"b\\$c\\\\d\\e\\`f"', [['curl', 'a"b$c\\d\\e`f']]],
    ['ANSI-C escapes', "curl $'a\\nb\\t\\x41\\101\\u00e9\\'\\\\'", [['curl', "a\nb\tAAé'\\"]]],
    ['ANSI-C NUL ends the string', "curl $'ab\\0cd'ef", [['curl', 'abef']]],
    ['locale quotes', 'curl $"hello world"', [['curl', 'hello world']]],
    ['backslash outside quotes', "curl a\\ b \\$HOME \\'q", [['curl', 'a b', '$HOME', "'q"]]],
    ['continuation between words', 'curl \\\n  -H x \\\n  https://h', [['curl', '-H', 'x', 'https://h']]],
    [
      'continuation inside a word and in double quotes',
      'curl ab\\\ncd "ef\\\ngh"',
      [['curl', 'abcd', 'efgh']],
    ],
    ['no continuation inside single quotes', "curl 'ab\\\ncd'", [['curl', 'ab\\\ncd']]],
    ['quoted pieces concatenate', `curl -d "a"'b'$'c'd`, [['curl', '-d', 'abcd']]],
    ['empty quoted words survive', `curl -d "" '' x""`, [['curl', '-d', '', '', 'x']]],
    ['comment at word start only', 'curl a#b # the rest', [['curl', 'a#b']]],
    ['comment lines', '# first\ncurl x\n  # indented\n', [['curl', 'x']]],
    [
      'variables keep their source text',
      'curl "$A" ${B} "${C:-d}" $1 $$ $?',
      [['curl', '$A', '${B}', '${C:-d}', '$1', '$$', '$?']],
    ],
    ['lone dollars are literal', `curl a$ "$" '$'`, [['curl', 'a$', '$', '$']]],
    [
      'command substitution with nesting and quotes',
      `curl "$(echo "$(date)" ')')"x`,
      [['curl', `$(echo "$(date)" ')')x`]],
    ],
    ['backticks', 'curl -H "X: `whoami`"', [['curl', '-H', 'X: `whoami`']]],
    ['operators split commands', 'a && b || c; d | e & f', [['a'], ['b'], ['c'], ['d'], ['e'], ['f']]],
    ['operators need no spaces', 'a&&b;c|d', [['a'], ['b'], ['c'], ['d']]],
    ['sudo and env are just argv', 'sudo env -i curl x', [['sudo', 'env', '-i', 'curl', 'x']]],
    [
      'reserved words before commands are dropped',
      'if curl x; then curl y; fi',
      [
        ['curl', 'x'],
        ['curl', 'y'],
      ],
    ],
    ['process substitution is a word', 'diff <(curl a) >(tee b)', [['diff', '<(curl a)', '>(tee b)']]],
    [
      'subshell parentheses',
      '(cd /tmp && curl x)',
      [
        ['cd', '/tmp'],
        ['curl', 'x'],
      ],
    ],
    ['tilde stays as written', 'curl --cert ~/c.pem', [['curl', '--cert', '~/c.pem']]],
    ['empty input', '', []],
    ['only blanks and comments', '  \n# c\n\\\n', []],
  ];
  it.each(cases)('%s', (_name, text, expected) => {
    expect(argvs(tokenizeBash(text).commands)).toEqual(expected);
  });
});

describe('tokenizeBash: quoting recorded in parts', () => {
  const cases: [string, string, Omit<WordPart, 'name'>[] & { name?: string }[]][] = [
    [
      'single-quoted variable is literal',
      `curl -H 'Authorization: Bearer $TOKEN'`,
      [{ text: 'Authorization: Bearer $TOKEN', quote: 'single', kind: 'literal' }],
    ],
    [
      'double-quoted variable is a variable part',
      'curl -H "Authorization: Bearer $TOKEN"',
      [
        { text: 'Authorization: Bearer ', quote: 'double', kind: 'literal' },
        { text: '$TOKEN', quote: 'double', kind: 'variable', name: 'TOKEN' },
      ],
    ],
    [
      'braced variable with default',
      'curl -H Authorization:${TOKEN:-none}',
      [
        { text: 'Authorization:', quote: 'none', kind: 'literal' },
        { text: '${TOKEN:-none}', quote: 'none', kind: 'variable', name: 'TOKEN' },
      ],
    ],
    ['ANSI-C quoting', `curl -H $'X: a\\tb'`, [{ text: 'X: a\tb', quote: 'ansi_c', kind: 'literal' }]],
    [
      'command substitution inside double quotes',
      'curl -H "Authorization: Bearer $(gcloud auth print-access-token)"',
      [
        { text: 'Authorization: Bearer ', quote: 'double', kind: 'literal' },
        { text: '$(gcloud auth print-access-token)', quote: 'double', kind: 'command_substitution' },
      ],
    ],
    ['escaped dollar is literal', 'curl -H \\$TOKEN', [{ text: '$TOKEN', quote: 'none', kind: 'literal' }]],
    [
      'plain word before a redirect',
      'curl https://x>out',
      [{ text: 'https://x', quote: 'none', kind: 'literal' }],
    ],
    [
      'double-quoted word before a pipe',
      'curl "A: b"|cat',
      [{ text: 'A: b', quote: 'double', kind: 'literal' }],
    ],
    ['empty double quotes', 'curl ""', [{ text: '', quote: 'double', kind: 'literal' }]],
    ['empty single quotes', "curl ''", [{ text: '', quote: 'single', kind: 'literal' }]],
    [
      'single quotes, then more of the word',
      "curl 'A: b'c",
      [
        { text: 'A: b', quote: 'single', kind: 'literal' },
        { text: 'c', quote: 'none', kind: 'literal' },
      ],
    ],
    [
      'plain text, then quotes',
      `curl a'b'"c"`,
      [
        { text: 'a', quote: 'none', kind: 'literal' },
        { text: 'b', quote: 'single', kind: 'literal' },
        { text: 'c', quote: 'double', kind: 'literal' },
      ],
    ],
    ['double quotes with an escape', 'curl "a\\"b"', [{ text: 'a"b', quote: 'double', kind: 'literal' }]],
    [
      'a leading tilde',
      'curl ~/x',
      [
        { text: '~', quote: 'none', kind: 'variable', name: 'HOME' },
        { text: '/x', quote: 'none', kind: 'literal' },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, text, parts) => {
    const word = tokenizeBash(text).commands[0]?.argv.at(-1);
    expect(word?.parts).toEqual(parts);
  });
});

describe('tokenizeBash: command structure', () => {
  it('records the operator joining each command', () => {
    const { commands } = tokenizeBash('a && b || c; d | e & f\ng\n\n# c\nh &&\n  i |& j');
    expect(commands.map((c) => c.joinedBy)).toEqual([
      undefined,
      '&&',
      '||',
      ';',
      '|',
      '&',
      'newline',
      'newline',
      '&&',
      '|',
    ]);
    expect(commands[8]?.redirects).toEqual([{ op: '2>&1' }]);
  });

  it('keeps VAR=value prefixes out of argv', () => {
    const [cmd] = tokenizeBash(`TOKEN=abc B='a b' C+=x curl -H "x" D=e`).commands;
    expect(cmd?.argv.map((w) => w.value)).toEqual(['curl', '-H', 'x', 'D=e']);
    expect(cmd?.assignments.map((a) => [a.name, a.value.value, a.value.parts[0]?.quote])).toEqual([
      ['TOKEN', 'abc', 'none'],
      ['B', 'a b', 'single'],
      ['C', 'x', 'none'],
    ]);
  });

  it('keeps a bare assignment as its own command without argv', () => {
    const { commands } = tokenizeBash('TOKEN="$(cat t)"; curl -H "Bearer $TOKEN" x');
    expect(commands[0]?.argv).toEqual([]);
    expect(commands[0]?.assignments[0]?.value.parts[0]?.kind).toBe('command_substitution');
    expect(commands[1]?.argv[0]?.value).toBe('curl');
  });

  it('reads redirections with their file descriptors and targets', () => {
    const [cmd] = tokenizeBash('curl x > out.txt 2>&1 < in.txt 2>>err &>all 3<&- >"q r"').commands;
    expect(cmd?.argv.map((w) => w.value)).toEqual(['curl', 'x']);
    expect(cmd?.redirects.map((r) => [r.op, r.target?.value])).toEqual([
      ['>', 'out.txt'],
      ['2>&1', undefined],
      ['<', 'in.txt'],
      ['2>>', 'err'],
      ['&>', 'all'],
      ['3<&-', undefined],
      ['>', 'q r'],
    ]);
  });

  it('stores here-document bodies and never turns them into commands', () => {
    const { commands, notes } = tokenizeBash(
      'curl -d @- https://h <<EOF\n{"token": "$T"}\ncurl not-a-command\nEOF\necho done',
    );
    expect(argvs(commands)).toEqual([
      ['curl', '-d', '@-', 'https://h'],
      ['echo', 'done'],
    ]);
    expect(commands[0]?.redirects[0]).toMatchObject({
      op: '<<',
      target: { value: 'EOF' },
      heredoc: '{"token": "$T"}\ncurl not-a-command\n',
    });
    expect(commands[0]?.endLine).toBe(4);
    expect(commands[1]?.line).toBe(5);
    expect(notes).toEqual([]);
  });

  it('strips leading tabs for <<- and unquotes the delimiter', () => {
    const [cmd] = tokenizeBash("cat <<-'END'\n\tone\n\t\ttwo\n\tEND\n").commands;
    expect(cmd?.redirects[0]).toMatchObject({ op: '<<-', heredoc: 'one\ntwo\n', target: { value: 'END' } });
  });

  it('reads two here-documents on one line in order', () => {
    const [cmd] = tokenizeBash('cmd <<A <<B\na\nA\nb\nB').commands;
    expect(cmd?.redirects.map((r) => r.heredoc)).toEqual(['a\n', 'b\n']);
  });

  it('reads here-strings as a target word', () => {
    const [cmd] = tokenizeBash('curl -d @- x <<< "$BODY"').commands;
    expect(cmd?.redirects[0]?.op).toBe('<<<');
    expect(cmd?.redirects[0]?.target?.parts[0]).toMatchObject({ kind: 'variable', name: 'BODY' });
  });

  it('numbers lines from startLine, per word and per command', () => {
    const { commands } = tokenizeBash('curl \\\n  -H "a\nb" \\\n  x\necho y', 10);
    expect(commands.map((c) => [c.line, c.endLine])).toEqual([
      [10, 13],
      [14, 14],
    ]);
    expect(commands[0]?.argv.map((w) => w.line)).toEqual([10, 11, 11, 13]);
  });
});

describe('tokenizeBash: broken pastes never throw and are noted', () => {
  it('runs an unterminated single quote to the end and says where it opened', () => {
    const { commands, notes } = tokenizeBash("curl x \\\n  -H 'Authorization: Bearer abc\n  --compressed");
    expect(commands[0]?.argv.at(-1)?.value).toBe('Authorization: Bearer abc\n  --compressed');
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ code: 'shell.unterminated_quote', line: 2 });
    expect(notes[0]?.message).toMatch(/single quote opened on line 2/);
  });

  it('notes an unterminated double quote', () => {
    expect(tokenizeBash('curl "abc').notes[0]?.message).toMatch(/double quote opened on line 1/);
  });

  it('notes an unterminated here-document and keeps its body', () => {
    const { commands, notes } = tokenizeBash('curl -d @- <<EOF\n{"a":1}\n');
    expect(commands[0]?.redirects[0]?.heredoc).toBe('{"a":1}\n');
    expect(notes.map((n) => n.code)).toEqual(['shell.unterminated_heredoc']);
  });

  it('notes a here-document whose body never starts', () => {
    expect(codes('cat <<EOF')).toEqual(['shell.unterminated_heredoc']);
  });

  it('notes unterminated $( … ), ${ … } and backticks', () => {
    expect(codes('curl "$(echo x')).toContain('shell.unterminated_substitution');
    expect(codes('curl ${X')).toEqual(['shell.unterminated_substitution']);
    expect(codes('curl `date')).toEqual(['shell.unterminated_substitution']);
  });

  it('notes a backslash followed by trailing spaces, and splits the commands as bash does', () => {
    const { commands, notes } = tokenizeBash('curl https://h \\  \n  -H "Authorization: Bearer x"');
    expect(argvs(commands)).toEqual([
      ['curl', 'https://h', ' '],
      ['-H', 'Authorization: Bearer x'],
    ]);
    expect(notes).toEqual([expect.objectContaining({ code: 'shell.stray_continuation', line: 1 })]);
  });

  it('notes a backslash before a Windows line ending', () => {
    const { notes } = tokenizeBash('curl x \\\r\n  -k');
    expect(notes[0]?.code).toBe('shell.stray_continuation');
    expect(notes[0]?.message).toMatch(/Windows line ending/);
  });

  it('does not mistake an ordinary escaped space for a stray continuation', () => {
    expect(codes('curl a\\ b\n')).toEqual([]);
  });

  it('notes a redirection without a target', () => {
    expect(codes('curl x >')).toEqual(['shell.redirect_missing_target']);
  });

  it('handles deep nesting without recursion', () => {
    const text = `curl "${'$('.repeat(100_000)}"`;
    const result = tokenizeBash(text);
    expect(result.commands[0]?.argv).toHaveLength(2);
    expect(result.notes.map((n) => n.code)).toContain('shell.unterminated_substitution');
  });

  it('reads a megabyte paste in linear time', () => {
    const text = `curl -d '${'a'.repeat(500_000)}' ${'"$X" '.repeat(50_000)}`;
    const started = performance.now();
    const { commands } = tokenizeBash(text);
    expect(commands[0]?.argv).toHaveLength(50_003);
    expect(performance.now() - started).toBeLessThan(2_000);
  });
});

describe('expandWord', () => {
  const env = { SET: 'v', EMPTY: '', HOME: '/home/u', NAME: 'SET' };
  const cases: [string, string][] = [
    ['"$SET" $UNSET', 'v'],
    ['"${UNSET:-d}"', 'd'],
    ['"${EMPTY:-d}"', 'd'],
    ['"${EMPTY-d}"', ''],
    ['"${SET:-d}"', 'v'],
    ['"${SET:+alt}" "${UNSET:+alt}"', 'alt'],
    ['"${EMPTY+alt}"', 'alt'],
    ['${#SET}${#UNSET}', '10'],
    ['${!NAME}', 'v'],
    ['"${UNSET:-${SET}x}"', 'vx'],
    ['"${UNSET:-\'q\'}"', "'q'"],
    ["${UNSET:-'q'}", 'q'],
    ['"$(cat f)" `date`', ''],
    ['~/x', '/home/u/x'],
    ["'~/x' $'a\\tb'", '~/xa\\tb'],
    ['"${constructor}"', ''],
  ];
  it.each(cases)('%s', (text, expected) => {
    const words = tokenizeBash(`cmd ${text}`).commands[0]?.argv.slice(1) ?? [];
    expect(words.map((w) => expandWord(w, env)).join('')).toBe(expected.replace('\\t', '\t'));
  });

  it('gives up on absurdly nested defaults instead of recursing without bound', () => {
    const text = `${'${A:-'.repeat(200)}x${'}'.repeat(200)}`;
    const word = tokenizeBash(`cmd ${text}`).commands[0]?.argv[1];
    expect(word && expandWord(word, {})).toBe('');
  });
});

describe('expandWordFields: unquoted expansions split like bash', () => {
  const env = { EMPTY: '', TWO: ' a  b ', ONE: 'x' };
  const cases: [string, string[]][] = [
    ['-H $UNSET url', ['-H', 'url']],
    ['"$UNSET" $EMPTY', ['']],
    ['p${TWO}s', ['p', 'a', 'b', 's']],
    ['"$TWO"', [' a  b ']],
    ['${UNSET:-c d}', ['c', 'd']],
    ["'$TWO' $ONE$ONE", ['$TWO', 'xx']],
    ['$(echo hi) ``', []],
  ];
  it.each(cases)('%s', (text, expected) => {
    const words = tokenizeBash(`cmd ${text}`).commands[0]?.argv.slice(1) ?? [];
    expect(words.flatMap((w) => expandWordFields(w, env))).toEqual(expected);
  });
});

describe('tokenizeBash properties', () => {
  const shellish = fc.string({
    unit: fc.constantFrom(
      'a',
      ' ',
      '\n',
      '\\',
      "'",
      '"',
      '$',
      '(',
      ')',
      '{',
      '}',
      '`',
      '#',
      '<',
      '>',
      '|',
      '&',
      ';',
      '-',
      '\t',
      'E',
      'O',
      'F',
      '~',
    ),
    maxLength: 120,
  });

  it('never throws on shell-like or arbitrary text, and lines stay in range', () => {
    fc.assert(
      fc.property(
        fc.oneof(shellish, fc.string({ unit: 'binary', maxLength: 200 })),
        fc.integer({ min: 1, max: 50 }),
        (text, start) => {
          const { commands } = tokenizeBash(text, start);
          const last = start + text.split('\n').length - 1;
          for (const cmd of commands) {
            expect(cmd.line).toBeGreaterThanOrEqual(start);
            expect(cmd.endLine).toBeLessThanOrEqual(last);
            for (const w of cmd.argv) {
              expect(w.line).toBeGreaterThanOrEqual(cmd.line);
              expect(typeof expandWord(w, { X: 'x' })).toBe('string');
            }
          }
        },
      ),
    );
  });

  it('round-trips any single-quote-free text through single quotes', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: 'binary' }).filter((s) => !s.includes("'")),
        (s) => {
          const word = tokenizeBash(`curl -d '${s}'`).commands[0]?.argv[2];
          expect(word?.value).toBe(s);
          expect(word?.parts.every((p) => p.quote === 'single' && p.kind === 'literal')).toBe(true);
        },
      ),
    );
  });

  it("round-trips any text quoted the POSIX way ('\\'' for quotes)", () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => {
        const quoted = `'${s.replaceAll("'", "'\\''")}'`;
        const word = tokenizeBash(`curl -d ${quoted}`).commands[0]?.argv[2];
        expect(word && expandWord(word, {})).toBe(s);
      }),
    );
  });
});
