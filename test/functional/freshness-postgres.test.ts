/** The freshness fixture on Postgres: the same statuses, criteria and sources.json as on DuckDB. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFixture, readJson, removeDir, tx, type CliResult } from './harness.js';
import { describePg, dropSchemas, uniqueSchema, writePgProfile } from './pg-helpers.js';

describePg('tx source freshness on Postgres', () => {
  const schema = uniqueSchema('fresh');
  let dir: string;
  let res: CliResult;

  beforeAll(async () => {
    dir = copyFixture('freshness');
    writePgProfile(dir, 'freshness', { schema });
    const built = await tx(['run'], { cwd: dir });
    expect(built.code, built.stdout + built.stderr).toBe(0);
    res = await tx(['source', 'freshness'], { cwd: dir });
  });
  afterAll(async () => {
    await dropSchemas(schema);
    removeDir(dir);
  });

  it('reports pass, warn, stale and failed checks as on DuckDB', () => {
    expect(res.stderr).toBe('');
    expect(res.code).toBe(1);
    expect(res.stdout).toContain("Concurrency: 4 threads (target='pg')");
    expect(res.stdout).toMatch(/PASS freshness of bronze\.events \.+ \[PASS in /);
    expect(res.stdout).toMatch(/WARN freshness of bronze\.users /);
    expect(res.stdout).toMatch(/ERROR STALE freshness of bronze\.orders /);
    expect(res.stdout).toMatch(/ERROR freshness of legacy\.gone /);
    expect(res.stdout).toMatch(new RegExp(`Database Error in source gone \\(models/sources\\.yml\\)\\n {2}relation "${schema}_raw\\.load_gone" does not exist`));
    const json = readJson(join(dir, 'target', 'sources.json')) as { results: { unique_id: string; status: string; max_loaded_at?: string; max_loaded_at_time_ago_in_s?: number; adapter_response?: Record<string, unknown> }[] };
    const status = Object.fromEntries(json.results.map((r) => [r.unique_id, r.status]));
    expect(status).toEqual({
      'source.freshness.bronze.empty_feed': 'error', 'source.freshness.bronze.events': 'pass', 'source.freshness.bronze.orders': 'error',
      'source.freshness.bronze.orders_recent': 'pass', 'source.freshness.bronze.users': 'warn', 'source.freshness.legacy.gone': 'runtime error',
    });
    const events = json.results.find((r) => r.unique_id === 'source.freshness.bronze.events')!;
    // timestamptz from Postgres, compared on the warehouse's clock: ten minutes, give or take the run.
    expect(events.max_loaded_at_time_ago_in_s).toBeGreaterThan(590);
    expect(events.max_loaded_at_time_ago_in_s).toBeLessThan(3600);
    expect(events.adapter_response).toMatchObject({ _message: 'SELECT 1', code: 'SELECT', rows_affected: 1 });
  });
});
