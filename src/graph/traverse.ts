import type { TxGraph } from './types.js';

/**
 * Breadth-first walk from a set of seeds, up (parents) or down (children), at most `depth`
 * edges away (undefined = unbounded). Returns the nodes reached at distance >= 1 and never
 * the seeds themselves (selection always unions the seeds back in, so whether one seed is
 * another's relative does not matter there). One multi-source BFS gives the same union as
 * dbt's per-seed walks for `+tag:x`, but costs O(nodes + edges) once instead of per seed.
 */
function walk(graph: TxGraph, seeds: Iterable<string>, up: boolean, depth?: number): Set<string> {
  const out = new Set<string>();
  if (depth !== undefined && depth <= 0) return out;
  const seen = new Set<string>();
  let frontier: string[] = [];
  for (const s of seeds) {
    if (graph.hasNode(s) && !seen.has(s)) {
      seen.add(s);
      frontier.push(s);
    }
  }
  let level = 0;
  while (frontier.length > 0 && (depth === undefined || level < depth)) {
    level++;
    const next: string[] = [];
    const visit = (n: string): void => {
      if (seen.has(n)) return;
      seen.add(n);
      out.add(n);
      next.push(n);
    };
    for (const id of frontier) {
      if (up) graph.forEachInNeighbor(id, visit);
      else graph.forEachOutNeighbor(id, visit);
    }
    frontier = next;
  }
  return out;
}

/** All ancestors of `id` (not `id` itself), at most `depth` edges up. Unknown ids give an empty set. */
export function ancestors(graph: TxGraph, id: string, depth?: number): Set<string> {
  return walk(graph, [id], true, depth);
}

/** All descendants of `id` (not `id` itself), at most `depth` edges down. */
export function descendants(graph: TxGraph, id: string, depth?: number): Set<string> {
  return walk(graph, [id], false, depth);
}

/** Union of the ancestors of each seed, in one pass. */
export function ancestorsOfSet(graph: TxGraph, ids: Iterable<string>, depth?: number): Set<string> {
  return walk(graph, ids, true, depth);
}

/** Union of the descendants of each seed, in one pass. */
export function descendantsOfSet(graph: TxGraph, ids: Iterable<string>, depth?: number): Set<string> {
  return walk(graph, ids, false, depth);
}
