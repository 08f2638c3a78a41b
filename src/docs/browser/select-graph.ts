/**
 * The lineage box runs the CLI's own selector code (src/select parse + evaluate, bundled
 * into the page), so `+silver.user_features+`, `tag:x`, `path:models/gold`, `@x`, `2+x+1`,
 * unions and intersections mean exactly what they mean to `tx ls`. Two adapters make that
 * possible: node records rebuilt in the shape selector methods read, and a graph object with
 * the five graphology calls evaluate() and traverse.ts make (hasNode, forEachInNeighbor,
 * forEachOutNeighbor, filterNodes, getNodeAttribute). The browser test exercises them.
 */
import { parseSelectionArg } from '../../select/parse.js';
import { evaluate } from '../../select/evaluate.js';
import type { GraphMember, TxGraph } from '../../graph/types.js';
import type { SiteNode } from '../site-types.js';
import { GRAPH_TYPES, type DocsStore } from './store.js';

export interface LineageGraph {
  /** Node indices drawn in the lineage view (models, seeds, snapshots, sources, analyses). */
  members: number[];
  /** Parent → child edges among members. */
  edges: [number, number][];
  /** The graphology-shaped view evaluate() walks. */
  txGraph: TxGraph;
}

export interface Selection {
  ids: Set<number>;
  /** "matches nothing" warnings, as the CLI prints them. */
  warnings: string[];
}

/** What selector methods read from a node (methods.ts), rebuilt from the compact record. */
function toMember(n: SiteNode, store: DocsStore): GraphMember {
  const record: Record<string, unknown> = {
    unique_id: n.id,
    resource_type: n.t,
    name: n.n,
    package_name: n.pkg,
    fqn: n.fqn,
    tags: n.tags ?? [],
    original_file_path: n.file,
    patch_path: n.patch === undefined ? null : `${n.pkg}://${n.patch}`,
    config: store.cfg(n),
    source_name: n.src ?? '',
    test_metadata: n.tm === undefined ? undefined : { name: n.tm, kwargs: n.kw ?? {}, namespace: null },
    version: n.ver ?? null,
    latest_version: n.lver ?? null,
    access: n.acc,
    depends_on: { nodes: (n.dep ?? []).map((i) => store.nodes[i]!.id), macros: [] },
  };
  // The record carries every field a selector method reads; the rest of a manifest node is not needed.
  return record as unknown as GraphMember;
}

export function buildLineageGraph(store: DocsStore): LineageGraph {
  const members = store.nodes.flatMap((n, i) => (GRAPH_TYPES.has(n.t) ? [i] : []));
  const isMember = new Set(members);
  const parents = new Map<string, string[]>();
  const children = new Map<string, string[]>();
  const edges: [number, number][] = [];
  const cache = new Map<string, GraphMember>();
  for (const i of members) {
    const id = store.nodes[i]!.id;
    parents.set(id, []);
    children.set(id, []);
  }
  for (const i of members) {
    for (const p of store.nodes[i]!.dep ?? []) {
      if (!isMember.has(p)) continue;
      edges.push([p, i]);
      parents.get(store.nodes[i]!.id)!.push(store.nodes[p]!.id);
      children.get(store.nodes[p]!.id)!.push(store.nodes[i]!.id);
    }
  }
  const memberOf = (id: string): GraphMember => {
    let m = cache.get(id);
    if (m === undefined) cache.set(id, (m = toMember(store.nodes[store.byId.get(id)!]!, store)));
    return m;
  };
  const view = {
    hasNode: (id: string): boolean => parents.has(id),
    forEachInNeighbor: (id: string, cb: (n: string) => void): void => parents.get(id)?.forEach((p) => cb(p)),
    forEachOutNeighbor: (id: string, cb: (n: string) => void): void => children.get(id)?.forEach((c) => cb(c)),
    filterNodes: (pred: (id: string, attrs: { node: GraphMember }) => boolean): string[] =>
      [...parents.keys()].filter((id) => pred(id, { node: memberOf(id) })),
    getNodeAttribute: (id: string): GraphMember => memberOf(id),
  };
  // evaluate() is typed against graphology; this object implements the part it calls.
  return { members, edges, txGraph: view as unknown as TxGraph };
}

/** Error text of a bad selector, with the hint the CLI would print. */
export function selectorMessage(e: unknown): string {
  if (e instanceof Error) {
    const hint = (e as { hint?: unknown }).hint;
    return typeof hint === 'string' && hint !== '' ? `${e.message} (${hint})` : e.message;
  }
  return String(e);
}

/** --select / --exclude over the lineage graph. An empty select means everything. Throws TxError on bad syntax. */
export function selectLineage(store: DocsStore, graph: LineageGraph, select: string, exclude: string): Selection {
  const warnings: string[] = [];
  const ctx = { graph: graph.txGraph, projectName: store.data.project, indirectSelection: 'empty' as const, warn: (w: Error) => warnings.push(w.message) };
  const toIdx = (ids: Set<string>): Set<number> => new Set([...ids].map((id) => store.byId.get(id)!));
  const included = select.trim() === '' ? new Set(graph.members) : toIdx(evaluate(parseSelectionArg(select.trim(), '--select'), ctx));
  if (exclude.trim() !== '') for (const i of toIdx(evaluate(parseSelectionArg(exclude.trim(), '--exclude'), ctx))) included.delete(i);
  return { ids: included, warnings };
}
