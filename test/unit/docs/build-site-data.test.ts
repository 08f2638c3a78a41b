import { describe, expect, it } from 'vitest';
import { buildSiteData } from '../../../src/docs/build-site-data.js';
import { buildCatalog } from '../../../src/artifacts/catalog.js';
import type { Manifest } from '../../../src/parse/manifest-types.js';
import { decodeCompiled, decodeLin, decodeRun, defaultFqn, encodeCompiled } from '../../../src/docs/site-wire.js';

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
        total: { name: 'total', description: '', data_type: null, meta: {}, constraints: [], quote: null, tags: [] },
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
  sources: {
    'source.p.raw.orders': {
      unique_id: 'source.p.raw.orders', resource_type: 'source', package_name: 'p', name: 'orders', source_name: 'raw', fqn: ['p', 'raw', 'orders'],
      original_file_path: 'models/_sources.yml', database: 'db', schema: 'raw', relation_name: '"db"."raw"."orders"', identifier: 'orders', loader: '',
      description: '', tags: [], meta: {}, config: { enabled: true }, columns: { status: { name: 'status', description: '', data_type: null, meta: {}, constraints: [], quote: null, tags: [] } },
    },
  },
  exposures: {
    'exposure.p.dash': {
      unique_id: 'exposure.p.dash', resource_type: 'exposure', package_name: 'p', name: 'dash', label: 'The dashboard', type: 'dashboard',
      owner: { name: 'BI', email: null }, description: 'Weekly numbers.', url: 'https://bi.example.com/d/1', maturity: 'high', meta: {}, tags: ['bi'],
      config: { enabled: true, tags: [], meta: {} }, original_file_path: 'models/_exposures.yml', fqn: ['p', 'dash'], depends_on: { nodes: ['model.p.a'], macros: [] },
    },
  },
  macros: {
    'macro.p.m': {
      unique_id: 'macro.p.m', resource_type: 'macro', package_name: 'p', name: 'm', original_file_path: 'macros/m.sql', macro_sql: '{% macro m(x) %}1{% endmacro %}', depends_on: { macros: [] },
      description: 'Ones.', patch_path: 'p://macros/_macros.yml', meta: {}, docs: { show: true, node_color: null }, arguments: [{ name: 'x', type: 'int', description: 'Ignored.' }, { name: 'y' }],
    },
    'macro.p.hidden': { unique_id: 'macro.p.hidden', resource_type: 'macro', package_name: 'p', name: 'hidden', original_file_path: 'macros/m.sql', macro_sql: '', depends_on: { macros: [] }, description: '', patch_path: null, meta: {}, docs: { show: false, node_color: null }, arguments: [] },
    'macro.dbt_duckdb.duckdb__x': { unique_id: 'macro.dbt_duckdb.duckdb__x', resource_type: 'macro', package_name: 'dbt_duckdb', name: 'duckdb__x', original_file_path: 'x.sql', macro_sql: '', depends_on: { macros: [] }, description: '', patch_path: null },
    'macro.dbt.is_incremental': { unique_id: 'macro.dbt.is_incremental', resource_type: 'macro', package_name: 'dbt', name: 'is_incremental', original_file_path: 'x.sql', macro_sql: '', depends_on: { macros: [] }, description: '', patch_path: null },
  },
  docs: { 'doc.p.__overview__': { unique_id: 'doc.p.__overview__', resource_type: 'doc', package_name: 'p', name: '__overview__', path: 'o.md', original_file_path: 'models/o.md', block_contents: '# Welcome' } },
  disabled: {},
  unit_tests: {},
} as unknown as Manifest;

// A source's test: attached_node is null (as in dbt); it belongs to the source and its column.
Object.assign((manifest as unknown as { nodes: Record<string, unknown> }).nodes, {
  'test.p.source_not_null_raw_orders_status.2': {
    ...model('source_not_null_raw_orders_status'), unique_id: 'test.p.source_not_null_raw_orders_status.2', resource_type: 'test', column_name: 'status', attached_node: null,
    test_metadata: { name: 'not_null', kwargs: { column_name: 'status' }, namespace: null }, sources: [['raw', 'orders']],
    depends_on: { nodes: ['source.p.raw.orders'], macros: [] }, config: { enabled: true, materialized: 'test', severity: 'ERROR' },
  },
  'model.p.shy': model('shy', { config: { enabled: true, materialized: 'view', docs: { show: false } } }),
});

