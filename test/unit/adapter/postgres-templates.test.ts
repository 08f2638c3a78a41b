/** templates/default + templates/postgres through the real Jinja engine, and their SQL run on Postgres. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresDialect } from '../../../adapters/postgres/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import { planTable } from '../../../src/materialize/table.js';
import { planView } from '../../../src/materialize/view.js';
import { executePlan } from '../../../src/run/apply-plan.js';
import { PG, describePg, dropSchemas, uniqueSchema } from '../../functional/pg-helpers.js';
import { openPg, pgPlanContext, pgTemplates, type PgTestDb } from './postgres-helpers.js';

const call = pgTemplates();
const rel = Relation.create(postgresDialect, { database: 'db', schema: 'analytics', identifier: 'orders' }, 'table');

describe('postgres templates', () => {
  it('render dbt-postgres DDL', () => {
    expect(call('create_table_as', [false, rel, 'select 1'])).toBe('create table "db"."analytics"."orders" as (\nselect 1\n);');
    expect(call('create_table_as', [true, rel, 'select 1'])).toBe('create temporary table "orders" as (\nselect 1\n);');
    expect(call('get_create_view_as_sql', [rel, 'select 1'])).toBe('create view "db"."analytics"."orders" as (\nselect 1\n);');
    const to = rel.incorporate({ path: { identifier: 'x' } });
    expect(call('rename_relation', [rel, to])).toBe('alter table if exists "db"."analytics"."orders" rename to "x";');
    expect(call('rename_relation', [rel.incorporate({ type: 'view' }), to])).toBe('alter table if exists "db"."analytics"."orders" rename to "x";');
    expect(call('rename_relation', [rel.incorporate({ type: 'materialized_view' }), to])).toBe('alter materialized view if exists "db"."analytics"."orders" rename to "x";');
    expect(call('drop_relation', [rel.incorporate({ type: 'view' })])).toBe('drop view if exists "db"."analytics"."orders" cascade;');
    expect(call('drop_relation', [rel.incorporate({ type: 'materialized_view' })])).toBe('drop materialized view if exists "db"."analytics"."orders" cascade;');
    expect(call('truncate_relation', [rel])).toBe('truncate table "db"."analytics"."orders";');
    expect(call('create_schema', [rel])).toBe('create schema if not exists "analytics";');
    expect(call('drop_schema', [rel])).toBe('drop schema if exists "analytics" cascade;');
  });

  it('cut long names to 63 characters to make room for the suffix, as dbt-postgres does', () => {
    const long = rel.incorporate({ path: { identifier: 'a'.repeat(70) } });
    const tmp = call('make_intermediate_relation', [long]) as unknown as Relation;
    expect(tmp.identifier).toBe(`${'a'.repeat(54)}__dbt_tmp`);
    expect(tmp.identifier).toHaveLength(63);
    const backup = call('make_backup_relation', [long, 'view']) as unknown as Relation;
    expect(backup.identifier).toBe(`${'a'.repeat(51)}__dbt_backup`);
    expect(backup.type).toBe('view');
    const temp = call('make_temp_relation', [rel]) as unknown as Relation;
    expect(temp.render()).toBe('"orders__dbt_tmp"');
    const short = call('make_intermediate_relation', [rel]) as unknown as Relation;
    expect(short.render()).toBe('"db"."analytics"."orders__dbt_tmp"');
  });
});

describePg('postgres templates on the server', () => {
  const schema = uniqueSchema('tpl');
  let db: PgTestDb;
  beforeAll(async () => {
    db = await openPg(schema);
    await db.conn.execute(call('create_schema', [Relation.create(postgresDialect, { database: PG.database, schema, identifier: '' })]));
  });
  afterAll(async () => {
    await db?.close();
    await dropSchemas(schema);
  });

  it('cross-db macros evaluate to the expected values', async () => {
    const d = "date '2024-02-10'";
    const exprs: [string, string][] = [
      [call('dateadd', ['month', 1, d]), '2024-03-10 00:00:00'],
      [call('datediff', ["date '2024-01-01'", d, 'day']), '40'],
      [call('datediff', ["date '2023-11-15'", d, 'month']), '3'],
      [call('datediff', ["timestamp '2024-01-01 10:00'", "timestamp '2024-01-02 12:30'", 'hour']), '26'],
      [call('date_trunc', ['month', d]), '2024-02-01 00:00:00+00'],
      [call('last_day', [d, 'month']), '2024-02-29'],
      [call('last_day', [d, 'quarter']), '2024-03-31'],
      [call('concat', [["'a'", "'b'"]]), 'ab'],
      [call('hash', ["'x'"]), '9dd4e461268c8034f5c8564e155c67a6'],
      [call('split_part', ["'a,b,c'", "','", 2]), 'b'],
      [call('split_part', ["'a,b,c'", "','", -1]), 'c'],
      [call('right', ["'abcdef'", 2]), 'ef'],
      [call('position', ["'c'", "'abc'"]), '3'],
      [`(select ${call('listagg', ['x', "'|'", 'order by x'])} from (values ('b'), ('a')) t(x))`, 'a|b'],
      [`(select ${call('listagg', ['x', "'|'", 'order by x', 1])} from (values ('b'), ('a')) t(x))`, 'a'],
      [`(select ${call('bool_or', ['x'])} from (values (true), (false)) t(x))`, 'true'],
      [`(select ${call('any_value', ['x'])} from (values (1)) t(x))`, '1'],
      [call('array_construct', [[1, 2]]), '{1,2}'],
      [`${call('current_timestamp', [])} is not null`, 'true'],
      [`cast(1.5 as ${call('type_numeric', [])})`, '1.500000'],
      [`cast(1 as ${call('type_float', [])})`, '1'],
      [`cast('2024-01-01' as ${call('type_timestamp', [])})`, '2024-01-01 00:00:00'],
    ];
    await db.conn.execute("set timezone to 'UTC'");
    const sql = `select ${exprs.map(([e], i) => `coalesce(cast(${e} as text), 'NULL') as c${i}`).join(', ')}`;
    const r = await db.conn.execute(sql, { fetch: true });
    expect(r.rows[0]).toEqual(exprs.map(([, want]) => want));
  });

  it('drive table and view plans: build aside, swap in, and keep the old table when a build fails', async () => {
    const ref = { database: PG.database, schema, identifier: 'orders' };
    const rows = async () => (await db.conn.execute(`select id from "${schema}".orders`, { fetch: true })).rows;
    await executePlan(db.conn, planTable(await pgPlanContext(db.conn, ref), 'select 1 as id'));
    await executePlan(db.conn, planTable(await pgPlanContext(db.conn, ref), 'select 2 as id'));
    expect(await rows()).toEqual([[2]]);
    await expect(executePlan(db.conn, planTable(await pgPlanContext(db.conn, ref), 'select 1/0 as id'))).rejects.toThrow(/division by zero/);
    expect(await rows()).toEqual([[2]]);
    await executePlan(db.conn, planView(await pgPlanContext(db.conn, ref), 'select 3 as id'));
    await executePlan(db.conn, planView(await pgPlanContext(db.conn, ref), 'select 4 as id'));
    expect(await rows()).toEqual([[4]]);
    await executePlan(db.conn, planTable(await pgPlanContext(db.conn, ref), 'select 5 as id'));
    expect(await db.conn.listRelations({ database: PG.database, schema })).toEqual([{ database: PG.database, schema, identifier: 'orders', type: 'table' }]);
  });
});
