/** Python list, tuple, dict and set methods (`l.append(x)`, `d.items()`, `s.union(t)`, ...). */
import { TxCodes, TxError } from '../errors/tx-error.js';
import { pyRepr, pyStr } from './py-repr.js';
import { dictView, isPlainObject, tuple } from './py-types.js';
import { argOf, asString, pyCompare, pyEq } from './py-values.js';
import { window, type Args } from './py-str-methods.js';

type Iter = (v: unknown) => unknown[];
type Method<T> = (self: T, a: Args, all: Iter) => unknown;
type Dict = Record<string, unknown>;

const err = (message: string) => new TxError({ code: TxCodes.TemplateRender, message });

function pyIndex(l: readonly unknown[], x: unknown): number {
  return l.findIndex((y) => pyEq(x, y));
}

/** Set members are kept as plain strings so 'a' and a SafeString 'a' are one element. */
export function setKey(x: unknown): unknown {
  return asString(x) ?? x;
}

const SEQ: Record<string, Method<unknown[]>> = {
  index: (l, a) => {
    const [start, end] = window(l.length, a, 1);
    for (let i = start; i < end; i++) if (pyEq(a.pos[0], l[i])) return i;
    throw err(`${pyRepr(a.pos[0])} is not in list`);
  },
  count: (l, a) => l.filter((y) => pyEq(a.pos[0], y)).length,
};

export const TUPLE: Record<string, Method<unknown[]>> = SEQ;

export const LIST: Record<string, Method<unknown[]>> = {
  ...SEQ,
  append: (l, a) => {
    l.push(a.pos[0]);
    return null;
  },
  extend: (l, a, all) => {
    l.push(...all(a.pos[0]));
    return null;
  },
  insert: (l, a) => {
    const i = Number(a.pos[0]);
    l.splice(i < 0 ? Math.max(0, l.length + i) : i, 0, a.pos[1]);
    return null;
  },
  pop: (l, a) => {
    if (l.length === 0) throw err('pop from empty list');
    const i = Number(a.pos[0] ?? -1);
    const at = i < 0 ? l.length + i : i;
    if (at < 0 || at >= l.length) throw err('pop index out of range');
    return l.splice(at, 1)[0];
  },
  remove: (l, a) => {
    const i = pyIndex(l, a.pos[0]);
    if (i < 0) throw err('list.remove(x): x not in list');
    l.splice(i, 1);
    return null;
  },
  sort: (l, a) => {
    const key = a.kw['key'];
    const k = typeof key === 'function' ? (x: unknown) => (key as (v: unknown) => unknown)(x) : (x: unknown) => x;
    const sign = a.kw['reverse'] === true ? -1 : 1;
    l.sort((x, y) => sign * pyCompare(k(x), k(y)));
    return null;
  },
  reverse: (l) => {
    l.reverse();
    return null;
  },
  copy: (l) => [...l],
  clear: (l) => {
    l.length = 0;
    return null;
  },
};

function setOf(items: unknown[]): Set<unknown> {
  return new Set(items.map(setKey));
}

export const SET: Record<string, Method<Set<unknown>>> = {
  add: (s, a) => {
    s.add(setKey(a.pos[0]));
    return null;
  },
  remove: (s, a) => {
    if (!s.delete(setKey(a.pos[0]))) throw err(`KeyError: ${pyRepr(a.pos[0])}`);
    return null;
  },
  discard: (s, a) => {
    s.delete(setKey(a.pos[0]));
    return null;
  },
  pop: (s) => {
    if (s.size === 0) throw err("'pop from an empty set'");
    const [first] = s;
    s.delete(first);
    return first;
  },
  update: (s, a, all) => {
    for (const o of a.pos) for (const x of all(o)) s.add(setKey(x));
    return null;
  },
  union: (s, a, all) => setOf([...s, ...a.pos.flatMap(all)]),
  intersection: (s, a, all) => new Set([...s].filter((x) => a.pos.every((o) => setOf(all(o)).has(x)))),
  difference: (s, a, all) => new Set([...s].filter((x) => !a.pos.some((o) => setOf(all(o)).has(x)))),
  symmetric_difference: (s, a, all) => {
    const o = setOf(all(a.pos[0]));
    return new Set([...[...s].filter((x) => !o.has(x)), ...[...o].filter((x) => !s.has(x))]);
  },
  issubset: (s, a, all) => {
    const o = setOf(all(a.pos[0]));
    return [...s].every((x) => o.has(x));
  },
  issuperset: (s, a, all) => all(a.pos[0]).every((x) => s.has(setKey(x))),
  isdisjoint: (s, a, all) => !all(a.pos[0]).some((x) => s.has(setKey(x))),
  copy: (s) => new Set(s),
  clear: (s) => {
    s.clear();
    return null;
  },
};

function update(d: Dict, a: Args, all: Iter): null {
  const o = a.pos[0];
  if (isPlainObject(o)) Object.assign(d, o);
  else if (o instanceof Map) for (const [k, v] of o) d[pyStr(k)] = v;
  else if (o !== undefined && o !== null) {
    for (const p of all(o)) {
      const pair = all(p);
      if (pair.length !== 2) throw err(`dictionary update sequence element has length ${pair.length}; 2 is required`);
      d[pyStr(pair[0])] = pair[1];
    }
  }
  Object.assign(d, a.kw);
  return null;
}

const own = (d: Dict, k: string) => Object.prototype.hasOwnProperty.call(d, k);

export const DICT: Record<string, Method<Dict>> = {
  items: (d) => dictView('dict_items', Object.entries(d).map((e) => tuple(e))),
  keys: (d) => dictView('dict_keys', Object.keys(d)),
  values: (d) => dictView('dict_values', Object.values(d)),
  // dbt code passes default= (as config.get takes it); Python's dict.get would reject it.
  get: (d, a) => {
    const k = pyStr(a.pos[0]);
    return own(d, k) ? d[k] : argOf(a, 1, 'default', null);
  },
  update,
  pop: (d, a) => {
    const k = pyStr(a.pos[0]);
    if (own(d, k)) {
      const v = d[k];
      delete d[k];
      return v;
    }
    if (a.pos.length > 1) return a.pos[1];
    throw err(`KeyError: '${k}'`);
  },
  popitem: (d) => {
    const keys = Object.keys(d);
    const k = keys[keys.length - 1];
    if (k === undefined) throw err("'popitem(): dictionary is empty'");
    const v = d[k];
    delete d[k];
    return tuple([k, v]);
  },
  setdefault: (d, a) => {
    const k = pyStr(a.pos[0]);
    if (!own(d, k)) d[k] = a.pos.length > 1 ? a.pos[1] : null;
    return d[k];
  },
  copy: (d) => ({ ...d }),
  clear: (d) => {
    for (const k of Object.keys(d)) delete d[k];
    return null;
  },
};
