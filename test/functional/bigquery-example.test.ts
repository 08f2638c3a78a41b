/**
 * example_project on BigQuery: compiled offline with a BigQuery target and no credentials, then
 * (in its GoogleSQL spelling, see test/fakes/bigquery/portable.ts) built twice against the fake
 * through the real CLI and SDK, and compared relation by relation, row by row, with the same
 * project built on embedded DuckDB.
 */
import '../fakes/bigquery/env.js';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeBigQuery } from '../fakes/bigquery/server.js';
import { copyProject, txBq, writeProfile, type GuardedResult } from '../fakes/bigquery/cli.js';
import { makeExampleBigQuery } from '../fakes/bigquery/portable.js';
import { REPO, query, removeDir, tx, type CliResult } from './harness.js';

const PROJECT = 'tx-test-project';
/**
 * Columns that differ by design: build times; hashes of a timestamp's text (BigQuery writes a
 * TIMESTAMP as '… 20:46:56+00', DuckDB a naive one as '… 20:46:56'); and dbt.date_trunc('week'),
 * Sunday-based on BigQuery and Monday-based on DuckDB, as in dbt-bigquery and dbt-duckdb.
 */
const IGNORE = new Set(['built_at', 'label_id', 'dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to', 'feature_week']);
const RELATIONS: [string, string][] = [
  ['', 'raw_user_events'], ['', 'raw_labels'], ['', 'stg_labels'], ['_silver', 'user_features'], ['_silver', 'user_activity'],
  ['_gold', 'user_rolling_features'], ['_gold', 'user_daily_spend'], ['_gold', 'training_set'], ['_snapshots', 'labels_snapshot'],
];

function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(12)) : String(v);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (typeof v === 'object' && 'toDouble' in (v as object)) return Number((v as { toDouble(): number }).toDouble().toPrecision(12));
  return v;
}

function rowSet(rows: Record<string, unknown>[]): string[] {
  return rows.map((r) => JSON.stringify(Object.keys(r).filter((k) => !IGNORE.has(k)).sort().map((k) => [k, normalise(r[k])]))).sort();
}

let fake: FakeBigQuery;
let bqDir: string;
let duckDir: string;
const builds: GuardedResult[] = [];
let duckBuild: CliResult;
let offline: GuardedResult;

beforeAll(async () => {
  // 1. The project as it is, compiled for BigQuery with no credentials and no network.
  const plain = copyProject(join(REPO, 'example_project'), 'tx-bq-example-compile-');
  writeProfile(plain, 'tx_example', { method: 'oauth', project: 'my-gcp-project', dataset: 'features', location: 'EU' });
  offline = await txBq(['compile'], plain);
  removeDir(plain);
  // 2. Its GoogleSQL spelling, built twice on the fake; the original built on DuckDB.
  fake = await FakeBigQuery.start({ projects: [PROJECT] });
  bqDir = copyProject(join(REPO, 'example_project'), 'tx-bq-example-');
  makeExampleBigQuery(bqDir, 'features');
  const key = fake.auth.serviceAccount(`example@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
  writeProfile(bqDir, 'tx_example', { method: 'service-account-json', project: PROJECT, dataset: 'features', keyfile_json: key, api_endpoint: fake.url, threads: 4 });
  duckDir = copyProject(join(REPO, 'example_project'), 'tx-duck-example-');
  [duckBuild] = await Promise.all([tx(['build'], { cwd: duckDir })]);
  builds.push(await txBq(['build'], bqDir));
  builds.push(await txBq(['build'], bqDir));
}, 180_000);

afterAll(async () => {
  await fake?.stop();
  if (bqDir) removeDir(bqDir);
  if (duckDir) removeDir(duckDir);
});

describe('example_project on BigQuery', () => {
  it('compiles offline with a bigquery target and no credentials (the SDK is never loaded)', () => {
    expect(offline.stderr).not.toMatch(/error/i);
    expect(offline.code).toBe(0);
    expect(offline.violations).toEqual([]);
  });

  it('builds end to end against the fake, then again incrementally', () => {
    expect(duckBuild.code).toBe(0);
    for (const b of builds) {
      expect(b.stdout, b.stderr).toMatch(/Done\. PASS=40 WARN=0 ERROR=0 SKIP=0/);
      expect(b.code).toBe(0);
      expect(b.violations).toEqual([]);
    }
  });

  it.each(RELATIONS)('%s.%s holds the same rows as the DuckDB build', async (suffix, name) => {
    const bq = await fake.engine.duck(`select * from "${PROJECT}"."features${suffix}"."${name}"`);
    const duck = await query(join(duckDir, 'target', 'tx_example.duckdb'), `select * from "main${suffix}"."${name}"`);
    expect(bq.length).toBeGreaterThan(0);
    expect(rowSet(bq)).toEqual(rowSet(duck));
  });
});
