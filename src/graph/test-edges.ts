/**
 * dbt build's extra edges: a node waits for (and is skipped by a failure of) every test
 * whose tested nodes are all upstream of it. Only the nearest such nodes get an edge —
 * everything further down is reached through them — so the cost stays linear for the
 * usual single-parent tests; multi-parent tests (relationships) intersect descendant sets.
 */
import type { TxGraph } from './types.js';
import { descendants } from './traverse.js';

const isTest = (graph: TxGraph, id: string): boolean => {
  const t = graph.getNodeAttribute(id, 'node').resource_type;
  return t === 'test' || t === 'unit_test';
};

/** node id → tests it must wait for in `build`. */
export function buildTestEdges(graph: TxGraph, testIds: Iterable<string>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (node: string, test: string) => {
    const list = out.get(node);
    if (list) list.push(test);
    else out.set(node, [test]);
  };
  for (const test of testIds) {
    if (!graph.hasNode(test) || graph.getNodeAttribute(test, 'node').resource_type !== 'test') continue;
    const parents = graph.inNeighbors(test);
    if (parents.length === 0) continue;
    if (parents.length === 1) {
      for (const child of graph.outNeighbors(parents[0]!)) if (!isTest(graph, child)) add(child, test);
      continue;
    }
    // Common descendants of every tested node; keep the minimal ones.
    let common: Set<string> | undefined;
    for (const p of parents) {
      const d = descendants(graph, p);
      common = common === undefined ? d : new Set([...common].filter((x) => d.has(x)));
    }
    for (const n of common ?? []) {
      if (isTest(graph, n)) continue;
      if (graph.inNeighbors(n).some((q) => common!.has(q) && !isTest(graph, q))) continue;
      add(n, test);
    }
  }
  return out;
}
