/**
 * Everything the parse phase needs that is the same for every file: built once per invocation.
 */
import type { TxJinja } from '../jinja/tx-jinja.js';
import type { Dialect } from '../adapter/types.js';
import type { DbtProject } from '../project/dbt-project.js';
import type { TargetInfo } from '../context/target.js';
import type { Diagnostics } from '../errors/diagnostics.js';
import type { NodePatch, PropertiesFile } from '../project/properties.js';
import { resolveVars } from '../project/vars.js';
import { folderConfig, mergeConfigs } from './config-merge.js';

export interface ParseContext {
  project: DbtProject;
  jinja: TxJinja;
  dialect: Dialect;
  target: TargetInfo;
  cliVars: Record<string, unknown>;
  diagnostics: Diagnostics;
  /** Property patches by resource type then name. */
  patches: PatchIndex;
  /** Resolved vars per package, memoised (vars are per package, not per node). */
  varsFor(packageName: string): Record<string, unknown>;
  /**
   * Set when `project` is an installed package: the root project, whose config trees
   * (`models: {<package>: {...}}`) override the package's own, as in dbt.
   */
  rootProject?: DbtProject;
}

type ConfigTree = 'models' | 'seeds' | 'snapshots' | 'analyses' | 'dataTests' | 'sources' | 'unitTests';

/** The root project's layers for a package node (none for the root project's own nodes). */
export function rootLayers(ctx: ParseContext, tree: ConfigTree, fqn: string[]): Record<string, unknown>[] {
  return ctx.rootProject ? [folderConfig(ctx.rootProject[tree], ctx.rootProject.name, fqn)] : [];
}

/**
 * dbt's `unrendered_config`: the configs a node is given, as written (dbt_project.yml's Jinja
 * unrendered), merged with dbt's rules; `inner` are the properties-YAML and config() layers.
 * State comparison reads this, so `+schema: "{{ env_var('X') }}"` is the same in every environment.
 */
export function unrenderedConfig(ctx: ParseContext, tree: ConfigTree, fqn: string[], ...inner: Record<string, unknown>[]): Record<string, unknown> {
  const root = ctx.rootProject ? [folderConfig(ctx.rootProject.unrendered[tree], ctx.rootProject.name, fqn)] : [];
  return mergeConfigs(folderConfig(ctx.project.unrendered[tree], ctx.project.name, fqn), ...inner, ...root);
}

export interface PatchIndex {
  models: Map<string, NodePatch>;
  seeds: Map<string, NodePatch>;
  snapshots: Map<string, NodePatch>;
  analyses: Map<string, NodePatch>;
  macros: Map<string, NodePatch>;
  files: PropertiesFile[];
}

export function makeVarsFor(project: DbtProject, cliVars: Record<string, unknown>, packages: readonly DbtProject[] = []): (pkg: string) => Record<string, unknown> {
  const cache = new Map<string, Record<string, unknown>>();
  const own = new Map(packages.map((p) => [p.name, p.vars]));
  return (pkg) => {
    let v = cache.get(pkg);
    if (!v) {
      // A package's own vars are defaults; the root project's and --vars win.
      v = resolveVars(project.vars, project.name, pkg, cliVars, own.get(pkg));
      cache.set(pkg, v);
    }
    return v;
  };
}
