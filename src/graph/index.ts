export type { GraphMember, GraphNodeAttrs, TxGraph } from './types.js';
export { buildGraph } from './build-graph.js';
export { assertAcyclic, cycleError, findCycle } from './cycle.js';
export { layers, topoOrder } from './topo.js';
export { ancestors, ancestorsOfSet, descendants, descendantsOfSet } from './traverse.js';
