/**
 * The basic fixture and the example project built through the real CLI on Postgres, compared
 * relation by relation, row by row, with the same build on DuckDB.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, copyFixture, removeDir, tx, type CliResult } from './harness.js';
import { describePg, dropSchemas, pgQuery, uniqueSchema, writePgProfile } from './pg-helpers.js';
import { duckRelationRows, pgRelationRows, retargetSources } from './pg-compare.js';

/** Copies a project to two temp dirs: one builds on embedded DuckDB, one on Postgres in `schema`. */
function twoCopies(copy: () => string, profile: string, schema: string): { duck: string; pg: string } {
  const duck = copy();
  const pg = copy();
  retargetSources(pg, schema);
  writePgProfile(pg, profile, { schema });
  return { duck, pg };
}

function copyExample(): string {
  const dir = mkdtempSync(join(tmpdir(), 'tx-example-'));
  cpSync(join(REPO, 'example_project'), dir, { recursive: true, filter: (src) => !/[\\/](target|logs)([\\/]|$)/.test(src) });
  makePortable(dir);
  return dir;
}

/**
 * example_project still holds two DuckDB-only spellings: `cast(x as double)` in safe_divide
 * and `unnest(generate_series(…, interval 1 day))` for the date spine. Both have forms that
 * DuckDB and Postgres read alike (`double precision`; a lateral generate_series with
 * `interval '1 day'`). This rewrites the copies (both engines get the same SQL) until the
 * project itself uses them; once it does, nothing here matches and nothing changes.
 */
function makePortable(dir: string): void {
  const edit = (rel: string, from: string | RegExp, to: string): void => {
    const path = join(dir, rel);
    if (!existsSync(path)) return;
    const text = readFileSync(path, 'utf8');
    writeFileSync(path, text.replace(from, to));
  };
  edit('macros/math.sql', /as double\)/g, 'as double precision)');
  edit('models/gold/user_rolling_features.sql',
    /select user_id, cast\(spine_day as date\) as feature_date\s+from \(\s+select\s+user_id,\s+unnest\(generate_series\(cast\(first_date as timestamp\), cast\(last_date as timestamp\), interval 1 day\)\) as spine_day\s+from bounds\s+\) as days/,
    `select bounds.user_id, cast(days.spine_day as date) as feature_date
    from bounds
    cross join lateral generate_series(
        cast(bounds.first_date as timestamp), cast(bounds.last_date as timestamp), interval '1 day'
    ) as days(spine_day)`);
}

