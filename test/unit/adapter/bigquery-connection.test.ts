/**
 * The BigQuery connection through the real SDK (@google-cloud/bigquery) against the fake server:
 * job polling, result pages, type mapping, parameters, sessions, retries, cancel, timeouts,
 * metadata and adapter_response. No socket may reach anything but 127.0.0.1.
 */
import './bigquery-helpers.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection, ConnectionPool } from '../../../src/adapter/types.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import { installNetGuard, type NetGuard } from '../../fakes/net-guard.js';
import type { FakeBigQuery } from '../../fakes/bigquery/server.js';
import { FAST, PROJECT, openPool, saProfile, startFake } from './bigquery-helpers.js';

let guard: NetGuard;
let fake: FakeBigQuery;
let pool: ConnectionPool;
let conn: Connection;
const T = (name: string): string => `\`${PROJECT}\`.\`conn_test\`.\`${name}\``;

async function failure(p: Promise<unknown>): Promise<TxError> {
  const e = await p.then(() => null, (x: unknown) => x);
  if (!(e instanceof TxError)) throw new Error(`expected a TxError, got ${String(e)}`);
  return e;
}

beforeAll(async () => {
  guard = installNetGuard();
  fake = await startFake({ minPolls: 2 });
  pool = await openPool(saProfile(fake), { ...FAST, pageSize: 4 }, 4);
  conn = await pool.acquire();
  await conn.execute(`create schema if not exists \`${PROJECT}\`.\`conn_test\``);
  await conn.execute(`create or replace table ${T('numbers')} as (select n, cast(n * 1.5 as float64) as x from unnest(generate_array(1, 10)) as n)`);
});

afterAll(async () => {
  await pool?.close();
  await fake?.stop();
  guard?.uninstall();
});

