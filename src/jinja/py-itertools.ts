/**
 * Python's itertools as dbt packages call it. Finite results are lists of tuples (templates
 * only iterate them or pipe them to `list`); count/cycle/repeat without a bound are lazy
 * iterables, consumed by islice.
 */
import { toList } from './py-methods.js';
import { tuple } from './py-types.js';
import { argOf, pyEq, splitArgs } from './py-values.js';

type Fn = (...args: unknown[]) => unknown;

function* lazyCount(start: number, step: number): Generator<number> {
  for (let i = start; ; i += step) yield i;
}

function* lazyCycle(items: unknown[]): Generator<unknown> {
  if (items.length === 0) return;
  for (;;) yield* items;
}

function* iter(v: unknown): Generator<unknown> {
  if (typeof v === 'object' && v !== null && Symbol.iterator in v) yield* v as Iterable<unknown>;
  else yield* toList(v);
}

function combinations(items: unknown[], r: number, replace: boolean): unknown[] {
  const out: unknown[] = [];
  const rec = (start: number, cur: unknown[]) => {
    if (cur.length === r) return void out.push(tuple(cur));
    for (let i = start; i < items.length; i++) rec(replace ? i : i + 1, [...cur, items[i]]);
  };
  rec(0, []);
  return out;
}

function permutations(items: unknown[], r: number): unknown[] {
  const out: unknown[] = [];
  const rec = (cur: number[]) => {
    if (cur.length === r) return void out.push(tuple(cur.map((i) => items[i])));
    for (let i = 0; i < items.length; i++) if (!cur.includes(i)) rec([...cur, i]);
  };
  if (r <= items.length) rec([]);
  return out;
}

function islice(...args: unknown[]): unknown[] {
  const [it, ...bounds] = args;
  const n = bounds.map((b) => (b === null || b === undefined ? undefined : Number(b)));
  const [start, stop, step] = n.length === 1 ? [0, n[0], 1] : [n[0] ?? 0, n[1], n[2] ?? 1];
  const out: unknown[] = [];
  let i = 0;
  for (const x of iter(it)) {
    if (stop !== undefined && i >= stop) break;
    if (i >= start && (i - start) % step === 0) out.push(x);
    i++;
  }
  return out;
}

export function itertoolsModule(): Record<string, unknown> {
  const chain = Object.assign((...lists: unknown[]) => lists.flatMap((l) => [...iter(l)]), {
    from_iterable: (lists: unknown) => toList(lists).flatMap((l) => [...iter(l)]),
  });
  return {
    chain,
    product: (...args: unknown[]) => {
      const a = splitArgs(args);
      const pools = a.pos.map((p) => [...iter(p)]);
      const all = Array.from({ length: Number(a.kw['repeat'] ?? 1) }, () => pools).flat();
      return all.reduce<unknown[][]>((acc, l) => acc.flatMap((p) => l.map((x) => [...p, x])), [[]]).map((p) => tuple(p));
    },
    combinations: (l: unknown, r: unknown) => combinations([...iter(l)], Number(r), false),
    combinations_with_replacement: (l: unknown, r: unknown) => combinations([...iter(l)], Number(r), true),
    permutations: (l: unknown, r?: unknown) => {
      const items = [...iter(l)];
      return permutations(items, r === undefined || r === null ? items.length : Number(r));
    },
    groupby: (...args: unknown[]) => {
      const a = splitArgs(args);
      const keyFn = argOf(a, 1, 'key');
      const key = typeof keyFn === 'function' ? (x: unknown) => (keyFn as Fn)(x) : (x: unknown) => x;
      const out: unknown[] = [];
      let group: unknown[] | undefined;
      let last: unknown;
      for (const x of iter(a.pos[0])) {
        const k = key(x);
        if (!group || !pyEq(k, last)) out.push(tuple([k, (group = [])]));
        group.push(x);
        last = k;
      }
      return out;
    },
    islice,
    count: (start: unknown = 0, step: unknown = 1) => lazyCount(Number(start), Number(step)),
    cycle: (l: unknown) => lazyCycle([...iter(l)]),
    repeat: (x: unknown, n?: unknown) => (n === undefined ? lazyCycle([x]) : Array.from({ length: Number(n) }, () => x)),
    accumulate: (l: unknown) => {
      let acc: number | undefined;
      return [...iter(l)].map((x) => (acc = acc === undefined ? Number(x) : acc + Number(x)));
    },
    zip_longest: (...args: unknown[]) => {
      const a = splitArgs(args);
      const ls = a.pos.map((p) => [...iter(p)]);
      const n = Math.max(0, ...ls.map((l) => l.length));
      return Array.from({ length: n }, (_, i) => tuple(ls.map((l) => (i < l.length ? l[i] : (a.kw['fillvalue'] ?? null)))));
    },
  };
}
