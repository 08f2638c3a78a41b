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
import { readFreshness } from '../project/freshness-yaml.js';
import { TxCodes } from '../errors/tx-error.js';
import { mergeSourceFreshness, thresholdOf, type FreshnessThreshold } from './source-freshness.js';

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
      const folder = folderConfig(ctx.project.sources, pkg, fqn);
      const root = rootLayers(ctx, 'sources', fqn);
      const config = mergeConfigs({ enabled: true }, folder, src.config ?? {}, table.config ?? {}, ...root);
      const freshness = renderFilter(mergeSourceFreshness(
        projectFreshness(mergeConfigs(folder, ...root)),
        thresholdOf(src.freshness), thresholdOf(src.config_freshness),
        thresholdOf(table.freshness), thresholdOf(table.config_freshness),
      ), render);
      // dbt 1.10: a table's loaded_at_field (even `null`) replaces the source's field and query.
      const ownField = table.loaded_at_field_present; // set whenever table.loaded_at_field is
      const loadedAtField = (render(ownField ? table.loaded_at_field : src.loaded_at_field) ?? null) as string | null;
      const loadedAtQuery = table.loaded_at_query ?? (ownField ? null : src.loaded_at_query);
      Object.assign(config, { freshness, loaded_at_field: loadedAtField, loaded_at_query: loadedAtQuery });
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
        loaded_at_field: loadedAtField,
        loaded_at_query: loadedAtQuery,
        freshness,
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

/** `+freshness` from dbt_project.yml's `sources:` tree (validated, with positions, by parse-project). */
function projectFreshness(projectConfig: Record<string, unknown>): FreshnessThreshold | null {
  if (!('freshness' in projectConfig)) return thresholdOf(undefined);
  const { layer } = readFreshness(projectConfig['freshness'], [], 'warn');
  return thresholdOf(layer === undefined ? undefined : layer);
}

/** A filter may use Jinja (`{{ var('days') }}`), rendered like the rest of the source's YAML. */
function renderFilter(t: FreshnessThreshold | null, render: (v: string | null) => string | null | undefined): FreshnessThreshold | null {
  return t === null || t.filter === null ? t : { ...t, filter: render(t.filter) ?? null };
}

/** Checks every `+freshness` of dbt_project.yml's `sources:` tree, reporting problems at their key. */
export function checkProjectFreshness(ctx: ParseContext): void {
  const walk = (tree: Record<string, unknown>, path: string[]): void => {
    for (const [key, value] of Object.entries(tree)) {
      if (key.trim() === '+freshness') {
        for (const p of readFreshness(value, ['sources', ...path, key], 'warn').problems) {
          ctx.diagnostics.add({ code: TxCodes.ProjectInvalid, severity: p.severity, message: p.message, loc: ctx.project.yaml.locOf(p.path), hint: p.hint });
        }
      } else if (!key.startsWith('+') && typeof value === 'object' && value !== null && !Array.isArray(value)) {
        walk(value as Record<string, unknown>, [...path, key]);
      }
    }
  };
  walk(ctx.project.sources, []);
}
