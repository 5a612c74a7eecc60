/**
 * A cheap, line-by-line check that pasted text is source code: statements that start like code
 * (declarations, imports, assignments, calls), not prose that mentions `fetch()`, not a curl command, a log
 * or a JSON body. Each pattern is anchored and run on one line cut to a bounded length.
 */

import { parseJsonContainer } from '../../json.js';

const MAX_LINE = 2000;
const MAX_LINES = 5000;

const STATEMENT = [
  /^\s*(?:export\s+)?(?:const|let|var|val|final|auto)\s+[\w${[]/,
  /^\s*(?:import\s+[\w{*"']|from\s+[\w.]+\s+import\s|require\s*\(|require\s+['"]|using\s+[\w.]+;|package\s+[\w.]+;?\s*$|#include\s*<)/,
  /^\s*(?:(?:public|private|protected|static|async|export|override|internal)\s+)*(?:def|func|function|fun|class)\s+\w/,
  /^\s*<\?php/,
  /^\s*\$[A-Za-z_]\w*(?:->\w+)*\s*(?:=[^=]|\[)/,
  /^\s*[A-Za-z_][\w.]*(?:\s*,\s*[A-Za-z_]\w*)?\s*:=\s*\S/,
  /^\s*(?:self\.|this\.|@)?[a-z_][\w.]*(?:\[[^\]\n]{0,100}\])?\s+\+?=\s+\S/,
  /^\s*(?:await\s+|return\s+)?(?:new\s+)?[A-Za-z_$][\w$]*(?:(?:\.|::|->|\?\.)[A-Za-z_$][\w$]*)*\s*\(.*[)({,;]\s*$/,
  /^\s*(?:\.|->)\w+\(/,
  /^\s*[A-Z]\w*(?:<[\w, ?]{0,60}>)?(?:\[\])?\s+[a-z_]\w*\s*=\s*\S/,
  /^\s*(?:if|for|while|try|catch|else|end|return|defer|with|async with)\b.*[:{]\s*$/,
  /^\s*[}\])]+(?:[;,][;,)]*)?\s*$/,
];

/** A first line that belongs to another parser: shell commands, HTTP message lines, JSON. */
const OTHER_KIND =
  /^\s*(?:[$>#]\s*)?(?:curl|wget|http|https|xh|Invoke-RestMethod|Invoke-WebRequest|iwr|irm)\s|^\s*(?:GET|POST|PUT|PATCH|DELETE|HEAD|OPTIONS)\s+\S+\s+HTTP\/|^\s*HTTP\/\d/;
/** Lines from logs and stack traces. */
const LOG_LINE =
  /^\s*(?:at\s|File\s"|Traceback\b|\d{4}-\d{2}-\d{2}[T ]|\[?\d{2}:\d{2}:\d{2}|(?:ERROR|WARN|WARNING|INFO|DEBUG|TRACE)\b|Caused by:|[\w.]*(?:Error|Exception):\s)/;

export function looksLikeCode(text: string): boolean {
  let code = 0;
  let other = 0;
  let first = true;
  let start = 0;
  for (let n = 0; n < MAX_LINES && start <= text.length; n++) {
    let end = text.indexOf('\n', start);
    if (end < 0) end = text.length;
    const line = text.slice(start, Math.min(end, start + MAX_LINE));
    start = end + 1;
    const trimmed = line.trim();
    if (!trimmed || /^(?:\/\/|#(?!include)|\/\*|\*|--)/.test(trimmed)) {
      if (end >= text.length) break;
      continue;
    }
    if (first) {
      first = false;
      if (OTHER_KIND.test(line) || isJson(text)) return false;
    }
    if (LOG_LINE.test(line)) other++;
    else if (STATEMENT.some((re) => re.test(line))) code++;
    else other++;
    if (end >= text.length) break;
  }
  if (code === 0) return false;
  return code >= 3 || code * 2 >= code + other;
}

function isJson(text: string): boolean {
  const t = text.trimStart();
  if (t[0] !== '{' && t[0] !== '[') return false;
  return parseJsonContainer(text) !== undefined;
}
