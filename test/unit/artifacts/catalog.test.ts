import { describe, expect, it } from 'vitest';
import { buildCatalog, catalogSchemas } from '../../../src/artifacts/catalog.js';
import type { CatalogRelation } from '../../../src/adapter/types.js';
import type { Manifest } from '../../../src/parse/manifest-types.js';

/** Only the fields the catalog reads; the rest of a manifest node does not matter here. */
const node = (id: string, type: string, schema: string, alias: string, materialized = 'table') =>
  ({ unique_id: id, resource_type: type, database: 'db', schema, alias, config: { enabled: true, materialized } });

const manifest = {
  nodes: {
    'model.p.a': node('model.p.a', 'model', 'main', 'a'),
    'model.p.eph': node('model.p.eph', 'model', 'main', 'eph', 'ephemeral'),
    'seed.p.s': node('seed.p.s', 'seed', 'raw', 's', 'seed'),
    'model.p.unbuilt': node('model.p.unbuilt', 'model', 'main', 'unbuilt'),
    'test.p.t': node('test.p.t', 'test', 'audit', 't', 'test'),
  },
  sources: { 'source.p.raw.orders': { unique_id: 'source.p.raw.orders', resource_type: 'source', database: 'db', schema: 'RAW', identifier: 'Orders' } },
  macros: {}, docs: {}, disabled: {}, unit_tests: {}, exposures: {}, hooks: {},
} as unknown as Manifest;

const rel = (schema: string, identifier: string, extra: Partial<CatalogRelation> = {}): CatalogRelation => ({
  database: 'DB', schema, identifier, tableType: 'BASE TABLE', comment: null, owner: null, rowCount: 10, bytes: null,
  columns: [{ name: 'id', index: 1, dataType: 'INTEGER', comment: 'the id' }, { name: 'Name', index: 2, dataType: 'VARCHAR', comment: null }],
  ...extra,
});

describe('catalog.json', () => {
  it('asks one query per schema of relation nodes and sources (first spelling wins)', () => {
    expect(catalogSchemas(manifest)).toEqual([
      { database: 'db', schema: 'main' },
      { database: 'db', schema: 'raw' },
    ]);
  });

  it("matches relations case-insensitively and writes dbt's v1 shape", () => {
    const c = buildCatalog({
      manifest,
      relations: [rel('main', 'a'), rel('raw', 's', { tableType: 'VIEW', rowCount: null }), rel('raw', 'orders', { bytes: 8192, owner: 'etl' })],
      invocationId: 'inv',
      generatedAt: new Date('2026-01-01T00:00:00Z'),
    });
    expect(c.metadata).toEqual({
      dbt_schema_version: 'https://schemas.getdbt.com/dbt/catalog/v1.json', dbt_version: '1.10.0',
      generated_at: '2026-01-01T00:00:00.000000Z', invocation_id: 'inv', env: {},
    });
    expect(Object.keys(c.nodes)).toEqual(['model.p.a', 'seed.p.s']);
    expect(c.nodes['model.p.a']).toEqual({
      metadata: { type: 'BASE TABLE', schema: 'main', name: 'a', database: 'DB', comment: null, owner: null },
      columns: {
        id: { type: 'INTEGER', index: 1, name: 'id', comment: 'the id' },
        Name: { type: 'VARCHAR', index: 2, name: 'Name', comment: null },
      },
      stats: {
        row_count: { id: 'row_count', label: 'Row Count', value: 10, include: true, description: 'An approximate count of rows in this table' },
        has_stats: { id: 'has_stats', label: 'Has Stats?', value: true, include: false, description: 'Indicates whether there are statistics for this table' },
      },
      unique_id: 'model.p.a',
    });
    expect(c.nodes['seed.p.s']!.stats).toEqual({ has_stats: expect.objectContaining({ value: false }) });
    expect(c.sources['source.p.raw.orders']!.stats['bytes']).toMatchObject({ value: 8192, label: 'Approximate Size' });
    expect(c.sources['source.p.raw.orders']!.metadata.owner).toBe('etl');
    expect(c.errors).toBeNull();
  });

  it('is empty, not missing, with no relations (--empty-catalog)', () => {
    const c = buildCatalog({ manifest, relations: [], invocationId: 'i', generatedAt: new Date(0) });
    expect(c.nodes).toEqual({});
    expect(c.sources).toEqual({});
  });
});
