/**
 * JS stand-ins for the Python types whose behaviour differs from a plain JS value:
 * a float that happens to be whole (1.0 prints as `1.0`), tuples, range objects and dict views.
 * Lists and dicts stay plain arrays and objects; tuples, ranges and views are Array subclasses
 * so every list-reading helper keeps working on them.
 */
import { isSafeString } from './nunjucks-internals.js';
import { PyDecimal } from './py-decimal.js';

/**
 * A JS class standing for a Python object implements `[PY_REPR]()` to give its repr()
 * (`datetime.date(2024, 1, 2)`, `Decimal('1.50')`, `<agate.Row: (1, 'a')>`).
 */
export const PY_REPR: unique symbol = Symbol.for('tx.pyRepr');

export function hasPyRepr(v: object): v is { [PY_REPR](): string } {
  return typeof (v as { [PY_REPR]?: unknown })[PY_REPR] === 'function';
}

/**
 * A Python float with an integral value. Non-integral floats stay JS numbers (they print the
 * same); only whole ones need a box to remember they are floats.
 */
export class PyFloat {
  constructor(readonly value: number) {}
  valueOf(): number {
    return this.value;
  }
  toJSON(): number {
    return this.value;
  }
}

/** A float result: boxed when whole, so it keeps printing as a float. */
export function mkFloat(n: number): number | PyFloat {
  return Number.isInteger(n) || Object.is(n, -0) ? new PyFloat(n) : n;
}

export function isFloat(v: unknown): boolean {
  return v instanceof PyFloat || (typeof v === 'number' && !Number.isInteger(v));
}

/** A Python number (bool and int included) as a JS number, else undefined. */
export function numeric(v: unknown): number | undefined {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (v instanceof PyFloat) return v.value;
  if (v instanceof PyDecimal) return v.valueOf();
  return undefined;
}

/** An immutable sequence printed as `(a, b)`. */
export class PyTuple<T = unknown> extends Array<T> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
}

export function tuple<T>(items: readonly T[]): PyTuple<T> {
  return Object.setPrototypeOf([...items], PyTuple.prototype) as PyTuple<T>;
}

/** `range(...)`: a list of its values that prints as `range(0, 3)`. */
export class PyRange extends Array<number> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  declare readonly args: readonly number[];
}

export function pyRange(values: number[], args: number[]): PyRange {
  const r = Object.setPrototypeOf(values, PyRange.prototype) as PyRange;
  Object.defineProperty(r, 'args', { value: args, enumerable: false });
  return r;
}

export type ViewKind = 'dict_items' | 'dict_keys' | 'dict_values';

/** `d.items()` / `d.keys()` / `d.values()`: a snapshot list that prints as `dict_items([...])`. */
export class DictView extends Array<unknown> {
  static override get [Symbol.species](): ArrayConstructor {
    return Array;
  }
  declare readonly kind: ViewKind;
}

export function dictView(kind: ViewKind, values: unknown[]): DictView {
  const v = Object.setPrototypeOf(values, DictView.prototype) as DictView;
  Object.defineProperty(v, 'kind', { value: kind, enumerable: false });
  return v;
}

export function isPlainObject(v: unknown): v is Record<string, unknown> {
  if (typeof v !== 'object' || v === null) return false;
  const p = Object.getPrototypeOf(v) as unknown;
  return p === Object.prototype || p === null;
}

/** The Python type name used in error messages. */
export function typeName(v: unknown): string {
  if (v === undefined) return 'Undefined';
  if (v === null) return 'NoneType';
  if (typeof v === 'boolean') return 'bool';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (v instanceof PyFloat) return 'float';
  if (v instanceof PyDecimal) return 'decimal.Decimal';
  if (typeof v === 'string' || isSafeString(v)) return 'str';
  if (v instanceof PyTuple) return 'tuple';
  if (v instanceof PyRange) return 'range';
  if (v instanceof DictView) return v.kind;
  if (Array.isArray(v)) return 'list';
  if (v instanceof Set) return 'set';
  if (isPlainObject(v) || v instanceof Map) return 'dict';
  if (typeof v === 'function') return 'function';
  return (v as object).constructor?.name ?? 'object';
}
