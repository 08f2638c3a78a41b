/**
 * Files → Manifest. Reads only files; every problem is collected so the user sees all
 * of them at once, and the phase gate fails once at the end.
 */
import { readFileSync } from 'node:fs';
import { posix } from 'node:path';
import type { Manifest, ManifestNode, SourceNode, MacroNode, TestNode } from './manifest-types.js';
import type { TxTemplate } from '../jinja/tx-jinja.js';
import type { ParseContext, PatchIndex } from './parse-context.js';
import type { NodePatch, PropertiesFile } from '../project/properties.js';
import { listFiles, type ProjectFile } from '../project/files.js';
import { parseYamlFile } from '../project/yaml-file.js';
import { parsePropertiesFile } from '../project/properties.js';
import { parseSqlFile, isEnabled } from './sql-nodes.js';
import { parseSeedFile } from './seed-nodes.js';
import { parseSnapshotFile, parseYamlSnapshots } from './snapshot-nodes.js';
import { checkProjectFreshness, parseSources } from './source-nodes.js';
import { parseGenericTests } from './generic-tests.js';
import { parseUnitTests } from './unit-tests.js';
import { attachUnitTests } from './unit-test-targets.js';
import { loadDocs, renderDescriptions } from './docs.js';
import { buildRefIndex, resolveCalls, resolveDependencies } from './resolve-refs.js';
import { parseExposures } from './exposures.js';
import { createRelationNamer } from './relation-names.js';
import { TxCodes } from '../errors/tx-error.js';
import { nodeRelation } from './node-relation.js';
import { makeVarFunction } from '../context/var-function.js';
import { indexVersionedFiles } from './model-versions.js';
import { projectHookNodes } from './hook-nodes.js';

const sqlFileName = (f: ProjectFile): string => posix.basename(f.pathInResource).replace(/\.sql$/i, '');

export interface ParseResult {
  manifest: Manifest;
  /** Compiled templates by node unique_id, so compile never re-parses a file. */
  templates: Map<string, TxTemplate>;
}

const RESOURCE_PATHS = (ctx: ParseContext) => ({
  model: ctx.project.modelPaths,
  seed: ctx.project.seedPaths,
  analysis: ctx.project.analysisPaths,
  snapshot: ctx.project.snapshotPaths,
  test: ctx.project.testPaths,
  macro: ctx.project.macroPaths,
});

export function readPropertiesFiles(ctx: ParseContext): { file: PropertiesFile; resourceDir: string }[] {
  const p = RESOURCE_PATHS(ctx);
  const dirs = [...new Set([...p.model, ...p.seed, ...p.analysis, ...p.snapshot, ...p.test, ...p.macro])];
  const out: { file: PropertiesFile; resourceDir: string }[] = [];
  for (const f of listFiles(ctx.project.rootDir, dirs, ['.yml', '.yaml'])) {
    const parsed = ctx.diagnostics.collect(() => parsePropertiesFile(parseYamlFile(f.absPath, readFileSync(f.absPath, 'utf8')), f.relPath));
    if (!parsed) continue;
    for (const d of parsed.diagnostics) ctx.diagnostics.add(d);
    out.push({ file: parsed, resourceDir: f.resourceDir });
  }
  return out;
}

export function indexPatches(files: PropertiesFile[], diagnostics: ParseContext['diagnostics']): PatchIndex {
  const idx: PatchIndex = { models: new Map(), seeds: new Map(), snapshots: new Map(), analyses: new Map(), macros: new Map(), files };
  const add = (map: Map<string, NodePatch>, kind: string, list: NodePatch[]) => {
    for (const p of list) {
      const prev = map.get(p.name);
      if (prev) {
        diagnostics.add({ code: TxCodes.DuplicateName, message: `${kind} '${p.name}' is described twice in properties YAML (also in ${prev.file})`, loc: p.loc, hint: 'keep one entry per node' });
        continue;
      }
      map.set(p.name, p);
    }
  };
  for (const f of files) {
    add(idx.models, 'model', f.models);
    add(idx.seeds, 'seed', f.seeds);
    add(idx.snapshots, 'snapshot', f.snapshots);
    add(idx.analyses, 'analysis', f.analyses);
    add(idx.macros, 'macro', f.macros);
  }
  return idx;
}

/** One project to parse: the root project or an installed package, with its properties files. */
export interface ProjectUnit {
  ctx: ParseContext;
  propertyFiles: { file: PropertiesFile; resourceDir: string }[];
}

