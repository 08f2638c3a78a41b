/** Jinja's wordwrap (textwrap.wrap per line), filesizeformat and xmlattr filters. */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { nj } from './nunjucks-internals.js';
import { numeric } from './py-types.js';
import { argOf, isPlainObject, pyStr, splitArgs } from './py-values.js';
import type { FilterEnv } from './filters.js';

/** Python's textwrap.wrap(expand_tabs=False, replace_whitespace=False) of one line. */
function wrapLine(line: string, width: number, breakLong: boolean, breakOnHyphens: boolean): string[] {
  const chunks = line.split(/(\s+)/).flatMap((c) => (breakOnHyphens && !/^\s/.test(c) ? c.split(/(?<=\w-)(?=\w)/) : [c])).filter((c) => c !== '');
  const lines: string[] = [];
  let cur: string[] = [];
  let len = 0;
  chunks.reverse();
  while (chunks.length > 0) {
    // Whitespace at the start of a line other than the first is dropped.
    if (lines.length > 0 && cur.length === 0 && /^\s+$/.test(chunks[chunks.length - 1] ?? '')) chunks.pop();
    while (chunks.length > 0) {
      const c = chunks[chunks.length - 1] ?? '';
      if (len + c.length <= width) {
        cur.push(c);
        len += c.length;
        chunks.pop();
      } else break;
    }
    const next = chunks[chunks.length - 1];
    if (next !== undefined && next.length > width) {
      if (breakLong) {
        const room = Math.max(1, width - len);
        cur.push(next.slice(0, room));
        chunks[chunks.length - 1] = next.slice(room);
      } else if (cur.length === 0) {
        cur.push(next);
        chunks.pop();
      }
    }
    if (cur.length > 0 && /^\s+$/.test(cur[cur.length - 1] ?? '')) cur.pop();
    if (cur.length > 0) lines.push(cur.join(''));
    cur = [];
    len = 0;
  }
  return lines;
}

const PREFIXES = ['k', 'M', 'G', 'T', 'P', 'E', 'Z', 'Y'];

function filesize(value: unknown, binary: boolean): string {
  const bytes = Number(numeric(value) ?? Number(pyStr(value)));
  const base = binary ? 1024 : 1000;
  if (bytes === 1) return '1 Byte';
  if (bytes < base) return `${Math.trunc(bytes)} Bytes`;
  let unit = base;
  let prefix = '';
  for (let i = 0; i < PREFIXES.length; i++) {
    unit = base ** (i + 2);
    prefix = binary ? `${PREFIXES[i]?.toUpperCase()}iB` : `${PREFIXES[i]}B`;
    if (bytes < unit) break;
  }
  return `${((base * bytes) / unit).toFixed(1)} ${prefix}`;
}

const escapeAttr = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&#34;').replace(/'/g, '&#39;');

export function registerFormatFilters(env: FilterEnv): void {
  env.addFilter('wordwrap', (...args: unknown[]) => {
    const a = splitArgs(args);
    const width = Number(argOf(a, 1, 'width', 79));
    const breakLong = argOf(a, 2, 'break_long_words', true) !== false;
    const sep = argOf(a, 3, 'wrapstring', null);
    const hyphens = argOf(a, 4, 'break_on_hyphens', true) !== false;
    const wrap = sep === null || sep === undefined ? '\n' : pyStr(sep);
    const lines = pyStr(a.pos[0]).split(/\r\n|\r|\n/);
    if (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
    return lines.map((l) => wrapLine(l, width, breakLong, hyphens).join(wrap)).join(wrap);
  });
  env.addFilter('filesizeformat', (...args: unknown[]) => {
    const a = splitArgs(args);
    return filesize(a.pos[0], argOf(a, 1, 'binary', false) === true);
  });
  env.addFilter('xmlattr', (...args: unknown[]) => {
    const a = splitArgs(args);
    const d = a.pos[0];
    if (!isPlainObject(d)) return '';
    const parts: string[] = [];
    for (const [k, v] of Object.entries(d)) {
      if (v === null || v === undefined) continue;
      if (/[\s/>=]/.test(k)) throw new TxError({ code: TxCodes.TemplateRender, message: `ValueError: Invalid character in attribute name: ${JSON.stringify(k)}` });
      parts.push(`${escapeAttr(k)}="${escapeAttr(pyStr(v))}"`);
    }
    const rv = parts.join(' ');
    return nj.runtime.markSafe(argOf(a, 1, 'autospace', true) !== false && rv ? ` ${rv}` : rv);
  });
}
