/**
 * The `on-run-start` / `on-run-end` hooks of the root project and its installed packages as
 * dbt's HookNodes: `operation.<project>.<project>-<hook type>-<i>`, path
 * `hooks/<name>.sql`, tagged with the hook type, relation in the target's schema.
 */
import type { DbtProject } from '../project/dbt-project.js';
import type { HookNode, RunHookType } from './manifest-types.js';
import { defaultNodeConfig } from './config-merge.js';
import { fileChecksum } from './checksum.js';
import { noReferences } from './not-compiled.js';

export const RUN_HOOK_TYPES: readonly RunHookType[] = ['on-run-start', 'on-run-end'];

export interface HookTarget {
  database: string | null;
  schema: string;
}

function hookNode(project: DbtProject, type: RunHookType, index: number, sql: string, target: HookTarget): HookNode {
  const name = `${project.name}-${type}-${index}`;
  const path = `hooks/${name}.sql`;
  const raw = project.raw[type];
  const loc = project.yaml.valueLocOf(Array.isArray(raw) ? [type, index] : [type]);
  return {
    unique_id: `operation.${project.name}.${name}`,
    resource_type: 'operation',
    hook_type: type,
    index,
    loc,
    package_name: project.name,
    name,
    path,
    // dbt names the file a hook comes from relative to the project root, with a leading './'.
    original_file_path: './dbt_project.yml',
    abs_path: project.file,
    fqn: [project.name, 'hooks', name],
    alias: name,
    schema: target.schema,
    database: target.database,
    checksum: fileChecksum(sql),
    config: defaultNodeConfig('operation'),
    config_call_dict: {},
    unrendered_config: {},
    tags: [type],
    description: '',
    columns: {},
    meta: {},
    docs: { show: true, node_color: null },
    patch_path: null,
    raw_code: sql,
    language: 'sql',
    ...noReferences(),
  };
}

/** Every project's hooks, keyed by unique_id. */
export function projectHookNodes(projects: readonly DbtProject[], target: HookTarget): Record<string, HookNode> {
  const out: Record<string, HookNode> = {};
  for (const project of projects) {
    for (const type of RUN_HOOK_TYPES) {
      const list = type === 'on-run-start' ? project.onRunStart : project.onRunEnd;
      list.forEach((sql, i) => {
        const node = hookNode(project, type, i, sql, target);
        out[node.unique_id] = node;
      });
    }
  }
  return out;
}

/**
 * The hooks of one type in dbt's run order (RunTask.get_hooks_by_type): the root project's
 * first, then each package's in package-name order; within a project, as listed.
 */
export function orderedHooks(hooks: Record<string, HookNode>, type: RunHookType, rootProject: string): HookNode[] {
  const rank = (h: HookNode): string => (h.package_name === rootProject ? '' : `~${h.package_name}`);
  return Object.values(hooks)
    .filter((h) => h.hook_type === type)
    .sort((a, b) => (rank(a) < rank(b) ? -1 : rank(a) > rank(b) ? 1 : a.index - b.index));
}
