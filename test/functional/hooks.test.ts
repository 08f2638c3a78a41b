/**
 * Hooks through the real CLI on DuckDB (test/fixtures/projects/hooks): pre-hooks and post-hooks
 * of models, seeds and snapshots write audit rows into hook_log, on-run-start creates the log
 * tables and on-run-end writes one row per result into run_log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { copyFixture, query, readJson, removeDir, tx, type CliResult } from './harness.js';
import { describePg, dropSchemas, pgQuery, uniqueSchema, writePgProfile } from './pg-helpers.js';

interface RunResults {
  args: { which: string };
  results: { unique_id: string; status: string; message: string | null; thread_id: string; failures: number | null; compiled_code: string | null }[];
}

const hookLog = (db: string, model: string) =>
  query(db, `select phase, layer from hook_log where model = '${model}' order by id`).then((rows) => rows.map((r) => `${String(r['phase'])} ${String(r['layer'])}`));

describe('hooks on DuckDB', () => {
  let dir: string;
  let db: string;
  let seed: CliResult;
  let run: CliResult;
  let snapshot: CliResult;
  const runResults = (): RunResults => readJson(join(dir, 'target', 'run_results.json')) as unknown as RunResults;

  beforeAll(async () => {
    dir = copyFixture('hooks');
    db = join(dir, 'target', 'hooks.duckdb');
    seed = await tx(['seed'], { cwd: dir });
    snapshot = await tx(['snapshot'], { cwd: dir });
    run = await tx(['run'], { cwd: dir });
  }, 120_000);
  afterAll(() => removeDir(dir));

  it('runs on-run-start and on-run-end around every command, logged as dbt logs them', () => {
    for (const r of [seed, snapshot, run]) {
      expect(r.stderr).toBe('');
      expect(r.code).toBe(0);
    }
    expect(run.stdout).toMatch(/1 of 4 START hook: hooks\.on-run-start\.0 \.+ \[RUN\]/);
    expect(run.stdout).toMatch(/4 of 4 OK hook: hooks\.on-run-start\.3 \.+ \[OK in \d+\.\d\ds\]/);
    expect(run.stdout).toMatch(/1 of 4 OK hook: hooks\.on-run-end\.0 \.+ \[OK in/);
    expect(run.stdout).toContain('Found 7 models, 1 snapshot, 2 seeds, 8 operations,');
    expect(run.stdout).toMatch(/Finished running 8 project hooks, 4 table models, 1 view model, 2 incremental models in/);
    expect(run.stdout).toContain('Done. PASS=15 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=15');
    // on-run-start runs before the first node; on-run-end after the last.
    expect(run.stdout.indexOf('hooks.on-run-start.3')).toBeLessThan(run.stdout.indexOf('START sql'));
    expect(run.stdout.indexOf('hooks.on-run-end.0')).toBeGreaterThan(run.stdout.lastIndexOf('OK created sql'));
  });

  it('runs pre- and post-hooks from dbt_project.yml, properties YAML and config(), in that order', async () => {
    expect(await hookLog(db, 'layered')).toEqual(['pre project', 'pre yaml', 'pre file', 'post project', 'post yaml', 'post file']);
    expect(await hookLog(db, 'incr')).toEqual(['pre project', 'post project']);
  });

  it('runs seed and snapshot hooks, a dict hook with transaction: false among them', async () => {
    expect(await hookLog(db, 'people')).toEqual(['post seed']);
    expect(await hookLog(db, 'people_snapshot')).toEqual(['pre snapshot dict', 'post snapshot']);
  });

  it('runs before_begin() hooks before the transaction and after_commit() hooks after it', async () => {
    expect(await hookLog(db, 'outside')).toEqual(['pre before_begin', 'pre project', 'post project', 'post after_commit']);
    const runFile = readFileSync(join(dir, 'target', 'run', 'hooks', 'models', 'outside.sql'), 'utf8');
    expect(runFile).toMatch(/^-- pre-hook 2 of 2, before the transaction\ninsert into main\.hook_log/);
    expect(runFile).toContain("-- post-hook 2 of 2, after commit\ninsert into main.hook_log (id, model, phase, layer)\n  select coalesce(max(id), 0) + 1, 'outside', 'post', 'after_commit'");
  });

  it('post-hooks see the table they follow; a run_query hook is rendered when it runs', async () => {
    expect(await query(db, "select id, layer from hook_log where model = 'reads_itself' and id >= 100 order by id")).toEqual([
      { id: 100, layer: '3' },
      { id: 101, layer: '3' },
    ]);
  });

  it('runs a microbatch model\'s pre-hooks with its first batch and post-hooks with its last', async () => {
    expect(run.stdout).toMatch(/START batch 2024 of main\.events_mb/);
    expect(await hookLog(db, 'events_mb')).toEqual(['pre project', 'pre microbatch', 'post project', 'post microbatch']);
  });

  it('on-run-end iterates results and schemas; on-run-start sees flags.WHICH', async () => {
    const log = await query(db, 'select what, status, detail from run_log');
    const runRows = log.slice(log.findIndex((r) => r['what'] === 'start' && r['status'] === 'run'));
    expect(runRows).toEqual([
      { what: 'start', status: 'run', detail: 'on-run-start' },
      ...['breaks', 'failing_post', 'outside', 'events_mb', 'incr', 'layered', 'reads_itself'].map((m) => ({ what: `model.hooks.${m}`, status: 'success', detail: 'model' })),
      { what: 'schema', status: 'main', detail: 'on-run-end' },
      { what: 'end', status: 'run', detail: 'on-run-end' },
    ]);
    expect(log.filter((r) => r['what'] === 'start').map((r) => r['status'])).toEqual(['seed', 'snapshot', 'run']);
  });

  it('records the hooks in run_results.json and manifest.json as dbt does', () => {
    const rr = runResults();
    const ids = rr.results.map((r) => r.unique_id);
    expect(ids.slice(0, 4)).toEqual([0, 1, 2, 3].map((i) => `operation.hooks.hooks-on-run-start-${i}`));
    expect(ids.slice(-4)).toEqual([0, 1, 2, 3].map((i) => `operation.hooks.hooks-on-run-end-${i}`));
    expect(rr.results[0]).toMatchObject({ status: 'success', message: 'hooks.on-run-start.0 passed', thread_id: 'main', failures: 0 });
    expect(rr.results[0]!.compiled_code).toContain('create table if not exists main.hook_log');
    const manifest = readJson(join(dir, 'target', 'manifest.json')) as { nodes: Record<string, Record<string, unknown>>; parent_map: Record<string, unknown> };
    expect(manifest.nodes['operation.hooks.hooks-on-run-end-1']).toMatchObject({
      resource_type: 'operation', name: 'hooks-on-run-end-1', index: 1, tags: ['on-run-end'], original_file_path: './dbt_project.yml',
    });
    expect(manifest.parent_map['operation.hooks.hooks-on-run-end-1']).toEqual([]);
  });

  it('a failing post-hook fails the node and the previous table stays', async () => {
    const r = await tx(['run', '-s', 'failing_post', '--vars', '{fail_post: true, version: 2}'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/ERROR creating sql table model main\.failing_post/);
    expect(r.stdout).toContain('Table with name no_such_table does not exist');
    expect(await query(db, 'select version from failing_post')).toEqual([{ version: 1 }]);
    expect(runResults().results.find((x) => x.unique_id === 'model.hooks.failing_post')?.status).toBe('error');
  });

  it('a failing build keeps what a hook outside the transaction did and rolls back the hook inside it', async () => {
    const before = await hookLog(db, 'breaks');
    const r = await tx(['run', '-s', 'breaks', '--vars', '{break_model: true}'], { cwd: dir });
    expect(r.code).toBe(1);
    expect((await hookLog(db, 'breaks')).slice(before.length)).toEqual(['pre outside']);
  });

  it('a failing on-run-start hook skips the hooks after it, the nodes still run, and the command exits 1', async () => {
    const r = await tx(['run', '-s', 'outside', '--vars', '{fail_start: true}'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/3 of 4 OK hook: hooks\.on-run-start\.2 \.+ \[ERROR in/);
    expect(r.stdout).toMatch(/4 of 4 OK hook: hooks\.on-run-start\.3 \.+ \[SKIP/);
    expect(r.stdout).toContain('hooks.on-run-start.2 failed, error:');
    expect(r.stdout).toMatch(/OK created sql view model main\.outside/);
    const statuses = runResults().results.map((x) => [x.unique_id.replace('operation.hooks.hooks-', ''), x.status]);
    expect(statuses).toEqual([
      ['on-run-start-0', 'success'], ['on-run-start-1', 'success'], ['on-run-start-2', 'error'], ['on-run-start-3', 'skipped'],
      ['model.hooks.outside', 'success'],
      ['on-run-end-0', 'success'], ['on-run-end-1', 'success'], ['on-run-end-2', 'success'], ['on-run-end-3', 'success'],
    ]);
    expect(runResults().results[3]!.message).toBe('hooks.on-run-start.3 skipped');
    // on-run-end's results hold the on-run-start hook that failed.
    const log = await query(db, "select status from run_log where what = 'operation.hooks.hooks-on-run-start-2'");
    expect(log).toEqual([{ status: 'error' }]);
  });

  it('a failing on-run-end hook makes the command exit 1 after the run', async () => {
    const r = await tx(['run', '-s', 'outside', '--vars', '{fail_end: true}'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/OK created sql view model main\.outside/);
    expect(r.stdout).toMatch(/3 of 4 OK hook: hooks\.on-run-end\.2 \.+ \[ERROR in/);
    const rr = runResults();
    expect(rr.results.slice(-2).map((x) => x.status)).toEqual(['error', 'skipped']);
    expect(rr.results.slice(-2)[0]!.message).toMatch(/^hooks\.on-run-end\.2 failed, error:\n Catalog Error/);
  });

  it('run-operation runs no project hooks', async () => {
    const before = await query(db, "select count(*) as n from run_log where what = 'start'");
    const r = await tx(['run-operation', 'log_run', '--args', '{what: op, status: x, detail: y}'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('hook:');
    expect(await query(db, "select count(*) as n from run_log where what = 'start'")).toEqual(before);
  });
  it('a hook that fails to render names its place in dbt_project.yml', async () => {
    const r = await tx(['run', '-s', 'outside', '--vars', '{fail_start: render}'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain("hooks.on-run-start.2 failed, error:\n Compilation Error in hooks-on-run-start-2 (dbt_project.yml:12:5)\n  'no_such_macro' is undefined");
  });

});

describePg('hooks on Postgres', () => {
  const schema = uniqueSchema('hooks');
  let dir: string;
  let build: CliResult;
  const hooks = (model: string) =>
    pgQuery(`select phase, layer from "${schema}".hook_log where model = $1 order by id`, [model]).then((rows) => rows.map((r) => `${String(r['phase'])} ${String(r['layer'])}`));

  beforeAll(async () => {
    dir = copyFixture('hooks');
    writePgProfile(dir, 'hooks', { schema, threads: 1 });
    build = await tx(['build'], { cwd: dir });
  }, 120_000);
  afterAll(async () => {
    await dropSchemas(schema);
    removeDir(dir);
  });

  it('runs every hook where dbt runs it', async () => {
    expect(build.stderr).toBe('');
    expect(build.code).toBe(0);
    expect(build.stdout).toMatch(/Finished running 8 project hooks, /);
    expect(await hooks('layered')).toEqual(['pre project', 'pre yaml', 'pre file', 'post project', 'post yaml', 'post file']);
    expect(await hooks('outside')).toEqual(['pre before_begin', 'pre project', 'post project', 'post after_commit']);
    expect(await hooks('people_snapshot')).toEqual(['pre snapshot dict', 'post snapshot']);
    expect(await hooks('events_mb')).toEqual(['pre project', 'pre microbatch', 'post project', 'post microbatch']);
    expect(await pgQuery(`select layer from "${schema}".hook_log where model = 'reads_itself' and id >= 100 order by id`)).toEqual([{ layer: '3' }, { layer: '3' }]);
    const schemas = await pgQuery(`select status from "${schema}".run_log where what = 'schema'`);
    expect(schemas).toEqual([{ status: schema }]);
  });

  it('rolls back a failing post-hook with the build and keeps a hook outside the transaction', async () => {
    const post = await tx(['run', '-s', 'failing_post', '--vars', '{fail_post: true, version: 2}'], { cwd: dir });
    expect(post.code).toBe(1);
    expect(await pgQuery(`select version from "${schema}".failing_post`)).toEqual([{ version: 1 }]);
    const before = await hooks('breaks');
    const broken = await tx(['run', '-s', 'breaks', '--vars', '{break_model: true}'], { cwd: dir });
    expect(broken.code).toBe(1);
    expect((await hooks('breaks')).slice(before.length)).toEqual(['pre outside']);
  });
});
