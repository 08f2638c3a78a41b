/**
 * Pure Jinja/dbt globals that need no invocation data: return(), namespace(), range(), dict(),
 * zip(), set(), tojson()/fromjson(), toyaml()/fromyaml(), local_md5(), cycler(), joiner().
 * TxJinja always provides these; createBuiltins adds the rest.
 */
import { createHash } from 'node:crypto';
import { TxCodes, TxError } from '../errors/tx-error.js';
import { setKey } from './py-collection-methods.js';
import { jsonDumps, jsonLoads } from './py-json.js';
import { isIterable, toList } from './py-methods.js';
import { pyRepr, pyStr } from './py-repr.js';
import { numeric, pyRange, tuple } from './py-types.js';
import { fromYaml, toYaml } from './py-yaml.js';
import { argOf, isPlainObject, splitArgs } from './py-values.js';

/** Thrown by `return(value)`; the macro wrapper catches it and makes `value` the result. */
export class ReturnSignal {
  constructor(readonly value: unknown) {}
}

/** Jinja's namespace(): a mutable attribute bag for `{% set ns.x = ... %}` across scopes. */
export class Namespace {
  [key: string]: unknown;
  constructor(attrs: Record<string, unknown>) {
    Object.assign(this, attrs);
  }
  toString(): string {
    return `<Namespace ${pyRepr({ ...this })}>`;
  }
}

/** The sandbox's limit (jinja2.sandbox.MAX_RANGE). */
const MAX_RANGE = 100_000;

function range(...args: unknown[]): unknown {
  const n = args.map((a) => {
    const x = numeric(a);
    if (x === undefined || !Number.isInteger(x)) throw new TxError({ code: TxCodes.TemplateRender, message: `'${pyStr(a)}' cannot be interpreted as an integer` });
    return x;
  });
  const [start, stop, step] = n.length === 1 ? [0, n[0] ?? 0, 1] : [n[0] ?? 0, n[1] ?? 0, n[2] ?? 1];
  if (step === 0) throw new TxError({ code: TxCodes.TemplateRender, message: 'range() arg 3 must not be zero' });
  const len = Math.max(0, Math.ceil((stop - start) / step));
  if (len > MAX_RANGE) throw new TxError({ code: TxCodes.TemplateRender, message: `Range too big. The sandbox blocks ranges larger than MAX_RANGE (${MAX_RANGE}).` });
  const out: number[] = [];
  for (let i = 0; i < len; i++) out.push(start + i * step);
  return pyRange(out, n.length === 1 ? [0, stop] : step === 1 && n.length === 2 ? [start, stop] : [start, stop, step]);
}

/** Python's set(iterable); raises for a value that is not iterable (dbt's set_strict, and set() before its default). */
export function pySet(v: unknown): Set<unknown> {
  if (!isIterable(v)) throw new TxError({ code: TxCodes.TemplateRender, message: `'${pyStr(v)}' is not iterable` });
  return new Set(toList(v).map(setKey));
}

/** Python's zip(*iterables) as a list of tuples; raises when an argument is not iterable (zip_strict). */
export function pyZip(iterables: readonly unknown[]): unknown[] {
  if (!iterables.every(isIterable)) throw new TxError({ code: TxCodes.TemplateRender, message: 'zip argument is not iterable' });
  const ls = iterables.map(toList);
  const n = ls.length === 0 ? 0 : Math.min(...ls.map((l) => l.length));
  return Array.from({ length: n }, (_, i) => tuple(ls.map((l) => l[i])));
}

/** A global taking dbt's `default=` fallback for when the work raises. */
function withDefault(args: unknown[], defaultAt: number, work: (a: { pos: unknown[]; kw: Record<string, unknown> }) => unknown): unknown {
  const a = splitArgs(args);
  try {
    return work(a);
  } catch {
    return argOf(a, defaultAt, 'default', null);
  }
}

function cycler(...items: unknown[]): Record<string, unknown> {
  let pos = 0;
  const c = {
    get current(): unknown {
      return items[pos];
    },
    next(): unknown {
      const v = items[pos];
      pos = (pos + 1) % Math.max(1, items.length);
      return v;
    },
    reset(): null {
      pos = 0;
      return null;
    },
  };
  return c;
}

function joiner(sep: unknown = ', '): () => string {
  let used = false;
  return () => {
    if (!used) {
      used = true;
      return '';
    }
    return pyStr(sep);
  };
}

export function coreGlobals(): Record<string, unknown> {
  return {
    return: (v: unknown) => {
      throw new ReturnSignal(v);
    },
    range,
    namespace: (...args: unknown[]) => {
      const a = splitArgs(args);
      return new Namespace({ ...(isPlainObject(a.pos[0]) ? a.pos[0] : {}), ...a.kw });
    },
    dict: (...args: unknown[]) => {
      const a = splitArgs(args);
      const base = a.pos[0];
      const out: Record<string, unknown> = {};
      if (isPlainObject(base)) Object.assign(out, base);
      else if (base !== undefined && base !== null) for (const p of toList(base)) out[pyStr(toList(p)[0])] = toList(p)[1];
      return Object.assign(out, a.kw);
    },
    list: (v: unknown) => [...toList(v)],
    // dbt's zip() and set() give None (their default=) for arguments that are not iterable.
    set: (...args: unknown[]) => withDefault(args, 1, (a) => pySet(a.pos[0])),
    zip: (...args: unknown[]) => withDefault(args, Number.MAX_SAFE_INTEGER, (a) => pyZip(a.pos)),
    tojson: (...args: unknown[]) => withDefault(args, 1, (a) => jsonDumps(a.pos[0], argOf(a, 2, 'sort_keys', false) === true)),
    fromjson: (...args: unknown[]) => withDefault(args, 1, (a) => jsonLoads(pyStr(a.pos[0]))),
    toyaml: (...args: unknown[]) => withDefault(args, 1, (a) => toYaml(a.pos[0], argOf(a, 2, 'sort_keys', false) === true)),
    fromyaml: (...args: unknown[]) => withDefault(args, 1, (a) => fromYaml(pyStr(a.pos[0]))),
    local_md5: (s: unknown) => createHash('md5').update(pyStr(s)).digest('hex'),
    cycler,
    joiner,
  };
}
