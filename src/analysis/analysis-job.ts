/**
 * Static analysis as a self-contained job of plain data, so it can run on a worker thread
 * (analysis-worker.ts) while the main thread writes target/compiled and manifest.json. The job
 * holds what analyzeProject reads and nothing it does not (see slimManifest); the reply holds
 * the findings as plain data (rebuilt as TxErrors on the main thread) and the stats. The
 * lineage file is written by whoever ran the analysis, so the lineage never crosses threads.
 */
import { readFileSync } from 'node:fs';
import { relative, sep } from 'node:path';
import type { Manifest, ManifestNode, MacroNode, SourceNode } from '../parse/manifest-types.js';
import type { AnalysedSql, AnalysisInput, AnalysisResult, AnalysisStats } from './analyze-project.js';
import type { CatalogTarget } from './relation-catalog.js';
import type { SourceLoc, Severity, TxCode } from '../errors/tx-error.js';
import { TxError } from '../errors/tx-error.js';
import { analyzeProject } from './analyze-project.js';
import { columnLineageFile } from './column-lineage.js';
import { compiledFilePath } from '../api/compiled-path.js';
import { writeJsonArtifact } from '../artifacts/write-json.js';

/** Where an analysis reads and writes, the same on either thread. */
export interface AnalysisPlace {
  target: CatalogTarget;
  catalogPath: string;
  /** For the compiled file paths named in findings: relative to cwd, below targetDir. */
  cwd: string;
  targetDir: string;
  /** Where to write column_lineage.json (absent: not written). */
  lineagePath?: string | undefined;
}

export interface AnalysisJob extends AnalysisPlace {
  manifest: Manifest;
  /** The SQL of every node to analyse and of every ephemeral model they read. */
  sql: Map<string, AnalysedSql>;
  ids: string[];
  dialectName: string;
}

export interface PlainDiagnostic {
  code: TxCode;
  message: string;
  loc?: SourceLoc | undefined;
  hint?: string | undefined;
  severity: Severity;
  cause?: unknown;
}

export interface AnalysisReply {
  diagnostics: PlainDiagnostic[];
  stats: AnalysisStats;
  /** Wall time of the job on its thread (dialect load, parse, resolution, lineage file). */
  ms: number;
}

/** Fields of a node the analysis never reads and that are large (compiled SQL) or numerous. */
const UNREAD_NODE_FIELDS = new Set([
  'compiled_code', 'extra_ctes', 'description', 'meta', 'docs', 'unrendered_config', 'config_call_dict', 'fqn',
  'refs', 'ref_locs', 'source_locs', 'checksum', 'vars_read', 'defer_relation', 'tags', 'build_path', 'compiled_path',
  // The node's own list of source() calls (the analysis reads manifest.sources), and model fields
  // it reads through config (contract) or not at all.
  'sources', 'relation_name', 'contract', 'constraints', 'access', 'version', 'latest_version', 'deprecation_date',
  'language', 'compiled', 'extra_ctes_injected', 'file_key_name', 'group', 'created_at', 'doc_blocks', 'metrics',
  'unrendered_config_call_dict', 'primary_key', 'time_spine',
]);
const UNREAD_SOURCE_FIELDS = new Set(['description', 'source_description', 'meta', 'source_meta', 'tags', 'freshness', 'loaded_at_field', 'loaded_at_query', 'unrendered_config', 'fqn']);

/**
 * The config keys src/analysis reads (test/unit/analysis/analysis-job.test.ts checks the sources
 * for any other): a node's config has some forty, most of the manifest's clone cost.
 */
export const ANALYSED_CONFIG_KEYS = ['column_types', 'contract', 'delimiter', 'enabled', 'materialized', 'hard_deletes', 'snapshot_meta_column_names', 'static_analysis', 'where'] as const;

function without<T extends object>(o: T, drop: ReadonlySet<string>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(o)) if (!drop.has(k)) out[k] = (o as Record<string, unknown>)[k];
  return out;
}

