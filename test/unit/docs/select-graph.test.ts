import { describe, expect, it } from 'vitest';
import { buildLineageGraph, selectLineage, selectorMessage } from '../../../src/docs/browser/select-graph.js';
import { store } from './site-fixture.js';

const names = (ids: Set<number>, s = store()): string[] => [...ids].map((i) => s.nodes[i]!.n).sort();

describe('the lineage box runs the CLI selector code', () => {
  const s = store();
  const g = buildLineageGraph(s);
  const pick = (select: string, exclude = ''): string[] => names(selectLineage(s, g, select, exclude).ids, s);

  it('draws models, seeds, sources and exposures, not tests', () => {
    expect(names(new Set(g.members), s)).toEqual(['a', 'b', 'c', 'dash', 'orders', 's', 'shy']);
    expect(g.edges).toHaveLength(6);
  });

  it('selects everything when the box is empty', () => {
    expect(pick('')).toEqual(['a', 'b', 'c', 'dash', 'orders', 's', 'shy']);
  });

  it('selects exposures with exposure:, as the CLI does', () => {
    expect(pick('+exposure:dash')).toEqual(['a', 'b', 'c', 'dash', 'orders', 's']);
    expect(pick('exposure:*')).toEqual(['dash']);
    expect(pick('c+')).toEqual(['c', 'dash']);
  });

  it('follows + and n+ through sources and seeds', () => {
    expect(pick('+b')).toEqual(['a', 'b', 'orders', 's']);
    expect(pick('1+b+')).toEqual(['a', 'b', 'c', 'dash']);
    expect(pick('b+1')).toEqual(['b', 'c']);
    expect(pick('@a')).toEqual(['a', 'b', 'c', 'dash', 'orders', 's', 'shy']);
  });

  it('supports fqn globs, tag:, path:, config., source:, unions, intersections and exclude', () => {
    expect(pick('marts.*')).toEqual(['b', 'c']);
    expect(pick('p.marts.b')).toEqual(['b']);
    expect(pick('tag:nightly')).toEqual(['a']);
    // The exposure is declared in models/marts/_exposures.yml: path: selects it too, as in dbt.
    expect(pick('path:models/marts')).toEqual(['b', 'c', 'dash']);
    expect(pick('config.materialized:table')).toEqual(['b', 'c']);
    expect(pick('source:raw.orders+1')).toEqual(['a', 'orders']);
    expect(pick('a c')).toEqual(['a', 'c']);
    // The source is declared in models/staging/_sources.yml, so path: selects it too, as in dbt.
    expect(pick('+c,path:models/staging')).toEqual(['a', 'orders']);
    expect(pick('+c', 'tag:nightly')).toEqual(['b', 'c', 'orders', 's']);
    expect(pick('a+', 'exposure:dash')).toEqual(['a', 'b', 'c', 'shy']);
  });

  it('reports terms that match nothing, as the CLI warns', () => {
    const r = selectLineage(s, g, 'nope', '');
    expect(r.ids.size).toBe(0);
    expect(r.warnings[0]).toMatch(/does not match any enabled nodes/);
  });

  it('throws the CLI error, with its hint, for bad syntax', () => {
    let message = '';
    try {
      selectLineage(s, g, 'tga:x', '');
    } catch (e) {
      message = selectorMessage(e);
    }
    expect(message).toMatch(/'tga' is not a valid selector method.*did you mean 'tag'/);
  });
});
