/**
 * Incremental models on real DuckDB, in phases: create the sources, run, change the sources, run
 * again, and assert the exact rows of every strategy and on_schema_change mode.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, readJson, removeDir, tx, type CliResult } from './harness.js';
import { columns, exec, rows } from './incremental-db.js';
import { INCREMENTAL_BREAK, INCREMENTAL_CHANGE, INCREMENTAL_SETUP } from './fixture-scripts.js';

describe('incremental models on DuckDB', () => {
  let dir: string;
  let db: string;
  let first: CliResult;
  let second: CliResult;
  const exclude = ['--exclude', 'tag:bad'];

  beforeAll(async () => {
    dir = copyFixture('incremental');
    db = join(dir, 'target', 'incremental.duckdb');
    await exec(db, ...INCREMENTAL_SETUP);
    first = await tx(['run', ...exclude], { cwd: dir });
    await exec(db, ...INCREMENTAL_CHANGE);
    second = await tx(['run', ...exclude], { cwd: dir });
  }, 60_000);
  afterAll(() => removeDir(dir));

  it('creates every model on the first run', () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/OK created sql incremental model main\.merge /);
    expect(first.stdout).toMatch(/Done\. PASS=12 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=12/);
  });

  it('append and the default without unique_key only add rows', async () => {
    expect(await rows(db, 'main.append', 'id, updated_at')).toEqual([
      { id: 1, status: 'new', amount: 10, updated_at: '2024-01-05 00:00:00' },
      { id: 1, status: 'paid', amount: 11, updated_at: '2024-02-01 00:00:00' },
      { id: 2, status: 'new', amount: 20, updated_at: '2024-01-06 00:00:00' },
      { id: 3, status: 'old', amount: 30, updated_at: '2023-12-31 00:00:00' },
      { id: 4, status: 'new', amount: 40, updated_at: '2024-02-02 00:00:00' },
    ]);
    expect(await rows(db, 'main.default_append', 'id, updated_at')).toEqual([
      { id: 1, status: 'new', updated_at: '2024-01-05 00:00:00' },
      { id: 1, status: 'paid', updated_at: '2024-02-01 00:00:00' },
      { id: 2, status: 'new', updated_at: '2024-01-06 00:00:00' },
      { id: 3, status: 'old', updated_at: '2023-12-31 00:00:00' },
      { id: 4, status: 'new', updated_at: '2024-02-02 00:00:00' },
    ]);
  });

  it('the default with a unique_key replaces rows by key (delete+insert, as dbt-duckdb)', async () => {
    expect(await rows(db, 'main.default_key', 'id')).toEqual([
      { id: 1, status: 'paid', amount: 11, updated_at: '2024-02-01 00:00:00' },
      { id: 2, status: 'new', amount: 20, updated_at: '2024-01-06 00:00:00' },
      { id: 3, status: 'old', amount: 30, updated_at: '2023-12-31 00:00:00' },
      { id: 4, status: 'new', amount: 40, updated_at: '2024-02-02 00:00:00' },
    ]);
    const run = readFileSync(join(dir, 'target/run/incremental/models/default_key.sql'), 'utf8');
    expect(run).toContain('delete from "incremental"."main"."default_key"');
    expect(run).toContain('create temporary table "default_key__dbt_tmp"');
  });

  it('merge updates matched rows except merge_exclude_columns and inserts new ones', async () => {
    expect(await rows(db, 'main.merge', 'id')).toEqual([
      { id: 1, status: 'paid', amount: 11, note: 'n1', updated_at: '2024-02-01 00:00:00' },
      { id: 2, status: 'new', amount: 20, note: 'n2', updated_at: '2024-01-06 00:00:00' },
      { id: 3, status: 'old', amount: 30, note: 'n3', updated_at: '2023-12-31 00:00:00' },
      { id: 4, status: 'new', amount: 40, note: 'n4', updated_at: '2024-02-02 00:00:00' },
    ]);
    expect(readFileSync(join(dir, 'target/run/incremental/models/merge.sql'), 'utf8')).toMatch(/merge into "incremental"\."main"\."merge" as DBT_INTERNAL_DEST/);
  });

  it('merge on a composite key updates only merge_update_columns', async () => {
    expect(await rows(db, 'main.merge_composite', 'id')).toEqual([
      { id: 1, region: 'eu', status: 'paid', amount: 10, updated_at: '2024-01-05 00:00:00' },
      { id: 2, region: 'us', status: 'new', amount: 20, updated_at: '2024-01-06 00:00:00' },
      { id: 3, region: 'eu', status: 'old', amount: 30, updated_at: '2023-12-31 00:00:00' },
      { id: 4, region: 'eu', status: 'new', amount: 40, updated_at: '2024-02-02 00:00:00' },
    ]);
  });

  it('delete+insert deletes only rows matching both the key and incremental_predicates', async () => {
    expect(await rows(db, 'main.delete_insert', 'id, updated_at')).toEqual([
      { id: 1, status: 'paid', amount: 11, updated_at: '2024-02-01 00:00:00' },
      { id: 2, status: 'new', amount: 20, updated_at: '2024-01-06 00:00:00' },
      { id: 3, status: 'old', amount: 30, updated_at: '2023-12-31 00:00:00' },
      { id: 3, status: 'old', amount: 30, updated_at: '2023-12-31 00:00:00' },
      { id: 4, status: 'new', amount: 40, updated_at: '2024-02-02 00:00:00' },
    ]);
  });

  it('on_schema_change ignore keeps the table\'s columns', async () => {
    expect(await columns(db, 'main', 'osc_ignore')).toEqual(['id INTEGER', 'a INTEGER']);
    expect(await rows(db, 'main.osc_ignore', 'id')).toEqual([{ id: 1, a: 10 }, { id: 2, a: 20 }, { id: 3, a: 30 }]);
  });

  it('on_schema_change append_new_columns adds new columns and keeps removed ones', async () => {
    expect(await columns(db, 'main', 'osc_append')).toEqual(['id INTEGER', 'a INTEGER', 'b VARCHAR', 'c VARCHAR']);
    expect(await rows(db, 'main.osc_append', 'id')).toEqual([
      { id: 1, a: 10, b: 'b1', c: null },
      { id: 2, a: 20, b: 'b2', c: null },
      { id: 3, a: 30, b: null, c: 'c3' },
    ]);
    expect(second.stdout).toContain('Schema change approach: append_new_columns');
    expect(second.stdout).toContain('alter table "incremental"."main"."osc_append" add column "c" VARCHAR;');
  });

  it('on_schema_change sync_all_columns adds, drops and retypes columns', async () => {
    expect(await columns(db, 'main', 'osc_sync')).toEqual(['id INTEGER', 'a VARCHAR', 'c VARCHAR']);
    expect(await rows(db, 'main.osc_sync', 'id')).toEqual([
      { id: 1, a: '10', c: null },
      { id: 2, a: '20', c: null },
      { id: 3, a: '30', c: 'c3' },
    ]);
    const run = readFileSync(join(dir, 'target/run/incremental/models/osc_sync.sql'), 'utf8');
    expect(run).toContain('alter table "incremental"."main"."osc_sync" drop column "b";');
    expect(run).toContain('alter table "incremental"."main"."osc_sync" alter column "a" set data type VARCHAR;');
  });

  it('on_schema_change fail errors and leaves the table as it was', async () => {
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/ERROR creating sql incremental model main\.osc_fail/);
    expect(second.stdout).toContain('The source and target schemas on this incremental model are out of sync!');
    expect(second.stdout).toContain('Source columns not in target: [c]');
    expect(second.stdout).toContain('Target columns not in source: [b]');
    expect(await columns(db, 'main', 'osc_fail')).toEqual(['id INTEGER', 'a INTEGER', 'b VARCHAR']);
    expect(await rows(db, 'main.osc_fail', 'id')).toEqual([{ id: 1, a: 10, b: 'b1' }, { id: 2, a: 20, b: 'b2' }]);
    expect(second.stdout).toMatch(/Done\. PASS=11 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=12/);
  });

  it('compiles the full variant to target/compiled and runs the incremental one', () => {
    const compiled = readFileSync(join(dir, 'target/compiled/incremental/models/append.sql'), 'utf8');
    expect(compiled).not.toContain('where updated_at >');
    const run = readFileSync(join(dir, 'target/run/incremental/models/append.sql'), 'utf8');
    expect(run).toContain('where updated_at > (select max(updated_at) from "incremental"."main"."append")');
    expect(run).toContain('insert into "incremental"."main"."append" ("id", "status", "amount", "updated_at")');
  });

  it('running again on unchanged sources changes nothing (but the re-selecting delete+insert)', async () => {
    const tables = ['append', 'default_append', 'default_key', 'merge', 'merge_composite', 'osc_ignore', 'osc_append', 'osc_sync', 'full_refresh_false'];
    const before = await Promise.all(tables.map((t) => rows(db, `main.${t}`, 'all')));
    const again = await tx(['run', ...exclude, '--exclude', 'osc_fail'], { cwd: dir });
    expect(again.code).toBe(0);
    const after = await Promise.all(tables.map((t) => rows(db, `main.${t}`, 'all')));
    expect(after).toEqual(before);
  });

  it('--full-refresh rebuilds, except models configured full_refresh: false', async () => {
    const before = await rows(db, 'main.full_refresh_false', 'all');
    expect(before).toHaveLength(5); // the first run's 3 rows, then id 1's update and id 4
    const r = await tx(['run', '--full-refresh', '-s', 'append', 'full_refresh_false', 'osc_fail'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(await rows(db, 'main.append', 'id')).toEqual([
      { id: 1, status: 'paid', amount: 11, updated_at: '2024-02-01 00:00:00' },
      { id: 2, status: 'new', amount: 20, updated_at: '2024-01-06 00:00:00' },
      { id: 3, status: 'old', amount: 30, updated_at: '2023-12-31 00:00:00' },
      { id: 4, status: 'new', amount: 40, updated_at: '2024-02-02 00:00:00' },
    ]);
    expect(await rows(db, 'main.full_refresh_false', 'all')).toEqual(before);
    // A full refresh also resolves the schema change osc_fail refused.
    expect(await columns(db, 'main', 'osc_fail')).toEqual(['id INTEGER', 'a VARCHAR', 'c VARCHAR']);
  });

  it('a failure half-way through (after the ALTER) leaves the table exactly as it was', async () => {
    await exec(db, ...INCREMENTAL_BREAK);
    const r = await tx(['run', '-s', 'fragile'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("Could not convert string 'oops' to INT32");
    const run = readFileSync(join(dir, 'target/run/incremental/models/fragile.sql'), 'utf8');
    expect(run).toContain('alter table "incremental"."main"."fragile" add column "note" VARCHAR;');
    expect(await columns(db, 'main', 'fragile')).toEqual(['id INTEGER', 'amount INTEGER']);
    expect(await rows(db, 'main.fragile', 'id')).toEqual([{ id: 1, amount: 5 }]);
    const results = readJson(join(dir, 'target/run_results.json')) as { results: { status: string }[] };
    expect(results.results[0]!.status).toBe('error');
  });

  it('insert_overwrite is refused on DuckDB with the strategies it has (on the incremental run)', async () => {
    const create = await tx(['run', '-s', 'insert_overwrite'], { cwd: dir });
    expect(create.code).toBe(0);
    const r = await tx(['run', '-s', 'insert_overwrite'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("The incremental strategy 'insert_overwrite' is not valid for this adapter (duckdb)");
    expect(r.stdout).toContain('append, delete+insert, merge, microbatch');
  });
});
