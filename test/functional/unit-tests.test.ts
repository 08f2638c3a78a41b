/**
 * Unit tests (dbt 1.8+) end to end on real DuckDB: dict, CSV, fixture-file and SQL inputs,
 * ephemeral inputs, var/env_var/macro overrides, the `this` input, a readable diff on
 * failure, selection with test_type:unit, and build skipping a model whose unit test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFixture, query, readJson, removeDir, tx, type CliResult } from './harness.js';

interface Result { unique_id: string; status: string; failures: number | null; message: string | null }

describe('unit tests', () => {
  let dir: string;
  let db: string;
  let build: CliResult;
  let results: Result[];

  beforeAll(async () => {
    dir = copyFixture('unit_tests');
    db = join(dir, 'target', 'unit_tests_fixture.duckdb');
    build = await tx(['build'], { cwd: dir });
    results = (readJson(join(dir, 'target/run_results.json')) as { results: Result[] }).results;
  });
  afterAll(() => removeDir(dir));

  const status = (id: string) => results.find((r) => r.unique_id === id)?.status;

  it('runs each unit test before its model in build, and passes the correct ones', () => {
    expect(status('unit_test.unit_tests_fixture.customer_totals.totals_per_customer')).toBe('pass');
    expect(status('unit_test.unit_tests_fixture.customer_totals.vip_threshold_from_vars')).toBe('pass');
    expect(status('unit_test.unit_tests_fixture.stg_orders.amounts_in_dollars')).toBe('pass');
    expect(status('unit_test.unit_tests_fixture.order_log.only_new_orders_when_incremental')).toBe('pass');
    const order = results.map((r) => r.unique_id);
    expect(order.indexOf('unit_test.unit_tests_fixture.customer_totals.totals_per_customer')).toBeLessThan(order.indexOf('model.unit_tests_fixture.customer_totals'));
    expect(build.stdout).toMatch(/START unit_test customer_totals::totals_per_customer \.+ \[RUN\]/);
    expect(build.stdout).toMatch(/PASS customer_totals::totals_per_customer \.+ \[PASS in \d+\.\d+s\]/);
    expect(build.stdout).toMatch(/Found 5 models, 2 seeds, 5 unit tests, \d+ macros/);
  });

  it('reads .sql fixtures from tests/fixtures/ without parsing them as singular tests', async () => {
    // vip_threshold_from_vars takes eph_customers from tests/fixtures/one_customer.sql.
    expect(status('unit_test.unit_tests_fixture.customer_totals.vip_threshold_from_vars')).toBe('pass');
    const ls = await tx(['ls', '--resource-type', 'test', '--output', 'name'], { cwd: dir });
    expect(ls.stdout).not.toContain('one_customer');
  });

  it('fails with a readable diff and skips the model it tests', async () => {
    const failing = results.find((r) => r.unique_id === 'unit_test.unit_tests_fixture.customer_report.report_counts_vips')!;
    expect(failing.status).toBe('fail');
    // dbt counts a failing unit test as one failure, however many rows differ.
    expect(failing.failures).toBe(1);
    expect(build.stdout).toMatch(/FAIL 1 customer_report::report_counts_vips \.+ \[FAIL 1 in \d+\.\d+s\]/);
    expect(failing.message).toContain('actual differs from expected (1 expected row not returned, 1 unexpected row returned)');
    expect(failing.message).toMatch(/--- \| 3\n\+\+\+ \| 2/);
    expect(status('model.unit_tests_fixture.customer_report')).toBe('skipped');
    expect(status('model.unit_tests_fixture.customer_totals')).toBe('success');
    expect(build.code).toBe(1);
    expect(build.stdout).toContain('Failure in unit_test customer_report::report_counts_vips (models/_unit_tests.yml)');
    const tables = await query(db, "select table_name from information_schema.tables where table_schema = 'main' order by 1");
    expect(tables.map((t) => t['table_name'])).not.toContain('customer_report');
  });

  it('tx test --select test_type:unit runs only unit tests, reading the real input types', async () => {
    const res = await tx(['test', '--select', 'test_type:unit', '--exclude', 'tag:deliberately_failing'], { cwd: dir });
    expect(res.stdout).toMatch(/Done\. PASS=4 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=4/);
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/START sql/);
  });

  it('reports a changed row cell by cell', async () => {
    const res = await tx(['test', '--select', 'customer_report', '--vars', '{}'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('Failure in unit_test customer_report::report_counts_vips');
  });

  it('writes unit tests into manifest.json in dbt\'s shape', () => {
    const m = readJson(join(dir, 'target/manifest.json')) as { unit_tests: Record<string, Record<string, unknown>>; child_map: Record<string, string[]> };
    const u = m.unit_tests['unit_test.unit_tests_fixture.customer_totals.totals_per_customer']!;
    expect(u['model']).toBe('customer_totals');
    expect(u['depends_on']).toEqual({ macros: [], nodes: ['model.unit_tests_fixture.customer_totals'] });
    expect((u['given'] as { input: string }[]).map((g) => g.input)).toEqual(["ref('stg_orders')", "ref('eph_customers')"]);
    expect(m.child_map['model.unit_tests_fixture.customer_totals']).toContain('unit_test.unit_tests_fixture.customer_totals.totals_per_customer');
  });
});
