/** Python str() and repr() of JS values: what `{{ value }}` prints and how containers show items. */
import { isSafeString } from './nunjucks-internals.js';
import { DictView, PyFloat, PyRange, PyTuple, hasPyRepr, isPlainObject, PY_REPR } from './py-types.js';

/** repr() of a float: shortest round-trip digits, exponent form outside 1e-4 <= |x| < 1e16. */
export function floatRepr(n: number): string {
  if (Number.isNaN(n)) return 'nan';
  if (!Number.isFinite(n)) return n > 0 ? 'inf' : '-inf';
  if (n === 0) return Object.is(n, -0) ? '-0.0' : '0.0';
  const [mant = '', e = '0'] = n.toExponential().split('e');
  const exp = Number(e);
  if (exp < -4 || exp >= 16) return `${mant}e${exp < 0 ? '-' : '+'}${String(Math.abs(exp)).padStart(2, '0')}`;
  const s = String(n);
  return s.includes('.') ? s : s + '.0';
}

function intStr(n: number): string {
  // JS switches to exponent form at 1e21; Python ints print every digit.
  return Math.abs(n) < 1e21 ? String(n) : BigInt(n).toString();
}

function numberStr(n: number): string {
  return Number.isInteger(n) ? intStr(n) : floatRepr(n);
}

function hasOwnToString(v: object): boolean {
  const ts = (v as { toString?: unknown }).toString;
  return typeof ts === 'function' && ts !== Object.prototype.toString && ts !== Array.prototype.toString && ts !== Function.prototype.toString;
}

/** Python str(): what `{{ value }}` prints. Undefined prints as nothing. */
export function pyStr(v: unknown): string {
  if (typeof v === 'string') return v;
  if (v === undefined) return '';
  if (v === null) return 'None';
  if (v === true) return 'True';
  if (v === false) return 'False';
  if (typeof v === 'number') return numberStr(v);
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (isSafeString(v)) return v.val;
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
    else if (ch < ' ' || ch === '\x7f') out += '\\x' + ch.charCodeAt(0).toString(16).padStart(2, '0');
    else out += ch;
  }
  return q + out + q;
}

/** Set elements print in hash order in Python: ascending for small non-negative ints. */
function setItems(s: Set<unknown>): unknown[] {
  const items = [...s];
  return items.every((x) => typeof x === 'number' && Number.isInteger(x) && x >= 0) ? items.sort((a, b) => (a as number) - (b as number)) : items;
}

function seq(items: readonly unknown[]): string {
  return items.map(pyRepr).join(', ');
}

/** Python repr(): how values print inside lists and dicts. */
export function pyRepr(v: unknown): string {
  if (typeof v === 'string') return quote(v);
  if (isSafeString(v)) return quote(v.val);
  if (v === undefined) return 'Undefined';
  if (v === null) return 'None';
  if (typeof v === 'object' && hasPyRepr(v)) return v[PY_REPR]();
  if (v instanceof PyFloat) return floatRepr(v.value);
  if (v instanceof PyTuple) return v.length === 1 ? `(${pyRepr(v[0])},)` : `(${seq(v)})`;
  if (v instanceof PyRange) return `range(${v.args.join(', ')})`;
  if (v instanceof DictView) return `${v.kind}([${seq(v)}])`;
  if (Array.isArray(v)) return `[${seq(v)}]`;
  if (v instanceof Set) return v.size === 0 ? 'set()' : `{${seq(setItems(v))}}`;
  if (v instanceof Map) return '{' + [...v].map(([k, x]) => `${pyRepr(k)}: ${pyRepr(x)}`).join(', ') + '}';
  if (isPlainObject(v)) return '{' + Object.entries(v).map(([k, x]) => `${quote(k)}: ${pyRepr(x)}`).join(', ') + '}';
  if (typeof v === 'object' && hasOwnToString(v)) return String(v);
  if (typeof v === 'object') return '<' + (v.constructor?.name ?? 'object') + '>';
  return pyStr(v);
}
