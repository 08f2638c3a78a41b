/**
 * Jinja filters and tests that dbt projects use and nunjucks lacks or implements with a
 * different signature (keyword arguments arrive as a trailing `__keywords` object).
 */
import { nj } from './nunjucks-internals.js';
import { member, toList } from './py-methods.js';
import { argOf, asString, isPlainObject, jsonDumps, pyCompare, pyEq, pyStr, splitArgs, truthy } from './py-values.js';

type Fn = (...args: unknown[]) => unknown;
interface FilterEnv {
  addFilter(name: string, fn: Fn): unknown;
  addTest(name: string, fn: Fn): unknown;
  getTest(name: string): Fn;
  getFilter(name: string): Fn;
}

/** Attribute paths like 'a.b' (Jinja's make_attrgetter). */
function attr(obj: unknown, path: unknown): unknown {
  let v = obj;
  for (const part of String(path).split('.')) v = member(v, /^\d+$/.test(part) ? Number(part) : part);
  return v;
}

function pyLiteral(v: unknown): unknown {
  const s = asString(v);
  if (s === undefined) return v;
  const t = s.trim();
  if (t === 'True' || t === 'true') return true;
  if (t === 'False' || t === 'false') return false;
  if (t === 'None') return null;
  if (/^-?\d+(\.\d+)?([eE][-+]?\d+)?$/.test(t)) return Number(t);
  try {
    return JSON.parse(t.replace(/'/g, '"').replace(/\bTrue\b/g, 'true').replace(/\bFalse\b/g, 'false').replace(/\bNone\b/g, 'null')) as unknown;
  } catch {
    return s;
  }
}

export function registerFilters(env: FilterEnv): void {
  const add = (name: string, fn: Fn) => env.addFilter(name, fn);
  const testOrFilter = (env2: FilterEnv, args: unknown[]) => {
    const [name, ...rest] = args;
    if (name === undefined) return truthy;
    const t = env2.getTest(String(name));
    return (x: unknown) => t(x, ...rest) === true;
  };

  add('tojson', (...args) => {
    const a = splitArgs(args);
    const indent = argOf(a, 1, 'indent');
    // Jinja's tojson filter sorts keys (unlike dbt's tojson() function).
    return jsonDumps(a.pos[0], argOf(a, 2, 'sort_keys', true) === true, typeof indent === 'number' ? indent : undefined);
  });
  add('items', (v) => (isPlainObject(v) ? Object.entries(v) : v instanceof Map ? [...v] : []));
  add('string', (v) => pyStr(v));
  add('list', (v) => [...toList(v)]);
  add('unique', (...args) => {
    const a = splitArgs(args);
    const key = argOf(a, 2, 'attribute');
    const out: unknown[] = [];
    const seen: unknown[] = [];
    for (const x of toList(a.pos[0])) {
      const k = key === undefined ? x : attr(x, key);
      if (!seen.some((s) => pyEq(s, k))) (seen.push(k), out.push(x));
    }
    return out;
  });
  const extreme = (sign: number) => (...args: unknown[]) => {
    const a = splitArgs(args);
    const key = argOf(a, 2, 'attribute');
    const k = (x: unknown) => (key === undefined ? x : attr(x, key));
    const l = toList(a.pos[0]);
    return l.length === 0 ? undefined : l.reduce((m, x) => (sign * pyCompare(k(x), k(m)) > 0 ? x : m));
  };
  add('min', extreme(-1));
  add('max', extreme(1));
  add('sum', (...args) => {
    const a = splitArgs(args);
    const key = argOf(a, 1, 'attribute');
    return toList(a.pos[0]).reduce((s: number, x) => s + Number(key === undefined ? x : attr(x, key)), Number(argOf(a, 2, 'start', 0)));
  });
  add('join', (...args) => {
    const a = splitArgs(args);
    const key = argOf(a, 2, 'attribute');
    return toList(a.pos[0]).map((x) => pyStr(key === undefined ? x : attr(x, key))).join(pyStr(argOf(a, 1, 'd', '')));
  });
  add('map', (...args) => {
    const a = splitArgs(args);
    const l = toList(a.pos[0]);
    if ('attribute' in a.kw) return l.map((x) => attr(x, a.kw['attribute']) ?? a.kw['default']);
    const f = env.getFilter(String(a.pos[1]));
    return l.map((x) => f(x, ...a.pos.slice(2)));
  });
  add('sort', (...args) => {
    const a = splitArgs(args);
    const key = argOf(a, 3, 'attribute');
    const cs = argOf(a, 2, 'case_sensitive', false) === true;
    const k = (x: unknown) => {
      const v = key === undefined ? x : attr(x, key);
      const s = asString(v);
      return s !== undefined && !cs ? s.toLowerCase() : v;
    };
    const out = [...toList(a.pos[0])].sort((x, y) => pyCompare(k(x), k(y)));
    return argOf(a, 1, 'reverse', false) === true ? out.reverse() : out;
  });
  add('select', (l, ...rest) => toList(l).filter(testOrFilter(env, rest)));
  add('reject', (l, ...rest) => toList(l).filter((x) => !testOrFilter(env, rest)(x)));
  add('selectattr', (l, key, ...rest) => toList(l).filter((x) => testOrFilter(env, rest)(attr(x, key))));
  add('rejectattr', (l, key, ...rest) => toList(l).filter((x) => !testOrFilter(env, rest)(attr(x, key))));
  add('format', (fmt, ...args) => {
    const a = splitArgs(args);
    return pyStr(fmt).replace(/%[sd%]/g, (m) => (m === '%%' ? '%' : pyStr(a.pos.shift())));
  });
  add('as_text', (v) => pyStr(v));
  add('as_bool', (v) => pyLiteral(v));
  add('as_number', (v) => pyLiteral(v));
  add('as_native', (v) => pyLiteral(v));
  add('safe', (v) => nj.runtime.markSafe(v));
  add('reverse', (v) => {
    const s = asString(v);
    return s !== undefined ? [...s].reverse().join('') : [...toList(v)].reverse();
  });
  add('length', (v) => (isPlainObject(v) ? Object.keys(v).length : toList(v).length));
  add('count', (v) => (isPlainObject(v) ? Object.keys(v).length : toList(v).length));
  add('trim', (v, chars) => (chars === undefined ? pyStr(v).trim() : (member(pyStr(v), 'strip') as Fn)(chars)));
}

export function registerTests(env: FilterEnv): void {
  const add = (name: string, fn: Fn) => env.addTest(name, fn);
  const isNone = (v: unknown) => v === null;
  add('none', isNone);
  add('None', isNone);
  add('null', isNone);
  add('defined', (v) => v !== undefined);
  add('undefined', (v) => v === undefined);
  add('string', (v) => asString(v) !== undefined);
  add('mapping', (v) => isPlainObject(v) || v instanceof Map);
  add('number', (v) => typeof v === 'number');
  add('integer', (v) => typeof v === 'number' && Number.isInteger(v));
  add('float', (v) => typeof v === 'number' && !Number.isInteger(v));
  add('boolean', (v) => typeof v === 'boolean');
  add('true', (v) => v === true);
  add('false', (v) => v === false);
  add('iterable', (v) => asString(v) !== undefined || Array.isArray(v) || isPlainObject(v) || (typeof v === 'object' && v !== null && Symbol.iterator in v));
  add('sequence', (v) => asString(v) !== undefined || Array.isArray(v) || isPlainObject(v));
  add('in', (v, seq) => {
    const s = asString(seq);
    if (s !== undefined) return s.includes(pyStr(v));
    if (isPlainObject(seq)) return pyStr(v) in seq;
    return toList(seq).some((x) => pyEq(x, v));
  });
  add('eq', pyEq);
  add('equalto', pyEq);
  add('==', pyEq);
  add('ne', (a, b) => !pyEq(a, b));
  add('!=', (a, b) => !pyEq(a, b));
  add('lower', (v) => asString(v) !== undefined && asString(v) === asString(v)?.toLowerCase());
  add('upper', (v) => asString(v) !== undefined && asString(v) === asString(v)?.toUpperCase());
}
