/**
 * example_project, unmodified, on BigQuery and Snowflake (their real SDKs against the local fakes)
 * and on embedded DuckDB: built on each fake and compared relation by relation, row by row, with
 * the DuckDB build. (The Postgres build is compared in postgres-parity.test.ts; the offline
 * compiles are in bigquery-compile.test.ts and snowflake-cli.test.ts.) No process opens a socket
 * to anything but 127.0.0.1.
 */
import '../fakes/bigquery/env.js';
import { cpSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, query, removeDir, tx, type CliResult } from '../functional/harness.js';
import { duckRelationRows } from '../functional/pg-compare.js';
import { fakeRelationRows } from '../functional/snowflake-compare.js';
import { FakeBigQuery } from '../fakes/bigquery/server.js';
import { writeProfile as writeBqProfile } from '../fakes/bigquery/cli.js';
import { FakeSnowflake } from '../fakes/snowflake/server.js';
import { writeFakeProfile } from '../fakes/snowflake/profile.js';
import { txGuarded, type GuardedResult } from '../fakes/guarded-cli.js';

const PROJECT = 'tx-test-project';
/** Build times and the snapshot's meta columns come from each build's clock. */
const RUN_TIME = ['built_at', 'dbt_scd_id', 'dbt_updated_at', 'dbt_valid_from', 'dbt_valid_to'];
/**
 * Differ on BigQuery by design: label_id hashes a timestamp's text (BigQuery writes '… 20:46:56+00'),
 * and dbt.date_trunc('week') starts weeks on Sunday there (Monday on DuckDB), as in dbt-bigquery.
 */
const BQ_DIFFERS = ['label_id', 'feature_week'];
const RELATIONS: [string, string][] = [
  ['', 'raw_user_events'], ['', 'raw_labels'], ['', 'stg_labels'], ['_silver', 'user_features'], ['_silver', 'user_activity'],
  ['_gold', 'user_rolling_features'], ['_gold', 'user_daily_spend'], ['_gold', 'training_set'], ['_snapshots', 'labels_snapshot'],
];

function copyExample(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cpSync(join(REPO, 'example_project'), dir, { recursive: true, filter: (src) => !/[\\/](target|logs)([\\/]|$)/.test(src) });
  return dir;
}

function normalise(v: unknown): unknown {
  if (v === null || v === undefined) return null;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return Number.isFinite(v) ? Number(v.toPrecision(12)) : String(v);
  if (v instanceof Date) return v.toISOString();
  if (v instanceof Uint8Array) return Buffer.from(v).toString('hex');
  if (typeof v === 'object' && 'toDouble' in (v as object)) return Number((v as { toDouble(): number }).toDouble().toPrecision(12));
  return v;
}

function rowSet(rows: Record<string, unknown>[], ignore: readonly string[]): string[] {
  return rows.map((r) => JSON.stringify(Object.keys(r).filter((k) => !ignore.includes(k)).sort().map((k) => [k, normalise(r[k])]))).sort();
}

const dirs: string[] = [];
let duckDir: string;
let duckBuild: CliResult;
afterAll(() => dirs.forEach(removeDir));

beforeAll(async () => {
  duckDir = copyExample('tx-duck-example-');
  dirs.push(duckDir);
  duckBuild = await tx(['build'], { cwd: duckDir });
}, 120_000);

