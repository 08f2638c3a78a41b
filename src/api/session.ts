/**
 * Opening a project: load → parse → graph. Everything up to here reads files only.
 * A Session is what every command starts from.
 */
import { dirname, join, resolve, isAbsolute } from 'node:path';
import type { Invocation } from '../invocation.js';
import type { CommonOptions } from './options.js';
import type { DbtProject } from '../project/dbt-project.js';
import type { Adapter, Dialect, TargetCredentials } from '../adapter/types.js';
import type { Manifest } from '../parse/manifest-types.js';
import type { TxTemplate } from '../jinja/tx-jinja.js';
import type { TxGraph } from '../graph/index.js';
import { findProjectDir, loadDbtProject } from '../project/dbt-project.js';
import { loadInstalledPackages } from '../project/packages.js';
import { resolveProfile } from '../project/profiles.js';
import { parseCliVars } from '../project/vars.js';
import { listFiles } from '../project/files.js';
import { TxJinja } from '../jinja/tx-jinja.js';
import { createBuiltins } from '../jinja/builtins.js';
import { loadAdapter } from '../adapter/registry.js';
import { Relation } from '../adapter/relation.js';
import { Diagnostics } from '../errors/diagnostics.js';
import { targetInfo, type TargetInfo } from '../context/target.js';
import { makeVarFunction } from '../context/var-function.js';
import { createAdapterObject } from '../context/adapter-object.js';
import { createApiObject } from '../context/api-object.js';
import { flagsObject, invocationArgs } from '../context/flags.js';
import { loadMacros } from '../parse/macros.js';
import { makeVarsFor, type ParseContext } from '../parse/parse-context.js';
import { indexPatches, parseProjectNodes, readPropertiesFiles, type ProjectUnit } from '../parse/parse-project.js';
import { buildGraph, assertAcyclic } from '../graph/index.js';
import { addSourceProducerEdges } from '../graph/source-producers.js';
import { DBT_VERSION } from '../artifacts/version.js';
import { promotes, warningNames } from '../errors/warn-error.js';
import { PhaseTimer } from './phase-timer.js';
import { checkParsedModels } from './parse-checks.js';
import { PreviousState } from '../state/previous-state.js';

export interface Session {
  inv: Invocation;
  opts: CommonOptions;
  project: DbtProject;
  adapter: Adapter;
  dialect: Dialect;
  credentials: TargetCredentials;
  target: TargetInfo;
  threads: number;
  /** Absolute target directory (target-path, or --target-path). */
  targetDir: string;
  jinja: TxJinja;
  baseScope: Record<string, unknown>;
  cliVars: Record<string, unknown>;
  diagnostics: Diagnostics;
  /** Installed packages (dbt_packages/), loaded like the root project. */
  packages: DbtProject[];
  varsFor(pkg: string): Record<string, unknown>;
  timer: PhaseTimer;
  /** --state's artifacts, read on first use; undefined without --state. */
  previousState(): PreviousState | undefined;
  /** The state --defer reads (--defer-state, else --state), read on first use. */
  deferState(): PreviousState | undefined;
}

export interface ParsedProject {
  manifest: Manifest;
  templates: Map<string, TxTemplate>;
  graph: TxGraph;
}

/** Renders Jinja inside dbt_project.yml / profiles.yml: env_var() and CLI vars only, as dbt does. */
export function yamlRenderer(inv: Invocation, cliVars: Record<string, unknown>) {
  const builtins = createBuiltins({ invocationId: inv.invocationId, runStartedAt: inv.startedAt, env: inv.env, log: () => {} });
  const jinja = new TxJinja({ rootPackage: '__yaml__', adapterType: 'default', globals: builtins });
  return (value: string, loc: { file: string; line: number; col: number }): string => {
    const scope: Record<string, unknown> = { var: makeVarFunction(cliVars, () => loc) };
    return jinja.renderString(value, loc.file, scope);
  };
}

