import { describe, expect, it } from 'vitest';
import { buildSiteData } from '../../../src/docs/build-site-data.js';
import { buildCatalog } from '../../../src/artifacts/catalog.js';
import type { Manifest } from '../../../src/parse/manifest-types.js';

/** Just the manifest fields the site reads. */
function model(name: string, extra: Record<string, unknown> = {}) {
  return {
    unique_id: `model.p.${name}`, resource_type: 'model', package_name: 'p', name, fqn: ['p', 'marts', name],
    original_file_path: `models/marts/${name}.sql`, path: `marts/${name}.sql`, database: 'db', schema: 'main', alias: name,
    relation_name: `"db"."main"."${name}"`, description: '', tags: [], meta: {}, columns: {}, patch_path: null,
    config: { enabled: true, materialized: 'table', tags: [], meta: {}, docs: { show: true, node_color: null }, persist_docs: {} },
    depends_on: { nodes: [], macros: [] }, raw_code: `select 1 as id`, compiled_code: 'select 1 as id',
    version: null, latest_version: null, access: 'protected', ...extra,
  };
}

const manifest = {
  nodes: {
    'model.p.a': model('a', {
      description: 'A **documented** model.',
      columns: {
        id: { name: 'id', description: 'The id.', data_type: 'int', meta: {}, constraints: [], quote: null, tags: [] },
        // Column lineage, as the static analysis may add it: the site shows it when present.
        total: { name: 'total', description: '', data_type: null, meta: {}, constraints: [], quote: null, tags: [], lineage: [{ node: 'model.p.b', column: 'amount' }, { node: 'model.p.b', column: null }, { node: 'model.p.missing', column: 'x' }] },
      },
      depends_on: { nodes: ['model.p.b'], macros: ['macro.p.m', 'macro.dbt.is_incremental'] },
      raw_code: "select * from {{ ref('b') }}", compiled_code: 'select * from "db"."main"."b"',
    }),
    'model.p.b': model('b', { config: { enabled: true, materialized: 'table', tags: [], meta: { owner: 'ana' }, docs: { show: true, node_color: '#ff0000' } } }),
    'test.p.unique_a_id.1': {
      ...model('unique_a_id'), unique_id: 'test.p.unique_a_id.1', resource_type: 'test', column_name: 'id', attached_node: 'model.p.a',
      test_metadata: { name: 'unique', kwargs: { column_name: 'id', model: "{{ get_where_subquery(ref('a')) }}" }, namespace: null },
      depends_on: { nodes: ['model.p.a'], macros: [] }, config: { enabled: true, materialized: 'test', severity: 'ERROR' },
    },
  },
  sources: {},
  macros: {
    'macro.p.m': { unique_id: 'macro.p.m', resource_type: 'macro', package_name: 'p', name: 'm', original_file_path: 'macros/m.sql', macro_sql: '{% macro m() %}1{% endmacro %}', depends_on: { macros: [] }, description: '', patch_path: null },
    'macro.dbt.is_incremental': { unique_id: 'macro.dbt.is_incremental', resource_type: 'macro', package_name: 'dbt', name: 'is_incremental', original_file_path: 'x.sql', macro_sql: '', depends_on: { macros: [] }, description: '', patch_path: null },
  },
  docs: { 'doc.p.__overview__': { unique_id: 'doc.p.__overview__', resource_type: 'doc', package_name: 'p', name: '__overview__', path: 'o.md', original_file_path: 'models/o.md', block_contents: '# Welcome' } },
  disabled: {},
  unit_tests: {},
  exposures: {},
} as unknown as Manifest;

describe('buildSiteData', () => {
  const catalog = buildCatalog({
    manifest,
    relations: [{ database: 'db', schema: 'main', identifier: 'a', tableType: 'BASE TABLE', comment: null, owner: null, rowCount: 7, bytes: null,
      columns: [{ name: 'ID', index: 1, dataType: 'INTEGER', comment: null }, { name: 'extra', index: 2, dataType: 'VARCHAR', comment: null }, { name: 'TOTAL', index: 3, dataType: 'DOUBLE', comment: null }] }],
    invocationId: 'i', generatedAt: new Date(0),
  });
  const { data, sql } = buildSiteData({ manifest, projectName: 'p', adapterType: 'duckdb', generatedAt: 'now', catalog, runResults: null });
  const byName = new Map(data.nodes.map((n, i) => [n.n, { n, i }]));
  const a = byName.get('a')!.n;

  it('lists nodes and project macros by unique_id, without dbt internals', () => {
    expect(data.nodes.map((n) => n.id)).toEqual(['macro.p.m', 'model.p.a', 'model.p.b', 'test.p.unique_a_id.1']);
    expect(data.overview).toBe('# Welcome');
    expect(data.hasCatalog).toBe(true);
  });

  it('merges catalog columns (warehouse order, types) with declared ones', () => {
    expect(a.cols).toEqual([
      { n: 'id', ty: 'INTEGER', dt: 'int', d: 'The id.', tests: [byName.get('unique_a_id')!.i] },
      { n: 'extra', ty: 'VARCHAR' },
      { n: 'total', ty: 'DOUBLE', lin: [{ node: byName.get('b')!.i, column: 'amount' }, { node: byName.get('b')!.i, column: null }] },
    ]);
    expect(a.stats).toEqual({ type: 'BASE TABLE', rows: 7 });
  });

  it('references parents, macros and tests by index and shares configs', () => {
    expect(a.dep).toEqual([byName.get('b')!.i]);
    expect(a.mac).toEqual([byName.get('m')!.i]);
    expect(a.tests).toEqual([byName.get('unique_a_id')!.i]);
    const b = byName.get('b')!.n;
    expect(b.color).toBe('#ff0000');
    expect(data.cfgs[a.cfg!]).toEqual({ enabled: true, materialized: 'table', docs: { show: true } });
    expect(data.cfgs[b.cfg!]).toMatchObject({ meta: { owner: 'ana' } });
    const t = byName.get('unique_a_id')!.n;
    expect(t).toMatchObject({ t: 'test', tm: 'unique', col: 'id', att: byName.get('a')!.i });
    expect(t.kw).toBeUndefined();
  });

  it('keeps compiled SQL only when it differs from the source', () => {
    expect(sql[byName.get('a')!.i]).toEqual(["select * from {{ ref('b') }}", 'select * from "db"."main"."b"']);
    expect(sql[byName.get('b')!.i]).toEqual(['select 1 as id', null]);
  });

  it('leaves catalog types out with --empty-catalog', () => {
    const empty = buildSiteData({ manifest, projectName: 'p', adapterType: 'duckdb', generatedAt: 'now', catalog: null, runResults: null });
    expect(empty.data.hasCatalog).toBe(false);
    expect(empty.data.nodes.find((n) => n.n === 'a')!.cols!.map((c) => c.n)).toEqual(['id', 'total']);
  });
});
