/**
 * The example project users try first: the README's quick start, as a functional test.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { REPO, query, removeDir, tx, type CliResult } from './harness.js';

describe('example_project (medallion feature pipeline)', () => {
  let dir: string;
  let db: string;
  let build: CliResult;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'tx-example-'));
    cpSync(join(REPO, 'example_project'), dir, { recursive: true, filter: (src) => !/[\\/]target([\\/]|$)/.test(src) });
    db = join(dir, 'target', 'tx_example.duckdb');
    build = await tx(['build', '--project-dir', dir], { cwd: REPO });
  });
  afterAll(() => removeDir(dir));

  it('builds with no profile on embedded DuckDB', () => {
    expect(build.code).toBe(0);
    expect(build.stdout).toContain('using embedded DuckDB');
    expect(build.stdout).toMatch(/Done\. PASS=41 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=41/);
  });

  it('cleans bronze events into silver.user_features', async () => {
    const [row] = await query(db, `select count(*) as n, count(*) filter (where user_id is null) as null_users,
      count(*) filter (where daily_spend < 0) as negative, min(event_date)::varchar as first_day from main_silver.user_features`);
    expect(row).toEqual({ n: 375, null_users: 0, negative: 0, first_day: '2026-01-01' });
  });

  it('builds a point-in-time correct training set (no feature from on or after the label)', async () => {
    const [row] = await query(db, `select count(*) as labels,
      count(*) filter (where feature_date >= cast(label_timestamp as date)) as leaks from main_gold.training_set`);
    expect(row).toEqual({ labels: 71, leaks: 0 });
    const [rolling] = await query(db, 'select count(*) as n from main_gold.user_rolling_features');
    expect(rolling).toEqual({ n: 3753 });
  });

  it('snapshots the labels source and builds the incremental gold model', async () => {
    expect(build.stdout).toMatch(/OK snapshotted main_snapshots\.labels_snapshot/);
    const [snap] = await query(db, 'select count(*) as n, count(*) filter (where dbt_valid_to is null) as open from main_snapshots.labels_snapshot');
    expect(snap).toEqual({ n: 71, open: 71 });
    const [daily] = await query(db, 'select count(*) as n from main_gold.user_daily_spend');
    const [silver] = await query(db, 'select count(*) as n from main_silver.user_features');
    expect(daily).toEqual(silver);
    // A second build merges the last days again: same rows, and the snapshot records nothing new.
    const again = await tx(['build', '--select', 'user_daily_spend', 'labels_snapshot', '--project-dir', dir], { cwd: REPO });
    expect(again.code).toBe(0);
    expect(await query(db, 'select count(*) as n from main_gold.user_daily_spend')).toEqual([daily]);
    expect(await query(db, 'select count(*) as n from main_snapshots.labels_snapshot')).toEqual([{ n: 71 }]);
  });

  it('runs exactly one model with `tx run --select silver.user_features` from inside the project', async () => {
    const r = await tx(['run', '--select', 'silver.user_features'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/1 of 1 OK created sql table model main_silver\.user_features/);
    expect(r.stdout).toMatch(/TOTAL=1/);
  });
});
