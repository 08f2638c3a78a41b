/**
 * Python value semantics on JS values: str()/repr(), truthiness, equality, ordering and
 * the keyword-argument convention nunjucks uses (a trailing object marked `__keywords`).
 */
import { isSafeString } from './nunjucks-internals.js';

export type Kwargs = Record<string, unknown>;

/** nunjucks passes `f(a, b=1)` as `f(a, {b: 1, __keywords: true})`. */
export function isKwargs(v: unknown): v is Kwargs {
  return typeof v === 'object' && v !== null && Object.prototype.hasOwnProperty.call(v, '__keywords');
}

/** Split a call's arguments into positional args and keyword args (without the marker). */
export function splitArgs(args: readonly unknown[]): { pos: unknown[]; kw: Kwargs } {
  const last = args[args.length - 1];
  if (!isKwargs(last)) return { pos: [...args], kw: {} };
  const kw: Kwargs = {};
  for (const [k, v] of Object.entries(last)) if (k !== '__keywords') kw[k] = v;
  return { pos: args.slice(0, -1), kw };
}

/** Positional argument i, else keyword `name`, else `dflt` (Python call binding). */
export function argOf(a: { pos: unknown[]; kw: Kwargs }, i: number, name: string, dflt?: unknown): unknown {
  if (i < a.pos.length) return a.pos[i];
  if (name in a.kw) return a.kw[name];
  return dflt;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const p = Object.getPrototypeOf(v) as unknown;
  return p === Object.prototype || p === null;
}

/** A JS string for string-like values (primitive strings and nunjucks SafeString). */
export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isSafeString(v)) return v.val;
  return undefined;
}

function hasOwnToString(v: object): boolean {
  const ts = (v as { toString?: unknown }).toString;
  return typeof ts === 'function' && ts !== Object.prototype.toString && ts !== Array.prototype.toString;
}

function pyNumber(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  return String(n);
}

/** Python str(): what `{{ value }}` prints. */
export function pyStr(v: unknown): string {
  if (v === undefined) return '';
  const s = asString(v);
  if (s !== undefined) return s;
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return pyNumber(v);
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'function') return `<function ${v.name || 'anonymous'}>`;
  if (Array.isArray(v) || isPlainObject(v) || v instanceof Map || v instanceof Set) return pyRepr(v);
  if (typeof v === 'object' && hasOwnToString(v)) return String(v);
  return pyRepr(v);
}

function quote(s: string): string {
  const q = s.includes("'") && !s.includes('"') ? '"' : "'";
  let out = '';
  for (const ch of s) {
    if (ch === '\\') out += '\\\\';
    else if (ch === q) out += '\\' + q;
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else out += ch;
  }
  return q + out + q;
}

/** Python repr(): how values print inside lists and dicts. */
export function pyRepr(v: unknown): string {
  const s = asString(v);
  if (s !== undefined) return quote(s);
  if (v === undefined || v === null) return 'None';
  if (Array.isArray(v)) return '[' + v.map(pyRepr).join(', ') + ']';
  if (v instanceof Set) return v.size === 0 ? 'set()' : '{' + [...v].map(pyRepr).join(', ') + '}';
  if (v instanceof Map) return '{' + [...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ') + '}';
  if (isPlainObject(v)) return '{' + Object.entries(v).map(([k, x]) => `${quote(k)}: ${pyRepr(x)}`).join(', ') + '}';
  if (typeof v === 'object' && hasOwnToString(v)) return String(v);
  if (typeof v === 'object') return '<' + (v.constructor?.name ?? 'object') + '>';
  return pyStr(v);
}

/** Python truthiness: empty containers and empty strings are false. */
export function truthy(v: unknown): boolean {
  if (!v) return false;
  if (typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.length > 0;
  if (isSafeString(v)) return v.val.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isPlainObject(v)) return Object.keys(v).length > 0;
  return true;
}

/** Python ==: structural for lists and dicts, no string/number coercion. */
export function pyEq(a: unknown, b: unknown): boolean {
  const sa = asString(a);
  const sb = asString(b);
  if (sa !== undefined || sb !== undefined) return sa === sb;
  if (a === undefined) a = null;
  if (b === undefined) b = null;
  if (a === b) return true;
  const num = (x: unknown) => typeof x === 'number' || typeof x === 'boolean';
  if (num(a) && num(b)) return Number(a) === Number(b);
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && pyEq(a[k], b[k]));
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null) {
    const va = a.valueOf();
    const vb = b.valueOf();
    return va !== a && va === vb;
  }
  return false;
}

/** Ordering used by sort(), min() and max(): numbers numerically, strings by code point. */
export function pyCompare(a: unknown, b: unknown): number {
  const sa = asString(a);
  const sb = asString(b);
  if (sa !== undefined && sb !== undefined) return sa < sb ? -1 : sa > sb ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      const c = pyCompare(a[i], b[i]);
      if (c !== 0) return c;
    }
    return a.length - b.length;
  }
  const na = Number(a);
  const nb = Number(b);
  return na < nb ? -1 : na > nb ? 1 : 0;
}

/** Python json.dumps with its default separators (", " and ": "). */
export function jsonDumps(v: unknown, sortKeys = false, indent?: number, level = 0): string {
  const s = asString(v);
  if (s !== undefined) return JSON.stringify(s);
  if (v === undefined || v === null) return 'null';
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : v > 0 ? 'Infinity' : 'NaN';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  const nl = indent === undefined ? '' : '\n' + ' '.repeat(indent * (level + 1));
  const end = indent === undefined ? '' : '\n' + ' '.repeat(indent * level);
  const sep = indent === undefined ? ', ' : ',';
  if (Array.isArray(v) || v instanceof Set) {
    const items = [...v].map((x) => jsonDumps(x, sortKeys, indent, level + 1));
    return items.length === 0 ? '[]' : '[' + nl + items.join(sep + nl) + end + ']';
  }
  if (typeof v === 'object') {
    const toJSON = (v as { toJSON?: () => unknown }).toJSON;
    if (typeof toJSON === 'function') return jsonDumps(toJSON.call(v), sortKeys, indent, level);
    let entries = v instanceof Map ? [...v].map(([k, x]) => [String(k), x] as const) : Object.entries(v);
    if (!isPlainObject(v) && !(v instanceof Map) && hasOwnToString(v)) return JSON.stringify(String(v));
    if (sortKeys) entries = [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const items = entries.map(([k, x]) => JSON.stringify(k) + ': ' + jsonDumps(x, sortKeys, indent, level + 1));
    return items.length === 0 ? '{}' : '{' + nl + items.join(sep + nl) + end + '}';
  }
  return JSON.stringify(String(v));
}
