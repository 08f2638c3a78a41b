/**
 * Manifest + catalog (+ run_results) → the site's compact data. Pure: the caller reads the
 * files and the warehouse. Node order is unique_id order, so generating twice gives the
 * same bytes.
 */
import type { ColumnInfo, ExposureNode, Manifest, ManifestNode, MacroNode, SourceNode, UnitTestNode } from '../parse/manifest-types.js';
import type { CatalogArtifact, CatalogTableEntry } from '../artifacts/catalog.js';
import type { ColumnLineageFile, NodeLineage } from '../analysis/column-lineage.js';
import type { SiteColumn, SiteData, SiteExposure, SiteMacroArg, SiteNode, SiteSql, SiteStats } from './site-types.js';
import { defaultFqn, encodeCompiled, encodeLin, encodeRun, type LinWire, type RowLinWire } from './site-wire.js';
import { SITE_DATA_VERSION } from './site-types.js';
import { buildRunReport } from './run-report-data.js';

export interface SiteDataInput {
  manifest: Manifest;
  projectName: string;
  adapterType: string;
  generatedAt: string;
  /** null with --empty-catalog. */
  catalog: CatalogArtifact | null;
  /** Parsed target/run_results.json, when it exists (any shape: it may come from dbt). */
  runResults: unknown;
  /**
   * The DAG's parents per unique_id (manifest parent_map). They add what depends_on lacks, such
   * as the seed a source reads; without them depends_on.nodes is used.
   */
  parents?: Readonly<Record<string, readonly string[]>>;
  /** target/column_lineage.json as static analysis wrote it, when it exists. */
  columnLineage?: ColumnLineageFile | null;
}

export interface SiteDataOutput {
  data: SiteData;
  sql: SiteSql;
}

type Member = ManifestNode | SourceNode | UnitTestNode | MacroNode | ExposureNode;

/** Empty values carry nothing a reader or a selector needs; dropping them keeps big projects small. */
function isEmpty(v: unknown): boolean {
  if (v === null || v === undefined) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && Object.keys(v).length === 0;
}

function compact(obj: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (isEmpty(v)) continue;
    out[k] = v !== null && typeof v === 'object' && !Array.isArray(v) ? (compact(v as Record<string, unknown>) ?? {}) : v;
  }
  return Object.keys(out).length === 0 ? undefined : out;
}

const nonEmpty = <T>(xs: T[]): T[] | undefined => (xs.length === 0 ? undefined : xs);
const text = (s: string | null | undefined): string | undefined => (s === null || s === undefined || s === '' ? undefined : s);

function statsOf(entry: CatalogTableEntry | undefined): SiteStats | undefined {
  if (entry === undefined) return undefined;
  const rows = entry.stats['row_count']?.value;
  const bytes = entry.stats['bytes']?.value;
  const out: SiteStats = { type: entry.metadata.type };
  if (typeof rows === 'number') out.rows = rows;
  if (typeof bytes === 'number') out.bytes = bytes;
  if (entry.metadata.owner) out.owner = entry.metadata.owner;
  if (entry.metadata.comment) out.comment = entry.metadata.comment;
  return out;
}

/** One column's upstream edges, from column_lineage.json; edges to nodes the site lacks are dropped. */
function lineageOf(name: string, edges: NodeLineage['columns'][string] | undefined, indexOf: Map<string, number>): LinWire[] | undefined {
  if (edges === undefined) return undefined;
  const out: LinWire[] = [];
  for (const e of edges) {
    const i = indexOf.get(e.node);
    // A count(*) reads a relation's rows, not a column: the site draws column edges only.
    if (i !== undefined && e.column !== null) out.push(encodeLin(name, i, e.column, e.kind));
  }
  return nonEmpty(out);
}

function rowLineageOf(lin: NodeLineage | undefined, indexOf: Map<string, number>): RowLinWire[] | undefined {
  if (lin === undefined) return undefined;
  const out: RowLinWire[] = [];
  for (const f of lin.filters) {
    const i = indexOf.get(f.node);
    if (i !== undefined && f.column !== null) out.push([i, f.column, f.kind === 'filter' ? 'f' : 'j']);
  }
  return nonEmpty(out);
}

/**
 * Catalog columns in warehouse order, each with its declaration; then declared columns the
 * warehouse lacks; then columns only static analysis knows (in select-list order).
 */
