/**
 * curl's request body rules: how `-d`, `--data-*`, `--json` and `-F` values become the bytes curl sends.
 * Files are never read; their content is shown as `@name`, the way curl's own flag spells it.
 */

import { parseJsonContainer } from '../../json.js';
import type { RawBody } from '../../raw.js';
import { curlEscape } from './encode.js';

export type DataFlag = 'data' | 'data-ascii' | 'data-binary' | 'data-raw' | 'data-urlencode' | 'json';

/** What the shell fed curl on standard input, when the paste shows it (`< file`, `<<EOF`, `echo x |`). */
export interface StdinSource {
  text?: string;
  file?: string;
}

/** One data flag after curl's processing: literal text, or the content of a file we did not see. */
export interface DataPiece {
  flag: DataFlag;
  text: string;
  /** Set when the content comes from a file (`-` is standard input that the paste does not show). */
  file?: string;
}

export interface FormPiece {
  name: string;
  value: string;
  file?: string;
}

function fileOrStdin(name: string, stdin: StdinSource | undefined): { text?: string; file: string } {
  if (name !== '-') return { file: name };
  if (stdin?.text !== undefined) return { text: stdin.text, file: '-' };
  return { file: stdin?.file ?? '-' };
}

/** `-d @file` strips carriage returns and newlines from the file; `--data-binary` keeps them. */
function stripNewlines(text: string): string {
  return text.replaceAll('\r', '').replaceAll('\n', '');
}

export function dataPiece(flag: DataFlag, value: string, stdin: StdinSource | undefined): DataPiece {
  if (flag === 'data-raw') return { flag, text: value };
  if (flag === 'data-urlencode') return urlencodePiece(value, stdin);
  if (!value.startsWith('@')) return { flag, text: value };
  const src = fileOrStdin(value.slice(1), stdin);
  if (src.text !== undefined) {
    return { flag, text: flag === 'data' || flag === 'data-ascii' ? stripNewlines(src.text) : src.text };
  }
  return { flag, text: `@${src.file}`, file: src.file };
}

/**
 * `--data-urlencode` (and `--url-query`): `content`, `=content`, `name=content`, `@file`, `name@file`.
 * curl looks for `=` first, so `a@b=c` is the name `a@b`.
 */
export function urlencodePiece(value: string, stdin: StdinSource | undefined): DataPiece {
  const flag = 'data-urlencode';
  let sep = value.indexOf('=');
  if (sep === -1) sep = value.indexOf('@');
  if (sep === -1) return { flag, text: curlEscape(value, true) };
  const name = value.slice(0, sep);
  const prefix = sep > 0 ? `${name}=` : '';
  const rest = value.slice(sep + 1);
  if (value[sep] === '=') return { flag, text: `${prefix}${curlEscape(rest, true)}` };
  const src = fileOrStdin(rest, stdin);
  if (src.text !== undefined) return { flag, text: `${prefix}${curlEscape(src.text, true)}` };
  return { flag, text: `${prefix}@${src.file}`, file: src.file };
}

/** All pieces as curl joins them: `&` between data flags, nothing between `--json` pieces. */
export function joinData(pieces: DataPiece[]): string {
  let out = '';
  let prev: DataPiece | undefined;
  for (const p of pieces) {
    if (prev !== undefined && !(p.flag === 'json' && prev.flag === 'json')) out += '&';
    out += p.text;
    prev = p;
  }
  return out;
}

/** Form fields of `a=b&c=d`, when the body has that shape. */
export function formFields(text: string): { name: string; value: string }[] | undefined {
  if (text === '' || !text.includes('=') || text.includes('\n')) return undefined;
  const fields: { name: string; value: string }[] = [];
  for (const pair of text.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    if (eq <= 0) return undefined;
    fields.push({ name: pair.slice(0, eq), value: pair.slice(eq + 1) });
  }
  return fields;
}

function looksJson(text: string): boolean {
  const t = text.trim();
  if (!(t.startsWith('{') || t.startsWith('['))) return false;
  return parseJsonContainer(t) !== undefined;
}

export function dataBody(pieces: DataPiece[], contentType: string | undefined): RawBody {
  const text = joinData(pieces);
  const files = pieces.filter((p) => p.file !== undefined);
  const onlyFile = pieces.length === 1 ? files[0] : undefined;
  if (onlyFile?.file !== undefined) return { kind: 'file', file: onlyFile.file };
  const file = files[0]?.file;
  const withFile = file === undefined ? {} : { file };
  const ct = (contentType ?? '').toLowerCase();
  if (pieces.some((p) => p.flag === 'json') || ct.includes('json') || looksJson(text)) {
    return { kind: 'json', text, ...withFile };
  }
  const fields = formFields(text);
  if (fields !== undefined && !ct.startsWith('multipart/'))
    return { kind: 'form', text, fields, ...withFile };
  return { kind: 'raw', text, ...withFile };
}

const FORM_PARAMS = ['type=', 'filename=', 'headers=', 'encoder='];

/** Cuts `;type=…`-style parameters off a `-F` value. */
function cutParams(value: string): string {
  let i = value.indexOf(';');
  while (i !== -1) {
    const after = value.slice(i + 1).trimStart();
    if (FORM_PARAMS.some((p) => after.startsWith(p))) return value.slice(0, i);
    i = value.indexOf(';', i + 1);
  }
  return value;
}

/** A double-quoted `-F` value or file name: curl removes the quotes and `\` escapes. */
function unquote(value: string): string {
  let out = '';
  for (let i = 1; i < value.length; i++) {
    const ch = value[i];
    if (ch === '\\' && i + 1 < value.length) {
      i++;
      out += value[i];
    } else if (ch === '"') {
      return out;
    } else {
      out += ch;
    }
  }
  return out;
}

function unquoteOrCut(value: string): string {
  return value.startsWith('"') ? unquote(value) : cutParams(value);
}

/** `-F name=value`, `-F name=@file`, `-F name=<file`; `--form-string` takes the value literally. */
export function formPiece(arg: string, literal: boolean): FormPiece | undefined {
  const eq = arg.indexOf('=');
  if (eq === -1) return undefined;
  const name = arg.slice(0, eq);
  const raw = arg.slice(eq + 1);
  if (literal) return { name, value: raw };
  if (raw.startsWith('@') || raw.startsWith('<')) {
    const file = unquoteOrCut(raw.slice(1));
    return { name, value: `${raw[0]}${file}`, file };
  }
  return { name, value: unquoteOrCut(raw) };
}
