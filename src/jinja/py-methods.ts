/**
 * Python methods on strings, lists and dicts (`s.upper()`, `l.append(x)`, `d.items()`),
 * looked up only when the JS value lacks the member, so JS objects (Relations, namespaces)
 * keep their own methods and getters.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { argOf, asString, isPlainObject, pyCompare, pyEq, pyStr, splitArgs, type Kwargs } from './py-values.js';


const WS = ' \t\n\r\x0b\x0c';
function stripChars(s: string, chars: unknown, left: boolean, right: boolean): string {
  const set = typeof chars === 'string' ? chars : WS;
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
      if (maxsplit >= 0 && parts.length === maxsplit) { parts.push(rest.replace(/\s+$/, '')); return parts; }
      const m = /\s+/.exec(rest);
      if (!m) { parts.push(rest); break; }
      parts.push(rest.slice(0, m.index));
      rest = rest.slice(m.index + m[0].length);
    }
    return parts;
  }
  const sp = pyStr(sep);
  if (sp === '') throw new TxError({ code: TxCodes.TemplateRender, message: 'empty separator' });
  const all = s.split(sp);
  if (maxsplit < 0 || all.length <= maxsplit + 1) return all;
  return [...all.slice(0, maxsplit), all.slice(maxsplit).join(sp)];
}

/** str.format with `{}`, `{0}`, `{name}` and simple `{:>8}`-style specs. */
export function pyFormat(fmt: string, pos: unknown[], kw: Kwargs): string {
  let auto = 0;
  return fmt.replace(/\{\{|\}\}|\{([^{}:!]*)(?:![rs])?(?::([^{}]*))?\}/g, (m, field: string | undefined, spec: string | undefined) => {
    if (m === '{{') return '{';
    if (m === '}}') return '}';
    const f = field ?? '';
    const v = f === '' ? pos[auto++] : /^\d+$/.test(f) ? pos[Number(f)] : kw[f];
    return applySpec(v, spec ?? '');
  });
}

function applySpec(v: unknown, spec: string): string {
  const m = /^(?:(.)?([<>^]))?(0)?(\d+)?(?:\.(\d+))?([sdf%])?$/.exec(spec);
  if (!m) return pyStr(v);
  const [, fill = ' ', align, zero, width, prec, type] = m;
  let s = type === 'f' ? Number(v).toFixed(Number(prec ?? 6)) : type === '%' ? (Number(v) * 100).toFixed(Number(prec ?? 6)) + '%' : pyStr(v);
  if (prec !== undefined && type === undefined) s = typeof v === 'number' ? Number(v).toFixed(Number(prec)) : s.slice(0, Number(prec));
  const w = Number(width ?? 0);
  if (s.length >= w) return s;
  const pad = (zero ? '0' : fill).repeat(w - s.length);
  const al = align ?? (typeof v === 'number' ? '>' : '<');
  if (al === '>') return pad + s;
  if (al === '^') return pad.slice(0, Math.floor(pad.length / 2)) + s + pad.slice(Math.floor(pad.length / 2));
  return s + pad;
}

function anyPrefix(p: unknown, test: (x: string) => boolean): boolean {
  return Array.isArray(p) ? p.some((x) => test(pyStr(x))) : test(pyStr(p));
}