describePg('basic project on Postgres', () => {
  const schema = uniqueSchema('basic');
  let dirs: { duck: string; pg: string };
  let duckBuild: CliResult;
  let pgBuild: CliResult;

  beforeAll(async () => {
    dirs = twoCopies(() => copyFixture('basic'), 'basic', schema);
    [duckBuild, pgBuild] = await Promise.all([tx(['build'], { cwd: dirs.duck }), tx(['build'], { cwd: dirs.pg })]);
  });
  afterAll(async () => {
    await dropSchemas(schema);
    removeDir(dirs.duck);
    removeDir(dirs.pg);
  });

  it('builds every seed, model and test', () => {
    expect(duckBuild.code).toBe(0);
    expect(pgBuild.stderr).toBe('');
    expect(pgBuild.code).toBe(0);
    expect(pgBuild.stdout).toContain("Concurrency: 4 threads (target='pg')");
    expect(pgBuild.stdout).toMatch(new RegExp(`OK loaded seed file ${schema}_raw\\.customers .*\\[INSERT 4 `));
    expect(pgBuild.stdout).toMatch(new RegExp(`OK created sql table model ${schema}_marts\\.customer_orders`));
    expect(pgBuild.stdout).toMatch(/Done\. PASS=(\d+) WARN=0 ERROR=0 SKIP=0/);
  });

  it('leaves the same relations with the same rows as the DuckDB build', async () => {
    const [duck, pg] = await Promise.all([duckRelationRows(join(dirs.duck, 'target', 'basic.duckdb')), pgRelationRows(schema)]);
    expect(pg.map((r) => `${r.key}:${r.type}`)).toEqual(duck.map((r) => `${r.key}:${r.type}`));
    expect(pg.length).toBeGreaterThanOrEqual(6);
    for (const [i, d] of duck.entries()) {
      expect(d.rows.length, d.key).toBeGreaterThan(0);
      expect(pg[i]?.columns, d.key).toEqual(d.columns);
      expect(pg[i]?.rows, d.key).toEqual(d.rows);
    }
  });

  it('keeps the previous table when a rebuild fails, with no leftovers', async () => {
    const res = await tx(['run', '--select', 'fragile', '--vars', '{break_fragile: true}'], { cwd: dirs.pg });
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(new RegExp(`ERROR creating sql table model ${schema}\\.fragile`));
    expect(res.stdout).toContain('column "no_such_column" does not exist');
    expect(await pgQuery(`select answer from "${schema}".fragile`)).toEqual([{ answer: 42 }]);
    const leftovers = await pgQuery(
      "select relname from pg_class c join pg_namespace n on n.oid = c.relnamespace where left(n.nspname, length($1)) = $1 and relname like '%\\_\\_dbt\\_%'",
      [schema],
    );
    expect(leftovers).toEqual([]);
  });

  it('rebuilds in place on a second build (tables swapped, seeds truncated and reloaded)', async () => {
    const again = await tx(['build'], { cwd: dirs.pg });
    expect(again.code).toBe(0);
    const run = readFileSync(join(dirs.pg, 'target/run/basic/seeds/orders.csv'), 'utf8');
    expect(run).toContain(`truncate table "test"."${schema}_raw"."orders"`);
    expect(run).toContain('-- copy the seed file into the staging table');
    const [duck, pg] = await Promise.all([duckRelationRows(join(dirs.duck, 'target', 'basic.duckdb')), pgRelationRows(schema)]);
    expect(pg.map((r) => r.rows)).toEqual(duck.map((r) => r.rows));
  });
});

describePg('example project on Postgres', () => {
  const schema = uniqueSchema('example');
  let dirs: { duck: string; pg: string };
  let duckBuild: CliResult;
  let pgBuild: CliResult;

  beforeAll(async () => {
    dirs = twoCopies(copyExample, 'tx_example', schema);
    [duckBuild, pgBuild] = await Promise.all([tx(['build'], { cwd: dirs.duck }), tx(['build'], { cwd: dirs.pg })]);
  });
  afterAll(async () => {
    await dropSchemas(schema);
    removeDir(dirs.duck);
    removeDir(dirs.pg);
  });

  it('builds seeds, models and data tests', () => {
    expect(duckBuild.code, duckBuild.stdout).toBe(0);
    expect(pgBuild.stderr).toBe('');
    expect(pgBuild.code, pgBuild.stdout).toBe(0);
    expect(pgBuild.stdout).toMatch(/Done\. PASS=\d+ WARN=0 ERROR=0 SKIP=0/);
  });

  it('leaves the same relations with the same rows as the DuckDB build', async () => {
    // built_at and the snapshot's meta columns come from the build's clock.
    const ignore = ['built_at', 'dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to'];
    const [duck, pg] = await Promise.all([duckRelationRows(join(dirs.duck, 'target', 'tx_example.duckdb'), ignore), pgRelationRows(schema, ignore)]);
    expect(pg.map((r) => `${r.key}:${r.type}`)).toEqual(duck.map((r) => `${r.key}:${r.type}`));
    expect(duck.map((r) => r.key)).toEqual([
      '.raw_labels', '.raw_user_events', '.stg_labels', '_gold.training_set', '_gold.user_daily_spend', '_gold.user_rolling_features',
      '_silver.user_activity', '_silver.user_features', '_snapshots.labels_snapshot',
    ]);
    for (const [i, d] of duck.entries()) {
      expect(d.rows.length, d.key).toBeGreaterThan(0);
      expect(pg[i]?.columns, d.key).toEqual(d.columns);
      expect(pg[i]?.rows.length, d.key).toBe(d.rows.length);
      expect(pg[i]?.rows, d.key).toEqual(d.rows);
    }
  });
});
