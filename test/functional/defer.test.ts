/**
 * Slim CI on a real DuckDB file: production (`--target prod`) builds everything into schema
 * prod; the dev target builds only what changed, deferring the rest to prod (`--defer
 * --state`), clones production (`tx clone`), and selects by the previous run's results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, query, readJson, removeDir, tx } from './harness.js';

const dir = copyFixture('workflows');
const prod = join(dir, 'prod-state');
const db = join(dir, 'target', 'warehouse.duckdb');
afterAll(() => removeDir(dir));

const tables = async (schema: string) =>
  (await query(db, `select table_name, table_type from information_schema.tables where table_schema = '${schema}' order by 1`)).map((r) => `${String(r['table_name'])}:${String(r['table_type'])}`);

beforeAll(async () => {
  const built = await tx(['build', '--target', 'prod', '--select', 'fqn:*'], { cwd: dir });
  expect(built.code, built.stdout + built.stderr).toBe(0);
  cpSync(join(dir, 'target'), prod, { recursive: true, filter: (p) => !p.endsWith('.duckdb') && !p.endsWith('.wal') });
});

describe('--defer', () => {
  it('without --defer a model whose parents were never built in dev fails', async () => {
    const res = await tx(['run', '--select', 'customer_totals'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/orders_enriched/);
  });

  it('refs to unselected nodes missing from dev read production', async () => {
    const res = await tx(['build', '--select', 'customer_totals', '--defer', '--state', prod], { cwd: dir });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(readFileSync(join(dir, 'target/compiled/workflows/models/marts/customer_totals.sql'), 'utf8')).toContain('"warehouse"."prod"."orders_enriched"');
    expect(await query(db, 'select customer_id, total from dev.customer_totals order by 1')).toEqual(await query(db, 'select customer_id, total from prod.customer_totals order by 1'));
    const manifest = readJson(join(dir, 'target', 'manifest.json')) as { nodes: Record<string, { defer_relation: { schema: string } | null }> };
    expect(manifest.nodes['model.workflows.orders_enriched']!.defer_relation?.schema).toBe('prod');
  });

  it('a parent that exists in dev is read from dev, unless --favor-state', async () => {
    // dev's orders_enriched holds other rows: the us region.
    expect((await tx(['run', '--select', 'orders_enriched', '--defer', '--state', prod, '--vars', '{region: us}'], { cwd: dir })).code).toBe(0);
    expect((await tx(['run', '--select', 'customer_totals', '--defer', '--state', prod], { cwd: dir })).code).toBe(0);
    expect((await query(db, 'select name from dev.customer_totals')).map((r) => r['name'])).toEqual(['Grace']);
    expect((await tx(['run', '--select', 'customer_totals', '--defer', '--favor-state', '--state', prod], { cwd: dir })).code).toBe(0);
    expect((await query(db, 'select name from dev.customer_totals order by 1')).map((r) => r['name'])).toEqual(['Ada', 'Edsger']);
  });

  it('--defer needs a state', async () => {
    const res = await tx(['run', '--select', 'customer_totals', '--defer'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr + res.stdout).toMatch(/--defer needs a state/);
  });

  it('slim CI: build only what changed, with its children and tests, deferring the rest', async () => {
    const file = join(dir, 'models/marts/orders_enriched.sql');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace('o.status', "o.status, 'v2' as version"));
    try {
      const res = await tx(['build', '--select', 'state:modified+', '--defer', '--state', prod, '--fail-fast', '--log-format', 'json'], { cwd: dir });
      expect(res.code, res.stdout + res.stderr).toBe(0);
      const rr = readJson(join(dir, 'target', 'run_results.json')) as { results: { unique_id: string; status: string }[] };
      const ran = rr.results.map((r) => r.unique_id.split('.')[2]).sort();
      expect(ran).toEqual(['assert_totals_positive', 'customer_totals', 'not_null_customer_totals_customer_id', 'orders_enriched', 'unique_customer_totals_customer_id', 'unique_orders_enriched_order_id']);
      // stg_orders was not built in dev: orders_enriched read production's.
      expect(readFileSync(join(dir, 'target/compiled/workflows/models/marts/orders_enriched.sql'), 'utf8')).toContain('"warehouse"."prod"."stg_orders"');
      // One JSON event per line.
      for (const line of res.stdout.trim().split('\n')) expect(() => JSON.parse(line)).not.toThrow();
    } finally {
      writeFileSync(file, before);
    }
  });
});

describe('tx clone', () => {
  it('creates what dev lacks as views over production, and leaves what exists', async () => {
    const res = await tx(['clone', '--state', prod, '--select', 'fqn:*'], { cwd: dir });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    expect(res.stdout).toMatch(/Relation "warehouse"\."dev"\."customer_totals" already exists/);
    // DuckDB cannot clone tables without copying: clones are views, as dbt's clone does there.
    expect(await tables('dev')).toEqual(['customer_totals:BASE TABLE', 'order_statuses:VIEW', 'orders_enriched:BASE TABLE', 'stg_customers:VIEW', 'stg_orders:VIEW']);
    expect(await query(db, 'select * from dev.order_statuses order by 1')).toEqual(await query(db, 'select * from prod.order_statuses order by 1'));
    expect(await query(db, "select count(*) as n from dev_raw.raw_orders")).toEqual([{ n: 4 }]);
    const again = await tx(['clone', '--state', prod, '--select', 'order_statuses', '--full-refresh'], { cwd: dir });
    expect(again.code).toBe(0);
    expect(again.stdout).not.toMatch(/already exists/);
  });

  it('needs --state', async () => {
    const res = await tx(['clone'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr + res.stdout).toMatch(/tx clone needs --state/);
  });
});

describe('result: selection', () => {
  it('selects by the status each node had in the previous run', async () => {
    const file = join(dir, 'models/marts/order_statuses.sql');
    const before = readFileSync(file, 'utf8');
    // Fails when it runs (a bad cast), still downstream of stg_orders.
    writeFileSync(file, "select cast(status as integer) as n from {{ ref('stg_orders') }}\n");
    const failed = join(dir, 'failed-run');
    try {
      expect((await tx(['build', '--select', 'stg_orders+', '--exclude', 'customer_totals+', '--defer', '--state', prod], { cwd: dir })).code).toBe(1);
      cpSync(join(dir, 'target'), failed, { recursive: true, filter: (p) => !p.endsWith('.duckdb') && !p.endsWith('.wal') });
    } finally {
      writeFileSync(file, before);
    }
    const names = (out: string) => out.trim().split('\n').filter((l) => !l.includes(' ')).sort();
    // The model's unit test fails first, so build skips the model.
    const ls = await tx(['ls', '--select', 'result:fail', 'result:skipped', '--state', failed, '--output', 'name'], { cwd: dir });
    expect(ls.code, ls.stderr).toBe(0);
    expect(names(ls.stdout)).toEqual(['counts_statuses', 'order_statuses']);
    const ok = await tx(['ls', '--select', 'result:success', '--state', failed, '--output', 'name', '--resource-type', 'model'], { cwd: dir });
    expect(names(ok.stdout)).toEqual(['orders_enriched', 'stg_orders']);
  });
});
