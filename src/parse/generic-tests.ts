/**
 * Generic tests declared in properties YAML (on models, seeds, snapshots, sources and their
 * columns) become test nodes named and identified as dbt names them. The test macro itself
 * is rendered at compile time; here we only record what the test depends on.
 */
import { posix } from 'node:path';
import type { ParseContext } from './parse-context.js';
import { rootLayers, unrenderedConfig } from './parse-context.js';
import type { TestNode, RefCall } from './manifest-types.js';
import type { ColumnPatch, PropertiesFile, SourceDefinition, SourceTable, NodePatch, VersionPatch } from '../project/properties.js';
import { versionColumns } from './model-versions.js';
import type { RelationNamer } from './relation-names.js';
import type { TxTemplate } from '../jinja/tx-jinja.js';
import type { SourceLoc } from '../errors/tx-error.js';
import { parseTestDefinition, renderTestConfig, type TestDefinition } from './test-definition.js';
import { renderNative } from './render-native.js';
import { TxError, TxCodes } from '../errors/tx-error.js';
import { synthesizeTestNames, testHash } from './test-names.js';
import { folderConfig, resolveNodeConfig } from './config-merge.js';
import { captureScope, type CaptureRecord } from '../context/node-scope.js';
import { makeVarFunction } from '../context/var-function.js';
import { Relation } from '../adapter/relation.js';
import { notCompiled } from './not-compiled.js';

/** What a generic test is attached to. */
interface TestTarget {
  /** `models`, `seeds`, `snapshots` or `sources` (dbt's yaml_key). */
  yamlKey: string;
  /** Name used in the synthesized test name (`<source>_<table>` for sources). */
  name: string;
  /** The `model` argument as dbt writes it. */
  modelArg: string;
  ref: RefCall | null;
  source: [string, string] | null;
  /** Key of the entry in the file (`models.orders`, `sources.raw`). */
  fileKey: string;
  file: PropertiesFile;
}

/** A kwarg that is a bare call (`ref('x')`) is rendered as an expression, as dbt does. */
const LOOKS_LIKE_FUNC = /^\s*(env_var|ref|var|source|doc)\s*\(.+\)\s*$/s;

export function parseGenericTests(ctx: ParseContext, namer: RelationNamer, files: PropertiesFile[]): TestNode[] {
  const out: TestNode[] = [];
  // Tests repeat the same argument text (`ref('customers')`): compile each template once.
  const templates = new Map<string, TxTemplate>();
  const add = (target: TestTarget, entries: unknown[], column: ColumnPatch | null, tags: string[], loc: SourceLoc) => {
    for (const entry of entries) {
      const node = ctx.diagnostics.collect(() => buildTestNode(ctx, namer, templates, target, entry, column, tags, loc));
      if (node) out.push(node);
    }
  };
  const nodeTarget = (yamlKey: string, p: NodePatch, file: PropertiesFile): TestTarget => ({
    yamlKey, name: p.name, modelArg: `ref('${p.name}')`, ref: { name: p.name, package: null, version: null },
    source: null, fileKey: `${yamlKey}.${p.name}`, file,
  });
  for (const file of files) {
    for (const [yamlKey, patches] of [['models', file.models], ['seeds', file.seeds], ['snapshots', file.snapshots]] as const) {
      for (const p of patches) {
        // A versioned model: its tests run on every version (dbt's parse_versioned_tests).
        if (yamlKey === 'models' && p.versions.length > 0) {
          for (const v of p.versions) {
            const target = versionTarget(p, v, file);
            for (const c of versionColumns(p, v)) add(target, c.data_tests, c, c.tags, c.loc);
            add(target, v.data_tests ?? p.data_tests, null, [], p.loc);
          }
          continue;
        }
        const target = nodeTarget(yamlKey, p, file);
        for (const c of p.columns) add(target, c.data_tests, c, c.tags, c.loc);
        add(target, p.data_tests, null, [], p.loc);
      }
    }
    for (const src of file.sources) {
      for (const table of src.tables) {
        const target = sourceTarget(src, table, file);
        for (const c of table.columns) add(target, c.data_tests, c, c.tags, c.loc);
        add(target, table.data_tests, null, [], table.loc);
      }
    }
  }
  return out;
}

