/**
 * target/column_lineage.json: for every analysed node, where each output column comes from.
 *
 * ```jsonc
 * {
 *   "metadata": { "tx_schema": "column_lineage/v1", "adapter_type": "duckdb" },
 *   "nodes": {
 *     "model.shop.orders": {
 *       "complete": true,                  // parsed, every column named and known, every reference resolved
 *       "columns": {                       // output columns, in select-list order
 *         "order_id": [{ "node": "model.shop.stg_orders", "column": "id", "kind": "direct" }],
 *         "total":    [{ "node": "model.shop.stg_payments", "column": "amount", "kind": "aggregation" }],
 *         "n_orders": [{ "node": "model.shop.stg_orders", "column": null, "kind": "aggregation" }]
 *       },
 *       "types": { "order_id": "INTEGER", "total": null, "n_orders": "BIGINT" },   // in the target's spelling, null when unknown
 *       "filters": [                       // columns that decide which rows appear, not what they hold
 *         { "node": "model.shop.stg_orders", "column": "status", "kind": "filter" },   // WHERE/HAVING/QUALIFY
 *         { "node": "model.shop.stg_payments", "column": "order_id", "kind": "join" }  // JOIN ON/USING
 *       ]
 *     }
 *   }
 * }
 * ```
 * kind: "direct" (copied unchanged), "transformation" (computed from it), "aggregation" (an
 * aggregate over it). Edges are one hop, to the upstream node's own column (a model, seed,
 * snapshot or source unique_id); follow them node by node for a column's whole history. An edge
 * whose column is null reads the node's rows rather than a column: `count(*)` (or `count(1)`)
 * aggregates them; in filters, `having count(*) > 1` filters by them. A column with no edges is
 * computed from constants only. Types are normalised by the target's dialect (`DECIMAL(10,2)`
 * on DuckDB, `numeric(10,2)` on Postgres), wherever they were learned (seed column_types, YAML,
 * catalog.json, casts). Keys are sorted; the file is byte-stable.
 */
import type { Origin, RowEdge, Shape } from './shape.js';

export interface NodeLineage {
  complete: boolean;
  columns: Record<string, { node: string; column: string | null; kind: Origin['kind'] }[]>;
  types: Record<string, string | null>;
  filters: RowEdge[];
}

export interface ColumnLineageFile {
  metadata: { tx_schema: 'column_lineage/v1'; adapter_type: string };
  nodes: Record<string, NodeLineage>;
}

interface Edge {
  node: string;
  column: string | null;
  kind: string;
}

/** By node, then column (a rows edge, column null, first), then kind. */
const byNodeColumn = (a: Edge, b: Edge): number => {
  const [ac, bc] = [a.column ?? '', b.column ?? ''];
  return a.node < b.node ? -1 : a.node > b.node ? 1 : ac < bc ? -1 : ac > bc ? 1 : a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0;
};

export function nodeLineage(shape: Shape, filters: RowEdge[], complete: boolean, normalizeType: (t: string | null) => string | null = (t) => t): NodeLineage {
  const columns: NodeLineage['columns'] = {};
  const types: NodeLineage['types'] = {};
  // A stand-in name (an unaliased expression) is not a column anyone can look up: left out.
  for (const c of shape.columns) {
    if (c.guessed) continue;
    columns[c.name] = c.origins.map((o) => ({ node: o.node, column: o.column, kind: o.kind })).sort(byNodeColumn);
    types[c.name] = normalizeType(c.type);
  }
  return { complete, columns, types, filters: [...filters].sort(byNodeColumn) };
}

export function columnLineageFile(adapterType: string, nodes: ReadonlyMap<string, NodeLineage>): ColumnLineageFile {
  const out: Record<string, NodeLineage> = {};
  for (const id of [...nodes.keys()].sort()) out[id] = nodes.get(id)!;
  return { metadata: { tx_schema: 'column_lineage/v1', adapter_type: adapterType }, nodes: out };
}
