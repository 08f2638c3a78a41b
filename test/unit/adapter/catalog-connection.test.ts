/** Connection.catalog on the real warehouses: one query per schema, columns in order, types and row counts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { duckdbAdapter } from '../../../adapters/duckdb/index.js';
import type { Connection, ConnectionPool } from '../../../src/adapter/types.js';
import { describePg, dropSchemas, uniqueSchema } from '../../functional/pg-helpers.js';
import { openPg, type PgTestDb } from './postgres-helpers.js';

describe('duckdb catalog', () => {
  let pool: ConnectionPool;
  let conn: Connection;
  beforeAll(async () => {
    pool = await duckdbAdapter.connect(duckdbAdapter.resolveCredentials({ type: 'duckdb', path: ':memory:', schema: 'main' }), { projectDir: process.cwd(), threads: 1 });
    conn = await pool.acquire();
    await conn.execute(`create schema s; create table s.t (id integer, name varchar); insert into s.t values (1, 'a'), (2, 'b'), (3, 'c');
      create view s.v as select id from s.t; comment on table s.t is 'the t'; comment on column s.t.id is 'the id'; create table main.other (x int)`);
  });
  afterAll(async () => {
    pool.release(conn);
    await pool.close();
  });

  it('describes every relation of one schema with columns, comments and row counts', async () => {
    const rels = await conn.catalog({ database: null, schema: 'S' });
    expect(rels).toEqual([
      { database: 'memory', schema: 's', identifier: 't', tableType: 'BASE TABLE', comment: 'the t', owner: null, rowCount: 3, bytes: null,
        columns: [{ name: 'id', index: 1, dataType: 'INTEGER', comment: 'the id' }, { name: 'name', index: 2, dataType: 'VARCHAR', comment: null }] },
      { database: 'memory', schema: 's', identifier: 'v', tableType: 'VIEW', comment: null, owner: null, rowCount: null, bytes: null,
        columns: [{ name: 'id', index: 1, dataType: 'INTEGER', comment: null }] },
    ]);
    expect(await conn.catalog({ database: 'memory', schema: 'missing' })).toEqual([]);
  });
});

describePg('postgres catalog', () => {
  const schema = uniqueSchema('catalog');
  let db: PgTestDb;
  beforeAll(async () => {
    db = await openPg(schema);
    await db.conn.execute(`create schema "${schema}"; create table "${schema}".t (id integer, amount numeric(10,2), dropped text);
      alter table "${schema}".t drop column dropped; insert into "${schema}".t select g, g from generate_series(1, 50) g; analyze "${schema}".t;
      create view "${schema}".v as select id from "${schema}".t; comment on table "${schema}".t is 'the t'; comment on column "${schema}".t.amount is 'money'`);
  });
  afterAll(async () => {
    await db?.close();
    await dropSchemas(schema);
  });

  it('describes every relation of one schema with columns, owner and statistics', async () => {
    const rels = await db.conn.catalog({ database: null, schema });
    expect(rels.map((r) => [r.identifier, r.tableType, r.comment])).toEqual([['t', 'BASE TABLE', 'the t'], ['v', 'VIEW', null]]);
    const t = rels[0]!;
    expect(t.columns).toEqual([
      { name: 'id', index: 1, dataType: 'integer', comment: null },
      { name: 'amount', index: 2, dataType: 'numeric(10,2)', comment: 'money' },
    ]);
    expect(t.rowCount).toBe(50);
    expect(t.bytes).toBeGreaterThan(0);
    expect(t.owner).toEqual(expect.any(String));
    expect(rels[1]!.rowCount).toBeNull();
  });
});
