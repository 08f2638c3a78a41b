/** The freshness fixture on BigQuery (the real SDK against the local fake server). */
import '../fakes/bigquery/env.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FakeBigQuery } from '../fakes/bigquery/server.js';
import { copyProject, txBq, writeProfile, type GuardedResult } from '../fakes/bigquery/cli.js';
import { FIXTURES, readJson, removeDir } from './harness.js';

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
