/**
 * Models and analyses: each file is rendered once in capture mode, which records its
 * ref/source/config calls (dependencies come from rendering, never from a regex).
 */
import { basename, dirname } from 'node:path';
import type { ProjectFile } from '../project/files.js';
import type { TxTemplate } from '../jinja/tx-jinja.js';
import type { ParseContext } from './parse-context.js';
import { rootLayers, unrenderedConfig } from './parse-context.js';
import { renderForParse } from './parse-render.js';
import type { AnalysisNode, ColumnInfo, ManifestNode, ModelNode, NodeConfig, TestNode } from './manifest-types.js';
import type { NodePatch } from '../project/properties.js';
import { folderConfig, resolveNodeConfig } from './config-merge.js';
import { captureScope } from '../context/node-scope.js';
import { makeVarFunction } from '../context/var-function.js';
import { Relation } from '../adapter/relation.js';
import { fileChecksum } from './checksum.js';
import type { RelationNamer } from './relation-names.js';
import { defineLazyCallLocs } from './call-locations.js';
import { applyProjectOverrides } from '../context/builtin-overrides.js';
import { normalizeDeprecationDate, type VersionedFile } from './model-versions.js';
import { applyContract } from './contracts.js';
import { TxCodes } from '../errors/tx-error.js';
import { notCompiled } from './not-compiled.js';

export interface ParsedSqlNode {
  node: ManifestNode;
  template: TxTemplate;
}

export function fqnFor(projectName: string, pathInResource: string, name: string): string[] {
  const dir = dirname(pathInResource);
  const folders = dir === '.' ? [] : dir.split('/');
  return [projectName, ...folders, name];
}

export function columnsFromPatch(patch: Pick<NodePatch, 'columns'> | undefined): Record<string, ColumnInfo> {
  const out: Record<string, ColumnInfo> = {};
  for (const c of patch?.columns ?? []) {
    out[c.name] = {
      name: c.name,
      description: c.description ?? '',
      meta: c.meta ?? {},
      data_type: c.data_type ?? null,
      constraints: c.constraints ?? [],
      quote: c.quote ?? null,
      tags: c.tags ?? [],
      granularity: null,
    };
  }
  return out;
}