describe('queries', () => {
  it('poll jobs.get until DONE and read every result page', async () => {
    const polls = fake.count('GET', /\/jobs\/tx_/);
    const pages = fake.count('GET', /\/queries\//);
    const r = await conn.execute(`select n, x from ${T('numbers')} order by n`, { fetch: true });
    expect(r.columns).toEqual(['n', 'x']);
    expect(r.rows.map((row) => row[0])).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.rows[1]).toEqual([2, 3]);
    expect(r.rowsAffected).toBe(10);
    // minPolls 2: the job is seen RUNNING, then DONE; 10 rows in pages of 4.
    expect(fake.count('GET', /\/jobs\/tx_/) - polls).toBeGreaterThanOrEqual(2);
    expect(fake.count('GET', /\/queries\//) - pages).toBe(3);
  });

  it('map GoogleSQL types to the values other adapters return', async () => {
    const sql = `select 9007199254740993 as big, 42 as i, cast('NaN' as float64) as nan, 2.5 as f, numeric '12.34' as num,
      'it''s' as s, true as b, b'\\x00\\xff' as bytes, date '2024-02-29' as d, datetime '2024-01-02 03:04:05.123456' as dt,
      timestamp '2024-01-02 03:04:05.678+00' as ts, time '01:02:03' as t, [1, 2, 3] as arr,
      struct(1 as a, 'x' as b) as rec, cast(null as int64) as nothing`;
    const r = await conn.execute(sql.replace("'it''s'", "'it\\'s'"), { fetch: true });
    const row = Object.fromEntries(r.columns.map((c, i) => [c, r.rows[0]![i]]));
    expect(row['big']).toBe(9007199254740993n);
    expect(row['i']).toBe(42);
    expect(Number.isNaN(row['nan'])).toBe(true);
    expect(row['f']).toBe(2.5);
    expect(row['num']).toBe(12.34);
    expect(row['s']).toBe("it's");
    expect(row['b']).toBe(true);
    expect([...(row['bytes'] as Buffer)]).toEqual([0, 255]);
    expect(row['d']).toEqual(new Date(Date.UTC(2024, 1, 29)));
    expect(row['dt']).toEqual(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 123)));
    expect(row['ts']).toEqual(new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 678)));
    expect(row['t']).toBe('01:02:03');
    expect(row['arr']).toEqual([1, 2, 3]);
    expect(row['rec']).toEqual({ a: 1, b: 'x' });
    expect(row['nothing']).toBeNull();
    const described = await conn.describeQuery(sql.replace("'it''s'", "'x'"));
    expect(Object.fromEntries(described.map((c) => [c.name, c.dataType]))).toMatchObject({
      big: 'INT64', f: 'FLOAT64', num: 'NUMERIC(38, 9)', s: 'STRING', b: 'BOOL', bytes: 'BYTES', d: 'DATE', dt: 'DATETIME', ts: 'TIMESTAMP',
      t: 'TIME', arr: 'ARRAY<INT64>', rec: 'STRUCT<a INT64, b STRING>', nan: 'FLOAT64',
    });
  });

  it('report the job, rows and bytes in adapter_response (dbt-bigquery shape)', async () => {
    const r = await conn.execute(`create or replace table ${T('copy')} as (select * from ${T('numbers')})`);
    expect(r.rowsAffected).toBe(10);
    expect(r.adapterResponse).toMatchObject({ code: 'CREATE TABLE', rows_affected: 10, location: 'US', project_id: PROJECT });
    expect(String(r.adapterResponse['_message'])).toMatch(/^CREATE TABLE \(10\.0 rows, \d+\.\d (Bytes|KiB) processed\)$/);
    expect(r.adapterResponse['job_id']).toMatch(/^tx_/);
    expect(Number(r.adapterResponse['bytes_processed'])).toBeGreaterThan(0);
    expect(r.adapterResponse['bytes_billed']).toBe(10 * 1024 * 1024);
    const m = await conn.execute(`merge into ${T('copy')} as d using (select 11 as n, 0.5 as x) as s on d.n = s.n when not matched then insert (n, x) values (s.n, s.x)`);
    expect(m.adapterResponse).toMatchObject({ code: 'MERGE', rows_affected: 1 });
    expect(m.rowsAffected).toBe(1);
  });

  it('bind parameters: values never become SQL text', async () => {
    const tricky = "'); drop table numbers; --";
    await conn.execute(`create or replace table ${T('params')} (s string, n int64)`);
    await conn.execute(`insert into ${T('params')} (s, n) values (?, ?), (?, ?)`, { params: [tricky, 1, null, 2] });
    const r = await conn.execute(`select s, n from ${T('params')} where n >= ? order by n`, { fetch: true, params: [1] });
    expect(r.rows).toEqual([[tricky, 1], [null, 2]]);
  });

  it('treat begin/commit/rollback as no-ops (BigQuery has no transactional DDL)', async () => {
    const before = fake.count('POST', /\/jobs$/);
    for (const s of ['begin transaction', 'commit', 'rollback']) expect((await conn.execute(s)).rowsAffected).toBeNull();
    expect(fake.count('POST', /\/jobs$/)).toBe(before);
  });

  it('keep temporary tables in one BigQuery session, ended when the connection closes', async () => {
    const own = await pool.acquire();
    const other = await pool.acquire();
    await own.execute('create temporary table `staging` (c0 string)');
    await own.execute('insert into `staging` (c0) values (?)', { params: ['kept'] });
    expect((await own.execute('select c0 from `staging`', { fetch: true })).rows).toEqual([['kept']]);
    const elsewhere = await failure(other.execute('select c0 from `staging`', { fetch: true }));
    expect(elsewhere.code).toBe(TxCodes.DatabaseError);
    const session = (own as unknown as { session: string | null }).session;
    expect(session).toMatch(/^fake_session_/);
    await own.close();
    expect(fake.engine.hasSession(session!)).toBe(false);
    pool.release(other);
  });

  it('refuse a temporary table outside a session, as BigQuery does', async () => {
    // Through the SDK directly: tx's connection would have opened a session.
    const r = await fake.engine.run({ sql: 'create temp table x as (select 1 as a)', project: PROJECT, session: null, location: 'US' }).catch((e: Error) => e.message);
    expect(r).toBe('Use of CREATE TEMPORARY TABLE requires a script or session');
  });
});

