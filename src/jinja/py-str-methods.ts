/** Python str methods (`s.upper()`, `s.split(',', 1)`, `'{}'.format(x)`, ...). */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { pyRepr, pyStr } from './py-repr.js';
import { numeric, tuple, typeName } from './py-types.js';
import { argOf, asString, type Kwargs } from './py-values.js';

export type Args = { pos: unknown[]; kw: Kwargs };

const err = (message: string) => new TxError({ code: TxCodes.TemplateRender, message });

const WS = ' \t\n\r\x0b\x0c';
function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = asString(chars) ?? WS;
  let i = 0;
  let j = s.length;
  if (left) while (i < j && set.includes(s[i] ?? '')) i++;
  if (right) while (j > i && set.includes(s[j - 1] ?? '')) j--;
  return s.slice(i, j);
}

function pySplit(s: string, sep: unknown, maxsplit: number): string[] {
  if (sep === null || sep === undefined) {
    const parts: string[] = [];
    let rest = s.replace(/^\s+/, '');
    while (rest.length > 0) {
      if (maxsplit >= 0 && parts.length === maxsplit) {
        parts.push(rest.replace(/\s+$/, ''));
        return parts;
      }
      const m = /\s+/.exec(rest);
      if (!m) {
        parts.push(rest);
        break;
      }
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return parts;
  }
  const sp = pyStr(sep);
  if (sp === '') throw err('empty separator');
  const all = s.split(sp);
  if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
  return [...all.slice(0, maxsplit), all.slice(maxsplit).join(sp)];
}

function groupDigits(s: string): string {
  const [int = '', frac] = s.split('.');
  const sign = int.startsWith('-') ? '-' : '';
  const digits = int.replace('-', '').replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return sign + digits + (frac !== undefined ? '.' + frac : '');
}

/** A format spec: [[fill]align][sign][0][width][,][.precision][type]. */
function applySpec(v: unknown, spec: string): string {
  const m = /^(?:(.)?([<>^=]))?([-+ ])?(#)?(0)?(\d+)?(,)?(?:\.(\d+))?([sdfFeE%xXobgG])?$/.exec(spec);
  if (!m) throw err(`Invalid format specifier '${spec}'`);
  const [, fill, align, sign, , zero, width, comma, prec, type] = m;
  const n = numeric(v);
  let s: string;
  if (type === 'f' || type === 'F') s = Number(n).toFixed(Number(prec ?? 6));
  else if (type === '%') s = (Number(n) * 100).toFixed(Number(prec ?? 6)) + '%';
  else if (type === 'e' || type === 'E') s = Number(n).toExponential(Number(prec ?? 6)).replace(/e([+-])(\d)$/, 'e$10$2');
  else if (type === 'd') {
    if (n === undefined || !Number.isInteger(n)) throw err(`Unknown format code 'd' for object of type '${typeName(v)}'`);
    s = String(n);
  } else if (type === 'x' || type === 'X' || type === 'o' || type === 'b') s = Math.trunc(Number(n)).toString(type === 'o' ? 8 : type === 'b' ? 2 : 16);
  else if (prec !== undefined && n !== undefined && typeof v !== 'boolean') s = Number(n).toFixed(Number(prec));
  else s = prec !== undefined ? pyStr(v).slice(0, Number(prec)) : pyStr(v);
  if (type === 'X' || type === 'E') s = s.toUpperCase();
  if (comma) s = groupDigits(s);
  if (sign === '+' && n !== undefined && n >= 0) s = '+' + s;
  const w = Number(width ?? 0);
  if (s.length >= w) return s;
  const numericVal = n !== undefined && typeof v !== 'boolean';
  const al = align ?? (zero ? '=' : numericVal ? '>' : '<');
  const pad = (fill ?? (zero ? '0' : ' ')).repeat(w - s.length);
  if (al === '=') return /^[-+]/.test(s) ? s[0] + pad + s.slice(1) : pad + s;
  if (al === '>') return pad + s;
  if (al === '^') return pad.slice(0, Math.floor(pad.length / 2)) + s + pad.slice(Math.floor(pad.length / 2));
  return s + pad;
}

/** `a.b[0]` inside a format field. */
function formatField(root: unknown, path: string): unknown {
  let v = root;
  for (const m of path.matchAll(/\.(\w+)|\[([^\]]*)\]/g)) {
    const key = m[1] ?? m[2] ?? '';
    v = Array.isArray(v) && /^\d+$/.test(key) ? v[Number(key)] : (v as Record<string, unknown> | null | undefined)?.[key];
  }
  return v;
}

/** str.format with `{}`, `{0}`, `{name}`, `{x.attr}`/`{x[0]}`, `!r`/`!s` and format specs. */
export function pyFormat(fmt: string, pos: unknown[], kw: Kwargs): string {
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}:!]*)(?:!([rs]))?(?::([^{}]*))?\}/g, (m, field: string | undefined, conv: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const f = field ?? '';
    const head = /^[^.[]*/.exec(f)?.[0] ?? '';
    let v = head === '' ? pos[auto++] : /^\d+$/.test(head) ? pos[Number(head)] : kw[head];
    if (head === '' ? auto > pos.length : /^\d+$/.test(head) ? Number(head) >= pos.length : !(head in kw)) {
      throw err(/^\d*$/.test(head) ? 'Replacement index out of range for positional args tuple' : `KeyError: '${head}'`);
    }
    v = formatField(v, f.slice(head.length));
    if (conv === 'r') v = pyRepr(v);
    return applySpec(v, spec ?? '');
  });
}