function columnsOf(
  declared: Record<string, ColumnInfo>,
  entry: CatalogTableEntry | undefined,
  testsOfColumn: Map<string, number[]> | undefined,
  lineage: NodeLineage | undefined,
  indexOf: Map<string, number>,
): SiteColumn[] | undefined {
  const byLower = new Map(Object.values(declared).map((c) => [c.name.toLowerCase(), c]));
  const analysed = new Map(Object.keys(lineage?.columns ?? {}).map((name) => [name.toLowerCase(), name]));
  const out: SiteColumn[] = [];
  const make = (name: string, type: string | undefined, decl: ColumnInfo | undefined): SiteColumn => {
    const c: SiteColumn = { n: decl?.name ?? name };
    if (type !== undefined) c.ty = type;
    if (decl?.data_type) c.dt = decl.data_type;
    if (decl?.description) c.d = decl.description;
    const tests = testsOfColumn?.get(c.n.toLowerCase());
    if (tests) c.tests = tests;
    const key = analysed.get(c.n.toLowerCase());
    if (key !== undefined && lineage) {
      const inferred = lineage.types[key];
      if (type === undefined && !c.dt && inferred) c.it = inferred;
      const lin = lineageOf(c.n, lineage.columns[key], indexOf);
      if (lin) c.lin = lin;
    }
    return c;
  };
  const seen = new Set<string>();
  if (entry !== undefined) {
    for (const col of Object.values(entry.columns).sort((a, b) => a.index - b.index)) {
      seen.add(col.name.toLowerCase());
      out.push(make(col.name, col.type, byLower.get(col.name.toLowerCase())));
    }
  }
  for (const decl of Object.values(declared)) {
    if (seen.has(decl.name.toLowerCase())) continue;
    seen.add(decl.name.toLowerCase());
    out.push(make(decl.name, undefined, decl));
  }
  for (const name of analysed.values()) if (!seen.has(name.toLowerCase())) out.push(make(name, undefined, undefined));
  return nonEmpty(out);
}

/** docs: {show: false} on a node's config (or a macro's docs). */
function isHidden(m: Member): boolean {
  const docs = m.resource_type === 'macro' ? m.docs : 'config' in m ? (m.config as { docs?: unknown }).docs : undefined;
  return docs !== null && typeof docs === 'object' && (docs as { show?: unknown }).show === false;
}

function exposureOf(m: ExposureNode): SiteExposure {
  const out: SiteExposure = { type: m.type };
  if (m.label) out.label = m.label;
  if (m.maturity) out.maturity = m.maturity;
  if (m.url) out.url = m.url;
  const owner: NonNullable<SiteExposure['owner']> = {};
  if (m.owner.name) owner.name = m.owner.name;
  if (m.owner.email) owner.email = m.owner.email;
  if (Object.keys(owner).length > 0) out.owner = owner;
  return out;
}

/** dbt's macro arguments ([{name, type, description}]) as written in properties YAML. */
function macroArgs(raw: readonly unknown[]): SiteMacroArg[] | undefined {
  const out: SiteMacroArg[] = [];
  for (const a of raw) {
    if (a === null || typeof a !== 'object') continue;
    const { name, type, description } = a as { name?: unknown; type?: unknown; description?: unknown };
    if (typeof name !== 'string') continue;
    const arg: SiteMacroArg = { n: name };
    if (typeof type === 'string' && type !== '') arg.ty = type;
    if (typeof description === 'string' && description !== '') arg.d = description;
    out.push(arg);
  }
  return nonEmpty(out);
}

/** dbt docs leaves out dbt's own macros and the adapter plugin's (package `dbt_<adapter>`). */
function allMembers(m: Manifest, adapterType: string): Member[] {
  const internal = new Set(['dbt', `dbt_${adapterType}`]);
  const macros = Object.values(m.macros).filter((x) => !internal.has(x.package_name));
  const all: Member[] = [...Object.values(m.nodes), ...Object.values(m.sources), ...Object.values(m.unit_tests), ...macros, ...Object.values(m.exposures ?? {})];
  return all.sort((a, b) => (a.unique_id < b.unique_id ? -1 : a.unique_id > b.unique_id ? 1 : 0));
}

/**
 * The node a generic test tests: its attached_node, or for a source's test (attached_node is
 * null there, as in dbt) the source it names first, else its first parent, as dbt docs reads it.
 */
