/** Shared setup for the BigQuery adapter tests: the fake server and connections to it through the SDK. */
import '../../fakes/bigquery/env.js';
import type { ConnectionPool } from '../../../src/adapter/types.js';
import { resolveBigQueryCredentials } from '../../../adapters/bigquery/credentials.js';
import { BigQueryPool } from '../../../adapters/bigquery/pool.js';
import type { Tuning } from '../../../adapters/bigquery/jobs.js';
import { FakeBigQuery, type FakeOptions } from '../../fakes/bigquery/server.js';

export const PROJECT = 'tx-test-project';

/** Short waits so retries and polling take milliseconds. */
export const FAST: Tuning = { retryBaseMs: 5, retryMaxMs: 20, pollInitialMs: 2, pollMaxMs: 10, pageSize: 10_000 };

export function startFake(opts: Partial<FakeOptions> = {}): Promise<FakeBigQuery> {
  return FakeBigQuery.start({ projects: [PROJECT, 'other-project'], ...opts });
}

let accounts = 0;

/** A service-account-json profile for the fake (a fresh service account and key the fake trusts). */
export function saProfile(fake: FakeBigQuery, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const key = fake.auth.serviceAccount(`tx-test-${++accounts}@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
  return {
    type: 'bigquery', method: 'service-account-json', project: PROJECT, dataset: 'analytics', threads: 2,
    keyfile_json: key, api_endpoint: fake.url, location: 'US', ...extra,
  };
}

export function openPool(raw: Record<string, unknown>, tuning: Tuning = FAST, threads = 2): Promise<ConnectionPool> {
  return BigQueryPool.open(resolveBigQueryCredentials(raw), { projectDir: process.cwd(), threads }, tuning);
}
