/** Sources declared in properties YAML → SourceNode, with their relation rendered once. */
import { dirname, relative } from 'node:path';
import type { ParseContext } from './parse-context.js';
import { rootLayers, unrenderedConfig } from './parse-context.js';
import type { SourceNode } from './manifest-types.js';
import type { PropertiesFile } from '../project/properties.js';
import { columnsFromPatch } from './sql-nodes.js';
import { sourceRelation } from './node-relation.js';
import { mergeConfigs, folderConfig } from './config-merge.js';
import { makeVarFunction } from '../context/var-function.js';

export function parseSources(ctx: ParseContext, file: PropertiesFile, resourceDir: string): SourceNode[] {
  const pkg = ctx.project.name;
  const relPath = relative(ctx.project.rootDir, file.absPath).split('\\').join('/');
  const inResource = relPath.startsWith(`${resourceDir}/`) ? relPath.slice(resourceDir.length + 1) : relPath;
  const dir = dirname(inResource);
  const folders = dir === '.' ? [] : dir.split('/');
  const out: SourceNode[] = [];
  const scope = { var: makeVarFunction(ctx.varsFor(pkg), () => ({ file: file.absPath, line: 0, col: 0 })) };
  const render = (v: string | null | undefined): string | null | undefined =>
    typeof v === 'string' && (v.includes('{{') || v.includes('{%')) ? ctx.jinja.renderString(v, file.absPath, scope, ctx.project.name).trim() : v;
  for (const src of file.sources) {
    for (const table of src.tables) {
      const fqn = [pkg, ...folders, src.name, table.name];
      const config = mergeConfigs({ enabled: true }, folderConfig(ctx.project.sources, pkg, fqn), src.config ?? {}, table.config ?? {}, ...rootLayers(ctx, 'sources', fqn));
      // dbt renders these with target, var and env_var: `schema: "{{ target.schema }}_raw"`.
      const database = (render(src.database) ?? ctx.target.database) as string | null;
      const schema = render(src.schema) ?? src.name;
      const identifier = render(table.identifier) ?? table.name;
      const quoting = { ...(src.quoting ?? {}), ...(table.quoting ?? {}) } as Record<string, unknown>;
      const relation = sourceRelation(ctx.dialect, ctx.project.quoting, { database, schema, identifier, quoting });
      out.push({
        unique_id: `source.${pkg}.${src.name}.${table.name}`,
        resource_type: 'source',
        package_name: pkg,
        name: table.name,
        source_name: src.name,
        source_description: src.description ?? '',
        identifier,
        database,
        schema,
        loader: src.loader ?? '',
        loaded_at_field: (table.loaded_at_field ?? src.loaded_at_field ?? null) as string | null,
        freshness: (table.freshness ?? src.freshness ?? null) as Record<string, unknown> | null,
        quoting,
        description: table.description ?? '',
        columns: columnsFromPatch({ columns: table.columns }),
        meta: { ...(src.meta ?? {}), ...(table.meta ?? {}) },
        source_meta: src.meta ?? {},
        tags: [...new Set([...(src.tags ?? []), ...(table.tags ?? [])])],
        config: config as SourceNode['config'],
        path: relPath,
        original_file_path: relPath,
        abs_path: file.absPath,
        fqn,
        relation_name: relation.render(),
        external: table.external ?? null,
        patch_path: null,
        unrendered_config: unrenderedConfig(ctx, 'sources', fqn, src.config ?? {}, table.config ?? {}),
        loc: table.loc,
      });
    }
  }
  return out;
}
