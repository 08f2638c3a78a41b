/**
 * Templates that read the warehouse (run_query, statement/load_result,
 * adapter.get_columns_in_relation) render with recorded answers: at run time after their parents
 * are built, and in `tx compile` with a connection opened only because they ask. run-operation
 * runs each of a macro's statements exactly once, in order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { copyFixture, query, removeDir, tx } from './harness.js';

describe('warehouse introspection in templates', () => {
  let dir: string;
  let db: string;
  beforeAll(() => {
    dir = copyFixture('introspection');
    db = join(dir, 'target', 'intro.duckdb');
  });
  afterAll(() => removeDir(dir));

  it('builds a model whose columns come from run_query, statement and get_columns_in_relation', async () => {
    const res = await tx(['build'], { cwd: dir });
    expect(res.stdout).toMatch(/Done\. PASS=2 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=2/);
    expect(await query(db, 'select total, blue, red from main.pivoted')).toEqual([{ total: 3, blue: 1, red: 2 }]);
    const compiled = readFileSync(join(dir, 'target/compiled/intro/models/pivoted.sql'), 'utf8');
    expect(compiled).toContain('-- columns: id, color');
  });

  it('tx compile answers the questions with a connection and prints the real SQL', async () => {
    const res = await tx(['compile', '--select', 'pivoted'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain("sum(case when color = 'blue' then 1 else 0 end) as blue");
  });

  it('run-operation runs each statement once, in order, and prints only the final log lines', async () => {
    expect((await tx(['run-operation', 'setup_log'], { cwd: dir })).code).toBe(0);
    const res = await tx(['run-operation', 'grant_and_count', '--args', '{table_name: colors, times: 3}'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout.match(/audit_log has \d+ rows/g)).toEqual(['audit_log has 3 rows']);
    const missing = await tx(['run-operation', 'no_such_macro'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr + missing.stdout).toContain("run-operation: no macro named 'no_such_macro'");
  });

  it('tx show previews a node or an inline query', async () => {
    const node = await tx(['show', '--select', 'colors', '--limit', '2'], { cwd: dir });
    expect(node.code).toBe(0);
    expect(node.stdout).toContain("Previewing node 'colors':\n| id | color |\n| -- | ----- |\n|  1 | red   |\n|  2 | blue  |");
    const inline = await tx(['show', '--inline', "select count(*) as n from {{ ref('colors') }}", '--output', 'json'], { cwd: dir });
    expect(JSON.parse(inline.stdout.slice(inline.stdout.indexOf('{')))).toEqual({ node: 'inline_query', show: [{ n: 3 }] });
  });

  it('tx show prints dates as dates and decimals with their scale, in the table and in JSON', async () => {
    const sql = "select date '2026-01-02' as d, timestamp '2026-01-02 10:30:00' as ts, 1.5::decimal(10,2) as amount, null as z, true as ok";
    const table = await tx(['show', '--inline', sql], { cwd: dir });
    expect(table.code).toBe(0);
    expect(table.stdout).toContain('| 2026-01-02 | 2026-01-02 10:30:00 |   1.50 |   | True |');
    const json = await tx(['show', '--inline', sql, '--output', 'json'], { cwd: dir });
    expect(JSON.parse(json.stdout.slice(json.stdout.indexOf('{')))).toEqual({
      node: 'inline_query',
      show: [{ d: '2026-01-02', ts: '2026-01-02 10:30:00', amount: 1.5, z: null, ok: true }],
    });
  });

  it('templates see graph, selected_resources and api.Column as in dbt', async () => {
    writeFileSync(join(dir, 'models', 'graph_probe.sql'), [
      "select {{ graph.nodes.values() | selectattr('resource_type', 'equalto', 'seed') | list | length }} as seeds,",
      '  {{ selected_resources | length if execute else 0 }} as selected,',
      "  '{{ api.Column.create('x', 'integer').quoted }}' as q",
    ].join('\n'));
    const res = await tx(['compile', '--select', 'graph_probe'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('select 1 as seeds,\n  1 as selected,\n  \'"x"\' as q');
  });

  it("a project's own ref macro replaces ref, and builtins.ref is the original", async () => {
    writeFileSync(join(dir, 'macros', 'ref_override.sql'), '{% macro ref(name) %}{{ return(builtins.ref(name).include(database=false)) }}{% endmacro %}\n');
    const res = await tx(['compile', '--select', 'pivoted'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('from "main"."colors"');
    const manifest = JSON.parse(readFileSync(join(dir, 'target', 'manifest.json'), 'utf8')) as { nodes: Record<string, { depends_on: { nodes: string[] } }> };
    expect(manifest.nodes['model.intro.pivoted']!.depends_on.nodes).toEqual(['seed.intro.colors']);
  });
});
