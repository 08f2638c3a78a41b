import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { executePlan } from '../../../src/run/apply-plan.js';
import { planTable } from '../../../src/materialize/table.js';
import { planView } from '../../../src/materialize/view.js';
import { planSchemas } from '../../../src/materialize/schema.js';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import { fakeCallMacro, openTestDb, planContext, type TestDb } from './helpers.js';

const ref = { database: 'test', schema: 'main', identifier: 'orders' };

describe('table and view plans on DuckDB', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(async () => {
    await db.cleanup();
  });
  const rows = async (sql: string): Promise<unknown[][]> => (await db.conn.execute(sql, { fetch: true })).rows;
  const relations = async (): Promise<string[]> =>
    (await db.conn.listRelations({ database: 'test', schema: 'main' })).map((r) => `${r.identifier}:${r.type}`);

  it('builds a table, then rebuilds it by swapping', async () => {
    const first = planTable(await planContext(db.conn, ref), 'select 1 as id');
    expect(first.transactional).toBe(true);
    expect(first.statements.map((s) => s.purpose)).toEqual(['build the new table', 'move the new relation into place']);
    await executePlan(db.conn, first);
    const second = planTable(await planContext(db.conn, ref), 'select * from range(3) r(id)');
    expect(second.statements.map((s) => s.sql).join('\n')).toContain('orders__dbt_backup');
    await executePlan(db.conn, second);
    expect(await rows('select count(*) from orders')).toEqual([[3]]);
    expect(await relations()).toEqual(['orders:table']);
  });

  it('a failing rebuild leaves the previous table and its rows intact', async () => {
    await executePlan(db.conn, planTable(await planContext(db.conn, ref), 'select * from range(5) r(id)'));
    const bad = planTable(await planContext(db.conn, ref), 'select id from no_such_table');
    const e = await executePlan(db.conn, bad).catch((x: unknown) => x);
    expect((e as TxError).code).toBe(TxCodes.DatabaseError);
    expect(await rows('select count(*) from orders')).toEqual([[5]]);
    expect(await relations()).toEqual(['orders:table']);
    // A failure after the swap began (a bad statement at the end) also rolls everything back.
    const late = planTable(await planContext(db.conn, ref), 'select 1 as id');
    late.statements.push({ sql: 'select * from nope_late', purpose: 'fail late' });
    await expect(executePlan(db.conn, late)).rejects.toBeInstanceOf(TxError);
    expect(await rows('select count(*) from orders')).toEqual([[5]]);
  });

  it('replaces a view of the same name and drops leftovers', async () => {
    await db.conn.execute('create view orders as select 1 as id; create view orders__dbt_tmp as select 2 as x; create table orders__dbt_backup as select 3 as y;');
    const plan = planTable(await planContext(db.conn, ref), 'select 42 as id');
    await executePlan(db.conn, plan);
    expect(await relations()).toEqual(['orders:table']);
    expect(await rows('select id from orders')).toEqual([[42]]);
  });

  it('builds and swaps views; a table in the view\'s place is replaced', async () => {
    await executePlan(db.conn, planView(await planContext(db.conn, ref), 'select 1 as id'));
    expect(await relations()).toEqual(['orders:view']);
    await executePlan(db.conn, planView(await planContext(db.conn, ref), 'select 2 as id'));
    expect(await rows('select id from orders')).toEqual([[2]]);
    await executePlan(db.conn, planTable(await planContext(db.conn, ref), 'select 3 as id'));
    await executePlan(db.conn, planView(await planContext(db.conn, ref), 'select 4 as id'));
    expect(await relations()).toEqual(['orders:view']);
    expect(await rows('select id from orders')).toEqual([[4]]);
  });

  it('views keep working when the table under them is rebuilt', async () => {
    await executePlan(db.conn, planTable(await planContext(db.conn, ref), 'select 1 as id'));
    const vref = { ...ref, identifier: 'orders_v' };
    await executePlan(db.conn, planView(await planContext(db.conn, vref), 'select * from "test"."main"."orders"'));
    await executePlan(db.conn, planTable(await planContext(db.conn, ref), 'select 7 as id'));
    expect(await rows('select id from orders_v')).toEqual([[7]]);
  });

  it('creates the schemas a run needs, once each', async () => {
    const plan = planSchemas({
      dialect: duckdbDialect,
      needed: [{ database: 'test', schema: 'silver' }, { database: 'test', schema: 'SILVER' }, { database: 'test', schema: 'gold' }, { database: 'test', schema: 'main' }],
      existing: [{ database: 'test', schema: 'main' }],
      callMacro: fakeCallMacro,
    });
    expect(plan.statements.map((s) => s.sql)).toEqual([
      'create schema if not exists "test"."gold";',
      'create schema if not exists "test"."silver";',
    ]);
    await executePlan(db.conn, plan);
    await executePlan(db.conn, plan); // idempotent
    expect(await db.conn.listSchemas('test')).toEqual(expect.arrayContaining(['gold', 'silver']));
    const sref = { database: 'test', schema: 'silver', identifier: 'x' };
    await executePlan(db.conn, planTable(await planContext(db.conn, sref), 'select 1 as a'));
    expect(await rows('select a from silver.x')).toEqual([[1]]);
  });
});
