import { cycleError, findCycleIndexed } from './cycle.js';
import { indexGraph, kahn, type IndexedGraph } from './indexed.js';
import type { TxGraph } from './types.js';

/** Kahn over the whole graph, ties by unique_id; throws TxError(Cycle) if it is not a DAG. */
function fullOrder(graph: TxGraph): { g: IndexedGraph; order: Int32Array } {
  const g = indexGraph(graph);
  const order = kahn(g, true);
  if (order.length !== g.ids.length) throw cycleError(graph, findCycleIndexed(g) ?? []);
  return { g, order };
}

/**
 * Deterministic topological order: Kahn's algorithm with ready nodes taken in unique_id
 * order. With `ids`, only those nodes are returned, still ordered by the full graph, so a
 * dependency running through unselected nodes is respected (a → b → c, {a, c} keeps a first).
 */
export function topoOrder(graph: TxGraph, ids?: Set<string>): string[] {
  const { g, order } = fullOrder(graph);
  const out: string[] = [];
  for (const i of order) {
    const id = g.ids[i]!;
    if (ids === undefined || ids.has(id)) out.push(id);
  }
  return out;
}

/**
 * Nodes grouped into layers: every selected ancestor of a node (also through unselected
 * nodes) sits in an earlier layer, so a layer can run in parallel once the previous ones are
 * done. Each layer is sorted by unique_id.
 */
export function layers(graph: TxGraph, ids?: Set<string>): string[][] {
  const { g, order } = fullOrder(graph);
  const n = g.ids.length;
  const selected = new Uint8Array(n);
  for (let i = 0; i < n; i++) selected[i] = ids === undefined || ids.has(g.ids[i]!) ? 1 : 0;
  // level(x) = number of selected nodes on the longest chain strictly above x.
  const level = new Int32Array(n);
  const out: number[][] = [];
  for (const v of order) {
    let l = 0;
    for (let k = g.inStart[v]!; k < g.inStart[v + 1]!; k++) {
      const p = g.inn[k]!;
      const pl = level[p]! + selected[p]!;
      if (pl > l) l = pl;
    }
    level[v] = l;
    if (selected[v] === 1) (out[l] ??= []).push(v);
  }
  // Levels of selected nodes are dense (a level-l node has a selected level-(l-1) ancestor),
  // and sorting indices sorts unique_ids because indices follow sorted order.
  return out.map((layer) => layer.sort((a, b) => a - b).map((i) => g.ids[i]!));
}
