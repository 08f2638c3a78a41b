/**
 * Serialisation of one manifest entry per dbt's manifest v12 schema. The schema (and
 * dbt-artifacts-parser) forbids unknown keys on nodes, so each resource type writes
 * exactly dbt's field list, in dbt's order, with dbt's defaults for what tx lacks.
 * Internal fields (abs_path, ref_locs, source_locs, loc) are never written.
 */
import { hookConfig } from '../parse/hook-config.js';
import type { ColumnInfo, DocNode, ExposureNode, HookNode, MacroNode, ManifestNode, NodeConfig, SourceNode, UnitTestFixture, UnitTestNode } from '../parse/manifest-types.js';

/**
 * dbt writes the parse-time epoch here. tx writes 0 so compiling twice gives identical
 * bytes; nothing reads it except dbt's own partial parsing, which tx does not share.
 */
export const CREATED_AT = 0;

type Rec = Record<string, unknown>;

/** Config as dbt writes it: hooks as {sql, transaction, index} objects (before_begin()'s JSON taken apart). */
function config(c: NodeConfig | SourceNode['config']): Rec {
  const out: Rec = { ...c };
  for (const k of ['pre-hook', 'post-hook'] as const) {
    const v = out[k];
    if (Array.isArray(v)) out[k] = v.map((h, i) => hookConfig(h, i));
  }
  return out;
}

function columns(cols: Record<string, ColumnInfo>): Rec {
  const out: Rec = {};
  for (const [name, c] of Object.entries(cols)) {
    const { name: n, description, meta, data_type, constraints, quote, tags, granularity, ...rest } = c as ColumnInfo & Rec;
    out[name] = {
      name: n,
      description,
      meta,
      data_type,
      constraints,
      quote,
      config: { meta, tags },
      tags,
      granularity: granularity ?? null,
      doc_blocks: [],
      ...rest,
    };
  }
  return out;
}

function common(n: ManifestNode | HookNode): Rec {
  return {
    database: n.database,
    schema: n.schema,
    name: n.name,
    resource_type: n.resource_type,
    package_name: n.package_name,
    path: n.path,
    original_file_path: n.original_file_path,
    unique_id: n.unique_id,
    fqn: n.fqn,
    alias: n.alias,
    checksum: n.checksum,
    config: config(n.config),
    tags: n.tags,
    description: n.description,
    columns: columns(n.columns),
    meta: n.meta,
    group: n.config.group ?? null,
    docs: n.docs,
    patch_path: n.patch_path,
    build_path: n.build_path,
    unrendered_config: n.unrendered_config,
    created_at: CREATED_AT,
    config_call_dict: n.config_call_dict,
    unrendered_config_call_dict: {},
    relation_name: n.relation_name,
    raw_code: n.raw_code,
    doc_blocks: [],
  };
}

/** Fields of dbt's CompiledNode (every node but seeds). */
function compiled(n: Exclude<ManifestNode, { resource_type: 'seed' }> | HookNode): Rec {
  const out: Rec = {
    language: n.language,
    refs: n.refs,
    sources: n.sources,
    metrics: [],
    depends_on: { macros: n.depends_on.macros, nodes: n.depends_on.nodes },
    compiled_path: n.compiled_path,
    compiled: n.compiled,
  };
  if (n.compiled_code !== undefined) out.compiled_code = n.compiled_code;
  out.extra_ctes_injected = n.extra_ctes_injected;
  out.extra_ctes = n.extra_ctes;
  out.contract =
    n.resource_type === 'model'
      ? n.contract
      : { enforced: n.config.contract?.enforced ?? false, alias_types: n.config.contract?.alias_types ?? true, checksum: null };
  return out;
}