const STR: Record<string, (s: string, a: { pos: unknown[]; kw: Kwargs }) => unknown> = {
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
    if (max < 0 || sep === null || sep === undefined) return pySplit(s, sep, max);
    const all = s.split(pyStr(sep));
    if (all.length <= max + 1) return all;
    return [all.slice(0, all.length - max).join(pyStr(sep)), ...all.slice(all.length - max)];
  },
  splitlines: (s) => s.split(/\r\n|\r|\n/).filter((x, i, arr) => i < arr.length - 1 || x !== ''),
  replace: (s, a) => {
    const old = pyStr(a.pos[0]);
    const neu = pyStr(a.pos[1]);
    const count = Number(argOf(a, 2, 'count', -1));
    if (count < 0) return s.split(old).join(neu);
    const parts = s.split(old);
    return parts.slice(0, count + 1).join(neu) + (parts.length > count + 1 ? old + parts.slice(count + 1).join(old) : '');
  },
  startswith: (s, a) => anyPrefix(a.pos[0], (p) => s.startsWith(p)),
  endswith: (s, a) => anyPrefix(a.pos[0], (p) => s.endsWith(p)),
  format: (s, a) => pyFormat(s, a.pos, a.kw),
  join: (s, a) => toList(a.pos[0]).map(pyStr).join(s),
  title: (s) => s.toLowerCase().replace(/(^|[^a-zA-Z])([a-z])/g, (_m, p: string, c: string) => p + c.toUpperCase()),
  capitalize: (s) => s.charAt(0).toUpperCase() + s.slice(1).toLowerCase(),
  swapcase: (s) => [...s].map((c) => (c === c.toUpperCase() ? c.toLowerCase() : c.toUpperCase())).join(''),
  count: (s, a) => { const sub = pyStr(a.pos[0]); return sub === '' ? s.length + 1 : s.split(sub).length - 1; },
  find: (s, a) => s.indexOf(pyStr(a.pos[0]), Number(a.pos[1] ?? 0)),
  rfind: (s, a) => s.lastIndexOf(pyStr(a.pos[0])),
  index: (s, a) => {
    const i = s.indexOf(pyStr(a.pos[0]));
    if (i < 0) throw new TxError({ code: TxCodes.TemplateRender, message: 'substring not found' });
    return i;
  },
  isdigit: (s) => /^[0-9]+$/.test(s),
  isnumeric: (s) => /^[0-9]+$/.test(s),
  isalpha: (s) => /^[\p{L}]+$/u.test(s),
  isalnum: (s) => /^[\p{L}\p{N}]+$/u.test(s),
  isspace: (s) => /^\s+$/.test(s),
  isupper: (s) => /[A-Z]/.test(s) && s === s.toUpperCase(),
  islower: (s) => /[a-z]/.test(s) && s === s.toLowerCase(),
  zfill: (s, a) => s.padStart(Number(a.pos[0]), '0'),
  ljust: (s, a) => s.padEnd(Number(a.pos[0]), pyStr(a.pos[1] ?? ' ')),
  rjust: (s, a) => s.padStart(Number(a.pos[0]), pyStr(a.pos[1] ?? ' ')),
  center: (s, a) => applySpec(s, `${pyStr(a.pos[1] ?? ' ')}^${Number(a.pos[0])}`),
  partition: (s, a) => { const sep = pyStr(a.pos[0]); const i = s.indexOf(sep); return i < 0 ? [s, '', ''] : [s.slice(0, i), sep, s.slice(i + sep.length)]; },
};

/** Iterate any Jinja iterable as a list: dicts give keys, strings give characters. */
export function toList(v: unknown): unknown[] {
  if (v === null || v === undefined) return [];
  if (Array.isArray(v)) return v;
  const s = asString(v);
  if (s !== undefined) return [...s];
  if (v instanceof Map) return [...v.keys()];
  if (isPlainObject(v)) return Object.keys(v);
  if (typeof v === 'object' && Symbol.iterator in v) return [...(v as Iterable<unknown>)];
  return [];
}

function pyIndex(l: unknown[], x: unknown): number {
  return l.findIndex((y) => pyEq(x, y));
}

const LIST: Record<string, (l: unknown[], a: { pos: unknown[]; kw: Kwargs }) => unknown> = {
  append: (l, a) => { l.push(a.pos[0]); return null; },
  add: (l, a) => { if (pyIndex(l, a.pos[0]) < 0) l.push(a.pos[0]); return null; },
  extend: (l, a) => { l.push(...toList(a.pos[0])); return null; },
  insert: (l, a) => { const i = Number(a.pos[0]); l.splice(i < 0 ? Math.max(0, l.length + i) : i, 0, a.pos[1]); return null; },
  pop: (l, a) => {
    if (l.length === 0) throw new TxError({ code: TxCodes.TemplateRender, message: 'pop from empty list' });
    const i = Number(a.pos[0] ?? -1);
    return l.splice(i < 0 ? l.length + i : i, 1)[0];
  },
  remove: (l, a) => {
    const i = pyIndex(l, a.pos[0]);
    if (i < 0) throw new TxError({ code: TxCodes.TemplateRender, message: 'list.remove(x): x not in list' });
    l.splice(i, 1);
    return null;
  },
  index: (l, a) => {
    const i = pyIndex(l, a.pos[0]);
    if (i < 0) throw new TxError({ code: TxCodes.TemplateRender, message: `${pyStr(a.pos[0])} is not in list` });
    return i;
  },
  count: (l, a) => l.filter((y) => pyEq(a.pos[0], y)).length,
  sort: (l, a) => {
    const key = a.kw['key'];
    const k = typeof key === 'function' ? (x: unknown) => (key as (v: unknown) => unknown)(x) : (x: unknown) => x;
    l.sort((x, y) => pyCompare(k(x), k(y)));
    if (a.kw['reverse'] === true) l.reverse();
    return null;
  },
  reverse: (l) => { l.reverse(); return null; },
  copy: (l) => [...l],
  clear: (l) => { l.length = 0; return null; },
  union: (l, a) => { const out = [...l]; for (const x of toList(a.pos[0])) if (pyIndex(out, x) < 0) out.push(x); return out; },
  difference: (l, a) => { const o = toList(a.pos[0]); return l.filter((x) => pyIndex(o, x) < 0); },
  intersection: (l, a) => { const o = toList(a.pos[0]); return l.filter((x) => pyIndex(o, x) >= 0); },
};

