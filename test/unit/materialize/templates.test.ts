/** Renders templates/default + templates/duckdb through the real Jinja engine and runs the SQL on DuckDB. */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import { Relation } from '../../../src/adapter/relation.js';
import { TxJinja, type Scope } from '../../../src/jinja/tx-jinja.js';
import { executePlan } from '../../../src/run/apply-plan.js';
import { planSeed } from '../../../src/materialize/seed.js';
import { planTable } from '../../../src/materialize/table.js';
import { planView } from '../../../src/materialize/view.js';
import { inferSeedColumns } from '../../../src/materialize/seed-infer.js';
import { templatesDir } from '../../../src/util/package-root.js';
import { writeFileSync } from 'node:fs';
import { openTestDb, planContext, type TestDb } from './helpers.js';

function engine(): { jinja: TxJinja; scope: Scope; call: (name: string, args: unknown[], kwargs?: Record<string, unknown>) => string } {
  const jinja = new TxJinja({ rootPackage: 'proj', adapterType: 'duckdb' });
  for (const folder of ['default', 'duckdb']) {
    const dir = join(templatesDir(), folder);
    for (const f of readdirSync(dir).filter((n) => n.endsWith('.sql')).sort()) {
      jinja.addMacroFile('dbt', join(dir, f), readFileSync(join(dir, f), 'utf8'));
    }
  }
  const scope: Scope = {
    adapter: { dispatch: (name: string, ns?: string) => jinja.dispatch(name, ns) },
    target: { schema: 'analytics', database: 'warehouse', type: 'duckdb' },
  };
  const call = (name: string, args: unknown[], kwargs: Record<string, unknown> = {}): string => {
    const fn = jinja.resolveMacro(name, 'dbt');
    if (!fn) throw new Error(`no macro ${name}`);
    return String(jinja.callMacro(fn, args, kwargs, scope)).trim();
  };
  return { jinja, scope, call };
}

