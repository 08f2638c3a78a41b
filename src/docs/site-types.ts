/**
 * The data the docs site reads: built by build-site-data.ts in Node, inlined as JSON in
 * index.html, read by the browser code in browser/. Compact on purpose (short keys, node
 * references as indices, empty fields left out): a 10,000-model project must stay small.
 */

export const SITE_DATA_VERSION = 1;

export interface SiteData {
  v: number;
  project: string;
  adapter: string;
  generatedAt: string;
  /** False with `--empty-catalog`: column types and statistics are absent, not unknown. */
  hasCatalog: boolean;
  /** The root project's `{% docs __overview__ %}` block (Markdown), shown on the landing page. */
  overview?: string;
  /** Every documented node, sorted by unique_id; every node reference is an index into it. */
  nodes: SiteNode[];
  /** Distinct node configs (without empty values): most nodes share one, so nodes point here. */
  cfgs: Record<string, unknown>[];
  /** The last invocation's results, when target/run_results.json exists. */
  run: RunReport | null;
}

export interface SiteColumn {
  /** Name as declared, or as the warehouse spells it when undeclared. */
  n: string;
  /** Type from the catalog (the warehouse). */
  ty?: string;
  /** data_type declared in YAML. */
  dt?: string;
  /** Description, Markdown. */
  d?: string;
  /** Tests on this column (node indices). */
  tests?: number[];
  /** Column-level lineage: where this column's values come from. Filled by static analysis when it exists. */
  lin?: SiteColumnLineage[];
}

export interface SiteColumnLineage {
  /** Node index of the upstream relation. */
  node: number;
  /** null: the relation's rows rather than a column (`count(*)`). */
  column: string | null;
}

export interface SiteStats {
  /** catalog.json's metadata.type ('BASE TABLE', 'VIEW', …). */
  type?: string;
  rows?: number;
  bytes?: number;
  owner?: string;
  comment?: string;
}

export interface SiteNode {
  /** unique_id */
  id: string;
  /** resource type: model, seed, snapshot, source, test, unit_test, analysis, macro. */
  t: string;
  n: string;
  pkg: string;
  fqn: string[];
  /** original_file_path */
  file: string;
  /** patch_path without its `project://` prefix (the YAML that documents the node). */
  patch?: string;
  /** database, schema, relation as rendered (relation_name). */
  db?: string;
  sch?: string;
  rel?: string;
  /** Description, Markdown (doc() blocks already rendered). */
  d?: string;
  tags?: string[];
  /** Index into SiteData.cfgs (selectors such as config.materialized:table read the config). */
  cfg?: number;
  /** docs.node_color, when set. */
  color?: string;
  meta?: Record<string, unknown>;
  cols?: SiteColumn[];
  /** Parents: depends_on.nodes (node indices). */
  dep?: number[];
  /** Macros this node calls (node indices of project macros). */
  mac?: number[];
  /** Tests of this node (node indices). */
  tests?: number[];
  stats?: SiteStats;
  /** Models: version, latest_version, access. */
  ver?: string | number;
  lver?: string | number;
  acc?: string;
  /** Sources: source_name, loader. */
  src?: string;
  loader?: string;
  /** Tests: generic test name, column, the node it is attached to, and its arguments. */
  tm?: string;
  col?: string;
  att?: number;
  kw?: Record<string, unknown>;
  /** Unit tests: the model under test (name). */
  model?: string;
  /** Whether raw or compiled SQL exists in the SQL table (index = node index). */
  code?: 1;
}

/** Raw and compiled SQL per node index, in a second JSON block parsed only when a page needs it. */
export type SiteSql = (readonly [raw: string, compiled: string | null] | 0)[];

export interface RunReport {
  invocationId: string;
  generatedAt: string;
  /** The command (run_results args.which), when recorded. */
  command: string | null;
  /** Wall-clock seconds of the invocation. */
  elapsed: number;
  items: RunItem[];
}

export interface RunItem {
  /** Node index, or -1 when the result names a node the project no longer has. */
  node: number;
  id: string;
  status: string;
  thread: string;
  /** Milliseconds after the earliest start in the invocation; null for skipped nodes. */
  start: number | null;
  /** Milliseconds the node took (compile start to execute end, else execution_time). */
  dur: number;
  rows: number | null;
  failures: number | null;
  msg: string | null;
}
