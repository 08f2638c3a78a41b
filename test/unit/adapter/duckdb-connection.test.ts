import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { duckdbAdapter } from '../../../adapters/duckdb/index.js';
import { redactCredentials } from '../../../src/adapter/redact.js';
import { TxCodes, TxError } from '../../../src/errors/tx-error.js';
import { openTestDb, type TestDb } from '../materialize/helpers.js';

describe('duckdb credentials', () => {
  it('applies dbt-duckdb defaults', () => {
    const c = duckdbAdapter.resolveCredentials({ type: 'duckdb' });
    expect(c).toMatchObject({ type: 'duckdb', path: ':memory:', database: 'memory', schema: 'main', threads: 1 });
    const f = duckdbAdapter.resolveCredentials({ type: 'duckdb', path: 'data/dev.duckdb', threads: 4, external_root: 'x' });
    expect(f).toMatchObject({ database: 'dev', threads: 4 });
  });
  it('rejects bad keys with ProfileInvalid', () => {
    expect(() => duckdbAdapter.resolveCredentials({ type: 'duckdb', threads: 0 })).toThrow(TxError);
    expect(() => duckdbAdapter.resolveCredentials({ type: 'duckdb', path: 'a.duckdb', database: 'b' })).toThrow(/database/);
    expect(() => duckdbAdapter.resolveCredentials({ type: 'duckdb', extensions: 'httpfs' })).toThrow(/extensions/);
  });
  it('redacts secret-looking settings', () => {
    const c = duckdbAdapter.resolveCredentials({ type: 'duckdb', settings: { s3_secret_access_key: 'abc', s3_region: 'eu' } });
    const r = redactCredentials(c, duckdbAdapter.secretKeys);
    expect(r['settings']).toEqual({ s3_secret_access_key: '***', s3_region: 'eu' });
  });
});

describe('duckdb connection', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(async () => {
    await db.cleanup();
  });

  it('executes multi-statement SQL and reports rows', async () => {
    const r = await db.conn.execute('create table t as select * from range(5) r(i); insert into t values (9);');
    expect(r.rowsAffected).toBe(1);
    const ctas = await db.conn.execute('create table u as select * from range(7) r(i)');
    expect(ctas.rowsAffected).toBe(7);
    const q = await db.conn.execute('select i, i::varchar as s from t order by i limit 2', { fetch: true });
    expect(q.columns).toEqual(['i', 's']);
    expect(q.rows).toEqual([[0, '0'], [1, '1']]);
  });

  it('wraps database errors in TxError(DatabaseError) with a readable message', async () => {
    const e = await db.conn.execute('select * from missing_table').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(TxError);
    expect((e as TxError).code).toBe(TxCodes.DatabaseError);
    expect((e as TxError).message).toMatch(/^Catalog Error: Table with name missing_table does not exist/);
    expect((e as TxError).message).not.toMatch(/pg_/);
  });

  it('lists relations, schemas and columns; describes queries without running them', async () => {
    await db.conn.execute('create schema s1; create table s1.a (x integer, y varchar); create view s1.v as select x from s1.a;');
    const rels = await db.conn.listRelations({ database: 'test', schema: 'S1' });
    expect(rels).toEqual([
      { database: 'test', schema: 's1', identifier: 'a', type: 'table' },
      { database: 'test', schema: 's1', identifier: 'v', type: 'view' },
    ]);
    expect(await db.conn.listSchemas(null)).toEqual(expect.arrayContaining(['main', 's1']));
    expect(await db.conn.getColumns({ database: 'test', schema: 's1', identifier: 'a' })).toEqual([
      { name: 'x', dataType: 'INTEGER' },
      { name: 'y', dataType: 'VARCHAR' },
    ]);
    const cols = await db.conn.describeQuery('with q as (select 1::bigint as n, current_date as d) select * from q;');
    expect(cols).toEqual([{ name: 'n', dataType: 'BIGINT' }, { name: 'd', dataType: 'DATE' }]);
    // Describing a query that would take forever returns at once.
    const t0 = Date.now();
    await db.conn.describeQuery('select count(*) as c from range(10000000000)');
    expect(Date.now() - t0).toBeLessThan(2000);
  });

  it('cancels a long query through an AbortSignal', async () => {
    const ac = new AbortController();
    const t0 = Date.now();
    setTimeout(() => ac.abort(), 200);
    const e = await db.conn.execute('select count(*) from range(10000000000)', { signal: ac.signal }).catch((x: unknown) => x);
    expect((e as TxError).code).toBe(TxCodes.Cancelled);
    expect(Date.now() - t0).toBeLessThan(2500);
    // The connection stays usable.
    const r = await db.conn.execute('select 1 as one', { fetch: true });
    expect(r.rows).toEqual([[1]]);
  });

  it('cancelAll interrupts running queries on the pool', async () => {
    const p = db.conn.execute('select count(*) from range(10000000000)').catch((x: unknown) => x);
    setTimeout(() => void db.pool.cancelAll(), 200);
    expect(((await p) as TxError).code).toBe(TxCodes.Cancelled);
  });

  it('rejects an already-aborted signal without running', async () => {
    const ac = new AbortController();
    ac.abort();
    const e = await db.conn.execute('create table never as select 1').catch((x: unknown) => x);
    void e;
    const e2 = await db.conn.execute('select 1', { signal: ac.signal }).catch((x: unknown) => x);
    expect((e2 as TxError).code).toBe(TxCodes.Cancelled);
  });
});

describe('duckdb pool', () => {
  it('hands out up to `threads` concurrent connections and releases the file on close', async () => {
    const db = await openTestDb('pooled', 2);
    const second = await db.pool.acquire();
    expect(second).not.toBe(db.conn);
    let third: unknown;
    const waiting = db.pool.acquire().then((c) => (third = c));
    await new Promise((r) => setTimeout(r, 20));
    expect(third).toBeUndefined();
    db.pool.release(second);
    await waiting;
    expect(third).toBe(second);
    // Two connections run queries at the same time.
    await Promise.all([db.conn.execute('create table a as select 1 x'), second.execute('create table b as select 2 x')]);
    db.pool.release(second);
    const file = join(db.dir, 'pooled.duckdb');
    expect(existsSync(file)).toBe(true);
    await db.pool.close();
    // A fresh instance can open the same file once the pool is closed.
    const creds = duckdbAdapter.resolveCredentials({ type: 'duckdb', path: file });
    const again = await duckdbAdapter.connect(creds, { projectDir: db.dir, threads: 1 });
    const c = await again.acquire();
    expect((await c.execute('select x from a', { fetch: true })).rows).toEqual([[1]]);
    await again.close();
    await db.cleanup();
  });

  it('refuses to download a missing extension and loads an installed one', async () => {
    const bad = duckdbAdapter.resolveCredentials({ type: 'duckdb', extensions: ['no_such_extension_x'] });
    const e = await duckdbAdapter.connect(bad, { projectDir: '/tmp', threads: 1 }).catch((x: unknown) => x);
    expect((e as TxError).code).toBe(TxCodes.ConnectionFailed);
    expect((e as TxError).message).toMatch(/never downloads/);
    const ok = duckdbAdapter.resolveCredentials({ type: 'duckdb', extensions: ['json'], settings: { memory_limit: '1GB' } });
    const pool = await duckdbAdapter.connect(ok, { projectDir: '/tmp', threads: 1 });
    const c = await pool.acquire();
    const r = await c.execute("select current_setting('memory_limit')", { fetch: true });
    expect(String(r.rows[0]?.[0])).toMatch(/953/);
    await pool.close();
  });
});
