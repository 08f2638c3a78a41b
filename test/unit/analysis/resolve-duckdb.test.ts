/**
 * Scope resolution and lineage on DuckDB's own parser: what is an error, what is not (DuckDB
 * syntax that must never be a false error), and the lineage kind of each edge.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DuckDbParser } from '../../../src/analysis/duckdb-parser.js';
import { codes, edges, parseOne, resolveSql, type Tables } from './resolve-helper.js';

const T: Tables = {
  orders: ['id:INTEGER', 'customer_id:INTEGER', 'amount:DOUBLE', 'status:VARCHAR', 'ordered_at:TIMESTAMP', 'items'],
  customers: ['id:INTEGER', 'name:VARCHAR', 'address'],
  external: null,
};

let parser: DuckDbParser;
beforeAll(async () => (parser = await DuckDbParser.open()));
afterAll(() => parser.close());

describe('findings', () => {
  it('a column no relation has, with did-you-mean', async () => {
    const r = await resolveSql(parser, 'select amout from orders', T);
    expect(codes(r)).toEqual(['TX0512 error']);
    expect(r.findings[0]!.hint).toBe("did you mean 'amount'?");
    expect(r.findings[0]!.at).toBe(7);
  });

  it("lists only the relation's columns, not the query's own aliases; did-you-mean may use both", async () => {
    const r = await resolveSql(parser, 'select id as order_key, amount * 2 as doubled, zzz from orders', T);
    expect(codes(r)).toEqual(['TX0512 error']);
    expect(r.findings[0]!.hint).toBe("columns of model 'orders': id, customer_id, amount, status, ordered_at, items");
    const near = await resolveSql(parser, 'select amount * 2 as doubled, doubld + 1 as x from orders', T);
    expect(near.findings[0]!.hint).toBe("did you mean 'doubled'?");
    const noRel = await resolveSql(parser, 'select 1 as one, zzz', T);
    expect(noRel.findings[0]!.hint).toBe('select-list aliases of this query: one');
  });

  it('a qualified column missing from its relation', async () => {
    const r = await resolveSql(parser, 'select o.nope from orders o', T);
    expect(codes(r)).toEqual(['TX0512 error']);
    expect(r.findings[0]!.message).toContain("in 'o' (model 'orders')");
  });

  it('an ambiguous unqualified column; USING columns are not ambiguous', async () => {
    expect(codes(await resolveSql(parser, 'select id from orders o join customers c on o.customer_id = c.id', T))).toEqual(['TX0513 error']);
    expect(codes(await resolveSql(parser, 'select id, name from orders join customers using (id)', T))).toEqual([]);
    expect(codes(await resolveSql(parser, 'select id from orders natural join customers', T))).toEqual([]);
  });

  it('an alias that does not exist', async () => {
    const r = await resolveSql(parser, 'select x.id from orders o', T);
    expect(codes(r)).toEqual(['TX0514 error']);
    expect(r.findings[0]!.hint).toBe("did you mean 'o'?");
    expect(codes(await resolveSql(parser, 'select orders.id from orders o', T))).toEqual(['TX0514 error']);
  });

  it('nothing is reported against a relation whose columns are unknown', async () => {
    expect(codes(await resolveSql(parser, 'select anything, e.other from external e join orders o on e.k = o.id', T))).toEqual([]);
    expect(codes(await resolveSql(parser, "select whatever from read_csv('x.csv')", T))).toEqual([]);
  });
});

describe('DuckDB syntax that is not an error', () => {
  const clean = async (sql: string) => expect(codes(await resolveSql(parser, sql, T))).toEqual([]);

  it('QUALIFY, :: casts, SELECT * EXCLUDE / REPLACE / RENAME', async () => {
    await clean('select id, row_number() over (partition by customer_id order by ordered_at) as rn from orders qualify rn = 1');
    await clean("select id::varchar as id_text, '2024-01-01'::date as d from orders");
    await clean('select * exclude (status) replace (amount * 100 as amount) from orders');
    await clean('select * rename (amount as total) from orders');
  });

  it('STRUCT literals and field access, lists and lambdas', async () => {
    await clean("select {'a': id, 'b': amount} as s, struct_pack(k := id) as p from orders");
    await clean('select address.city, c.address.zip from customers c');
    await clean('select list_transform(items, x -> x.price * amount) as prices, [y * 2 for y in items] as doubled from orders');
  });

  it('select-list aliases in WHERE, GROUP BY, HAVING and later items', async () => {
    await clean('select amount * 2 as double_amount, double_amount + 1 as more from orders where double_amount > 3 group by all having more > 1');
  });

  it('correlated subqueries, LATERAL, EXISTS, IN', async () => {
    await clean('select id, (select max(amount) from orders o2 where o2.customer_id = c.id) as top from customers c');
    await clean('select c.id, l.total from customers c, lateral (select sum(amount) as total from orders o where o.customer_id = c.id) l');
    await clean('select id from customers c where exists (select 1 from orders o where o.customer_id = c.id) and id in (select customer_id from orders)');
  });

  it('recursive CTEs, UNION BY NAME, VALUES, unnest', async () => {
    await clean('with recursive r(n) as (select 1 union all select n + 1 from r where n < 3) select n from r');
    await clean('select id from orders union all by name select id from customers');
    await clean('select v.a, v.b from (values (1, 2)) v(a, b)');
    await clean('select t.x from unnest([1, 2]) t(x)');
  });

  it('SEMI / ANTI / ASOF joins', async () => {
    await clean('select id, amount from orders semi join customers on orders.customer_id = customers.id');
    await clean('select o.id, c.name from orders o asof join customers c on o.customer_id >= c.id');
  });
});

describe('lineage', () => {
  it('direct, transformation and aggregation, through CTEs', async () => {
    const r = await resolveSql(parser, `
      with o as (select customer_id, amount, lower(status) as status from orders where status is not null)
      select customer_id as cid, status, sum(amount) as total, count(*) as n from o group by all`, T);
    expect(edges(r)).toEqual([
      'cid ← orders.customer_id (direct)',
      'status ← orders.status (transformation)',
      'total ← orders.amount (aggregation)',
      'n ← orders.(rows) (aggregation)',
    ]);
    expect(r.rowEdges).toEqual([{ node: 'model.t.orders', column: 'status', kind: 'filter' }]);
    expect(r.shape.columns.map((c) => c.type)).toEqual(['INTEGER', null, null, 'BIGINT']);
    expect(r.unresolved + r.external).toBe(0);
  });

  it('join keys, star expansion and set operations', async () => {
    const r = await resolveSql(parser, 'select c.*, o.amount from customers c join orders o on o.customer_id = c.id', T);
    expect(r.shape.columns.map((c) => c.name)).toEqual(['id', 'name', 'address', 'amount']);
    expect(r.rowEdges.map((e) => `${e.column} ${e.kind}`).sort()).toEqual(['customer_id join', 'id join']);
    const u = await resolveSql(parser, "select id, 'o' as kind from orders union all select id, 'c' from customers", T);
    expect(edges(u)).toEqual(['id ← orders.id (direct)', 'id ← customers.id (direct)', 'kind ←']);
    expect(u.shape.open).toBe(false);
  });

  it('count(*) and count(1) aggregate the rows of what they read: an edge without a column', async () => {
    const r = await resolveSql(parser, 'select count(*) as n, count(1) as m, count(o.id) as k from orders o join customers c on o.customer_id = c.id having count(*) > 1', T);
    expect(edges(r)).toEqual([
      'n ← orders.(rows) (aggregation)', 'n ← customers.(rows) (aggregation)',
      'm ← orders.(rows) (aggregation)', 'm ← customers.(rows) (aggregation)',
      'k ← orders.id (aggregation)',
    ]);
    expect(r.rowEdges).toContainEqual({ node: 'model.t.orders', column: null, kind: 'filter' });
    const sub = await resolveSql(parser, 'with x as (select * from orders where amount > 1) select count(*) as n from x', T);
    expect(edges(sub)).toEqual(['n ← orders.(rows) (aggregation)']);
  });

  it("a method call (`name.upper()`) reads its receiver; a schema-qualified function does not", async () => {
    const r = await resolveSql(parser, 'select name.upper() as u, c.name.lower().upper() as l, main.lower(name) as m from customers c', T);
    expect(codes(r)).toEqual([]);
    expect(edges(r)).toEqual(['u ← customers.name (transformation)', 'l ← customers.name (transformation)', 'm ← customers.name (transformation)']);
    expect(r.unresolved).toBe(0);
  });

  it("`s.k` on a struct reads field k's origin when the struct is built in the query, else the struct column", async () => {
    const r = await resolveSql(parser, "with x as (select {'k': id, 'v': amount} as s, struct_pack(a := status) as p from orders) select s.k, x.s.v, p.a from x", T);
    expect(edges(r)).toEqual(['k ← orders.id (direct)', 'v ← orders.amount (direct)', 'a ← orders.status (direct)']);
    expect(r.unresolved).toBe(0);
    // A struct column of a parent: the field comes from that one column.
    expect(edges(await resolveSql(parser, 'select address.city as city from customers', T))).toEqual(['city ← customers.address (transformation)']);
    // The whole row as a struct: its fields are the relation's columns.
    expect(edges(await resolveSql(parser, 'select r.name from (select c as r from customers c)', T))).toEqual(['name ← customers.name (direct)']);
    // Fields unknown and several origins: all of them, and the lineage is incomplete.
    const u = await resolveSql(parser, 'with x as (select struct_insert(address, n := name) as s from customers) select s.n from x', T);
    expect(edges(u)).toEqual(['n ← customers.address (transformation)', 'n ← customers.name (transformation)']);
    expect(u.unresolved).toBe(1);
  });

  it('literal and cast types in DuckDB spelling', async () => {
    const r = await resolveSql(parser, "select 1.5 as a, 42 as b, 'x' as c, cast(id as decimal(10, 2)) as d from orders", T);
    expect(r.shape.columns.map((c) => c.type)).toEqual(['DECIMAL(2,1)', 'INTEGER', 'VARCHAR', 'DECIMAL(10,2)']);
  });

  it('an unaliased expression is named by the warehouse: a stand-in name, flagged', async () => {
    const r = await resolveSql(parser, 'select amount + 1 from orders', T);
    expect(r.shape.columns[0]!.guessed).toBe(true);
  });

  it('a series function is one known column (dbt.generate_series); other table functions stay unknown', async () => {
    const r = await resolveSql(parser, 'select generate_series as n from generate_series(1, 10)', T);
    expect(r.shape.columns.map((c) => c.name)).toEqual(['n']);
    expect(r.unresolved + r.external).toBe(0);
    const aliased = await resolveSql(parser, 'select d.k from range(3) as d(k)', T);
    expect(aliased.unresolved + aliased.external).toBe(0);
    expect(codes(await resolveSql(parser, 'select nope from generate_series(1, 2)', T))).toEqual(['TX0512 error']);
    expect((await resolveSql(parser, "select * from read_csv('x.csv')", T)).external).toBe(1);
  });

  it('a star over unknown columns leaves the shape open', async () => {
    const r = await resolveSql(parser, 'select * from external', T);
    expect(r.shape.open).toBe(true);
    expect(r.external).toBe(1);
  });
});

describe('parse outcomes', () => {
  it('positions are characters, with non-ASCII text before them', async () => {
    const r = await resolveSql(parser, "select '日本' as x, nope from orders", T);
    expect(r.findings[0]!.at).toBe("select '日本' as x, ".length);
  });

  it('a syntax error with its character position (non-ASCII before it)', async () => {
    const sql = "select 'é' as x,\n  from orders where";
    const o = await parseOne(parser, sql);
    expect(o).toMatchObject({ ok: false, kind: 'syntax' });
    expect(o.ok === false && o.kind === 'syntax' ? o.at : -1).toBe(sql.length);
  });

  it('a statement DuckDB cannot serialize is unsupported, named', async () => {
    expect(await parseOne(parser, 'pivot orders on status using sum(amount)')).toMatchObject({ ok: false, kind: 'unsupported', what: 'PIVOT' });
    expect(await parseOne(parser, 'insert into t values (1)')).toMatchObject({ ok: false, kind: 'unsupported', what: 'a INSERT statement' });
  });

  it('many statements in one batch keep their order', async () => {
    const sqls = Array.from({ length: 2500 }, (_, i) => (i % 7 === 0 ? `select from where ${i}` : `select ${i} as c${i}`));
    const out: string[] = [];
    await parser.parseAll(sqls, sqls.map((_, i) => i % 2 === 0), (i, o) => out.push(`${i}:${o.ok ? (o.statements.length > 0 ? 'tree' : 'stub') : o.kind}`));
    expect(out[0]).toBe('0:syntax');
    expect(out[1]).toBe('1:tree');
    expect(out[2]).toBe('2:stub');
    expect(out[2497]).toBe('2497:tree');
    expect(out).toHaveLength(2500);
  });
});