function testedNode(t: Extract<Member, { resource_type: 'test' }>): string | undefined {
  if (t.attached_node) return t.attached_node;
  const [src] = t.sources;
  const named = src ? t.depends_on.nodes.find((id) => id.startsWith('source.') && id.endsWith(`.${src[0]}.${src[1]}`)) : undefined;
  return named ?? t.depends_on.nodes[0];
}

/** Tests by the node they test, and by (node, column); singular tests by every node they read. */
function indexTests(members: Member[], indexOf: Map<string, number>) {
  const ofNode = new Map<string, number[]>();
  const ofColumn = new Map<string, Map<string, number[]>>();
  const push = <K>(map: Map<K, number[]>, k: K, v: number): void => {
    const list = map.get(k);
    if (list) list.push(v);
    else map.set(k, [v]);
  };
  for (const t of members) {
    const ti = indexOf.get(t.unique_id)!;
    if (t.resource_type === 'unit_test') {
      const model = t.depends_on.nodes[0];
      if (model) push(ofNode, model, ti);
      continue;
    }
    if (t.resource_type !== 'test') continue;
    const tested = t.test_metadata || t.attached_node ? testedNode(t) : undefined;
    const targets = tested !== undefined ? [tested] : t.depends_on.nodes;
    for (const target of targets) push(ofNode, target, ti);
    if (tested !== undefined && t.column_name) {
      let cols = ofColumn.get(tested);
      if (!cols) ofColumn.set(tested, (cols = new Map()));
      push(cols, t.column_name.toLowerCase(), ti);
    }
  }
  return { ofNode, ofColumn };
}

function relationFields(node: SiteNode, db: string | null, schema: string, rel: string | null): void {
  if (db) node.db = db;
  node.sch = schema;
  if (rel) node.rel = rel;
}

