/**
 * Dialect-specific syntax per dialect: DuckDB through its own parser, Postgres, BigQuery and
 * Snowflake through node-sql-parser. What parses must resolve without false findings; what
 * node-sql-parser cannot parse is 'unsupported' (a warning naming the construct), never a syntax error.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbParser } from '../../../src/analysis/duckdb-parser.js';
import { NodeSqlParser } from '../../../src/analysis/nsp-parser.js';
import { openParser, type SqlParser } from '../../../src/analysis/parser.js';
import { codes, edges, parseOne, resolveSql, type Tables } from './resolve-helper.js';

const T: Tables = {
  orders: ['id', 'customer_id', 'amount', 'status', 'ordered_at', 'arr', 'payload'],
  'proj.ds.orders': ['id', 'customer_id', 'amount', 'status', 'arr'],
  'db.sch.orders': ['id', 'customer_id', 'amount', 'status', 'arr', 'payload'],
};

const parsers = new Map<string, SqlParser>();
beforeAll(async () => {
  parsers.set('duckdb', await DuckDbParser.open());
  for (const d of ['postgresql', 'bigquery', 'snowflake']) parsers.set(d, await NodeSqlParser.open(d));
});
afterAll(() => parsers.forEach((p) => p.close()));
const p = (d: string): SqlParser => parsers.get(d)!;

describe('openParser', () => {
  it('picks DuckDB for duckdb and node-sql-parser otherwise', async () => {
    const duck = await openParser({ name: 'duckdb', sqlParserDialect: 'postgresql' });
    const bq = await openParser({ name: 'bigquery', sqlParserDialect: 'bigquery' });
    const pg = await openParser({ name: 'postgres', sqlParserDialect: 'postgresql' });
    expect([duck.name, bq.name, pg.name]).toEqual(['duckdb', 'bigquery', 'postgresql']);
    [duck, bq, pg].forEach((x) => x.close());
  });
});

describe('DuckDB', () => {
  it('QUALIFY, :: casts, SELECT * EXCLUDE, STRUCT', async () => {
    const r = await resolveSql(p('duckdb'), `
      select * exclude (payload), amount::decimal(10,2) as amt, {'k': id} as s, struct_pack(c := customer_id) as s2
      from orders qualify row_number() over (partition by customer_id order by ordered_at) = 1`, T);
    expect(codes(r)).toEqual([]);
    expect(r.shape.columns.map((c) => c.name)).toEqual(['id', 'customer_id', 'amount', 'status', 'ordered_at', 'arr', 'amt', 's', 's2']);
    expect(r.shape.columns.find((c) => c.name === 'amt')!.type).toBe('DECIMAL(10,2)');
  });

  it('unnest (DuckDB has no FLATTEN: a missing function is a binder matter, not a parse error)', async () => {
    expect(codes(await resolveSql(p('duckdb'), 'select o.id, u.v from orders o, unnest(o.arr) u(v)', T))).toEqual([]);
    expect((await parseOne(p('duckdb'), 'select * from flatten(input => [1])')).ok).toBe(true);
  });
});

describe('Postgres (node-sql-parser)', () => {
  it(':: casts, joins, aggregates', async () => {
    const r = await resolveSql(p('postgresql'), 'select o.id::text as id, sum(o.amount)::numeric as total from orders o group by 1', T);
    expect(codes(r)).toEqual([]);
    expect(edges(r)).toEqual(['id ← orders.id (transformation)', 'total ← orders.amount (aggregation)']);
  });

  it('finds a missing column', async () => {
    const r = await resolveSql(p('postgresql'), 'select o.nope from orders o', T);
    expect(codes(r)).toEqual(['TX0512 error']);
  });

  it('MERGE is unsupported, named, a warning', async () => {
    expect(await parseOne(p('postgresql'), 'merge into t using s on t.id = s.id when matched then update set x = s.x')).toMatchObject({ ok: false, kind: 'unsupported' });
  });
});

describe('BigQuery (node-sql-parser)', () => {
  it('SELECT * EXCEPT, STRUCT, backquoted project.dataset.table', async () => {
    const r = await resolveSql(p('bigquery'), "select * except (arr), struct(1 as x, 'a' as y) as s from `proj.ds.orders`", T);
    expect(codes(r)).toEqual([]);
    expect(r.shape.columns.map((c) => c.name)).toEqual(['id', 'customer_id', 'amount', 'status', 's']);
  });

  it('QUALIFY (with a WHERE) and UNNEST', async () => {
    expect(codes(await resolveSql(p('bigquery'), 'select id from `proj.ds.orders` where true qualify row_number() over (partition by customer_id order by id) = 1', T))).toEqual([]);
    expect(codes(await resolveSql(p('bigquery'), 'select o.id, e from `proj.ds.orders` o, unnest(o.arr) as e', T))).toEqual([]);
  });

  it('date-part keywords and _dbt_max_partition are not columns', async () => {
    const sql = 'select timestamp_trunc(created_at, hour) as h, date_diff(current_date(), created_at, day) as d from `proj.ds.orders` where created_at > _dbt_max_partition';
    const r = await resolveSql(p('bigquery'), sql.replace(/created_at/g, 'amount'), T);
    expect(codes(r)).toEqual([]);
    expect(codes(await resolveSql(p('snowflake'), 'select dateadd(day, 1, amount) as d from db.sch.orders', T))).toEqual([]);
  });

  it('a subscripted function (approx_quantiles(x, 2)[offset(1)]) reads its arguments, not a column named after it', async () => {
    const r = await resolveSql(p('bigquery'), 'select approx_quantiles(amount, 2)[offset(1)] as median_amount from `proj.ds.orders`', T);
    expect(codes(r)).toEqual([]);
    expect(codes(await resolveSql(p('bigquery'), 'select approx_quantiles(nope, 2)[offset(1)] as m from `proj.ds.orders`', T))).toEqual(['TX0512 error']);
  });

  it('a construct it cannot parse is unsupported and names the word', async () => {
    const o = await parseOne(p('bigquery'), 'select id from `proj.ds.orders` qualify row_number() over (order by id) = 1');
    expect(o).toMatchObject({ ok: false, kind: 'unsupported', what: "'ROW_NUMBER'" });
  });
});

describe('Snowflake (node-sql-parser)', () => {
  it('QUALIFY, :: casts, SELECT * EXCLUDE', async () => {
    const r = await resolveSql(p('snowflake'), 'select * exclude (payload), amount::number(10,2) as amt from db.sch.orders qualify row_number() over (partition by customer_id order by id) = 1', T);
    expect(codes(r)).toEqual([]);
    expect(r.shape.columns.map((c) => c.name)).toEqual(['id', 'customer_id', 'amount', 'status', 'arr', 'amt']);
  });

  it('`t cross join u` without an alias on t (the grammar reads `cross` as an alias)', async () => {
    const r = await resolveSql(p('snowflake'), 'select orders.id, d.x from db.sch.orders cross join (select 1 as x) d', T);
    expect(codes(r)).toEqual([]);
  });

  it('LATERAL FLATTEN and semi-structured paths', async () => {
    const r = await resolveSql(p('snowflake'), 'select o.id, f.value:name::string as n, o.payload:a as ab from db.sch.orders o, lateral flatten(input => o.arr) f', T);
    expect(codes(r)).toEqual([]);
    expect(edges(r)).toContain('ab ← db.sch.orders.payload (direct)');
  });

  it('a grammar failure without a position is unsupported, with its message', async () => {
    const o = await parseOne(p('snowflake'), 'select o.payload:a.b from db.sch.orders o');
    expect(o).toMatchObject({ ok: false, kind: 'unsupported' });
    expect(o.ok === false && o.kind === 'unsupported' ? o.what : '').toContain('this query (');
  });
});