describe('templates through TxJinja', () => {
  const { call } = engine();
  const rel = Relation.create(duckdbDialect, { database: 'db', schema: 'main', identifier: 'orders' }, 'table');

  it('renders DDL macros with dbt-duckdb shapes', () => {
    expect(call('create_table_as', [false, rel, 'select 1'])).toBe('create table "db"."main"."orders" as (\nselect 1\n);');
    expect(call('create_table_as', [true, rel, 'select 1'])).toBe('create temporary table "orders" as (\nselect 1\n);');
    expect(call('get_create_view_as_sql', [rel, 'select 1'])).toBe('create view "db"."main"."orders" as (\nselect 1\n);');
    const to = rel.incorporate({ path: { identifier: 'x' } });
    expect(call('rename_relation', [rel, to])).toBe('alter table "db"."main"."orders" rename to "x";');
    expect(call('drop_relation', [rel.incorporate({ type: 'view' })])).toBe('drop view if exists "db"."main"."orders" cascade;');
    expect(call('truncate_relation', [rel])).toBe('delete from "db"."main"."orders" where 1=1;');
    expect(call('create_schema', [rel])).toBe('create schema if not exists "db"."main";');
  });

  it('names relations as dbt does', () => {
    expect(call('generate_schema_name', [null, {}])).toBe('analytics');
    expect(call('generate_schema_name', [' silver ', {}])).toBe('analytics_silver');
    expect(call('generate_alias_name', [null, { name: 'orders', version: null }])).toBe('orders');
    expect(call('generate_alias_name', [null, { name: 'orders', version: 2 }])).toBe('orders_v2');
    expect(call('generate_alias_name', [null, { name: 'orders', version: '1.5' }])).toBe('orders_v1_5');
    expect(call('generate_alias_name', ['custom', { name: 'orders' }])).toBe('custom');
    expect(call('generate_database_name', [null, {}])).toBe('warehouse');
    const tmp = jinjaRelation(call, rel);
    expect(tmp).toBe('"db"."main"."orders__dbt_tmp"');
  });

  function jinjaRelation(c: typeof call, r: Relation): string {
    void c;
    const { jinja, scope } = engine();
    const fn = jinja.resolveMacro('make_intermediate_relation', 'dbt');
    return String(jinja.callMacro(fn!, [r], {}, scope));
  }

  describe('cross-db macros run on DuckDB', () => {
    let db: TestDb;
    beforeEach(async () => {
      db = await openTestDb();
    });
    afterEach(async () => {
      await db.cleanup();
    });
    it('evaluate to the expected values', async () => {
      const d = "date '2024-02-10'";
      const exprs: [string, string][] = [
        [call('dateadd', ['month', 1, d]), '2024-03-10 00:00:00'],
        [call('datediff', ["date '2024-01-01'", d, 'day']), '40'],
        [call('date_trunc', ['month', d]), '2024-02-01 00:00:00'],
        [call('last_day', [d, 'month']), '2024-02-29'],
        [call('last_day', [d, 'quarter']), '2024-03-31'],
        [call('concat', [["'a'", "'b'"]]), 'ab'],
        [call('hash', ["'x'"]), '9dd4e461268c8034f5c8564e155c67a6'],
        [call('safe_cast', ["'nope'", call('type_int', [])]), 'NULL'],
        [call('split_part', ["'a,b,c'", "','", 2]), 'b'],
        [call('split_part', ["'a,b,c'", "','", -1]), 'c'],
        [call('right', ["'abcdef'", 2]), 'ef'],
        [call('position', ["'c'", "'abc'"]), '3'],
        [call('length', ["'abc'"]), '3'],
        [call('replace', ["'aXb'", "'X'", "'-'"]), 'a-b'],
        [call('string_literal', [call('escape_single_quotes', ["it's"])]), "it's"],
        [call('cast_bool_to_text', ['true']), 'true'],
        [`(select ${call('listagg', ['x', "'|'", 'order by x'])} from (values ('b'), ('a')) t(x))`, 'a|b'],
        [`(select ${call('bool_or', ['x'])} from (values (true), (false)) t(x))`, 'true'],
        [`(select ${call('any_value', ['x'])} from (values (1)) t(x))`, '1'],
        [call('array_construct', [[1, 2]]), '[1, 2]'],
        [`cast(${call('current_timestamp', [])} as date) is not null`, 'true'],
        [`cast(1 as ${call('type_bigint', [])})`, '1'],
        [`cast(1.5 as ${call('type_numeric', [])})`, '1.500000'],
        [`cast('x' as ${call('type_string', [])})`, 'x'],
        [`cast(1 as ${call('type_float', [])})`, '1.0'],
        [`cast('2024-01-01' as ${call('type_timestamp', [])})`, '2024-01-01 00:00:00'],
        [`cast(1 as ${call('type_boolean', [])})`, 'true'],
      ];
      const sql = `select ${exprs.map(([e], i) => `coalesce(cast(${e} as varchar), 'NULL') as c${i}`).join(', ')}`;
      const r = await db.conn.execute(sql, { fetch: true });
      expect(r.rows[0]).toEqual(exprs.map(([, want]) => want));
    });

    it('drive table, view and seed plans end to end', async () => {
      const callMacro = (name: string, args: unknown[], kwargs?: Record<string, unknown>): string => call(name, args, kwargs);
      const ref = { database: 'test', schema: 'main', identifier: 'orders' };
      await executePlan(db.conn, planTable(await planContext(db.conn, ref, { callMacro }), 'select 1 as id'));
      await executePlan(db.conn, planTable(await planContext(db.conn, ref, { callMacro }), 'select 2 as id'));
      await executePlan(db.conn, planView(await planContext(db.conn, ref, { callMacro }), 'select 3 as id'));
      await executePlan(db.conn, planView(await planContext(db.conn, ref, { callMacro }), 'select 4 as id'));
      expect((await db.conn.execute('select id from orders', { fetch: true })).rows).toEqual([[4]]);
      const file = join(db.dir, 's.csv');
      writeFileSync(file, 'a,b\n1,x\n');
      const sref = { ...ref, identifier: 's' };
      const input = { path: file, delimiter: ',', quoteColumns: true, columns: inferSeedColumns(file) };
      await executePlan(db.conn, planSeed(await planContext(db.conn, sref, { callMacro }), input));
      await executePlan(db.conn, planSeed(await planContext(db.conn, sref, { callMacro }), { ...input, existingColumns: await db.conn.getColumns(sref) }));
      expect((await db.conn.execute('select a, b from s', { fetch: true })).rows).toEqual([[1, 'x']]);
    });
  });
});
