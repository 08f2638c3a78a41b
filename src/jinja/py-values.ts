/**
 * Python value semantics on JS values: truthiness, equality, ordering and the keyword-argument
 * convention nunjucks uses (a trailing object marked `__keywords`). str()/repr() live in
 * py-repr.ts and the Python-only types in py-types.ts; both are re-exported here.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { isSafeString } from './nunjucks-internals.js';
import { PyFloat, PyRange, PyTuple, isPlainObject, numeric, typeName } from './py-types.js';

export { pyRepr, pyStr } from './py-repr.js';
export { isPlainObject } from './py-types.js';
export { jsonDumps } from './py-json.js';

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

/** A JS string for string-like values (primitive strings and nunjucks SafeString). */
export function asString(v: unknown): string | undefined {
  if (typeof v === 'string') return v;
  if (isSafeString(v)) return v.val;
  return undefined;
}

/** Python truthiness: empty containers, empty strings and zero are false. */
export function truthy(v: unknown): boolean {
  if (!v) return false;
  if (typeof v !== 'object') return true;
  if (Array.isArray(v)) return v.length > 0;
  if (v instanceof PyFloat) return v.value !== 0;
  if (isSafeString(v)) return v.val.length > 0;
  if (v instanceof Map || v instanceof Set) return v.size > 0;
  if (isPlainObject(v)) {
    for (const _ in v) return true;
    return false;
  }
  // Python objects implemented in JS (Decimal) may define their truth value.
  const b = (v as { __bool__?: unknown }).__bool__;
  return typeof b === 'function' ? Boolean((b as () => unknown).call(v)) : true;
}

/** Lists, tuples and ranges only equal their own kind. */
function seqKind(v: unknown[]): string {
  return v instanceof PyTuple ? 'tuple' : v instanceof PyRange ? 'range' : 'list';
}

/** Python ==: structural for lists and dicts, no string/number coercion. */
export function pyEq(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  const sa = asString(a);
  const sb = asString(b);
  if (sa !== undefined || sb !== undefined) return sa === sb;
  // Undefined equals None here, unlike Jinja: tx's node dicts omit keys that dbt sets to None
  // (`node.version`), and templates compare them with `none`.
  if (a === undefined || a === null) return b === undefined || b === null;
  if (b === undefined || b === null) return false;
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined || nb !== undefined) return na === nb;
  if (Array.isArray(a) && Array.isArray(b)) return seqKind(a) === seqKind(b) && a.length === b.length && a.every((x, i) => pyEq(x, b[i]));
  if (isPlainObject(a) && isPlainObject(b)) {
    const ka = Object.keys(a);
    return ka.length === Object.keys(b).length && ka.every((k) => k in b && pyEq(a[k], b[k]));
  }
  if (a instanceof Set && b instanceof Set) return a.size === b.size && [...a].every((x) => b.has(x));
  if (typeof a === 'object' && typeof b === 'object') {
    const va = a.valueOf();
    const vb = b.valueOf();
    return va !== a && va === vb;
  }
  return false;
}

function unorderable(op: string, a: unknown, b: unknown): TxError {
  if (a === undefined || b === undefined) return new TxError({ code: TxCodes.UndefinedVar, message: 'an undefined value cannot be compared' });
  return new TxError({ code: TxCodes.TemplateRender, message: `'${op}' not supported between instances of '${typeName(a)}' and '${typeName(b)}'` });
}

/** Python ordering (sort, min, max, <): numbers, strings, sequences of the same kind, dates. */
export function pyCompare(a: unknown, b: unknown, op = '<'): number {
  const na = numeric(a);
  const nb = numeric(b);
  if (na !== undefined && nb !== undefined) return na < nb ? -1 : na > nb ? 1 : 0;
  const sa = asString(a);
  const sb = asString(b);
  if (sa !== undefined && sb !== undefined) return sa < sb ? -1 : sa > sb ? 1 : 0;
  if (Array.isArray(a) && Array.isArray(b) && seqKind(a) === seqKind(b)) {
    for (let i = 0; i < Math.min(a.length, b.length); i++) {
      if (pyEq(a[i], b[i])) continue;
      return pyCompare(a[i], b[i], op);
    }
    return a.length - b.length;
  }
  if (typeof a === 'object' && typeof b === 'object' && a !== null && b !== null && a.constructor === b.constructor) {
    const va = a.valueOf();
    const vb = b.valueOf();
    if (typeof va === 'number' && typeof vb === 'number') return va < vb ? -1 : va > vb ? 1 : 0;
  }
  throw unorderable(op, a, b);
}
