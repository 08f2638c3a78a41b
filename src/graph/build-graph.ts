import { DirectedGraph } from 'graphology';
import type { Manifest } from '../parse/manifest-types.js';
import type { GraphNodeAttrs, TxGraph } from './types.js';

/**
 * One vertex per node and per source, one edge per depends_on entry (parent → child).
 * Parents missing from the manifest are skipped: ref resolution reports them with a position,
 * which this phase cannot do.
 */
export function buildGraph(manifest: Manifest): TxGraph {
  const graph: TxGraph = new DirectedGraph<GraphNodeAttrs>({ allowSelfLoops: true });
  // Insert in sorted order so iteration order (and everything derived from it) is stable
  // regardless of how the parser happened to fill the records.
  for (const id of Object.keys(manifest.sources).sort()) {
    graph.addNode(id, { node: manifest.sources[id]! });
  }
  for (const id of Object.keys(manifest.nodes).sort()) {
    graph.addNode(id, { node: manifest.nodes[id]! });
  }
  for (const id of Object.keys(manifest.unit_tests).sort()) {
    graph.addNode(id, { node: manifest.unit_tests[id]! });
  }
  for (const id of Object.keys(manifest.exposures).sort()) {
    graph.addNode(id, { node: manifest.exposures[id]! });
  }
  graph.forEachNode((child, attrs) => {
    const node = attrs.node;
    if (node.resource_type === 'source') return;
    for (const parent of node.depends_on.nodes) {
      // mergeEdge tolerates duplicate depends_on entries (a model may ref the same parent twice).
      if (graph.hasNode(parent)) graph.mergeEdge(parent, child);
    }
  });
  return graph;
}
