/**
 * Microbatch models on real DuckDB: each batch is its own transaction and status line, a failing
 * batch leaves the others in place and is recorded in run_results, and running its window again
 * with --event-time-start/--event-time-end fills the gap.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, readJson, removeDir, tx, type CliResult } from './harness.js';
import { exec, rows } from './incremental-db.js';
import { MICROBATCH_SETUP } from './fixture-scripts.js';

interface RunResults {
  results: { unique_id: string; status: string; message: string | null; batch_results: { successful: string[][]; failed: string[][] } | null }[];
}

const daily = (dir: string, start: string, end: string, extra: string[] = []) =>
  tx(['run', '-s', 'stg_events', 'daily_amounts', '--event-time-start', start, '--event-time-end', end, ...extra], { cwd: dir });
const result = (dir: string, id: string) => (readJson(join(dir, 'target/run_results.json')) as unknown as RunResults).results.find((r) => r.unique_id === id)!;

describe('microbatch models on DuckDB', () => {
  let dir: string;
  let db: string;
  let first: CliResult;

  beforeAll(async () => {
    dir = copyFixture('microbatch');
    db = join(dir, 'target', 'microbatch.duckdb');
    await exec(db, ...MICROBATCH_SETUP);
    first = await daily(dir, '2024-01-01', '2024-01-04');
  }, 60_000);
  afterAll(() => removeDir(dir));

  it('runs one batch per day, each with its own status lines, dbt style', () => {
    expect(first.stdout).toMatch(/1 of 3 START batch 2024-01-01 of main\.daily_amounts \.+ \[RUN\]/);
    expect(first.stdout).toMatch(/1 of 3 OK created batch 2024-01-01 of main\.daily_amounts \.+ \[success in \d+\.\d\ds\]/);
    expect(first.stdout).toMatch(/2 of 3 ERROR creating batch 2024-01-02 of main\.daily_amounts \.+ \[ERROR in/);
    expect(first.stdout).toMatch(/3 of 3 OK created batch 2024-01-03 of main\.daily_amounts/);
  });

  it('a failed batch leaves the other batches committed: partial success, exit 1', async () => {
    expect(first.code).toBe(1);
    expect(first.stdout).toContain("Could not convert string 'oops' to INT32");
    // dbt ≥1.9's node line, summary and counts for a partial success.
    expect(first.stdout).toMatch(/2 of 2 PARTIALLY created sql incremental model main\.daily_amounts \.+ \[PARTIAL SUCCESS \(2\/3\) in \d+\.\d\ds\]/);
    expect(first.stdout).toContain('Completed with 1 partial success and 0 warnings');
    expect(first.stdout).toMatch(/Done\. PASS=1 WARN=0 ERROR=1 SKIP=0 NO-OP=0 TOTAL=2/);
    expect(await rows(db, 'main.daily_amounts', 'id')).toEqual([
      { id: 1, ts: '2024-01-01 10:00:00', name: 'ada', amount: 10, batch_id: '20240101' },
      { id: 3, ts: '2024-01-03 23:59:59', name: 'ada', amount: 30, batch_id: '20240103' },
    ]);
    const r = result(dir, 'model.microbatch.daily_amounts');
    expect(r.status).toBe('partial success');
    expect(r.message).toBe('PARTIAL SUCCESS (2/3)');
    expect(r.batch_results).toEqual({
      successful: [['2024-01-01T00:00:00+00:00', '2024-01-02T00:00:00+00:00'], ['2024-01-03T00:00:00+00:00', '2024-01-04T00:00:00+00:00']],
      failed: [['2024-01-02T00:00:00+00:00', '2024-01-03T00:00:00+00:00']],
    });
  });

  it('filters upstream refs and sources with event_time to the batch window, not the others', () => {
    const run = readFileSync(join(dir, 'target/run/microbatch/models/daily_amounts.sql'), 'utf8');
    expect(run).toContain(`(select * from "microbatch"."main"."stg_events" where ts >= '2024-01-03 00:00:00+00:00' and ts < '2024-01-04 00:00:00+00:00') _dbt_et_filter_subq_stg_events`);
    expect(run).toContain('join "microbatch"."raw"."users" u');
    expect(run).toContain('-- batch 20240101: [2024-01-01T00:00:00+00:00, 2024-01-02T00:00:00+00:00)');
    // Later batches replace their window (dbt-duckdb's microbatch: delete + insert).
    expect(run).toContain(`delete from "microbatch"."main"."daily_amounts"\nwhere ts >= cast('2024-01-03T00:00:00+00:00' as timestamp)`);
  });

  it('tx retry runs exactly the failed batch again (dbt 1.9 batch_results) and fills the gap', async () => {
    // Fixed upstream (stg_events is a table: retry does not rebuild it, so it is fixed too).
    await exec(db, "update raw.events set payload = '20' where id = 2", "update main.stg_events set payload = '20' where id = 2");
    const retry = await tx(['retry'], { cwd: dir });
    expect(retry.code, retry.stdout).toBe(0);
    expect(retry.stdout).toMatch(/1 of 1 START batch 2024-01-02 of main\.daily_amounts/);
    expect(retry.stdout).toMatch(/1 of 1 OK created batch 2024-01-02 of main\.daily_amounts/);
    expect(retry.stdout).not.toContain('stg_events');
    expect(retry.stdout).toMatch(/Done\. PASS=1 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=1/);
    expect(await rows(db, 'main.daily_amounts', 'id')).toHaveLength(3);
    // The batches that had succeeded are carried into the new run_results, after this run's.
    expect(result(dir, 'model.microbatch.daily_amounts')).toMatchObject({
      status: 'success',
      message: 'SUCCESS',
      batch_results: {
        successful: [
          ['2024-01-02T00:00:00+00:00', '2024-01-03T00:00:00+00:00'],
          ['2024-01-01T00:00:00+00:00', '2024-01-02T00:00:00+00:00'], ['2024-01-03T00:00:00+00:00', '2024-01-04T00:00:00+00:00'],
        ],
        failed: [],
      },
    });
  });

  it('running a window again with --event-time-start/--event-time-end replaces just that batch', async () => {
    const retry = await daily(dir, '2024-01-02', '2024-01-03');
    expect(retry.code).toBe(0);
    expect(retry.stdout).toMatch(/1 of 1 OK created batch 2024-01-02 of main\.daily_amounts/);
    expect(await rows(db, 'main.daily_amounts', 'id')).toEqual([
      { id: 1, ts: '2024-01-01 10:00:00', name: 'ada', amount: 10, batch_id: '20240101' },
      { id: 2, ts: '2024-01-02 09:00:00', name: 'bob', amount: 20, batch_id: '20240102' },
      { id: 3, ts: '2024-01-03 23:59:59', name: 'ada', amount: 30, batch_id: '20240103' },
    ]);
    const r = result(dir, 'model.microbatch.daily_amounts');
    expect(r.status).toBe('success');
    expect(r.batch_results).toEqual({ successful: [['2024-01-02T00:00:00+00:00', '2024-01-03T00:00:00+00:00']], failed: [] });
  });

  it('running a window again replaces it: no duplicates', async () => {
    const before = await rows(db, 'main.daily_amounts', 'id');
    const again = await daily(dir, '2024-01-01', '2024-01-04');
    expect(again.code).toBe(0);
    expect(await rows(db, 'main.daily_amounts', 'id')).toEqual(before);
  });

  it('--full-refresh rebuilds the table from the first batch of the window', async () => {
    const r = await daily(dir, '2024-01-03', '2024-01-05', ['--full-refresh']);
    expect(r.code).toBe(0);
    expect(await rows(db, 'main.daily_amounts', 'id')).toEqual([
      { id: 3, ts: '2024-01-03 23:59:59', name: 'ada', amount: 30, batch_id: '20240103' },
      { id: 4, ts: '2024-01-04 00:00:00', name: 'ada', amount: 40, batch_id: '20240104' },
    ]);
  });

  it('without flags: batches from begin to now, then the last lookback + 1 batches', async () => {
    const year = new Date().getUTCFullYear();
    const firstRun = await tx(['run', '-s', 'yearly'], { cwd: dir });
    expect(firstRun.code).toBe(0);
    const n = year - 2024 + 1;
    expect(firstRun.stdout).toMatch(new RegExp(`1 of ${n} START batch 2024 of main\\.yearly`));
    expect(await rows(db, '(select batch_id, count(*) as n from main.yearly group by 1)', 'batch_id')).toEqual([
      { batch_id: '2024', n: 4 },
      { batch_id: '2025', n: 1 },
    ]);
    const second = await tx(['run', '-s', 'yearly'], { cwd: dir });
    expect(second.code).toBe(0);
    expect(second.stdout).toMatch(new RegExp(`1 of 2 START batch ${year - 1} of main\\.yearly`));
    expect(second.stdout).toMatch(new RegExp(`2 of 2 START batch ${year} of main\\.yearly`));
    expect(await rows(db, 'main.yearly', 'id')).toHaveLength(5);
    // A source with event_time configured is filtered too.
    const run = readFileSync(join(dir, 'target/run/microbatch/models/yearly.sql'), 'utf8');
    expect(run).toContain(`from (select * from "microbatch"."raw"."events" where ts >= '${year}-01-01 00:00:00+00:00' and ts < '${year + 1}-01-01 00:00:00+00:00') _dbt_et_filter_subq_events`);
  });

  it('a bad --event-time-start is a usage error, before anything runs', async () => {
    const r = await daily(dir, 'yesterday', '2024-01-04');
    expect(r.code).toBe(2);
    expect(r.stderr).toContain("--event-time-start 'yesterday' is not a date or datetime");
    const backwards = await daily(dir, '2024-01-04', '2024-01-01');
    expect(backwards.code).toBe(2);
    expect(backwards.stderr).toContain('Value for `--event-time-start` must be less than `--event-time-end`');
  });
});
