/** Seeds on Postgres: the plan (staging table + COPY load step), its execution, and the insert fallback. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../../src/adapter/types.js';
import { CsvChunkReader, readCsv } from '../../../src/materialize/csv.js';
import { planSeed } from '../../../src/materialize/seed.js';
import { inferSeedColumns } from '../../../src/materialize/seed-infer.js';
import type { SeedInput } from '../../../src/materialize/types.js';
import { executePlan } from '../../../src/run/apply-plan.js';
import { insertBatches } from '../../../src/run/csv-load.js';
import { PG, describePg, dropSchemas, uniqueSchema } from '../../functional/pg-helpers.js';
import { openTestDb, planContext } from '../materialize/helpers.js';
import { openPg, pgPlanContext, type PgTestDb } from './postgres-helpers.js';

const ODD = [
  'id,name,note,amount,day,flag,ts',
  '1,"Smith, Ann","she said ""hi""",1.5,2024-01-02,true,2024-01-02 03:04:05',
  '2,Zoë 😀,,"1,000",2024-1-3,False,2024-01-02 03:04:06',
  '3,null,NULL, ,,TRUE,',
  '4,"","multi',
  'line",-2,2024-12-31,false,2024-12-31 23:59:59',
  '',
  '5, padded ,\'single\',+3e2,2024-02-29,true,2024-02-29 00:00:00',
].join('\r\n') + '\r\n';

function input(file: string, columnTypes?: Record<string, string>): SeedInput {
  return { path: file, delimiter: ',', quoteColumns: true, columns: inferSeedColumns(file, columnTypes ? { columnTypes } : {}) };
}

describe('chunked CSV reading (insert fallback)', () => {
  it('gives the same records as the whole-text reader wherever the chunks are cut', () => {
    const text = `\ufeff${ODD}`;
    const whole: string[][] = [];
    readCsv(text, ',', (r) => whole.push(r));
    expect(whole).toHaveLength(6);
    for (let cut = 0; cut <= text.length; cut++) {
      const r = new CsvChunkReader(',');
      const rows = [...r.push(text.slice(0, cut)), ...r.push(text.slice(cut)), ...r.end()];
      expect(rows, `cut at ${cut}`).toEqual(whole);
    }
  });
});

describePg('seeds on postgres', () => {
  const schema = uniqueSchema('seed');
  const ref = { database: PG.database, schema, identifier: 'odd' };
  let db: PgTestDb;
  let dir: string;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tx-pg-seed-'));
    db = await openPg(schema);
    await db.conn.execute(`create schema "${schema}"`);
  });
  afterAll(async () => {
    await db?.close();
    await dropSchemas(schema);
    rmSync(dir, { recursive: true, force: true });
  });
  const rows = async (sql: string, conn: Connection = db.conn) => (await conn.execute(sql, { fetch: true })).rows;

  it('plans a staging table, a COPY load step and typed casts; no cell value is in the SQL', async () => {
    const file = join(dir, 'odd.csv');
    writeFileSync(file, ODD);
    const plan = planSeed(await pgPlanContext(db.conn, ref), input(file));
    expect(plan.transactional).toBe(true);
    expect(plan.statements.map((s) => s.purpose)).toEqual([
      'create a staging table for the raw text', 'copy the seed file into the staging table', 'create and load the seed table',
      'drop the staging table', 'move the new relation into place',
    ]);
    const [create, load, ctas] = plan.statements;
    expect(create?.sql).toBe('create temporary table "odd__dbt_seed" ("c0" TEXT, "c1" TEXT, "c2" TEXT, "c3" TEXT, "c4" TEXT, "c5" TEXT, "c6" TEXT)');
    expect(load?.load).toEqual({
      path: file, relation: { database: null, schema: '', identifier: 'odd__dbt_seed' }, columns: ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'], delimiter: ',',
      insertPrefix: 'insert into "odd__dbt_seed" ("c0", "c1", "c2", "c3", "c4", "c5", "c6") values ', paramStyle: 'dollar',
    });
    expect(ctas?.sql).toContain(`create table "${PG.database}"."${schema}"."odd__dbt_tmp" as (`);
    expect(ctas?.sql).toContain(`CAST(replace(trim("c3"), ',', '') AS double precision) END AS "amount"`);
    // Only what the values need: 'null' spellings and blanks get the null test, '1,000' the comma
    // dropped, 'False'/'TRUE' lower(); clean columns are a plain cast of NULLIF(…, '').
    expect(ctas?.sql).toContain(`CAST(NULLIF("c0", '') AS integer) AS "id"`);
    expect(ctas?.sql).toContain(`(lower(NULLIF("c5", '')) = 'true') AS "flag"`);
    expect(ctas?.sql).toContain(`CAST(NULLIF("c6", '') AS timestamp without time zone) AS "ts"`);
    const all = plan.statements.map((s) => s.sql).join('\n');
    for (const cell of ['Smith', 'Zoë', 'padded', '2024-12-31']) expect(all).not.toContain(cell);
  });

  it('loads odd values with the types and NULLs DuckDB gives, then truncates and reloads', async () => {
    const file = join(dir, 'odd.csv');
    writeFileSync(file, ODD);
    await executePlan(db.conn, planSeed(await pgPlanContext(db.conn, ref), input(file)));
    expect(await db.conn.getColumns(ref)).toEqual([
      { name: 'id', dataType: 'integer' }, { name: 'name', dataType: 'text' }, { name: 'note', dataType: 'text' },
      { name: 'amount', dataType: 'double precision' }, { name: 'day', dataType: 'date' }, { name: 'flag', dataType: 'boolean' },
      { name: 'ts', dataType: 'timestamp without time zone' },
    ]);
    const pgRows = await rows(`select * from "${schema}".odd order by id`);
    // The same file through DuckDB's read_csv path gives the same values.
    const duck = await openTestDb();
    try {
      const dref = { database: 'test', schema: 'main', identifier: 'odd' };
      await executePlan(duck.conn, planSeed(await planContext(duck.conn, dref), input(file)));
      expect(pgRows).toEqual(await rows('select * from odd order by id', duck.conn));
    } finally {
      await duck.cleanup();
    }
    expect(pgRows.map((r) => r.slice(0, 4))).toEqual([
      [1, 'Smith, Ann', 'she said "hi"', 1.5], [2, 'Zoë 😀', null, 1000], [3, null, null, null],
      [4, null, 'multi\r\nline', -2], [5, ' padded ', "'single'", 300],
    ]);
    // Unchanged columns: emptied and reloaded in place, in one transaction.
    writeFileSync(file, 'id,name,note,amount,day,flag,ts\n9,n,x,0.5,2020-01-01,true,2020-01-01 00:00:00\n');
    const reload = planSeed(await pgPlanContext(db.conn, ref), { ...input(file), existingColumns: await db.conn.getColumns(ref) });
    expect(reload.statements.map((s) => s.purpose)).toEqual([
      'empty the seed table', 'create a staging table for the raw text', 'copy the seed file into the staging table', 'load the seed rows', 'drop the staging table',
    ]);
    await executePlan(db.conn, reload);
    expect(await rows(`select id, note from "${schema}".odd`)).toEqual([[9, 'x']]);
  });

  it('rebuilds on changed columns and keeps the old table when the load fails', async () => {
    const file = join(dir, 'change.csv');
    const cref = { ...ref, identifier: 'change' };
    writeFileSync(file, 'a\n1\n');
    await executePlan(db.conn, planSeed(await pgPlanContext(db.conn, cref), input(file)));
    writeFileSync(file, 'a;b\n1;x\n2;y\n');
    const semi: SeedInput = { ...input(file), delimiter: ';', columns: inferSeedColumns(file, { delimiter: ';' }), existingColumns: await db.conn.getColumns(cref) };
    const plan = planSeed(await pgPlanContext(db.conn, cref), semi);
    expect(plan.statements.map((s) => s.purpose)).toContain('move the existing table aside');
    await executePlan(db.conn, plan);
    expect(await rows(`select a, b from "${schema}".change order by a`)).toEqual([[1, 'x'], [2, 'y']]);
    // A value that does not fit the column_types override fails the cast: rolled back, old rows stay.
    writeFileSync(file, 'a;b\nnot-a-number;z\n');
    const bad = planSeed(await pgPlanContext(db.conn, cref, { fullRefresh: true }), { ...semi, columns: inferSeedColumns(file, { delimiter: ';', columnTypes: { a: 'integer' } }) });
    await expect(executePlan(db.conn, bad)).rejects.toThrow(/invalid input syntax for type integer: "not-a-number"/);
    expect(await rows(`select a, b from "${schema}".change order by a`)).toEqual([[1, 'x'], [2, 'y']]);
    expect((await db.conn.listRelations({ database: null, schema })).map((r) => r.identifier)).toEqual(['change', 'odd']);
  });

  it('falls back to batched parameterised inserts when the connection has no bulk loader', async () => {
    const file = join(dir, 'odd.csv');
    writeFileSync(file, ODD);
    const noBulk: Connection = {
      execute: (sql, o) => db.conn.execute(sql, o),
      listRelations: (s) => db.conn.listRelations(s),
      listSchemas: (d) => db.conn.listSchemas(d),
      getColumns: (r) => db.conn.getColumns(r),
      describeQuery: (s) => db.conn.describeQuery(s),
      cancel: () => db.conn.cancel(),
      close: async () => undefined,
    };
    const fref = { ...ref, identifier: 'fallback' };
    await executePlan(noBulk, planSeed(await pgPlanContext(db.conn, fref), input(file)));
    await executePlan(db.conn, planSeed(await pgPlanContext(db.conn, ref, { fullRefresh: true }), input(file)));
    const viaCopy = await rows(`select * from "${schema}".odd order by id`);
    expect(viaCopy).toHaveLength(5);
    expect(await rows(`select * from "${schema}".fallback order by id`)).toEqual(viaCopy);
    // Many batches: 25,000 rows × 2 columns at 10,000 parameters per statement.
    const many = join(dir, 'many.csv');
    writeFileSync(many, `a,b\n${Array.from({ length: 25_000 }, (_, i) => `${i},"v${i}"`).join('\n')}\n`);
    await db.conn.execute(`create table "${schema}".many_raw (c0 text, c1 text)`);
    const r = await insertBatches(db.conn, {
      path: many, relation: { database: null, schema, identifier: 'many_raw' }, columns: ['c0', 'c1'], delimiter: ',',
      insertPrefix: `insert into "${schema}".many_raw (c0, c1) values `, paramStyle: 'dollar',
    });
    expect(r.rowsAffected).toBe(25_000);
    expect(await rows(`select count(*), count(distinct c1), max(c0::int) from "${schema}".many_raw`)).toEqual([[25_000, 25_000, 24_999]]);
  });

  it('uses `?` placeholders for the insert fallback on DuckDB, and rejects ragged rows', async () => {
    const file = join(dir, 'odd.csv');
    writeFileSync(file, ODD);
    const duck = await openTestDb();
    try {
      const cols = ['c0', 'c1', 'c2', 'c3', 'c4', 'c5', 'c6'];
      await duck.conn.execute(`create table raw (${cols.map((c) => `${c} varchar`).join(', ')})`);
      const step = {
        path: file, relation: { database: null, schema: 'main', identifier: 'raw' }, columns: cols, delimiter: ',',
        insertPrefix: `insert into raw (${cols.join(', ')}) values `, paramStyle: 'question' as const,
      };
      expect((await insertBatches(duck.conn, step)).rowsAffected).toBe(5);
      expect(await rows("select c1, c2 from raw where c0 in ('2', '4') order by c0", duck.conn)).toEqual([['Zoë 😀', ''], ['', 'multi\r\nline']]);
      await expect(insertBatches(duck.conn, { ...step, columns: ['c0', 'c1'] })).rejects.toThrow(/record 2 has 7 fields, the header has 2/);
    } finally {
      await duck.cleanup();
    }
  });
});
