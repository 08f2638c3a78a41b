/** The Snowflake adapter through the real snowflake-sdk, against the local fake service (test/fakes/snowflake). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { snowflakeAdapter } from '../../../adapters/snowflake/index.js';
import type { Connection, ConnectionPool } from '../../../src/adapter/types.js';
import { TxCodes, type TxError } from '../../../src/errors/tx-error.js';
import { FakeSnowflake } from '../../fakes/snowflake/server.js';
import { SDK_ENV, fakeProfile } from '../../fakes/snowflake/profile.js';
import { installNetGuard } from '../../fakes/net-guard.js';

Object.assign(process.env, SDK_ENV);
// The SDK may only reach the fake, on 127.0.0.1 (no OCSP, no platform detection, no telemetry).
const guard = installNetGuard();

async function open(fake: FakeSnowflake, extra: Record<string, unknown> = {}, threads = 1): Promise<ConnectionPool> {
  return snowflakeAdapter.connect(snowflakeAdapter.resolveCredentials(fakeProfile(fake, extra)), { projectDir: process.cwd(), threads });
}

describe('snowflake connection (real SDK, fake service)', () => {
  let fake: FakeSnowflake;
  let pool: ConnectionPool;
  let conn: Connection;
  beforeAll(async () => {
    fake = await FakeSnowflake.start({ warehouses: ['TRANSFORMING', 'BIG'], roles: { TRANSFORMER: { warehouses: ['TRANSFORMING', 'BIG'], databases: ['ANALYTICS', 'RAW'] } } });
    pool = await open(fake, {}, 2);
    conn = await pool.acquire();
  });
  afterAll(async () => {
    pool.release(conn);
    await pool.close();
    expect(fake.openSessions).toBe(0);
    await fake.stop();
  });

  it('logs in, checks the session, and answers with query ids', async () => {
    expect(fake.requests[0]).toBe('POST /session/v1/login-request');
    const r = await conn.execute('select 1 as ok', { fetch: true });
    expect(r.columns).toEqual(['OK']);
    expect(r.rows).toEqual([[1]]);
    expect(r.adapterResponse).toMatchObject({ code: 'SUCCESS', rows_affected: 1, _message: 'SUCCESS 1' });
    const id = r.adapterResponse['query_id'];
    expect(typeof id).toBe('string');
    expect(fake.queries.get(String(id))?.sql).toBe('select 1 as ok');
  });

  it('maps result types to the JS values the DuckDB adapter returns', async () => {
    const r = await conn.execute(`select 42 as i, 9007199254740993 as big, cast(2.5 as number(10,2)) as d, 1.25::float as f,
      'it\\'s' as s, true as b, null as n, date '2024-02-29' as dt, timestamp '2024-01-02 03:04:05.123' as ts, to_timestamp_ntz('1969-12-31 23:59:59') as before_epoch`, { fetch: true });
    expect(r.columns).toEqual(['I', 'BIG', 'D', 'F', 'S', 'B', 'N', 'DT', 'TS', 'BEFORE_EPOCH']);
    expect(r.rows[0]).toEqual([42, 9007199254740993n, 2.5, 1.25, "it's", true, null, new Date('2024-02-29T00:00:00Z'), new Date('2024-01-02T03:04:05.123Z'), new Date('1969-12-31T23:59:59Z')]);
  });

  it('binds parameters (never SQL built from values) and reports DML counts', async () => {
    await conn.execute('create or replace transient table analytics.public.people (id integer, name varchar)');
    const ins = await conn.execute('insert into analytics.public.people (id, name) values (?, ?), (?, ?)', { params: [1, "O'Brien; drop table x", 2, null] });
    expect(ins.rowsAffected).toBe(2);
    expect(ins.adapterResponse).toMatchObject({ rows_affected: 2, _message: 'SUCCESS 2' });
    const q = fake.queries.all.at(-1)!;
    expect(q.sql).not.toContain("O'Brien");
    expect(q.binds).toEqual([1, "O'Brien; drop table x", 2, null]);
    const rows = await conn.execute('select id, name from analytics.public.people order by id', { fetch: true });
    expect(rows.rows).toEqual([[1, "O'Brien; drop table x"], [2, null]]);
    const ddl = await conn.execute('create or replace transient table analytics.public.people2 as (select 1 as id)');
    expect(ddl.rowsAffected).toBeNull();
  });

  it('clones a table, copy grants accepted', async () => {
    await conn.execute('create or replace transient table analytics.public.src_rows as (select 1 as id)');
    await conn.execute('create or replace transient table analytics.public.src_clone clone analytics.public.src_rows copy grants');
    expect((await conn.execute('select count(*) as n from analytics.public.src_clone', { fetch: true })).rows).toEqual([[1]]);
  });

  it('runs a script statement by statement; the last one answers', async () => {
    const before = fake.queries.all.length;
    const r = await conn.execute("create or replace transient table analytics.public.t1 as (select 1 as x);\ninsert into analytics.public.t1 values (2);\n-- done\nselect count(*) as n from analytics.public.t1;", { fetch: true });
    expect(r.rows).toEqual([[2]]);
    expect(fake.queries.all.length - before).toBe(3);
    // The service itself refuses several statements in one request, as Snowflake does.
    expect(fake.queries.all.every((q) => !/;\s*\S/.test(q.sql.replace(/'[^']*'/g, '')))).toBe(true);
  });

  it('reads catalog information: relations, schemas, columns, described queries, catalog', async () => {
    await conn.execute('create schema if not exists analytics.cat');
    await conn.execute('create or replace transient table analytics.cat.orders (id number(38,0), amount number(10,2), note varchar, created_at timestamp_ntz)');
    await conn.execute('create or replace view analytics.cat.v_orders as (select id from analytics.cat.orders)');
    await conn.execute('create or replace temporary table analytics.cat.scratch as (select 1 as x)');
    expect(await conn.listRelations({ database: 'analytics', schema: 'cat' })).toEqual([
      { database: 'ANALYTICS', schema: 'CAT', identifier: 'ORDERS', type: 'table' },
      { database: 'ANALYTICS', schema: 'CAT', identifier: 'V_ORDERS', type: 'view' },
    ]);
    expect(await conn.listSchemas('analytics')).toEqual(expect.arrayContaining(['CAT', 'PUBLIC', 'INFORMATION_SCHEMA']));
    expect(await conn.getColumns({ database: 'analytics', schema: 'cat', identifier: 'orders' })).toEqual([
      { name: 'ID', dataType: 'NUMBER(38,0)' }, { name: 'AMOUNT', dataType: 'NUMBER(10,2)' },
      { name: 'NOTE', dataType: 'VARCHAR(16777216)' }, { name: 'CREATED_AT', dataType: 'TIMESTAMP_NTZ' },
    ]);
    expect(await conn.describeQuery('select id, amount * 2 as twice, note from analytics.cat.orders')).toEqual([
      { name: 'ID', dataType: 'NUMBER(38,0)' }, { name: 'TWICE', dataType: expect.stringMatching(/^NUMBER\(/) }, { name: 'NOTE', dataType: 'VARCHAR' },
    ]);
    const cat = await conn.catalog({ database: 'analytics', schema: 'cat' });
    expect(cat.map((r) => [r.identifier, r.tableType, r.columns.length])).toEqual([['ORDERS', 'BASE TABLE', 4], ['V_ORDERS', 'VIEW', 1]]);
    expect(fake.meta.transient.has('ANALYTICS.CAT.ORDERS')).toBe(true);
  });

  it('keeps the session usable after a failed statement, with Snowflake\'s error', async () => {
    const e = (await conn.execute('select * from analytics.public.missing').catch((x: unknown) => x)) as TxError;
    expect(e.code).toBe(TxCodes.DatabaseError);
    expect(e.message).toMatch(/^002003 \(42S02\): SQL compilation error:\nObject '[A-Z.]*MISSING' does not exist or not authorized\./);
    expect((await conn.execute('select 2 as x', { fetch: true })).rows).toEqual([[2]]);
  });

  it('restores the profile\'s warehouse and query tag before the next node', async () => {
    await conn.execute("use warehouse big;\nalter session set query_tag = 'model_x';\nselect 1");
    expect(fake.queries.all.at(-1)).toMatchObject({ warehouse: 'BIG', queryTag: 'model_x' });
    pool.release(conn);
    conn = await pool.acquire();
    await conn.execute('select 1');
    expect(fake.queries.all.at(-1)).toMatchObject({ warehouse: 'TRANSFORMING', queryTag: null });
  });
});

describe('snowflake results: polling, chunks, cancel', () => {
  let fake: FakeSnowflake;
  let pool: ConnectionPool;
  beforeAll(async () => {
    fake = await FakeSnowflake.start({ inlineWaitMs: 0, rowsetLimit: 10, chunkRows: 25 });
    pool = await open(fake, {}, 2);
  });
  afterAll(async () => {
    await pool.close();
    await fake.stop();
  });

  it('polls a query that is still running', async () => {
    const conn = await pool.acquire();
    const r = await conn.execute("select system$wait(300, 'MILLISECONDS') as w, 7 as x", { fetch: true });
    pool.release(conn);
    expect(r.rows).toEqual([['waited 300 milliseconds', 7]]);
    expect(fake.requests.some((p) => /^GET \/queries\/[^/]+\/result$/.test(p))).toBe(true);
  });

  it('downloads large results in chunks', async () => {
    const conn = await pool.acquire();
    const r = await conn.execute('select range as i from range(100) order by i', { fetch: true });
    pool.release(conn);
    expect(r.rows).toHaveLength(100);
    expect(r.rows.map((x) => x[0])).toEqual([...Array(100).keys()]);
    expect(fake.requests.filter((p) => p.startsWith('GET /chunks/'))).toHaveLength(4);
  });

  it('cancels a running statement through the SDK when the run is aborted', async () => {
    const conn = await pool.acquire();
    const ctl = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ctl.abort(), 300);
    const e = (await conn.execute('select system$wait(30)', { signal: ctl.signal }).catch((x: unknown) => x)) as TxError;
    expect(e.code).toBe(TxCodes.Cancelled);
    expect(Date.now() - t0).toBeLessThan(5000);
    const q = fake.queries.all.find((x) => x.sql === 'select system$wait(30)')!;
    await q.done;
    expect(q.status).toBe('cancelled');
    expect(fake.requests.some((p) => /abort-request$/.test(p))).toBe(true);
    // The session still works afterwards.
    expect((await conn.execute('select 1 as ok', { fetch: true })).rows).toEqual([[1]]);
    pool.release(conn);
  });

  it('cancels every running statement of the pool (Ctrl-C)', async () => {
    const [a, b] = [await pool.acquire(), await pool.acquire()];
    const runs = [a.execute('select system$wait(30) as a'), b.execute('select system$wait(30) as b')].map((p) => p.then(() => new Error('not cancelled'), (x: unknown) => x as TxError));
    await new Promise((r) => setTimeout(r, 300));
    await pool.cancelAll();
    const errors = await Promise.all(runs);
    expect(errors.map((e) => e.message)).toEqual([expect.stringMatching(/canceled|cancelled/), expect.stringMatching(/canceled|cancelled/)]);
    pool.release(a);
    pool.release(b);
  });
});

describe('network', () => {
  it('the SDK opened sockets to 127.0.0.1 only', () => {
    expect(guard.allowed.length).toBeGreaterThan(0);
    expect(guard.violations).toEqual([]);
  });
});