/** target/column_lineage.json for model a: kinds, a filter and a join key, and an edge to a node the site lacks. */
const columnLineage = {
  metadata: { tx_schema: 'column_lineage/v1', adapter_type: 'duckdb' },
  nodes: {
    'model.p.a': {
      complete: false,
      columns: {
        id: [{ node: 'model.p.b', column: 'id', kind: 'direct' }],
        total: [{ node: 'model.p.b', column: 'amount', kind: 'aggregation' }, { node: 'model.p.missing', column: 'x', kind: 'direct' }],
        only_here: [{ node: 'model.p.b', column: 'amount', kind: 'transformation' }],
      },
      types: { id: 'INTEGER', total: 'DOUBLE', only_here: 'DOUBLE' },
      filters: [{ node: 'model.p.b', column: 'status', kind: 'filter' }, { node: 'model.p.b', column: 'id', kind: 'join' }],
    },
  },
} as const;

describe('buildSiteData', () => {
  const catalog = buildCatalog({
    manifest,
    relations: [{ database: 'db', schema: 'main', identifier: 'a', tableType: 'BASE TABLE', comment: null, owner: null, rowCount: 7, bytes: null,
      columns: [{ name: 'ID', index: 1, dataType: 'INTEGER', comment: null }, { name: 'extra', index: 2, dataType: 'VARCHAR', comment: null }, { name: 'TOTAL', index: 3, dataType: 'DOUBLE', comment: null }] }],
    invocationId: 'i', generatedAt: new Date(0),
  });
  const { data, sql } = buildSiteData({ manifest, projectName: 'p', adapterType: 'duckdb', generatedAt: 'now', catalog, runResults: null, columnLineage: columnLineage as never });
  const byName = new Map(data.nodes.map((n, i) => [n.n, { n, i }]));
  const a = byName.get('a')!.n;

  it("lists nodes, exposures and project macros by unique_id, without dbt's or the adapter plugin's macros", () => {
    expect(data.nodes.map((n) => n.id)).toEqual([
      'exposure.p.dash', 'macro.p.hidden', 'macro.p.m', 'model.p.a', 'model.p.b', 'model.p.shy', 'source.p.raw.orders',
      'test.p.source_not_null_raw_orders_status.2', 'test.p.unique_a_id.1',
    ]);
    expect(data.overview).toBe('# Welcome');
    expect(data.hasCatalog).toBe(true);
  });

  it('merges catalog columns (warehouse order, types) with declared ones', () => {
    const b = byName.get('b')!.i;
    expect(a.cols).toEqual([
      // Compact edges (site-wire.ts): [node] for a direct copy of a same-named column.
      { n: 'id', ty: 'INTEGER', dt: 'int', d: 'The id.', tests: [byName.get('unique_a_id')!.i], lin: [[b]] },
      { n: 'extra', ty: 'VARCHAR' },
      // The lineage kind is kept; edges to unknown nodes are dropped.
      { n: 'total', ty: 'DOUBLE', lin: [[b, 'amount', 'a']] },
      // A column only static analysis knows, with its inferred type.
      { n: 'only_here', it: 'DOUBLE', lin: [[b, 'amount', 't']] },
    ]);
    expect(a.cols!.map((c) => (c.lin ?? []).map((w) => decodeLin(c.n, w)))).toEqual([
      [{ node: b, column: 'id', kind: 'direct' }], [], [{ node: b, column: 'amount', kind: 'aggregation' }], [{ node: b, column: 'amount', kind: 'transformation' }],
    ]);
    expect(a.rowLin).toEqual([[b, 'status', 'f'], [b, 'id', 'j']]);
    expect(a.linOk).toBe(0);
    expect(byName.get('b')!.n.linOk).toBeUndefined();
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

  it("indexes a source's tests by the source and its column", () => {
    const src = byName.get('orders')!.n;
    const t = byName.get('source_not_null_raw_orders_status')!.i;
    expect(src.tests).toEqual([t]);
    expect(src.cols).toEqual([{ n: 'status', tests: [t] }]);
  });

  it('carries exposures with their type, owner, maturity, url and parents', () => {
    const e = byName.get('dash')!.n;
    expect(e).toMatchObject({ t: 'exposure', d: 'Weekly numbers.', tags: ['bi'], dep: [byName.get('a')!.i] });
    expect(e.exp).toEqual({ type: 'dashboard', label: 'The dashboard', maturity: 'high', url: 'https://bi.example.com/d/1', owner: { name: 'BI' } });
  });

  it('carries macro arguments and marks docs: {show: false}', () => {
    const m = byName.get('m')!.n;
    expect(m.args).toEqual([{ n: 'x', ty: 'int', d: 'Ignored.' }, { n: 'y' }]);
    expect(m.patch).toBe('macros/_macros.yml');
    expect(m.hidden).toBeUndefined();
    expect(byName.get('hidden')!.n.hidden).toBe(1);
    expect(byName.get('shy')!.n.hidden).toBe(1);
  });

  it('leaves out what the browser rebuilds: default fqns and protected access', () => {
    expect(a.fqn).toBeUndefined();
    expect(defaultFqn('p', a.file, a.n)).toEqual(['p', 'marts', 'a']);
    // The database and package most nodes share are said once.
    expect(data.db).toBe('db');
    expect(data.pkg).toBe('p');
    expect(a.db).toBeUndefined();
    expect(a.pkg).toBeUndefined();
    expect(a.acc).toBeUndefined();
    // An fqn that differs from the file's folders is kept.
    expect(byName.get('orders')!.n.fqn).toEqual(['p', 'raw', 'orders']);
  });

  it('writes the run report compactly and reads it back', () => {
    const runResults = {
      metadata: { invocation_id: 'inv', generated_at: '2026-01-01T00:00:01.000000Z' }, args: { which: 'build' }, elapsed_time: 1.5,
      results: [
        { unique_id: 'model.p.a', status: 'success', thread_id: 'Thread-1', execution_time: 0.5, adapter_response: { rows_affected: 3 }, message: 'OK', failures: null,
          timing: [{ name: 'execute', started_at: '2026-01-01T00:00:00.000Z', completed_at: '2026-01-01T00:00:00.500Z' }] },
        { unique_id: 'model.p.gone', status: 'skipped', thread_id: 'Thread-2', execution_time: 0, adapter_response: {}, message: null, failures: null, timing: [] },
      ],
    };
    const built = buildSiteData({ manifest, projectName: 'p', adapterType: 'duckdb', generatedAt: 'now', catalog: null, runResults });
    const wire = built.data.run!;
    expect(wire.statuses).toEqual(['success', 'skipped']);
    expect(wire.items[0]).toEqual([byName.get('a')!.i, 0, 0, 0, 500, 3, null, 0]);
    const run = decodeRun(wire, (i) => built.data.nodes[i]!.id);
    expect(run.items).toEqual([
      { node: byName.get('a')!.i, id: 'model.p.a', status: 'success', thread: 'Thread-1', start: 0, dur: 500, rows: 3, failures: null, msg: 'OK' },
      { node: -1, id: 'model.p.gone', status: 'skipped', thread: 'Thread-2', start: null, dur: 0, rows: null, failures: null, msg: null },
    ]);
  });

  it('keeps compiled SQL only when it differs from the source', () => {
    expect(sql[byName.get('a')!.i]).toEqual(["select * from {{ ref('b') }}", 'select * from "db"."main"."b"']);
    // Long compiled SQL is stored as lines of the raw where they are the same.
    const raw = ['-- a model', "select * from {{ ref('b') }}", 'where x > 1', 'and y < 2', 'and z = 3'].join('\n');
    const compiled = raw.replace("{{ ref('b') }}", '"db"."main"."b"');
    const enc = encodeCompiled(raw, compiled);
    expect(enc).toEqual([[0, 1], 'select * from "db"."main"."b"', [2, 3]]);
    expect(decodeCompiled(raw, enc)).toBe(compiled);
    expect(decodeCompiled('a', encodeCompiled('a', 'b'))).toBe('b');
    expect(sql[byName.get('b')!.i]).toEqual(['select 1 as id', null]);
  });

  it('leaves catalog types out with --empty-catalog', () => {
    const empty = buildSiteData({ manifest, projectName: 'p', adapterType: 'duckdb', generatedAt: 'now', catalog: null, runResults: null });
    expect(empty.data.hasCatalog).toBe(false);
    expect(empty.data.nodes.find((n) => n.n === 'a')!.cols!.map((c) => c.n)).toEqual(['id', 'total']);
    expect(empty.data.nodes.find((n) => n.n === 'a')!.rowLin).toBeUndefined();
  });
});
