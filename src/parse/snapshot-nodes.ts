/**
 * Snapshots: `{% snapshot name %} … {% endsnapshot %}` blocks in snapshot-paths, and dbt 1.9's
 * YAML snapshots (`snapshots:` entries with `relation: ref(...)` / `source(...)`). Each becomes a
 * `snapshot.<project>.<name>` node whose SQL is the block's body, rendered once in capture mode
 * like a model. The block tags are cut out here, so the Jinja engine never sees them; the body is
 * compiled at its own position in the file so errors point at the right line and column.
 */
import { posix } from 'node:path';
import type { ProjectFile } from '../project/files.js';
import type { PropertiesFile, NodePatch } from '../project/properties.js';
import type { TxTemplate } from '../jinja/tx-jinja.js';
import type { ParseContext } from './parse-context.js';
import { rootLayers, unrenderedConfig } from './parse-context.js';
import { renderForParse } from './parse-render.js';
import type { NodeConfig, SnapshotNode } from './manifest-types.js';
import type { RelationNamer } from './relation-names.js';
import type { SourceLoc } from '../errors/tx-error.js';
import { TxCodes } from '../errors/tx-error.js';
import { folderConfig, resolveNodeConfig } from './config-merge.js';
import { captureScope } from '../context/node-scope.js';
import { makeVarFunction } from '../context/var-function.js';
import { Relation } from '../adapter/relation.js';
import { fileChecksum } from './checksum.js';
import { columnsFromPatch } from './sql-nodes.js';
import { locateCall } from './call-locations.js';
import { notCompiled } from './not-compiled.js';

export interface ParsedSnapshot {
  node: SnapshotNode;
  template: TxTemplate;
  /** Where the node came from, for duplicate-name messages. */
  file: ProjectFile;
}

