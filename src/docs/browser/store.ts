/**
 * The site's in-memory index over the inlined data: lookups by unique_id, reverse edges
 * (referenced by), run results by node, and the SQL table parsed on first use. Built once
 * at start; pages read it and never change it.
 */
import type { RunItem, RunReport, SiteData, SiteNode, SiteSql } from '../site-types.js';
import { decodeCompiled, decodeRun, defaultFqn } from '../site-wire.js';
import { buildColumnReaders, type ColumnReaders } from './column-lineage-model.js';

export interface DocsStore {
  data: SiteData;
  nodes: SiteNode[];
  byId: Map<string, number>;
  /** Nodes that list this one in depends_on. */
  children: number[][];
  /** Nodes whose SQL calls this macro. */
  macroUsers: number[][];
  /** The last invocation, decoded from the page's compact form. */
  run: RunReport | null;
  runByNode: Map<number, RunItem>;
  /** A node's config (shared objects: never modify). */
  cfg(n: SiteNode): Record<string, unknown>;
  /** [raw, compiled] of a node, parsed from the second JSON block on first call. */
  sql(index: number): readonly [string, string | null] | null;
  /** Column-level readers of every node's columns (reverse column lineage), built on first call. */
  columnReaders(): ColumnReaders;
}

/** Resource types drawn in the lineage graph (tests hang off nodes' pages instead). */
export const GRAPH_TYPES: ReadonlySet<string> = new Set(['model', 'seed', 'snapshot', 'source', 'analysis', 'exposure']);

export function createStore(data: SiteData, readSql: () => SiteSql): DocsStore {
  const nodes = data.nodes;
  // What the page leaves out because it is the default (site-wire.ts, build-site-data.ts).
  for (const n of nodes) {
    if (n.pkg === undefined) n.pkg = data.pkg ?? data.project;
    if (n.db === undefined && data.db !== undefined && n.sch !== undefined) n.db = data.db;
    if (n.fqn === undefined) n.fqn = defaultFqn(n.pkg, n.file, n.n);
    if (n.t === 'model' && n.acc === undefined) n.acc = 'protected';
  }
  const children: number[][] = nodes.map(() => []);
  const macroUsers: number[][] = nodes.map(() => []);
  nodes.forEach((n, i) => {
    for (const p of n.dep ?? []) children[p]!.push(i);
    for (const m of n.mac ?? []) macroUsers[m]!.push(i);
  });
  const runByNode = new Map<number, RunItem>();
  const run = data.run === null ? null : decodeRun(data.run, (i) => nodes[i]?.id ?? '');
  for (const item of run?.items ?? []) if (item.node >= 0) runByNode.set(item.node, item);
  let sqlTable: SiteSql | undefined;
  let readers: ColumnReaders | undefined;
  return {
    data,
    nodes,
    byId: new Map(nodes.map((n, i) => [n.id, i])),
    children,
    macroUsers,
    run,
    runByNode,
    cfg: (n) => (n.cfg === undefined ? {} : (data.cfgs[n.cfg] ?? {})),
    columnReaders: () => (readers ??= buildColumnReaders(nodes)),
    sql(index) {
      sqlTable ??= readSql();
      const entry = sqlTable[index];
      if (entry === undefined || entry === 0) return null;
      return [entry[0], entry[1] === null ? null : decodeCompiled(entry[0], entry[1])];
    },
  };
}

/** The page address of a node: dbt docs' `#!/<resource_type>/<unique_id>`. */
export function nodeHref(n: SiteNode): string {
  return `#!/${n.t}/${encodeURIComponent(n.id)}`;
}

/** A node's name as pages show it: a source's with its source (`jaffle.orders`). */
export function displayName(n: SiteNode): string {
  return n.t === 'source' ? `${n.src ?? ''}.${n.n}` : n.n;
}

/** A selector naming exactly this node, for the lineage box. */
export function nodeSelector(n: SiteNode): string {
  if (n.t === 'source') return `source:${n.pkg}.${n.src ?? ''}.${n.n}`;
  if (n.t === 'exposure') return `exposure:${n.n}`;
  return n.fqn.join('.');
}