describe('errors, retries and cancellation', () => {
  it('report a query error with BigQuery reason, without retrying it', async () => {
    const before = fake.count('POST', /\/jobs$/);
    const e = await failure(conn.execute(`select * from ${T('missing')}`));
    expect(e.code).toBe(TxCodes.DatabaseError);
    expect(e.message).toContain(`Not found: Table ${PROJECT}:conn_test.missing was not found in location US`);
    expect(e.message).toContain('reason: notFound');
    expect(fake.count('POST', /\/jobs$/) - before).toBe(1);
  });

  it('retry a refused or dropped API call with the same job id', async () => {
    fake.failures.push({ method: 'POST', path: /\/jobs$/, status: 503, reason: 'backendError', times: 1 });
    fake.failures.push({ method: 'GET', path: /\/jobs\/tx_/, status: 0, reason: 'drop', times: 1, drop: true });
    const before = fake.requests.length;
    const r = await conn.execute('select 1 as one', { fetch: true });
    expect(r.rows).toEqual([[1]]);
    const inserts = fake.requests.slice(before).filter((q) => q.method === 'POST' && /\/jobs$/.test(q.path));
    expect(inserts).toHaveLength(2);
    expect(r.adapterResponse['job_id']).toBe(fake.requests.slice(before).find((q) => /\/queries\//.test(q.path))?.path.split('/').pop());
  });

  it('a lost jobs.insert response: the job is found by its id (409), never run twice', async () => {
    await conn.execute(`create or replace table ${T('once')} (n int64)`);
    fake.failures.push({ method: 'POST', path: /\/jobs$/, status: 0, reason: 'lost', times: 1, dropResponse: true });
    const r = await conn.execute(`insert into ${T('once')} (n) values (1)`);
    expect(r.rowsAffected).toBe(1);
    expect((await conn.execute(`select count(*) from ${T('once')}`, { fetch: true })).rows).toEqual([[1]]);
  });

  it('run a job again, as a new job, when it failed with a retryable reason', async () => {
    fake.jobFailures.push({ match: /retry_me/, reason: 'backendError', message: 'Backend error. Job aborted.', times: 1 });
    const r = await conn.execute("select 'retry_me' as x", { fetch: true });
    expect(r.rows).toEqual([['retry_me']]);
    fake.jobFailures.push({ match: /give_up/, reason: 'rateLimitExceeded', message: 'Exceeded rate limits: too many table update operations', times: 5 });
    const e = await failure(conn.execute("select 'give_up' as x"));
    expect(e.message).toContain('Exceeded rate limits');
    expect(e.message).toContain('reason: rateLimitExceeded');
    // job_retries 1 (dbt-bigquery's default): two attempts, then the error.
    expect(fake.jobFailures.at(-1)!.times).toBe(3);
  });

  it('cancel a running job through jobs.cancel', async () => {
    const running = conn.execute('select 1 /* fake:sleep_ms=5000 */');
    await new Promise((r) => setTimeout(r, 100));
    await conn.cancel();
    const e = await failure(running);
    expect(e.code).toBe(TxCodes.Cancelled);
    expect(fake.count('POST', /\/cancel$/)).toBeGreaterThanOrEqual(1);
  });

  it('cancel on an abort signal (Ctrl-C)', async () => {
    const ac = new AbortController();
    const running = conn.execute('select 2 /* fake:sleep_ms=5000 */', { signal: ac.signal });
    setTimeout(() => ac.abort(), 100);
    expect((await failure(running)).code).toBe(TxCodes.Cancelled);
  });

  it('stop a job that outlives job_execution_timeout_seconds', async () => {
    const p = await openPool(saProfile(fake, { job_execution_timeout_seconds: 0.2 }));
    const c = await p.acquire();
    const e = await failure(c.execute('select 3 /* fake:sleep_ms=3000 */'));
    expect(e.message).toMatch(/timed out|job_execution_timeout_seconds/);
    await p.close();
  });

  it('enforce maximum_bytes_billed, with a hint', async () => {
    const p = await openPool(saProfile(fake, { maximum_bytes_billed: 1000 }));
    const c = await p.acquire();
    const e = await failure(c.execute(`select * from ${T('numbers')}`, { fetch: true }));
    expect(e.message).toContain('reason: bytesBilledLimitExceeded');
    expect(e.hint).toContain('maximum_bytes_billed');
    await p.close();
  });
});

describe('metadata', () => {
  it('list datasets and relations page by page, and read columns', async () => {
    await conn.execute(`create or replace view ${T('v_numbers')} as (select n from ${T('numbers')})`);
    const listPages = fake.count('GET', /\/datasets\/conn_test\/tables$/);
    const rels = await conn.listRelations({ database: PROJECT, schema: 'conn_test' });
    expect(rels.map((r) => `${r.identifier}:${r.type}`)).toEqual(['copy:table', 'numbers:table', 'once:table', 'params:table', 'v_numbers:view']);
    // Five relations in pages of four.
    expect(fake.count('GET', /\/datasets\/conn_test\/tables$/) - listPages).toBe(2);
    expect(await conn.listRelations({ database: PROJECT, schema: 'no_such_dataset' })).toEqual([]);
    expect(await conn.listSchemas(PROJECT)).toContain('conn_test');
    expect(await conn.getColumns({ database: PROJECT, schema: 'conn_test', identifier: 'numbers' })).toEqual([
      { name: 'n', dataType: 'INT64' }, { name: 'x', dataType: 'FLOAT64' },
    ]);
    expect(await conn.getColumns({ database: PROJECT, schema: 'conn_test', identifier: 'nope' })).toEqual([]);
  });

  it('build the catalog from tables.list and tables.get', async () => {
    const cat = await conn.catalog({ database: PROJECT, schema: 'conn_test' });
    const numbers = cat.find((r) => r.identifier === 'numbers')!;
    expect(numbers).toMatchObject({ tableType: 'table', rowCount: 10, database: PROJECT, schema: 'conn_test' });
    expect(numbers.columns.map((c) => `${c.index}:${c.name}:${c.dataType}`)).toEqual(['1:n:INT64', '2:x:FLOAT64']);
    expect(cat.find((r) => r.identifier === 'v_numbers')).toMatchObject({ tableType: 'view', rowCount: null });
  });

  it('describe a query with a dry run: no job is kept, nothing is billed', async () => {
    const before = fake.count('POST', /\/jobs$/);
    expect(await conn.describeQuery(`select n, x * 2 as y from ${T('numbers')}`)).toEqual([{ name: 'n', dataType: 'INT64' }, { name: 'y', dataType: 'FLOAT64' }]);
    expect(fake.count('POST', /\/jobs$/) - before).toBe(1);
    expect((await failure(conn.describeQuery(`select nope from ${T('numbers')}`))).code).toBe(TxCodes.DatabaseError);
  });

  it('replace a table whose partitioning changed by dropping it first, as dbt-bigquery', async () => {
    await conn.execute(`create or replace table ${T('parted')} partition by d as (select date '2024-01-01' as d)`);
    const r = await conn.execute(`create or replace table ${T('parted')} partition by date_trunc(d, month) as (select date '2024-02-01' as d)`);
    expect(r.adapterResponse['code']).toBe('CREATE TABLE');
    const info = await fake.engine.tableInfo(PROJECT, 'conn_test', 'parted');
    expect(info?.extras?.partitionBy).toBe('date_trunc ( d , month )');
  });
});

describe('network', () => {
  it('opened sockets to 127.0.0.1 only', () => {
    expect(guard.allowed.length).toBeGreaterThan(0);
    expect(guard.violations).toEqual([]);
  });
});