export function serializeNode(n: ManifestNode): Rec {
  const base = common(n);
  switch (n.resource_type) {
    case 'seed':
      return { ...base, root_path: n.root_path, depends_on: { macros: n.depends_on.macros }, defer_relation: n.defer_relation ?? null };
    case 'model':
      return {
        ...base,
        ...compiled(n),
        access: n.access,
        constraints: n.constraints,
        version: n.version,
        latest_version: n.latest_version,
        deprecation_date: n.deprecation_date,
        defer_relation: n.defer_relation ?? null,
        primary_key: [],
        time_spine: null,
      };
    case 'snapshot':
      return { ...base, ...compiled(n), defer_relation: n.defer_relation ?? null };
    case 'test':
      // Singular tests have no test_metadata; only generic tests carry these four keys.
      if (!n.test_metadata) return { ...base, ...compiled(n) };
      return {
        ...base,
        ...compiled(n),
        column_name: n.column_name,
        file_key_name: n.file_key_name ?? null,
        attached_node: n.attached_node,
        test_metadata: n.test_metadata,
      };
    default:
      return { ...base, ...compiled(n) };
  }
}

/** An on-run-start / on-run-end hook as dbt's HookNode (manifest `nodes`, resource_type operation). */
export function serializeHook(h: HookNode): Rec {
  return { ...common(h), ...compiled(h), index: h.index };
}

/** A unit test as manifest v12's `unit_tests` holds it. */
export function serializeUnitTest(u: UnitTestNode): Rec {
  const fixture = (f: UnitTestFixture) => ({ ...(f.input !== undefined ? { input: f.input } : {}), rows: f.rows, format: f.format, fixture: f.fixture });
  return {
    model: u.model,
    given: u.given.map(fixture),
    expect: fixture(u.expect),
    name: u.name,
    resource_type: 'unit_test',
    package_name: u.package_name,
    path: u.path,
    original_file_path: u.original_file_path,
    unique_id: u.unique_id,
    fqn: u.fqn,
    description: u.description,
    overrides: u.overrides,
    depends_on: u.depends_on,
    config: u.config,
    checksum: u.checksum.checksum,
    schema: u.schema,
    created_at: 0,
    versions: u.versions,
    version: u.version,
  };
}

export function serializeSource(s: SourceNode): Rec {
  return {
    database: s.database,
    schema: s.schema,
    name: s.name,
    resource_type: s.resource_type,
    package_name: s.package_name,
    path: s.path,
    original_file_path: s.original_file_path,
    unique_id: s.unique_id,
    fqn: s.fqn,
    source_name: s.source_name,
    source_description: s.source_description,
    loader: s.loader,
    identifier: s.identifier,
    quoting: s.quoting,
    loaded_at_field: s.loaded_at_field,
    loaded_at_query: s.loaded_at_query,
    freshness: s.freshness,
    external: s.external ?? null,
    description: s.description,
    columns: columns(s.columns),
    meta: s.meta,
    source_meta: s.source_meta,
    tags: s.tags,
    config: config(s.config),
    patch_path: s.patch_path,
    unrendered_config: s.unrendered_config,
    relation_name: s.relation_name,
    created_at: CREATED_AT,
    doc_blocks: [],
  };
}

export function serializeMacro(m: MacroNode): Rec {
  return {
    name: m.name,
    resource_type: m.resource_type,
    package_name: m.package_name,
    path: m.path,
    original_file_path: m.original_file_path,
    unique_id: m.unique_id,
    macro_sql: m.macro_sql,
    depends_on: m.depends_on,
    description: m.description,
    meta: m.meta,
    docs: m.docs,
    patch_path: m.patch_path,
    arguments: m.arguments,
    created_at: CREATED_AT,
    supported_languages: m.supported_languages,
  };
}

/** dbt's Exposure (manifest v12). */
export function serializeExposure(e: ExposureNode): Rec {
  return {
    name: e.name,
    resource_type: e.resource_type,
    package_name: e.package_name,
    path: e.path,
    original_file_path: e.original_file_path,
    unique_id: e.unique_id,
    fqn: e.fqn,
    type: e.type,
    owner: e.owner,
    description: e.description,
    label: e.label,
    maturity: e.maturity,
    meta: e.meta,
    tags: e.tags,
    config: e.config,
    unrendered_config: e.unrendered_config,
    url: e.url,
    depends_on: e.depends_on,
    refs: e.refs,
    sources: e.sources,
    metrics: [],
    created_at: CREATED_AT,
  };
}

export function serializeDoc(d: DocNode): Rec {
  return {
    name: d.name,
    resource_type: d.resource_type,
    package_name: d.package_name,
    path: d.path,
    original_file_path: d.original_file_path,
    unique_id: d.unique_id,
    block_contents: d.block_contents,
  };
}