type Dict = Record<string, unknown>;
const DICT: Record<string, (d: Dict, a: { pos: unknown[]; kw: Kwargs }) => unknown> = {
  items: (d) => Object.entries(d),
  keys: (d) => Object.keys(d),
  values: (d) => Object.values(d),
  get: (d, a) => { const k = pyStr(a.pos[0]); return Object.prototype.hasOwnProperty.call(d, k) ? d[k] : (a.pos[1] ?? null); },
  update: (d, a) => {
    const o = a.pos[0];
    if (isPlainObject(o)) Object.assign(d, o);
    else if (Array.isArray(o)) for (const p of o) if (Array.isArray(p)) d[pyStr(p[0])] = p[1];
    Object.assign(d, a.kw);
    return null;
  },
  pop: (d, a) => {
    const k = pyStr(a.pos[0]);
    if (Object.prototype.hasOwnProperty.call(d, k)) { const v = d[k]; delete d[k]; return v; }
    if (a.pos.length > 1) return a.pos[1];
    throw new TxError({ code: TxCodes.TemplateRender, message: `KeyError: '${k}'` });
  },
  setdefault: (d, a) => { const k = pyStr(a.pos[0]); if (!Object.prototype.hasOwnProperty.call(d, k)) d[k] = a.pos[1] ?? null; return d[k]; },
  copy: (d) => ({ ...d }),
  clear: (d) => { for (const k of Object.keys(d)) delete d[k]; return null; },
};

function bindPy<T>(table: Record<string, (self: T, a: { pos: unknown[]; kw: Kwargs }) => unknown>, self: T, key: string): ((...args: unknown[]) => unknown) | undefined {
  const m = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  return m ? (...args: unknown[]) => m(self, splitArgs(args)) : undefined;
}

function index(len: number, key: unknown): number | undefined {
  if (typeof key !== 'number' || !Number.isInteger(key)) return undefined;
  return key < 0 ? len + key : key;
}

/** `obj.key` / `obj[key]` as Jinja evaluates it (attribute, then item, then Python method). */
export function member(obj: unknown, key: unknown): unknown {
  if (obj === null || obj === undefined) return undefined;
  const s = asString(obj);
  if (s !== undefined) {
    const i = index(s.length, key);
    if (i !== undefined) return s[i];
    return typeof key === 'string' ? bindPy(STR, s, key) : undefined;
  }
  if (Array.isArray(obj)) {
    const i = index(obj.length, key);
    if (i !== undefined) return obj[i];
    if (typeof key !== 'string') return undefined;
    return bindPy(LIST, obj, key) ?? (key === 'length' ? obj.length : undefined);
  }
  const k = typeof key === 'string' ? key : pyStr(key);
  if (isPlainObject(obj)) {
    if (Object.prototype.hasOwnProperty.call(obj, k)) return obj[k];
    return bindPy(DICT, obj, k);
  }
  if (typeof obj === 'object' || typeof obj === 'function') {
    if (k in obj) {
      const v = (obj as Dict)[k];
      return typeof v === 'function' ? (...args: unknown[]) => (v as (...x: unknown[]) => unknown).apply(obj, args) : v;
    }
    if (obj instanceof Map) return obj.has(key) ? obj.get(key) : bindPy(DICT, Object.fromEntries(obj) as Dict, k);
  }
  return undefined;
}

/** Python slicing `x[a:b:c]` for lists and strings. */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  const s = asString(obj);
  const list = s !== undefined ? [...s] : Array.isArray(obj) ? obj : toList(obj);
  const n = list.length;
  const st = step === null || step === undefined ? 1 : Number(step);
  const norm = (v: unknown, d: number) => {
    if (v === null || v === undefined) return d;
    const x = Number(v);
    return x < 0 ? Math.max(x + n, st < 0 ? -1 : 0) : Math.min(x, st < 0 ? n - 1 : n);
  };
  const out: unknown[] = [];
  if (st > 0) for (let i = norm(start, 0); i < norm(stop, n); i += st) out.push(list[i]);
  else for (let i = norm(start, n - 1); i > norm(stop, -1); i += st) out.push(list[i]);
  return s !== undefined ? out.join('') : out;
}
