import type { DirectedGraph } from 'graphology';
import type { ExposureNode, ManifestNode, SourceNode, UnitTestNode } from '../parse/manifest-types.js';

/** Anything that can be a vertex of the DAG: executable nodes, the sources they read and the exposures reading them. */
export type GraphMember = ManifestNode | SourceNode | UnitTestNode | ExposureNode;

/**
 * Vertex attributes. The node object is wrapped rather than used directly because
 * graphology requires index-signature attribute types, which our interfaces lack;
 * the wrapper keeps the node typed without a cast at every read.
 */
export interface GraphNodeAttrs {
  [key: string]: unknown;
  node: GraphMember;
}

/** Edges point parent → child (the direction data flows), as in dbt's graph. */
export type TxGraph = DirectedGraph<GraphNodeAttrs>;
