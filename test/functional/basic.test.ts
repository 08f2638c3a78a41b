/**
 * The basic fixture through the real CLI on a real DuckDB file: seeds, sources, views,
 * tables, an ephemeral model, macros, vars, doc blocks, custom schemas and artifacts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, query, readJson, removeDir, tx, type CliResult } from './harness.js';

describe('basic project on DuckDB', () => {
  let dir: string;
  let db: string;
  let build: CliResult;

  beforeAll(async () => {
    dir = copyFixture('basic');
    db = join(dir, 'target', 'basic.duckdb');
    build = await tx(['build'], { cwd: dir });
  });
  afterAll(() => removeDir(dir));

  it('builds every seed and model and exits 0', () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/Found 5 models, 1 analysis, 2 seeds, 2 data tests, 2 sources, \d+ macros/);
    expect(build.stdout).toMatch(/Done\. PASS=8 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=8/);
    expect(build.stdout).toMatch(/OK loaded seed file main_raw\.customers/);
    expect(build.stdout).toMatch(/OK created sql table model main_marts\.customer_orders/);
  });

  it('loads seeds with inferred and configured types into the custom schema', async () => {
    const cols = await query(db, "select column_name, data_type from information_schema.columns where table_schema = 'main_raw' and table_name = 'orders' order by ordinal_position");
    expect(cols).toEqual([
      { column_name: 'order_id', data_type: 'INTEGER' },
      { column_name: 'customer_id', data_type: 'INTEGER' },
      { column_name: 'amount_cents', data_type: 'BIGINT' },
      { column_name: 'status', data_type: 'VARCHAR' },
    ]);
  });

  it('builds the table through the ephemeral model and the macro', async () => {
    const rows = await query(db, 'select customer_id, name, n_orders, total_dollars::double as total from main_marts.customer_orders order by customer_id');
    expect(rows).toEqual([
      { customer_id: 1, name: 'Ada', n_orders: 2, total: 20.5 },
      { customer_id: 2, name: 'Grace', n_orders: 0, total: 0 },
      { customer_id: 3, name: 'Linus', n_orders: 1, total: 0 },
      { customer_id: 4, name: 'Margaret', n_orders: 1, total: 9.9 },
    ]);
    const types = await query(db, "select table_schema, table_name, table_type from information_schema.tables where table_schema like 'main%' order by 1, 2");
    expect(types).toEqual([
      { table_schema: 'main', table_name: 'country_summary', table_type: 'BASE TABLE' },
      { table_schema: 'main', table_name: 'fragile', table_type: 'BASE TABLE' },
      { table_schema: 'main', table_name: 'stg_customers', table_type: 'VIEW' },
      { table_schema: 'main_marts', table_name: 'customer_orders', table_type: 'BASE TABLE' },
      { table_schema: 'main_raw', table_name: 'customers', table_type: 'BASE TABLE' },
      { table_schema: 'main_raw', table_name: 'orders', table_type: 'BASE TABLE' },
    ]);
  });

  it('renders loops, vars (package-scoped) and dbt.* macros', async () => {
    const rows = await query(db, 'select * from main.country_summary');
    expect(rows).toEqual([{ nl_customers: 2, us_customers: 1, fi_customers: 1, home_country: 'NL', has_ts: true }]);
  });

  it('injects ephemeral models as __dbt__cte__ CTEs in compiled SQL', () => {
    const compiled = readFileSync(join(dir, 'target/compiled/basic/models/marts/customer_orders.sql'), 'utf8');
    expect(compiled).toMatch(/^\s*with __dbt__cte__stg_orders as \(/);
    expect(compiled).toContain('), o as (');
    expect(existsSync(join(dir, 'target/run/basic/models/marts/customer_orders.sql'))).toBe(true);
  });

  it('writes a dbt-shaped manifest with dependencies from rendering', () => {
    const m = readJson(join(dir, 'target/manifest.json')) as { metadata: Record<string, unknown>; nodes: Record<string, Record<string, unknown>>; sources: Record<string, Record<string, unknown>>; parent_map: Record<string, string[]>; docs: Record<string, unknown> };
    expect(m.metadata['dbt_schema_version']).toBe('https://schemas.getdbt.com/dbt/manifest/v12.json');
    const summary = m.nodes['model.basic.country_summary']!;
    expect((summary['depends_on'] as { nodes: string[] }).nodes).toEqual(['model.basic.stg_customers']);
    expect(summary['relation_name']).toBe('"basic"."main"."country_summary"');
    expect(m.nodes['model.basic.customer_orders']!['tags']).toEqual(['mart', 'finance']);
    expect(m.nodes['model.basic.disabled_model']).toBeUndefined();
    expect(m.nodes['analysis.basic.top_customers']).toBeDefined();
    expect(m.parent_map['model.basic.customer_orders']).toEqual(['model.basic.stg_customers', 'model.basic.stg_orders']);
    const col = (m.nodes['model.basic.stg_customers']!['columns'] as Record<string, { description: string }>)['customer_id']!;
    expect(col.description.trim()).toBe("The customer's id, unique per customer.");
    expect(m.sources['source.basic.raw.customers']!['relation_name']).toBe('"basic"."main_raw"."customers"');
  });

  it('writes run_results.json with a result per executed node', () => {
    const rr = readJson(join(dir, 'target/run_results.json')) as { results: { unique_id: string; status: string }[]; metadata: Record<string, unknown> };
    expect(rr.metadata['dbt_schema_version']).toBe('https://schemas.getdbt.com/dbt/run-results/v6.json');
    const byId = Object.fromEntries(rr.results.map((r) => [r.unique_id.replace(/\.[0-9a-f]{10}$/, ''), r.status]));
    expect(byId).toEqual({
      'model.basic.country_summary': 'success', 'model.basic.customer_orders': 'success', 'model.basic.fragile': 'success',
      'model.basic.stg_customers': 'success', 'seed.basic.customers': 'success', 'seed.basic.orders': 'success',
      'test.basic.not_null_stg_customers_customer_id': 'pass', 'test.basic.unique_stg_customers_customer_id': 'pass',
    });
  });

  it('keeps the previous table when a rebuild fails, and skips only descendants', async () => {
    const res = await tx(['run', '--select', 'fragile', '--vars', '{break_fragile: true}'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/ERROR creating sql table model main\.fragile/);
    expect(res.stdout).toContain('target/compiled/basic/models/marts/fragile.sql');
    expect(res.stdout).toMatch(/Done\. PASS=0 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=1/);
    expect(await query(db, 'select answer from main.fragile')).toEqual([{ answer: 42 }]);
    const leftovers = await query(db, "select table_name from information_schema.tables where table_name like '%__dbt_%'");
    expect(leftovers).toEqual([]);
  });

  it('selects by fqn, tag, path and graph operators', async () => {
    const ls = async (...sel: string[]) => (await tx(['ls', '--output', 'name', ...sel], { cwd: dir })).stdout.trim().split('\n').filter(Boolean).sort();
    expect(await ls('--select', 'marts')).toEqual(['country_summary', 'customer_orders', 'fragile']);
    expect(await ls('--select', 'tag:finance')).toEqual(['customer_orders']);
    expect(await ls('--select', '+customer_orders', '--resource-type', 'model')).toEqual(['customer_orders', 'stg_customers', 'stg_orders']);
    // The tests on stg_customers join the selection (eager indirect selection).
    expect(await ls('--select', 'stg_customers+', '--exclude', 'customer_orders')).toEqual([
      'country_summary', 'not_null_stg_customers_customer_id', 'stg_customers', 'unique_stg_customers_customer_id',
    ]);
    expect(await ls('--select', 'stg_customers', '--indirect-selection', 'empty')).toEqual(['stg_customers']);
    expect(await ls('--select', 'path:models/staging,resource_type:model', '--exclude', 'stg_orders', '--indirect-selection', 'empty')).toEqual(['stg_customers']);
  });

  it('selects with named selectors from selectors.yml', async () => {
    const ls = async (...args: string[]) => (await tx(['ls', '--output', 'name', ...args], { cwd: dir })).stdout.trim().split('\n').filter(Boolean).sort();
    expect(await ls('--selector', 'marts_but_fragile')).toEqual(['country_summary', 'customer_orders']);
    expect(await ls('--selector', 'staging_and_children', '--exclude', 'fragile', '--resource-type', 'model')).toEqual(['country_summary', 'customer_orders', 'stg_customers']);
    expect(await ls('--selector', 'finance')).toEqual(['customer_orders']);
    const bad = await tx(['ls', '--selector', 'finanse'], { cwd: dir });
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("did you mean 'finance'?");
  });

  it('compiles deterministically: twice gives byte-identical SQL and manifest nodes', async () => {
    const snapshot = () => {
      const m = readJson(join(dir, 'target/manifest.json')) as { nodes: unknown; sources: unknown; macros: unknown; parent_map: unknown };
      return JSON.stringify([m.nodes, m.sources, m.macros, m.parent_map]) + readFileSync(join(dir, 'target/compiled/basic/models/marts/customer_orders.sql'), 'utf8');
    };
    expect((await tx(['compile'], { cwd: dir })).code).toBe(0);
    const first = snapshot();
    expect((await tx(['compile'], { cwd: dir })).code).toBe(0);
    expect(snapshot()).toBe(first);
  });

  it('compiles offline and prints a single selected node', async () => {
    const res = await tx(['compile', '--select', 'stg_customers'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).toContain('from "basic"."main_raw"."customers"');
  });
});
