import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { duckdbDialect } from '../../../adapters/duckdb/dialect.js';
import { readCsv } from '../../../src/materialize/csv.js';
import { executePlan } from '../../../src/run/apply-plan.js';
import { planSeed } from '../../../src/materialize/seed.js';
import { inferSeedColumns, inferSeedColumnsFromText } from '../../../src/materialize/seed-infer.js';
import type { SeedInput } from '../../../src/materialize/types.js';
import { openTestDb, planContext, type TestDb } from './helpers.js';

const types = (csv: string, columnTypes?: Record<string, string>): string[] =>
  inferSeedColumnsFromText(csv, columnTypes ? { columnTypes } : {}).map((c) => `${c.name}:${c.type}`);

describe('seed type inference (agate rules)', () => {
  it('infers dbt-duckdb types', () => {
    const csv = [
      'i,f,d,ts,iso,b,t,n,mixed_dt,big',
      '1,1.5,2020-01-05,2020-01-05 10:00:00,2020-01-05T10:00:00Z,true,abc,,2020-01-05,3000000000',
      '-2,2,2020-1-6,2020-01-06 11:00:00,2020-01-06T11:00:00,FALSE,1,null,2020-01-05 10:00:00,1',
      'null,,,,,,,,,',
    ].join('\n');
    expect(types(csv)).toEqual([
      'i:INTEGER', 'f:DOUBLE', 'd:DATE', 'ts:TIMESTAMP', 'iso:TIMESTAMP', 'b:BOOLEAN', 't:VARCHAR', 'n:INTEGER', 'mixed_dt:VARCHAR', 'big:BIGINT',
    ]);
  });
  it('honours column_types case-insensitively', () => {
    expect(types('Id,name\n1,a\n', { id: 'varchar' })).toEqual(['Id:varchar', 'name:VARCHAR']);
  });
  it('parses quoted CSV fields', () => {
    const rows: string[][] = [];
    readCsv('\ufeffa,b\r\n"x, ""y""",2\r\n\r\n"multi\nline",\n', ',', (r) => rows.push(r));
    expect(rows).toEqual([['a', 'b'], ['x, "y"', '2'], ['multi\nline', '']]);
  });
});

