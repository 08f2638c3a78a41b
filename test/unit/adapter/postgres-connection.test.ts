/** The Postgres Connection against the real server: execute, catalog, describe, COPY, cancel, session setup. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { postgresAdapter } from '../../../adapters/postgres/index.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import { PG, describePg, dropSchemas, pgQuery, uniqueSchema } from '../../functional/pg-helpers.js';
import { openPg, pgCredentials, type PgTestDb } from './postgres-helpers.js';

const failure = async (p: Promise<unknown>): Promise<TxError> => {
  const e = await p.then(() => undefined, (x: unknown) => x);
  if (!(e instanceof TxError)) throw new Error(`expected a TxError, got ${String(e)}`);
  return e;
};

describePg('postgres connection', () => {
  const schema = uniqueSchema('conn');
  let db: PgTestDb;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tx-pg-conn-'));
    db = await openPg(schema);
    await db.conn.execute(`create schema "${schema}"`);
  });
  afterAll(async () => {
    await db?.close();
    await dropSchemas(schema);
    rmSync(dir, { recursive: true, force: true });
  });
  const q = async (sql: string) => (await db.conn.execute(sql, { fetch: true })).rows;

  it("reads the server's version when the pool opens, and keeps MERGE on a server that has it", async () => {
    const version = Number((await q('show server_version_num'))[0]![0]);
    const pool = db.pool as unknown as { serverVersionNum: number };
    expect(pool.serverVersionNum).toBe(version);
    expect(db.pool.capabilityOverrides).toEqual(version >= 150000 ? {} : { merge: false });
  });

  it('executes multi-statement SQL and reports rows like dbt-postgres', async () => {
    const r = await db.conn.execute(`create table "${schema}".t (i int, s text); insert into "${schema}".t select g, g::text from generate_series(1, 5) g;`);
    expect(r.rowsAffected).toBe(5);
    expect(r.adapterResponse).toMatchObject({ _message: 'INSERT 0 5', code: 'INSERT', rows_affected: 5 });
    const ctas = await db.conn.execute(`create table "${schema}".u as select * from "${schema}".t where i > 2`);
    expect(ctas.rowsAffected).toBe(3);
    const ddl = await db.conn.execute(`create view "${schema}".v as select i from "${schema}".t`);
    // pg reports the command tag's first word only.
    expect(ddl.adapterResponse).toMatchObject({ _message: 'CREATE', code: 'CREATE', rows_affected: -1 });
    const sel = await db.conn.execute(`select i, s from "${schema}".t order by i limit 2`, { fetch: true });
    expect(sel.columns).toEqual(['i', 's']);
    expect(sel.rows).toEqual([[1, '1'], [2, '2']]);
    expect((await db.conn.execute(`select i from "${schema}".t`)).rows).toEqual([]);
  });

  it('binds parameters and returns values as the DuckDB adapter does', async () => {
    const r = await db.conn.execute('select $1::text as a, $2::int + 1 as b, $3::text is null as c', { fetch: true, params: ["it's", '41', null] });
    expect(r.rows).toEqual([["it's", 42, true]]);
    const [row] = await q(`select 9007199254740993::bigint as big, 7::bigint as small, 1.25::numeric(10,2) as dec,
      date '2024-01-02' as d, timestamp '2024-01-02 03:04:05.123456' as ts, timestamptz '2024-01-02 03:04:05+02' as tz,
      true as b, array[1,2] as arr`);
    expect(row).toEqual([
      9007199254740993n, 7, 1.25, new Date(Date.UTC(2024, 0, 2)), new Date(Date.UTC(2024, 0, 2, 3, 4, 5, 123)),
      new Date(Date.UTC(2024, 0, 2, 1, 4, 5)), true, [1, 2],
    ]);
  });

  it('wraps database errors in TxError(DatabaseError) with the line of the error', async () => {
    const e = await failure(db.conn.execute('select 1\nfrom missing_table_xyz'));
    expect(e.code).toBe(TxCodes.DatabaseError);
    expect(e.message).toBe('relation "missing_table_xyz" does not exist\nLINE 2: from missing_table_xyz');
    // The session stays usable after an error outside a transaction.
    expect(await q('select 1')).toEqual([[1]]);
  });

  it('lists one schema\'s relations in one round trip, with their types', async () => {
    await db.conn.execute(`create materialized view "${schema}".mv as select 1 as x; create table "${schema}"."Mixed" (x int)`);
    const spy = vi.spyOn(db.conn, 'execute');
    const rels = await db.conn.listRelations({ database: PG.database, schema });
    expect(spy).toHaveBeenCalledTimes(1);
    spy.mockRestore();
    expect(rels).toEqual([
      { database: PG.database, schema, identifier: 'Mixed', type: 'table' },
      { database: PG.database, schema, identifier: 'mv', type: 'materialized_view' },
      { database: PG.database, schema, identifier: 't', type: 'table' },
      { database: PG.database, schema, identifier: 'u', type: 'table' },
      { database: PG.database, schema, identifier: 'v', type: 'view' },
    ]);
    expect(await db.conn.listRelations({ database: null, schema: 'no_such_schema_xyz' })).toEqual([]);
    expect(await db.conn.listSchemas(PG.database)).toEqual(expect.arrayContaining([schema, 'public']));
    const cross = await failure(db.conn.listRelations({ database: 'other_db', schema }));
    expect(cross.message).toContain("cross-database reference to 'other_db'");
  });

  it('reports columns with the type names format_type() gives', async () => {
    await db.conn.execute(`create table "${schema}".typed (a integer, b varchar(10), c numeric(10,2), d timestamp, e text, f double precision, g date, h boolean, i bigint[])`);
    expect(await db.conn.getColumns({ database: PG.database, schema, identifier: 'typed' })).toEqual([
      { name: 'a', dataType: 'integer' }, { name: 'b', dataType: 'character varying(10)' }, { name: 'c', dataType: 'numeric(10,2)' },
      { name: 'd', dataType: 'timestamp without time zone' }, { name: 'e', dataType: 'text' }, { name: 'f', dataType: 'double precision' },
      { name: 'g', dataType: 'date' }, { name: 'h', dataType: 'boolean' }, { name: 'i', dataType: 'bigint[]' },
    ]);
    expect(await db.conn.getColumns({ database: PG.database, schema, identifier: 'nope' })).toEqual([]);
  });

  it('describes a query without computing its rows', async () => {
    const cols = await db.conn.describeQuery(`with q as (select 1::bigint as n, 'x'::varchar(5) as s, 1.5::numeric(6,2) as m, now()::timestamp as ts)
      select * from q;`);
    expect(cols).toEqual([
      { name: 'n', dataType: 'bigint' }, { name: 's', dataType: 'character varying(5)' },
      { name: 'm', dataType: 'numeric(6,2)' }, { name: 'ts', dataType: 'timestamp without time zone' },
    ]);
    const t0 = Date.now();
    expect(await db.conn.describeQuery('select pg_sleep(20) as slept, count(*) as c from generate_series(1, 100000000)\n-- trailing comment')).toEqual([
      { name: 'slept', dataType: 'void' }, { name: 'c', dataType: 'bigint' },
    ]);
    expect(Date.now() - t0).toBeLessThan(2000);
    const e = await failure(db.conn.describeQuery('select no_such_col'));
    expect(e.code).toBe(TxCodes.DatabaseError);
  });

  it('streams a CSV file through COPY: quotes, CRLF, BOM and blank lines', async () => {
    await db.conn.execute(`create table "${schema}".raw (c0 text, c1 text)`);
    const file = join(dir, 'odd.csv');
    writeFileSync(file, '\ufeffa,b\r\n"x, ""y""",1\r\n\r\n"multi\r\nline",\r\n"",null\r\nü€😀,"2"\r\n\r\n');
    const r = await db.conn.loadCsv!({ path: file, relation: { database: null, schema, identifier: 'raw' }, columns: ['c0', 'c1'], delimiter: ',' });
    expect(r.rowsAffected).toBe(4);
    expect(r.adapterResponse).toMatchObject({ code: 'COPY', rows_affected: 4 });
    expect(await q(`select c0, c1 from "${schema}".raw`)).toEqual([['x, "y"', '1'], ['multi\r\nline', null], ['', 'null'], ['ü€😀', '2']]);
    const bad = join(dir, 'bad.csv');
    writeFileSync(bad, 'a,b\n1,2,3\n');
    const e = await failure(db.conn.loadCsv!({ path: bad, relation: { database: null, schema, identifier: 'raw' }, columns: ['c0', 'c1'], delimiter: ',' }));
    expect(e.message).toMatch(/extra data after last expected column/);
  });

  it('cancels a running query on the server through an AbortSignal, within a second', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 200);
    const t0 = Date.now();
    const e = await failure(db.conn.execute('select pg_sleep(30)', { signal: ac.signal }));
    expect(e.code).toBe(TxCodes.Cancelled);
    expect(Date.now() - t0).toBeLessThan(1500);
    const running = await pgQuery("select count(*)::int as n from pg_stat_activity where query = 'select pg_sleep(30)' and state = 'active'");
    expect(running).toEqual([{ n: 0 }]);
    expect(await q('select 2')).toEqual([[2]]);
    // An already aborted signal never starts the query.
    expect((await failure(db.conn.execute('select 1', { signal: ac.signal }))).code).toBe(TxCodes.Cancelled);
  });

  it('cancels through cancel() and pool.cancelAll(), and leaves no transaction open', async () => {
    await db.conn.execute('begin');
    const p = failure(db.conn.execute('select pg_sleep(30)'));
    setTimeout(() => void db.pool.cancelAll(), 200);
    const t0 = Date.now();
    expect((await p).code).toBe(TxCodes.Cancelled);
    expect(Date.now() - t0).toBeLessThan(1500);
    // Released and acquired again: the aborted transaction is rolled back first.
    db.pool.release(db.conn);
    db.conn = await db.pool.acquire();
    expect(await q('select 3')).toEqual([[3]]);
    await db.conn.cancel(); // nothing running: a no-op
  });
});

describePg('postgres session setup and connect errors', () => {
  const schema = uniqueSchema('sess');
  const role = `tx_role_${process.pid}`;
  afterAll(async () => {
    await pgQuery(`drop role if exists ${role}`);
  });

  it('sets search_path and role at connect', async () => {
    await pgQuery(`drop role if exists ${role}`);
    await pgQuery(`create role ${role} nologin`);
    const db = await openPg(schema, { search_path: `${schema}, public`, role: role.toUpperCase() });
    try {
      const [row] = (await db.conn.execute('select current_setting(\'search_path\'), current_user', { fetch: true })).rows;
      expect(row).toEqual([`${schema}, public`, role]);
    } finally {
      await db.close();
    }
  });

  it('opens up to `threads` sessions and reuses them', async () => {
    const pool = await postgresAdapter.connect(pgCredentials(schema), { projectDir: process.cwd(), threads: 2 });
    try {
      const [a, b] = [await pool.acquire(), await pool.acquire()];
      const pids = await Promise.all([a, b].map(async (c) => (await c.execute('select pg_backend_pid()', { fetch: true })).rows[0]?.[0]));
      expect(new Set(pids).size).toBe(2);
      const third = pool.acquire();
      pool.release(a);
      expect(await third).toBe(a);
      pool.release(a);
      pool.release(b);
    } finally {
      await pool.close();
    }
  });

  it('explains connection failures: missing database, refused port, unknown host, bad role', async () => {
    const open = (extra: Record<string, unknown>) => failure(postgresAdapter.connect(pgCredentials(schema, { retries: 0, ...extra }), { projectDir: process.cwd(), threads: 1 }));
    const db = await open({ dbname: 'tx_no_such_db' });
    expect(db.code).toBe(TxCodes.ConnectionFailed);
    expect(db.message).toBe(`database 'tx_no_such_db' does not exist on ${PG.host}:${PG.port}`);
    expect(db.hint).toContain('createdb tx_no_such_db');
    const port = await open({ port: 1 });
    expect(port.message).toBe(`connection refused by ${PG.host}:1: nothing is listening there`);
    expect(port.hint).toContain('5432');
    const host = await open({ host: 'no-such-host.invalid' });
    expect(host.message).toBe("unknown host 'no-such-host.invalid': the name does not resolve");
    const badRole = await open({ role: 'tx_no_such_role' });
    expect(badRole.message).toMatch(/cannot set role 'tx_no_such_role'/);
  });
});
