/**
 * Dialect-specific syntax per dialect: DuckDB through its own parser, Postgres, BigQuery and
 * Snowflake through node-sql-parser. What parses must resolve without false findings; what
 * node-sql-parser cannot parse is 'unsupported' (a warning naming the construct), and a syntax
 * error only when no grammar could accept it (certain-syntax.ts).
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

  it('literal and cast types: an integer is INTEGER, a decimal unknown; casts keep their parameters', async () => {
    const r = await resolveSql(p('postgresql'), 'select 1 as a, 1.5 as b, cast(amount as numeric(10, 2)) as c, id::varchar(20) as d, ordered_at::timestamp with time zone as e from orders', T);
    expect(r.shape.columns.map((c) => c.type)).toEqual(['INTEGER', null, 'NUMERIC(10,2)', 'VARCHAR(20)', 'TIMESTAMP WITH TIME ZONE']);
    expect(edges(await resolveSql(p('postgresql'), 'select count(*) as n from orders', T))).toEqual(['n ← orders.(rows) (aggregation)']);
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

  it('a construct its grammar lacks is unsupported and named (QUALIFY without WHERE), at the construct', async () => {
    const sql = 'select id from `proj.ds.orders` qualify row_number() over (order by id) = 1';
    expect(await parseOne(p('bigquery'), sql)).toMatchObject({ ok: false, kind: 'unsupported', what: 'QUALIFY', at: sql.indexOf('qualify') });
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

describe('node-sql-parser: what its grammar rejects', () => {
  /** Valid in the warehouse: each either parses (null) or is unsupported and named, never a syntax error. */
  const VALID: Record<string, [string, string | null][]> = {
    postgresql: [
      ["select id::text as t, '{1,2}'::int[] as a, $1 as p, $$ ( $$ as d from orders", null],
      ["select e'it\\'s (' as s from orders", "E'…' strings"],
      ['select distinct on (customer_id) id from orders order by customer_id, id desc nulls last', null],
      ['select x.n from orders o cross join lateral (select o.id as n) x', null],
      ['select id from orders /* a /* nested */ comment ( */ where id = any(array[1, 2])', null],
      ['select id from orders qualify row_number() over (partition by customer_id order by id) = 1', 'QUALIFY'],
      ['select * exclude (payload) from orders', 'SELECT * EXCLUDE'],
      ["select {'a': 1} as s, [1, 2] as l from orders", 'struct literals ({…})'],
      ['select f.value from orders o, lateral flatten(input => o.arr) f', 'FLATTEN'],
      ['select * from orders pivot (sum(amount) for status in (1, 2)) p', 'PIVOT'],
      ['merge into orders t using orders s on t.id = s.id when matched then update set amount = s.amount', 'a MERGE statement'],
      ["select sum(amount) over (order by ordered_at range between interval '6 days' preceding and current row) as s from orders", 'a RANGE window frame with an INTERVAL offset'],
      ["select listagg(status, ',') within group (order by id) as l from orders", 'WITHIN GROUP'],
    ],
    snowflake: [
      ['select * exclude (payload), amount::number(10, 2) as amt from db.sch.orders qualify row_number() over (order by id) = 1', null],
      ['select o.id, f.value:name::string as n from db.sch.orders o, lateral flatten(input => o.arr) f // a comment (', null],
      ["select 'it\\'s' as s, $$ ( $$ as d, $1 as p from db.sch.orders", null],
      ['select * from db.sch.orders pivot (sum(amount) for status in (1, 2)) p', null],
      ['select id, amount, from db.sch.orders', 'a trailing comma in the select list'],
      ["select {'a': 1} as o from db.sch.orders", 'struct literals ({…})'],
      ['select [1, 2] as a from db.sch.orders', 'array literals ([…])'],
      ['select id from db.sch.orders minus select id from db.sch.orders', 'MINUS'],
      ['merge into t using s on t.id = s.id when matched then update set x = s.x', 'a MERGE statement'],
      ["select listagg(status, ',') within group (order by id) as l from db.sch.orders", 'WITHIN GROUP'],
    ],
    bigquery: [
      ["select * except (arr), struct(1 as x, 'a' as y) as s, [1, 2] as a, r'\\d(' as re from `proj.ds.orders` # a comment (", null],
      ["select '''multi ' (line''' as m from `proj.ds.orders`", 'triple-quoted strings'],
      ['select id, amount, from `proj.ds.orders` where true qualify row_number() over (order by id) = 1', null],
      ['select array<int64>[1, 2] as a, arr[offset(0)] as first from `proj.ds.orders`', null],
      [`select "it's" as s from \`proj.ds.orders\``, null],
      ['select id from `proj.ds.orders` qualify row_number() over (order by id) = 1', 'QUALIFY'],
      ['select amount::numeric(10, 2) as s from `proj.ds.orders`', ':: casts'],
      ['select * exclude (arr) from `proj.ds.orders`', 'SELECT * EXCLUDE'],
      ['select cast(id as varchar) as s from `proj.ds.orders`', 'the type VARCHAR'],
      ['select count(*) filter (where amount > 1) as n from `proj.ds.orders`', 'aggregate FILTER (WHERE …)'],
      ['merge `proj.ds.orders` t using `proj.ds.orders` s on t.id = s.id when matched then delete', 'a MERGE statement'],
      ['select * from `proj.ds.orders` unpivot (v for k in (id, amount))', 'UNPIVOT'],
      ['select cast(amount as numeric(10, 2)) as a from `proj.ds.orders`', 'the parameterised type NUMERIC(…)'],
      ['select * except (status) replace (amount * 100 as amount) from `proj.ds.orders`', 'SELECT * EXCEPT (…) REPLACE (…)'],
    ],
  };

  for (const [dialect, cases] of Object.entries(VALID)) {
    it.each(cases)(`${dialect}: %s`, async (sql, construct) => {
      const o = await parseOne(p(dialect), sql);
      if (construct === null) {
        expect(o.ok, JSON.stringify(o)).toBe(true);
        if (o.ok) expect(o.statements.every((st) => st.ok)).toBe(true);
      } else expect(o).toMatchObject({ ok: false, kind: 'unsupported', what: construct });
    });
  }

  const ERRORS: [string, string, string, number][] = [
    ['postgresql', 'select id from orders where id = = 1', "'=' cannot be followed by '='", 33],
    ['snowflake', 'select id from db.sch.orders where id = <> 1', "'=' cannot be followed by '<>'", 40],
    ['bigquery', 'select (id from `proj.ds.orders`', "'(' is never closed", 7],
    ['postgresql', 'select id) from orders', "')' closes nothing", 9],
    ['snowflake', 'select arr[1) from db.sch.orders', "'[' is closed by ')'", 12],
    ['bigquery', "select 'abc as x from `proj.ds.orders`", 'a string literal is never closed', 7],
    ['postgresql', 'select id, amount, from orders', 'a trailing comma before FROM', 17],
    ['postgresql', 'select coalesce(id, ) from orders', "a trailing comma before ')'", 18],
    ['snowflake', 'select id,, amount from db.sch.orders', 'two commas in a row', 10],
    ['postgresql', 'select id from orders /* never closed', 'a /* comment is never closed', 22],
  ];

  it.each(ERRORS)('%s: %s is certainly a syntax error', async (dialect, sql, message, at) => {
    const o = await parseOne(p(dialect), sql);
    expect(o).toMatchObject({ ok: false, kind: 'syntax', at });
    expect(o.ok === false && o.kind === 'syntax' ? o.message : '').toContain(message);
  });
});

describe('node-sql-parser: positions its postgresql grammar leaves out', () => {
  it('table references and select items are found in the text', async () => {
    const sql = 'select o.id, cast(o.amount as text) as amt, (select max(id) as m from orders) as top\nfrom public.orders o join "public"."orders" p on o.id = p.id';
    const o = await parseOne(p('postgresql'), sql);
    const q = o.ok && o.statements[0]?.ok ? o.statements[0].query : undefined;
    if (q?.k !== 'select') throw new Error('not a select');
    expect(q.items.map((i) => i.at)).toEqual([sql.indexOf('o.id'), sql.indexOf('cast('), sql.indexOf('(select')]);
    const from = q.from;
    if (from?.k !== 'join' || from.left.k !== 'table' || from.right.k !== 'table') throw new Error('not a join');
    expect([from.left.at, from.right.at]).toEqual([sql.indexOf('public.orders'), sql.indexOf('"public"')]);
  });
});
