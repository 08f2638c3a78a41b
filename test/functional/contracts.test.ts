/**
 * Model contracts and constraints on real DuckDB: a matching contract builds with its constraints
 * in the DDL; every kind of mismatch fails before anything is built; each enforced constraint
 * fails the model and keeps the previous table; views and incremental models; declaration errors;
 * breaking changes against --state.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, query, readJson, removeDir, tx, type CliResult } from './harness.js';

const edit = (dir: string, rel: string, fn: (text: string) => string): void => {
  const path = join(dir, rel);
  writeFileSync(path, fn(readFileSync(path, 'utf8')));
};

describe('model contracts on DuckDB', () => {
  let dir: string;
  let db: string;
  let build: CliResult;
  const customers = () => query(db, 'select id, name, email, country from main.customers order by id');
  const leftovers = () => query(db, "select table_name from information_schema.tables where table_name like '%__dbt_%'");

  beforeAll(async () => {
    dir = copyFixture('contracts');
    db = join(dir, 'target', 'contracts.duckdb');
    build = await tx(['build'], { cwd: dir });
  });
  afterAll(() => removeDir(dir));

  it('builds every contracted model (table, view, incremental)', () => {
    expect(build.code, build.stdout + build.stderr).toBe(0);
    expect(build.stdout).toMatch(/OK created sql table model main\.customers /);
    expect(build.stdout).toMatch(/OK created sql view model main\.customer_view /);
    expect(build.stdout).toMatch(/OK created sql incremental model main\.order_events /);
    expect(build.stdout).toMatch(/Done\. PASS=5 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=5/);
  });

  it('declares the columns and the constraints DuckDB enforces in the table DDL', async () => {
    const cons = await query(db, "select table_name, constraint_type, constraint_text from duckdb_constraints() where schema_name = 'main' order by table_name, constraint_type, constraint_text");
    expect(cons).toEqual([
      { table_name: 'customers', constraint_type: 'CHECK', constraint_text: 'CHECK((id > 0))' },
      // DuckDB lists the NOT NULL a primary key implies as a constraint of its own.
      { table_name: 'customers', constraint_type: 'NOT NULL', constraint_text: 'NOT NULL' },
      { table_name: 'customers', constraint_type: 'NOT NULL', constraint_text: 'NOT NULL' },
      { table_name: 'customers', constraint_type: 'PRIMARY KEY', constraint_text: 'PRIMARY KEY(id)' },
      { table_name: 'customers', constraint_type: 'UNIQUE', constraint_text: 'UNIQUE(email)' },
      { table_name: 'order_events', constraint_type: 'NOT NULL', constraint_text: 'NOT NULL' },
      { table_name: 'orders', constraint_type: 'NOT NULL', constraint_text: 'NOT NULL' },
      { table_name: 'orders', constraint_type: 'NOT NULL', constraint_text: 'NOT NULL' },
      { table_name: 'orders', constraint_type: 'PRIMARY KEY', constraint_text: 'PRIMARY KEY(order_id)' },
    ]);
    const ddl = readFileSync(join(dir, 'target', 'run', 'contracts', 'models', 'marts', 'customers.sql'), 'utf8');
    expect(ddl).toContain('id int primary key check (id > 0),\n    name text not null,\n    email TEXT unique,\n    country varchar\n);');
    expect(ddl).toContain('insert into "contracts"."main"."customers__dbt_tmp" (id, name, email, country)\nselect id, name, email, country\nfrom (');
  });

  it('warns, as dbt, about constraints on a view and a foreign key DuckDB cannot keep', () => {
    expect(build.stderr).toContain("warning TX0506: Constraint types are not supported for view materializations and will be ignored.  Set 'warn_unsupported: false' on this constraint to ignore this warning. (model 'customer_view'");
    expect(build.stderr).toContain("warning TX0506: The constraint type foreign_key is not supported by duckdb, and will be ignored. Set 'warn_unsupported: false' on this constraint to ignore this warning. (model orders)");
  });

  it("records each model's contract and constraints in the manifest, in dbt's shape", () => {
    const nodes = readJson(join(dir, 'target', 'manifest.json'))['nodes'] as Record<string, Record<string, unknown>>;
    const c = nodes['model.contracts.customers']!;
    expect(c['contract']).toEqual({ enforced: true, alias_types: true, checksum: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect((c['config'] as Record<string, unknown>)['contract']).toEqual({ enforced: true, alias_types: true });
    const id = (c['columns'] as Record<string, Record<string, unknown>>)['id']!;
    expect(id['data_type']).toBe('int');
    expect(id['constraints']).toEqual([
      { type: 'primary_key', name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [] },
      { type: 'check', name: null, expression: 'id > 0', warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [] },
    ]);
    const o = nodes['model.contracts.orders']!;
    expect(o['constraints']).toEqual([
      { type: 'primary_key', name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: null, to_columns: [], columns: ['order_id'] },
      { type: 'foreign_key', name: null, expression: null, warn_unenforced: true, warn_unsupported: true, to: "ref('customers')", to_columns: ['id'], columns: ['customer_id'] },
    ]);
    // A foreign key's `to:` is a dependency: the referenced model is built first.
    expect(o['depends_on']).toEqual({ macros: [], nodes: ['model.contracts.customers'] });
    expect(nodes['model.contracts.stg_customers']!['contract']).toEqual({ enforced: false, alias_types: true, checksum: null });
  });

  it.each([
    ['duplicate', 'PRIMARY KEY or UNIQUE constraint violation: duplicate key "3"'],
    ['null_name', 'NOT NULL constraint failed: customers__dbt_tmp.name'],
    ['negative', 'CHECK constraint failed on table customers__dbt_tmp'],
    ['same_email', 'PRIMARY KEY or UNIQUE constraint violation: duplicate key "alice@example.com"'],
  ])('a row breaking an enforced constraint (%s) fails the model and the previous table stays', async (bad, message) => {
    const before = await customers();
    const res = await tx(['run', '--select', '+customers', '--vars', `{bad_rows: ${bad}}`], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/ERROR creating sql table model main\.customers /);
    expect(res.stdout).toContain(message);
    expect(await customers()).toEqual(before);
    expect(before).toHaveLength(3);
    expect(await leftovers()).toEqual([]);
  });

  it('reports every mismatch in one table before anything is built', async () => {
    const original = readFileSync(join(dir, 'models/marts/customers.sql'), 'utf8');
    // Static analysis would already stop the missing and extra columns at compile time (TX0515):
    // turned off here so the warehouse-side check, which sees every case, is what answers.
    writeFileSync(join(dir, 'models/marts/customers.sql'), [
      "{{ config(static_analysis='off') }}",
      'select cast(id as bigint) as id, cast(name as varchar) as name, cast(country as varchar) as country, 1 as extra_col',
      "from {{ ref('stg_customers') }}",
    ].join('\n'));
    const before = await customers();
    const res = await tx(['run', '--select', 'customers'], { cwd: dir });
    writeFileSync(join(dir, 'models/marts/customers.sql'), original);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain([
      'Compilation Error in model customers (models/marts/customers.sql)',
      '  This model has an enforced contract that failed.',
      "  Please ensure the name, data_type, and number of columns in your contract match the columns in your model's definition.",
      '  ',
      '  | column_name | definition_type | contract_type | mismatch_reason       |',
      '  | ----------- | --------------- | ------------- | --------------------- |',
      '  | email       |                 | string        | missing in contract   |',
      '  | extra_col   | INTEGER         |               | missing in definition |',
      '  | id          | BIGINT          | int           | data type mismatch    |',
    ].join('\n'));
    expect(await customers()).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });

  it('checks a view\'s names and types too', async () => {
    edit(dir, 'models/marts/customer_view.sql', (t) => t.replace("select 1 as id, 'alice' as name", "select 'x1' as id, 'alice' as name"));
    const res = await tx(['run', '--select', 'customer_view'], { cwd: dir });
    edit(dir, 'models/marts/customer_view.sql', (t) => t.replace("select 'x1' as id", 'select 1 as id'));
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('| id          | VARCHAR         | integer       | data type mismatch |');
  });

  it('checks the incremental query on incremental runs; new contract columns follow on_schema_change', async () => {
    edit(dir, 'models/marts/order_events.sql', (t) => `{{ config(static_analysis='off') }}\n${t.replace('select order_id, customer_id from', 'select order_id, customer_id, amount from')}`);
    const mismatch = await tx(['run', '--select', 'order_events'], { cwd: dir });
    expect(mismatch.code).toBe(1);
    expect(mismatch.stdout).toContain('| amount      | DECIMAL(10,2)   |               | missing in definition |');
    edit(dir, 'models/marts/schema.yml', (t) => t.replace(/(- name: order_events[\s\S]*- name: customer_id\n {8}data_type: integer\n)/, '$1      - name: amount\n        data_type: decimal(10,2)\n'));
    const appended = await tx(['run', '--select', 'order_events'], { cwd: dir });
    expect(appended.code, appended.stdout).toBe(0);
    expect(await query(db, "select column_name, data_type from information_schema.columns where table_name = 'order_events' order by ordinal_position")).toEqual([
      { column_name: 'order_id', data_type: 'INTEGER' },
      { column_name: 'customer_id', data_type: 'INTEGER' },
      { column_name: 'amount', data_type: 'DECIMAL(10,2)' },
    ]);
  });
});

describe('contract declarations that cannot be enforced', () => {
  const parse = async (change: (dir: string) => void): Promise<CliResult> => {
    const dir = copyFixture('contracts');
    try {
      change(dir);
      return await tx(['parse'], { cwd: dir });
    } finally {
      removeDir(dir);
    }
  };

  it('an ephemeral model cannot have a contract', async () => {
    const res = await parse((d) => edit(d, 'models/marts/customers.sql', (t) => `{{ config(materialized='ephemeral') }}\n${t}`));
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/models\/marts\/schema\.yml:4:5: error TX0504: model 'customers' \(models\/marts\/customers\.sql\) enforces a contract, but ephemeral models cannot have contracts/);
  });

  it('every column needs a data_type, reported at its YAML position', async () => {
    const res = await parse((d) => edit(d, 'models/marts/schema.yml', (t) => t.replace('      - name: country\n        data_type: varchar\n', '      - name: country\n')));
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("models/marts/schema.yml:23:9: error TX0504: Contracted models require data_type to be defined for each column. Please ensure that the column name and data_type are defined within the YAML configuration for the ['country'] column(s). (model 'customers' (models/marts/customers.sql))");
  });

  it('constraint types and primary keys are validated', async () => {
    const res = await parse((d) => edit(d, 'models/marts/schema.yml', (t) => t.replace('          - type: unique\n', '          - type: uniq\n          - type: primary_key\n')));
    expect(res.code).toBe(2);
    expect(res.stderr).toContain('error TX0504: Invalid constraint type "uniq": Type must be one of');
    expect(res.stderr).toContain("Found 2 columns (['id', 'email']) with primary key constraints defined.");
  });
});

describe('breaking changes to contracts (--state)', () => {
  let dir: string;
  let state: string;
  beforeAll(async () => {
    dir = copyFixture('contracts');
    state = join(dir, 'prod-state');
    const first = await tx(['parse'], { cwd: dir });
    expect(first.code).toBe(0);
    mkdirSync(state);
    cpSync(join(dir, 'target', 'manifest.json'), join(state, 'manifest.json'));
  });
  afterAll(() => removeDir(dir));

  it('nothing to report when the contract is unchanged or only extended', async () => {
    edit(dir, 'models/marts/schema.yml', (t) => t.replace('      - name: amount\n        data_type: decimal(10,2)\n', '      - name: amount\n        data_type: decimal(10,2)\n      - name: note\n        data_type: text\n'));
    const res = await tx(['parse', '--state', 'prod-state'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stderr).not.toContain('TX0505');
  });

  it('a removed column, a changed type and a removed constraint of an unversioned model are reported (a warning, as dbt)', async () => {
    edit(dir, 'models/marts/schema.yml', (t) => t
      .replace('      - name: country\n        data_type: varchar\n', '')
      .replace('      - name: name\n        data_type: text\n        constraints:\n          - type: not_null\n', '      - name: name\n        data_type: varchar(20)\n'));
    const res = await tx(['parse', '--state', 'prod-state'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain([
      'models/marts/customers.sql: warning TX0505: Breaking change to contracted, unversioned model customers (models/marts/customers.sql)',
      'While comparing to previous project state, dbt detected a breaking change to an unversioned model.',
      '  - Columns were removed: ',
      '    - country',
      '  - Columns with data_type changes: ',
      '    - name (text -> varchar(20))',
      '  - Enforced column level constraints were removed: ',
      "    - 'not_null' constraint on column name",
    ].join('\n'));
  });

  it('a contracted model deleted, renamed or disabled is a breaking change (a warning when unversioned)', async () => {
    rmSync(join(dir, 'models/marts/customer_view.sql'));
    edit(dir, 'models/marts/schema.yml', (t) => t
      .replace(/  - name: customer_view\n[\s\S]*?(?=  - name: order_events)/, '')
      .replace('  - name: order_events\n    config:\n', '  - name: order_events\n    config:\n      enabled: false\n'));
    const res = await tx(['parse', '--state', 'prod-state'], { cwd: dir });
    expect(res.code).toBe(0);
    expect(res.stderr).toContain([
      'models/marts/customer_view.sql: warning TX0505: Breaking change to contracted, unversioned model customer_view (models/marts/customer_view.sql)',
      'While comparing to previous project state, dbt detected a breaking change to an unversioned model.',
      "  - Contracted model 'model.contracts.customer_view' was deleted or renamed.",
    ].join('\n'));
    expect(res.stderr).toContain("  - Contracted model 'model.contracts.order_events' was disabled.");
    // Under --warn-error-options naming dbt's event, the warning fails the command.
    const strict = await tx(['parse', '--state', 'prod-state', '--warn-error-options', '{"error": ["UnversionedBreakingChange"]}'], { cwd: dir });
    expect(strict.code).toBe(2);
    expect(strict.stderr).toContain('error TX0505: Breaking change to contracted, unversioned model customer_view');
  });

  it('a missing --state directory is a usage error', async () => {
    const res = await tx(['parse', '--state', 'nowhere'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toContain("error TX0901: --state: 'nowhere' is not a directory");
  });
});
