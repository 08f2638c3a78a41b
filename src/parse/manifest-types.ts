/**
 * The in-memory manifest. Field names follow dbt's manifest v12 (snake_case) so the
 * artifact writer is close to a plain serialisation and users recognise every key.
 */
import type { SourceLoc } from '../errors/tx-error.js';
import type { DeferRelation } from '../compile/defer.js';
import type { FreshnessThreshold } from './source-freshness.js';

export type NodeResourceType = 'model' | 'seed' | 'snapshot' | 'test' | 'analysis' | 'operation';
export type ResourceType = NodeResourceType | 'source' | 'macro' | 'doc' | 'exposure' | 'unit_test';

/** Resolved configuration of a node: every key dbt knows, plus whatever the user set. */
export interface NodeConfig {
  [key: string]: unknown;
  enabled: boolean;
  materialized: string;
  alias?: string | null;
  schema?: string | null;
  database?: string | null;
  tags: string[];
  meta: Record<string, unknown>;
  persist_docs: Record<string, unknown>;
  quoting: Record<string, unknown>;
  column_types: Record<string, string>;
  full_refresh?: boolean | null;
  on_schema_change?: string | null;
  docs: { show: boolean; node_color?: string | null };
  contract: { enforced: boolean; alias_types: boolean };
  'pre-hook': unknown[];
  'post-hook': unknown[];
  packages: string[];
  grants: Record<string, unknown>;
  incremental_strategy?: string | null;
  unique_key?: string | string[] | null;
  access?: string;
  group?: string | null;
  delimiter?: string;
  quote_columns?: boolean | null;
}

export interface ColumnInfo {
  name: string;
  description: string;
  meta: Record<string, unknown>;
  data_type: string | null;
  constraints: unknown[];
  quote: boolean | null;
  tags: string[];
  granularity?: string | null;
}

export interface RefCall {
  name: string;
  package: string | null;
  version: string | number | null;
}

export interface Checksum {
  name: 'sha256' | 'path' | 'none';
  checksum: string;
}

export interface BaseNode {
  unique_id: string;
  resource_type: NodeResourceType;
  package_name: string;
  name: string;
  /** Path relative to the resource path root it was found under (e.g. `silver/user_features.sql`). */
  path: string;
  /** Path relative to the project root (e.g. `models/silver/user_features.sql`). */
  original_file_path: string;
  /** Absolute path, for diagnostics; not written to artifacts. */
  abs_path: string;
  fqn: string[];
  alias: string;
  schema: string;
  database: string | null;
  checksum: Checksum;
  config: NodeConfig;
  /** Only what config() calls in the file set, as dbt records it. */
  config_call_dict: Record<string, unknown>;
  unrendered_config: Record<string, unknown>;
  tags: string[];
  description: string;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  docs: { show: boolean; node_color: string | null };
  patch_path: string | null;
  raw_code: string;
  language: 'sql';
  refs: RefCall[];
  sources: [string, string][];
  depends_on: { macros: string[]; nodes: string[] };
  /** `--defer`: the state manifest's relation for this node (dbt's defer_relation), when it has one. */
  defer_relation?: DeferRelation | null;
  /** var() names the parse render read → digest of each value (tx's state comparison; not in manifest.json). */
  vars_read?: Record<string, string>;
  relation_name: string | null;
  build_path: string | null;
  compiled_path: string | null;
  compiled: boolean;
  compiled_code?: string;
  extra_ctes_injected: boolean;
  extra_ctes: { id: string; sql: string }[];
  /** Where each ref()/source() call sits, for "not found" errors (parallel to refs/sources). */
  ref_locs: SourceLoc[];
  source_locs: SourceLoc[];
}

export interface ModelNode extends BaseNode {
  resource_type: 'model';
  access: 'protected' | 'private' | 'public';
  constraints: unknown[];
  version: string | number | null;
  latest_version: string | number | null;
  deprecation_date: string | null;
  contract: { enforced: boolean; alias_types: boolean; checksum: string | null };
}

export interface SeedNode extends BaseNode {
  resource_type: 'seed';
  root_path: string;
}

export interface AnalysisNode extends BaseNode {
  resource_type: 'analysis';
}

export interface SnapshotNode extends BaseNode {
  resource_type: 'snapshot';
}

export interface TestNode extends BaseNode {
  resource_type: 'test';
  column_name: string | null;
  attached_node: string | null;
  test_metadata?: { name: string; kwargs: Record<string, unknown>; namespace: string | null };
  /** Generic tests: the YAML entry that declared them (`models.orders`). */
  file_key_name?: string;
  /** Generic tests: where the test is declared in YAML, for diagnostics; not written to artifacts. */
  loc?: SourceLoc;
}

export type ManifestNode = ModelNode | SeedNode | AnalysisNode | SnapshotNode | TestNode;

export type RunHookType = 'on-run-start' | 'on-run-end';

/**
 * One `on-run-start` / `on-run-end` entry of a project's dbt_project.yml, as dbt's HookNode
 * (resource_type operation, `operation.<project>.<project>-on-run-start-<i>`). Kept apart from
 * `nodes` (nothing selects, graphs or compiles it) and written into manifest.json's `nodes`.
 */
