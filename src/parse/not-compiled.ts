import type { ManifestNode } from './manifest-types.js';

/** The manifest fields every node has before compile fills them in (seeds and hooks keep them so). */
export function notCompiled(): {
  relation_name: null;
  build_path: null;
  compiled_path: null;
  compiled: false;
  extra_ctes_injected: false;
  extra_ctes: { id: string; sql: string }[];
} {
  return { relation_name: null, build_path: null, compiled_path: null, compiled: false, extra_ctes_injected: false, extra_ctes: [] };
}

/** Those fields plus empty references, for nodes with no SQL of their own to read others (seeds, hooks). */
export function noReferences(): ReturnType<typeof notCompiled> & Pick<ManifestNode, 'refs' | 'sources' | 'depends_on' | 'ref_locs' | 'source_locs'> {
  return { refs: [], sources: [], depends_on: { macros: [], nodes: [] }, ...notCompiled(), ref_locs: [], source_locs: [] };
}
