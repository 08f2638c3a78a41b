/** The freshness fixture on Snowflake (the real SDK against the local fake service). */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyFixture, removeDir, tx, type CliResult } from './harness.js';
import { expectFixtureFreshness, expectFreshnessFailures } from './freshness-expected.js';
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
    expectFixtureFreshness(dir);
    expectFreshnessFailures(res);
  });
});
