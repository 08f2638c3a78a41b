import { describe, expect, it } from 'vitest';
import { buildColumnReaders, columnLineageModel, hasColumnLineage } from '../../../src/docs/browser/column-lineage-model.js';
import type { SiteNode } from '../../../src/docs/site-types.js';

const node = (i: number, extra: Partial<SiteNode>): SiteNode => ({ id: `model.p.n${i}`, t: 'model', n: `n${i}`, pkg: 'p', fqn: ['p', `n${i}`], file: `models/n${i}.sql`, ...extra });

// 0: orders (source-like), 1: customers, 2: summary reads both, 3: report reads summary.
const nodes: SiteNode[] = [
  node(0, { t: 'source', cols: [{ n: 'id' }, { n: 'customer_id' }, { n: 'amount' }, { n: 'status' }] }),
  node(1, { cols: [{ n: 'id' }, { n: 'name' }] }),
  node(2, {
    linOk: 0,
    cols: [
      { n: 'customer_id', lin: [[1, 'id']] },
      { n: 'name', lin: [[1]] },
      { n: 'total', lin: [[0, 'amount', 'a']] },
      { n: 'label', lin: [[1, 'name', 't'], [0, 'status', 't']] },
      { n: 'mystery' },
    ],
    rowLin: [[0, 'status', 'f'], [0, 'customer_id', 'j'], [1, 'id', 'j']],
  }),
  node(3, { linOk: 1, cols: [{ n: 'TOTAL', lin: [[2, 'total']] }, { n: 'big', lin: [[2, 'total', 't']] }] }),
];

describe('column lineage model', () => {
  const readers = buildColumnReaders(nodes);
  const m = columnLineageModel(nodes, 2, readers);

  it("keeps each column's upstream edges with their kind", () => {
    expect(m.columns.find((c) => c.name === 'total')!.up).toEqual([{ node: 0, column: 'amount', kind: 'aggregation' }]);
    expect(m.columns.find((c) => c.name === 'customer_id')!.up).toEqual([{ node: 1, column: 'id', kind: 'direct' }]);
    expect(m.columns.find((c) => c.name === 'mystery')!.up).toEqual([]);
  });

  it('lists upstream nodes in the order columns first read them, with the filter and join-key columns', () => {
    expect(m.upstream.map((u) => u.node)).toEqual([1, 0]);
    const orders = m.upstream.find((u) => u.node === 0)!;
    expect(orders.columns).toEqual([
      { name: 'amount', kinds: ['aggregation'], row: [] },
      { name: 'status', kinds: ['transformation'], row: ['filter'] },
      { name: 'customer_id', kinds: [], row: ['join'] },
    ]);
    expect(m.upstream.find((u) => u.node === 1)!.columns.find((c) => c.name === 'id')).toEqual({ name: 'id', kinds: ['direct'], row: ['join'] });
    expect(m.rows).toHaveLength(3);
  });

  it('finds the downstream columns reading it, matching names case-insensitively', () => {
    expect(m.downstream).toEqual([{ node: 3, columns: [
      { name: 'TOTAL', from: [{ column: 'total', kind: 'direct' }] },
      { name: 'big', from: [{ column: 'total', kind: 'transformation' }] },
    ] }]);
    expect(m.analysed).toBe(true);
    expect(m.complete).toBe(false);
    expect(columnLineageModel(nodes, 3, readers).complete).toBe(true);
  });

  it('has lineage to show for analysed nodes and for nodes whose columns are read', () => {
    expect(hasColumnLineage(nodes, 0, readers)).toBe(true);
    expect(hasColumnLineage(nodes, 3, readers)).toBe(true);
    expect(hasColumnLineage([node(9, {})], 0, buildColumnReaders([node(9, {})]))).toBe(false);
  });
});
