/**
 * Attribute and item access as Jinja evaluates it (attribute, then item, then Python method),
 * slicing, and iteration. Python methods are looked up only when the JS value lacks the
 * member, so JS objects (relations, namespaces) keep their own methods and getters.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { DICT, LIST, SET, TUPLE } from './py-collection-methods.js';
import { STR, type Args } from './py-str-methods.js';
import { DictView, PyRange, PyTuple, isPlainObject, tuple, typeName } from './py-types.js';
import { PyMapped } from './py-mapped.js';
import { asString, splitArgs } from './py-values.js';


type Fn = (...args: unknown[]) => unknown;

/** Iterate any Jinja iterable leniently (filters): dicts give keys, strings characters, None nothing. */
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

export function isIterable(v: unknown): boolean {
  if (v === null || v === undefined) return false;
  if (typeof v === 'string' || Array.isArray(v) || isPlainObject(v)) return true;
  return typeof v === 'object' && Symbol.iterator in v;
}

/** Iterate strictly (for loops, unpacking): Undefined is empty, None and numbers raise. */
export function iterate(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (v === undefined) return [];
  if (!isIterable(v) && asString(v) === undefined) {
    throw new TxError({ code: TxCodes.TemplateRender, message: `'${typeName(v)}' object is not iterable` });
  }
  return toList(v);
}

/** `a, b = value`: exactly n items. */
export function unpack(v: unknown, n: number): unknown[] {
  const items = iterate(v);
  if (items.length > n) throw new TxError({ code: TxCodes.TemplateRender, message: `too many values to unpack (expected ${n})` });
  if (items.length < n) throw new TxError({ code: TxCodes.TemplateRender, message: `not enough values to unpack (expected ${n}, got ${items.length})` });
  return items;
}

function bindPy<T>(table: Record<string, (self: T, a: Args, all: (v: unknown) => unknown[]) => unknown>, self: T, key: string): Fn | undefined {
  const m = Object.prototype.hasOwnProperty.call(table, key) ? table[key] : undefined;
  return m ? (...args: unknown[]) => m(self, splitArgs(args), toList) : undefined;
}

function index(len: number, key: unknown): number | undefined {
  if (typeof key !== 'number' || !Number.isInteger(key)) return undefined;
  return key < 0 ? len + key : key;
}

/**
 * `obj.key` (attr true) / `obj[key]`. A missing member is Undefined (JS undefined); a member of
 * Undefined raises, naming `what` (the expression that was undefined). As Jinja's getattr, an
 * attribute of a dict is its method first (`d.get` even when d has a key 'get'); an item is
 * the key first.
 */
export function member(obj: unknown, key: unknown, what?: string, attr = false): unknown {
  if (obj === undefined) {
    throw new TxError({ code: TxCodes.UndefinedVar, message: `'${what ?? 'value'}' is undefined` });
  }
  if (obj === null) return undefined;
  const s = asString(obj);
  if (s !== undefined) {
    if (typeof key === 'number') {
      // Python indexes code points; JS strings hold UTF-16 units.
      const chars = SURROGATE.test(s) ? [...s] : s;
      const i = index(chars.length, key);
      return i === undefined ? undefined : chars[i];
    }
    return typeof key === 'string' ? bindPy(STR, s, key) : undefined;
  }
  if (Array.isArray(obj)) {
    const i = index(obj.length, key);
    if (i !== undefined) return obj[i];
    if (obj instanceof PyMapped) return obj.pyMember(key, attr);
    if (typeof key !== 'string') return undefined;
    // Named tuples (groupby's grouper/list) carry their fields as own properties.
    if (obj instanceof PyTuple && key !== 'length' && Object.prototype.hasOwnProperty.call(obj, key)) return (obj as unknown as Record<string, unknown>)[key];
    if (obj instanceof PyTuple || obj instanceof PyRange || obj instanceof DictView) return bindPy(TUPLE, obj, key);
    return bindPy(LIST, obj, key);
  }
  const k = typeof key === 'string' ? key : asString(key) ?? String(key);
  if (isPlainObject(obj)) {
    const own = Object.prototype.hasOwnProperty.call(obj, k);
    if (own && !(attr && typeof obj[k] !== 'function' && Object.prototype.hasOwnProperty.call(DICT, k))) return obj[k];
    return bindPy(DICT, obj, k);
  }
  if (obj instanceof Set) return bindPy(SET, obj, k);
  if (obj instanceof Map) return obj.has(key) ? obj.get(key) : obj.has(k) ? obj.get(k) : undefined;
  if (typeof obj === 'object' || typeof obj === 'function') {
    if (k in obj) {
      const v = (obj as Record<string, unknown>)[k];
      return typeof v === 'function' && typeof obj === 'object' ? (...args: unknown[]) => (v as Fn).apply(obj, args) : v;
    }
  }
  return undefined;
}

const SURROGATE = /[\uD800-\uDFFF]/;

/** Python slicing `x[a:b:c]` for lists, tuples and strings. */
export function slice(obj: unknown, start: unknown, stop: unknown, step: unknown): unknown {
  if (obj === undefined) throw new TxError({ code: TxCodes.UndefinedVar, message: 'cannot slice an undefined value' });
  const s = asString(obj);
  const list = s !== undefined ? [...s] : iterate(obj);
  const n = list.length;
  const st = step === null || step === undefined ? 1 : Number(step);
  if (st === 0) throw new TxError({ code: TxCodes.TemplateRender, message: 'slice step cannot be zero' });
  const norm = (v: unknown, d: number) => {
    if (v === null || v === undefined) return d;
    const x = Number(v);
    return x < 0 ? Math.max(x + n, st < 0 ? -1 : 0) : Math.min(x, st < 0 ? n - 1 : n);
  };
  const out: unknown[] = [];
  if (st > 0) for (let i = norm(start, 0); i < norm(stop, n); i += st) out.push(list[i]);
  else for (let i = norm(start, n - 1); i > norm(stop, -1); i += st) out.push(list[i]);
  if (s !== undefined) return out.join('');
  return obj instanceof PyTuple ? tuple(out) : out;
}
