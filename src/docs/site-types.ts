/**
 * The data the docs site reads: built by build-site-data.ts in Node, inlined as JSON in
 * index.html, read by the browser code in browser/. Compact on purpose (short keys, node
 * references as indices, empty fields left out): a 10,000-model project must stay small.
 */

import type { CompiledWire, LinWire, RowLinWire, RunWire } from './site-wire.js';

export const SITE_DATA_VERSION = 3;

export interface SiteData {
  v: number;
  project: string;
  adapter: string;
  generatedAt: string;
  /** False with `--empty-catalog`: column types and statistics are absent, not unknown. */
  hasCatalog: boolean;
  /** The root project's `{% docs __overview__ %}` block (Markdown), shown on the landing page. */
  overview?: string;
  /** The database and package most nodes share: nodes leave `db` and `pkg` out when they are these. */
  db?: string;
  pkg?: string;
  /** Every documented node, sorted by unique_id; every node reference is an index into it. */
  nodes: SiteNode[];
  /** Distinct node configs (without empty values): most nodes share one, so nodes point here. */
  cfgs: Record<string, unknown>[];
  /** The last invocation's results, when target/run_results.json exists (compact: the store decodes it). */
  run: RunWire | null;
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
  /** Type static analysis inferred, when neither the catalog nor the YAML gives one. */
  it?: string;
  /** Column-level lineage: where this column's values come from (target/column_lineage.json), compact (site-wire.ts). */
  lin?: LinWire[];
}

/** How a column derives from an upstream column: copied (direct), computed (transformation), aggregated. */
export type LineageKind = 'direct' | 'transformation' | 'aggregation';

/** Exposures: what dbt records about a downstream use (dashboard, notebook, ML model, …). */
export interface SiteExposure {
  /** type: dashboard | notebook | analysis | ml | application. */
  type: string;
  label?: string;
  maturity?: string;
  url?: string;
  owner?: { name?: string; email?: string };
}

/** A macro argument as documented in properties YAML (`macros: [{arguments: [...]}]`). */
export interface SiteMacroArg {
  n: string;
  ty?: string;
  d?: string;
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
  /** resource type: model, seed, snapshot, source, test, unit_test, analysis, macro, exposure. */
  t: string;
  n: string;
  /** Left out of the page when it is SiteData.pkg (the store fills it in). */
  pkg: string;
  /** Left out of the page when it is defaultFqn(pkg, file, n); the browser store fills it in. */
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
  /** Left out when 'protected' (the default); the browser store fills it in. */
  acc?: string;
  /** Sources: source_name, loader, and the source's own description (Markdown). */
  src?: string;
  loader?: string;
  srcd?: string;
  /** Tests: generic test name, column, the node it is attached to, and its arguments. */
  tm?: string;
  col?: string;
  att?: number;
  kw?: Record<string, unknown>;
  /** Unit tests: the model under test (name). */
  model?: string;
  /** Whether raw or compiled SQL exists in the SQL table (index = node index). */
  code?: 1;
  /** Static analysis: the columns that filter or join this node's rows. */
  rowLin?: RowLinWire[];
  /** Static analysis analysed this node: 1 when every column's lineage is known, 0 when some is not. */
  linOk?: 0 | 1;
  /** `docs: {show: false}`: left out of the tree and search, greyed in the graph, as dbt docs does. */
  hidden?: 1;
  /** Exposures only. */
  exp?: SiteExposure;
  /** Macros only: documented arguments. */
  args?: SiteMacroArg[];
}

/**
 * Raw and compiled SQL per node index, in a second JSON block parsed only when a page needs it;
 * compiled SQL as lines of the raw (site-wire.ts), null when it equals the raw.
 */
export type SiteSql = (readonly [raw: string, compiled: CompiledWire | null] | 0)[];

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