/** Parses the root project and every installed package into one manifest. */
export function parseProjectNodes(units: ProjectUnit[], macros: MacroNode[]): ParseResult {
  const root = units[0]!;
  const ctx = root.ctx;
  const { project, diagnostics } = ctx;
  const namer = createRelationNamer(ctx.jinja, project.name, ctx.target.database);
  const manifest: Manifest = {
    nodes: {}, sources: {}, macros: {}, docs: {}, disabled: {}, unit_tests: {}, exposures: {},
    hooks: projectHookNodes(units.map((u) => u.ctx.project), ctx.target),
  };
  const templates = new Map<string, TxTemplate>();
  for (const m of macros) manifest.macros[m.unique_id] = m;

  const add = (node: ManifestNode | undefined, file: ProjectFile) => {
    if (!node) return;
    if (!isEnabled(node.config)) {
      (manifest.disabled[node.unique_id] ??= []).push(node);
      return;
    }
    const prev = manifest.nodes[node.unique_id];
    if (prev) {
      diagnostics.add({
        code: TxCodes.DuplicateName,
        message: `dbt found two ${node.resource_type}s with the name "${node.name}": ${prev.original_file_path} and ${file.relPath}`,
        loc: { file: file.absPath, line: 1, col: 1 },
        hint: 'rename one of them, or disable one with enabled: false',
      });
      return;
    }
    manifest.nodes[node.unique_id] = node;
  };
  for (const unit of units) parseOneProject(unit, namer, manifest, templates, add);

  // A model and a seed may not share a name either: ref() could not tell them apart.
  const byName = new Map<string, ManifestNode>();
  for (const n of Object.values(manifest.nodes)) {
    if (n.resource_type === 'analysis' || n.resource_type === 'test') continue;
    const prev = byName.get(n.name);
    if (prev && prev.resource_type !== n.resource_type) {
      diagnostics.add({
        code: TxCodes.DuplicateName,
        message: `two resources share the name "${n.name}": ${prev.original_file_path} (${prev.resource_type}) and ${n.original_file_path} (${n.resource_type})`,
        loc: { file: n.abs_path, line: 1, col: 1 },
        hint: 'rename one of them so ref() is unambiguous',
      });
    } else byName.set(n.name, n);
  }

  const refIndex = buildRefIndex(manifest);
  resolveDependencies(manifest, refIndex, diagnostics);
  attachTests(manifest);
  attachUnitTests(ctx, manifest, refIndex, parseUnitTests(ctx, root.propertyFiles.map((x) => x.file)));
  addExposures(units, manifest, refIndex);
  assignRelationNames(ctx, manifest);
  const rootDirs = new Map(units.map((u) => [u.ctx.project.name, u.ctx.project.rootDir]));
  renderDescriptions(manifest, ctx.jinja, {
    rootDirOf: (pkg) => rootDirs.get(pkg) ?? project.rootDir,
    varFor: (pkg, file) => makeVarFunction(ctx.varsFor(pkg), () => ({ file, line: 0, col: 0 })),
  }, diagnostics);
  return { manifest, templates };
}


function parseOneProject(
  { ctx, propertyFiles }: ProjectUnit,
  namer: ReturnType<typeof createRelationNamer>,
  manifest: Manifest,
  templates: Map<string, TxTemplate>,
  add: (node: ManifestNode | undefined, file: ProjectFile) => void,
): void {
  const { project, diagnostics } = ctx;
  const p = RESOURCE_PATHS(ctx);
  const docsDirs = project.docsPaths.length > 0 ? project.docsPaths : [...p.model, ...p.seed, ...p.analysis, ...p.snapshot, ...p.test, ...p.macro];
  Object.assign(manifest.docs, loadDocs(listFiles(project.rootDir, [...new Set(docsDirs)], ['.md']), project.name, diagnostics));

  checkProjectFreshness(ctx);
  for (const { file, resourceDir } of propertyFiles) {
    for (const s of parseSources(ctx, file, resourceDir)) addSource(manifest, s, diagnostics);
  }

  for (const f of listFiles(project.rootDir, p.seed, ['.csv'])) add(parseSeedFile(ctx, namer, f, readFileSync(f.absPath, 'utf8')), f);
  const modelFiles = listFiles(project.rootDir, p.model, ['.sql']);
  const versioned = indexVersionedFiles(ctx.patches.models.values(), new Set(modelFiles.map((f) => sqlFileName(f))), diagnostics);
  for (const [kind, files] of [['model', modelFiles], ['analysis', listFiles(project.rootDir, p.analysis, ['.sql'])]] as const) {
    for (const f of files) {
      const parsed = parseSqlFile(ctx, namer, f, readFileSync(f.absPath, 'utf8'), kind, kind === 'model' ? versioned.get(sqlFileName(f)) : undefined);
      if (!parsed) continue;
      add(parsed.node, f);
      templates.set(parsed.node.unique_id, parsed.template);
    }
  }

  // Snapshots: `{% snapshot %}` blocks in snapshot-paths, then YAML snapshots (`relation:`).
  for (const f of listFiles(project.rootDir, p.snapshot, ['.sql'])) {
    for (const snap of parseSnapshotFile(ctx, namer, f, readFileSync(f.absPath, 'utf8'))) (add(snap.node, snap.file), templates.set(snap.node.unique_id, snap.template));
  }
  for (const snap of parseYamlSnapshots(ctx, namer, propertyFiles)) (add(snap.node, snap.file), templates.set(snap.node.unique_id, snap.template));

  // Singular tests; as in dbt, `<test-path>/generic/` holds `{% test %}` macros and
  // `<test-path>/fixtures/` unit test fixtures, neither of which is a test.
  for (const f of listFiles(project.rootDir, p.test, ['.sql'])) {
    if (isNotSingularTest(f.pathInResource)) continue;
    const parsed = parseSqlFile(ctx, namer, f, readFileSync(f.absPath, 'utf8'), 'test');
    if (!parsed) continue;
    add(parsed.node, f);
    templates.set(parsed.node.unique_id, parsed.template);
  }
  addGenericTests(ctx, manifest, parseGenericTests(ctx, namer, propertyFiles.map((x) => x.file)));
  applyMacroPatches(ctx, manifest);
}

