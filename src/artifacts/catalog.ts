/**
 * catalog.json in dbt's catalog v1 shape: every documented relation's columns, types and
 * statistics as the warehouse reports them, keyed by unique_id (nodes and sources apart).
 * Pure: the relations come from one catalog query per schema, taken by the caller.
 */
import type { CatalogRelation, SchemaRef } from '../adapter/types.js';
import type { Manifest, ManifestNode, SourceNode } from '../parse/manifest-types.js';
import { artifactMetadata } from './version.js';

export const CATALOG_SCHEMA = 'https://schemas.getdbt.com/dbt/catalog/v1.json';

export interface CatalogArtifactInput {
  manifest: Manifest;
  /** Every relation of the schemas catalogSchemas() named; empty for `--empty-catalog`. */
  relations: readonly CatalogRelation[];
  invocationId: string;
  generatedAt: Date;
  invocationStartedAt?: Date;
}

export interface CatalogStat {
  id: string;
  label: string;
  value: string | number | boolean | null;
  include: boolean;
  description: string;
}

export interface CatalogColumnEntry {
  type: string;
  index: number;
  name: string;
  comment: string | null;
}

export interface CatalogTableEntry {
  metadata: { type: string; schema: string; name: string; database: string | null; comment: string | null; owner: string | null };
  columns: Record<string, CatalogColumnEntry>;
  stats: Record<string, CatalogStat>;
  unique_id: string;
}

export interface CatalogArtifact {
  metadata: Record<string, unknown>;
  nodes: Record<string, CatalogTableEntry>;
  sources: Record<string, CatalogTableEntry>;
  errors: string[] | null;
}

type Documented = ManifestNode | SourceNode;

/** Nodes that are relations in the warehouse: models (not ephemeral), seeds and snapshots. */
function isRelationNode(n: ManifestNode): boolean {
  if (n.resource_type === 'model') return n.config.materialized !== 'ephemeral' && n.config.enabled;
  return (n.resource_type === 'seed' || n.resource_type === 'snapshot') && n.config.enabled;
}

function identifierOf(n: Documented): string {
  return n.resource_type === 'source' ? n.identifier : n.alias;
}

function documented(m: Manifest): Documented[] {
  return [...Object.values(m.nodes).filter(isRelationNode), ...Object.values(m.sources)];
}

const key = (db: string | null, schema: string, id: string): string =>
  `${(db ?? '').toLowerCase()}\u0000${schema.toLowerCase()}\u0000${id.toLowerCase()}`;

/** The schemas the catalog must read (one query each), sorted for a deterministic order. */
export function catalogSchemas(m: Manifest): SchemaRef[] {
  const out = new Map<string, SchemaRef>();
  for (const n of documented(m)) {
    const k = key(n.database, n.schema, '');
    if (!out.has(k)) out.set(k, { database: n.database, schema: n.schema });
  }
  return [...out.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, s]) => s);
}

/** dbt's stats: row count and size when known, plus the has_stats flag every adapter writes. */
function stats(r: CatalogRelation): Record<string, CatalogStat> {
  const out: Record<string, CatalogStat> = {};
  if (r.rowCount !== null) {
    out['row_count'] = { id: 'row_count', label: 'Row Count', value: r.rowCount, include: true, description: 'An approximate count of rows in this table' };
  }
  if (r.bytes !== null) {
    out['bytes'] = { id: 'bytes', label: 'Approximate Size', value: r.bytes, include: true, description: 'Approximate size of the table as reported by the warehouse' };
  }
  out['has_stats'] = {
    id: 'has_stats', label: 'Has Stats?', value: r.rowCount !== null || r.bytes !== null, include: false,
    description: 'Indicates whether there are statistics for this table',
  };
  return out;
}

function entry(uniqueId: string, r: CatalogRelation): CatalogTableEntry {
  const columns: Record<string, CatalogColumnEntry> = {};
  for (const c of r.columns) columns[c.name] = { type: c.dataType, index: c.index, name: c.name, comment: c.comment };
  return {
    metadata: { type: r.tableType, schema: r.schema, name: r.identifier, database: r.database, comment: r.comment, owner: r.owner },
    columns,
    stats: stats(r),
    unique_id: uniqueId,
  };
}

export function buildCatalog(input: CatalogArtifactInput): CatalogArtifact {
  const exact = new Map<string, CatalogRelation>();
  const noDb = new Map<string, CatalogRelation>();
  for (const r of input.relations) {
    exact.set(key(r.database, r.schema, r.identifier), r);
    noDb.set(key(null, r.schema, r.identifier), r);
  }
  const nodes: Record<string, CatalogTableEntry> = {};
  const sources: Record<string, CatalogTableEntry> = {};
  for (const n of documented(input.manifest).sort((a, b) => (a.unique_id < b.unique_id ? -1 : 1))) {
    const id = identifierOf(n);
    // A node without a database (adapters that have none) matches on schema and name.
    const r = n.database === null ? noDb.get(key(null, n.schema, id)) : exact.get(key(n.database, n.schema, id));
    if (r === undefined) continue; // not built yet: dbt leaves it out too
    (n.resource_type === 'source' ? sources : nodes)[n.unique_id] = entry(n.unique_id, r);
  }
  const metadata = artifactMetadata(CATALOG_SCHEMA, input);
  return { metadata, nodes, sources, errors: null };
}
