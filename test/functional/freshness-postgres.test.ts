/** The freshness fixture on Postgres: the same statuses, criteria and sources.json as on DuckDB. */
import { afterAll, beforeAll, expect, it } from 'vitest';
import { copyFixture, removeDir, tx, type CliResult } from './harness.js';
import { expectFixtureFreshness } from './freshness-expected.js';
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
    const events = expectFixtureFreshness(dir);
    expect(events.adapter_response).toMatchObject({ _message: 'SELECT 1', code: 'SELECT', rows_affected: 1 });
  });
});
