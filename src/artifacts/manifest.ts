/**
 * manifest.json in dbt's manifest v12 shape. Every id-keyed map is sorted by id so
 * compiling twice yields byte-identical output (timestamps live only in metadata).
 */
import { createHash } from 'node:crypto';
import type { HookNode, Manifest, ManifestNode } from '../parse/manifest-types.js';
import { DBT_VERSION, MANIFEST_SCHEMA } from './version.js';
import { dbtTimestamp } from './timestamps.js';
import { serializeDoc, serializeExposure, serializeHook, serializeMacro, serializeNode, serializeSource, serializeUnitTest } from './manifest-nodes.js';

export interface ManifestArtifactInput {
  manifest: Manifest;
  invocationId: string;
  generatedAt: Date;
  /** Defaults to generatedAt. */
  invocationStartedAt?: Date;
  projectName: string;
  adapterType: string;
  parentMap: Record<string, string[]>;
  childMap: Record<string, string[]>;
}

function sortedMap<T, U>(rec: Record<string, T>, f: (v: T) => U): Record<string, U> {
  const out: Record<string, U> = {};
  for (const k of Object.keys(rec).sort()) out[k] = f(rec[k] as T);
  return out;
}

/** dbt's project_id: md5 hex of the project name (dbt/tracking.py). */
export function projectId(projectName: string): string {
  return createHash('md5').update(projectName, 'utf8').digest('hex');
}

export function buildManifest(input: ManifestArtifactInput): object {
  const m = input.manifest;
  const sortedList = (v: string[]): string[] => [...v].sort();
  return {
    metadata: {
      dbt_schema_version: MANIFEST_SCHEMA,
      dbt_version: DBT_VERSION,
      generated_at: dbtTimestamp(input.generatedAt),
      invocation_id: input.invocationId,
      invocation_started_at: dbtTimestamp(input.invocationStartedAt ?? input.generatedAt),
      env: {},
      project_name: input.projectName,
      project_id: projectId(input.projectName),
      // tx sends no usage statistics, so there is no user to identify.
      user_id: null,
      send_anonymous_usage_stats: false,
      adapter_type: input.adapterType,
    },
    // dbt keeps on-run-start / on-run-end hooks among the nodes (resource_type operation).
    nodes: sortedMap<ManifestNode | HookNode, object>({ ...m.nodes, ...(m.hooks ?? {}) }, (n) => (n.resource_type === 'operation' ? serializeHook(n) : serializeNode(n))),
    sources: sortedMap(m.sources, serializeSource),
    macros: sortedMap(m.macros, serializeMacro),
    docs: sortedMap(m.docs, serializeDoc),
    exposures: sortedMap(m.exposures, serializeExposure),
    metrics: {},
    groups: {},
    selectors: {},
    disabled: sortedMap(m.disabled, (list) => list.map(serializeNode)),
    parent_map: sortedMap(input.parentMap, sortedList),
    child_map: sortedMap(input.childMap, sortedList),
    group_map: {},
    saved_queries: {},
    semantic_models: {},
    unit_tests: sortedMap(m.unit_tests, serializeUnitTest),
  };
}