const BLOCK = /\{%-?\s*snapshot\s+(\w+)\s*-?%\}([\s\S]*?)\{%-?\s*endsnapshot\s*-?%\}/g;
const INERT = /\{#[\s\S]*?#\}/g;

/** Everything before `offset` as blanks (newlines kept), so a body compiles at its real position. */
function blankPrefix(src: string, offset: number): string {
  return src.slice(0, offset).replace(/[^\n]/g, ' ');
}

function locAt(src: string, offset: number, file: string): SourceLoc {
  const before = src.slice(0, offset).split('\n');
  return { file, line: before.length, col: (before[before.length - 1]?.length ?? 0) + 1 };
}

interface SnapshotSpec {
  name: string;
  /** The snapshot's SQL as dbt records it (raw_code). */
  rawCode: string;
  /** What is compiled: rawCode behind a blank prefix that keeps positions exact. */
  templateSource: string;
  prefix: string;
  file: ProjectFile;
  /** dbt's `path` for the node. */
  path: string;
  fqn: string[];
  loc: SourceLoc;
  checksumOf: string;
  patch: NodePatch | undefined;
}

export function parseSnapshotFile(ctx: ParseContext, namer: RelationNamer, file: ProjectFile, src: string): ParsedSnapshot[] {
  const masked = src.replace(INERT, (m) => m.replace(/[^\n]/g, ' '));
  const out: ParsedSnapshot[] = [];
  const noExt = file.pathInResource.replace(/\.sql$/i, '');
  let found = false;
  for (const m of masked.matchAll(BLOCK)) {
    found = true;
    const name = m[1]!;
    const bodyStart = (m.index ?? 0) + m[0].indexOf('%}') + 2;
    const body = src.slice(bodyStart, bodyStart + m[2]!.length);
    const prefix = blankPrefix(src, bodyStart);
    const parsed = buildSnapshot(ctx, namer, {
      name,
      rawCode: body,
      templateSource: prefix + body,
      prefix,
      file,
      path: file.pathInResource,
      // dbt puts the file name in a snapshot's fqn: [project, folders…, file, name].
      fqn: [ctx.project.name, ...noExt.split('/'), name],
      loc: locAt(src, m.index ?? 0, file.absPath),
      checksumOf: src,
      patch: ctx.patches.snapshots.get(name),
    });
    if (parsed) out.push(parsed);
  }
  if (!found && src.trim() !== '') {
    // dbt skips such a file silently; tx says so, without failing the parse.
    ctx.diagnostics.add({
      code: TxCodes.ConfigInvalid,
      severity: 'warn',
      message: `${file.relPath} is in a snapshot path but holds no {% snapshot %} block; it is ignored`,
      loc: { file: file.absPath, line: 1, col: 1 },
      hint: 'wrap the query in {% snapshot my_snapshot %} … {% endsnapshot %}, or move the file to a model path',
    });
  }
  return out;
}

/** dbt 1.9 YAML snapshots: `relation:` makes the SQL `select * from {{ relation }}`. */
export function parseYamlSnapshots(ctx: ParseContext, namer: RelationNamer, files: { file: PropertiesFile; resourceDir: string }[]): ParsedSnapshot[] {
  const out: ParsedSnapshot[] = [];
  for (const { file, resourceDir } of files) {
    for (const patch of file.snapshots) {
      const relation = patch.raw['relation'];
      if (relation === undefined || relation === null) continue;
      if (typeof relation !== 'string' || !/^\s*(ref|source)\s*\(/.test(relation)) {
        ctx.diagnostics.add({ code: TxCodes.PropertiesInvalid, message: `snapshot '${patch.name}': 'relation' must be ref('…') or source('…', '…')`, loc: patch.loc });
        continue;
      }
      const inResource = resourceDir === '.' ? file.file : posix.relative(resourceDir, file.file);
      const rawCode = `select * from {{ ${relation.trim()} }}`;
      const projectFile: ProjectFile = { absPath: file.absPath, relPath: file.file, resourceDir, pathInResource: inResource };
      const dir = posix.dirname(inResource);
      const parsed = buildSnapshot(ctx, namer, {
        name: patch.name,
        rawCode,
        templateSource: rawCode,
        prefix: '',
        file: projectFile,
        path: posix.join(inResource, `${patch.name}.sql`),
        fqn: [ctx.project.name, ...(dir === '.' ? [] : dir.split('/')), patch.name],
        loc: patch.loc,
        checksumOf: rawCode,
        patch,
      });
      if (parsed) out.push(parsed);
    }
  }
  return out;
}

function buildSnapshot(ctx: ParseContext, namer: RelationNamer, spec: SnapshotSpec): ParsedSnapshot | undefined {
  const pkg = ctx.project.name;
  const uniqueId = `snapshot.${pkg}.${spec.name}`;
  const template = ctx.diagnostics.collect(() => ctx.jinja.compile(spec.templateSource, spec.file.absPath, ctx.project.name));
  if (!template) return undefined;
  const placeholder = (identifier: string) => Relation.create(ctx.dialect, { database: ctx.target.database, schema: ctx.target.schema, identifier });
  const nodeDict: Record<string, unknown> = {
    unique_id: uniqueId, name: spec.name, package_name: pkg, resource_type: 'snapshot', fqn: spec.fqn,
    path: spec.path, original_file_path: spec.file.relPath, raw_code: spec.rawCode, config: {},
  };
  const rendered = renderForParse(ctx, template, pkg, (record) => captureScope(
    { this: placeholder(spec.name), model: nodeDict, var: makeVarFunction(ctx.varsFor(pkg), () => ({ file: spec.file.absPath, line: 0, col: 0 })) },
    record,
    placeholder,
  ));
  if (rendered === undefined) return undefined;
  const { record, scope } = rendered;

  const config = resolveNodeConfig('snapshot', [folderConfig(ctx.project.snapshots, pkg, spec.fqn)], spec.patch?.config ?? {}, record.config, rootLayers(ctx, 'snapshots', spec.fqn));
  nodeDict['config'] = config;
  if (!validateSnapshotConfig(ctx, spec.name, config, spec.loc)) return undefined;
  const names = ctx.diagnostics.collect(() => namer.names(nodeDict, config, scope));
  if (!names) return undefined;
  // Legacy target_schema / target_database are used verbatim; `schema` goes through generate_schema_name.
  const targetSchema = config['target_schema'];
  const targetDb = config['target_database'];
  const raw = spec.rawCode;
  const node: SnapshotNode = {
    unique_id: uniqueId,
    resource_type: 'snapshot',
    package_name: pkg,
    name: spec.name,
    path: spec.path,
    original_file_path: spec.file.relPath,
    abs_path: spec.file.absPath,
    fqn: spec.fqn,
    alias: names.alias,
    schema: typeof targetSchema === 'string' && targetSchema !== '' ? targetSchema : names.schema,
    database: typeof targetDb === 'string' && targetDb !== '' ? targetDb : names.database,
    checksum: fileChecksum(spec.checksumOf),
    config,
    config_call_dict: record.config,
    unrendered_config: unrenderedConfig(ctx, 'snapshots', spec.fqn, spec.patch?.config ?? {}, rendered.unrenderedConfigCall),
    tags: config.tags,
    description: spec.patch?.description ?? '',
    columns: columnsFromPatch(spec.patch),
    meta: config.meta,
    docs: { show: config.docs.show, node_color: config.docs.node_color ?? null },
    patch_path: spec.patch ? `${pkg}://${spec.patch.file}` : null,
    raw_code: raw,
    language: 'sql',
    refs: record.refs,
    sources: record.sources,
    depends_on: { macros: rendered.macros, nodes: [] },
    vars_read: rendered.vars,
    ...notCompiled(),
    ref_locs: record.refs.map((r) => shiftLoc(r.package === null ? locateCall(raw, spec.file.absPath, 'ref', r.name) : locateCall(raw, spec.file.absPath, 'ref', r.package, r.name), spec)),
    source_locs: record.sources.map(([s, t]) => shiftLoc(locateCall(raw, spec.file.absPath, 'source', s, t), spec)),
  };
  return { node, template, file: spec.file };
}

/** A call located within the body, moved to its place in the file (YAML snapshots point at the entry). */
function shiftLoc(loc: SourceLoc, spec: SnapshotSpec): SourceLoc {
  if (spec.prefix === '') return spec.loc;
  const lines = spec.prefix.split('\n');
  const extraLines = lines.length - 1;
  const lastCol = lines[lines.length - 1]!.length;
  if (loc.line === 0) return loc;
  return { file: loc.file, line: loc.line + extraLines, col: loc.line === 1 ? loc.col + lastCol : loc.col };
}

/** dbt's SnapshotConfig.final_validate and hard_deletes check, as parse diagnostics. */
function validateSnapshotConfig(ctx: ParseContext, name: string, config: NodeConfig, loc: SourceLoc): boolean {
  const problems: { message: string; hint?: string }[] = [];
  const strategy = config['strategy'];
  const uniqueKey = config.unique_key;
  if (!strategy || !uniqueKey) {
    problems.push({ message: "Snapshots must be configured with a 'strategy' and 'unique_key'.", hint: "add config(strategy='timestamp', unique_key='id', updated_at='updated_at')" });
  } else if (strategy === 'check') {
    const cols = config['check_cols'];
    if (!cols || (Array.isArray(cols) && cols.length === 0)) problems.push({ message: 'A snapshot configured with the check strategy must specify a check_cols configuration.' });
    else if (typeof cols === 'string' && cols !== 'all') problems.push({ message: `Invalid value for 'check_cols': ${cols}. Expected 'all' or a list of strings.` });
  } else if (strategy === 'timestamp' && !config['updated_at']) {
    problems.push({ message: 'A snapshot configured with the timestamp strategy must specify an updated_at configuration.' });
  }
  if (config.materialized !== 'snapshot') problems.push({ message: "A snapshot must have a materialized value of 'snapshot'" });
  const hd = config['hard_deletes'];
  if (hd !== undefined && hd !== null && !['ignore', 'invalidate', 'new_record'].includes(String(hd))) {
    problems.push({ message: `Invalid setting for property hard_deletes: '${String(hd)}'`, hint: 'use one of: ignore, invalidate, new_record' });
  }
  if (hd !== undefined && hd !== null && config['invalidate_hard_deletes'] !== undefined && config['invalidate_hard_deletes'] !== null) {
    problems.push({ message: 'You cannot set both the invalidate_hard_deletes and hard_deletes config properties on the same snapshot.' });
  }
  for (const p of problems) ctx.diagnostics.add({ code: TxCodes.ConfigInvalid, message: `snapshot '${name}': ${p.message}`, loc, hint: p.hint });
  return problems.length === 0;
}
