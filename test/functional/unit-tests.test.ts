/**
 * Unit tests (dbt 1.8+) end to end on real DuckDB: dict, CSV, fixture-file and SQL inputs,
 * ephemeral inputs, var/env_var/macro overrides, the `this` input, a readable diff on
 * failure, selection with test_type:unit, and build skipping a model whose unit test fails.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
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
    expect(build.stdout).toMatch(/Found 5 models, 2 seeds, 7 unit tests, \d+ macros/);
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
    expect(res.stdout).toMatch(/Done\. PASS=6 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=6/);
    expect(res.code).toBe(0);
    expect(res.stdout).not.toMatch(/START sql/);
  });

  it('uses a seed as it is when its input has no rows or is left out of given', () => {
    expect(status('unit_test.unit_tests_fixture.stg_orders.amounts_from_the_seed_file')).toBe('pass');
    expect(status('unit_test.unit_tests_fixture.stg_orders.seed_left_out_of_given')).toBe('pass');
    // As dbt's manifest holds them: the seed's CSV rows, read at parse time.
    const m = readJson(join(dir, 'target/manifest.json')) as { unit_tests: Record<string, { given: { rows: unknown }[] }> };
    expect(m.unit_tests['unit_test.unit_tests_fixture.stg_orders.amounts_from_the_seed_file']!.given[0]!.rows).toEqual([
      { order_id: '1', customer_id: '1', amount_cents: '1000', ordered_at: '2024-01-01 10:00:00' },
      { order_id: '2', customer_id: '1', amount_cents: '2550', ordered_at: '2024-01-02 11:00:00' },
      { order_id: '3', customer_id: '2', amount_cents: '500', ordered_at: '2024-01-03 12:00:00' },
    ]);
  });

  it('test_name: selects unit tests by their name', async () => {
    const ls = await tx(['ls', '--select', 'test_name:amounts_*', '--output', 'name'], { cwd: dir });
    expect(ls.stdout.trim().split('\n').filter((l) => !/No profiles|^\d/.test(l)).sort()).toEqual(['amounts_from_the_seed_file', 'amounts_in_dollars']);
  });

  it('--exclude-resource-type (and DBT_EXCLUDE_RESOURCE_TYPES) leaves unit tests out', async () => {
    const res = await tx(['build', '--exclude-resource-type', 'unit_test', '--select', 'stg_orders'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stdout).not.toContain('unit_test');
    expect(res.stdout).toMatch(/Done\. PASS=1 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=1/);
    const env = await tx(['ls', '--select', 'stg_orders', '--output', 'name'], { cwd: dir, env: { DBT_EXCLUDE_RESOURCE_TYPES: 'unit_test seed' } });
    expect(env.stdout.trim().split('\n').filter((l) => !/No profiles|^\d/.test(l))).toEqual(['stg_orders']);
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

describe('unit test inputs dbt requires', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyFixture('unit_tests');
  });
  afterAll(() => removeDir(dir));

  it('a model left out of given is an empty input; an ephemeral one must be given as SQL', async () => {
    writeFileSync(join(dir, 'models', '_omissions.yml'), [
      'version: 2',
      'unit_tests:',
      '  - name: omits_a_model',
      '    model: customer_report',
      '    given: []',
      '    expect: {rows: [{vips: 0}]}',
      '  - name: omits_an_ephemeral_model',
      '    model: customer_totals',
      '    given:',
      "      - input: ref('stg_orders')",
      '        rows: []',
      '    expect: {rows: []}',
      '',
    ].join('\n'));
    // An omitted input still has the built relation's column types.
    expect((await tx(['build', '--select', '+customer_totals', '--exclude-resource-type', 'unit_test', 'test'], { cwd: dir })).code).toBe(0);
    const res = await tx(['test', '--select', 'test_name:omits_*'], { cwd: dir });
    expect(res.code).toBe(1);
    // customer_report reads nothing but the omitted (so empty) customer_totals: no rows, as expected.
    expect(res.stdout).toMatch(/Done\. PASS=1 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=2/);
    expect(res.stdout).toContain("Unit_Test 'unit_test.unit_tests_fixture.customer_totals.omits_an_ephemeral_model' (models/_omissions.yml) depends on a node named 'eph_customers' which was not found");
  });

  it('an input without rows must be a seed', async () => {
    writeFileSync(join(dir, 'models', '_omissions.yml'), [
      'version: 2',
      'unit_tests:',
      '  - name: rowless_model_input',
      '    model: customer_report',
      '    given:',
      "      - input: ref('customer_totals')",
      '    expect: {rows: []}',
      '',
    ].join('\n'));
    const res = await tx(['parse'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("error TX0803: Unable to find seed 'unit_tests_fixture.customer_totals' for unit tests in directories: ['seeds']");
  });
});
