/**
 * One node's column-level lineage, one hop each way, from the site data static analysis filled
 * (columns[].lin, rowLin): for each of its columns the upstream node + column edges and their
 * kind; the upstream columns that filter or join its rows; and the downstream columns that read
 * it. The column lineage diagram and the lineage view's panel draw this. Pure.
 */
import type { LineageKind, SiteNode } from '../site-types.js';
import { decodeLin, decodeRowLin } from '../site-wire.js';

export interface ColumnEdge {
  node: number;
  column: string;
  kind: LineageKind;
}

export interface LineageColumn {
  name: string;
  /** Where its values come from (one hop). */
  up: ColumnEdge[];
}

export interface NeighbourColumn {
  name: string;
  /** Upstream side: how the focused node uses it (as a value source, a filter, a join key). */
  kinds: LineageKind[];
  row: ('filter' | 'join')[];
}

export interface Neighbour {
  node: number;
  columns: NeighbourColumn[];
}

export interface DownstreamColumn {
  name: string;
  /** The focused node's columns it derives from. */
  from: { column: string; kind: LineageKind }[];
}

export interface ColumnLineageModel {
  node: number;
  columns: LineageColumn[];
  /** Upstream nodes with the columns the node reads, ordered to keep edges short. */
  upstream: Neighbour[];
  /** Filters and join keys: the upstream columns that decide which rows the node has. */
  rows: { node: number; column: string; kind: 'filter' | 'join' }[];
  downstream: { node: number; columns: DownstreamColumn[] }[];
  /** Whether static analysis analysed the node, and found every column's lineage. */
  analysed: boolean;
  complete: boolean;
}

/** Per node index: the downstream columns reading each of its columns. */
export type ColumnReaders = Map<number, { node: number; column: string; from: string; kind: LineageKind }[]>;

export function buildColumnReaders(nodes: readonly SiteNode[]): ColumnReaders {
  const out: ColumnReaders = new Map();
  nodes.forEach((n, i) => {
    for (const c of n.cols ?? []) {
      for (const w of c.lin ?? []) {
        const l = decodeLin(c.n, w);
        let list = out.get(l.node);
        if (!list) out.set(l.node, (list = []));
        list.push({ node: i, column: c.n, from: l.column, kind: l.kind });
      }
    }
  });
  return out;
}

const lower = (s: string): string => s.toLowerCase();

export function columnLineageModel(nodes: readonly SiteNode[], index: number, readers: ColumnReaders): ColumnLineageModel {
  const n = nodes[index]!;
  const columns: LineageColumn[] = (n.cols ?? []).map((c) => ({ name: c.n, up: (c.lin ?? []).map((w) => decodeLin(c.n, w)) }));
  const rows = (n.rowLin ?? []).map(decodeRowLin);
  // Upstream nodes in the order of the first column that reads them, so edges cross little.
  const upstream = new Map<number, Map<string, NeighbourColumn>>();
  const touch = (node: number, column: string): NeighbourColumn => {
    let cols = upstream.get(node);
    if (!cols) upstream.set(node, (cols = new Map()));
    let c = cols.get(lower(column));
    if (!c) cols.set(lower(column), (c = { name: column, kinds: [], row: [] }));
    return c;
  };
  for (const c of columns) for (const e of c.up) {
    const nc = touch(e.node, e.column);
    if (!nc.kinds.includes(e.kind)) nc.kinds.push(e.kind);
  }
  for (const r of rows) {
    const nc = touch(r.node, r.column);
    if (!nc.row.includes(r.kind)) nc.row.push(r.kind);
  }
  const down = new Map<number, Map<string, DownstreamColumn>>();
  for (const r of readers.get(index) ?? []) {
    let cols = down.get(r.node);
    if (!cols) down.set(r.node, (cols = new Map()));
    let c = cols.get(lower(r.column));
    if (!c) cols.set(lower(r.column), (c = { name: r.column, from: [] }));
    c.from.push({ column: r.from, kind: r.kind });
  }
  // Downstream columns in the order of the focused column they read.
  const position = new Map(columns.map((c, i) => [lower(c.name), i]));
  const rank = (from: { column: string }[]): number => Math.min(...from.map((f) => position.get(lower(f.column)) ?? columns.length));
  return {
    node: index,
    columns,
    upstream: [...upstream.entries()].map(([node, cols]) => ({ node, columns: [...cols.values()] })),
    rows,
    downstream: [...down.entries()]
      .map(([node, cols]) => ({ node, columns: [...cols.values()].sort((a, b) => rank(a.from) - rank(b.from)) }))
      .sort((a, b) => rank(a.columns.flatMap((c) => c.from)) - rank(b.columns.flatMap((c) => c.from)) || a.node - b.node),
    analysed: n.linOk !== undefined,
    complete: n.linOk === 1,
  };
}

/** Whether a node has anything to draw: analysed columns, or readers of its columns. */
export function hasColumnLineage(nodes: readonly SiteNode[], index: number, readers: ColumnReaders): boolean {
  const n = nodes[index]!;
  return n.linOk !== undefined || (readers.get(index)?.length ?? 0) > 0;
}
