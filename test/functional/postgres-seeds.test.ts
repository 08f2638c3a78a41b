/**
 * `tx seed` with awkward CSVs on Postgres (COPY) and on DuckDB (read_csv): the same column
 * types and the same rows, on the first load, on a reload and on --full-refresh.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { postgresDialect } from '../../adapters/postgres/dialect.js';
import { query as duckQuery, removeDir, tx } from './harness.js';
import { describePg, dropSchemas, pgQuery, uniqueSchema, writePgProfile } from './pg-helpers.js';
import { duckRelationRows, pgRelationRows } from './pg-compare.js';

const SEEDS: Record<string, string> = {
  // Quotes, delimiters and line breaks inside fields, '' and 'null' as NULL, unicode, CRLF, a BOM, blank lines.
  'odd.csv': '\ufeffid,label,comment,score,happened_on,ok\r\n'
    + '1,"Smith, Ann","she said ""hi""",1.5,2024-01-02,true\r\n'
    + '2,Zoë 😀 Ωmega,,"1,234.5",2024-02-29,False\r\n'
    + '3,null,NULL,,,\r\n'
    + '\r\n'
    + '4,"","two\r\nlines",-0.25,2024-12-31,TRUE\r\n'
    + '5,  padded  ,\'single\' and \\backslash,1e3,2000-01-01,false\r\n'
    + '6,"a,b,c","",+7,2024-1-9,true\r\n',
  // Integers wider than 32 bits, timestamps, and a column_types override keeping zip codes as text.
  'wide.csv': 'big,at,zip\n3000000000,2024-01-02 03:04:05,00123\n-1,2024-01-02 23:59:59,99999\n,,null\n',
  // A different delimiter, set in dbt_project.yml.
  'semi.csv': 'a;b\n1;x,y\n2;"q;uoted"\n',
};

const PROJECT = `name: seeds_pg
version: '1.0.0'
config-version: 2
profile: seeds_pg
seeds:
  seeds_pg:
    wide:
      +column_types:
        zip: varchar(10)
    semi:
      +delimiter: ';'
      +quote_columns: false
`;

function project(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tx-seeds-pg-'));
  writeFileSync(join(dir, 'dbt_project.yml'), PROJECT);
  mkdirSync(join(dir, 'seeds'));
  for (const [name, text] of Object.entries(SEEDS)) writeFileSync(join(dir, 'seeds', name), text);
  return dir;
}

describePg('seeds with odd values on Postgres and DuckDB', () => {
  const schema = uniqueSchema('seeds');
  const duck = project();
  const pg = project();
  const duckDb = join(duck, 'target', 'seeds_pg.duckdb');

  beforeAll(() => writePgProfile(pg, 'seeds_pg', { schema }));
  afterAll(async () => {
    await dropSchemas(schema);
    removeDir(duck);
    removeDir(pg);
  });

  async function expectSameContents(): Promise<void> {
    const [d, p] = await Promise.all([duckRelationRows(duckDb), pgRelationRows(schema)]);
    expect(p.map((r) => r.key)).toEqual(['.odd', '.semi', '.wide']);
    expect(p.map((r) => r.key)).toEqual(d.map((r) => r.key));
    for (const [i, rel] of d.entries()) {
      expect(p[i]?.columns, rel.key).toEqual(rel.columns);
      expect(p[i]?.rows, rel.key).toEqual(rel.rows);
    }
  }

  it('loads the same types and rows', async () => {
    const [d, p] = await Promise.all([tx(['seed'], { cwd: duck }), tx(['seed'], { cwd: pg })]);
    expect(d.code, d.stdout).toBe(0);
    expect(p.stderr).toBe('');
    expect(p.code, p.stdout).toBe(0);
    expect(p.stdout).toMatch(/OK loaded seed file .*\.odd .*\[INSERT 6 /);
    await expectSameContents();
    for (const table of ['odd', 'wide', 'semi']) {
      const duckTypes = await duckQuery(duckDb, `select column_name, data_type from information_schema.columns where table_schema = 'main' and table_name = '${table}' order by ordinal_position`);
      const pgTypes = await pgQuery('select column_name, data_type, character_maximum_length from information_schema.columns where table_schema = $1 and table_name = $2 order by ordinal_position', [schema, table]);
      // Compared through the Postgres dialect's normalisation (DOUBLE ≡ double precision, VARCHAR ≡ text).
      const norm = (t: unknown) => postgresDialect.normalizeType(String(t)).replace(/^character varying\(\d+\)$/, 'text');
      expect(pgTypes.map((c) => [c['column_name'], norm(c['data_type'])]), table).toEqual(duckTypes.map((c) => [c['column_name'], norm(c['data_type'])]));
    }
    const odd = await pgQuery(`select id, label, comment, score, happened_on::text as day, ok from "${schema}".odd order by id`);
    expect(odd).toEqual([
      { id: 1, label: 'Smith, Ann', comment: 'she said "hi"', score: 1.5, day: '2024-01-02', ok: true },
      { id: 2, label: 'Zoë 😀 Ωmega', comment: null, score: 1234.5, day: '2024-02-29', ok: false },
      { id: 3, label: null, comment: null, score: null, day: null, ok: null },
      { id: 4, label: null, comment: 'two\r\nlines', score: -0.25, day: '2024-12-31', ok: true },
      { id: 5, label: '  padded  ', comment: "'single' and \\backslash", score: 1000, day: '2000-01-01', ok: false },
      { id: 6, label: 'a,b,c', comment: null, score: 7, day: '2024-01-09', ok: true },
    ]);
    const wide = await pgQuery(`select big::text, at::text, zip from "${schema}".wide order by big nulls last`);
    expect(wide).toEqual([
      { big: '-1', at: '2024-01-02 23:59:59', zip: '99999' },
      { big: '3000000000', at: '2024-01-02 03:04:05', zip: '00123' },
      { big: null, at: null, zip: null },
    ]);
  });

  it('reloads in place, and rebuilds on --full-refresh, keeping contents equal', async () => {
    const [d, p] = await Promise.all([tx(['seed'], { cwd: duck }), tx(['seed'], { cwd: pg })]);
    expect([d.code, p.code]).toEqual([0, 0]);
    await expectSameContents();
    const [df, pf] = await Promise.all([tx(['seed', '--full-refresh'], { cwd: duck }), tx(['seed', '--full-refresh'], { cwd: pg })]);
    expect([df.code, pf.code]).toEqual([0, 0]);
    await expectSameContents();
  });

  it('fails a malformed seed with Postgres\' message and leaves the loaded table alone', async () => {
    writeFileSync(join(pg, 'seeds', 'semi.csv'), 'a;b\n1;x;extra\n');
    const r = await tx(['seed', '--select', 'semi'], { cwd: pg });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/extra data after last expected column/);
    expect(await pgQuery(`select count(*)::int as n from "${schema}".semi`)).toEqual([{ n: 2 }]);
  });
});
