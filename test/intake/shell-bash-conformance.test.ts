// biome-ignore-all lint/suspicious/noTemplateCurlyInString: these strings are shell source, where ${X} is meant literally
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  compareScriptWithBash,
  compareWithBash,
  curlCommandsDir,
  hasBash,
  listFixtures,
} from '../support/bash-argv.js';

const dir = curlCommandsDir();
const fixtures = listFixtures(dir);
const bashAvailable = hasBash();
const runnable = existsSync(dir) && fixtures.length > 0 && bashAvailable;

const title = runnable
  ? `tokenizeBash gives the argv real bash gives curl, for each curlconverter fixture (${dir})`
  : `bash conformance SKIPPED: ${bashAvailable ? `no curlconverter fixtures at ${dir}` : 'bash not found'}`;

describe.skipIf(!runnable)(title, () => {
  // A placeholder name keeps the skip visible in the report when there is no fixture to list.
  it.each(fixtures.length > 0 ? fixtures : ['(no fixture files)'])('%s', (file) => {
    const result = compareWithBash(path.join(dir, file));
    expect(result.bash.length, `bash ran no curl: ${result.bashErrors}`).toBeGreaterThan(0);
    expect(result.ours).toEqual(result.bash);
  });
});

/** Awkward quoting that the fixtures do not cover, checked against bash the same way. */
const snippets: [string, string][] = [
  ['double-quote escapes', 'curl -H "a\\"b\\$c\\\\d\\e\\`f" \'x\\y\' a\\ b \\"q\\\'\n'],
  [
    'ANSI-C and locale quoting',
    "curl $'\\x41\\101\\u00e9\\n\\t\\'\\\\ \\cA \\z' $\"loc\" $'cut\\0off'after\n",
  ],
  [
    'parameter forms',
    'curl "$FILENAME" "${FILENAME}" "${NOPE:-dflt}" "${FILENAME:+alt}" ${#FILENAME} "${NOPE-x}" "${1:-one}" "${NOPE:-${FILENAME}z}"\n',
  ],
  ['continuations', 'curl a\\\nb "c\\\nd" \'e\\\nf\' \\\n  g\n'],
  ['comments', 'curl a#b # c d\n# whole line\ncurl e\n'],
  [
    'here-documents',
    'curl -d @- <<\'EOF\'\n$x\nEOF\ncurl after <<-X\n\tbody\n\tX\ncurl last <<< "$FILENAME"\n',
  ],
  // Every curl here runs (bash only reports the calls it makes); pipelines end in `cat` to keep the order.
  ['operators', 'true && curl a; false || curl b; curl c | cat; curl d |& cat\ncurl e &\nwait\n'],
  ['empty words', 'curl "" \'\' $\'\' x""y\n'],
  ['tilde', "curl ~/x '~/y' ~ a~\n"],
  ['dollar literals', 'curl a$ "$" \'$\' \\$HOME\n'],
  ['reserved words', 'if curl x; then curl y; fi\nwhile ! curl z; do :; done\n{ curl w; }\n'],
  ['concatenation', "curl -d \"a\"'b'$'c'\"$FILENAME\"d'e f'\n"],
  ['field splitting of unquoted expansions', 'curl $NOPE -H x $FILENAME${NOPE:-a  b}c "$NOPE"\n'],
  ['assignments', 'A=1 B="x y" curl "$A" c=d\n'],
  [
    'Chrome copy as cURL (bash)',
    "curl 'https://api.example.com/v1/me' \\\n  -H 'authorization: Bearer abc.def' \\\n  --data-raw $'{\"a\":\"it\\'s\"}\\r\\n' \\\n  --compressed\n",
  ],
];

describe.skipIf(!bashAvailable)('tokenizeBash matches real bash on awkward snippets', () => {
  it.each(snippets)('%s', (name, source) => {
    const result = compareScriptWithBash(`${name.replaceAll(' ', '_')}.sh`, source);
    expect(result.bash.length, `bash ran no curl: ${result.bashErrors}`).toBeGreaterThan(0);
    expect(result.ours).toEqual(result.bash);
  });
});
