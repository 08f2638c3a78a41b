/** The freshness fixture on Snowflake (the real SDK against the local fake service). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { copyFixture, readJson, removeDir, tx, type CliResult } from './harness.js';
import { FakeSnowflake } from '../fakes/snowflake/server.js';
import { SDK_ENV, writeFakeProfile } from '../fakes/snowflake/profile.js';

describe('tx source freshness on Snowflake (fake service)', () => {
  let fake: FakeSnowflake;
  let dir: string;
  let built: CliResult;
  let res: CliResult;
  beforeAll(async () => {
    fake = await FakeSnowflake.start();
    dir = copyFixture('freshness');
    writeFakeProfile(dir, 'freshness', fake, { schema: 'fresh' });
    built = await tx(['run'], { cwd: dir, env: SDK_ENV });
    res = await tx(['source', 'freshness'], { cwd: dir, env: SDK_ENV });
  });
  afterAll(async () => {
    await fake.stop();
    removeDir(dir);
  });

  it('reports the same statuses as on DuckDB', () => {
    expect(built.code, built.stdout + built.stderr).toBe(0);
    const json = readJson(join(dir, 'target', 'sources.json')) as { results: { unique_id: string; status: string; max_loaded_at_time_ago_in_s?: number }[] };
    expect(Object.fromEntries(json.results.map((r) => [r.unique_id, r.status]))).toEqual({
      'source.freshness.bronze.empty_feed': 'error', 'source.freshness.bronze.events': 'pass', 'source.freshness.bronze.orders': 'error',
      'source.freshness.bronze.orders_recent': 'pass', 'source.freshness.bronze.users': 'warn', 'source.freshness.legacy.gone': 'runtime error',
    });
    const events = json.results.find((r) => r.unique_id === 'source.freshness.bronze.events')!;
    expect(events.max_loaded_at_time_ago_in_s).toBeGreaterThan(590);
    expect(events.max_loaded_at_time_ago_in_s).toBeLessThan(3600);
    expect(res.code).toBe(1);
    expect(res.stdout).toMatch(/ERROR STALE freshness of bronze\.orders /);
    expect(res.stdout).toMatch(/Database Error in source gone \(models\/sources\.yml\)/);
  });
});
