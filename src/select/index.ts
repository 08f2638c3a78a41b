export type {
  Depth, IndirectSelection, SelectionAtom, SelectionDifference, SelectionIntersection, SelectionSpec, SelectionUnion,
} from './spec.js';
export { defaultMethod, parseAtom, parseSelectionArg, parseSelectionArgs } from './parse.js';
export { evaluate, type SelectContext } from './evaluate.js';
export {
  buildSelectionSpec, isGraphMember, LS_DEFAULT_RESOURCE_TYPES, lsResourceTypes, memberGraph, selectNodes,
  type SelectNodesOptions,
} from './select-nodes.js';
export { formatLs, LS_DEFAULT_JSON_KEYS, type LsOutput } from './format-ls.js';
export { KNOWN_METHODS } from './methods.js';
export { compileFnmatch } from './fnmatch.js';
export { pyJsonDumps } from './py-json.js';
