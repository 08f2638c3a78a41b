/**
 * `--defer`: a ref() to a node this command does not build reads the relation a previous run
 * built (the `--state` manifest's), unless the node exists in the target (dbt's
 * RuntimeRefResolver.create_relation; `--favor-state` prefers the state relation even then).
 * Only models, seeds and snapshots defer, and only when the state built them (not ephemeral).
 * Pure: which target relations exist is an input.
 */
import type { Dialect } from '../adapter/types.js';
import type { Manifest, ManifestNode } from '../parse/manifest-types.js';
import { Relation } from '../adapter/relation.js';
import { quotingFlags } from '../parse/node-relation.js';

type Rec = Record<string, unknown>;
const isRec = (v: unknown): v is Rec => typeof v === 'object' && v !== null && !Array.isArray(v);

/** dbt's DeferRelation, as the manifest records it on each node the state also has. */
export interface DeferRelation {
  database: string | null;
  schema: string;
  alias: string;
  relation_name: string | null;
  resource_type: string;
  name: string;
  description: string;
  compiled_code: string | null;
  meta: Rec;
  tags: string[];
  config: Rec;
}

/** Maps a ref target to the relation it should read instead, or undefined to read its own. */
export type DeferFn = (target: ManifestNode) => Relation | undefined;

const REFABLE = new Set(['model', 'seed', 'snapshot']);

/** The state's version of every refable, non-ephemeral node that both manifests hold. */
export function deferRelations(manifest: Manifest, stateNodes: Record<string, Rec>): Map<string, DeferRelation> {
  const out = new Map<string, DeferRelation>();
  for (const [id, node] of Object.entries(manifest.nodes)) {
    if (!REFABLE.has(node.resource_type) || node.config.materialized === 'ephemeral') continue;
    const old = stateNodes[id];
    if (!old) continue;
    const config = isRec(old['config']) ? old['config'] : {};
    if (config['materialized'] === 'ephemeral' || typeof old['schema'] !== 'string') continue;
    out.set(id, {
      database: typeof old['database'] === 'string' ? old['database'] : null,
      schema: old['schema'],
      alias: typeof old['alias'] === 'string' ? old['alias'] : String(old['name'] ?? node.alias),
      relation_name: typeof old['relation_name'] === 'string' ? old['relation_name'] : null,
      resource_type: String(old['resource_type'] ?? node.resource_type),
      name: String(old['name'] ?? node.name),
      description: String(old['description'] ?? ''),
      compiled_code: typeof old['compiled_code'] === 'string' ? old['compiled_code'] : null,
      meta: isRec(old['meta']) ? old['meta'] : {},
      tags: Array.isArray(old['tags']) ? (old['tags'] as string[]) : [],
      config,
    });
  }
  return out;
}

/** The relation a DeferRelation names, quoted as the state node was configured. */
export function stateRelation(dialect: Dialect, projectQuoting: Rec, d: DeferRelation): Relation {
  const type = d.config['materialized'] === 'view' ? 'view' : 'table';
  return Relation.create(dialect, { database: d.database, schema: d.schema, identifier: d.alias }, type, {
    ...quotingFlags(projectQuoting),
    ...quotingFlags(isRec(d.config['quoting']) ? d.config['quoting'] : undefined),
  });
}

export interface DeferOptions {
  dialect: Dialect;
  projectQuoting: Rec;
  relations: ReadonlyMap<string, DeferRelation>;
  /** What this command builds: those are never deferred. */
  selected: ReadonlySet<string>;
  favorState: boolean;
  /** Whether the node's own relation exists in the target; undefined: unknown (treated as missing). */
  existsInTarget?: (node: ManifestNode) => boolean;
}

export function makeDefer(o: DeferOptions): DeferFn {
  return (target) => {
    if (o.selected.has(target.unique_id)) return undefined;
    const d = o.relations.get(target.unique_id);
    if (!d) return undefined;
    if (!o.favorState && o.existsInTarget?.(target) === true) return undefined;
    return stateRelation(o.dialect, o.projectQuoting, d);
  };
}
