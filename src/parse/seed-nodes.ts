/** Seeds: CSV files become nodes without rendering; their relation names still go through the macros. */
import { basename } from 'node:path';
import type { ProjectFile } from '../project/files.js';
import type { ParseContext } from './parse-context.js';
import { rootLayers, unrenderedConfig } from './parse-context.js';
import type { SeedNode } from './manifest-types.js';
import { folderConfig, resolveNodeConfig } from './config-merge.js';
import { fileChecksum } from './checksum.js';
import { columnsFromPatch, fqnFor } from './sql-nodes.js';
import type { RelationNamer } from './relation-names.js';
import { noReferences } from './not-compiled.js';

export function parseSeedFile(ctx: ParseContext, namer: RelationNamer, file: ProjectFile, raw: string): SeedNode | undefined {
  const pkg = ctx.project.name;
  const name = basename(file.pathInResource).replace(/\.csv$/i, '');
  const fqn = fqnFor(pkg, file.pathInResource, name);
  const patch = ctx.patches.seeds.get(name);
  const config = resolveNodeConfig('seed', [folderConfig(ctx.project.seeds, pkg, fqn)], patch?.config ?? {}, {}, rootLayers(ctx, 'seeds', fqn));
  const nodeDict: Record<string, unknown> = { name, package_name: pkg, resource_type: 'seed', fqn, config };
  const scope: Record<string, unknown> = {};
  const names = ctx.diagnostics.collect(() => namer.names(nodeDict, config, scope));
  if (!names) return undefined;
  return {
    unique_id: `seed.${pkg}.${name}`,
    resource_type: 'seed',
    package_name: pkg,
    name,
    path: file.pathInResource,
    original_file_path: file.relPath,
    abs_path: file.absPath,
    root_path: ctx.project.rootDir,
    fqn,
    alias: names.alias,
    schema: names.schema,
    database: names.database,
    // dbt checksums seeds by content too (it switches to a path checksum only past 1 MiB).
    checksum: fileChecksum(raw),
    config,
    config_call_dict: {},
    unrendered_config: unrenderedConfig(ctx, 'seeds', fqn, patch?.config ?? {}),
    tags: config.tags,
    description: patch?.description ?? '',
    columns: columnsFromPatch(patch),
    meta: config.meta,
    docs: { show: config.docs.show, node_color: config.docs.node_color ?? null },
    patch_path: patch ? `${pkg}://${patch.file}` : null,
    raw_code: '',
    language: 'sql',
    ...noReferences(),
  };
}
