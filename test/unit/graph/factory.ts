/**
 * Minimal manifest builders for graph/select tests. Only the fields graph and selection read
 * are filled; the cast keeps the tests short without weakening the production types.
 */
import type { Manifest, ManifestNode, SourceNode } from '../../../src/parse/manifest-types.js';

export interface NodeOpts {
  pkg?: string;
  /** Folder under the resource root, e.g. 'silver' or 'a/b'. */
  dir?: string;
  deps?: string[];
  tags?: string[];
  config?: Record<string, unknown>;
  raw?: string;
  version?: string | number | null;
  latestVersion?: string | number | null;
  access?: string;
  patchPath?: string | null;
  testMetadata?: { name: string; namespace?: string | null };
}

const ROOTS: Record<string, [string, string]> = {
  model: ['models', 'sql'],
  seed: ['seeds', 'csv'],
  snapshot: ['snapshots', 'sql'],
  analysis: ['analyses', 'sql'],
  test: ['tests', 'sql'],
};

export function node(resourceType: ManifestNode['resource_type'], name: string, o: NodeOpts = {}): ManifestNode {
  const pkg = o.pkg ?? 'p';
  const [root, ext] = ROOTS[resourceType]!;
  const dirParts = o.dir === undefined ? [] : o.dir.split('/');
  const rel = [...dirParts, `${name}.${ext}`].join('/');
  const tags = o.tags ?? [];
  const versioned = o.version !== undefined && o.version !== null;
  const n = {
    unique_id: `${resourceType}.${pkg}.${name}${versioned ? `.v${String(o.version)}` : ''}`,
    resource_type: resourceType,
    package_name: pkg,
    name,
    path: rel,
    original_file_path: `${root}/${rel}`,
    abs_path: `/proj/${root}/${rel}`,
    fqn: [pkg, ...dirParts, name, ...(versioned ? [`v${String(o.version)}`] : [])],
    alias: name,
    schema: 'main',
    database: null,
    config: { enabled: true, materialized: 'view', tags, meta: {}, ...o.config },
    tags,
    raw_code: o.raw ?? 'select 1',
    depends_on: { macros: [], nodes: o.deps ?? [] },
    patch_path: o.patchPath ?? null,
    version: o.version ?? null,
    latest_version: o.latestVersion ?? null,
    access: o.access ?? 'protected',
    ...(o.testMetadata === undefined ? {} : { test_metadata: { kwargs: {}, namespace: null, ...o.testMetadata } }),
  };
  return n as unknown as ManifestNode;
}

export const model = (name: string, o?: NodeOpts): ManifestNode => node('model', name, o);

export function source(sourceName: string, table: string, o: { pkg?: string; file?: string; tags?: string[]; enabled?: boolean } = {}): SourceNode {
  const pkg = o.pkg ?? 'p';
  const file = o.file ?? `models/${sourceName}/sources.yml`;
  const n = {
    unique_id: `source.${pkg}.${sourceName}.${table}`,
    resource_type: 'source',
    package_name: pkg,
    name: table,
    source_name: sourceName,
    path: file,
    original_file_path: file,
    abs_path: `/proj/${file}`,
    fqn: [pkg, ...file.split('/').slice(1, -1), sourceName, table],
    tags: o.tags ?? [],
    config: { enabled: o.enabled ?? true },
    patch_path: null,
  };
  return n as unknown as SourceNode;
}

export function manifest(...members: (ManifestNode | SourceNode)[]): Manifest {
  const m: Manifest = { nodes: {}, sources: {}, macros: {}, docs: {}, disabled: {}, unit_tests: {}, exposures: {}, hooks: {} };
  for (const x of members) {
    if (x.resource_type === 'source') m.sources[x.unique_id] = x;
    else m.nodes[x.unique_id] = x;
  }
  return m;
}