/** One version of a model: named `<model>_v<N>` in test names, `ref('<model>', version='<N>')` as dbt writes it. */
function versionTarget(p: NodePatch, v: VersionPatch, file: PropertiesFile): TestTarget {
  return {
    yamlKey: 'models', name: `${p.name}_v${v.v}`, modelArg: `ref('${p.name}', version='${v.v}')`,
    ref: { name: p.name, package: null, version: String(v.v) }, source: null, fileKey: `models.${p.name}`, file,
  };
}

function sourceTarget(src: SourceDefinition, table: SourceTable, file: PropertiesFile): TestTarget {
  return {
    yamlKey: 'sources', name: `${src.name}_${table.name}`, modelArg: `source('${src.name}', '${table.name}')`,
    ref: null, source: [src.name, table.name], fileKey: `sources.${src.name}`, file,
  };
}

function buildTestNode(
  ctx: ParseContext, namer: RelationNamer, templates: Map<string, TxTemplate>, target: TestTarget, entry: unknown, column: ColumnPatch | null, columnTags: string[], loc: SourceLoc,
): TestNode {
  const pkg = ctx.project.name;
  const columnName = column === null ? null : column.quote === true ? ctx.dialect.quoteIdent(column.name) : column.name;
  const def = parseTestDefinition(entry, columnName, loc);
  const args: Record<string, unknown> = { ...def.args, model: `{{ get_where_subquery(${target.modelArg}) }}` };
  const testType = `${def.namespace ? `${def.namespace}_` : ''}${target.yamlKey === 'sources' ? 'source_' : ''}${def.name}`;
  const names = def.customName !== null ? { short: def.customName, full: def.customName } : synthesizeTestNames(testType, target.name, args);
  // Configs written with Jinja are rendered now, as dbt does; unrendered_config keeps them as written.
  const testConfig = renderTestConfig(def.config, configRenderer(ctx, target, names.full, loc));
  const writtenConfig: Record<string, unknown> = { ...def.config };
  if (names.short !== names.full && testConfig['alias'] === undefined) testConfig['alias'] = names.short;
  if (names.short !== names.full && writtenConfig['alias'] === undefined) writtenConfig['alias'] = names.short;

  const metadata = { name: def.name, kwargs: args, namespace: def.namespace };
  const uniqueId = `test.${pkg}.${names.full}.${testHash(names.full, metadata)}`;
  // fqn: the YAML file's folders below the resource path, then the test's name.
  const yamlDirs = posix.dirname(target.file.file).split('/').slice(1);
  const fqn = [pkg, ...yamlDirs, names.full];
  const config = resolveNodeConfig('test', [folderConfig(ctx.project.dataTests, pkg, fqn)], {}, testConfig, rootLayers(ctx, 'dataTests', fqn));
  config.tags = [...new Set([...columnTags, ...config.tags])].sort();

  const deps = captureKwargDeps(ctx, def, target.file.absPath, templates);
  const refs = target.ref ? [target.ref, ...deps.refs] : deps.refs;
  const sources: [string, string][] = target.source ? [target.source, ...deps.sources] : deps.sources;
  const nodeDict: Record<string, unknown> = { name: names.full, package_name: pkg, resource_type: 'test', fqn, config };
  const rel = namer.names(nodeDict, config, {});
  const configCall = Object.entries(testConfig)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? `"${v.replace(/"/g, '\\"')}"` : JSON.stringify(v)}`)
    .join(',');
  const macroName = `${def.namespace ? `${def.namespace}.` : ''}test_${def.name}`;
  return {
    unique_id: uniqueId,
    resource_type: 'test',
    package_name: pkg,
    name: names.full,
    path: `${names.short}.sql`,
    original_file_path: target.file.file,
    abs_path: target.file.absPath,
    fqn,
    alias: rel.alias,
    schema: rel.schema,
    database: rel.database,
    checksum: { name: 'none', checksum: '' },
    config,
    config_call_dict: {},
    unrendered_config: unrenderedConfig(ctx, 'dataTests', fqn, writtenConfig),
    tags: config.tags,
    description: def.description ?? '',
    columns: {},
    meta: config.meta,
    docs: { show: true, node_color: null },
    patch_path: null,
    raw_code: `{{ ${macroName}(**_dbt_generic_test_kwargs) }}${configCall ? `{{ config(${configCall}) }}` : ''}`,
    language: 'sql',
    refs,
    sources,
    depends_on: { macros: [], nodes: [] },
    ...notCompiled(),
    ref_locs: refs.map(() => loc),
    source_locs: sources.map(() => loc),
    column_name: columnName,
    attached_node: null,
    file_key_name: target.fileKey,
    test_metadata: metadata,
    loc,
  };
}

/** Renders one config value with var (the project's), env_var and target, as dbt's schema YAML context. */
function configRenderer(ctx: ParseContext, target: TestTarget, testName: string, loc: SourceLoc): (key: string, value: string) => unknown {
  const file = target.file.absPath;
  const scope = { var: makeVarFunction(ctx.varsFor(ctx.project.name), () => loc) };
  return (key, value) => {
    try {
      return renderNative(ctx.jinja, value, file, scope, ctx.project.name);
    } catch (e) {
      throw new TxError({
        code: TxCodes.TestInvalid,
        message: `config '${key}' of test '${testName}' (on '${target.name}') could not be rendered: ${e instanceof Error ? e.message : String(e)}`,
        loc,
        hint: 'test configs are rendered while parsing, with var(), env_var() and target; macros are not available there',
        cause: e,
      });
    }
  };
}

/** refs and sources named inside the test's arguments (e.g. relationships' `to: ref('x')`). */
function captureKwargDeps(ctx: ParseContext, def: TestDefinition, absPath: string, templates: Map<string, TxTemplate>): CaptureRecord {
  const record: CaptureRecord = { refs: [], sources: [], config: {} };
  const strings: string[] = [];
  const walk = (v: unknown, key: string | null) => {
    if (typeof v === 'string') {
      if (key !== 'column_name' && (LOOKS_LIKE_FUNC.test(v) || v.includes('{{') || v.includes('{%'))) strings.push(v);
    } else if (Array.isArray(v)) v.forEach((x) => walk(x, null));
    else if (v !== null && typeof v === 'object') for (const [k, x] of Object.entries(v)) walk(x, k);
  };
  for (const [k, v] of Object.entries(def.args)) walk(v, k);
  if (strings.length === 0) return record;
  const placeholder = (identifier: string) => Relation.create(ctx.dialect, { database: ctx.target.database, schema: ctx.target.schema, identifier });
  const scope = captureScope(
    { this: null, model: {}, var: makeVarFunction(ctx.varsFor(ctx.project.name), () => ({ file: absPath, line: 0, col: 0 })) },
    record,
    placeholder,
  );
  for (const s of strings) {
    const key = `${absPath}\0${s}`;
    let tpl = templates.get(key);
    if (!tpl) templates.set(key, (tpl = ctx.jinja.compile(asTemplate(s), absPath, ctx.project.name)));
    ctx.jinja.render(tpl, scope);
  }
  return record;
}

/** A bare call becomes `{{ call }}` so it renders; templates render as they are. */
export function asTemplate(value: string): string {
  return LOOKS_LIKE_FUNC.test(value) ? `{{ ${value} }}` : value;
}
