/**
 * What analysis knows about a relation's columns (a node's output, a CTE, a subquery) and where
 * each column comes from. Lineage is one hop: origins name the upstream node's own columns; the
 * docs site chains hops to draw a column's whole history.
 */
import type { TxCode, Severity } from '../errors/tx-error.js';

/** How an output column derives from an upstream column. */
export type LineageKind = 'direct' | 'transformation' | 'aggregation';
/** Columns that decide which rows appear rather than what a column holds. */
export type RowKind = 'filter' | 'join';

/** A column (or, column null, the row count: `having count(*) > 1`) that decides which rows appear. */
export interface RowEdge {
  node: string;
  column: string | null;
  kind: RowKind;
}

export interface Origin {
  /** unique_id of the upstream node or source. */
  node: string;
  /** null: the node's rows rather than one of its columns (`count(*)` aggregates them). */
  column: string | null;
  kind: LineageKind;
}

export interface Column {
  name: string;
  /** The type, when it can be known (an upstream's declared or inferred type, a cast, a literal). */
  type: string | null;
  origins: Origin[];
  /** Offset of the select item that produced it, for diagnostics; -1 otherwise. */
  at: number;
  /** An unaliased expression: the warehouse names it (`count_star()`, `?column?`), this name is a stand-in. */
  guessed?: boolean;
  /** A struct whose fields are known (built in this query), by lower-cased name: `s.k` reads field k only. */
  fields?: ReadonlyMap<string, Column>;
}

export interface Shape {
  columns: Column[];
  /** More columns may exist than listed (a `*` over unknown columns, an unnamed expression). */
  open: boolean;
  /** The upstream nodes whose rows make up this relation's rows (what `count(*)` over it counts). */
  rows?: readonly string[];
}

/** Some names are unknown: references to a name the shape lacks cannot be judged. */
export function uncertainNames(shape: Shape): boolean {
  return shape.open || shape.columns.some((c) => c.guessed === true);
}

/** A finding of static analysis, positioned in the SQL that was parsed. */
export interface Finding {
  code: TxCode;
  severity: Severity;
  message: string;
  /** Offset in the parsed SQL; -1 when unknown (then `needle` is searched for instead). */
  at: number;
  needle?: string;
  hint?: string;
}

const RANK: Record<LineageKind, number> = { direct: 0, transformation: 1, aggregation: 2 };

/** The stronger of two kinds: a copy of an aggregate is still an aggregation. */
export function combineKind(a: LineageKind, b: LineageKind): LineageKind {
  return RANK[a] >= RANK[b] ? a : b;
}

/** Origins without duplicates (same node and column: the strongest kind wins), in first-seen order. */
export function mergeOrigins(lists: readonly (readonly Origin[])[], kind?: LineageKind): Origin[] {
  // The common cases allocate nothing: no origins, or one non-empty list the kind leaves unchanged.
  let only: readonly Origin[] | undefined;
  let nonEmpty = 0;
  for (const l of lists) if (l.length > 0) (nonEmpty++, (only = l));
  if (nonEmpty === 0) return [];
  // One list is already free of duplicates (every list is a column's origins or the rows read).
  if (nonEmpty === 1) {
    if (kind === undefined || only!.every((o) => RANK[o.kind] >= RANK[kind])) return only as Origin[];
    return only!.map((o) => (RANK[o.kind] >= RANK[kind] ? o : { node: o.node, column: o.column, kind }));
  }
  const out = new Map<string, Origin>();
  for (const list of lists) {
    for (const o of list) {
      const k = kind ? combineKind(o.kind, kind) : o.kind;
      const key = `${o.node}\u0000${o.column ?? '\u0001'}`;
      const prev = out.get(key);
      out.set(key, prev ? { ...prev, kind: combineKind(prev.kind, k) } : { node: o.node, column: o.column, kind: k });
    }
  }
  return [...out.values()];
}

/** The columns of an upstream node as a relation in a query: each one a direct copy of itself. */
export function upstreamShape(nodeId: string, shape: Shape): Shape {
  return {
    open: shape.open,
    rows: [nodeId],
    columns: shape.columns.map((c) => ({ name: c.name, type: c.type, origins: [{ node: nodeId, column: c.name, kind: 'direct' }], at: -1 })),
  };
}
