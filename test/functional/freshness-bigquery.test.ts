/** The freshness fixture on BigQuery (the real SDK against the local fake server). */
import '../fakes/bigquery/env.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FakeBigQuery } from '../fakes/bigquery/server.js';
import { copyProject, txBq, writeProfile, type GuardedResult } from '../fakes/bigquery/cli.js';
import { FIXTURES, removeDir } from './harness.js';
import { expectFixtureFreshness, expectFreshnessFailures } from './freshness-expected.js';

const PROJECT = 'tx-fresh-project';

describe('tx source freshness on BigQuery (fake server)', () => {
  let fake: FakeBigQuery;
  let dir: string;
  let built: GuardedResult;
  let res: GuardedResult;
  beforeAll(async () => {
    fake = await FakeBigQuery.start({ projects: [PROJECT] });
    dir = copyProject(join(FIXTURES, 'freshness'), 'tx-bq-fresh-');
    const key = fake.auth.serviceAccount(`fresh@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
    writeProfile(dir, 'freshness', { method: 'service-account-json', project: PROJECT, dataset: 'fresh', keyfile_json: key, api_endpoint: fake.url, location: 'US', threads: 4 });
    built = await txBq(['run'], dir);
    res = await txBq(['source', 'freshness'], dir);
  });
  afterAll(async () => {
    await fake.stop();
    removeDir(dir);
  });

  it('reports the same statuses as on DuckDB', () => {
    expect(built.code, built.stdout + built.stderr).toBe(0);
    expect(res.violations).toEqual([]);
    expectFixtureFreshness(dir);
    expectFreshnessFailures(res);
  });
});
