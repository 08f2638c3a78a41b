import { TxCodes, TxError } from '../errors/tx-error.js';
import type { Manifest } from '../parse/manifest-types.js';
import { indexGraph, kahn, type IndexedGraph } from './indexed.js';
import type { GraphMember, TxGraph } from './types.js';

/**
 * One cycle of the graph as its members in edge order (parent before child), without
 * repeating the first; null when the graph is a DAG. A plain Kahn pass decides acyclicity in
 * O(n + e); only when it leaves nodes behind does an iterative DFS (no recursion, so deep
 * chains cannot overflow the stack) walk those leftovers to extract one cycle. The cycle is
 * rotated to start at its smallest id so the report does not depend on where the DFS entered it.
 */
export function findCycle(graph: TxGraph): string[] | null {
  const g = indexGraph(graph);
  return findCycleIndexed(g);
}

export function findCycleIndexed(g: IndexedGraph): string[] | null {
  const n = g.ids.length;
  const placed = kahn(g, false);
  if (placed.length === n) return null;
  // 0 = unvisited candidate, 1 = on the DFS path, 2 = finished or not a candidate.
  const state = new Uint8Array(n);
  for (const v of placed) state[v] = 2;
  const path = new Int32Array(n);
  const cursor = new Int32Array(n);
  const pos = new Int32Array(n);
  for (let root = 0; root < n; root++) {
    if (state[root] !== 0) continue;
    let depth = 0;
    path[0] = root;
    cursor[0] = g.outStart[root]!;
    pos[root] = 0;
    state[root] = 1;
    while (depth >= 0) {
      const v = path[depth]!;
      const k = cursor[depth]!;
      if (k === g.outStart[v + 1]!) {
        state[v] = 2;
        depth--;
        continue;
      }
      cursor[depth] = k + 1;
      const c = g.out[k]!;
      if (state[c] === 1) {
        const cycle = Array.from(path.subarray(pos[c]!, depth + 1), (i) => g.ids[i]!);
        return rotateToSmallest(cycle);
      }
      if (state[c] === 2) continue;
      depth++;
      path[depth] = c;
      cursor[depth] = g.outStart[c]!;
      pos[c] = depth;
      state[c] = 1;
    }
  }
  return null;
}

function rotateToSmallest(cycle: string[]): string[] {
  let min = 0;
  for (let i = 1; i < cycle.length; i++) if (cycle[i]! < cycle[min]!) min = i;
  return [...cycle.slice(min), ...cycle.slice(0, min)];
}

function describe(id: string, graph: TxGraph, manifest?: Manifest): { label: string; file?: string } {
  const node: GraphMember | undefined =
    manifest?.nodes[id] ?? manifest?.sources[id] ?? (graph.hasNode(id) ? graph.getNodeAttribute(id, 'node') : undefined);
  if (node === undefined) return { label: id };
  return { label: `${id} (${node.original_file_path})`, file: node.abs_path };
}

/** The TxError for a cycle: members in order with their files, located at the first member's file. */
export function cycleError(graph: TxGraph, cycle: string[], manifest?: Manifest): TxError {
  const parts = cycle.map((id) => describe(id, graph, manifest));
  const first = cycle[0] ?? '';
  const message = `Found a cycle: ${[...parts.map((p) => p.label), first].join(' → ')}`;
  const file = parts[0]?.file;
  return new TxError({
    code: TxCodes.Cycle,
    message,
    loc: file === undefined ? undefined : { file, line: 0, col: 0 },
    hint: 'a node cannot depend on itself, directly or through others; remove one ref() in the loop',
  });
}

/** Throws TxError(Cycle) when the graph has a cycle. */
export function assertAcyclic(graph: TxGraph, manifest: Manifest): void {
  const cycle = findCycle(graph);
  if (cycle !== null) throw cycleError(graph, cycle, manifest);
}