function anyPrefix(p: unknown, test: (x: string) => boolean): boolean {
  return Array.isArray(p) ? p.some((x) => test(pyStr(x))) : test(pyStr(p));
}

function joinItems(sep: string, items: unknown[]): string {
  return items
    .map((x, i) => {
      const s = asString(x);
      if (s === undefined) throw err(`sequence item ${i}: expected str instance, ${typeName(x)} found`);
      return s;
    })
    .join(sep);
}

/** The [start, end) window of optional start/end arguments at positions i and i+1, as Python clamps them (str and list methods). */
export function window(len: number, a: Args, i: number): [number, number] {
  const at = (v: unknown, d: number) => {
    if (v === undefined || v === null) return d;
    const n = Number(v);
    return n < 0 ? Math.max(0, len + n) : Math.min(n, len);
  };
  return [at(a.pos[i], 0), at(a.pos[i + 1], len)];
}

function find(s: string, a: Args, last: boolean): number {
  const sub = pyStr(a.pos[0]);
  const [start, end] = window(s.length, a, 1);
  if (end - start < sub.length) return -1;
  const hay = s.slice(start, end);
  const i = last ? hay.lastIndexOf(sub) : hay.indexOf(sub);
  return i < 0 ? -1 : i + start;
}

function partition(s: string, sepArg: unknown, last: boolean): unknown {
  const sep = pyStr(sepArg);
  const i = last ? s.lastIndexOf(sep) : s.indexOf(sep);
  if (i < 0) return tuple(last ? ['', '', s] : [s, '', '']);
  return tuple([s.slice(0, i), sep, s.slice(i + sep.length)]);
}

