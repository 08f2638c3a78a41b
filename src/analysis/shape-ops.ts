/**
 * Shape helpers of query resolution: relations built from shapes, the names a table can be
 * referenced by, column renames, USING/NATURAL columns, set operations.
 */
import type { Expr } from './ir.js';
import type { Column, Origin, Shape } from './shape.js';
import type { Rel } from './scope.js';
import { mergeOrigins, uncertainNames } from './shape.js';
import { lower } from './scope.js';

/** A relation in scope over a known shape; a stand-in column name makes its names uncertain. */
export function relOf(shape: Shape, names: string[], label: string): Rel {
  return { names: names.map(lower), label, columns: shape.columns, open: uncertainNames(shape), hidden: false, merged: new Set(), rows: shape.rows ?? [] };
}

/** `db.schema.t` can be referenced as t, schema.t or db.schema.t. */
export function qualifiedNames(parts: string[]): string[] {
  const out: string[] = [];
  for (let i = parts.length - 1; i >= 0; i--) out.push(parts.slice(i).map(lower).join('.'));
  return out;
}

export function rename(shape: Shape, names: string[]): Shape {
  if (names.length === 0) return shape;
  return { ...shape, columns: shape.columns.map((c, i) => (i < names.length ? { ...c, name: names[i]! } : c)) };
}

export function commonNames(left: Rel[], right: Rel[]): string[] {
  const l = new Set(left.flatMap((r) => (r.columns ?? []).map((c) => lower(c.name))));
  return [...new Set(right.flatMap((r) => (r.columns ?? []).map((c) => lower(c.name))))].filter((n) => l.has(n));
}

/** The name a warehouse gives an unaliased select item, when it is certain: a column's own name. */
export function implicitName(e: Expr): string | null {
  return e.k === 'col' ? e.parts[e.parts.length - 1]! : null;
}

/** UNION/EXCEPT/INTERSECT: the left side names the columns; lineage comes from both sides. */
export function setop(left: Shape, right: Shape, byName: boolean): Shape {
  if (byName) {
    const cols = new Map<string, Column>();
    for (const c of [...left.columns, ...right.columns]) {
      const prev = cols.get(lower(c.name));
      cols.set(lower(c.name), prev ? { ...prev, origins: mergeOrigins([prev.origins, c.origins]) } : c);
    }
    return { columns: [...cols.values()], open: left.open || right.open };
  }
  // The left side names the columns: the right side's unnamed expressions do not matter.
  const columns = left.columns.map((c, i) => {
    const r = right.columns[i];
    const origins: Origin[] = r ? mergeOrigins([c.origins, r.origins]) : c.origins;
    return { ...c, type: c.type ?? r?.type ?? null, origins };
  });
  return { columns, open: left.open || right.open };
}
