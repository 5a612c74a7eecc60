import { describe, expect, it } from 'vitest';
import type { Lang } from '../../src/intake/parsers/code/lang.js';
import { rawText, type StrPart, scanString } from '../../src/intake/parsers/code/strings.js';

interface Case {
  name: string;
  src: string;
  prefix?: string;
  lang: Lang;
  parts: StrPart[];
  /** Source text consumed, from the opening quote (after any prefix). */
  consumed: string;
  terminated?: boolean;
}

const lit = (text: string): StrPart => ({ kind: 'lit', text });
const expr = (e: string, raw: string): StrPart => ({ kind: 'expr', expr: e, raw });

const cases: Case[] = [
  {
    name: 'single quotes with an escape',
    src: `'it\\'s'; x`,
    lang: 'js',
    parts: [lit("it's")],
    consumed: `'it\\'s'`,
  },
  {
    name: 'double quotes, \\n decoded',
    src: `"a\\nb" + c`,
    lang: 'java',
    parts: [lit('a\nb')],
    consumed: `"a\\nb"`,
  },
  {
    name: 'JS template with nested braces',
    src: '`Bearer ${ctx.tokens[0]} ${fn({a:1})}`;',
    lang: 'js',
    parts: [
      lit('Bearer '),
      expr('ctx.tokens[0]', '${ctx.tokens[0]}'),
      lit(' '),
      expr('fn({a:1})', '${fn({a:1})}'),
    ],
    consumed: '`Bearer ${ctx.tokens[0]} ${fn({a:1})}`',
  },
  {
    name: 'Python f-string with escaped braces and a conversion',
    src: `"{{x}} {token!r}"`,
    prefix: 'f',
    lang: 'python',
    parts: [lit('{x} '), expr('token', '{token!r}')],
    consumed: `"{{x}} {token!r}"`,
  },
  {
    name: 'Python raw string keeps backslashes',
    src: `"a\\d"`,
    prefix: 'r',
    lang: 'python',
    parts: [lit('a\\d')],
    consumed: `"a\\d"`,
  },
  {
    name: 'Python triple quotes across lines',
    src: `"""line1\nline2""" rest`,
    lang: 'python',
    parts: [lit('line1\nline2')],
    consumed: `"""line1\nline2"""`,
  },
  {
    name: 'C# verbatim string with doubled quotes',
    src: `"C:\\path ""q"""`,
    prefix: '@',
    lang: 'csharp',
    parts: [lit('C:\\path "q"')],
    consumed: `"C:\\path ""q"""`,
  },
  {
    name: 'C# interpolated string',
    src: `"Bearer {token}";`,
    prefix: '$',
    lang: 'csharp',
    parts: [lit('Bearer '), expr('token', '{token}')],
    consumed: `"Bearer {token}"`,
  },
  {
    name: 'Ruby #{} interpolation',
    src: `"Bearer #{ENV['T']}"`,
    lang: 'ruby',
    parts: [lit('Bearer '), expr("ENV['T']", "#{ENV['T']}")],
    consumed: `"Bearer #{ENV['T']}"`,
  },
  {
    name: 'PHP $var and {$obj->prop}',
    src: `"Bearer $token {$this->key}"`,
    lang: 'php',
    parts: [lit('Bearer '), expr('$token', '$token'), lit(' '), expr('$this->key', '{$this->key}')],
    consumed: `"Bearer $token {$this->key}"`,
  },
  {
    name: 'Kotlin $name',
    src: `"Bearer $token"`,
    lang: 'kotlin',
    parts: [lit('Bearer '), expr('token', '$token')],
    consumed: `"Bearer $token"`,
  },
  {
    name: 'Go raw string (no escapes)',
    src: '`a\\nb`',
    lang: 'go',
    parts: [lit('a\\nb')],
    consumed: '`a\\nb`',
  },
  {
    name: 'Java text block',
    src: `"""\n  {"a": 1}\n  """;`,
    lang: 'java',
    parts: [lit('\n  {"a": 1}\n  ')],
    consumed: `"""\n  {"a": 1}\n  """`,
  },
  {
    name: 'unterminated string ends at the end of its line',
    src: `"abc\nnext line"`,
    lang: 'js',
    parts: [lit('abc')],
    consumed: `"abc`,
    terminated: false,
  },
  {
    name: 'unterminated template falls back to one line',
    src: '`abc ${x\nmore',
    lang: 'js',
    parts: [lit('abc ${x')],
    consumed: '`abc ${x',
    terminated: false,
  },
];

describe('scanString', () => {
  it.each(cases)('$name', (c) => {
    const { lit: s, end } = scanString(c.src, 0, c.prefix ?? '', c.lang, new Set());
    expect(s.parts).toEqual(c.parts);
    expect(c.src.slice(0, end)).toBe(c.consumed);
    expect(s.terminated).toBe(c.terminated ?? true);
  });

  it('rawText keeps interpolations as written', () => {
    const { lit: s } = scanString('`Bearer ${token}`', 0, '', 'js', new Set());
    expect(rawText(s)).toBe('Bearer ${token}');
  });
});
