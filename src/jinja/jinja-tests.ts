/** Jinja's tests (`x is defined`, `x is divisibleby 3`, `x is in y`, ...) with Python semantics. */
import { isSafeString } from './nunjucks-internals.js';
import { isIterable } from './py-methods.js';
import { compare, contains } from './py-operators.js';
import { pyStr } from './py-repr.js';
import { isFloat, numeric } from './py-types.js';
import { asString, isPlainObject, pyEq } from './py-values.js';
import type { FilterEnv, Fn } from './filters.js';

export function registerTests(env: FilterEnv): void {
  const add = (names: string[], fn: Fn) => names.forEach((n) => env.addTest(n, fn));
  const cmp = (op: string) => (a: unknown, b: unknown) => compare(op, a, b);
  add(['defined'], (v) => v !== undefined);
  const exists = (get: (n: string) => unknown) => (v: unknown) => {
    try {
      return typeof v === 'string' && get(v) !== undefined;
    } catch {
      return false;
    }
  };
  add(['filter'], exists((n) => env.getFilter(n)));
  add(['test'], exists((n) => env.getTest(n)));
  add(['undefined'], (v) => v === undefined);
  add(['none', 'None', 'null'], (v) => v === null);
  add(['boolean'], (v) => typeof v === 'boolean');
  add(['true'], (v) => v === true);
  add(['false'], (v) => v === false);
  add(['integer'], (v) => typeof v === 'number' && Number.isInteger(v));
  add(['float'], (v) => isFloat(v));
  add(['number'], (v) => numeric(v) !== undefined);
  add(['string'], (v) => asString(v) !== undefined);
  // Objects standing for Python Mappings (relations) carry the tx.pyMapping mark.
  add(['mapping'], (v) => isPlainObject(v) || v instanceof Map || (typeof v === 'object' && v !== null && (v as Record<symbol, unknown>)[Symbol.for('tx.pyMapping')] === true));
  add(['sequence'], (v) => asString(v) !== undefined || Array.isArray(v) || isPlainObject(v) || v instanceof Map);
  add(['iterable'], (v) => isIterable(v) || isSafeString(v));
  add(['callable'], (v) => typeof v === 'function' || (typeof v === 'object' && v !== null && typeof (v as { __call__?: unknown }).__call__ === 'function'));
  add(['sameas'], (a, b) => a === b);
  add(['eq', 'equalto', '=='], pyEq);
  add(['ne', '!='], (a, b) => !pyEq(a, b));
  add(['lt', 'lessthan', '<'], cmp('<'));
  add(['le', '<='], cmp('<='));
  add(['gt', 'greaterthan', '>'], cmp('>'));
  add(['ge', '>='], cmp('>='));
  add(['in'], (v, seq) => contains(v, seq));
  add(['divisibleby'], (v, n) => Number(numeric(v)) % Number(numeric(n)) === 0);
  add(['odd'], (v) => Math.abs(Number(numeric(v)) % 2) === 1);
  add(['even'], (v) => Number(numeric(v)) % 2 === 0);
  add(['lower'], (v) => {
    const s = pyStr(v);
    return /\p{Ll}/u.test(s) && s === s.toLowerCase();
  });
  add(['upper'], (v) => {
    const s = pyStr(v);
    return /\p{Lu}/u.test(s) && s === s.toUpperCase();
  });
  add(['escaped'], (v) => isSafeString(v));
}
