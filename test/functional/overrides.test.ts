/** A project overriding dbt's built-in macros: schema/alias naming and an adapter-dispatched type. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFixture, query, readJson, removeDir, tx, type CliResult } from './harness.js';

describe("project overrides of dbt's built-in macros", () => {
  let dir: string;
  let res: CliResult;
  beforeAll(async () => {
    dir = copyFixture('overrides');
    res = await tx(['run'], { cwd: dir, env: { TX_FIXTURE_ENV: 'ci' } });
  });
  afterAll(() => removeDir(dir));

  it('uses the custom schema verbatim and the configured alias', async () => {
    expect(res.code).toBe(0);
    const rels = await query(join(dir, 'target', 'overrides.duckdb'), "select table_schema, table_name, table_type from information_schema.tables order by 1, 2");
    expect(rels).toEqual([
      { table_schema: 'main', table_name: 'report', table_type: 'BASE TABLE' },
      { table_schema: 'staging', table_name: 'things', table_type: 'VIEW' },
    ]);
  });

  it('dispatches to the project override and renders dict/list methods, env_var and return()', async () => {
    const compiled = readJson(join(dir, 'target', 'manifest.json')) as { nodes: Record<string, { compiled_code?: string }> };
    expect(compiled.nodes['model.overrides.stg_things']!.compiled_code).toContain('cast(\'a\' as varchar(100))');
    const rows = await query(join(dir, 'target', 'overrides.duckdb'), 'select * from main.report');
    expect(rows).toEqual([{ id: 1, label: 'a', described: 'id int, label text', env_name: 'ci', n_parts: '3', target_name: 'dev' }]);
  });
});