describe('seed plans on DuckDB', () => {
  let db: TestDb;
  beforeEach(async () => {
    db = await openTestDb();
  });
  afterEach(async () => {
    await db.cleanup();
  });
  const rows = async (sql: string): Promise<unknown[][]> => (await db.conn.execute(sql, { fetch: true })).rows;
  const ref = { database: 'test', schema: 'main', identifier: 'people' };

  async function seedInput(file: string, columnTypes?: Record<string, string>, delimiter = ','): Promise<SeedInput> {
    return {
      path: file,
      delimiter,
      quoteColumns: true,
      columns: inferSeedColumns(file, columnTypes ? { delimiter, columnTypes } : { delimiter }),
      existingColumns: (await db.conn.listRelations({ database: 'test', schema: 'main' })).some((r) => r.identifier === ref.identifier)
        ? await db.conn.getColumns(ref)
        : undefined,
    } as SeedInput;
  }

  it('loads a seed with inferred types and a column_types override, then reloads it', async () => {
    const file = join(db.dir, 'people.csv');
    writeFileSync(file, 'id,name,score,born,active,zip\n1,"Smith, Ann",1.5,2001-02-03,true,00123\n2,Bob,,1999-12-31,False,null\n');
    const input = await seedInput(file, { zip: 'varchar' });
    const plan = planSeed(await planContext(db.conn, ref), input);
    await executePlan(db.conn, plan);
    expect(await db.conn.getColumns(ref)).toEqual([
      { name: 'id', dataType: 'INTEGER' },
      { name: 'name', dataType: 'VARCHAR' },
      { name: 'score', dataType: 'DOUBLE' },
      { name: 'born', dataType: 'DATE' },
      { name: 'active', dataType: 'BOOLEAN' },
      { name: 'zip', dataType: 'VARCHAR' },
    ]);
    expect(await rows('select id, name, score, active, zip from people order by id')).toEqual([
      [1, 'Smith, Ann', 1.5, true, '00123'],
      [2, 'Bob', null, false, null],
    ]);
    // Second load with unchanged columns: empty and reload in place.
    writeFileSync(file, 'id,name,score,born,active,zip\n3,Cy,2.5,2000-01-01,true,9\n');
    const reload = planSeed(await planContext(db.conn, ref), await seedInput(file, { zip: 'varchar' }));
    expect(reload.statements.map((s) => s.purpose)).toEqual(['empty the seed table', 'load the seed rows']);
    await executePlan(db.conn, reload);
    expect(await rows('select id, zip from people')).toEqual([[3, '9']]);
  });

  it('loads the same values with the load SQL cut to what the values need as with the full one', async () => {
    const file = join(db.dir, 'shapes.csv');
    const cases = [
      'i,f,d,b,t\n1,1.5,2024-01-02,true,a\n2,2,2024-01-03,false,b\n,,,,\n',
      'i,f,d,b,t\n"1,000", 1.5 ,2024-1-2 ,TRUE, x \nnull,NULL, , False,null\n3,"2,5",2024-01-03,"fa,lse",\n',
      'i,f,b\n 7 ,1e3,"t,rue"\n-8,"1,234.5",FALSE\n',
    ];
    for (const [n, csv] of cases.entries()) {
      writeFileSync(file, csv);
      const lean = await seedInput(file);
      const full = { ...lean, columns: lean.columns.map(({ shape: _shape, ...c }) => c) };
      const target = (name: string) => ({ ...ref, identifier: name });
      await executePlan(db.conn, planSeed(await planContext(db.conn, target(`lean${n}`)), lean));
      await executePlan(db.conn, planSeed(await planContext(db.conn, target(`full${n}`)), full));
      expect(await rows(`select * from lean${n} order by all`), csv).toEqual(await rows(`select * from full${n} order by all`));
      expect(await db.conn.getColumns(target(`lean${n}`))).toEqual(await db.conn.getColumns(target(`full${n}`)));
    }
  });

  it('rebuilds on a column change and on --full-refresh', async () => {
    const file = join(db.dir, 'people.csv');
    writeFileSync(file, 'id\n1\n');
    await executePlan(db.conn, planSeed(await planContext(db.conn, ref), await seedInput(file)));
    writeFileSync(file, 'id;label\n1;a\n2;b\n');
    const plan = planSeed(await planContext(db.conn, ref), await seedInput(file, undefined, ';'));
    expect(plan.statements.some((s) => s.purpose === 'create and load the seed table')).toBe(true);
    await executePlan(db.conn, plan);
    expect(await rows('select id, label from people order by id')).toEqual([[1, 'a'], [2, 'b']]);
    const full = planSeed(await planContext(db.conn, ref, { fullRefresh: true }), await seedInput(file, undefined, ';'));
    expect(full.statements.some((s) => s.purpose === 'move the existing table aside')).toBe(true);
    await executePlan(db.conn, full);
    expect(await rows('select count(*) from people')).toEqual([[2]]);
  });

  it('loads a 100k-row CSV quickly', async () => {
    const file = join(db.dir, 'big.csv');
    const lines = ['id,amount,day,flag,label'];
    for (let i = 0; i < 100_000; i++) lines.push(`${i},${(i / 7).toFixed(2)},2024-01-${String((i % 28) + 1).padStart(2, '0')},${i % 2 === 0},row ${i}`);
    writeFileSync(file, lines.join('\n') + '\n');
    const t0 = Date.now();
    const input = await seedInput(file);
    expect(input.columns.map((c) => c.type)).toEqual(['INTEGER', 'DOUBLE', 'DATE', 'BOOLEAN', 'VARCHAR']);
    await executePlan(db.conn, planSeed(await planContext(db.conn, { ...ref, identifier: 'big' }), input));
    expect(Date.now() - t0).toBeLessThan(10_000);
    expect(await rows('select count(*), sum(id), count(distinct day), sum(flag::int) from big')).toEqual([[100000, 4999950000, 28, 50000]]);
  });

  it('plans read_csv with the seed path, delimiter and all-VARCHAR columns (pure)', async () => {
    const input: SeedInput = { path: "/tmp/it's.csv", delimiter: '|', quoteColumns: false, columns: [{ name: 'a', type: 'INTEGER', parse: 'integer' }] };
    const plan = planSeed(await planContext(db.conn, ref), input);
    const sql = plan.statements.map((s) => s.sql).join('\n');
    expect(sql).toContain("read_csv('/tmp/it''s.csv', header = true, auto_detect = false, delim = '|'");
    expect(sql).toContain("columns = {'c0': 'VARCHAR'}");
    expect(sql).toContain('AS a\n');
    expect(duckdbDialect.name).toBe('duckdb');
  });
});
