/**
 * agate's MappedSequence: a tuple whose items also answer by key (`row['id']`, `row.id`,
 * `table.columns['id']`) with keys()/values()/items()/get()/dict(). Item access reads a key
 * first and falls back to the attributes; attribute access the other way round, as Jinja's
 * getitem/getattr do. Subclasses add attributes (a column's name, values_distinct(), ...).
 */
import { PY_REPR, PyTuple, tuple } from './py-types.js';
import { asString } from './py-values.js';
import { pyRepr } from './py-repr.js';

export class PyMapped<T = unknown> extends PyTuple<T> {
  declare readonly keyList: readonly string[];

  /** `obj[key]` (attr false) or `obj.key` (attr true) for a non-integer key; undefined when missing. */
  pyMember(key: unknown, attr: boolean): unknown {
    const k = asString(key);
    if (k === undefined) return undefined;
    if (attr) {
      const a = this.attribute(k);
      if (a !== undefined) return a;
    }
    const i = this.keyList.indexOf(k);
    if (i >= 0) return this[i];
    return attr ? undefined : this.attribute(k);
  }

  /** Attributes and methods by name. */
  protected attribute(name: string): unknown {
    switch (name) {
      case 'keys': return () => tuple(this.keyList);
      case 'values': return () => tuple([...this]);
      case 'items': return () => this.keyList.map((k, i) => tuple([k, this[i]]));
      case 'get': return (key: unknown, dflt: unknown = null) => {
        const i = this.keyList.indexOf(asString(key) ?? '');
        return i < 0 ? dflt : this[i];
      };
      case 'dict': return () => Object.fromEntries(this.keyList.map((k, i) => [k, this[i]]));
      default: return undefined;
    }
  }

  protected reprName(): string {
    return 'agate.MappedSequence';
  }

  [PY_REPR](): string {
    return `<${this.reprName()}: (${[...this].map((v) => pyRepr(v)).join(', ')})>`;
  }
}

/** Builds a mapped sequence of class `cls` (an Array subclass built without its constructor). */
export function mapped<T, C extends PyMapped<T>>(cls: abstract new (...a: never[]) => C, values: readonly T[], keys: readonly string[], extra: Record<string, unknown> = {}): C {
  const m = Object.setPrototypeOf([...values], cls.prototype) as C;
  Object.defineProperty(m, 'keyList', { value: keys, enumerable: false });
  for (const [k, v] of Object.entries(extra)) Object.defineProperty(m, k, { value: v, enumerable: false });
  return m;
}