/** `macros:` entries in properties YAML document the package's own macros: description, arguments, meta, docs. */
function applyMacroPatches(ctx: ParseContext, manifest: Manifest): void {
  const pkg = ctx.project.name;
  for (const [name, patch] of ctx.patches.macros) {
    const macro = manifest.macros[`macro.${pkg}.${name}`];
    if (!macro) continue;
    macro.description = patch.description;
    macro.arguments = patch.arguments;
    macro.meta = patch.meta;
    macro.patch_path = `${pkg}://${patch.file}`;
    if (patch.docs) macro.docs = { show: patch.docs.show ?? true, node_color: patch.docs.node_color ?? null };
  }
}

/** dbt skips files whose first folder under a test path is `generic` or `fixtures`. */
export function isNotSingularTest(pathInResource: string): boolean {
  const first = pathInResource.split('/')[0];
  return pathInResource.includes('/') && (first === 'generic' || first === 'fixtures');
}

/**
 * Generic tests join the manifest unless disabled or attached to a disabled node (dbt
 * disables those silently). Two tests with the same unique_id (same name and arguments)
 * are an error, as in dbt.
 */
function addGenericTests(ctx: ParseContext, manifest: Manifest, tests: TestNode[]): void {
  const enabledNames = new Set(Object.values(manifest.nodes).map((n) => n.name));
  const disabledNames = new Set(Object.values(manifest.disabled).flat().map((n) => n.name));
  for (const t of tests) {
    const target = t.refs[0]?.name;
    const targetDisabled = target !== undefined && disabledNames.has(target) && !enabledNames.has(target);
    if (!isEnabled(t.config) || targetDisabled) {
      (manifest.disabled[t.unique_id] ??= []).push(t);
      continue;
    }
    if (manifest.nodes[t.unique_id]) {
      ctx.diagnostics.add({
        code: TxCodes.DuplicateName,
        message: `test '${t.name}' is declared twice with the same arguments in ${t.original_file_path}`,
        ...(t.loc ? { loc: t.loc } : {}),
        hint: 'remove the duplicate, or give one of them a distinct `name:`',
      });
      continue;
    }
    manifest.nodes[t.unique_id] = t;
  }
}

/** attached_node: the model/seed/snapshot a generic test is declared on (none for sources). */
function attachTests(manifest: Manifest): void {
  for (const n of Object.values(manifest.nodes)) {
    if (n.resource_type !== 'test' || n.test_metadata === undefined || n.refs.length === 0 || n.file_key_name?.startsWith('sources.')) continue;
    n.attached_node = n.depends_on.nodes.find((id) => manifest.nodes[id]?.name === n.refs[0]!.name) ?? null;
  }
}

/** Exposures of every project, their ref()/source() calls resolved like a model's (positions: the YAML entry). */
function addExposures(units: ProjectUnit[], manifest: Manifest, refIndex: ReturnType<typeof buildRefIndex>): void {
  const disabledNames = new Set(Object.values(manifest.disabled).flat().map((n) => n.name));
  for (const { ctx, propertyFiles } of units) {
    for (const e of parseExposures(ctx, propertyFiles.map((x) => x.file))) {
      if (e.config.enabled === false) continue;
      if (manifest.exposures[e.unique_id]) {
        ctx.diagnostics.add({ code: TxCodes.DuplicateName, message: `exposure '${e.name}' is defined twice`, loc: e.loc, hint: 'exposure names are unique within a project' });
        continue;
      }
      const locs = (n: number) => Array.from({ length: n }, () => e.loc);
      e.depends_on.nodes = resolveCalls({ ...e, ref_locs: locs(e.refs.length), source_locs: locs(e.sources.length) }, refIndex, disabledNames, ctx.diagnostics);
      manifest.exposures[e.unique_id] = e;
    }
  }
}

function addSource(manifest: Manifest, s: SourceNode, diagnostics: ParseContext['diagnostics']): void {
  if (manifest.sources[s.unique_id]) {
    diagnostics.add({ code: TxCodes.DuplicateName, message: `source '${s.source_name}.${s.name}' is defined twice`, loc: s.loc });
    return;
  }
  if (s.config.enabled === false) return;
  manifest.sources[s.unique_id] = s;
}

function assignRelationNames(ctx: ParseContext, manifest: Manifest): void {
  for (const n of Object.values(manifest.nodes)) {
    if (n.resource_type === 'analysis' || n.resource_type === 'test' || n.config.materialized === 'ephemeral') {
      n.relation_name = null;
      continue;
    }
    n.relation_name = nodeRelation(ctx.dialect, ctx.project.quoting, n).render();
  }
}
