/**
 * `tx source freshness` on the freshness fixture, through the real CLI on DuckDB. The fixture's
 * "loader" models write tables whose loaded_at is relative to now, so one source passes, one
 * warns, two are stale past error_after (a filter and an empty table), one passes through a
 * loaded_at_query and one fails to run (its table is missing).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, readJson, removeDir, tx, type CliResult } from './harness.js';

interface Entry {
  unique_id: string;
  status: string;
  max_loaded_at?: string;
  snapshotted_at?: string;
  max_loaded_at_time_ago_in_s?: number;
  criteria?: { warn_after: unknown; error_after: unknown; filter: string | null };
  adapter_response?: Record<string, unknown>;
  timing?: { name: string }[];
  thread_id?: string;
  execution_time?: number;
  error?: string;
}

const sourcesJson = (path: string) => readJson(path) as { metadata: Record<string, unknown>; results: Entry[]; elapsed_time: number };
const byId = (results: Entry[]) => Object.fromEntries(results.map((r) => [r.unique_id.replace('source.freshness.', ''), r]));

describe('tx source freshness on DuckDB', () => {
  let dir: string;
  let first: CliResult;

  beforeAll(async () => {
    dir = copyFixture('freshness');
    const built = await tx(['run'], { cwd: dir });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    first = await tx(['source', 'freshness'], { cwd: dir });
  });
  afterAll(() => removeDir(dir));

  it("prints dbt's lines and exits 1 when a source is stale or its check fails", () => {
    expect(first.stderr).toBe('');
    expect(first.code).toBe(1);
    const out = first.stdout;
    expect(out).toMatch(/\d of 6 START freshness of bronze\.events \.+ \[RUN\]/);
    expect(out).toMatch(/\d of 6 PASS freshness of bronze\.events \.+ \[PASS in \d+\.\d\ds\]/);
    expect(out).toMatch(/\d of 6 WARN freshness of bronze\.users \.+ \[WARN in \d+\.\d\ds\]/);
    expect(out).toMatch(/\d of 6 ERROR STALE freshness of bronze\.orders \.+ \[ERROR STALE in /);
    expect(out).toMatch(/\d of 6 ERROR STALE freshness of bronze\.empty_feed \.+ \[ERROR STALE in /);
    expect(out).toMatch(/\d of 6 PASS freshness of bronze\.orders_recent \.+ \[PASS in /);
    expect(out).toMatch(/\d of 6 ERROR freshness of legacy\.gone \.+ \[ERROR in /);
    // freshness: null (a table, and a whole source over the project's +freshness) is not checked.
    expect(out).not.toContain('bronze.archive');
    expect(out).not.toContain('reference.countries');
    expect(out).toMatch(/Finished running 6 sources in 0 hours 0 minutes and \d+\.\d\d seconds/);
    expect(out).toMatch(/ {2}Database Error in source gone \(models\/sources\.yml\)\n {2}Catalog Error: Table with name load_gone does not exist/);
    expect(out.trimEnd()).toMatch(/Done\.$/);
    expect(out).not.toContain('PASS=');
    // The project's default__collect_freshness override ran (and logged once per check).
    expect(out.match(/custom collect_freshness: load_events/g)).toHaveLength(1);
  });

  it('writes target/sources.json in the sources v3 shape', () => {
    const json = sourcesJson(join(dir, 'target', 'sources.json'));
    expect(json.metadata['dbt_schema_version']).toBe('https://schemas.getdbt.com/dbt/sources/v3.json');
    expect(Object.keys(json)).toEqual(['metadata', 'results', 'elapsed_time']);
    expect(json.results.map((r) => r.unique_id)).toEqual([
      'source.freshness.bronze.empty_feed', 'source.freshness.bronze.events', 'source.freshness.bronze.orders',
      'source.freshness.bronze.orders_recent', 'source.freshness.bronze.users', 'source.freshness.legacy.gone',
    ]);
    const r = byId(json.results);
    expect(Object.fromEntries(Object.entries(r).map(([k, v]) => [k, v.status]))).toEqual({
      'bronze.empty_feed': 'error', 'bronze.events': 'pass', 'bronze.orders': 'error', 'bronze.orders_recent': 'pass',
      'bronze.users': 'warn', 'legacy.gone': 'runtime error',
    });
    const events = r['bronze.events']!;
    expect(Object.keys(events)).toEqual([
      'unique_id', 'max_loaded_at', 'snapshotted_at', 'max_loaded_at_time_ago_in_s', 'status', 'criteria', 'adapter_response', 'timing', 'thread_id', 'execution_time',
    ]);
    expect(events.max_loaded_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d{6})?\+00:00$/);
    expect(events.max_loaded_at_time_ago_in_s).toBeGreaterThan(590);
    expect(events.max_loaded_at_time_ago_in_s).toBeLessThan(3600);
    // warn_after from dbt_project.yml, error_after from the source's config.
    expect(events.criteria).toEqual({ warn_after: { count: 1, period: 'hour' }, error_after: { count: 1, period: 'day' }, filter: null });
    expect(events.timing!.map((t) => t.name)).toEqual(['compile', 'execute']);
    expect(events.thread_id).toMatch(/^Thread-\d \(worker\)$/);
    expect(r['bronze.users']!.criteria!.warn_after).toEqual({ count: 2, period: 'hour' });
    expect(r['bronze.orders']!.criteria!.filter).toBe("kind = 'old'");
    expect(r['bronze.orders']!.max_loaded_at_time_ago_in_s).toBeGreaterThan(2 * 86400 - 60);
    expect(r['bronze.orders_recent']!.max_loaded_at_time_ago_in_s).toBeLessThan(3600);
    expect(r['bronze.empty_feed']!.max_loaded_at).toBe('0001-01-01T00:00:00+00:00');
    expect(r['legacy.gone']).toEqual({
      unique_id: 'source.freshness.legacy.gone',
      error: expect.stringMatching(/^Database Error in source gone \(models\/sources\.yml\)\n {2}Catalog Error/),
      status: 'runtime error',
    });
  });

  it('checks only the selected sources; warnings exit 0 unless --warn-error; -o writes elsewhere', async () => {
    const sel = ['--select', 'source:bronze.events', 'source:bronze.users', 'source:reference'];
    const ok = await tx(['source', 'freshness', ...sel, '-o', 'out/fresh.json'], { cwd: dir });
    expect(ok.code, ok.stdout).toBe(0);
    expect(ok.stdout).toMatch(/1 of 2 START freshness of bronze\.events/);
    expect(ok.stdout).toContain('Finished running 2 sources');
    const out = sourcesJson(join(dir, 'out', 'fresh.json'));
    expect(out.results.map((r) => r.status)).toEqual(['pass', 'warn']);
    const strict = await tx(['--warn-error', 'source', 'freshness', '--select', 'source:bronze.users'], { cwd: dir });
    expect(strict.code).toBe(1);
    const excluded = await tx(['source', 'freshness', '--select', 'source:bronze', '--exclude', 'source:bronze.orders source:bronze.empty_feed source:bronze.users', '--log-format', 'json'], { cwd: dir });
    expect(excluded.code).toBe(0);
    const lines = excluded.stdout.trim().split('\n').map((l) => JSON.parse(l) as { info: { name: string; code: string; level: string }; data: Record<string, unknown> });
    const results = lines.filter((l) => l.info.name === 'LogFreshnessResult');
    expect(results.map((l) => [l.info.code, l.data['source_name'], l.data['table_name'], l.data['status']]).sort()).toEqual([
      ['Q018', 'bronze', 'events', 'pass'], ['Q018', 'bronze', 'orders_recent', 'pass'],
    ]);
    expect(lines.at(-1)!.info).toMatchObject({ name: 'FreshnessCheckComplete', code: 'Q003' });
    const none = await tx(['source', 'freshness', '--select', 'source:reference'], { cwd: dir });
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('Nothing to do');
    expect(sourcesJson(join(dir, 'target', 'sources.json')).results).toEqual([]);
  });

  it('source_status:fresher+ selects sources loaded since the --state sources.json, and their children', async () => {
    const prev = join(dir, 'prev');
    mkdirSync(prev, { recursive: true });
    // The "previous" run did not check events; users is loaded again after it.
    await tx(['source', 'freshness', '--exclude', 'source:bronze.events', '-o', join(prev, 'sources.json')], { cwd: dir });
    // Only the sources.json: dbt needs no manifest in --state for source_status.
    expect((await tx(['run', '--select', 'load_users'], { cwd: dir })).code).toBe(0);
    await tx(['source', 'freshness'], { cwd: dir });
    const ls = await tx(['ls', '--select', 'source_status:fresher+', '--state', 'prev'], { cwd: dir });
    expect(ls.stderr).toBe('');
    expect(ls.code).toBe(0);
    expect(ls.stdout.trim().split('\n').filter((l) => !/^\d\d:\d\d:\d\d /.test(l))).toEqual([
      'freshness.staging.stg_events', 'freshness.staging.stg_users', 'source:freshness.bronze.events', 'source:freshness.bronze.users',
    ]);
    const only = await tx(['ls', '--select', 'source_status:fresher', '--state', 'prev', '--resource-type', 'source', '--output', 'name'], { cwd: dir });
    expect(only.stdout).toContain('bronze.users');
  });

  it('source_status needs --state and both sources.json files', async () => {
    const noState = await tx(['ls', '--select', 'source_status:fresher'], { cwd: dir });
    expect(noState.code).toBe(2);
    expect(noState.stderr).toContain("The 'source_status' selector needs --state");
    mkdirSync(join(dir, 'empty_state'), { recursive: true });
    const missing = await tx(['ls', '--select', 'source_status:fresher', '--state', 'empty_state'], { cwd: dir });
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('No previous state comparison freshness results in sources.json');
  });
});

describe('freshness config errors', () => {
  let dir: string;
  beforeAll(() => {
    dir = copyFixture('freshness');
  });
  afterAll(() => removeDir(dir));

  it('a threshold without loaded_at_field is a runtime error on DuckDB, as in dbt', async () => {
    const yml = join(dir, 'models', 'sources.yml');
    const original = readFileSync(yml, 'utf8');
    writeFileSync(yml, original.replace('    freshness: null\n    tables:\n      - name: countries', '    tables:\n      - name: countries'));
    const res = await tx(['source', 'freshness', '--select', 'source:reference'], { cwd: dir });
    writeFileSync(yml, original);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/1 of 1 ERROR freshness of reference\.countries /);
    expect(res.stdout).toContain("Runtime Error in source countries (models/sources.yml)\n  Could not compute freshness for source countries: no 'loaded_at_field' provided and duckdb adapter does not support metadata-based freshness checks.");
  });

  it('reports invalid freshness in properties and dbt_project.yml at their YAML position', async () => {
    const yml = join(dir, 'models', 'sources.yml');
    writeFileSync(yml, readFileSync(yml, 'utf8')
      .replace('warn_after: {count: 2, period: hour}', 'warn_after: {count: 2, period: hours}')
      .replace("loaded_at_query: \"select max(loaded_at) from {{ this }} where kind = 'new'\"", "loaded_at_query: \"select 1\"\n        loaded_at_field: loaded_at"));
    const project = join(dir, 'dbt_project.yml');
    writeFileSync(project, readFileSync(project, 'utf8').replace('warn_after: {count: 1, period: hour}', "warn_after: {count: 'one', period: hour}"));
    const res = await tx(['parse'], { cwd: dir });
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/models\/sources\.yml:17:\d+: error TX0106: 'hours' is not a valid freshness period/);
    expect(res.stderr).toContain("did you mean 'hour'?");
    expect(res.stderr).toMatch(/models\/sources\.yml:\d+:\d+: error TX0106: Cannot specify both loaded_at_field and loaded_at_query at table level\./);
    expect(res.stderr).toMatch(/dbt_project\.yml:18:\d+: error TX0103: 'warn_after\.count' must be a whole number/);
  });
});
