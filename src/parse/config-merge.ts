/**
 * dbt's config precedence and merge rules (dbt-core context_config.py and the
 * MergeBehavior metadata on its config dataclasses).
 *
 * Precedence, lowest to highest:
 *   defaults → dbt_project.yml (root of the tree, then each folder down the fqn, then the
 *   node-name key) → properties YAML `config:` → `config()` in the file.
 * For nodes in an installed package dbt then applies the ROOT project's dbt_project.yml
 * tree on top of everything (so the root project can override a package's in-file
 * config); pass those layers as `rootProjectLayers`.
 *
 * Merge: most keys clobber; `tags`, `pre-hook`, `post-hook`, `packages` append; `meta`,
 * `persist_docs`, `quoting`, `column_types`, `docs`, `contract` shallow-update; `grants`
 * updates per privilege, where a `+privilege` key appends instead of replacing.
 */
import type { NodeConfig } from './manifest-types.js';

export type ConfigResourceType = 'model' | 'seed' | 'snapshot' | 'test' | 'analysis' | 'operation';

const APPEND_KEYS = new Set(['tags', 'pre-hook', 'post-hook', 'packages']);
const UPDATE_KEYS = new Set(['meta', 'persist_docs', 'quoting', 'column_types', 'docs', 'contract']);
const KEY_ALIASES: Record<string, string> = { pre_hook: 'pre-hook', post_hook: 'post-hook' };

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const listify = (v: unknown): unknown[] => (Array.isArray(v) ? [...v] : v === undefined || v === null ? [] : [v]);

/** `+materialized` → `materialized`, `pre_hook` → `pre-hook`. */
export function normalizeConfigKey(key: string): string {
  const k = key.startsWith('+') ? key.slice(1).trim() : key;
  return KEY_ALIASES[k] ?? k;
}

function normalizeLayer(layer: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(layer)) {
    const nk = normalizeConfigKey(k);
    // `pre_hook` and `pre-hook` in one layer: both apply, in document order.
    out[nk] = APPEND_KEYS.has(nk) && nk in out ? [...listify(out[nk]), ...listify(v)] : v;
  }
  return out;
}

/**
 * The configs that apply from one project's `models:`-style tree, merged root-to-leaf.
 * dbt's fqn_search: start at the tree root, then descend by fqn parts (package, folders,
 * node name) while the next key holds a dict. At every level `+key` is a config; an
 * unprefixed key is a config only when its value is not a dict (a dict-valued
 * unprefixed key is a sub-folder — which is why dict configs like `meta` need `+`).
 */
export function folderConfig(tree: Record<string, unknown>, projectName: string, fqn: string[]): Record<string, unknown> {
  return mergeConfigs(...folderConfigLayers(tree, projectName, fqn));
}

/** The per-level layers `folderConfig` merges, most general first. */
export function folderConfigLayers(tree: Record<string, unknown>, projectName: string, fqn: string[]): Record<string, unknown>[] {
  // The node's fqn already starts with its package; dbt searches it as-is, also when the
  // tree is the ROOT project's (then `models: {<package>: ...}` configures the package).
  // `projectName` is only used when a caller passes an fqn without the package.
  const parts = fqn.length > 0 ? fqn : [projectName];
  const layers: Record<string, unknown>[] = [];
  let level: Record<string, unknown> = tree;
  layers.push(levelConfigs(level));
  for (const part of parts) {
    const next = level[part];
    if (!isRecord(next)) break;
    level = next;
    layers.push(levelConfigs(level));
  }
  return layers;
}

function levelConfigs(level: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(level)) {
    if (k.startsWith('+')) out[k.slice(1).trim()] = v;
    else if (!isRecord(v)) out[k] = v;
  }
  return out;
}

/** Merge config layers, later wins, with dbt's per-key merge behaviour. Input is not mutated. */
export function mergeConfigs(...layers: Record<string, unknown>[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const raw of layers) {
    for (const [key, value] of Object.entries(normalizeLayer(raw))) {
      const prev = out[key];
      if (key === 'tags') {
        const merged = [...listify(prev), ...listify(value)];
        out[key] = [...new Set(merged.map(String))];
      } else if (APPEND_KEYS.has(key)) {
        out[key] = [...listify(prev), ...listify(value)];
      } else if (UPDATE_KEYS.has(key) && isRecord(value)) {
        out[key] = { ...(isRecord(prev) ? prev : {}), ...value };
      } else if (key === 'grants' && isRecord(value)) {
        out[key] = mergeGrants(isRecord(prev) ? prev : {}, value);
      } else {
        out[key] = value;
      }
    }
  }
  return out;
}

/** dbt's DictKeyAppend: values become lists; `+select: [x]` extends, `select: [x]` replaces. */
function mergeGrants(prev: Record<string, unknown>, next: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown[]> = {};
  for (const [k, v] of Object.entries(prev)) out[k] = listify(v);
  for (const [k, v] of Object.entries(next)) {
    const extend = k.startsWith('+');
    const name = k.replace(/^\++/, '');
    out[name] = extend && out[name] ? [...out[name]!, ...listify(v)] : listify(v);
  }
  return out;
}

export function defaultNodeConfig(resourceType: ConfigResourceType): NodeConfig {
  const base: NodeConfig = {
    enabled: true,
    alias: null,
    schema: null,
    database: null,
    tags: [],
    meta: {},
    group: null,
    materialized: 'view',
    incremental_strategy: null,
    batch_size: null,
    lookback: 1,
    begin: null,
    persist_docs: {},
    'post-hook': [],
    'pre-hook': [],
    quoting: {},
    column_types: {},
    full_refresh: null,
    unique_key: null,
    on_schema_change: 'ignore',
    on_configuration_change: 'apply',
    grants: {},
    packages: [],
    docs: { show: true, node_color: null },
    contract: { enforced: false, alias_types: true },
    event_time: null,
    concurrent_batches: null,
  };
  switch (resourceType) {
    case 'model':
      return { ...base, access: 'protected' };
    case 'analysis':
    case 'operation':
      return base;
    case 'seed':
      return { ...base, materialized: 'seed', delimiter: ',', quote_columns: null };
    case 'snapshot':
      return {
        ...base, materialized: 'snapshot', strategy: null, target_schema: null, target_database: null,
        updated_at: null, check_cols: null, snapshot_meta_column_names: {}, dbt_valid_to_current: null,
      };
    case 'test':
      return {
        ...base, materialized: 'test', schema: 'dbt_test__audit', severity: 'ERROR', store_failures: null,
        store_failures_as: null, where: null, limit: null, fail_calc: 'count(*)', warn_if: '!= 0', error_if: '!= 0',
      };
  }
}

/**
 * The node's final config. `projectTreeLayers` are the node's own project's tree layers
 * (usually `[folderConfig(tree, pkg, fqn)]`); `rootProjectLayers` only for package nodes.
 */
export function resolveNodeConfig(
  resourceType: ConfigResourceType,
  projectTreeLayers: Record<string, unknown>[],
  propertiesConfig: Record<string, unknown>,
  configCall: Record<string, unknown>,
  rootProjectLayers: Record<string, unknown>[] = [],
): NodeConfig {
  const merged = mergeConfigs(
    defaultNodeConfig(resourceType),
    ...projectTreeLayers,
    propertiesConfig,
    configCall,
    ...rootProjectLayers,
  );
  // `tags: my_tag` is legal everywhere; the resolved config always holds a list of strings.
  merged['tags'] = listify(merged['tags']).map(String);
  merged['pre-hook'] = listify(merged['pre-hook']);
  merged['post-hook'] = listify(merged['post-hook']);
  return merged as NodeConfig;
}
