/**
 * One expression's lineage: the columns it reads (resolved through the scope), whether it
 * aggregates, and its type when a cast, a literal or a copied column says so.
 */
import type { Expr, Query } from './ir.js';
import type { Origin, Shape } from './shape.js';
import type { Resolver, Scope } from './scope.js';
import { mergeOrigins } from './shape.js';

export interface ExprInfo {
  origins: Origin[];
  /** Reads an aggregate (sum, count, …), with or without OVER. */
  agg: boolean;
  /** Holds a projection whose columns are unknown (`COLUMNS(…)`, `* like '…'`). */
  dynamic: boolean;
  type: string | null;
}

export interface ExprContext {
  resolver: Resolver;
  /** Resolves a subquery with `scope` as its outer level. */
  subquery(q: Query, scope: Scope): Shape;
  /** Type of count(*) and friends in this dialect. */
  countType: string;
}

const COUNTS = new Set(['count', 'count_star', 'count_if', 'countif', 'approx_count_distinct']);

export function exprInfo(e: Expr, scope: Scope, ctx: ExprContext): ExprInfo {
  const lists: Origin[][] = [];
  let agg = false;
  let dynamic = false;
  let copiedType: string | null = null;
  const walk = (x: Expr, sc: Scope): void => {
    switch (x.k) {
      case 'col': {
        const c = ctx.resolver.column(x.parts, x.at, sc);
        if (c && c !== 'unknown') {
          lists.push(c.origins);
          if (x === e) copiedType = c.type;
        }
        return;
      }
      case 'star':
      case 'dynamic':
        dynamic = true;
        for (const a of x.k === 'dynamic' ? x.args : []) walk(a, sc);
        return;
      case 'fn':
        if (x.agg) agg = true;
        for (const a of x.args) walk(a, sc);
        return;
      case 'sub': {
        const shape = ctx.subquery(x.query, sc);
        lists.push(...shape.columns.map((c) => c.origins));
        for (const a of x.args) walk(a, sc);
        return;
      }
      case 'lambda':
        walk(x.body, { rels: [], parent: sc, aliases: null, lambdas: new Set(x.params.map((p) => p.toLowerCase())) });
        return;
      case 'cast':
        walk(x.arg, sc);
        return;
      case 'op':
        for (const a of x.args) walk(a, sc);
        return;
      case 'lit':
      case 'pos':
        return;
    }
  };
  walk(e, scope);
  return { origins: mergeOrigins(lists), agg, dynamic, type: e.k === 'col' ? copiedType : typeOf(e, ctx) };
}

/** The type when it is evident without binding. */
function typeOf(e: Expr, ctx: ExprContext): string | null {
  switch (e.k) {
    case 'cast':
      return e.type;
    case 'lit':
      return e.type;
    case 'fn':
      return !e.over && COUNTS.has(e.name.toLowerCase()) ? ctx.countType : null;
    default:
      return null;
  }
}