export function buildSiteData(input: SiteDataInput): SiteDataOutput {
  const members = allMembers(input.manifest, input.adapterType);
  const lineage = input.columnLineage?.nodes ?? {};
  const indexOf = new Map(members.map((m, i) => [m.unique_id, i]));
  const refs = (ids: readonly string[]): number[] | undefined =>
    nonEmpty([...new Set(ids)].map((id) => indexOf.get(id)).filter((i): i is number => i !== undefined));
  const tests = indexTests(members, indexOf);
  const cfgs: Record<string, unknown>[] = [];
  const cfgIndex = new Map<string, number>();
  const configRef = (config: Record<string, unknown>): number | undefined => {
    const c = compact(config);
    if (c === undefined) return undefined;
    const key = JSON.stringify(c);
    let i = cfgIndex.get(key);
    if (i === undefined) cfgIndex.set(key, (i = cfgs.push(c) - 1));
    return i;
  };
  const colorOf = (config: Record<string, unknown>): string | undefined => {
    const docs = config['docs'];
    const color = docs !== null && typeof docs === 'object' ? (docs as { node_color?: unknown }).node_color : undefined;
    return typeof color === 'string' && color !== '' ? color : undefined;
  };
  const sql: SiteSql = [];
  const nodes = members.map((m, i): SiteNode => {
    const node: SiteNode = { id: m.unique_id, t: m.resource_type, n: m.name, pkg: m.package_name, fqn: m.resource_type === 'macro' ? [m.package_name, m.name] : m.fqn, file: m.original_file_path };
    sql[i] = 0;
    const d = text(m.description);
    if (d) node.d = d;
    const nodeTests = nonEmpty([...new Set(tests.ofNode.get(m.unique_id) ?? [])]);
    if (nodeTests) node.tests = nodeTests;
    if (isHidden(m)) node.hidden = 1;
    switch (m.resource_type) {
      case 'macro': {
        if (m.patch_path) node.patch = m.patch_path.replace(/^[^:]+:\/\//, '');
        const mac = refs(m.depends_on.macros);
        if (mac) node.mac = mac;
        node.args = macroArgs(m.arguments);
        node.meta = compact(m.meta);
        sql[i] = [m.macro_sql, null];
        node.code = 1;
        break;
      }
      case 'exposure': {
        node.exp = exposureOf(m);
        node.tags = nonEmpty(m.tags);
        node.meta = compact(m.meta);
        const dep = refs(m.depends_on.nodes);
        if (dep) node.dep = dep;
        break;
      }
      case 'unit_test': {
        node.model = m.model;
        node.tags = nonEmpty(m.tags);
        const dep = refs(m.depends_on.nodes);
        if (dep) node.dep = dep;
        break;
      }
      case 'source': {
        const entry = input.catalog?.sources[m.unique_id];
        const dep = refs(input.parents?.[m.unique_id] ?? []);
        if (dep) node.dep = dep;
        relationFields(node, m.database, m.schema, m.relation_name);
        node.src = m.source_name;
        if (m.loader) node.loader = m.loader;
        const srcd = text(m.source_description);
        if (srcd) node.srcd = srcd;
        node.tags = nonEmpty(m.tags);
        node.cfg = configRef(m.config);
        node.meta = compact(m.meta);
        node.cols = columnsOf(m.columns, entry, tests.ofColumn.get(m.unique_id), undefined, indexOf);
        node.stats = statsOf(entry);
        break;
      }
      default: {
        const entry = input.catalog?.nodes[m.unique_id];
        relationFields(node, m.database, m.schema, m.relation_name);
        if (m.patch_path) node.patch = m.patch_path.replace(/^[^:]+:\/\//, '');
        node.tags = nonEmpty(m.tags);
        node.cfg = configRef(m.config);
        node.color = colorOf(m.config);
        node.meta = compact(m.meta);
        const lin = lineage[m.unique_id];
        node.cols = columnsOf(m.columns, entry, tests.ofColumn.get(m.unique_id), lin, indexOf);
        node.rowLin = rowLineageOf(lin, indexOf);
        if (lin) node.linOk = lin.complete ? 1 : 0;
        node.stats = statsOf(entry);
        const dep = refs(input.parents?.[m.unique_id] ?? m.depends_on.nodes);
        if (dep) node.dep = dep;
        const mac = refs(m.depends_on.macros);
        if (mac) node.mac = mac;
        if (m.resource_type === 'model') {
          if (m.version !== null) node.ver = m.version;
          if (m.latest_version !== null) node.lver = m.latest_version;
          if (m.access !== 'protected') node.acc = m.access;
        }
        if (m.resource_type === 'test') {
          if (m.test_metadata) {
            node.tm = m.test_metadata.name;
            node.kw = compact(Object.fromEntries(Object.entries(m.test_metadata.kwargs).filter(([k]) => k !== 'model' && k !== 'column_name')));
          }
          if (m.column_name) node.col = m.column_name;
          const att = m.attached_node === null ? undefined : indexOf.get(m.attached_node);
          if (att !== undefined) node.att = att;
        }
        if (m.raw_code !== '' || m.compiled_code !== undefined) {
          // Compiled SQL equal to the source (no Jinja) is not stored twice.
          sql[i] = [m.raw_code, m.compiled_code === undefined || m.compiled_code === m.raw_code ? null : encodeCompiled(m.raw_code, m.compiled_code)];
          node.code = 1;
        }
      }
    }
    for (const k of Object.keys(node) as (keyof SiteNode)[]) if (node[k] === undefined) delete node[k];
    // Most fqns follow the file's folders: those are left for the browser to rebuild.
    const fqn = defaultFqn(node.pkg, node.file, node.n);
    if (fqn.length === node.fqn.length && fqn.every((x, k) => x === node.fqn[k])) delete (node as Partial<SiteNode>).fqn;
    return node;
  });
  // The database and package most nodes share are said once.
  const most = (values: (string | undefined)[]): string | undefined => {
    const counts = new Map<string, number>();
    for (const v of values) if (v !== undefined) counts.set(v, (counts.get(v) ?? 0) + 1);
    return [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))[0]?.[0];
  };
  const db = most(nodes.map((n) => n.db));
  const pkg = most(nodes.map((n) => n.pkg));
  for (const n of nodes) {
    if (db !== undefined && n.db === db) delete n.db;
    if (pkg !== undefined && n.pkg === pkg) delete (n as Partial<SiteNode>).pkg;
  }
  // dbt's convention: a doc block named __overview__ replaces the landing page's text.
  const overviews = Object.values(input.manifest.docs).filter((d) => d.name === '__overview__');
  const overview = (overviews.find((d) => d.package_name === input.projectName) ?? overviews[0])?.block_contents;
  return {
    data: {
      v: SITE_DATA_VERSION,
      project: input.projectName,
      adapter: input.adapterType,
      generatedAt: input.generatedAt,
      hasCatalog: input.catalog !== null,
      ...(db !== undefined ? { db } : {}),
      ...(pkg !== undefined ? { pkg } : {}),
      ...(overview ? { overview } : {}),
      nodes,
      cfgs,
      run: ((r) => (r === null ? null : encodeRun(r)))(buildRunReport(input.runResults, indexOf)),
    },
    sql,
  };
}
