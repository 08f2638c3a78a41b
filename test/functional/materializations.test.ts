/**
 * Custom materializations on DuckDB: a project's `{% materialization %}` for its adapter, a
 * package's default one, and the project's override of the built-in `view`. Their statements
 * run once each, in order, with dbt's transaction, hooks and results.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { FIXTURES, copyFixture, query, removeDir, tx, type CliResult } from './harness.js';

describe('custom materializations', () => {
  let dir: string;
  let first: CliResult;
  let second: CliResult;
  const db = () => join(dir, 'target', 'materializations.duckdb');
  beforeAll(async () => {
    dir = copyFixture('materializations');
    // An installed package defining a materialization (what `tx deps` would put there).
    cpSync(join(FIXTURES, '..', 'packages', 'matpkg'), join(dir, 'dbt_packages', 'matpkg'), { recursive: true });
    first = await tx(['run'], { cwd: dir });
    second = await tx(['run'], { cwd: dir });
  });
  afterAll(() => removeDir(dir));

  it("runs a project's materialization: statements once, hooks, log, run file", async () => {
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('rebuilt_table rebuilt: 2 rows');
    expect(second.code).toBe(0);
    expect(await query(db(), 'select id from main.rebuilt order by id')).toEqual([{ id: 1 }, { id: 2 }, { id: 99 }]);
    const run = readFileSync(join(dir, 'target', 'run', 'materializations', 'models', 'rebuilt.sql'), 'utf8');
    expect(run.match(/create table/g)).toHaveLength(1);
    expect(run).toMatch(/^begin;\n\ndrop table if exists "materializations"\."main"\."rebuilt"[^;]*;\n\ncreate table/);
    expect(run.trim().endsWith('commit;')).toBe(true);
  });

  it('gives before_begin()/after_commit() hooks to the materialization as hooks outside the transaction', async () => {
    expect(await query(db(), 'select what from main.outside_log')).toEqual([{ what: 'after commit' }, { what: 'after commit' }]);
    const run = readFileSync(join(dir, 'target', 'run', 'materializations', 'models', 'rebuilt_outside.sql'), 'utf8');
    expect(run.indexOf('create table if not exists main.outside_log')).toBeLessThan(run.indexOf('begin;'));
    expect(run.indexOf("insert into main.outside_log values ('after commit')")).toBeGreaterThan(run.indexOf('commit;'));
  });

  it("runs a package's materialization", async () => {
    expect(await query(db(), 'select count(*)::int as n from main.appended')).toEqual([{ n: 2 }]);
  });

  it("honours the project's override of the built-in view", async () => {
    expect(await query(db(), "select count(*)::int as n from main.view_log where name = 'over_view'")).toEqual([{ n: 1 }]);
    expect(await query(db(), 'select count(*)::int as n from main.over_view')).toEqual([{ n: 3 }]);
  });
});

describe("dbt's global helper macros", () => {
  let dir: string;
  beforeAll(async () => {
    dir = copyFixture('materializations');
    cpSync(join(FIXTURES, '..', 'packages', 'matpkg'), join(dir, 'dbt_packages', 'matpkg'), { recursive: true });
    expect((await tx(['run'], { cwd: dir })).code).toBe(0);
  });
  afterAll(() => removeDir(dir));

  it('date_spine, get_columns_in_query, cast, should_full_refresh, load_relation, except, current_timestamp_backcompat', async () => {
    const db = join(dir, 'target', 'materializations.duckdb');
    expect(await query(db, 'select count(*)::int as n, min(date_day)::varchar as lo, max(date_day)::varchar as hi from main.spine')).toEqual([{ n: 4, lo: '2024-01-01 00:00:00', hi: '2024-01-04 00:00:00' }]);
    expect(await query(db, 'select query_columns, casted, full_refresh, rebuilt_type, except_count::int as except_count, has_ts from main.helpers_used')).toEqual([
      { query_columns: 'a,b', casted: 7, full_refresh: false, rebuilt_type: 'table', except_count: 1, has_ts: true },
    ]);
  });
});