export interface HookNode extends BaseNode {
  resource_type: 'operation';
  hook_type: RunHookType;
  /** Position within its project's list, 0-based. */
  index: number;
  /** Where the entry is in dbt_project.yml, for diagnostics; not written to artifacts. */
  loc: SourceLoc;
}

export interface SourceNode {
  unique_id: string;
  resource_type: 'source';
  package_name: string;
  name: string;
  source_name: string;
  source_description: string;
  identifier: string;
  database: string | null;
  schema: string;
  loader: string;
  loaded_at_field: string | null;
  /** dbt 1.10: a query returning the max loaded-at time (Jinja, rendered when freshness runs). */
  loaded_at_query: string | null;
  /** The merged criteria (null: disabled); see source-freshness.ts. */
  freshness: FreshnessThreshold | null;
  quoting: Record<string, unknown>;
  description: string;
  columns: Record<string, ColumnInfo>;
  meta: Record<string, unknown>;
  source_meta: Record<string, unknown>;
  tags: string[];
  config: { enabled: boolean; [key: string]: unknown };
  path: string;
  original_file_path: string;
  abs_path: string;
  fqn: string[];
  relation_name: string;
  external: unknown;
  patch_path: null;
  unrendered_config: Record<string, unknown>;
  loc: SourceLoc;
}

/** A fixture of a unit test (`given` input or `expect`), as written in YAML. */
export interface UnitTestFixture {
  /** `ref('x')` / `source('s', 't')` for inputs; absent for expect. */
  input?: string;
  /** dict (rows as mappings), csv or sql. */
  format: 'dict' | 'csv' | 'sql';
  /** Rows (dict), CSV text or SQL text; null for a dict input written without rows (a seed, read from its CSV). */
  rows: unknown;
  fixture: string | null;
}

/** A dbt 1.8+ unit test (manifest `unit_tests`). */
export interface UnitTestNode {
  unique_id: string;
  resource_type: 'unit_test';
  package_name: string;
  name: string;
  /** Name of the model under test. */
  model: string;
  /** Version of the model under test: one unit test per tested version (`<name>_v<N>`). */
  version: string | number | null;
  /** `versions: {include, exclude}`: which versions of a versioned model it tests (all when null). */
  versions: { include: (string | number)[] | null; exclude: (string | number)[] | null } | null;
  given: UnitTestFixture[];
  expect: UnitTestFixture;
  overrides: { macros: Record<string, unknown>; vars: Record<string, unknown>; env_vars: Record<string, unknown> } | null;
  description: string;
  path: string;
  original_file_path: string;
  abs_path: string;
  fqn: string[];
  config: { enabled: boolean; tags: string[]; meta: Record<string, unknown>; [key: string]: unknown };
  tags: string[];
  depends_on: { macros: string[]; nodes: string[] };
  checksum: Checksum;
  schema: string;
  database: string | null;
  loc: SourceLoc;
}

/** An exposure (dashboard, notebook, ML model…) declared in properties YAML: a graph leaf that is never built. */
export interface ExposureNode {
  unique_id: string;
  resource_type: 'exposure';
  package_name: string;
  name: string;
  label: string | null;
  /** dashboard | notebook | analysis | ml | application */
  type: string;
  owner: { name: string | null; email: string | null };
  description: string;
  url: string | null;
  maturity: string | null;
  meta: Record<string, unknown>;
  tags: string[];
  config: { enabled: boolean; tags: string[]; meta: Record<string, unknown>; [key: string]: unknown };
  unrendered_config: Record<string, unknown>;
  path: string;
  original_file_path: string;
  abs_path: string;
  fqn: string[];
  refs: RefCall[];
  sources: [string, string][];
  depends_on: { macros: string[]; nodes: string[] };
  loc: SourceLoc;
}

export interface MacroNode {
  unique_id: string;
  resource_type: 'macro';
  package_name: string;
  name: string;
  path: string;
  original_file_path: string;
  abs_path: string;
  macro_sql: string;
  depends_on: { macros: string[] };
  description: string;
  meta: Record<string, unknown>;
  docs: { show: boolean; node_color: string | null };
  patch_path: string | null;
  arguments: unknown[];
  supported_languages: null;
}

export interface DocNode {
  unique_id: string;
  resource_type: 'doc';
  package_name: string;
  name: string;
  path: string;
  original_file_path: string;
  block_contents: string;
}

export interface Manifest {
  nodes: Record<string, ManifestNode>;
  sources: Record<string, SourceNode>;
  macros: Record<string, MacroNode>;
  docs: Record<string, DocNode>;
  /** Nodes that are disabled, keyed by unique_id, so refs to them give a precise error. */
  disabled: Record<string, ManifestNode[]>;
  unit_tests: Record<string, UnitTestNode>;
  exposures: Record<string, ExposureNode>;
  /** on-run-start / on-run-end hooks of the root project and installed packages. */
  hooks: Record<string, HookNode>;
}
