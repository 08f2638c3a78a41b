/** The checks that need no parser: contracts, built-in test arguments, DAG order, lineage shape. */
import { describe, expect, it } from 'vitest';
import type { Manifest, ManifestNode } from '../../../src/parse/manifest-types.js';
import type { Shape } from '../../../src/analysis/shape.js';
import { checkContract } from '../../../src/analysis/contract-check.js';
import { builtinTests, checkBuiltinTest } from '../../../src/analysis/test-args.js';
import { topoOrder } from '../../../src/analysis/topo-order.js';
import { nodeLineage } from '../../../src/analysis/column-lineage.js';
import { staticAnalysisMode } from '../../../src/analysis/analysis-config.js';

const col = (name: string, data_type: string | null = null) => ({ name, description: '', meta: {}, data_type, constraints: [], quote: null, tags: [] });
const shape = (...cols: [string, string | null][]): Shape => ({ open: false, columns: cols.map(([name, type], i) => ({ name, type, origins: [], at: i * 10 })) });
const node = (over: Record<string, unknown>): ManifestNode => ({ unique_id: 'model.p.m', name: 'm', resource_type: 'model', depends_on: { nodes: [], macros: [] }, columns: {}, config: { contract: { enforced: true } }, patch_path: 'p://models/schema.yml', ...over }) as unknown as ManifestNode;

describe('checkContract', () => {
  const m = node({ columns: { id: col('id', 'int'), name: col('name', 'text') } });
  const norm = (t: string) => ({ int: 'INTEGER', text: 'VARCHAR' })[t.toLowerCase()] ?? t.toUpperCase();

  it('passes when names match (any order, any case) and types agree', () => {
    expect(checkContract(m, shape(['NAME', 'VARCHAR'], ['id', 'INTEGER']), norm, 0)).toEqual([]);
  });

  it('reports missing and extra columns as errors, a type difference as a warning', () => {
    const f = checkContract(m, shape(['id', 'BIGINT'], ['extra', null]), norm, 5);
    expect(f.map((x) => [x.code, x.severity, x.at])).toEqual([['TX0515', 'error', 5], ['TX0515', 'error', 10], ['TX0515', 'warn', 0]]);
    expect(f[0]!.message).toContain("'name'");
    expect(f[2]!.message).toContain('looks like BIGINT, but its contract declares INTEGER');
  });

  it('says nothing when the columns are not all known', () => {
    expect(checkContract(m, { open: true, columns: [] }, norm, 0)).toEqual([]);
  });
});

describe('built-in generic tests', () => {
  const manifest = { macros: {} } as unknown as Manifest;
  const test = (name: string, kwargs: Record<string, unknown>, deps = ['model.p.orders']) =>
    node({ unique_id: `test.p.${name}`, name, resource_type: 'test', attached_node: 'model.p.orders', column_name: kwargs['column_name'], test_metadata: { name, kwargs, namespace: null }, depends_on: { nodes: deps, macros: [] } });
  const shapes: Record<string, Shape> = { 'model.p.orders': shape(['id', null], ['customer_id', null]), 'model.p.customers': shape(['id', null]) };

  it('recognises them unless the project overrides the test macro', () => {
    expect(builtinTests(manifest, 'duckdb')(test('not_null', {}))).toBe(true);
    const overridden = { macros: { x: { name: 'default__test_not_null', package_name: 'p' } } } as unknown as Manifest;
    expect(builtinTests(overridden, 'duckdb')(test('not_null', {}))).toBe(false);
  });

  it('checks column_name against the tested node and relationships field against `to`', () => {
    const of = (id: string) => shapes[id] ?? null;
    expect(checkBuiltinTest(test('not_null', { column_name: 'id' }), of)).toEqual([]);
    expect(checkBuiltinTest(test('not_null', { column_name: 'idd' }), of).map((f) => f.hint)).toEqual(["did you mean 'id'?"]);
    expect(checkBuiltinTest(test('unique', { column_name: 'lower(id)' }), of)).toEqual([]);
    const rel = test('relationships', { column_name: 'customer_id', to: "ref('customers')", field: 'idx' }, ['model.p.orders', 'model.p.customers']);
    expect(checkBuiltinTest(rel, of).map((f) => f.message)).toEqual(["field 'idx' is not a column of model 'customers'"]);
  });
});

describe('topoOrder', () => {
  it('puts parents first, ties by id', () => {
    const m = { nodes: { c: { depends_on: { nodes: ['a', 'b'] } }, b: { depends_on: { nodes: ['a'] } }, a: { depends_on: { nodes: [] } }, d: { depends_on: { nodes: [] } } } } as unknown as Manifest;
    expect(topoOrder(m, ['c', 'd', 'b', 'a'])).toEqual(['a', 'd', 'b', 'c']);
  });
});

describe('nodeLineage', () => {
  it('sorts edges and leaves stand-in names out', () => {
    const s: Shape = { open: false, columns: [
      { name: 'x', type: 'INTEGER', at: 0, origins: [{ node: 'b', column: 'z', kind: 'direct' }, { node: 'a', column: 'y', kind: 'aggregation' }] },
      { name: '_expr_9', type: null, at: 9, origins: [], guessed: true },
    ] };
    expect(nodeLineage(s, [{ node: 'b', column: 'k', kind: 'join' }, { node: 'a', column: 'k', kind: 'filter' }], true)).toEqual({
      complete: true,
      columns: { x: [{ node: 'a', column: 'y', kind: 'aggregation' }, { node: 'b', column: 'z', kind: 'direct' }] },
      types: { x: 'INTEGER' },
      filters: [{ node: 'a', column: 'k', kind: 'filter' }, { node: 'b', column: 'k', kind: 'join' }],
    });
  });
});

describe('static_analysis config', () => {
  it('on by default; off; anything else is a finding', () => {
    expect(staticAnalysisMode(node({ config: {} }))).toBe('on');
    expect(staticAnalysisMode(node({ config: { static_analysis: 'off' } }))).toBe('off');
    expect(staticAnalysisMode(node({ config: { static_analysis: false } }))).toBe('off');
    expect(staticAnalysisMode(node({ config: { static_analysis: 'maybe' } }))).toMatchObject({ code: 'TX0517' });
  });
});