describe('example_project on BigQuery (fake), unmodified', () => {
  let fake: FakeBigQuery;
  let bqDir: string;
  const builds: GuardedResult[] = [];
  beforeAll(async () => {
    fake = await FakeBigQuery.start({ projects: [PROJECT] });
    bqDir = copyExample('tx-bq-example-');
    dirs.push(bqDir);
    const key = fake.auth.serviceAccount(`example@${PROJECT}.iam.gserviceaccount.com`, PROJECT, fake.tokenUri);
    writeBqProfile(bqDir, 'tx_example', { method: 'service-account-json', project: PROJECT, dataset: 'features', keyfile_json: key, api_endpoint: fake.url, threads: 4 });
    builds.push(await txGuarded(['build'], bqDir));
    builds.push(await txGuarded(['build'], bqDir));
  }, 180_000);
  afterAll(async () => {
    await fake?.stop();
  });

  it('builds end to end against the fake, then again incrementally', () => {
    expect(duckBuild.code, duckBuild.stdout).toBe(0);
    for (const b of builds) {
      expect(b.stdout, b.stderr).toMatch(/Done\. PASS=41 WARN=0 ERROR=0 SKIP=0/);
      expect(b.code).toBe(0);
      expect(b.violations).toEqual([]);
    }
  });

  it.each(RELATIONS)('%s.%s holds the same rows as the DuckDB build', async (suffix, name) => {
    const bq = await fake.engine.duck(`select * from "${PROJECT}"."features${suffix}"."${name}"`);
    const duck = await query(join(duckDir, 'target', 'tx_example.duckdb'), `select * from "main${suffix}"."${name}"`);
    expect(bq.length).toBeGreaterThan(0);
    expect(rowSet(bq, [...RUN_TIME, ...BQ_DIFFERS])).toEqual(rowSet(duck, [...RUN_TIME, ...BQ_DIFFERS]));
  });
});

describe('example_project on Snowflake (fake), unmodified', () => {
  let fake: FakeSnowflake;
  let sfDir: string;
  let build: GuardedResult;
  beforeAll(async () => {
    fake = await FakeSnowflake.start();
    sfDir = copyExample('tx-sf-example-');
    dirs.push(sfDir);
    writeFakeProfile(sfDir, 'tx_example', fake, { schema: 'tx_example' });
    build = await txGuarded(['build'], sfDir);
  }, 180_000);
  afterAll(async () => {
    await fake?.stop();
  });

  it('builds every seed, model, snapshot and test', () => {
    expect(build.code, build.stdout).toBe(0);
    expect(build.violations).toEqual([]);
    expect(build.stdout).toContain("Concurrency: 4 threads (target='sf')");
    expect(build.stdout).toMatch(/OK loaded seed file tx_example\.raw_user_events \.* \[INSERT 494 /);
    expect(build.stdout).toMatch(/OK snapshotted tx_example_snapshots\.labels_snapshot/);
    expect(build.stdout).toMatch(/Done\. PASS=41 WARN=0 ERROR=0 SKIP=0 NO-OP=0 TOTAL=41/);
  });

  it('leaves the same relations with the same rows as the DuckDB build', async () => {
    const [duck, sf] = await Promise.all([duckRelationRows(join(duckDir, 'target', 'tx_example.duckdb'), RUN_TIME), fakeRelationRows(fake, 'tx_example', RUN_TIME)]);
    expect(sf.map((r) => `${r.key} ${r.type}`)).toEqual(duck.map((r) => `${r.key} ${r.type}`));
    for (const [i, rel] of sf.entries()) {
      expect(rel.columns, rel.key).toEqual(duck[i]!.columns);
      expect(rel.rows, rel.key).toEqual(duck[i]!.rows);
    }
  });

  it('merges on the second build, with transient tables and query ids in run_results.json', async () => {
    const again = await txGuarded(['build', '--select', 'user_daily_spend', 'labels_snapshot'], sfDir);
    expect(again.code, again.stdout).toBe(0);
    expect(again.violations).toEqual([]);
    expect([...fake.meta.transient]).toEqual(expect.arrayContaining(['ANALYTICS.TX_EXAMPLE_SILVER.USER_FEATURES', 'ANALYTICS.TX_EXAMPLE_GOLD.USER_DAILY_SPEND']));
    expect(fake.queries.all.some((q) => /^merge into analytics\.tx_example_gold\.user_daily_spend as DBT_INTERNAL_DEST/m.test(q.sql))).toBe(true);
    const [row] = await fake.admin('select count(*) as n from "ANALYTICS"."TX_EXAMPLE_GOLD"."USER_DAILY_SPEND"');
    const [silver] = await fake.admin('select count(*) as n from "ANALYTICS"."TX_EXAMPLE_SILVER"."USER_FEATURES"');
    expect(row).toEqual(silver);
  });
});