export async function openSession(inv: Invocation, opts: CommonOptions): Promise<Session> {
  const timer = new PhaseTimer(inv.clock);
  const projectDir = findProjectDir(inv.cwd, opts.projectDir);
  const cliVars = parseCliVars(opts.vars ?? '');
  const render = yamlRenderer(inv, cliVars);
  const project = loadDbtProject(projectDir, render);
  const packages = loadInstalledPackages(project, render);
  const targetPath = opts.targetPath ?? inv.env['DBT_TARGET_PATH'] ?? project.targetPath;
  const targetDir = isAbsolute(targetPath) ? targetPath : resolve(projectDir, targetPath);

  const profile = resolveProfile({
    projectDir,
    profilesDir: opts.profilesDir === undefined ? undefined : resolve(inv.cwd, opts.profilesDir),
    env: inv.env,
    homeDir: opts.homeDir,
    cwd: inv.cwd,
    profileName: opts.profile ?? project.profile,
    targetName: opts.target ?? inv.env['DBT_TARGET'],
    render,
  });
  let raw: Record<string, unknown>;
  let profileName: string;
  let targetName: string;
  if (profile) {
    raw = profile.outputs;
    profileName = profile.profileName;
    targetName = profile.targetName;
  } else {
    // The embedded default: a DuckDB file inside target/, no server and no profile needed.
    const path = join(targetDir, `${project.name}.duckdb`);
    raw = { type: 'duckdb', path, schema: 'main', threads: 4 };
    profileName = project.profile ?? project.name;
    targetName = 'dev';
    inv.reporter.emit({ type: 'info', message: `No profiles.yml found for profile '${profileName}': using embedded DuckDB at ${path}` });
  }
  const adapter = await loadAdapter(String(raw['type']));
  const credentials = adapter.resolveCredentials(raw);
  const threads = opts.threads ?? credentials.threads;
  const target = targetInfo(profileName, targetName, { ...credentials, threads }, adapter.secretKeys);

  const flags = flagsObject({ inv, opts, projectDir, profilesDir: profile ? dirname(profile.file) : null, targetPath });
  const diagnostics = new Diagnostics((w) => promotes(opts.warnError === true, opts.warnErrorOptions, warningNames(w.code)));
  // The engine's globals: filled below (adapter.dispatch needs the engine itself).
  const baseScope: Record<string, unknown> = {};
  const jinja = new TxJinja({ rootPackage: project.name, adapterType: adapter.dialect.name, adapterParents: adapter.dialect.parent ? [adapter.dialect.parent] : [], dispatchOrder: project.dispatch, globals: baseScope });
  const builtins = createBuiltins({
    invocationId: inv.invocationId,
    runStartedAt: inv.startedAt,
    env: inv.env,
    log: (msg, info) => inv.reporter.emit({ type: info ? 'info' : 'debug', message: msg }),
  });
  Object.assign(baseScope, {
    ...builtins,
    target,
    adapter: createAdapterObject(jinja, adapter.dialect, adapter.dialect.name),
    project_name: project.name,
    dbt_version: DBT_VERSION,
    flags,
    invocation_args_dict: invocationArgs(flags, opts),
    thread_id: 'MainThread',
    graph: { nodes: {}, sources: {}, exposures: {}, metrics: {} },
    selected_resources: [],
    dbt: jinja.packageNamespace('dbt'),
    [project.name]: jinja.packageNamespace(project.name),
    api: createApiObject(adapter.dialect, project.quoting as Record<string, unknown>),
  });
  timer.mark('load');
  let previous: PreviousState | undefined;
  const previousState = (): PreviousState | undefined => {
    if (opts.state === undefined) return undefined;
    return (previous ??= PreviousState.load(inv.cwd, opts.state));
  };
  let deferred: PreviousState | undefined;
  const deferState = (): PreviousState | undefined => {
    if (opts.deferState === undefined || opts.deferState === opts.state) return previousState();
    return (deferred ??= PreviousState.load(inv.cwd, opts.deferState));
  };
  return { inv, opts, project, adapter, dialect: adapter.dialect, credentials, target, threads, targetDir, jinja, baseScope, cliVars, diagnostics, varsFor: makeVarsFor(project, cliVars, packages), timer, packages, previousState, deferState };
}

/** Parses every file into the manifest and builds the DAG. Gate: any error stops here. */
export function parseSession(s: Session): ParsedProject {
  // `{% test %}` blocks may also live in <test-path>/generic/, as dbt allows.
  const genericTestDirs = s.project.testPaths.map((t) => `${t}/generic`);
  const macroFiles = listFiles(s.project.rootDir, [...s.project.macroPaths, ...genericTestDirs], ['.sql']);
  const macros = loadMacros(s.jinja, {
    adapterType: s.dialect.name,
    adapterParents: s.dialect.parent ? [s.dialect.parent] : [],
    projectName: s.project.name,
    projectFiles: macroFiles,
    diagnostics: s.diagnostics,
    packages: s.packages.map((pkg) => ({
      name: pkg.name,
      files: listFiles(pkg.rootDir, [...pkg.macroPaths, ...pkg.testPaths.map((t) => `${t}/generic`)], ['.sql']),
    })),
  });
  const ctx: ParseContext = {
    project: s.project,
    jinja: s.jinja,
    dialect: s.dialect,
    target: s.target,
    cliVars: s.cliVars,
    diagnostics: s.diagnostics,
    patches: { models: new Map(), seeds: new Map(), snapshots: new Map(), analyses: new Map(), macros: new Map(), files: [] },
    varsFor: s.varsFor,
  };
  const units: ProjectUnit[] = [ctx, ...s.packages.map((pkg): ParseContext => ({ ...ctx, project: pkg, rootProject: s.project }))].map((c) => {
    const propertyFiles = readPropertiesFiles(c);
    c.patches = indexPatches(propertyFiles.map((p) => p.file), s.diagnostics);
    return { ctx: c, propertyFiles };
  });
  const { manifest, templates } = parseProjectNodes(units, macros);
  s.timer.mark('parse');
  // dbt's `graph` context member: the parsed nodes and sources (what packages iterate over).
  // dbt's graph.nodes holds the project hooks too (resource_type operation).
  s.baseScope['graph'] = { nodes: { ...manifest.nodes, ...manifest.hooks }, sources: manifest.sources, exposures: manifest.exposures, metrics: {}, groups: {}, semantic_models: {}, saved_queries: {}, unit_tests: manifest.unit_tests };
  const graph = buildGraph(manifest);
  addSourceProducerEdges(graph, manifest);
  s.diagnostics.collect(() => assertAcyclic(graph, manifest));
  s.timer.mark('graph');
  s.diagnostics.collect(() => checkParsedModels(s, manifest));
  s.diagnostics.gate('parse');
  // The phase passed: its warnings are printed now (and not again at a later gate).
  for (const w of s.diagnostics.takeWarnings()) s.inv.reporter.emit({ type: 'diagnostic', error: w });
  return { manifest, templates, graph };
}
