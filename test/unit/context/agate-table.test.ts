/**
 * run_query results as dbt's agate tables: rows and columns by position and name, Python value
 * types per column (Decimal keeps its scale, dates are datetime.date), print_table() printing.
 */
import { describe, expect, it } from 'vitest';
import { createBuiltins } from '../../../src/jinja/builtins.js';
import { TxJinja } from '../../../src/jinja/tx-jinja.js';
import { AgateTable } from '../../../src/context/agate-table.js';
import { SqlDate, SqlDecimal, SqlTimestamp } from '../../../src/adapter/sql-values.js';

function render(tpl: string, scope: Record<string, unknown>): string {
  const globals = createBuiltins({ invocationId: 'x', runStartedAt: new Date(Date.UTC(2024, 0, 1)), env: {}, log: () => {} });
  const j = new TxJinja({ rootPackage: 'p', adapterType: 'duckdb', globals });
  return j.renderString(tpl, '/p/models/m.sql', scope);
}

const table = () =>
  new AgateTable(['a', 'b', 'd', 'ts', 'f'], [
    [1, 'x', new SqlDecimal('1.50'), new SqlTimestamp('2024-01-02 03:04:05.123456', null), 1],
    [2, 'y', new SqlDecimal('-0.05'), new SqlTimestamp('2024-01-03 00:00:00', null), 2.5],
  ], { sqlTypes: ['INTEGER', 'VARCHAR', 'DECIMAL(10,2)', 'TIMESTAMP', 'DOUBLE'] });

describe('agate tables', () => {
  it('rows answer by position, by name and by attribute', () => {
    const r = table();
    expect(render("{{ r.rows[0]['a'] }}|{{ r.rows[0].b }}|{{ r.rows[1][1] }}|{{ r.rows[0].keys() }}|{{ r.rows[0].dict()['b'] }}|{{ r.rows | length }}", { r })).toBe(
      "1|x|y|('a', 'b', 'd', 'ts', 'f')|x|2",
    );
    expect(render('{% for row in r %}{{ row.a }}{% endfor %}|{% for row in r.rows %}{{ row["b"] }}{% endfor %}', { r })).toBe('12|xy');
  });

  it('columns answer by position and name, iterate and measure', () => {
    const r = table();
    expect(render("{{ r.columns['a'].values() }}|{{ r.columns[0][0] }}|{{ r.columns[0] | length }}|{% for v in r.columns[1] %}{{ v }}{% endfor %}|{{ r.columns[1].name }}|{{ r.column_names }}", { r })).toBe(
      "(1, 2)|1|2|xy|b|('a', 'b', 'd', 'ts', 'f')",
    );
    expect(render('{% for name, col in r.columns.items() %}{{ name }}={{ col.values() | list }};{% endfor %}', { r })).toBe(
      "a=[1, 2];b=['x', 'y'];d=[Decimal('1.50'), Decimal('-0.05')];ts=[datetime.datetime(2024, 1, 2, 3, 4, 5, 123456), datetime.datetime(2024, 1, 3, 0, 0)];f=[Decimal('1.0'), Decimal('2.5')];",
    );
  });

  it('values are Python values: Decimal, datetime, date', () => {
    const r = table();
    expect(render("{{ r.rows[0].d }}|{{ r.rows[0].d * 2 }}|{{ r.rows[0].ts }}|{{ r.rows[0].ts.year }}|{{ r.rows[0].ts.strftime('%Y%m%d') }}|{{ r.rows[0].ts.isoformat() }}", { r })).toBe(
      '1.50|3.00|2024-01-02 03:04:05.123456|2024|20240102|2024-01-02T03:04:05.123456',
    );
    const d = new AgateTable(['d'], [[new SqlDate('2024-01-02')], [null]]);
    expect(render("{{ d.rows[0][0] }}|{{ d.rows[0][0].strftime('%d/%m') }}|{{ d.columns[0].values() }}|{{ d.rows[1][0] }}", { d })).toBe(
      '2024-01-02|02/01|(datetime.date(2024, 1, 2), None)|None',
    );
  });

  it('dbt_utils.get_query_results_as_dict and get_single_value shapes', () => {
    const r = table();
    const tpl = "{% set out = {} %}{% for name, col in r.columns.items() %}{% do out.update({name: col.values()}) %}{% endfor %}{{ out['b'] }}|{{ r.columns[0].values()[0] }}";
    expect(render(tpl, { r })).toBe("('x', 'y')|1");
  });

  it('print_table prints and renders None', () => {
    const printed: string[] = [];
    const r = new AgateTable(['n', 's'], [[1, 'a'], [22, 'bb']], { print: (t) => printed.push(t) });
    expect(render('{{ r.print_table() }}', { r })).toBe('None');
    expect(printed).toEqual(['| n  | s  |\n| -- | -- |\n|  1 | a  |\n| 22 | bb |']);
    printed.length = 0;
    render('{{ r.print_table(1) }}{{ r.print_table(max_rows=1) }}', { r });
    const one = '| n | s |\n| - | - |\n| 1 | a |\n| ... | ... |';
    expect(printed).toEqual([one, one]);
  });

  it('booleans stay booleans; a text column keeps strings', () => {
    const r = new AgateTable(['b', 't'], [[true, 'a'], [false, '1']]);
    expect(render('{{ r.rows[0].b }}|{{ r.columns[1].values() }}', { r })).toBe("True|('a', '1')");
  });

  it('containers and times are JSON/text, so their column is Text; one str makes a column Text', () => {
    const t = new AgateTable(['l', 'm', 'n'], [[[1, 2], 1, null], [{ k: 'v' }, 'x', null]]);
    expect(t.column_types).toEqual(['Text', 'Text', 'Integer']);
    expect(render('{{ t.columns[0].values() }}|{{ t.columns[1].values() }}', { t })).toBe(`('[1, 2]', '{"k": "v"}')|('1', 'x')`);
  });
});
