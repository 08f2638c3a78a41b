/**
 * Pure Jinja/dbt globals that need no invocation data: return(), namespace(), range(),
 * dict(), zip(), tojson()... TxJinja always provides these; createBuiltins adds the rest.
 */
import { createHash } from 'node:crypto';
import YAML from 'yaml';
import { TxCodes, TxError } from '../errors/tx-error.js';
import { toList } from './py-methods.js';
import { argOf, asString, isPlainObject, jsonDumps, pyRepr, splitArgs } from './py-values.js';

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

/** Plain JS data from YAML/JSON-ish values (SafeStrings become strings). */
export function toPlain(v: unknown): unknown {
  const s = asString(v);
  if (s !== undefined) return s;
  if (Array.isArray(v)) return v.map(toPlain);
  if (isPlainObject(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, toPlain(x)]));
  return v;
}

function range(...args: unknown[]): number[] {
  const n = args.map(Number);
  const [start, stop, step] = n.length === 1 ? [0, n[0] ?? 0, 1] : [n[0] ?? 0, n[1] ?? 0, n[2] ?? 1];
  if (step === 0) throw new TxError({ code: TxCodes.TemplateRender, message: 'range() arg 3 must not be zero' });
  const out: number[] = [];
  for (let i = start; step > 0 ? i < stop : i > stop; i += step) out.push(i);
  return out;
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
      else if (Array.isArray(base)) for (const p of base) if (Array.isArray(p)) out[String(p[0])] = p[1];
      return Object.assign(out, a.kw);
    },
    list: (v: unknown) => [...toList(v)],
    set: (v: unknown) => {
      const out: unknown[] = [];
      for (const x of toList(v)) if (!out.includes(x)) out.push(x);
      return out;
    },
    zip: (...lists: unknown[]) => {
      const ls = lists.map(toList);
      const n = ls.length === 0 ? 0 : Math.min(...ls.map((l) => l.length));
      return Array.from({ length: n }, (_, i) => ls.map((l) => l[i]));
    },
    tojson: (...args: unknown[]) => {
      const a = splitArgs(args);
      return jsonDumps(a.pos[0], argOf(a, 1, 'sort_keys', false) === true);
    },
    fromjson: (...args: unknown[]) => {
      const a = splitArgs(args);
      try {
        return JSON.parse(String(asString(a.pos[0]) ?? a.pos[0])) as unknown;
      } catch {
        return argOf(a, 1, 'default', null);
      }
    },
    toyaml: (...args: unknown[]) => {
      const a = splitArgs(args);
      const value = toPlain(a.pos[0]);
      return YAML.stringify(value, { sortMapEntries: argOf(a, 1, 'sort_keys', false) === true });
    },
    fromyaml: (...args: unknown[]) => {
      const a = splitArgs(args);
      try {
        return YAML.parse(String(asString(a.pos[0]) ?? a.pos[0])) as unknown;
      } catch {
        return argOf(a, 1, 'default', null);
      }
    },
    local_md5: (s: unknown) => createHash('md5').update(String(asString(s) ?? s)).digest('hex'),
  };
}
