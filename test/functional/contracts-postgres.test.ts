/**
 * Model contracts, constraints and versions on the real Postgres: every constraint kind (foreign
 * keys included) is declared in the DDL and enforced, a failing row keeps the previous table, a
 * mismatch is reported before anything is built, and versions build their own relations.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, removeDir, tx, type CliResult } from './harness.js';
import { describePg, dropSchemas, pgQuery, uniqueSchema, writePgProfile } from './pg-helpers.js';

describePg('model contracts on Postgres', () => {
  const schema = uniqueSchema('contracts');
  let dir: string;
  let build: CliResult;
  const customers = () => pgQuery(`select id, name, email, country from "${schema}".customers order by id`);
  const leftovers = () => pgQuery("select table_name from information_schema.tables where table_schema = $1 and table_name like '%__dbt_%'", [schema]);

  beforeAll(async () => {
    dir = copyFixture('contracts');
    writePgProfile(dir, 'contracts', { schema });
    build = await tx(['build'], { cwd: dir });
  });
  afterAll(async () => {
    await dropSchemas(schema);
    removeDir(dir);
  });

  it('builds every contracted model, twice', async () => {
    expect(build.code, build.stdout + build.stderr).toBe(0);
    expect(build.stderr).not.toContain('foreign_key is not supported');
    const again = await tx(['build'], { cwd: dir });
    expect(again.code, again.stdout).toBe(0);
  });

  it('declares every constraint kind in the DDL, foreign keys included', async () => {
    const cons = await pgQuery(
      `select conrelid::regclass::text as rel, contype, pg_get_constraintdef(oid) as def from pg_constraint
       where connamespace = $1::regnamespace order by 1, 2, 3`, [schema]);
    expect(cons.map((c) => `${String(c['rel']).replace(`${schema}.`, '')} ${String(c['contype'])} ${String(c['def'])}`)).toEqual([
      'customers c CHECK ((id > 0))',
      'customers p PRIMARY KEY (id)',
      'customers u UNIQUE (email)',
      `orders f FOREIGN KEY (customer_id) REFERENCES ${schema}.customers(id)`,
      'orders p PRIMARY KEY (order_id)',
    ]);
    const notNull = await pgQuery("select table_name, column_name from information_schema.columns where table_schema = $1 and is_nullable = 'NO' order by 1, 2", [schema]);
    expect(notNull).toEqual([
      { table_name: 'customers', column_name: 'id' },
      { table_name: 'customers', column_name: 'name' },
      { table_name: 'order_events', column_name: 'order_id' },
      { table_name: 'orders', column_name: 'customer_id' },
      { table_name: 'orders', column_name: 'order_id' },
    ]);
  });

  it.each([
    ['customers', '+customers', 'duplicate', 'duplicate key value violates unique constraint'],
    ['customers', '+customers', 'null_name', 'violates not-null constraint'],
    ['customers', '+customers', 'negative', 'violates check constraint'],
    ['customers', '+customers', 'same_email', 'duplicate key value violates unique constraint'],
    ['orders', 'orders', 'orphan', 'violates foreign key constraint'],
  ])('a row breaking an enforced constraint of %s (%s, %s) fails it and the previous table stays', async (model, select, bad, message) => {
    const before = await pgQuery(`select * from "${schema}".${model} order by 1`);
    const res = await tx(['run', '--select', select, '--vars', `{bad_rows: ${bad}}`], { cwd: dir });
    expect(res.code).toBe(1);
    expect(res.stdout).toContain(message);
    expect(await pgQuery(`select * from "${schema}".${model} order by 1`)).toEqual(before);
    expect(await leftovers()).toEqual([]);
  });

  it('reports a type mismatch before anything is built', async () => {
    const path = join(dir, 'models/marts/customers.sql');
    const original = readFileSync(path, 'utf8');
    writeFileSync(path, original.replace('cast(id as integer) as id', 'cast(id as bigint) as id'));
    const before = await customers();
    const res = await tx(['run', '--select', 'customers'], { cwd: dir });
    writeFileSync(path, original);
    expect(res.code).toBe(1);
    expect(res.stdout).toContain('  | id          | bigint          | int           | data type mismatch |');
    expect(await customers()).toEqual(before);
  });
});

describePg('model versions on Postgres', () => {
  const schema = uniqueSchema('versions');
  let dir: string;
  beforeAll(() => {
    dir = copyFixture('versions');
    writePgProfile(dir, 'versions', { schema });
  });
  afterAll(async () => {
    await dropSchemas(schema);
    removeDir(dir);
  });

  it('builds one relation per version and resolves refs to the latest', async () => {
    const res = await tx(['build'], { cwd: dir });
    expect(res.code, res.stdout + res.stderr).toBe(0);
    const rels = await pgQuery("select table_name from information_schema.tables where table_schema = $1 order by 1", [schema]);
    expect(rels.map((r) => r['table_name'])).toEqual(['consumer_latest', 'consumer_v1', 'consumer_v3', 'dim_customers_v1', 'dim_customers_v2', 'dim_customers_v3']);
    expect(await pgQuery(`select * from "${schema}".consumer_latest order by id`)).toEqual([{ id: 1, full_name: 'Alice A.' }, { id: 2, full_name: 'Bob B.' }]);
  });
});
