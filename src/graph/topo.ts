import { cycleError, findCycle } from './cycle.js';
import { StringMinHeap } from './min-heap.js';
import type { TxGraph } from './types.js';

/**
 * Kahn's algorithm over the whole graph with ready nodes taken in unique_id order, so the
 * result is the same on every run and machine. O((n + e) log n).
 * Throws TxError(Cycle) if the graph is not a DAG.
 */
function fullOrder(graph: TxGraph): string[] {
  const indegree = new Map<string, number>();
  const ready = new StringMinHeap();
  graph.forEachNode((id) => {
    // Self-loops count too: they make the node never ready, which is how the cycle surfaces.
    const d = graph.inDegree(id);
    indegree.set(id, d);
    if (d === 0) ready.push(id);
  });
  const order: string[] = [];
  for (let id = ready.pop(); id !== undefined; id = ready.pop()) {
    order.push(id);
    graph.forEachOutNeighbor(id, (child) => {
      const d = indegree.get(child)! - 1;
      indegree.set(child, d);
      if (d === 0) ready.push(child);
    });
  }
  if (order.length !== graph.order) {
    throw cycleError(graph, findCycle(graph) ?? []);
  }
  return order;
}

/**
 * Deterministic topological order. With `ids`, only those nodes are returned, still ordered
 * by the full graph, so a dependency that runs through unselected nodes is respected
 * (a → b → c with {a, c} selected keeps a before c).
 */
export function topoOrder(graph: TxGraph, ids?: Set<string>): string[] {
  const order = fullOrder(graph);
  return ids === undefined ? order : order.filter((id) => ids.has(id));
}

/**
 * Nodes grouped into layers: every node's (transitive, through unselected nodes too) selected
 * ancestors sit in earlier layers, so a layer can run in parallel once the previous ones are done.
 * Each layer is sorted by unique_id.
 */
export function layers(graph: TxGraph, ids?: Set<string>): string[][] {
  const order = fullOrder(graph);
  // level(x) = number of selected nodes on the longest chain strictly above x.
  const level = new Map<string, number>();
  const out: string[][] = [];
  for (const id of order) {
    let l = 0;
    graph.forEachInNeighbor(id, (p) => {
      const pl = level.get(p)! + (ids === undefined || ids.has(p) ? 1 : 0);
      if (pl > l) l = pl;
    });
    level.set(id, l);
    if (ids !== undefined && !ids.has(id)) continue;
    (out[l] ??= []).push(id);
  }
  // Levels are dense for selected nodes (a level-l node has a selected parent chain of length l).
  return out.map((layer) => layer.sort());
}
