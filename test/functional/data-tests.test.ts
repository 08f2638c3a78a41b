/**
 * Data tests end to end on real DuckDB: built-in and custom generic tests, overrides,
 * severity and thresholds from every config layer, store_failures, indirect selection,
 * and build's skip propagation. The fixture's defects are counted by hand in the CSVs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { copyFixture, query, readJson, removeDir, tx, type CliResult } from './harness.js';

interface Result { unique_id: string; status: string; failures: number | null; message: string | null }

const byName = (results: Result[]) =>
  Object.fromEntries(results.map((r) => [r.unique_id.split('.')[2]!, { status: r.status, failures: r.failures }]));

describe('data tests', () => {
  let dir: string;
  let db: string;
  let build: CliResult;
  let results: Result[];

  beforeAll(async () => {
    dir = copyFixture('data_tests');
    db = join(dir, 'target', 'data_tests_fixture.duckdb');
    build = await tx(['build'], { cwd: dir });
    results = (readJson(join(dir, 'target/run_results.json')) as { results: Result[] }).results;
  });
  afterAll(() => removeDir(dir));

  it('reports every test with its exact failure count and status', () => {
    const tests = byName(results.filter((r) => r.unique_id.startsWith('test.')));
    expect(tests).toEqual({
      // stg_customers: unique at severity error (its own config beats dbt_project.yml), not_null warns.
      unique_stg_customers_id: { status: 'fail', failures: 2 },
      not_null_stg_customers_name: { status: 'warn', failures: 2 },
      stg_customers_name_limited: { status: 'warn', failures: 1 },
      // stg_orders: warnings only (the project-level +severity: warn).
      accepted_values_stg_orders_status__placed__shipped__returned: { status: 'warn', failures: 2 },
      relationships_stg_orders_customer_id__id__ref_stg_customers_: { status: 'warn', failures: 3 }, // 99, 99, 98
      source_not_null_raw_raw_orders_order_id: { status: 'pass', failures: 0 },
      // valid_orders: clean.
      not_null_valid_orders_order_id: { status: 'pass', failures: 0 },
      relationships_valid_orders_order_id__order_id__ref_stg_orders_: { status: 'pass', failures: 0 },
      is_positive_valid_orders_amount: { status: 'pass', failures: 0 },
      accepted_values_valid_orders_status__placed__shipped__returned: { status: 'pass', failures: 0 },
      // models/audit/: severity error from the folder in dbt_project.yml.
      accepted_values_orders_audit_status__placed__shipped__returned: { status: 'fail', failures: 3 }, // fail_calc sum(n_records)
      orders_audit_status_without_unknown: { status: 'fail', failures: 1 }, // where: status != 'unknown'
      is_positive_orders_audit_amount: { status: 'fail', failures: 1 },
      audit_amount_in_range: { status: 'fail', failures: 2 },
      relationships_orders_audit_customer_id__id__ref_stg_customers_: { status: 'warn', failures: 3 }, // warn_if >1, error_if >10
      unique_orders_audit_customer_id: { status: 'fail', failures: 2 },
      orders_audit_repeat_customers_above_min: { status: 'warn', failures: 1 }, // where customer_id > 1: only 99 repeats
      orders_audit_duplicate_customers: { status: 'fail', failures: 2 },
      assert_no_big_orders: { status: 'fail', failures: 1 },
    });
  });

  it('names tests and builds unique_ids exactly as dbt does', () => {
    const ids = results.map((r) => r.unique_id);
    expect(ids).toContain('test.data_tests_fixture.unique_stg_customers_id.a6a76acf47');
    expect(ids).toContain('test.data_tests_fixture.assert_no_big_orders');
    const manifest = readJson(join(dir, 'target/manifest.json')) as { nodes: Record<string, Record<string, unknown>> };
    const av = Object.values(manifest.nodes).find((n) => n['name'] === 'accepted_values_stg_orders_status__placed__shipped__returned')!;
    expect(av['test_metadata']).toEqual({
      name: 'accepted_values', namespace: null,
      kwargs: { values: ['placed', 'shipped', 'returned'], column_name: 'status', model: "{{ get_where_subquery(ref('stg_orders')) }}" },
    });
    expect(av['attached_node']).toBe('model.data_tests_fixture.stg_orders');
    expect(av['column_name']).toBe('status');
    expect((av['depends_on'] as { nodes: string[] }).nodes).toEqual(['model.data_tests_fixture.stg_orders']);
  });

  it('renders Jinja in test configs while parsing, keeping unrendered_config as written', async () => {
    const manifest = readJson(join(dir, 'target/manifest.json')) as { nodes: Record<string, Record<string, unknown>>; disabled: Record<string, unknown[]> };
    const t = Object.values(manifest.nodes).find((n) => n['name'] === 'orders_audit_repeat_customers_above_min')!;
    expect(t['config']).toMatchObject({ where: 'customer_id > 1', severity: 'warn', limit: 10, error_if: '>100' });
    expect(t['unrendered_config']).toMatchObject({
      where: "customer_id > {{ var('min_customer_id', 1) }}",
      severity: "{{ 'warn' if target.name == 'dev' else 'error' }}",
      limit: "{{ var('failure_limit', 10) }}",
    });
    const compiled = readFileSync(join(dir, 'target/compiled/data_tests_fixture/models/audit/_audit.yml/orders_audit_repeat_customers_above_min.sql'), 'utf8');
    expect(compiled).toContain('customer_id > 1');
    // enabled: "{{ var('audit_extra', false) }}" disables the test unless the var says otherwise.
    expect(Object.keys(manifest.disabled).some((id) => id.startsWith('test.data_tests_fixture.orders_audit_customer_id_when_asked.'))).toBe(true);
    const ls = async (...args: string[]) => (await tx(['ls', '--output', 'name', '--resource-type', 'test', '--select', 'orders_audit,test_name:not_null', ...args], { cwd: dir })).stdout;
    expect(await ls()).not.toContain('orders_audit_customer_id_when_asked');
    expect(await ls('--vars', '{audit_extra: true}')).toContain('orders_audit_customer_id_when_asked');
    // --vars and env vars reach the configs.
    const res = await tx(['test', '--select', 'orders_audit_repeat_customers_above_min', '--vars', '{min_customer_id: 0}', '--target-path', 'target_vars'], { cwd: dir, env: { TX_AUDIT_ERROR_IF: '>5' } });
    expect(res.stdout).toMatch(/WARN 2 orders_audit_repeat_customers_above_min/); // customers 1 and 99 repeat
    const again = readJson(join(dir, 'target_vars/manifest.json')) as { nodes: Record<string, Record<string, unknown>> };
    expect(Object.values(again.nodes).find((n) => n['name'] === 'orders_audit_repeat_customers_above_min')!['config']).toMatchObject({ where: 'customer_id > 0', error_if: '>5' });
  });

  it('uses custom generic tests from macros/ and tests/generic/, with dispatch', () => {
    const dir2 = join(dir, 'target/compiled/data_tests_fixture/models/audit/_audit.yml');
    // duckdb__test_in_range wins over default__test_in_range through adapter.dispatch.
    expect(readFileSync(join(dir2, 'audit_amount_in_range.sql'), 'utf8')).toContain('-- duckdb__test_in_range');
    expect(readFileSync(join(dir2, 'is_positive_orders_audit_amount.sql'), 'utf8')).toContain('where amount <= 0');
  });

  it('stores failing rows in the audit schema and prints where', async () => {
    const rows = await query(db, 'select unique_field, n_records from main_dbt_test__audit.unique_orders_audit_customer_id order by 1');
    expect(rows).toEqual([{ unique_field: 1, n_records: 2 }, { unique_field: 99, n_records: 2 }]);
    // schema and alias configs place the table: <target schema>_<schema>.<alias>.
    expect(await query(db, 'select count(*)::int as n from main_quality.duplicate_customers')).toEqual([{ n: 2 }]);
    expect(build.stdout).toContain('  See test failures:');
    expect(build.stdout).toContain('select * from "data_tests_fixture"."main_dbt_test__audit"."unique_orders_audit_customer_id"');
  });

  it('skips everything downstream of a failing error test, but not of a warning', async () => {
    const nodes = byName(results.filter((r) => !r.unique_id.startsWith('test.')));
    expect(nodes['customer_report']).toEqual({ status: 'skipped', failures: null });
    expect(nodes['valid_orders']!.status).toBe('success');
    expect(nodes['order_summary']!.status).toBe('success');
    expect(nodes['orders_audit']!.status).toBe('success');
    expect(build.code).toBe(1);
    expect(build.stdout).toMatch(/Done\. PASS=12 WARN=6 ERROR=8 SKIP=1 NO-OP=0 TOTAL=27/);
    expect(build.stdout).toMatch(/FAIL 2 unique_stg_customers_id \.+ \[FAIL 2 in \d+\.\d+s\]/);
    expect(build.stdout).toMatch(/WARN 2 not_null_stg_customers_name \.+ \[WARN 2 in \d+\.\d+s\]/);
    expect(build.stdout).toContain('Failure in test unique_stg_customers_id (models/staging/_staging.yml)');
    expect(build.stdout).toContain('  Got 2 results, configured to fail if != 0');
    expect(build.stdout).toContain('Warning in test relationships_orders_audit_customer_id__id__ref_stg_customers_ (models/audit/_audit.yml)');
    expect(build.stdout).toContain('  Got 3 results, configured to warn if >1');
  });

  it('tx test runs only tests and exits 0 when only warnings remain', async () => {
    const res = await tx(['test', '--select', 'stg_orders'], { cwd: dir });
    expect(res.stdout).toMatch(/Done\. PASS=1 WARN=2 ERROR=0 SKIP=0 NO-OP=0 TOTAL=3/);
    expect(res.code).toBe(0);
    const failing = await tx(['test', '--select', 'test_type:singular'], { cwd: dir });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toMatch(/Done\. PASS=0 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=1/);
  });

  it('--warn-error and --warn-error-options (LogTestResult) turn warning tests into failures', async () => {
    const failing = [
      /FAIL 2 accepted_values_stg_orders_status__placed__shipped__returned \.+ \[FAIL 2 in/,
      /Done\. PASS=1 WARN=0 ERROR=2 SKIP=0 NO-OP=0 TOTAL=3/,
    ];
    const runs = [
      await tx(['test', '--select', 'stg_orders', '--warn-error'], { cwd: dir }),
      await tx(['test', '--select', 'stg_orders', '--warn-error-options', '{"include": ["LogTestResult"]}'], { cwd: dir }),
      await tx(['test', '--select', 'stg_orders', '--warn-error-options', '{error: all}'], { cwd: dir }),
      await tx(['test', '--select', 'stg_orders'], { cwd: dir, env: { DBT_WARN_ERROR: 'true' } }),
    ];
    for (const res of runs) {
      expect(res.code, res.stdout + res.stderr).toBe(1);
      for (const re of failing) expect(res.stdout).toMatch(re);
      // dbt words it with the warn_if threshold it crossed.
      expect(res.stdout).toContain('Failure in test accepted_values_stg_orders_status__placed__shipped__returned (models/staging/_staging.yml)\n');
      expect(res.stdout).toContain('  Got 2 results, configured to fail if != 0');
    }
    const rr = (readJson(join(dir, 'target/run_results.json')) as { results: Result[] }).results;
    expect(byName(rr)['accepted_values_stg_orders_status__placed__shipped__returned']).toEqual({ status: 'fail', failures: 2 });
    // Test results left out (warn:) or not named stay warnings.
    const kept = await tx(['test', '--select', 'stg_orders', '--warn-error-options', '{"error": "all", "warn": ["LogTestResult"]}'], { cwd: dir });
    expect(kept.code).toBe(0);
    expect(kept.stdout).toMatch(/Done\. PASS=1 WARN=2 ERROR=0/);
    const other = await tx(['test', '--select', 'stg_orders', '--warn-error-options', '{"error": ["NoNodesForSelectionCriteria"]}'], { cwd: dir });
    expect(other.stdout).toMatch(/Done\. PASS=1 WARN=2 ERROR=0/);
    const both = await tx(['test', '--select', 'stg_orders', '--warn-error', '--warn-error-options', '{"error": "all"}'], { cwd: dir });
    expect(both.code).toBe(2);
    expect(both.stderr).toContain('warn_error_options: not allowed with argument warn_error');
  });

  it('reads DBT_INDIRECT_SELECTION and DBT_STORE_FAILURES from the environment', async () => {
    const ls = await tx(['ls', '--output', 'name', '--resource-type', 'test', '--select', 'valid_orders'], { cwd: dir, env: { DBT_INDIRECT_SELECTION: 'cautious' } });
    expect(ls.stdout).not.toContain('relationships_valid_orders_order_id__order_id__ref_stg_orders_');
    expect(ls.stdout).toContain('not_null_valid_orders_order_id');
    const res = await tx(['test', '--select', 'stg_orders'], { cwd: dir, env: { DBT_STORE_FAILURES: '1' } });
    expect(res.stdout).toContain('select * from "data_tests_fixture"."main_dbt_test__audit"."accepted_values_stg_orders_status__placed__shipped__returned"');
  });

  it('--store-failures keeps the failing rows of every selected test', async () => {
    const res = await tx(['test', '--select', 'stg_customers', '--store-failures'], { cwd: dir });
    expect(res.code).toBe(1);
    expect(await query(db, 'select count(*)::int as n from main_dbt_test__audit.not_null_stg_customers_name')).toEqual([{ n: 2 }]);
    // not_null keeps whole rows when it stores them (dbt's should_store_failures()).
    const cols = await query(db, "select column_name from information_schema.columns where table_schema = 'main_dbt_test__audit' and table_name = 'not_null_stg_customers_name' order by ordinal_position");
    expect(cols.map((c) => c['column_name'])).toEqual(['id', 'name', 'country']);
  });

  it('selects tests by type and name, and indirectly through their parents', async () => {
    const ls = async (...args: string[]) => (await tx(['ls', '--output', 'name', '--resource-type', 'test', ...args], { cwd: dir })).stdout.trim().split('\n').filter(Boolean).sort();
    expect(await ls('--select', 'test_name:in_range')).toEqual(['audit_amount_in_range']);
    expect(await ls('--select', 'test_type:singular')).toEqual(['assert_no_big_orders']);
    expect(await ls('--select', 'test_name:unique')).not.toContain('unique_valid_orders_status'); // enabled: false
    expect((await ls('--select', 'test_type:generic')).length).toBe(18);
    // eager: every test touching valid_orders; cautious: only those whose parents are all selected;
    // buildable: also those whose other parents are upstream of the selection.
    const own = ['accepted_values_valid_orders_status__placed__shipped__returned', 'is_positive_valid_orders_amount', 'not_null_valid_orders_order_id'];
    const rel = 'relationships_valid_orders_order_id__order_id__ref_stg_orders_';
    expect(await ls('--select', 'valid_orders')).toEqual([...own, rel]);
    expect(await ls('--select', 'valid_orders', '--indirect-selection', 'cautious')).toEqual(own);
    expect(await ls('--select', 'valid_orders', '--indirect-selection', 'buildable')).toEqual([...own, rel]);
    expect(await ls('--select', 'valid_orders', '--indirect-selection', 'empty')).toEqual([]);
    // selectors.yml: a criterion's indirect_selection wins over the flag; without one, the flag applies.
    expect(await ls('--selector', 'valid_orders_cautious')).toEqual(own);
    expect(await ls('--selector', 'valid_orders_cautious', '--indirect-selection', 'eager')).toEqual(own);
    expect(await ls('--selector', 'valid_orders')).toEqual([...own, rel]);
    expect(await ls('--selector', 'valid_orders', '--indirect-selection', 'cautious')).toEqual(own);
    const customers = await ls('--selector', 'customers_not_orders');
    expect(customers).toContain('unique_stg_customers_id');
    expect(customers.filter((t) => t.includes('valid_orders'))).toEqual([]);
  });
});

describe('overriding built-in tests', () => {
  let dir: string;
  let build: CliResult;
  beforeAll(async () => {
    dir = copyFixture('test_overrides');
    build = await tx(['build'], { cwd: dir });
  });
  afterAll(() => removeDir(dir));

  it('a project {% test not_null %} replaces the built-in, and default__test_unique wins through dispatch', () => {
    const results = (readJson(join(dir, 'target/run_results.json')) as { results: Result[] }).results;
    expect(byName(results.filter((r) => r.unique_id.startsWith('test.')))).toEqual({
      not_null_people_email: { status: 'fail', failures: 2 }, // the built-in would find no null
      unique_people_id: { status: 'fail', failures: 1 },
    });
    const compiled = join(dir, 'target/compiled/test_overrides/models/_people.yml');
    expect(readFileSync(join(compiled, 'not_null_people_email.sql'), 'utf8')).toContain('-- project not_null');
    expect(readFileSync(join(compiled, 'unique_people_id.sql'), 'utf8')).toContain('-- project default__test_unique');
    expect(build.code).toBe(1);
  });
});
