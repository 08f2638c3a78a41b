/**
 * One expression's lineage: the columns it reads (resolved through the scope), whether it
 * aggregates, and its type when a cast, a literal or a copied column says so.
 */
import type { Expr, Query } from './ir.js';
import type { Column, Origin, Shape } from './shape.js';
import type { Resolver, Scope } from './scope.js';
import { rowsOf } from './scope.js';
import { mergeOrigins } from './shape.js';

export interface ExprInfo {
  origins: Origin[];
  /** Reads an aggregate (sum, count, …), with or without OVER. */
  agg: boolean;
  /** Holds a projection whose columns are unknown (`COLUMNS(…)`, `* like '…'`). */
  dynamic: boolean;
  type: string | null;
  /** A struct built here with named fields (`{'k': x}`): each field's own lineage. */
  fields?: ReadonlyMap<string, Column>;
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
  let fields: Map<string, Column> | undefined;
  const walk = (x: Expr, sc: Scope): void => {
    switch (x.k) {
      case 'col': {
        const c = ctx.resolver.column(x.parts, x.at, sc, x.quiet === true);
        if (c && c !== 'unknown') {
          lists.push(c.origins);
          if (x === e) {
            copiedType = c.type;
            // A copied struct keeps its known fields.
            if (c.fields) fields = new Map(c.fields);
          }
        }
        return;
      }
      case 'star':
      case 'dynamic':
        dynamic = true;
        for (const a of x.k === 'dynamic' ? x.args : []) walk(a, sc);
        return;
      case 'fn':
        if (x.agg) {
          agg = true;
          // count(*), count(1): no column, but the rows of what the query level reads.
          if (x.args.every((a) => a.k === 'lit')) lists.push(rowsOf(sc).map((node) => ({ node, column: null, kind: 'aggregation' })));
        }
        if (x === e && x.fields) {
          // A struct built here: each field keeps its own lineage, for `s.k` to read.
          fields = new Map();
          for (let i = 0; i < x.args.length; i++) {
            const sub = exprInfo(x.args[i]!, sc, ctx);
            lists.push(sub.origins);
            if (sub.agg) agg = true;
            if (sub.dynamic) dynamic = true;
            const name = x.fields[i];
            if (name) fields.set(name.toLowerCase(), { name, type: sub.type, origins: mergeOrigins([sub.origins], sub.agg ? 'aggregation' : x.args[i]!.k === 'col' ? 'direct' : 'transformation'), at: -1 });
          }
          return;
        }
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
  const info: ExprInfo = { origins: mergeOrigins(lists), agg, dynamic, type: e.k === 'col' ? copiedType : typeOf(e, ctx) };
  if (fields) info.fields = fields;
  return info;
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
