/**
 * Jinja's filters over sequences and mappings, with Jinja's signatures (keyword arguments
 * arrive as a trailing `__keywords` object) and results (tuples where Jinja gives tuples,
 * case-insensitive ordering by default). Text and number filters are in filters-text.ts.
 */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { DICT } from './py-collection-methods.js';
import { jsonDumps } from './py-json.js';
import { member, toList } from './py-methods.js';
import { add } from './py-operators.js';
import { pyStr } from './py-repr.js';
import { PyTuple, tuple } from './py-types.js';
import { argOf, asString, isPlainObject, pyCompare, pyEq, splitArgs, truthy } from './py-values.js';
import { registerTextFilters } from './filters-text.js';
import { registerFormatFilters } from './filters-format.js';

export type Fn = (...args: unknown[]) => unknown;
export interface FilterEnv {
  addFilter(name: string, fn: Fn): unknown;
  addTest(name: string, fn: Fn): unknown;
  getTest(name: string): Fn;
  getFilter(name: string): Fn;
}

/** Jinja's make_attrgetter: 'a.b' paths, digit parts as indexes. */
function getter(attribute: unknown, lower = false, dflt?: unknown): (x: unknown) => unknown {
  const parts = typeof attribute === 'number' ? [attribute] : pyStr(attribute).split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
  return (x) => {
    let v = x;
    for (const p of parts) {
      v = member(v, p);
      if (v === undefined) {
        v = dflt;
        break;
      }
    }
    const s = lower ? asString(v) : undefined;
    return s !== undefined ? s.toLowerCase() : v;
  };
}

/** Sort key of a value: strings compared case-insensitively unless asked otherwise. */
function keyOf(attribute: unknown, caseSensitive: boolean): (x: unknown) => unknown {
  if (attribute === undefined || attribute === null) return (x) => (caseSensitive ? x : (asString(x)?.toLowerCase() ?? x));
  const keys = pyStr(attribute).split(',').map((a) => getter(a.trim(), !caseSensitive));
  return keys.length === 1 ? (keys[0] as (x: unknown) => unknown) : (x) => tuple(keys.map((k) => k(x)));
}

class GroupTuple extends PyTuple {}

function groupTuple(grouper: unknown, list: unknown[]): PyTuple {
  const t = Object.setPrototypeOf([grouper, list], GroupTuple.prototype) as PyTuple;
  Object.defineProperty(t, 'grouper', { value: grouper });
  Object.defineProperty(t, 'list', { value: list });
  return t;
}

function items(v: unknown): unknown[] {
  if (v === undefined) return [];
  if (isPlainObject(v)) return Object.entries(v).map((e) => tuple(e));
  if (v instanceof Map) return [...v].map((e) => tuple(e));
  throw new TxError({ code: TxCodes.TemplateRender, message: 'Can only get item pairs from a mapping.' });
}

