/**
 * A rough guess of the language of a pasted snippet. It only decides string rules that differ between
 * languages (is `$x` inside "…" interpolated? is `` ` `` a template or a Go raw string? is `.` concatenation?),
 * so a wrong guess costs little: every call pattern is tried whatever the language.
 */
export type Lang =
  | 'js'
  | 'python'
  | 'java'
  | 'kotlin'
  | 'csharp'
  | 'php'
  | 'ruby'
  | 'go'
  | 'swift'
  | 'unknown';

const SIGNALS: [Lang, RegExp, number][] = [
  ['php', /^\s*<\?php/, 10],
  ['php', /^\s*\$[A-Za-z_]\w*\s*=/, 3],
  ['php', /->\w+\(|curl_setopt|=>\s*\[|\barray\(/, 2],
  ['go', /^\s*package\s+\w+\s*$|^\s*func\s|:=|\bhttp\.NewRequest|\bfmt\./, 3],
  ['python', /^\s*(?:import\s+\w|from\s+[\w.]+\s+import\s|def\s+\w+\(|print\()|\brequests\.|\bhttpx\./, 3],
  ['python', /^\s*\w+\s*=\s*[frbFRB]?["']|\bNone\b|\bTrue\b|\bos\.environ/, 1],
  [
    'js',
    /^\s*(?:const|let|var)\s+[\w${[]|=>\s*[{(]|\)\s*=>|\brequire\(|\bawait\s+fetch\b|\baxios\b|^\s*import\s.+\sfrom\s/,
    3,
  ],
  ['js', /`[^`]*\$\{|\bprocess\.env\b|\bconsole\.log\(|\bfetch\(|\bXMLHttpRequest\b/, 2],
  ['java', /^\s*(?:public|private|protected)\s|\bString\s+\w+\s*=|\bnew\s+\w+(?:\.\w+)*\(|System\.getenv/, 2],
  ['java', /\bHttpRequest\.newBuilder|\bRestTemplate\b|\bHttpHeaders\b|\bSystem\.out\./, 3],
  ['kotlin', /^\s*(?:val|fun)\s+\w+|\bRequest\.Builder\(\)|\bprintln\(/, 3],
  ['csharp', /^\s*using\s+[\w.]+;|\bvar\s+\w+\s*=\s*new\s|\bawait\s+\w+\.\w+Async\(|Console\.WriteLine/, 3],
  ['csharp', /\bDefaultRequestHeaders\b|\bHttpRequestMessage\b|\bRestRequest\b|\bEnvironment\.Get/, 3],
  ['ruby', /^\s*require\s+['"]|\bNet::HTTP\b|\bFaraday\b|\bputs\s|\bdo\s*\|\w+\|/, 3],
  ['ruby', /#\{|\bENV\[|^\s*end\s*$|\bHTTParty\b|\w\.new\b(?!\s*\()|\w\.new\(/, 2],
  ['swift', /\bURLRequest\(|\bURLSession\b|forHTTPHeaderField|^\s*import\s+Foundation/, 4],
];

/** Looks at no more than the first 400 lines, each cut at 400 characters: enough to tell, cheap on 1 MB. */
export function guessLang(text: string): Lang {
  const score = new Map<Lang, number>();
  let start = 0;
  for (let n = 0; n < 400 && start < text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + 400));
    start = end + 1;
    for (let k = 0; k < SIGNALS.length; k++) {
      // Indexed, not destructured: this runs sixteen times a line.
      const signal = SIGNALS[k]!;
      if (signal[1].test(line)) score.set(signal[0], (score.get(signal[0]) ?? 0) + signal[2]);
    }
  }
  let best: Lang = 'unknown';
  let bestScore = 0;
  for (const [lang, value] of score) {
    if (value > bestScore) {
      best = lang;
      bestScore = value;
    }
  }
  return best;
}
