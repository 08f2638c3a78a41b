import { describe, expect, it } from 'vitest';
import { SourceMap, lineCol } from '../../../src/analysis/source-map.js';

describe('SourceMap', () => {
  const raw = "{{ config(materialized='table') }}\nselect id,\n  {{ cols() }}\nfrom {{ ref('orders') }}\nwhere amount > 0\n";
  const rendered = '\nselect id,\n  a, b\nfrom "db"."main"."orders"\nwhere amount > 0\n';

  it('maps a position in the literal text exactly', () => {
    const m = new SourceMap(raw, rendered).map(rendered.indexOf('amount'));
    expect(m).toEqual({ offset: raw.indexOf('amount'), exact: true });
    expect(lineCol(raw, m.offset)).toEqual({ line: 5, col: 7 });
  });

  it('maps a position in tag output to the tag, inexact', () => {
    const map = new SourceMap(raw, rendered);
    expect(map.map(rendered.indexOf('b\n'))).toEqual({ offset: raw.indexOf('{{ cols() }}'), exact: false });
    expect(map.map(rendered.indexOf('"db"'))).toEqual({ offset: raw.indexOf("{{ ref('orders') }}"), exact: false });
  });

  it('survives whitespace control and loops', () => {
    const r = 'select\n{%- for c in ["a", "b"] %}\n  {{ c }},\n{%- endfor %}\n  zz\nfrom t';
    const out = 'select\n  a,\n  b,\n  zz\nfrom t';
    const m = new SourceMap(r, out).map(out.indexOf('zz'));
    expect(m).toEqual({ offset: r.indexOf('zz'), exact: true });
  });
});