export function parseSqlFile(
  ctx: ParseContext,
  namer: RelationNamer,
  file: ProjectFile,
  raw: string,
  resourceType: 'model' | 'analysis' | 'test',
  /** Set when this file defines one version of a versioned model. */
  versioned?: VersionedFile,
): ParsedSqlNode | undefined {
  const pkg = ctx.project.name;
  const name = versioned?.name ?? basename(file.pathInResource).replace(/\.sql$/i, '');
  // A version is `model.<pkg>.<name>.v<N>`, its fqn ending in the name then `v<N>`, as in dbt.
  const uniqueId = versioned ? `${resourceType}.${pkg}.${name}.v${versioned.version}` : `${resourceType}.${pkg}.${name}`;
  const fqn = versioned ? [...fqnFor(pkg, file.pathInResource, name), `v${versioned.version}`] : fqnFor(pkg, file.pathInResource, name);
  const template = ctx.diagnostics.collect(() => ctx.jinja.compile(raw, file.absPath, ctx.project.name));
  if (!template) return undefined;

  const placeholder = (identifier: string) =>
    Relation.create(ctx.dialect, { database: ctx.target.database, schema: ctx.target.schema, identifier });
  const modelDict: Record<string, unknown> = {
    unique_id: uniqueId, name, package_name: pkg, resource_type: resourceType, fqn,
    path: file.pathInResource, original_file_path: file.relPath, raw_code: raw, config: {},
    // Always present, so templates can test `model.version` (generate_alias_name does).
    version: versioned?.version ?? null, latest_version: versioned?.latestVersion ?? null,
  };
  const rendered = renderForParse(ctx, template, pkg, (record) => {
    const scope = captureScope(
      {
        this: placeholder(name),
        model: modelDict,
        var: makeVarFunction(ctx.varsFor(pkg), () => ({ file: file.absPath, line: 0, col: 0 })),
      },
      record,
      placeholder,
    );
    applyProjectOverrides(scope, ctx.jinja, ctx.rootProject?.name ?? ctx.project.name);
    return scope;
  });
  if (rendered === undefined) return undefined;
  const { record, scope } = rendered;

  const patches = resourceType === 'model' ? ctx.patches.models : resourceType === 'analysis' ? ctx.patches.analyses : undefined;
  // A versioned model's entry describes its versions, never a file of the bare name directly.
  const named = patches?.get(name);
  const patch = versioned?.patch ?? (named && named.versions.length === 0 ? named : undefined);
  const treeName = resourceType === 'model' ? 'models' : resourceType === 'analysis' ? 'analyses' : 'dataTests';
  const config = resolveNodeConfig(resourceType, [folderConfig(ctx.project[treeName], pkg, fqn)], patch?.config ?? {}, record.config, rootLayers(ctx, treeName, fqn));
  modelDict['config'] = config;
  const names = ctx.diagnostics.collect(() => namer.names(modelDict, config, scope));
  if (!names) return undefined;

  const base = {
    unique_id: uniqueId,
    package_name: pkg,
    name,
    path: file.pathInResource,
    original_file_path: file.relPath,
    abs_path: file.absPath,
    fqn,
    alias: names.alias,
    schema: names.schema,
    database: names.database,
    checksum: fileChecksum(raw),
    config,
    config_call_dict: record.config,
    unrendered_config: unrenderedConfig(ctx, treeName, fqn, patch?.config ?? {}, rendered.unrenderedConfigCall),
    tags: config.tags,
    description: patch?.description ?? '',
    columns: columnsFromPatch(patch),
    meta: config.meta,
    docs: { show: config.docs.show, node_color: config.docs.node_color ?? null },
    patch_path: patch ? `${pkg}://${patch.file}` : null,
    raw_code: raw,
    language: 'sql' as const,
    refs: record.refs,
    sources: record.sources,
    depends_on: { macros: rendered.macros, nodes: [] },
    vars_read: rendered.vars,
    ...notCompiled(),
    // Replaced by lazy properties below (see defineLazyCallLocs).
    ref_locs: [],
    source_locs: [],
  };
  if (resourceType === 'test') {
    // Singular test: every returned row is a failure.
    const node: TestNode = { ...base, resource_type: 'test', column_name: null, attached_node: null };
    defineLazyCallLocs(node, raw, file.absPath, record.refs, record.sources);
    return { node, template };
  }
  if (resourceType === 'analysis') {
    const node: AnalysisNode = { ...base, resource_type: 'analysis' };
    defineLazyCallLocs(node, raw, file.absPath, record.refs, record.sources);
    return { node, template };
  }
  const node: ModelNode = {
    ...base,
    resource_type: 'model',
    access: (config.access as ModelNode['access']) ?? 'protected',
    constraints: [],
    version: versioned?.version ?? null,
    latest_version: versioned?.latestVersion ?? null,
    deprecation_date: deprecationDate(ctx, patch),
    contract: { enforced: false, alias_types: true, checksum: null },
  };
  defineLazyCallLocs(node, raw, file.absPath, record.refs, record.sources);
  applyContract(node, patch, ctx.diagnostics);
  return { node, template };
}

function deprecationDate(ctx: ParseContext, patch: NodePatch | undefined): string | null {
  const raw = patch?.deprecation_date ?? null;
  if (raw === null) return null;
  const date = normalizeDeprecationDate(raw);
  if (date === null) {
    ctx.diagnostics.add({ code: TxCodes.PropertiesInvalid, loc: patch!.loc, message: `deprecation_date '${raw}' is not a date`, hint: 'write it as YYYY-MM-DD, or YYYY-MM-DD HH:MM:SS with an optional zone' });
  }
  return date;
}

export function isEnabled(config: NodeConfig): boolean {
  return config.enabled !== false;
}