function slimNode(n: ManifestNode): ManifestNode {
  const out = without(n, UNREAD_NODE_FIELDS);
  const config: Record<string, unknown> = {};
  for (const k of ANALYSED_CONFIG_KEYS) if (Object.hasOwn(n.config, k)) config[k] = (n.config as Record<string, unknown>)[k];
  out['config'] = config;
  out['depends_on'] = { nodes: n.depends_on.nodes, macros: [] };
  out['columns'] = slimColumns(n.columns);
  return out as unknown as ManifestNode;
}

/** Columns by name and data_type only (leaf columns, contract checks). */
function slimColumns(columns: ManifestNode['columns']): ManifestNode['columns'] {
  const out: ManifestNode['columns'] = {};
  for (const k of Object.keys(columns)) {
    const c = columns[k]!;
    out[k] = { name: c.name, data_type: c.data_type } as ManifestNode['columns'][string];
  }
  return out;
}

/**
 * The manifest as the analysis reads it (NodeAnalyser, ProjectRelations, leaf columns, test
 * arguments, DiagnosticMapper): nodes and sources without their documentation, compiled SQL and
 * parse bookkeeping, configs with ANALYSED_CONFIG_KEYS only, columns by name and type, macros by
 * name and package. Its structured clone is what a worker costs the main thread.
 */
export function slimManifest(m: Manifest): Manifest {
  const nodes: Record<string, ManifestNode> = {};
  for (const id of Object.keys(m.nodes)) nodes[id] = slimNode(m.nodes[id]!);
  const sources: Record<string, SourceNode> = {};
  for (const id of Object.keys(m.sources)) {
    const src = without(m.sources[id]!, UNREAD_SOURCE_FIELDS);
    src['columns'] = slimColumns(m.sources[id]!.columns);
    sources[id] = src as unknown as SourceNode;
  }
  const macros: Record<string, MacroNode> = {};
  for (const id of Object.keys(m.macros)) macros[id] = { name: m.macros[id]!.name, package_name: m.macros[id]!.package_name } as MacroNode;
  return { nodes, sources, macros, docs: {}, disabled: {}, unit_tests: {}, exposures: {}, hooks: {} };
}

/** Runs a job (on whichever thread): reads files itself, loads the dialect by name. */
export async function runAnalysisJob(job: AnalysisJob): Promise<AnalysisReply> {
  const started = performance.now();
  const { loadDialect } = await import('../adapter/registry.js');
  const dialect = await loadDialect(job.dialectName);
  const result = await analyseAt(job, { manifest: job.manifest, sqlOf: (id) => job.sql.get(id), ids: job.ids, dialect });
  return { diagnostics: result.diagnostics.map(toPlain), stats: result.stats, ms: Math.round(performance.now() - started) };
}

/**
 * analyzeProject at a place (the worker's job, or the main thread's session): findings name the
 * compiled files below targetDir relative to cwd, and the lineage file is written when asked.
 */
export async function analyseAt(place: AnalysisPlace, input: Pick<AnalysisInput, 'manifest' | 'sqlOf' | 'ids' | 'dialect'>): Promise<AnalysisResult> {
  const result = await analyzeProject({
    ...input,
    target: place.target,
    catalogPath: place.catalogPath,
    compiledPathOf: (node) => relative(place.cwd, compiledFilePath(place.targetDir, node, 'compiled')).split(sep).join('/'),
    readFile: readTextOrUndefined,
  });
  if (place.lineagePath !== undefined) writeJsonArtifact(place.lineagePath, columnLineageFile(input.dialect.name, result.lineage));
  return result;
}

export function readTextOrUndefined(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
}

export function toPlain(e: TxError): PlainDiagnostic {
  const cause = e.cause instanceof TxError ? undefined : e.cause;
  return { code: e.code, message: e.message, loc: e.loc, hint: e.hint, severity: e.severity, ...(cause === undefined ? {} : { cause }) };
}

export function fromPlain(d: PlainDiagnostic): TxError {
  return new TxError({ code: d.code, message: d.message, loc: d.loc, hint: d.hint, severity: d.severity, cause: d.cause });
}