export function registerFilters(env: FilterEnv): void {
  const add_ = (name: string, fn: Fn) => env.addFilter(name, fn);
  /** select/reject: a named test with arguments, or truthiness. */
  const predicate = (args: unknown[]): ((x: unknown) => boolean) => {
    const [name, ...rest] = args;
    if (name === undefined) return truthy;
    const t = env.getTest(pyStr(name));
    return (x) => truthy(t(x, ...rest));
  };

  add_('tojson', (...args) => {
    const a = splitArgs(args);
    const indent = argOf(a, 1, 'indent');
    // Jinja's tojson filter sorts keys and escapes HTML characters (unlike dbt's tojson()).
    return jsonDumps(a.pos[0], true, typeof indent === 'number' ? indent : undefined, true);
  });
  add_('items', (v) => items(v));
  add_('list', (v) => [...toList(v)]);
  add_('unique', (...args) => {
    const a = splitArgs(args);
    const key = keyOf(argOf(a, 2, 'attribute'), argOf(a, 1, 'case_sensitive', false) === true);
    const out: unknown[] = [];
    const seen: unknown[] = [];
    for (const x of toList(a.pos[0])) {
      const k = key(x);
      if (!seen.some((s) => pyEq(s, k))) (seen.push(k), out.push(x));
    }
    return out;
  });
  const extreme = (sign: number) => (...args: unknown[]) => {
    const a = splitArgs(args);
    const key = keyOf(argOf(a, 2, 'attribute'), argOf(a, 1, 'case_sensitive', false) === true);
    const l = toList(a.pos[0]);
    return l.length === 0 ? undefined : l.reduce((m, x) => (sign * pyCompare(key(x), key(m)) > 0 ? x : m));
  };
  add_('min', extreme(-1));
  add_('max', extreme(1));
  add_('sum', (...args) => {
    const a = splitArgs(args);
    const attribute = argOf(a, 1, 'attribute');
    const get = attribute === undefined || attribute === null ? (x: unknown) => x : getter(attribute);
    return toList(a.pos[0]).reduce((s: unknown, x) => add(s, get(x)), argOf(a, 2, 'start', 0));
  });
  add_('join', (...args) => {
    const a = splitArgs(args);
    const attribute = argOf(a, 2, 'attribute');
    const get = attribute === undefined || attribute === null ? (x: unknown) => x : getter(attribute);
    return toList(a.pos[0]).map((x) => pyStr(get(x))).join(pyStr(argOf(a, 1, 'd', '')));
  });
  add_('map', (...args) => {
    const a = splitArgs(args);
    const l = toList(a.pos[0]);
    if ('attribute' in a.kw) return l.map(getter(a.kw['attribute'], false, a.kw['default']));
    const f = env.getFilter(pyStr(a.pos[1]));
    const kw = Object.keys(a.kw).length > 0 ? [{ ...a.kw, __keywords: true }] : [];
    return l.map((x) => f(x, ...a.pos.slice(2), ...kw));
  });
  add_('sort', (...args) => {
    const a = splitArgs(args);
    const key = keyOf(argOf(a, 3, 'attribute'), argOf(a, 2, 'case_sensitive', false) === true);
    const sign = argOf(a, 1, 'reverse', false) === true ? -1 : 1;
    return [...toList(a.pos[0])].sort((x, y) => sign * pyCompare(key(x), key(y)));
  });
  add_('dictsort', (...args) => {
    const a = splitArgs(args);
    const cs = argOf(a, 1, 'case_sensitive', false) === true;
    const pos = argOf(a, 2, 'by', 'key') === 'value' ? 1 : 0;
    const sign = argOf(a, 3, 'reverse', false) === true ? -1 : 1;
    const key = keyOf(undefined, cs);
    return items(a.pos[0]).sort((x, y) => sign * pyCompare(key((x as unknown[])[pos]), key((y as unknown[])[pos])));
  });
  add_('groupby', (...args) => {
    const a = splitArgs(args);
    const attribute = argOf(a, 1, 'attribute');
    const dflt = argOf(a, 2, 'default');
    const cs = argOf(a, 3, 'case_sensitive', false) === true;
    const key = getter(attribute, !cs, dflt);
    const real = getter(attribute, false, dflt);
    const sorted = [...toList(a.pos[0])].sort((x, y) => pyCompare(key(x), key(y)));
    const out: PyTuple[] = [];
    let current: unknown[] = [];
    sorted.forEach((x, i) => {
      if (i > 0 && !pyEq(key(x), key(sorted[i - 1]))) (out.push(groupTuple(real(current[0]), current)), (current = []));
      current.push(x);
    });
    if (current.length > 0) out.push(groupTuple(real(current[0]), current));
    return out;
  });
  add_('batch', (...args) => {
    const a = splitArgs(args);
    const n = Number(argOf(a, 1, 'linecount'));
    const fill = argOf(a, 2, 'fill_with', null);
    const out: unknown[][] = [];
    for (const x of toList(a.pos[0])) {
      if (out.length === 0 || (out[out.length - 1] as unknown[]).length === n) out.push([]);
      (out[out.length - 1] as unknown[]).push(x);
    }
    const last = out[out.length - 1];
    if (last && fill !== null && last.length < n) while (last.length < n) last.push(fill);
    return out;
  });
  add_('slice', (...args) => {
    const a = splitArgs(args);
    const seq = toList(a.pos[0]);
    const slices = Number(argOf(a, 1, 'slices'));
    const fill = argOf(a, 2, 'fill_with', null);
    const per = Math.floor(seq.length / slices);
    const extra = seq.length % slices;
    const out: unknown[][] = [];
    let offset = 0;
    for (let i = 0; i < slices; i++) {
      const start = offset + i * per;
      if (i < extra) offset++;
      const chunk = seq.slice(start, offset + (i + 1) * per);
      if (fill !== null && i >= extra) chunk.push(fill);
      out.push(chunk);
    }
    return out;
  });
  add_('select', (l, ...rest) => toList(l).filter(predicate(rest)));
  add_('reject', (l, ...rest) => toList(l).filter((x) => !predicate(rest)(x)));
  add_('selectattr', (l, attribute, ...rest) => toList(l).filter((x) => predicate(rest)(getter(attribute)(x))));
  add_('rejectattr', (l, attribute, ...rest) => toList(l).filter((x) => !predicate(rest)(getter(attribute)(x))));
  add_('attr', (obj, name) => {
    // Attributes only: a dict's keys are not attributes in Jinja.
    const n = pyStr(name);
    if (isPlainObject(obj)) return Object.prototype.hasOwnProperty.call(DICT, n) ? member(obj, n) : undefined;
    return obj === undefined ? undefined : member(obj, n);
  });
  add_('first', (v) => toList(v)[0]);
  add_('last', (v) => {
    const l = toList(v);
    return l[l.length - 1];
  });
  add_('reverse', (v) => {
    const s = asString(v);
    return s !== undefined ? [...s].reverse().join('') : [...toList(v)].reverse();
  });
  const length = (v: unknown) => {
    if (v === null || (typeof v !== 'object' && asString(v) === undefined && v !== undefined)) {
      throw new TxError({ code: TxCodes.TemplateRender, message: `object of type '${v === null ? 'NoneType' : typeof v}' has no len()` });
    }
    return v instanceof Set || v instanceof Map ? v.size : toList(v).length;
  };
  add_('length', length);
  add_('count', length);
  registerTextFilters(env);
  registerFormatFilters(env);
}