export const STR: Record<string, (s: string, a: Args, all: (v: unknown) => unknown[]) => unknown> = {
  upper: (s) => s.toUpperCase(),
  lower: (s) => s.toLowerCase(),
  casefold: (s) => s.toLowerCase(),
  strip: (s, a) => stripChars(s, argOf(a, 0, 'chars'), true, true),
  lstrip: (s, a) => stripChars(s, argOf(a, 0, 'chars'), true, false),
  rstrip: (s, a) => stripChars(s, argOf(a, 0, 'chars'), false, true),
  split: (s, a) => pySplit(s, argOf(a, 0, 'sep'), Number(argOf(a, 1, 'maxsplit', -1))),
  rsplit: (s, a) => {
    const max = Number(argOf(a, 1, 'maxsplit', -1));
    const sep = argOf(a, 0, 'sep');
    if (max < 0) return pySplit(s, sep, max);
    if (sep === null || sep === undefined) {
      const words = pySplit(s, null, -1);
      if (words.length <= max + 1) return words;
      const keep = words.slice(words.length - max);
      let head = s.replace(/\s+$/, '');
      for (let k = 0; k < max; k++) head = head.replace(/\s*\S+$/, '');
      return [head.replace(/\s+$/, ''), ...keep];
    }
    const sp = pyStr(sep);
    const parts = s.split(sp);
    if (parts.length <= max + 1) return parts;
    return [parts.slice(0, parts.length - max).join(sp), ...parts.slice(parts.length - max)];
  },
  splitlines: (s) => s.split(/\r\n|\r|\n/).filter((x, i, arr) => i < arr.length - 1 || x !== ''),
  replace: (s, a) => {
    const old = pyStr(a.pos[0]);
    const neu = pyStr(a.pos[1]);
    const count = Number(argOf(a, 2, 'count', -1));
    if (old === '') {
      // Python inserts the replacement before every character and at the end.
      const chars = [...s];
      const slots = count < 0 ? chars.length + 1 : Math.min(count, chars.length + 1);
      let out = '';
      for (let i = 0; i <= chars.length; i++) out += (i < slots ? neu : '') + (chars[i] ?? '');
      return out;
    }
    const parts = s.split(old);
    if (count < 0 || parts.length <= count + 1) return parts.join(neu);
    return parts.slice(0, count + 1).join(neu) + old + parts.slice(count + 1).join(old);
  },
  startswith: (s, a) => {
    const [start, end] = window(s.length, a, 1);
    return anyPrefix(a.pos[0], (p) => start + p.length <= end && s.startsWith(p, start));
  },
  endswith: (s, a) => {
    const [start, end] = window(s.length, a, 1);
    return anyPrefix(a.pos[0], (p) => end - p.length >= start && s.slice(start, end).endsWith(p));
  },
  removeprefix: (s, a) => (s.startsWith(pyStr(a.pos[0])) ? s.slice(pyStr(a.pos[0]).length) : s),
  removesuffix: (s, a) => (pyStr(a.pos[0]) && s.endsWith(pyStr(a.pos[0])) ? s.slice(0, -pyStr(a.pos[0]).length) : s),
  format: (s, a) => pyFormat(s, a.pos, a.kw),
  join: (s, a, all) => joinItems(s, all(a.pos[0])),
  title: (s) => s.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  count: (s, a) => {
    const sub = pyStr(a.pos[0]);
    const [start, end] = window(s.length, a, 1);
    if (end < start) return 0;
    const hay = s.slice(start, end);
    return sub === '' ? [...hay].length + 1 : hay.split(sub).length - 1;
  },
  find: (s, a) => find(s, a, false),
  rfind: (s, a) => find(s, a, true),
  index: (s, a) => {
    const i = find(s, a, false);
    if (i < 0) throw err('substring not found');
    return i;
  },
  rindex: (s, a) => {
    const i = find(s, a, true);
    if (i < 0) throw err('substring not found');
    return i;
  },
  isdigit: (s) => /^[0-9]+$/.test(s),
  isnumeric: (s) => /^\p{N}+$/u.test(s),
  isdecimal: (s) => /^[0-9]+$/.test(s),
  isalpha: (s) => /^\p{L}+$/u.test(s),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  isupper: (s) => /\p{Lu}/u.test(s) && s === s.toUpperCase(),
  islower: (s) => /\p{Ll}/u.test(s) && s === s.toLowerCase(),
  istitle: (s) => /\p{L}/u.test(s) && s === STR['title']!(s, { pos: [], kw: {} }, () => []),
  zfill: (s, a) => {
    const w = Number(a.pos[0]);
    const sign = /^[-+]/.test(s) ? s[0] ?? '' : '';
    return s.length >= w ? s : sign + (s.slice(sign.length)).padStart(w - sign.length, '0');
  },
  ljust: (s, a) => s.padEnd(Number(a.pos[0]), pyStr(a.pos[1] ?? ' ')),
  rjust: (s, a) => s.padStart(Number(a.pos[0]), pyStr(a.pos[1] ?? ' ')),
  center: (s, a) => {
    const w = Number(a.pos[0]);
    const fill = pyStr(a.pos[1] ?? ' ');
    if (s.length >= w) return s;
    // CPython puts the extra fill character on the left when the padding and width are odd.
    const total = w - s.length;
    const left = Math.floor(total / 2) + (total & w & 1);
    return fill.repeat(left) + s + fill.repeat(total - left);
  },
  partition: (s, a) => partition(s, a.pos[0], false),
  rpartition: (s, a) => partition(s, a.pos[0], true),
};
